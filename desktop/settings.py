"""The app's settings, declared once: name, type, default and label (translated by the window).

Stored as JSON in ``settings.json`` in the user-data folder (owner-only, replaced atomically), so the CLI, tests
and the window read the same file and nothing here imports Qt. A missing, unreadable or out-of-range value falls
back to its default rather than stopping the app.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop import paths

log = logging.getLogger(__name__)

FILENAME = "settings.json"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name Qt's lupdate looks for
    """Marks ``text`` for translation in ``context`` (the window translates it when it shows it)."""
    return text


@dataclass(frozen=True)
class Setting:
    """One setting: its stored ``name``, Python ``type``, ``default``, a ``label`` for the settings dialog
    (empty: not shown there), allowed ``choices`` (if limited) and a numeric range."""

    name: str
    type: type
    default: Any
    label: str = ""
    choices: tuple = ()
    minimum: int | None = None
    maximum: int | None = None

    def coerce(self, value: Any) -> Any:
        """``value`` as this setting's type, or raise ValueError."""
        if self.type is bool:
            if not isinstance(value, bool):
                raise ValueError(f"{self.name} must be true or false")
            return value
        if self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{self.name} must be a whole number")
            if (self.minimum is not None and value < self.minimum) or (
                self.maximum is not None and value > self.maximum
            ):
                raise ValueError(f"{self.name} must be between {self.minimum} and {self.maximum}")
            return value
        if self.type is str:
            if not isinstance(value, str):
                raise ValueError(f"{self.name} must be text")
            if self.choices and value not in self.choices:
                raise ValueError(f"{self.name} must be one of {self.choices}")
            return value
        if self.type is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{self.name} must be a list of text")
            return list(value)
        raise TypeError(self.type)


#: Languages the window is translated into ("" follows the system).
LANGUAGES = ("", "en", "zh_CN")

SETTINGS: tuple[Setting, ...] = (
    Setting("language", str, "", QT_TRANSLATE_NOOP("Settings", "Language"), choices=LANGUAGES),
    Setting(
        "backup_warning_days",
        int,
        7,
        QT_TRANSLATE_NOOP("Settings", "Warn when the last backup is older than (days)"),
        minimum=1,
        maximum=365,
    ),
    Setting("page_size", int, 200, QT_TRANSLATE_NOOP("Settings", "Rows read at a time"), minimum=50, maximum=5000),
    Setting(
        "confirm_single_delete",
        bool,
        True,
        QT_TRANSLATE_NOOP("Settings", "Ask before deleting a single row"),
    ),
    # Not shown in the dialog: remembered by the window itself.
    Setting("window_geometry", str, ""),
    Setting("window_state", str, ""),
    Setting("recent_databases", list, []),
)

BY_NAME = {s.name: s for s in SETTINGS}


def settings_path() -> Path:
    return paths.data_dir() / FILENAME


class Settings:
    """The settings file, loaded once; ``get`` / ``set`` by name, ``save`` writes the file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else settings_path()
        self._values: dict[str, Any] = {}
        self.load()

    def load(self) -> None:
        self._values = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable, using defaults: %s", type(exc).__name__)
            return
        if not isinstance(raw, dict):
            return
        for name, value in raw.items():
            setting = BY_NAME.get(name)
            if setting is None:
                continue
            try:
                self._values[name] = setting.coerce(value)
            except (ValueError, TypeError):
                log.warning("setting %s has an invalid value; using the default", name)

    def get(self, name: str) -> Any:
        setting = BY_NAME[name]
        value = self._values.get(name, setting.default)
        return list(value) if isinstance(value, list) else value

    def set(self, name: str, value: Any) -> None:
        self._values[name] = BY_NAME[name].coerce(value)

    def reset(self, name: str) -> None:
        self._values.pop(name, None)

    def as_dict(self) -> dict[str, Any]:
        return {s.name: self.get(s.name) for s in SETTINGS}

    def save(self) -> None:
        paths.make_private_dir(self.path.parent)
        with paths.replacing(self.path, "w", encoding="utf-8") as out:
            json.dump(self._values, out, ensure_ascii=False, indent=2, sort_keys=True)


def remember_database(settings: Settings, path: str, keep: int = 8) -> None:
    """Put ``path`` first in the recent-databases list."""
    recent = [p for p in settings.get("recent_databases") if p != path]
    settings.set("recent_databases", [path, *recent][:keep])

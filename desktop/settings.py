"""The app's settings, declared once: name, type, default and label (translated by the window).

Stored as JSON in ``settings.json`` in the user-data folder (owner-only, replaced atomically), so the CLI, tests
and the window read the same file and nothing here imports Qt. A missing, unreadable or out-of-range value falls
back to its default rather than stopping the app. Saving writes only what this copy changed over what the file
holds then, so two copies (the window's and a dialog's) never undo each other's changes.

The backup preferences were kept in ``backup-settings.json`` before; a settings file without them takes them from
there once (:data:`LEGACY_BACKUP_FILE`; the old file is left as it was).
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
    Setting(  # passphrase mode: Tools ▸ Encrypt… asks for a passphrase, asked again at every start (ui/encryption.py)
        "passphrase_mode", bool, False, QT_TRANSLATE_NOOP("Settings", "Shared computer: lock with a passphrase")
    ),
    # The backup preferences: shown on their own page (Tools ▸ Backup settings), not in the settings dialog.
    # Where backups go ("": the default folder in the user-data folder), how many are kept (see
    # desktop.backup.retention.BackupPolicy) and when automatic ones are made (an interval of 0: only on close).
    Setting("backup_folder", str, ""),
    Setting("backup_keep_all_days", int, 2, minimum=0, maximum=365),
    Setting("backup_daily", int, 12, minimum=0, maximum=365),
    Setting("backup_weekly", int, 10, minimum=0, maximum=520),
    Setting("backup_monthly", int, 9, minimum=0, maximum=600),
    Setting("backup_on_close", bool, True),
    Setting("backup_interval_minutes", int, 30, minimum=0, maximum=24 * 60),
    # Not shown in the dialog: remembered by the window itself.
    Setting("window_geometry", str, ""),
    Setting("window_state", str, ""),
    Setting("recent_databases", list, []),
)

BY_NAME = {s.name: s for s in SETTINGS}

#: Where the backup preferences were kept before they were settings, and the name each of its keys has here.
LEGACY_BACKUP_FILE = "backup-settings.json"
LEGACY_BACKUP_KEYS = {
    "folder": "backup_folder",
    "keep_all_days": "backup_keep_all_days",
    "daily": "backup_daily",
    "weekly": "backup_weekly",
    "monthly": "backup_monthly",
    "on_close": "backup_on_close",
    "interval_minutes": "backup_interval_minutes",
}


def settings_path() -> Path:
    return paths.data_dir() / FILENAME


class Settings:
    """The settings file, loaded once; ``get`` / ``set`` by name, ``save`` writes the file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else settings_path()
        self._values: dict[str, Any] = {}
        self._changed: set[str] = set()  # set or reset since loaded: what save() writes over the file
        self._carried: dict[str, Any] = {}  # from an old backup-settings.json: written only where the file lacks them
        self.load()

    def load(self) -> None:
        self._values = _read(self.path)
        self._changed = set()
        self._carried = {}
        if not _has_backup_settings(self._values):
            self._carried = _read_legacy_backup_file(self.path.parent / LEGACY_BACKUP_FILE)
            self._values.update(self._carried)

    def get(self, name: str) -> Any:
        setting = BY_NAME[name]
        value = self._values.get(name, setting.default)
        return list(value) if isinstance(value, list) else value

    def set(self, name: str, value: Any) -> None:
        self._values[name] = BY_NAME[name].coerce(value)
        self._changed.add(name)

    def reset(self, name: str) -> None:
        self._values.pop(name, None)
        self._changed.add(name)

    def as_dict(self) -> dict[str, Any]:
        return {s.name: self.get(s.name) for s in SETTINGS}

    def save(self) -> None:
        """Write this copy's changes over what the file holds now (another copy may have saved since)."""
        values = _read(self.path)
        if not _has_backup_settings(values):
            # Carried over by no copy yet: this one writes the old backup-settings.json's values. Never over
            # backup settings another copy has saved since (the Backup settings page's own copy).
            values.update({name: value for name, value in self._carried.items() if name not in self._changed})
        for name in self._changed:
            if name in self._values:
                values[name] = self._values[name]
            else:
                values.pop(name, None)
        paths.make_private_dir(self.path.parent)
        with paths.replacing(self.path, "w", encoding="utf-8") as out:
            json.dump(values, out, ensure_ascii=False, indent=2, sort_keys=True)
        self._values, self._changed, self._carried = values, set(), {}


def _has_backup_settings(values: dict[str, Any]) -> bool:
    return any(name in values for name in LEGACY_BACKUP_KEYS.values())


def _read(path: Path) -> dict[str, Any]:
    """The valid settings a file holds (a missing or unreadable file holds none)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("settings file unreadable, using defaults: %s", type(exc).__name__)
        return {}
    return _valid(raw if isinstance(raw, dict) else {})


def _valid(raw: dict[str, Any]) -> dict[str, Any]:
    values = {}
    for name, value in raw.items():
        setting = BY_NAME.get(name)
        if setting is None:
            continue
        try:
            values[name] = setting.coerce(value)
        except (ValueError, TypeError):
            log.warning("setting %s has an invalid value; using the default", name)
    return values


def _read_legacy_backup_file(path: Path) -> dict[str, Any]:
    """The backup preferences an older version kept in ``backup-settings.json``, under their names here."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("backup settings unreadable; using the defaults")
        return {}
    if not isinstance(raw, dict):
        return {}
    return _valid({LEGACY_BACKUP_KEYS[k]: v for k, v in raw.items() if k in LEGACY_BACKUP_KEYS})


def remember_database(settings: Settings, path: str, keep: int = 8) -> None:
    """Put ``path`` first in the recent-databases list."""
    recent = [p for p in settings.get("recent_databases") if p != path]
    settings.set("recent_databases", [path, *recent][:keep])

"""Where the old app's data may be, and what a chosen folder holds: the search and the description the Source page
(:mod:`desktop.ui.wizard.source`) shows. Qt-free (the page runs it in a worker).

The search is shallow and bounded: the usual places (the app's own folder, Desktop, Downloads, Documents, the home
folder) and their sub-folders down to :data:`MAX_DEPTH` levels, skipping hidden folders and a few known heavy
ones, and stopping after :data:`MAX_FOLDERS` folders or :data:`TIME_BUDGET_S` seconds, so a huge home folder or a
slow network drive never keeps the page waiting.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import platformdirs

from desktop.legacy import read as legacy_read

__all__ = [
    "FoundFile",
    "SourceDescription",
    "describe_source",
    "find_usual_sources",
    "looks_like_source",
    "usual_places",
]

MAX_DEPTH = 2
MAX_FOLDERS = 3000
TIME_BUDGET_S = 2.0
SKIP_NAMES = frozenset(
    {
        "node_modules",
        "site-packages",
        "__pycache__",
        "Library",
        "AppData",
        "Applications",
        "snap",
        "venv",
        ".venv",
        "Pictures",
        "Music",
        "Movies",
        "Videos",
        "Photos",
    }
)


def app_folder() -> Path:
    """The folder the app runs from: the executable's folder when frozen (PyInstaller), else the working folder."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path.cwd()


def usual_places() -> list[Path]:
    """The folders searched, most likely first (existing ones only, each once)."""
    home = Path.home()
    candidates = [app_folder(), home / "Desktop", home / "Downloads", home / "Documents"]
    try:
        # The localised folders (e.g. 桌面, 下载 on a Chinese Linux desktop; Windows' known folders).
        candidates += [
            Path(platformdirs.user_desktop_dir()),
            Path(platformdirs.user_downloads_dir()),
            Path(platformdirs.user_documents_dir()),
        ]
    except Exception:  # pragma: no cover - a broken XDG file must not matter
        pass
    candidates.append(home)
    seen: set[Path] = set()
    places: list[Path] = []
    for place in candidates:
        try:
            resolved = place.expanduser().resolve()
            if resolved in seen or not resolved.is_dir():
                continue
        except OSError:
            continue
        seen.add(resolved)
        places.append(resolved)
    return places


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def looks_like_source(folder: Path) -> bool:
    """True when ``folder`` is ``<root>``, ``<root>/data`` or the files' own folder (a few stat calls)."""
    name = legacy_read.PROFILES_FILE
    return (
        _is_file(folder / "data" / "profiles" / name) or _is_file(folder / "profiles" / name) or _is_file(folder / name)
    )


def find_usual_sources(
    places: list[Path] | None = None,
    *,
    max_depth: int = MAX_DEPTH,
    max_folders: int = MAX_FOLDERS,
    time_budget_s: float = TIME_BUDGET_S,
) -> list[Path]:
    """Folders under the usual places that hold the old app's data, in the order found (no duplicates).

    A folder that matches is not searched further (its ``data`` folder would match again)."""
    deadline = time.monotonic() + time_budget_s
    examined = 0
    found: list[Path] = []
    # folder → the most levels below it searched so far (a folder reached near the depth limit from one place is
    # searched again, deeper, from a place closer to it)
    searched: dict[Path, int] = {}
    for place in places if places is not None else usual_places():
        queue: list[tuple[Path, int]] = [(Path(place), 0)]
        while queue:
            folder, depth = queue.pop(0)
            if examined >= max_folders or time.monotonic() > deadline:
                return found
            examined += 1
            try:
                key = folder.resolve()
            except OSError:
                continue
            if searched.get(key, -1) >= max_depth - depth:
                continue
            searched[key] = max_depth - depth
            if looks_like_source(key):
                if key not in found:
                    found.append(key)
                continue
            if depth >= max_depth:
                continue
            try:
                with os.scandir(key) as entries:
                    children = sorted(
                        (
                            Path(e.path)
                            for e in entries
                            if not e.name.startswith((".", "$"))
                            and e.name not in SKIP_NAMES
                            and e.is_dir(follow_symlinks=False)
                        ),
                        key=lambda p: p.name.lower(),
                    )
            except OSError:
                continue
            queue.extend((child, depth + 1) for child in children)
    return found


@dataclass
class FoundFile:
    """One legacy file in the chosen folder (``kind``: profiles, cards, chat, or a side file's kind)."""

    kind: str
    path: Path
    relpath: str
    size: int
    modified: datetime | None
    migrated: bool = True
    is_dir: bool = False


@dataclass
class SourceDescription:
    """What a chosen folder holds: the files that will be read, the ones that will not, and what is missing."""

    root: Path
    files: list[FoundFile] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # "cards" and/or "chat"


def _found(kind: str, path: Path, relpath: str, migrated: bool = True, is_dir: bool = False) -> FoundFile:
    try:
        stat = path.stat()
        size = 0 if is_dir else stat.st_size
        modified = datetime.fromtimestamp(stat.st_mtime)
    except OSError:
        size, modified = 0, None
    return FoundFile(kind, path, relpath, size, modified, migrated, is_dir)


def describe_source(path: str | os.PathLike[str]) -> SourceDescription:
    """List the legacy files under ``path`` (read-only; only names and sizes are looked at).

    Raises :class:`desktop.legacy.read.LegacySourceError` when there is no profiles file."""
    files = legacy_read.find_legacy_files(path)
    description = SourceDescription(files.source_root)
    for kind, file in (("profiles", files.profiles), ("cards", files.cards), ("chat", files.chat)):
        if file is None:
            description.missing.append(kind)
        else:
            description.files.append(_found(kind, file, files.relpath(file)))
    for side in files.side_files:
        description.files.append(_found(side.kind, side.path, side.relpath, migrated=False, is_dir=side.is_dir))
    return description

"""The window's way to the backup engine (:mod:`desktop.backup`), imported only when needed and guarded, so the
window works before that module exists and uses it as soon as it does.

Until then a backup is a plain online copy made with SQLite's backup API, checked and kept owner-only in the
backups folder, so a bulk delete is never done without a copy first.
"""

from __future__ import annotations

import importlib
import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from desktop import db, paths
from desktop.errors import LedgerError, StorageError

log = logging.getLogger(__name__)


def dialogs_module() -> ModuleType | None:
    """:mod:`desktop.ui.backup_dialogs` (backup folder preference, server snapshots) if this build has it."""
    try:
        return importlib.import_module("desktop.ui.backup_dialogs")
    except ModuleNotFoundError as exc:
        if exc.name not in ("desktop.ui.backup_dialogs",):
            raise
        return None


def preferred_folder() -> Path | None:
    """The backup folder the user chose in Backup settings (``None``: the default folder)."""
    module = dialogs_module()
    if module is None or not hasattr(module, "BackupPreferences"):
        return None
    try:
        return module.BackupPreferences.load().folder_path()
    except Exception:  # unreadable preferences: the default folder
        log.warning("backup preferences unreadable; using the default folder")
        return None


def engine() -> ModuleType | None:
    """:mod:`desktop.backup` if it is installed, else ``None``."""
    try:
        return importlib.import_module("desktop.backup")
    except ModuleNotFoundError as exc:
        if exc.name not in ("desktop.backup",):
            raise
        return None


def create_backup(reason: str, progress: Callable | None = None) -> Path:
    """Back up the open database now (into the folder chosen in Backup settings); returns the backup's path."""
    dialogs = dialogs_module()
    if dialogs is not None and hasattr(dialogs, "make_backup"):
        info = dialogs.make_backup(reason, preferred_folder(), progress)
        return Path(getattr(info, "path", info))
    module = engine()
    if module is not None and hasattr(module, "create_backup"):
        info = module.create_backup(database_path=db.database_path(), reason=reason, progress=progress)
        return Path(getattr(info, "path", info))
    return _fallback_copy(reason, progress)


def _fallback_copy(reason: str, progress: Callable | None) -> Path:
    source_path = db.database_path()
    if source_path is None:
        raise LedgerError("Backups of a server database are made with the server's own tools.")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    dest = paths.backups_dir() / f"ledger-{stamp}-{reason}.db"
    try:
        source = sqlite3.connect(str(source_path))
        target = sqlite3.connect(str(dest))
        try:
            def step(status, remaining, total):
                if progress is not None:
                    progress(total - remaining, total, "")

            source.backup(target, pages=256, progress=step)
            problem = target.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            target.close()
            source.close()
    except sqlite3.Error as exc:
        dest.unlink(missing_ok=True)
        raise StorageError(f"The backup could not be written: {exc}.") from exc
    paths.make_private(dest)
    if problem != "ok":
        dest.unlink(missing_ok=True)
        raise StorageError("The backup copy failed its check and was removed; nothing was deleted.")
    return dest


def last_backup_time() -> datetime | None:
    """When the newest backup was made (aware, UTC), or ``None`` if there is none."""
    module = engine()
    directory = preferred_folder() or paths.backups_dir()
    if module is not None and hasattr(module, "last_backup_time"):
        try:
            value = module.last_backup_time(directory)
        except Exception:  # the status bar must never fail because of it
            log.exception("last_backup_time failed")
            value = None
        return _aware(value)
    newest = None
    if not directory.is_dir():
        return None
    for item in directory.glob("*"):
        if item.is_file() and not item.name.startswith("."):
            mtime = item.stat().st_mtime
            newest = mtime if newest is None or mtime > newest else newest
    return datetime.fromtimestamp(newest, UTC) if newest is not None else None


def _aware(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def recover_damaged_available() -> bool:
    module = engine()
    return module is not None and hasattr(module, "recover_damaged")


def recover_damaged(path: Path | str):
    module = engine()
    if module is None or not hasattr(module, "recover_damaged"):
        raise LedgerError("Restoring from a backup is not available in this version.")
    return module.recover_damaged(path)

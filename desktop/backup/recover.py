"""Recovery at start-up: tidy what a killed restore left (:func:`recover_interrupted`), and replace a damaged
database with the newest backup that passes every check (:func:`recover_damaged`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from desktop.backup.check import check_backup, list_backups
from desktop.backup.encrypt import ENCRYPT_TMP, PLAIN_ASIDE, tidy_encrypt_leftovers
from desktop.backup.files import (
    DB_LOCK,
    MOVED_ASIDE,
    RESTORE_TMP,
    SIDE_FILES,
    CancelFn,
    Progress,
    ProgressFn,
    backup_folder,
    beside_database,
    file_lock,
    storage_errors,
)
from desktop.backup.manifest import NoGoodBackupError, resolve_database
from desktop.backup.restore import RestoreResult, restore_backup, tidy_restore_leftovers

log = logging.getLogger(__name__)


@dataclass
class RecoveryResult:
    restore: RestoreResult
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (backup name, why it was not used)

    def summary(self) -> str:
        lines = [self.restore.summary()]
        lines.extend(f"Skipped {name}: {why}" for name, why in self.skipped)
        return "\n".join(lines)


def recover_interrupted(database_path: Path | str | None = None) -> list[str]:
    """Tidy what a killed restore or encryption left next to the database (call at start-up, before opening it).

    The database file itself is always either the old or the restored one (the rename is the commit point), so
    this only removes the unused copy and the moved-aside side files (a moved-aside WAL is never put back: it
    was folded into the old file before it was moved). Returns what it did, in words."""
    target = resolve_database(database_path)
    possible = [beside_database(target, RESTORE_TMP)] + [beside_database(target, MOVED_ASIDE, s) for s in SIDE_FILES]
    possible += [
        Path(f"{possible[0]}-journal"),
        beside_database(target, ENCRYPT_TMP),
        beside_database(target, PLAIN_ASIDE),
    ]
    if not any(p.exists() for p in possible):
        return []
    done: list[str] = []
    with storage_errors("tidy up after an interrupted restore", target.parent):
        with file_lock(beside_database(target, DB_LOCK), timeout=0) as held:
            if not held:
                return []  # a restore is running right now
            done = tidy_restore_leftovers(target) + tidy_encrypt_leftovers(target)
    return done


def recover_damaged(
    db_path: Path | str | None = None,
    backup_dir: Path | str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> RecoveryResult:
    """After ``db.open_database`` raised DatabaseDamagedError: restore the newest backup that passes every check.

    The damaged file (and its -wal/-shm) is kept as ``<name>.damaged`` and never deleted. Raises
    NoGoodBackupError (database left as it was) when no backup can be used."""
    target = resolve_database(db_path)
    recover_interrupted(target)
    skipped: list[tuple[str, str]] = []
    report = Progress(progress, cancel, "recovery_cancelled")
    for info in list_backups(backup_dir, verify=False):
        report.checkpoint(f"checking {info.name}")
        info = check_backup(info, integrity=True, progress=report.stage(0, 300), cancel=cancel)
        if not info.restorable:
            skipped.append((info.name, info.detail if not info.ok else "made by a newer version of the app"))
            continue
        result = restore_backup(info, target, progress=report.stage(300, 1000), cancel=cancel, backup_dir=backup_dir)
        return RecoveryResult(restore=result, skipped=skipped)
    where = backup_folder(backup_dir)
    raise NoGoodBackupError(code="no_good_backup", where=str(where), path=str(target))

"""What is kept: Anki-style thinning of the backup folder, the restore hold (after a restore, rotation deletes nothing
until the restored database was changed) and the automatic backup that the app runs on close and on a timer."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.backup.check import list_backups
from desktop.backup.create import create_backup
from desktop.backup.files import (
    LOCK_NAME,
    CancelFn,
    ProgressFn,
    aware,
    backup_folder,
    file_lock,
    remove_quietly,
    storage_errors,
    utc_now,
    write_json,
)
from desktop.backup.manifest import SAFETY_PREFIX, BackupInfo, audit_head, head_key, resolve_database
from desktop.errors import StorageError

log = logging.getLogger(__name__)

HOLD_NAME = ".restore-hold.json"


@dataclass(frozen=True)
class BackupPolicy:
    """Retention (Anki-style thinning) and the automatic-backup interval."""

    keep_all_days: float = 2  # every backup younger than this is kept
    daily: int = 12  # then the newest backup of each of this many days …
    weekly: int = 10  # … of this many weeks …
    monthly: int = 9  # … and of this many months
    safety_days: float = 30  # before-* backups are kept at least this long
    auto_interval_minutes: float = 30  # automatic backups at most this often


def backups_to_keep(
    backups: Iterable[tuple[str, datetime, str]], now: datetime, policy: BackupPolicy | None = None
) -> set[str]:
    """Anki-style thinning. ``backups`` are (name, time, reason); returns the names to keep. Pure.

    Kept: every backup younger than ``keep_all_days``; going back in time from there, the newest backup of each of
    the next ``daily`` days that have backups, then of the next ``weekly`` weeks, then of ``monthly`` months
    (counted in periods that have backups, as Anki does, so a rarely used app keeps a longer history); and every
    safety backup (``before-*``) for at least ``safety_days``. Days, weeks and months are calendar periods in the
    time zone of ``now``; a period already represented by a newer kept backup is not represented twice."""
    policy = policy or BackupPolicy()
    now = aware(now)
    tz = now.tzinfo
    recent_cutoff = now - timedelta(days=policy.keep_all_days)
    safety_cutoff = now - timedelta(days=policy.safety_days)
    keep: set[str] = set()
    daily, weekly, monthly = policy.daily, policy.weekly, policy.monthly
    last_day = last_week = last_month = None
    for name, when, reason in sorted(backups, key=lambda b: (aware(b[1]), b[0]), reverse=True):
        when = aware(when)
        local = when.astimezone(tz)
        day = local.date()
        week = local.isocalendar()[:2]
        month = (local.year, local.month)
        if str(reason).startswith(SAFETY_PREFIX) and when >= safety_cutoff:
            keep.add(name)
        if when > recent_cutoff:
            pass
        elif daily > 0:  # the phases follow each other: 12 days, then 10 weeks, then 9 months
            if day == last_day:
                continue
            daily -= 1
        elif weekly > 0:
            if week == last_week:
                continue
            weekly -= 1
        elif monthly > 0:
            if month == last_month:
                continue
            monthly -= 1
        else:
            continue
        keep.add(name)
        last_day, last_week, last_month = day, week, month
    return keep


def kept_by_thinning(backups: Iterable[BackupInfo], now: datetime, policy: BackupPolicy | None = None) -> set[str]:
    """The names of ``backups`` that thinning (:func:`prune`) keeps at ``now``: those :func:`backups_to_keep`
    keeps, and every file without a readable manifest (thinning never deletes those). Pure: the Restore list
    shows with it which backups will stay."""
    backups = list(backups)
    described = [(i.name, i.created_at, i.reason) for i in backups if i.manifest is not None]
    return backups_to_keep(described, now, policy) | {i.name for i in backups if i.manifest is None}


def prune(
    directory: Path | str | None = None,
    policy: BackupPolicy | None = None,
    now: datetime | None = None,
    *,
    force: bool = False,
) -> list[Path]:
    """Delete the backups :func:`backups_to_keep` does not keep; returns the deleted paths.

    Deletes nothing after a restore until the restored database has been changed (see :func:`auto_backup`),
    unless ``force``. Files without a readable manifest are never deleted here."""
    folder = backup_folder(directory)
    policy = policy or BackupPolicy()
    now = now or utc_now()
    removed: list[Path] = []
    with storage_errors("tidy up old backups", folder), file_lock(folder / LOCK_NAME):
        if not force and read_restore_hold(folder) is not None:
            log.info("rotation paused: the restored database has not been changed yet")
            return []
        candidates = list_backups(folder, verify=False)
        keep = kept_by_thinning(candidates, now, policy)
        for info in candidates:
            if info.name in keep:
                continue
            os.remove(info.path)  # the .db first: a manifest alone is never listed and is tidied later
            remove_quietly(info.manifest_path)
            removed.append(info.path)
        if removed:
            paths.fsync_dir(folder)
            log.info("rotation removed %d old backup(s)", len(removed))
    return removed


def read_restore_hold(directory: Path | str | None = None) -> dict[str, Any] | None:
    path = backup_folder(directory) / HOLD_NAME
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return data if isinstance(data, dict) else {}
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # unreadable: keep holding (safe side)


def write_restore_hold(folder: Path, database: Path, backup_name: str, head: dict[str, Any]) -> None:
    data = {
        "database": str(database),
        "backup": backup_name,
        "audit_head": head,
        "restored_at": utc_now().isoformat(timespec="seconds").replace("+00:00", "Z"),
    }
    try:
        with file_lock(folder / LOCK_NAME):
            write_json(folder / HOLD_NAME, data)
    except OSError as exc:
        log.warning("could not record the restore in the backup folder: %s", exc.strerror)


def clear_restore_hold(directory: Path | str | None = None) -> None:
    remove_quietly(backup_folder(directory) / HOLD_NAME)


def auto_backup(
    database_path: Path | str | None = None,
    policy: BackupPolicy | None = None,
    dest_dir: Path | str | None = None,
    now: datetime | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> BackupInfo | None:
    """The app calls this on close and on a timer. Backs up only if the database changed since the newest backup
    (its audit chain head differs) and that backup is at least ``policy.auto_interval_minutes`` old; then thins
    the folder (:func:`prune`). Returns the new backup or None."""
    policy = policy or BackupPolicy()
    source = resolve_database(database_path)
    if not source.is_file() or source.stat().st_size == 0:
        return None
    folder = backup_folder(dest_dir)
    now = aware(now or utc_now())
    head = head_key(audit_head(source))
    hold = read_restore_hold(folder)
    hold_here = hold is not None and hold.get("database") == str(source)
    if hold is not None and hold_here and head == head_key(hold.get("audit_head")):
        return None  # unchanged since the restore (and that state is the restored backup)
    infos = list_backups(folder, verify=False)
    mine = [i for i in infos if i.source in (None, str(source))] or infos
    newest = next((i for i in mine if i.manifest is not None), None)
    if newest is not None:
        if newest.head_key == head and head is not None:
            return None
        if now - newest.created_at < timedelta(minutes=policy.auto_interval_minutes):
            return None
    info = create_backup(source, "auto", folder, progress=progress, cancel=cancel)
    if hold_here:
        clear_restore_hold(folder)  # the restored database was changed: rotation may resume
    try:
        prune(folder, policy, now)
    except StorageError as exc:
        log.warning("rotation skipped: %s", exc)
    return info

"""Making a backup. The copy is made with SQLite's online backup API from a separate read-only connection (the app
keeps working), into a hidden temp file in the backup folder; then the copy is switched to ``journal_mode=DELETE``
(self-contained), passes ``PRAGMA integrity_check``, is hashed and fsynced, and only then renamed to its final
name — after its manifest, so a ``.db`` with a backup's name is always complete and described. A killed backup
leaves at most a temp file (or a manifest without its ``.db``) that the next run in that folder removes. All files
are owner-only."""

from __future__ import annotations

import logging
import os
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop import __version__, keys, paths
from desktop.backup.files import (
    COPY_STEP_PAGES,
    LOCK_NAME,
    TEMP_PREFIX,
    CancelFn,
    Progress,
    ProgressFn,
    backup_folder,
    connect_live,
    file_lock,
    file_sha256,
    privatize_side_files,
    remove_quietly,
    storage_error,
    storage_errors,
    utc_now,
    write_json,
)
from desktop.backup.manifest import (
    MANIFEST_FORMAT,
    MANIFEST_KIND,
    NAME_RE,
    REASONS,
    VERIFIED,
    BackupError,
    BackupInfo,
    database_identity,
    free_name,
    info_from_manifest,
    resolve_database,
    sqlite_facts,
)
from desktop.errors import Cancelled, DatabaseDamagedError
from desktop.keys import Secret
from desktop.store import cipher
from desktop.store.cipher import dbapi

log = logging.getLogger(__name__)


def _check_copy(path: Path, stop: CancelFn, secret: Secret | None) -> dict[str, Any]:
    """:func:`sqlite_facts` of a new backup copy on a connection of its own (runs in a worker thread)."""
    connection = cipher.connect(path, secret, isolation_level=None, check_same_thread=False)
    try:
        return sqlite_facts(connection, stop)
    finally:
        connection.close()


#: The temp file ``paths.replacing`` writes for one of our manifests or the restore hold (``.<name>-<random>.tmp``).
#: Only these: the backup folder may be one the user chose (a synced folder, a USB drive) where other programs keep
#: hidden temp files of their own.
_OUR_REPLACING_TMP = re.compile(r"^\.(?:ledger-\d{8}-\d{6}(?:-\d+)?\.json|\.restore-hold\.json)-\w+\.tmp$")


def _clean_backup_folder(folder: Path) -> list[str]:
    """Remove what killed backups left (temp files, manifests whose .db never arrived). Under the folder lock."""
    removed = []
    for entry in os.scandir(folder):
        name = entry.name
        stem = name[:-5]
        orphan = name.endswith(".json") and NAME_RE.match(f"{stem}.db") and not (folder / f"{stem}.db").exists()
        # TEMP_PREFIX: a copy; the other: a manifest or hold paths.replacing was writing when it was killed
        leftover = name.startswith(TEMP_PREFIX) or _OUR_REPLACING_TMP.match(name) is not None
        if leftover or orphan:
            remove_quietly(entry.path)
            removed.append(name)
    if removed:
        log.info("removed %d leftover file(s) of an unfinished backup", len(removed))
    return removed


def _online_copy(source: Path, target: Path, progress: Progress, secret: Secret | None) -> None:
    """Copy ``source`` into ``target`` with SQLite's online backup API from one read snapshot, keyed like the
    source (an encrypted database's backup is encrypted with the same key); into another key (the encrypted
    backup of a plain database, before it is encrypted) with ``sqlcipher_export``. The copy is switched to
    journal_mode=DELETE so the single file is self-contained."""
    src = connect_live(source, isolation_level=None)
    try:
        if secret != cipher.secret_for(source):
            progress(0, 1, "copying the database")
            cipher.export(src, target, secret)  # one read transaction of its own
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # pin one snapshot for every step
        dest = cipher.connect(target, secret, isolation_level=None)
        try:
            dest.execute("PRAGMA synchronous = OFF")  # the finished file is fsynced as a whole

            def step(status: int, remaining: int, total: int) -> None:
                progress(total - remaining, total, "copying the database")

            if secret == cipher.secret_for(source):
                src.backup(dest, pages=COPY_STEP_PAGES, progress=step)
            mode = dest.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise BackupError(code="backup_not_self_contained")
        finally:
            dest.close()
        src.execute("COMMIT")
    finally:
        src.close()
        privatize_side_files(source)


def create_backup(
    database_path: Path | str | None = None,
    reason: str = "manual",
    dest_dir: Path | str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    secret: Secret | None = cipher.AUTO,
) -> BackupInfo:
    """Make a verified backup of the database (default: the open or the default one) in ``dest_dir`` (default:
    the app's backup folder). Works while the app has the database open (a separate read-only connection).
    The backup of an encrypted database is encrypted with the same key (its description names the key's id,
    nothing else of it); ``secret`` encrypts it with another (None: plain).

    Raises DatabaseDamagedError when the database itself is damaged, StorageError subclasses for disk full /
    read-only / missing folder / removed drive, Cancelled. Nothing is half-written in any case."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    source = resolve_database(database_path)
    if not source.is_file() or source.stat().st_size == 0:
        raise BackupError(code="nothing_to_back_up", path=str(source))
    folder = backup_folder(dest_dir)
    report = Progress(progress, cancel, "backup_cancelled")
    with storage_errors("write the backup", folder):
        with file_lock(folder / LOCK_NAME):
            paths.make_private(folder / LOCK_NAME)
            _clean_backup_folder(folder)
            if secret is cipher.AUTO:
                secret = cipher.secret_for(source)
            return _create_locked(source, reason, folder, report, secret)


def _create_locked(source: Path, reason: str, folder: Path, report: Progress, secret: Secret | None) -> BackupInfo:
    tmp = folder / f"{TEMP_PREFIX}{uuid.uuid4().hex}.db"
    try:
        report.checkpoint("starting the backup")
        paths.create_private_file(tmp)
        if secret is not None:
            cipher.remember_secret(tmp, secret, store=False)
        size, digest, facts = _copy_and_check(source, tmp, report, secret)
        identity = database_identity(tmp, facts["counts"])
        report.check()
        created = utc_now()
        name = free_name(folder, created)
        manifest = _manifest(f"{name}.db", created, reason, source, size, digest, facts, identity)
        manifest["key_id"] = keys.secret_id(secret) if secret is not None else None
        _publish(tmp, folder, name, manifest)
    except BaseException:
        leftovers: list[Path | str] = [tmp, *(f"{tmp}{s}" for s in ("-journal", "-wal", "-shm"))]
        for leftover in leftovers:
            remove_quietly(leftover)
        raise
    finally:
        cipher.forget_secret(tmp)
    info = info_from_manifest(folder / f"{name}.db", manifest)
    info.status, info.detail, info.integrity_checked = VERIFIED, "integrity checked", True
    report.emit(report.TOTAL, "backup finished")
    log.info("backup %s written (%s, %d bytes)", info.name, reason, size)
    return info


def _copy_and_check(
    source: Path, tmp: Path, report: Progress, secret: Secret | None
) -> tuple[int, str, dict[str, Any]]:
    """Copy the database into ``tmp``, then its integrity check (in a worker thread; SQLite releases the GIL) while
    this thread hashes and fsyncs the copy. Returns (size, SHA-256, facts); raises DatabaseDamagedError."""
    try:
        _online_copy(source, tmp, report.stage(0, 550), secret)
    except dbapi.DatabaseError as exc:
        if isinstance(exc, dbapi.OperationalError) and storage_error(exc, "", "") is not None:
            raise
        if str(exc) == "interrupted":
            raise Cancelled(code=report.cancelled_code) from exc
        raise DatabaseDamagedError(str(source), str(exc)) from exc
    for suffix in ("-journal", "-wal", "-shm"):
        remove_quietly(f"{tmp}{suffix}")
    report.checkpoint("checking the copy")
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="backup-check") as pool:
        checking = pool.submit(_check_copy, tmp, lambda: stop.is_set() or report.cancelled(), secret)
        try:
            size, digest = file_sha256(tmp, report.stage(550, 900), sync=True)
        except BaseException:
            stop.set()
            raise
        report.emit(report.lo + (report.hi - report.lo) * 900 // 1000, "checking the copy")
        try:
            facts = checking.result()
        except dbapi.DatabaseError as exc:
            if str(exc) == "interrupted":
                raise Cancelled(code=report.cancelled_code) from exc
            raise DatabaseDamagedError(str(source), str(exc)) from exc
    if facts["integrity"] != "ok":
        raise DatabaseDamagedError(str(source), facts["integrity"])
    return size, digest, facts


def _manifest(
    file: str,
    created: datetime,
    reason: str,
    source: Path,
    size: int,
    digest: str,
    facts: dict[str, Any],
    identity: tuple[str | None, tuple[int, str]],
) -> dict[str, Any]:
    """The manifest of a new backup (see :mod:`desktop.backup.manifest`)."""
    database_id, (last_id, seal_hash) = identity
    return {
        "kind": MANIFEST_KIND,
        "format": MANIFEST_FORMAT,
        "file": file,
        "created_at": created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "reason": reason,
        "app_version": __version__,
        "schema_version": facts["schema_version"],
        "engine": "sqlite",
        "source": str(source),
        "size": size,
        "sha256": digest,
        "integrity": facts["integrity"],
        "counts": facts["counts"],
        "audit_head": facts["audit_head"],
        "database_id": database_id,
        "chain_head": {"last_id": last_id, "hash": seal_hash},
    }


def _publish(tmp: Path, folder: Path, name: str, manifest: dict[str, Any]) -> None:
    """Manifest first, then the .db: a file with a backup's name is always complete and described. A crash in
    between leaves a manifest without its .db, which the next run removes."""
    final_manifest = folder / f"{name}.json"
    write_json(final_manifest, manifest)
    try:
        os.replace(tmp, folder / f"{name}.db")
    except BaseException:
        remove_quietly(final_manifest)
        raise
    paths.fsync_dir(folder)

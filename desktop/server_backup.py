"""Backups of a server (PostgreSQL) database, in the same verified SQLite backup format as a laptop's.

A backup reads the server in one REPEATABLE READ transaction (one consistent snapshot, while others keep
working), writes it into a fresh SQLite file, and hands that file to the backup engine, which checks, hashes and
names it exactly like any other backup — so a server backup can be restored onto a laptop, and the other way
round. No ``pg_dump`` is needed on the user's machine.

A restore verifies the backup, takes a ``before-restore`` backup of the server, then replaces every table's rows
(audit history included) in one server transaction; a failure leaves the server as it was.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from contextlib import closing
from pathlib import Path

import peewee

from desktop import models, paths, transfer
from desktop.backup.check import check_backup
from desktop.backup.create import create_backup
from desktop.backup.files import CancelFn, ProgressFn
from desktop.backup.manifest import BackupDamagedError, BackupError, BackupInfo, find_backup
from desktop.backup.restore import backup_secret
from desktop.errors import LedgerError
from desktop.store import audit, cipher, db, postgres
from desktop.store.schema import SCHEMA_VERSION


def _server_url(target: object) -> str | None:
    if target is not None:
        return str(target) if db.is_server_url(target) else None
    # a server database's handle keeps its URL (postgres.make_database); a file's has none
    return getattr(models.database.obj, "server_url", None)


def is_server_target(target: object) -> bool:
    """True when ``target`` (or, for None, the open database) is a server database."""
    return _server_url(target) is not None


def _scratch_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="mastery-ledger-snapshot-"))


def create_server_backup(
    url: str | None = None,
    reason: str = "manual",
    dest_dir: Path | str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> BackupInfo:
    """Back up the server database ``url`` (default: the open one) into the backup folder."""
    url = url or _server_url(None)
    if not url:
        raise LedgerError(code="server_backup_no_database")
    scratch = _scratch_dir()
    try:
        snapshot = scratch / "snapshot.db"
        source = db.open_postgres(url, create=False, repair=False)
        try:
            target = db.open_sqlite(snapshot)
            try:
                half = (lambda d, t, text: progress(d, t * 2, text)) if progress else None
                transfer.copy_all(source, target, half, cancel)
                _carry_identity(source, target)
            finally:
                target.close()
        finally:
            source.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{snapshot}{suffix}").unlink(missing_ok=True)
        info = create_backup(snapshot, reason=reason, dest_dir=dest_dir, progress=progress, cancel=cancel)
        _label_manifest(info, postgres.redact(url))
        return info
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _carry_identity(source: peewee.Database, snapshot: peewee.Database) -> None:
    """The snapshot is the server database's backup, so it carries the server's id (or none), not the id its fresh
    file was given: the manifest's ``database_id`` then names the server database."""
    server_id = audit.database_id(source)
    with snapshot.atomic():
        meta = audit.META
        meta.delete().where(meta.key == audit.DATABASE_ID_KEY).execute(snapshot)
        if server_id:
            meta.insert({meta.key: audit.DATABASE_ID_KEY, meta.value: server_id}).execute(snapshot)


def _label_manifest(info: BackupInfo, source: str) -> None:
    manifest_path = info.path.with_suffix(".json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["engine"], manifest["source"] = "postgres", source
    with paths.replacing(manifest_path, "w", encoding="utf-8") as out:
        json.dump(manifest, out, ensure_ascii=False, indent=2, sort_keys=True)


def restore_server_backup(
    chosen: BackupInfo | Path | str,
    url: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    backup_dir: Path | str | None = None,
) -> dict[str, int]:
    """Replace the server database's contents with a backup file; returns the counts now on the server."""
    url = url or _server_url(None)
    if not url:
        raise LedgerError(code="server_restore_no_database")
    info = find_backup(chosen, backup_dir)
    info = check_backup(info, integrity=True)
    if not info.ok:
        raise BackupDamagedError(code="server_backup_unusable", name=info.name, detail=info.detail)
    if info.schema_version is None or info.schema_version > SCHEMA_VERSION:
        raise BackupError(code="backup_newer", name=info.name)
    scratch = _scratch_dir()
    try:
        work = scratch / "restore.db"
        shutil.copyfile(info.path, work)  # never open the backup itself for writing
        paths.make_private(work)
        secret = backup_secret(info)  # an encrypted backup: its key (KeyNeeded before anything changes)
        if secret is not None:
            cipher.remember_secret(work, secret, store=False)
        with closing(cipher.connect(work, secret)) as check:
            digest_ok = check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        if not digest_ok:
            raise BackupDamagedError(code="server_backup_damaged", name=info.name)
        create_server_backup(url, "before-restore", backup_dir)
        source = db.open_sqlite(work)
        try:
            target = db.open_postgres(url, create=True, repair=False)
            try:
                transfer.copy_all(source, target, progress, cancel, replace=True)
                counts = transfer.count_rows(target)
            finally:
                target.close()
        finally:
            source.close()
    finally:
        cipher.forget_secret(scratch / "restore.db")
        shutil.rmtree(scratch, ignore_errors=True)
    expected = info.counts or {}
    different = {t: (n, counts.get(t)) for t, n in expected.items() if t in counts and counts[t] != n}
    if different:
        raise LedgerError(code="server_restore_counts_differ", different=different)
    return counts

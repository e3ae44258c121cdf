"""A backup is judged by what the file holds, never by its manifest alone (:func:`check_content`, used by restore,
``backups --check`` and the Restore dialog's list): a private copy of the file is checked against the manifest's size,
SHA-256, row counts and audit head, and on its own for being a SQLite file with our tables and no foreign ones, a
schema not newer than this app's, ``PRAGMA integrity_check``, and the health check (audit triggers, chain, data
against the log). A failure of the first kind makes the backup unusable; a sound backup whose audit trail does not
verify (a backup of a tampered database) is restored only by an explicit choice, which the restored database audits.
Listing the backups of a folder (with or without these checks) is here too."""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import peewee

from desktop import health, keys
from desktop.backup.files import (
    CancelFn,
    Progress,
    ProgressFn,
    backup_folder,
    copy_file,
    file_sha256,
    read_only_uri,
    storage_error,
    storage_errors,
)
from desktop.backup.manifest import (
    DAMAGED,
    LOCKED,
    NAME_RE,
    UNREADABLE,
    VERIFIED,
    BackupInfo,
    ContentCheck,
    database_identity,
    head_key,
    read_backup,
    read_only_database,
    sqlite_facts,
)
from desktop.errors import Cancelled, KeyNeeded
from desktop.keys import Secret
from desktop.store import anchors, cipher
from desktop.store.cipher import dbapi
from desktop.store.db import SQLITE_MAGIC
from desktop.store.schema import EXTRA_SQL, PLAN_TABLES_SQL, SCHEMA_VERSION, SEARCH_TABLES

log = logging.getLogger(__name__)

#: Content-check verdicts of this process by file identity — path, size, inode, modification and change time (any
#: write to the file changes its ctime, which no program can set back) — and manifest, for ``reuse``.
_verdicts: dict[tuple[Any, ...], ContentCheck] = {}

_verdicts_lock = threading.Lock()


def _verdict_key(info: BackupInfo) -> tuple[Any, ...]:
    st = info.path.stat()
    return (
        str(info.path.resolve()),
        st.st_size,
        st.st_ino,
        st.st_mtime_ns,
        st.st_ctime_ns,
        json.dumps(info.manifest, sort_keys=True),
    )


def check_backup(
    info: BackupInfo | Path | str,
    integrity: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    reuse: bool = False,
) -> BackupInfo:
    """Check a backup against its manifest: size and SHA-256 only, or with ``integrity`` the whole content check
    (:func:`check_content`: what the file holds, on a private copy).

    Returns the info with ``status`` verified / damaged / unusable / unverified / unreadable and ``detail`` saying
    why. Only a backup that passed the content check is ``integrity_checked``. ``reuse``: take this process's
    verdict on the very same file and manifest if there is one (the Restore dialog's list after a restore; the
    anchors of backups made since are then not looked at again). A restore never reuses one: it checks the copy it
    swaps in."""
    if not isinstance(info, BackupInfo):
        info = read_backup(info)
    if info.manifest is None:
        info.status = UNREADABLE
        return info
    report = progress if isinstance(progress, Progress) else Progress(progress, cancel, "check_cancelled")
    info.integrity_checked, info.content = False, None
    try:
        if integrity:
            key = _verdict_key(info)
            with _verdicts_lock:
                content = _verdicts.get(key) if reuse else None
            if content is None:
                content = check_content(info, report)
                with _verdicts_lock:
                    _verdicts[key] = content
            content = replace(content, audit=list(content.audit))
            info.content = content
            if content.schema_version is not None:
                info.schema_version = content.schema_version  # the file's own, whatever the manifest says
            info.integrity_checked = content.usable
            return mark(info, content.status, content.detail)
        size = info.path.stat().st_size
        if size != info.size:
            return mark(info, DAMAGED, f"its size changed ({size} bytes, {info.size} expected)")
        _, digest = file_sha256(info.path, report)
        if digest != info.sha256:
            return mark(info, DAMAGED, "its contents changed since it was made (fingerprint mismatch)")
    except FileNotFoundError:
        return mark(info, UNREADABLE, "the file is gone (was the drive removed?)")
    except OSError as exc:
        return mark(info, UNREADABLE, f"it cannot be read ({exc.strerror}; was the drive removed?)")
    return mark(info, VERIFIED, "fingerprint matches")


def mark(info: BackupInfo, status: str, detail: str) -> BackupInfo:
    info.status, info.detail = status, detail
    return info


#: Errors only writing a file can give (so a failed copy blames where it was written, not the backup).
_WRITE_ONLY_ERRORS = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EROFS)


def _schema_tables(script: str) -> set[str]:
    return set(re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", script))


def check_content(
    info: BackupInfo,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    copy_to: Path | None = None,
    secret: Secret | None = None,
) -> ContentCheck:
    """Judge a backup by what its file holds. The one check behind restore, ``backups --check`` and the Restore
    dialog's list.

    The file is copied (hashing what is written) to ``copy_to`` — restore checks the very copy it then swaps in —
    or to a private temporary folder removed afterwards; only that copy is opened, read-only. In order, the first
    failure making it unusable ends the check: size and SHA-256 equal the manifest's; a SQLite file; our tables
    and no foreign ones; its own ``user_version`` not newer than :data:`SCHEMA_VERSION`; ``integrity_check``; row
    counts per table and audit head equal the manifest's. Then, for a file with our audit tables, the health check
    (:func:`desktop.health.check`) as a whole: its problems are the audit-only findings. (The plan's bare schema 0
    has no audit trail of ours yet; it is upgraded after the restore.)

    An encrypted backup is opened with ``secret``, or the key its description names when this computer stores
    it; otherwise it is ``locked`` (nothing read but its description).

    Raises Cancelled, and StorageError when the copy cannot be written; an unreadable backup file raises
    OSError."""
    report = progress if isinstance(progress, Progress) else Progress(progress, cancel, "check_cancelled")
    size = info.path.stat().st_size
    if size != info.size:
        return ContentCheck("changed", f"its size changed ({size} bytes, {info.size} expected)")
    if secret is None and cipher.is_encrypted(info.path):
        # the key its description names (the private copy then proves it); only a description without one makes
        # the stored keys be tried on the file itself
        secret = keys.load_key(info.key_id) if info.key_id else None
        try:
            secret = secret or cipher.secret_for(info.path)
        except KeyNeeded:
            return ContentCheck(LOCKED, "it is encrypted with a key that is not stored on this computer")
    scratch = None
    if copy_to is None:
        with storage_errors("check the backup", Path(tempfile.gettempdir())):
            scratch = Path(tempfile.mkdtemp(prefix="mastery-ledger-check-"))
        copy = scratch / "candidate.db"
    else:
        copy = copy_to
    try:
        stage = report.stage(0, 450)
        try:
            digest = copy_file(info.path, copy, lambda d, t, _: stage(d, t, "checking the backup's fingerprint"))
        except OSError as exc:
            if exc.filename == str(copy) or exc.errno in _WRITE_ONLY_ERRORS:  # writing the copy failed
                translated = storage_error(exc, "restore the backup" if copy_to else "check the backup", copy.parent)
                raise (translated or exc) from exc  # an OSError always translates; ``or`` satisfies the types
            raise  # the backup itself cannot be read
        if digest != info.sha256:
            return ContentCheck("changed", "its contents changed since it was made (fingerprint mismatch)")
        report.checkpoint("checking the backup")
        with open(copy, "rb") as fh:
            if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC and (secret is None or not cipher.is_encrypted(copy)):
                return ContentCheck("damaged", "it is not a Mastery Ledger database file (not SQLite)")
        if secret is not None:
            cipher.remember_secret(copy, secret, store=False)
        return _check_copy_content(copy, info, report)
    except (dbapi.DatabaseError, peewee.DatabaseError) as exc:  # peewee's: the health check could not read it
        if isinstance(exc, dbapi.OperationalError) and str(exc) == "interrupted":
            raise Cancelled(code=report.cancelled_code) from exc
        return ContentCheck("damaged", f"the database inside is damaged ({exc})")
    finally:
        if scratch is not None:
            cipher.forget_secret(copy)
            shutil.rmtree(scratch, ignore_errors=True)


def _check_copy_content(copy: Path, info: BackupInfo, report: Progress) -> ContentCheck:
    """The checks of :func:`check_content` that need no health check, on a read-only connection to the copy."""

    connection = cipher.connect(
        read_only_uri(copy, immutable=True), cipher.secret_for(copy), uri=True, isolation_level=None
    )
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if version > SCHEMA_VERSION:  # its tables are for a newer app to judge
            return ContentCheck(
                "newer",
                f"it was made by a newer version of Mastery Ledger (schema {version}; "
                f"this version knows up to {SCHEMA_VERSION})",
                schema_version=version,
            )
        plan, ours = _schema_tables(PLAN_TABLES_SQL), _schema_tables(PLAN_TABLES_SQL + EXTRA_SQL)
        foreign = sorted(tables - ours - set(SEARCH_TABLES))  # the search index: a cache, made again if gone
        if foreign:
            return ContentCheck(
                "foreign",
                f"it is not a Mastery Ledger database: it holds tables of another program ({', '.join(foreign[:4])})",
                schema_version=version,
            )
        missing = sorted((ours if version == SCHEMA_VERSION else plan) - tables)
        if missing:
            return ContentCheck(
                "foreign",
                f"it is not a whole Mastery Ledger database: tables are missing ({', '.join(missing[:4])})",
                schema_version=version,
            )
        report.emit(report.lo + (report.hi - report.lo) * 450 // 1000, "checking the backup")
        facts = sqlite_facts(connection, report.cancelled)
        report.emit(report.lo + (report.hi - report.lo) * 700 // 1000, "checking the backup")
        if facts["integrity"] != "ok":
            return ContentCheck(
                "damaged", f"the database inside is damaged ({facts['integrity']})", schema_version=version
            )
        mismatch = _differs_from_manifest(facts, database_identity(copy, tables), info)
        if mismatch:
            return ContentCheck("changed", mismatch, schema_version=version)
        content = ContentCheck(schema_version=version)
        # An older schema has no audit trail of ours yet (it is upgraded after the restore) — unless the file holds
        # our audit tables, i.e. someone lowered its version: then the health check says so with the rest.
        if version == SCHEMA_VERSION or tables & (ours - plan):
            content.audit = _audit_problems(copy, report.stage(700, 1000))
        return content
    finally:
        connection.close()


def _differs_from_manifest(
    facts: dict[str, Any], identity: tuple[str | None, tuple[int, str]], info: BackupInfo
) -> str:
    """How the file differs from what its manifest describes (row counts, audit head, id), or ""."""
    if info.counts:
        for table in sorted((set(info.counts) | set(facts["counts"])) - set(SEARCH_TABLES)):  # the index: a cache
            found, described = facts["counts"].get(table), info.counts.get(table)
            if found != described:
                return (
                    f"its row counts differ from its description ({table}: "
                    f"{'none' if found is None else found} in the file, "
                    f"{'none' if described is None else described} described)"
                )
    if info.audit_head and head_key(info.audit_head) != head_key(facts["audit_head"]):
        return "its audit log differs from its description (another last audit row or seal)"
    database_id, (last_id, seal_hash) = identity
    if info.chain_head and (info.chain_head.get("last_id"), info.chain_head.get("hash")) != (last_id, seal_hash):
        return "its audit log differs from its description (another chain head)"
    if info.manifest is not None and "database_id" in info.manifest and info.database_id != database_id:
        return "it belongs to another database than its description says"
    return ""


def _audit_problems(path: Path, report: Progress) -> list[str]:
    """The health check's problems of a backup file (read-only): its audit machinery, chain, data against the log,
    anchors. A backup is an earlier point of its database's history, so a later backup's head is no sign of a log
    cut short: the anchors are those a backup has reached (``anchors.anchor_problems(earlier_point=True)``)."""

    database = read_only_database(path)
    try:
        found = health.check(database, progress=lambda d, t, *_: report(d, t, "checking the audit trail"))
        anchored = set(found.anchors)
        return [p for p in found.problems if p not in anchored] + anchors.anchor_problems(database, earlier_point=True)
    finally:
        database.close()


def list_backups(
    directory: Path | str | None = None,
    *,
    verify: bool = True,
    integrity: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    reuse: bool = False,
) -> list[BackupInfo]:
    """Every backup in the folder (default: the app's backup folder), newest first, with its manifest.

    ``verify`` checks each file's size and SHA-256 (verified / damaged / unreadable); ``integrity`` checks what
    each file holds instead (:func:`check_content`; slower; ``reuse``: see :func:`check_backup`). Temp files of
    unfinished backups are never listed."""
    folder = backup_folder(directory)
    with storage_errors("list the backups", folder):
        names = sorted(entry.name for entry in os.scandir(folder) if NAME_RE.match(entry.name))
    infos = [read_backup(folder / name) for name in names]
    infos.sort(key=lambda i: (i.created_at, i.name), reverse=True)
    if verify:
        report = Progress(progress, cancel, "check_cancelled")
        for n, info in enumerate(infos):
            check_backup(
                info,
                integrity=integrity,
                reuse=reuse,
                progress=report.stage(n * 1000 // len(infos), (n + 1) * 1000 // len(infos)),
            )
    return infos


def last_backup_time(directory: Path | str | None = None) -> datetime | None:
    """When the newest backup in the folder was made (UTC), or None."""
    infos = list_backups(directory, verify=False)
    return infos[0].created_at if infos else None

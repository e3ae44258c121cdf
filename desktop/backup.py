"""Verified backups of the SQLite database: create, list and check, thin out, restore, recover. Qt-free.

A backup is ``ledger-YYYYMMDD-HHMMSS.db`` (UTC time; ``-2``, ``-3`` … on a collision) plus a manifest
``ledger-YYYYMMDD-HHMMSS.json`` beside it: time, reason, app and schema version, size, SHA-256, row counts per
table and the audit chain head. The copy is made with SQLite's online backup API from a separate read-only
connection (the app keeps working), into a hidden temp file in the backup folder; then the copy is switched to
``journal_mode=DELETE`` (self-contained), passes ``PRAGMA integrity_check``, is hashed and fsynced, and only then
renamed to its final name — after its manifest, so a ``.db`` with a backup's name is always complete and
described. A killed backup leaves at most a temp file (or a manifest without its ``.db``) that the next run in
that folder removes. All files are owner-only.

A backup is judged by what the file holds, never by its manifest alone (:func:`check_content`, used by restore,
``backups --check`` and the Restore dialog's list): a private copy of the file is checked against the manifest's size,
SHA-256, row counts and audit head, and on its own for being a SQLite file with our tables and no foreign ones, a
schema not newer than this app's, ``PRAGMA integrity_check``, and the health check (audit triggers, chain, data
against the log). A failure of the first kind makes the backup unusable; a sound backup whose audit trail does not
verify (a backup of a tampered database) is restored only by an explicit choice, which the restored database audits.

Restore (see :func:`restore_backup`) copies the backup next to the database and checks that copy, takes a
``before-restore`` backup, closes the database, folds the WAL into the old file, moves aside ``-wal``/``-shm``/
``-journal`` and renames the copy over the database: that rename is the commit point, so a crash leaves either
the old database or the restored one, never a mix, and no stale WAL can be replayed into the restored file.

The manifest and its checks (hash, size, counts, retention) are engine-neutral; the SQLite specifics are the copy,
``integrity_check`` and the swap.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import peewee

from desktop import __version__, paths
from desktop.errors import Cancelled, DatabaseDamagedError, LedgerError, StorageError
from desktop.store.schema import SCHEMA_VERSION

log = logging.getLogger(__name__)

#: Why a backup was made (its manifest's ``reason``): by you, automatically, or just before an action that could
#: need undoing (``before-*``; those are kept at least ``BackupPolicy.safety_days``). The window labels each one.
REASONS = (
    "manual",
    "auto",
    "before-migration",
    "before-restore",
    "before-upgrade",
    "before-bulk-delete",
    "before-delete-child",
    "before-undo",
    "before-undo-import",
    "before-child-restore",
    "before-optimize",
)
SAFETY_PREFIX = "before-"

NAME_RE = re.compile(r"^ledger-(\d{8})-(\d{6})(?:-(\d+))?\.db$")
MANIFEST_FORMAT = 1
MANIFEST_KIND = "mastery-ledger-backup"
TEMP_PREFIX = ".ledger-tmp-"  # temp files in the backup folder (never listed, removed by the next run)
LOCK_NAME = ".backup.lock"
HOLD_NAME = ".restore-hold.json"
RESTORE_TMP = ".{name}.restore-tmp"  # the restored copy, next to the database, before the commit rename
MOVED_ASIDE = ".{name}{suffix}.restore-old"  # the database's -wal/-shm/-journal, moved aside before the rename
DB_LOCK = ".{name}.lock"
SIDE_FILES = ("-wal", "-shm", "-journal")

VERIFIED, DAMAGED, UNREADABLE, UNCHECKED = "verified", "damaged", "unreadable", "unchecked"
UNUSABLE = "unusable"  # a sound SQLite file, but not one this app can restore (foreign tables, a newer schema)
UNVERIFIED = "unverified"  # sound, but its audit trail does not verify: restored only by an explicit choice

CHUNK = 1 << 20
COPY_STEP_PAGES = 8192
BUSY_TIMEOUT = 10.0
LOCK_TIMEOUT = 60.0

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


# --------------------------------------------------------------------------------------------------------------
# Errors (every str() is a sentence a parent understands).


class BackupError(LedgerError):
    """A backup could not be made, checked or restored."""


class BackupDamagedError(BackupError):
    """The backup fails its checks (hash, size, integrity, contents) or has no readable manifest."""


class BackupUnverifiedError(BackupError):
    """The backup is sound but its audit trail does not verify; it is restored only when that is accepted."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.name, self.problems = name, list(problems)
        super().__init__(code="backup_unverified", name=name, problems="; ".join(self.problems[:3]))


class NoGoodBackupError(BackupError):
    """No backup passed its checks, so nothing could be restored."""


class DiskFullError(StorageError):
    pass


class ReadOnlyError(StorageError):
    pass


class FolderMissingError(StorageError):
    pass


class DriveError(StorageError):
    """The file or folder is on a drive that cannot be read (removed, failing)."""


class DatabaseInUseError(StorageError):
    pass


_SQLITE_FULL, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CANTOPEN, _SQLITE_PERM = 13, 8, 10, 14, 3
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def storage_error(exc: BaseException, action: str, where: Path | str) -> StorageError | None:
    """Translate an OSError or a SQLite I/O error into a plain StorageError (``None`` if it is something else)."""
    where = str(where)
    code = None
    if isinstance(exc, OSError):
        code = exc.errno
    elif isinstance(exc, sqlite3.Error):
        sqlite_code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        code = {
            _SQLITE_FULL: errno.ENOSPC,
            _SQLITE_READONLY: errno.EROFS,
            _SQLITE_IOERR: errno.EIO,
            _SQLITE_CANTOPEN: errno.ENOENT,
            _SQLITE_PERM: errno.EACCES,
            _SQLITE_BUSY: errno.EBUSY,
            _SQLITE_LOCKED: errno.EBUSY,
        }.get(sqlite_code)
        if code is None:
            return None
    else:
        return None
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DiskFullError(code="disk_full", action=action, where=where)
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyError(code="folder_read_only", action=action, where=where)
    if code in (errno.ENOENT, errno.ENOTDIR):
        return FolderMissingError(code="folder_missing", action=action, where=where)
    if code == errno.EBUSY:
        return DatabaseInUseError(code="database_busy", action=action)
    return DriveError(code="drive_failed", action=action, where=where)


@contextmanager
def _storage(action: str, where: Path | str):
    try:
        yield
    except (OSError, sqlite3.OperationalError) as exc:
        translated = storage_error(exc, action, where)
        if translated is None:
            raise
        raise translated from exc


# --------------------------------------------------------------------------------------------------------------
# Public data.


@dataclass(frozen=True)
class BackupPolicy:
    """Retention (Anki-style thinning) and the automatic-backup interval."""

    keep_all_days: float = 2  # every backup younger than this is kept
    daily: int = 12  # then the newest backup of each of this many days …
    weekly: int = 10  # … of this many weeks …
    monthly: int = 9  # … and of this many months
    safety_days: float = 30  # before-* backups are kept at least this long
    auto_interval_minutes: float = 30  # automatic backups at most this often


@dataclass
class ContentCheck:
    """What :func:`check_content` found in a backup file.

    ``kind`` is empty when the file can be restored, else why not: ``changed`` (size, fingerprint, row counts or
    audit head differ from the manifest), ``damaged`` (not a SQLite file, or ``integrity_check`` fails),
    ``foreign`` (not our tables) or ``newer`` (a schema newer than this app's); ``unusable`` says it as the end of
    a sentence. ``audit`` holds the health check's problems (audit triggers, chain, data against the log) of a file
    that is otherwise sound: such a backup is restored only when the user accepts them."""

    kind: str = ""
    unusable: str = ""
    audit: list[str] = field(default_factory=list)
    schema_version: int | None = None

    @property
    def usable(self) -> bool:
        return not self.kind

    @property
    def verified(self) -> bool:
        return self.usable and not self.audit

    @property
    def status(self) -> str:
        if self.kind in ("foreign", "newer"):
            return UNUSABLE
        if self.kind:
            return DAMAGED
        return UNVERIFIED if self.audit else VERIFIED

    @property
    def detail(self) -> str:
        if self.kind:
            return self.unusable
        if self.audit:
            return f"its audit trail does not verify ({'; '.join(self.audit[:3])})"
        return "contents checked"


@dataclass
class BackupInfo:
    """One backup file with its manifest and the outcome of its last check."""

    path: Path
    created_at: datetime  # UTC
    reason: str = "unknown"
    size: int | None = None
    sha256: str | None = None
    app_version: str | None = None
    schema_version: int | None = None
    engine: str | None = None
    source: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    audit_head: dict = field(default_factory=dict)
    database_id: str | None = None
    chain_head: dict = field(default_factory=dict)  # {"last_id", "hash"}; empty in manifests older than it
    manifest: dict | None = None
    status: str = UNCHECKED
    detail: str = ""
    integrity_checked: bool = False  # the whole content check ran (not only size and fingerprint)
    content: ContentCheck | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def manifest_path(self) -> Path:
        return self.path.with_suffix(".json")

    @property
    def local_time(self) -> datetime:
        return self.created_at.astimezone()

    @property
    def is_safety(self) -> bool:
        return self.reason.startswith(SAFETY_PREFIX)

    @property
    def ok(self) -> bool:
        return self.status == VERIFIED

    @property
    def restorable(self) -> bool:
        return self.ok and self.schema_version is not None and self.schema_version <= SCHEMA_VERSION

    @property
    def needs_acceptance(self) -> bool:
        """Sound, but its audit trail does not verify: restored only when the user accepts that."""
        return self.status == UNVERIFIED

    @property
    def head_key(self) -> tuple | None:
        return head_key(self.audit_head) if self.manifest is not None else None


@dataclass
class RestoreResult:
    database_path: Path
    backup: BackupInfo
    safety_backup: BackupInfo | None = None  # the before-restore backup of the database that was replaced
    damaged_copies: list[Path] = field(default_factory=list)  # the replaced database kept as *.damaged
    counts: dict[str, int] = field(default_factory=dict)
    schema_version: int | None = None  # after reopening (an older backup is upgraded)
    problems: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)  # audit problems the user chose to restore despite

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        lines = [f"Restored {self.backup.name} ({self.backup.local_time:%Y-%m-%d %H:%M}) into {self.database_path}."]
        if self.safety_backup:
            lines.append(f"The database it replaced was saved first as {self.safety_backup.path}.")
        for path in self.damaged_copies:
            lines.append(f"The damaged database was kept as {path}.")
        if self.accepted:
            lines.append(
                "Restored although its audit trail does not verify ("
                + "; ".join(self.accepted[:3])
                + "); this choice is recorded in the audit log."
            )
        lines.extend(f"PROBLEM: {p}" for p in self.problems)
        return "\n".join(lines)


@dataclass
class RecoveryResult:
    restore: RestoreResult
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (backup name, why it was not used)

    def summary(self) -> str:
        lines = [self.restore.summary()]
        lines.extend(f"Skipped {name}: {why}" for name, why in self.skipped)
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------------------------
# Small helpers.


class _Progress:
    """Maps the stages of one operation onto one bar 0…1000 (never going backwards) and checks the cancel flag."""

    TOTAL = 1000

    def __init__(self, callback: ProgressFn | None, cancel: CancelFn | None, cancelled_code: str) -> None:
        self.callback, self.cancel, self.cancelled_code = callback, cancel, cancelled_code
        self.lo, self.hi = 0, self.TOTAL
        self.shared = {"last": 0}

    def stage(self, lo: int, hi: int) -> _Progress:
        sub = _Progress(self.callback, self.cancel, self.cancelled_code)
        span = self.hi - self.lo
        sub.lo, sub.hi = self.lo + span * lo // self.TOTAL, self.lo + span * hi // self.TOTAL
        sub.shared = self.shared
        return sub

    def __call__(self, done: int, total: int, text: str) -> None:
        self.check()
        fraction = min(max(done / total, 0.0), 1.0) if total else 1.0
        self.emit(self.lo + int((self.hi - self.lo) * fraction), text)

    def emit(self, value: int, text: str) -> None:
        """Report without checking the cancel flag (after the commit point)."""
        value = max(value, self.shared["last"])
        self.shared["last"] = value
        if self.callback:
            self.callback(value, self.TOTAL, text)

    def cancelled(self) -> bool:
        return self.cancel is not None and bool(self.cancel())

    def check(self) -> None:
        if self.cancelled():
            raise Cancelled(code=self.cancelled_code)

    def checkpoint(self, text: str) -> None:
        """Check the cancel flag and say what comes next (the bar stays where it is)."""
        self.check()
        self.emit(self.lo, text)


_locks = threading.local()


def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(fd: int) -> None:
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


@contextmanager
def _file_lock(lock_path: Path, timeout: float = LOCK_TIMEOUT):
    """An inter-process lock (flock / msvcrt) on ``lock_path``, re-entrant within a thread, released on death.

    Yields True when held; with ``timeout=0`` yields False instead of waiting when someone else holds it."""
    held = getattr(_locks, "held", None)
    if held is None:
        held = _locks.held = set()
    key = os.path.normcase(os.path.abspath(lock_path))
    if key in held:
        yield True
        return
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, paths.PRIVATE_FILE_MODE)
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                if timeout == 0:
                    yield False
                    return
                raise DatabaseInUseError(code="backup_running")
            time.sleep(0.05)
        held.add(key)
        try:
            yield True
        finally:
            held.discard(key)
            _unlock(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path | str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
    except OSError as exc:  # a leftover we could not tidy is not worth failing for
        log.warning("could not remove %s: %s", Path(path).name, exc.strerror)


def _write_private_json(path: Path, data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, paths.PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    paths.make_private(path)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _ro_uri(path: Path, immutable: bool = False) -> str:
    return Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def file_sha256(path: Path | str, progress: ProgressFn | None = None, sync: bool = False) -> tuple[int, str]:
    """(size, SHA-256 hex) of a file, read in 1 MB chunks; ``sync`` fsyncs it too. Engine-neutral."""
    digest = hashlib.sha256()
    size = 0
    total = os.path.getsize(path)
    with open(path, "r+b" if sync else "rb") as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            digest.update(chunk)
            size += len(chunk)
            if progress:
                progress(size, total, "checking the backup's fingerprint")
        if sync:
            os.fsync(fh.fileno())
    return size, digest.hexdigest()


def head_key(audit_head: dict | None) -> tuple | None:
    """What identifies a database's content state: the last audit row and the last seal."""
    if not audit_head:
        return None
    return (audit_head.get("last_audit_id"), audit_head.get("last_seal_hash"))


def _resolve_db(database_path) -> Path:
    from desktop.store import db

    if database_path is None:
        database_path = db.database_path() or paths.default_db_path()
    if db.is_server_url(database_path):
        raise BackupError(code="server_backups_unavailable")
    return Path(database_path).expanduser().resolve()


def backup_folder(directory, create: bool | None = None) -> Path:
    """The backup folder: ``directory`` (must exist: it may be a removable drive) or the default (created)."""
    if directory is None:
        with _storage("create the backup folder", paths.data_dir(create=False) / "backups"):
            return paths.backups_dir()
    folder = Path(directory).expanduser()
    if create:
        with _storage("create the backup folder", folder):
            paths.make_private_dir(folder)
    if not folder.is_dir():
        raise FolderMissingError(code="backup_folder_missing", folder=str(folder))
    return folder.resolve()


# --------------------------------------------------------------------------------------------------------------
# SQLite facts: integrity, counts, audit head (the manifest's content).


def _sqlite_facts(connection: sqlite3.Connection, stop: CancelFn | None = None, integrity: bool = True) -> dict:
    """Integrity, schema version, row counts per table and audit chain head of an open SQLite connection.
    ``stop()`` returning True interrupts the integrity check (sqlite3.OperationalError "interrupted")."""
    facts: dict = {}
    if integrity:
        if stop is not None:
            connection.set_progress_handler(lambda: 1 if stop() else 0, 100_000)
        try:
            rows = [r[0] for r in connection.execute("PRAGMA integrity_check").fetchall()]
        finally:
            connection.set_progress_handler(None, 0)
        facts["integrity"] = "ok" if rows == ["ok"] else "; ".join(str(r) for r in rows[:3])
    facts["schema_version"] = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = [
        r[0]
        for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    facts["counts"] = {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    facts["audit_head"] = _sqlite_head(connection, tables)
    return facts


def _sqlite_head(connection: sqlite3.Connection, tables: Iterable[str] | None = None) -> dict:
    """The audit chain head: the last audit row's id and the last seal (id, last row it covers, hash)."""
    if tables is None:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    tables = set(tables)
    head = {"last_audit_id": None, "last_seal_id": None, "last_sealed_audit_id": None, "last_seal_hash": None}
    if "audit_log" in tables:
        head["last_audit_id"] = connection.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    if "audit_seal" in tables:
        row = connection.execute("SELECT id, last_id, hash FROM audit_seal ORDER BY id DESC LIMIT 1").fetchone()
        if row:
            head["last_seal_id"], head["last_sealed_audit_id"], head["last_seal_hash"] = row
    return head


def _check_copy(path: Path, stop: CancelFn) -> dict:
    """:func:`_sqlite_facts` of a new backup copy on a connection of its own (runs in a worker thread)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        return _sqlite_facts(connection, stop)
    finally:
        connection.close()


def audit_head(database_path=None) -> dict:
    """The audit chain head of a database file (read-only; works while the app has it open)."""
    path = _resolve_db(database_path)
    with _storage("read the database", path):
        connection = None
        try:
            connection = _connect_live(path)
            return _sqlite_head(connection)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and storage_error(exc, "read", path):
                raise
            raise DatabaseDamagedError(str(path), str(exc)) from exc
        finally:
            if connection is not None:
                connection.close()
            _privatize_side_files(path)


def _connect_live(path: Path, timeout: float = BUSY_TIMEOUT, isolation_level: str | None = "") -> sqlite3.Connection:
    """A connection for reading a live database: read-only (it never checkpoints or writes), unless SQLite must
    first recover the file (a hot rollback journal left by a crash: SQLITE_READONLY_ROLLBACK), which only a
    read-write connection may do — then a normal connection does SQLite's own crash recovery."""
    connection = sqlite3.connect(_ro_uri(path), uri=True, timeout=timeout, isolation_level=isolation_level)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError as exc:
        connection.close()
        if ((getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF) != _SQLITE_READONLY:
            raise
    log.info("the database needed crash recovery before it could be read")
    return sqlite3.connect(path, timeout=timeout, isolation_level=isolation_level)


def _privatize_side_files(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        paths.make_private(Path(f"{path}{suffix}"))


# --------------------------------------------------------------------------------------------------------------
# Manifests and listing.


def _time_from_name(name: str) -> datetime | None:
    m = NAME_RE.match(name)
    if not m:
        return None
    try:
        return datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _free_name(folder: Path, when: datetime) -> str:
    stem = f"ledger-{when:%Y%m%d-%H%M%S}"
    n = 1
    while True:
        name = stem if n == 1 else f"{stem}-{n}"
        if not (folder / f"{name}.db").exists() and not (folder / f"{name}.json").exists():
            return name
        n += 1


def _info_from_manifest(path: Path, manifest: dict) -> BackupInfo:
    created = datetime.fromisoformat(manifest["created_at"].replace("Z", "+00:00"))
    return BackupInfo(
        path=path,
        created_at=_aware(created).astimezone(UTC),
        reason=str(manifest.get("reason", "unknown")),
        size=int(manifest["size"]),
        sha256=str(manifest["sha256"]),
        app_version=manifest.get("app_version"),
        schema_version=manifest.get("schema_version"),
        engine=manifest.get("engine"),
        source=manifest.get("source"),
        counts=dict(manifest.get("counts") or {}),
        audit_head=dict(manifest.get("audit_head") or {}),
        database_id=manifest.get("database_id"),
        chain_head=dict(manifest.get("chain_head") or {}),
        manifest=manifest,
    )


def read_backup(path: Path | str) -> BackupInfo:
    """A backup's description from its manifest, without checking the file (status ``unchecked``), or
    ``unreadable`` with the reason in ``detail``."""
    path = Path(path)
    fallback = _time_from_name(path.name) or datetime.fromtimestamp(0, UTC)
    try:
        with open(path.with_suffix(".json"), encoding="utf-8") as fh:
            manifest = json.load(fh)
        if manifest.get("kind") != MANIFEST_KIND:
            raise ValueError("not a backup manifest")
        return _info_from_manifest(path, manifest)
    except FileNotFoundError:
        detail = "its description file (manifest) is missing"
    except OSError as exc:
        detail = f"its description file cannot be read ({exc.strerror})"
    except (ValueError, KeyError, TypeError, AttributeError):
        detail = "its description file (manifest) is damaged"
    return BackupInfo(path=path, created_at=fallback, status=UNREADABLE, detail=detail)


#: Content-check verdicts of this process by file identity — path, size, inode, modification and change time (any
#: write to the file changes its ctime, which no program can set back) — and manifest, for ``reuse``.
_verdicts: dict[tuple, ContentCheck] = {}
_verdicts_lock = threading.Lock()


def _verdict_key(info: BackupInfo) -> tuple:
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
    report = progress if isinstance(progress, _Progress) else _Progress(progress, cancel, "check_cancelled")
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
            return _mark(info, content.status, content.detail)
        size = info.path.stat().st_size
        if size != info.size:
            return _mark(info, DAMAGED, f"its size changed ({size} bytes, {info.size} expected)")
        _, digest = file_sha256(info.path, report)
        if digest != info.sha256:
            return _mark(info, DAMAGED, "its contents changed since it was made (fingerprint mismatch)")
    except FileNotFoundError:
        return _mark(info, UNREADABLE, "the file is gone (was the drive removed?)")
    except OSError as exc:
        return _mark(info, UNREADABLE, f"it cannot be read ({exc.strerror}; was the drive removed?)")
    return _mark(info, VERIFIED, "fingerprint matches")


def _mark(info: BackupInfo, status: str, detail: str) -> BackupInfo:
    info.status, info.detail = status, detail
    return info


#: Errors only writing a file can give (so a failed copy blames where it was written, not the backup).
_WRITE_ONLY_ERRORS = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EROFS)


def _schema_tables(script: str) -> set[str]:
    return set(re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", script))


def check_content(
    info: BackupInfo, progress: ProgressFn | None = None, cancel: CancelFn | None = None, copy_to: Path | None = None
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

    Raises Cancelled, and StorageError when the copy cannot be written; an unreadable backup file raises
    OSError."""
    report = progress if isinstance(progress, _Progress) else _Progress(progress, cancel, "check_cancelled")
    size = info.path.stat().st_size
    if size != info.size:
        return ContentCheck("changed", f"its size changed ({size} bytes, {info.size} expected)")
    scratch = None
    if copy_to is None:
        with _storage("check the backup", Path(tempfile.gettempdir())):
            scratch = Path(tempfile.mkdtemp(prefix="mastery-ledger-check-"))
        copy = scratch / "candidate.db"
    else:
        copy = copy_to
    try:
        stage = report.stage(0, 450)
        try:
            digest = _copy_file(info.path, copy, lambda d, t, _: stage(d, t, "checking the backup's fingerprint"))
        except OSError as exc:
            if exc.filename == str(copy) or exc.errno in _WRITE_ONLY_ERRORS:  # writing the copy failed
                raise storage_error(exc, "restore the backup" if copy_to else "check the backup", copy.parent) from exc
            raise  # the backup itself cannot be read
        if digest != info.sha256:
            return ContentCheck("changed", "its contents changed since it was made (fingerprint mismatch)")
        report.checkpoint("checking the backup")
        with open(copy, "rb") as fh:
            from desktop.store.db import SQLITE_MAGIC

            if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return ContentCheck("damaged", "it is not a Mastery Ledger database file (not SQLite)")
        return _check_copy_content(copy, info, report)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:  # peewee's: the health check could not read it
        if isinstance(exc, sqlite3.OperationalError) and str(exc) == "interrupted":
            raise Cancelled(code=report.cancelled_code) from exc
        return ContentCheck("damaged", f"the database inside is damaged ({exc})")
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _check_copy_content(copy: Path, info: BackupInfo, report: _Progress) -> ContentCheck:
    """The checks of :func:`check_content` that need no health check, on a read-only connection to the copy."""
    from desktop.store.schema import EXTRA_SQL, PLAN_TABLES_SQL

    connection = sqlite3.connect(_ro_uri(copy, immutable=True), uri=True, isolation_level=None)
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
        foreign = sorted(tables - ours)
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
        facts = _sqlite_facts(connection, report.cancelled)
        report.emit(report.lo + (report.hi - report.lo) * 700 // 1000, "checking the backup")
        if facts["integrity"] != "ok":
            return ContentCheck(
                "damaged", f"the database inside is damaged ({facts['integrity']})", schema_version=version
            )
        mismatch = _differs_from_manifest(facts, _identity(copy, tables), info)
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


def _differs_from_manifest(facts: dict, identity: tuple[str | None, tuple[int, str]], info: BackupInfo) -> str:
    """How the file differs from what its manifest describes (row counts, audit head, id), or ""."""
    if info.counts:
        for table in sorted(set(info.counts) | set(facts["counts"])):
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


def _read_only_database(path: Path) -> peewee.SqliteDatabase:
    """A peewee database on a file nobody writes (a backup, a private copy): read-only, immutable."""
    return peewee.SqliteDatabase(_ro_uri(path, immutable=True), uri=True)


def _identity(path: Path, tables: Iterable[str]) -> tuple[str | None, tuple[int, str]]:
    """(database id, audit chain head) of a database file, for the manifest (see :mod:`desktop.store.audit`)."""
    from desktop.store import audit

    tables = set(tables)
    database = _read_only_database(path)
    try:
        database_id = audit.database_id(database) if "meta" in tables else None
        head = audit.chain_head(database) if "audit_seal" in tables else (0, audit.GENESIS_HASH)
    finally:
        database.close()
    return database_id, head


def _audit_problems(path: Path, report: _Progress) -> list[str]:
    """The health check's problems of a backup file (read-only): its audit machinery, chain, data against the log,
    anchors. A backup is an earlier point of its database's history, so a later backup's head is no sign of a log
    cut short: the anchors are those a backup has reached (``audit.anchor_problems(earlier_point=True)``)."""
    from desktop import health
    from desktop.store import audit

    database = _read_only_database(path)
    try:
        found = health.check(database, progress=lambda d, t, *_: report(d, t, "checking the audit trail"))
        anchors = set(found.anchors)
        return [p for p in found.problems if p not in anchors] + audit.anchor_problems(database, earlier_point=True)
    finally:
        database.close()


def list_backups(
    directory=None,
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
    with _storage("list the backups", folder):
        names = sorted(entry.name for entry in os.scandir(folder) if NAME_RE.match(entry.name))
    infos = [read_backup(folder / name) for name in names]
    infos.sort(key=lambda i: (i.created_at, i.name), reverse=True)
    if verify:
        report = _Progress(progress, cancel, "check_cancelled")
        for n, info in enumerate(infos):
            check_backup(
                info,
                integrity=integrity,
                reuse=reuse,
                progress=report.stage(n * 1000 // len(infos), (n + 1) * 1000 // len(infos)),
            )
    return infos


def last_backup_time(directory=None) -> datetime | None:
    """When the newest backup in the folder was made (UTC), or None."""
    infos = list_backups(directory, verify=False)
    return infos[0].created_at if infos else None


def find_backup(backup, directory=None) -> BackupInfo:
    """A backup given as a BackupInfo, a path, or a file name in the backup folder."""
    if isinstance(backup, BackupInfo):
        return backup
    candidate = Path(backup).expanduser()
    if not candidate.is_absolute() and candidate.parent == Path(".") and not candidate.exists():
        folder = backup_folder(directory)
        name = candidate.name if candidate.suffix == ".db" else f"{candidate.name}.db"
        candidate = folder / name
    if not candidate.exists():
        if not candidate.parent.exists():
            raise FolderMissingError(code="backup_folder_gone", path=str(candidate))
        raise BackupError(code="backup_not_found", name=candidate.name, folder=str(candidate.parent))
    return read_backup(candidate.resolve())


# --------------------------------------------------------------------------------------------------------------
# Creating a backup.


def _clean_backup_folder(folder: Path) -> list[str]:
    """Remove what killed backups left (temp files, manifests whose .db never arrived). Under the folder lock."""
    removed = []
    for entry in os.scandir(folder):
        name = entry.name
        stem = name[:-5]
        orphan = name.endswith(".json") and NAME_RE.match(f"{stem}.db") and not (folder / f"{stem}.db").exists()
        if name.startswith(TEMP_PREFIX) or orphan:
            _remove(entry.path)
            removed.append(name)
    if removed:
        log.info("removed %d leftover file(s) of an unfinished backup", len(removed))
    return removed


def _online_copy(source: Path, target: Path, progress: _Progress) -> None:
    """Copy ``source`` into ``target`` with SQLite's online backup API from one read snapshot; the copy is
    switched to journal_mode=DELETE so the single file is self-contained."""
    src = _connect_live(source, isolation_level=None)
    try:
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # pin one snapshot for every step
        dest = sqlite3.connect(target, isolation_level=None)
        try:
            dest.execute("PRAGMA synchronous = OFF")  # the finished file is fsynced as a whole

            def step(status, remaining, total):
                progress(total - remaining, total, "copying the database")

            src.backup(dest, pages=COPY_STEP_PAGES, progress=step)
            mode = dest.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise BackupError(code="backup_not_self_contained")
        finally:
            dest.close()
        src.execute("COMMIT")
    finally:
        src.close()
        _privatize_side_files(source)


def create_backup(
    database_path=None,
    reason: str = "manual",
    dest_dir=None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> BackupInfo:
    """Make a verified backup of the database (default: the open or the default one) in ``dest_dir`` (default:
    the app's backup folder). Works while the app has the database open (a separate read-only connection).

    Raises DatabaseDamagedError when the database itself is damaged, StorageError subclasses for disk full /
    read-only / missing folder / removed drive, Cancelled. Nothing is half-written in any case."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    source = _resolve_db(database_path)
    if not source.is_file() or source.stat().st_size == 0:
        raise BackupError(code="nothing_to_back_up", path=str(source))
    folder = backup_folder(dest_dir)
    report = _Progress(progress, cancel, "backup_cancelled")
    with _storage("write the backup", folder):
        with _file_lock(folder / LOCK_NAME):
            paths.make_private(folder / LOCK_NAME)
            _clean_backup_folder(folder)
            return _create_locked(source, reason, folder, report)


def _create_locked(source: Path, reason: str, folder: Path, report: _Progress) -> BackupInfo:
    token = uuid.uuid4().hex
    tmp = folder / f"{TEMP_PREFIX}{token}.db"
    tmp_manifest = folder / f"{TEMP_PREFIX}{token}.json"
    final_manifest = None
    try:
        report.checkpoint("starting the backup")
        paths.create_private_file(tmp)
        try:
            _online_copy(source, tmp, report.stage(0, 550))
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and storage_error(exc, "", "") is not None:
                raise
            if str(exc) == "interrupted":
                raise Cancelled(code=report.cancelled_code) from exc
            raise DatabaseDamagedError(str(source), str(exc)) from exc
        for suffix in ("-journal", "-wal", "-shm"):
            _remove(f"{tmp}{suffix}")
        # integrity_check (a worker thread; SQLite releases the GIL) while this thread hashes and fsyncs the copy
        report.checkpoint("checking the copy")
        stop = threading.Event()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="backup-check") as pool:
            checking = pool.submit(_check_copy, tmp, lambda: stop.is_set() or report.cancelled())
            try:
                size, digest = file_sha256(tmp, report.stage(550, 900), sync=True)
            except BaseException:
                stop.set()
                raise
            report.emit(report.lo + (report.hi - report.lo) * 900 // 1000, "checking the copy")
            try:
                facts = checking.result()
            except sqlite3.DatabaseError as exc:
                if str(exc) == "interrupted":
                    raise Cancelled(code=report.cancelled_code) from exc
                raise DatabaseDamagedError(str(source), str(exc)) from exc
        if facts["integrity"] != "ok":
            raise DatabaseDamagedError(str(source), facts["integrity"])
        database_id, (last_id, seal_hash) = _identity(tmp, facts["counts"])
        report.check()
        created = _utc_now()
        name = _free_name(folder, created)
        manifest = {
            "kind": MANIFEST_KIND,
            "format": MANIFEST_FORMAT,
            "file": f"{name}.db",
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
        _write_private_json(tmp_manifest, manifest)
        # Manifest first, then the .db: a file with a backup's name is always complete and described. A crash in
        # between leaves a manifest without its .db, which the next run removes.
        final_manifest = folder / f"{name}.json"
        os.replace(tmp_manifest, final_manifest)
        os.replace(tmp, folder / f"{name}.db")
        _fsync_dir(folder)
        final_manifest = None
    except BaseException:
        for leftover in (tmp, tmp_manifest, *(f"{tmp}{s}" for s in ("-journal", "-wal", "-shm"))):
            _remove(leftover)
        if final_manifest is not None:
            _remove(final_manifest)
        raise
    info = _info_from_manifest(folder / f"{name}.db", manifest)
    info.status, info.detail, info.integrity_checked = VERIFIED, "integrity checked", True
    report.emit(report.TOTAL, "backup finished")
    log.info("backup %s written (%s, %d bytes)", info.name, reason, size)
    return info


# --------------------------------------------------------------------------------------------------------------
# Retention.


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
    now = _aware(now)
    tz = now.tzinfo
    recent_cutoff = now - timedelta(days=policy.keep_all_days)
    safety_cutoff = now - timedelta(days=policy.safety_days)
    keep: set[str] = set()
    daily, weekly, monthly = policy.daily, policy.weekly, policy.monthly
    last_day = last_week = last_month = None
    for name, when, reason in sorted(backups, key=lambda b: (_aware(b[1]), b[0]), reverse=True):
        when = _aware(when)
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
    directory=None, policy: BackupPolicy | None = None, now: datetime | None = None, *, force: bool = False
) -> list[Path]:
    """Delete the backups :func:`backups_to_keep` does not keep; returns the deleted paths.

    Deletes nothing after a restore until the restored database has been changed (see :func:`auto_backup`),
    unless ``force``. Files without a readable manifest are never deleted here."""
    folder = backup_folder(directory)
    policy = policy or BackupPolicy()
    now = now or _utc_now()
    removed: list[Path] = []
    with _storage("tidy up old backups", folder), _file_lock(folder / LOCK_NAME):
        if not force and read_restore_hold(folder) is not None:
            log.info("rotation paused: the restored database has not been changed yet")
            return []
        candidates = list_backups(folder, verify=False)
        keep = kept_by_thinning(candidates, now, policy)
        for info in candidates:
            if info.name in keep:
                continue
            os.remove(info.path)  # the .db first: a manifest alone is never listed and is tidied later
            _remove(info.manifest_path)
            removed.append(info.path)
        if removed:
            _fsync_dir(folder)
            log.info("rotation removed %d old backup(s)", len(removed))
    return removed


# --------------------------------------------------------------------------------------------------------------
# The restore hold: after a restore, rotation deletes nothing until the restored database was changed.


def read_restore_hold(directory=None) -> dict | None:
    path = backup_folder(directory) / HOLD_NAME
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return data if isinstance(data, dict) else {}
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # unreadable: keep holding (safe side)


def _write_restore_hold(folder: Path, database: Path, backup_name: str, head: dict) -> None:
    data = {
        "database": str(database),
        "backup": backup_name,
        "audit_head": head,
        "restored_at": _utc_now().isoformat(timespec="seconds").replace("+00:00", "Z"),
    }
    tmp = folder / f"{TEMP_PREFIX}hold-{uuid.uuid4().hex}.json"
    try:
        with _file_lock(folder / LOCK_NAME):
            _write_private_json(tmp, data)
            os.replace(tmp, folder / HOLD_NAME)
            _fsync_dir(folder)
    except OSError as exc:
        _remove(tmp)
        log.warning("could not record the restore in the backup folder: %s", exc.strerror)


def clear_restore_hold(directory=None) -> None:
    _remove(backup_folder(directory) / HOLD_NAME)


# --------------------------------------------------------------------------------------------------------------
# Automatic backups.


def auto_backup(
    database_path=None,
    policy: BackupPolicy | None = None,
    dest_dir=None,
    now: datetime | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> BackupInfo | None:
    """The app calls this on close and on a timer. Backs up only if the database changed since the newest backup
    (its audit chain head differs) and that backup is at least ``policy.auto_interval_minutes`` old; then thins
    the folder (:func:`prune`). Returns the new backup or None."""
    policy = policy or BackupPolicy()
    source = _resolve_db(database_path)
    if not source.is_file() or source.stat().st_size == 0:
        return None
    folder = backup_folder(dest_dir)
    now = _aware(now or _utc_now())
    head = head_key(audit_head(source))
    hold = read_restore_hold(folder)
    hold_here = hold is not None and hold.get("database") == str(source)
    if hold_here and head == head_key(hold.get("audit_head")):
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


# --------------------------------------------------------------------------------------------------------------
# Restore.


def _db_side(target: Path, template: str, suffix: str = "") -> Path:
    return target.parent / template.format(name=target.name, suffix=suffix)


def recover_interrupted(database_path=None) -> list[str]:
    """Tidy what a killed restore left next to the database (call at start-up, before opening it).

    The database file itself is always either the old or the restored one (the rename is the commit point), so
    this only removes the unused copy and the moved-aside side files (a moved-aside WAL is never put back: it
    was folded into the old file before it was moved). Returns what it did, in words."""
    target = _resolve_db(database_path)
    possible = [_db_side(target, RESTORE_TMP)] + [_db_side(target, MOVED_ASIDE, s) for s in SIDE_FILES]
    if not any(p.exists() for p in possible):
        return []
    done: list[str] = []
    with _storage("tidy up after an interrupted restore", target.parent):
        with _file_lock(_db_side(target, DB_LOCK), timeout=0) as held:
            if not held:
                return []  # a restore is running right now
            done = _recover_locked(target)
    return done


def _recover_locked(target: Path) -> list[str]:
    done = []
    tmp = _db_side(target, RESTORE_TMP)
    if tmp.exists():
        _remove(tmp)
        done.append(f"removed the unused copy of an interrupted restore ({tmp.name})")
    stamp = _utc_now().strftime("%Y%m%d-%H%M%S")
    for suffix in SIDE_FILES:
        aside = _db_side(target, MOVED_ASIDE, suffix)
        if not aside.exists():
            continue
        if suffix == "-shm" or aside.stat().st_size == 0:
            _remove(aside)
            done.append(f"removed {aside.name}")
        else:  # never expected (the WAL was folded in first), but data is never deleted
            kept = target.parent / f"{target.name}{suffix}.{stamp}.orphaned"
            os.replace(aside, kept)
            done.append(f"kept {aside.name} as {kept.name}")
    for line in done:
        log.info("%s", line)
    return done


def _database_state(target: Path) -> tuple[str, str]:
    """("missing" | "ok" | "damaged", detail) for the current database file. Read-only."""
    from desktop.store import db

    if not target.exists() or target.stat().st_size == 0:
        return "missing", ""
    try:
        db.check_sqlite_file(target)
        connection = _connect_live(target)
        try:
            problem = db.quick_check(connection)
        finally:
            connection.close()
            _privatize_side_files(target)
    except DatabaseDamagedError as exc:
        return "damaged", exc.detail
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and storage_error(exc, "", "") is not None:
            raise
        return "damaged", str(exc)
    return ("damaged", problem) if problem else ("ok", "")


def _copy_file(source: Path, target: Path, progress: ProgressFn | None = None) -> str:
    """Copy a file (1 MB chunks), fsync it, return the SHA-256 of what was written. Owner-only."""
    digest = hashlib.sha256()
    total = os.path.getsize(source)
    done = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, paths.PRIVATE_FILE_MODE)
    try:
        with open(source, "rb") as src, os.fdopen(fd, "wb", closefd=False) as out:
            while True:
                chunk = src.read(CHUNK)
                if not chunk:
                    break
                digest.update(chunk)
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total, "copying the backup into place")
            out.flush()
            os.fsync(out.fileno())
    finally:
        os.close(fd)
    paths.make_private(target)
    return digest.hexdigest()


def _keep_damaged(target: Path) -> list[Path]:
    """Copy the damaged database and its -wal/-shm/-journal aside as ``<name>.damaged`` (timestamped if that
    exists). Copied, not moved: until the restore's commit the database path keeps the file it had."""
    base = target.parent / f"{target.name}.damaged"
    if any(Path(f"{base}{s}").exists() for s in ("", "-wal", "-shm")):
        stamp = _utc_now().strftime("%Y%m%d-%H%M%S")
        base = target.parent / f"{target.name}.{stamp}.damaged"
        n = 2
        while any(Path(f"{base}{s}").exists() for s in ("", "-wal", "-shm")):
            base = target.parent / f"{target.name}.{stamp}-{n}.damaged"
            n += 1
    kept: list[Path] = []
    for suffix in ("", "-wal", "-shm", "-journal"):
        source = Path(f"{target}{suffix}")
        if not source.exists():
            continue
        dest = Path(f"{base}{suffix}")
        part = target.parent / f".{dest.name}.part"
        try:
            _copy_file(source, part)
            os.replace(part, dest)
        except OSError as exc:
            _remove(part)
            if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
                raise
            raise DriveError(code="damaged_copy_aside_failed", path=str(target), reason=exc.strerror) from exc
        kept.append(dest)
    _fsync_dir(target.parent)
    return kept


def _detach_database(target: Path) -> None:
    """Fold the WAL into the old file and make sure nobody else has it open: journal_mode=DELETE needs the only
    connection, and BEGIN EXCLUSIVE proves no one is reading or writing. Raises DatabaseInUseError."""
    connection = sqlite3.connect(target, timeout=2.0, isolation_level=None)
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise sqlite3.OperationalError("database is locked")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in str(exc):
            raise DatabaseInUseError(code="database_open_elsewhere") from exc
        raise
    finally:
        connection.close()


def restore_backup(
    backup,
    database_path=None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    backup_dir=None,
    accept_unverified: bool = False,
    safety_reason: str = "before-restore",
) -> RestoreResult:
    """Replace the database with a backup (a BackupInfo, a path, or a name in ``backup_dir``). The backup of the
    database as it was is made with ``safety_reason`` (e.g. ``before-undo-import`` when the wizard undoes an
    import by restoring).

    Order (each step is safe to be killed at; the rename in step 7 is the only commit point):
      1. copy the backup to a hidden temp file next to the database, hashing what is written, fsync; judge that
         copy by what it holds (:func:`check_content`). Unusable (changed, damaged, foreign, newer): refused.
         Sound but its audit trail does not verify: refused (BackupUnverifiedError) unless ``accept_unverified``;
      2. the checked copy starts a new line of history (:func:`desktop.store.audit.start_lineage`; it is the file
         checked in step 1, so nothing else can change between the check and the swap);
      3. take a ``before-restore`` backup of the current database (a damaged one is copied aside as *.damaged);
      4. close the app's connection; fold the WAL into the old file (journal_mode=DELETE, which also proves no
         other connection is open);
      5. record the restore hold (rotation deletes nothing until the restored database changes);
      6. move aside any -wal/-shm/-journal (so none can be replayed into the restored file), fsync the folder;
      7. rename the temp copy over the database, fsync the folder — committed;
      8. remove the moved-aside files; reopen (an older schema is upgraded) and compare the counts with the
         manifest; an accepted unverified backup gets a ``restore-unverified`` note in the restored database's
         audit log (actor ``restore``) saying what was found.
    Cancelling is honoured up to step 4. A refused backup leaves the database byte-identical and untouched."""
    from desktop.store import db

    target = _resolve_db(database_path)
    info = find_backup(backup, backup_dir)
    report = _Progress(progress, cancel, "restore_cancelled")
    paths.make_private_dir(target.parent)
    with _storage("restore the backup", target.parent), _file_lock(_db_side(target, DB_LOCK)):
        paths.make_private(_db_side(target, DB_LOCK))
        _recover_locked(target)
        tmp = _db_side(target, RESTORE_TMP)
        committed = False
        closed_app = False
        try:
            # 1. copy next to the database and judge the copy by what it holds
            if info.manifest is None:
                raise BackupDamagedError(code="backup_unusable", name=info.name, detail=info.detail)
            content = check_content(info, report.stage(0, 550), copy_to=tmp)
            info.content, info.integrity_checked = content, content.usable
            _mark(info, content.status, content.detail)
            if content.schema_version is not None:
                info.schema_version = content.schema_version
            if not content.usable:
                error = BackupDamagedError if content.status == DAMAGED else BackupError
                raise error(
                    f"The backup {info.name} cannot be used because {content.unusable}; your database was not changed."
                )
            if content.audit and not accept_unverified:
                raise BackupUnverifiedError(info.name, content.audit)
            # 2. the checked copy starts a new line of history (a new database id)
            _start_lineage(tmp, target)
            # 3. safety copy of what is there now
            result = RestoreResult(database_path=target, backup=info, accepted=list(content.audit))
            state, detail = _database_state(target)
            if state == "ok":
                try:
                    result.safety_backup = create_backup(
                        target, safety_reason, backup_dir, progress=report.stage(550, 900), cancel=cancel
                    )
                except DatabaseDamagedError as exc:
                    state, detail = "damaged", exc.detail
            if state == "damaged":
                log.warning("restoring over a damaged database: %s", detail)
                result.damaged_copies = _keep_damaged(target)
            report.checkpoint("replacing the database")  # the last moment a cancel is honoured
            # 4. close and detach
            bound = db.database_path()
            if bound is not None and Path(bound).resolve() == target:
                db.close_database()
                closed_app = True
            if state == "ok":
                _detach_database(target)
            # 5. hold rotation until the restored database is changed
            try:
                hold_folder = backup_folder(backup_dir)
                _write_restore_hold(hold_folder, target, info.name, info.audit_head)
            except StorageError as exc:
                log.warning("could not record the restore hold: %s", exc)
                hold_folder = None
            # 6. nothing may be replayed into the restored file
            for suffix in SIDE_FILES:
                side = Path(f"{target}{suffix}")
                if side.exists():
                    os.replace(side, _db_side(target, MOVED_ASIDE, suffix))
            _fsync_dir(target.parent)
            # 7. commit
            os.replace(tmp, target)
            committed = True
            _fsync_dir(target.parent)
        except BaseException:
            if not committed:
                _remove(tmp)
                _put_back_side_files(target)
                if closed_app:
                    try:
                        db.open_database(target)
                    except LedgerError as exc:  # pragma: no cover - the old file was not touched
                        log.warning("could not reopen the database after a failed restore: %s", exc)
            raise
        # 8. tidy and check
        for suffix in SIDE_FILES:
            _remove(_db_side(target, MOVED_ASIDE, suffix))
        log.info("restored backup %s%s", info.name, " (audit trail not verified, accepted)" if result.accepted else "")
    report.emit(950, "checking the restored database")
    _reopen_and_check(target, result, bind=closed_app)
    if hold_folder is not None and result.ok:
        try:
            _write_restore_hold(hold_folder, target, info.name, audit_head(target))
        except LedgerError as exc:  # pragma: no cover
            log.warning("could not update the restore hold: %s", exc)
    report.emit(report.TOTAL, "restore finished")
    return result


def _put_back_side_files(target: Path) -> None:
    """Before the commit only: undo step 6 (the WAL was already folded in, so this only restores tidiness)."""
    for suffix in SIDE_FILES:
        aside = _db_side(target, MOVED_ASIDE, suffix)
        side = Path(f"{target}{suffix}")
        if aside.exists() and not side.exists():
            try:
                os.replace(aside, side)
            except OSError:
                pass


def _start_lineage(copy: Path, target: Path) -> None:
    """The restored ``copy`` starts a new line of history (a new database id, ``audit.start_lineage``): backups of
    the line it replaces run past the fork and must not be read as a log cut short. The anchor of ``target`` is told
    to expect it before the rename (whichever file a kill leaves in place then fits), and reset after."""
    from desktop.store import audit

    connection = sqlite3.connect(copy)
    try:
        with connection:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "meta" in tables:
                audit.start_lineage(_RawDatabase(connection))
        if "meta" in tables:
            live = _live_connection(target)
            try:
                audit.announce_replacement(
                    str(Path(target).resolve()),
                    _RawDatabase(connection),
                    _RawDatabase(live) if live is not None else None,
                )
            finally:
                if live is not None:
                    live.close()
    finally:
        connection.close()


def _live_connection(target: Path) -> sqlite3.Connection | None:
    """A read-only look at the database a restore is about to replace (None when there is none or it can't be
    read: a damaged one is replaced all the same)."""
    if not Path(target).exists():
        return None
    try:
        live = sqlite3.connect(f"{Path(target).resolve().as_uri()}?mode=ro", uri=True)
        live.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return live
    except sqlite3.Error:
        return None


class _RawDatabase:
    """The two methods ``audit`` needs from a database, over a plain sqlite3 connection."""

    param = "?"

    def __init__(self, connection) -> None:
        self._connection = connection

    def execute_sql(self, sql: str, params: tuple = ()):
        return self._connection.execute(sql, params)


def _reopen_and_check(target: Path, result: RestoreResult, bind: bool) -> None:
    from desktop.store import audit, db
    from desktop.store.schema import DATA_TABLES

    try:
        database = db.open_sqlite(target, create=False)
        audit.update_anchor(database, force=True)
    except (LedgerError, sqlite3.DatabaseError) as exc:
        if result.safety_backup:
            raise BackupError(
                code="restored_backup_unopenable_saved", detail=str(exc), safety=str(result.safety_backup.path)
            ) from exc
        raise BackupError(code="restored_backup_unopenable", detail=str(exc)) from exc
    try:
        result.schema_version = database.execute_sql("PRAGMA user_version").fetchone()[0]
        # An older backup was upgraded on open, which may add baseline audit entries: only its data is compared.
        upgraded = (result.backup.schema_version or 0) < SCHEMA_VERSION
        for table in (*DATA_TABLES, *(() if upgraded else ("audit_log",))):
            if table not in result.backup.counts:
                continue
            n = database.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            result.counts[table] = n
            if n != result.backup.counts[table]:
                result.problems.append(
                    f"{table}: {n} rows after the restore, the backup's description says {result.backup.counts[table]}"
                )
        if result.accepted:
            _record_acceptance(database, result)
    finally:
        database.close()  # this thread's connection (a worker's would otherwise stay open); peewee reconnects
        if bind:
            db.bind(database)


def _record_acceptance(database, result: RestoreResult) -> None:
    """Audit, in the restored database, that the user chose to restore a backup whose audit trail does not verify,
    and what was found. (The models point at the restored database for this one write; only the app's own
    database is ever restored while the app has a database open, and that one is closed during a restore.)"""
    from desktop import models
    from desktop.store import audit

    info = result.backup
    note = {
        "backup": info.name,
        "sha256": info.sha256,
        "backup_created_at": info.manifest.get("created_at"),
        "found": list(result.accepted),
    }
    previous = models.database.obj
    models.database.initialize(database)
    try:
        with audit.writing("restore") as batch:
            audit.note_batch("restore-unverified", note)
        recorded = audit.batch_notes(database, [batch]).get(batch)
    finally:
        models.database.initialize(previous)
    if recorded is None or recorded["kind"] != "restore-unverified":
        result.problems.append(
            "the choice to restore a backup whose audit trail does not verify could not be recorded in its audit log"
        )


# --------------------------------------------------------------------------------------------------------------
# A damaged database at start-up.


def recover_damaged(
    db_path=None, backup_dir=None, progress: ProgressFn | None = None, cancel: CancelFn | None = None
) -> RecoveryResult:
    """After ``db.open_database`` raised DatabaseDamagedError: restore the newest backup that passes every check.

    The damaged file (and its -wal/-shm) is kept as ``<name>.damaged`` and never deleted. Raises
    NoGoodBackupError (database left as it was) when no backup can be used."""
    target = _resolve_db(db_path)
    recover_interrupted(target)
    skipped: list[tuple[str, str]] = []
    report = _Progress(progress, cancel, "recovery_cancelled")
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

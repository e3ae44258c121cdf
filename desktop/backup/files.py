"""The files and folders of backups: storage errors in plain words, one progress bar, inter-process locks,
copying and hashing files, read-only connections to a live database. Engine-neutral except where it says SQLite."""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from desktop.store import cipher
from desktop.store.cipher import dbapi

if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt
else:
    import fcntl

from desktop import paths
from desktop.errors import Cancelled, StorageError

log = logging.getLogger(__name__)

TEMP_PREFIX = ".ledger-tmp-"  # temp files in the backup folder (never listed, removed by the next run)

LOCK_NAME = ".backup.lock"

RESTORE_TMP = ".{name}.restore-tmp"  # the restored copy, next to the database, before the commit rename

MOVED_ASIDE = ".{name}{suffix}.restore-old"  # the database's -wal/-shm/-journal, moved aside before the rename

DB_LOCK = ".{name}.lock"

SIDE_FILES = ("-wal", "-shm", "-journal")

CHUNK = 1 << 20

COPY_STEP_PAGES = 8192

BUSY_TIMEOUT = 10.0

LOCK_TIMEOUT = 60.0

ProgressFn = Callable[[int, int, str], None]

CancelFn = Callable[[], bool]


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


SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM = 13, 8, 10, 14, 3


SQLITE_BUSY, SQLITE_LOCKED = 5, 6


def storage_error(exc: BaseException, action: str, where: Path | str) -> StorageError | None:
    """Translate an OSError or a SQLite I/O error into a plain StorageError (``None`` if it is something else)."""
    where = str(where)
    code = None
    if isinstance(exc, OSError):
        code = exc.errno
    elif isinstance(exc, dbapi.Error):
        sqlite_code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        code = {
            SQLITE_FULL: errno.ENOSPC,
            SQLITE_READONLY: errno.EROFS,
            SQLITE_IOERR: errno.EIO,
            SQLITE_CANTOPEN: errno.ENOENT,
            SQLITE_PERM: errno.EACCES,
            SQLITE_BUSY: errno.EBUSY,
            SQLITE_LOCKED: errno.EBUSY,
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
def storage_errors(action: str, where: Path | str) -> Iterator[None]:
    try:
        yield
    except (OSError, dbapi.OperationalError) as exc:
        translated = storage_error(exc, action, where)
        if translated is None:
            raise
        raise translated from exc


class Progress:
    """Maps the stages of one operation onto one bar 0…1000 (never going backwards) and checks the cancel flag."""

    TOTAL = 1000

    def __init__(self, callback: ProgressFn | None, cancel: CancelFn | None, cancelled_code: str) -> None:
        self.callback, self.cancel, self.cancelled_code = callback, cancel, cancelled_code
        self.lo, self.hi = 0, self.TOTAL
        self.shared = {"last": 0}

    def stage(self, lo: int, hi: int) -> Progress:
        sub = Progress(self.callback, self.cancel, self.cancelled_code)
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


def try_lock(fd: int) -> bool:
    """Lock the file ``fd`` is open on, exclusively, without waiting: False when another process holds it (any
    other error raises). The lock goes with the file's last descriptor, so a killed process never leaves it held."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:  # msvcrt says "held by someone else" so
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


def _lock_or_wait(fd: int) -> bool:
    try:
        return try_lock(fd)
    except OSError:  # a backup folder whose drive cannot lock: waited for until the timeout, as if held
        return False


@contextmanager
def file_lock(lock_path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[bool]:
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
        while not _lock_or_wait(fd):
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


def remove_quietly(path: Path | str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
    except OSError as exc:  # a leftover we could not tidy is not worth failing for
        log.warning("could not remove %s: %s", Path(path).name, exc.strerror)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """A manifest or the restore hold, written whole (:func:`desktop.paths.replacing`: owner-only, fsynced)."""
    with paths.replacing(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def utc_now() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def read_only_uri(path: Path, immutable: bool = False) -> str:
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


def backup_folder(directory: Path | str | None, create: bool | None = None) -> Path:
    """The backup folder: ``directory`` (must exist: it may be a removable drive) or the default (created)."""
    if directory is None:
        with storage_errors("create the backup folder", paths.data_dir(create=False) / "backups"):
            return paths.backups_dir()
    folder = Path(directory).expanduser()
    if create:
        with storage_errors("create the backup folder", folder):
            paths.make_private_dir(folder)
    if not folder.is_dir():
        raise FolderMissingError(code="backup_folder_missing", folder=str(folder))
    return folder.resolve()


def connect_live(
    path: Path, timeout: float = BUSY_TIMEOUT, isolation_level: Literal["DEFERRED"] | None = "DEFERRED"
) -> dbapi.Connection:
    """A connection for reading a live database: read-only (it never checkpoints or writes), unless SQLite must
    first recover the file (a hot rollback journal left by a crash: SQLITE_READONLY_ROLLBACK), which only a
    read-write connection may do — then a normal connection does SQLite's own crash recovery."""
    secret = cipher.secret_for(path)
    connection = cipher.connect(read_only_uri(path), secret, uri=True, timeout=timeout, isolation_level=isolation_level)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except dbapi.OperationalError as exc:
        connection.close()
        if ((getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF) != SQLITE_READONLY:
            raise
    log.info("the database needed crash recovery before it could be read")
    return cipher.connect(path, secret, timeout=timeout, isolation_level=isolation_level)


def privatize_side_files(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        paths.make_private(Path(f"{path}{suffix}"))


def beside_database(target: Path, template: str, suffix: str = "") -> Path:
    return target.parent / template.format(name=target.name, suffix=suffix)


def copy_file(source: Path, target: Path, progress: ProgressFn | None = None) -> str:
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

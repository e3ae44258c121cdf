"""Restore (see :func:`restore_backup`) copies the backup next to the database and checks that copy, takes a
``before-restore`` backup, closes the database, folds the WAL into the old file, moves aside ``-wal``/``-shm``/
``-journal`` and renames the copy over the database: that rename is the commit point, so a crash leaves either
the old database or the restored one, never a mix, and no stale WAL can be replayed into the restored file."""

from __future__ import annotations

import errno
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee

from desktop import keys, models, paths
from desktop.backup.check import check_content, mark
from desktop.backup.create import create_backup
from desktop.backup.files import (
    DB_LOCK,
    MOVED_ASIDE,
    RESTORE_TMP,
    SIDE_FILES,
    SQLITE_BUSY,
    SQLITE_LOCKED,
    CancelFn,
    DatabaseInUseError,
    DriveError,
    Progress,
    ProgressFn,
    backup_folder,
    beside_database,
    connect_live,
    copy_file,
    file_lock,
    privatize_side_files,
    remove_quietly,
    storage_error,
    storage_errors,
    utc_now,
)
from desktop.backup.manifest import (
    DAMAGED,
    BackupDamagedError,
    BackupError,
    BackupInfo,
    BackupUnverifiedError,
    ContentCheck,
    audit_head,
    find_backup,
    resolve_database,
)
from desktop.backup.retention import write_restore_hold
from desktop.errors import DatabaseDamagedError, KeyNeeded, LedgerError, StorageError
from desktop.keys import Secret
from desktop.store import anchors, audit, cipher, db
from desktop.store.cipher import dbapi
from desktop.store.schema import DATA_TABLES, SCHEMA_VERSION

log = logging.getLogger(__name__)


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


def tidy_restore_leftovers(target: Path) -> list[str]:
    done = []
    tmp = beside_database(target, RESTORE_TMP)
    # its encrypted copy (a plain backup restored over an encrypted database), and the journal of a write into it
    for leftover in (f"{tmp}-enc", f"{tmp}-enc-journal", f"{tmp}-journal"):
        remove_quietly(leftover)
    if tmp.exists():
        remove_quietly(tmp)
        done.append(f"removed the unused copy of an interrupted restore ({tmp.name})")
    stamp = utc_now().strftime("%Y%m%d-%H%M%S")
    for suffix in SIDE_FILES:
        aside = beside_database(target, MOVED_ASIDE, suffix)
        if not aside.exists():
            continue
        if suffix == "-shm" or aside.stat().st_size == 0:
            remove_quietly(aside)
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

    if not target.exists() or target.stat().st_size == 0:
        return "missing", ""
    try:
        db.check_sqlite_file(target)
        connection = connect_live(target)
        try:
            problem = db.quick_check(connection)
        finally:
            connection.close()
            privatize_side_files(target)
    except DatabaseDamagedError as exc:
        return "damaged", exc.detail
    except KeyNeeded:
        return "damaged", "it is encrypted with a key that is not stored on this computer"
    except dbapi.DatabaseError as exc:
        if isinstance(exc, dbapi.OperationalError) and storage_error(exc, "", "") is not None:
            raise
        return "damaged", str(exc)
    return ("damaged", problem) if problem else ("ok", "")


def _keep_damaged(target: Path) -> list[Path]:
    """Copy the damaged database and its -wal/-shm/-journal aside as ``<name>.damaged`` (timestamped if that
    exists). Copied, not moved: until the restore's commit the database path keeps the file it had."""
    base = target.parent / f"{target.name}.damaged"
    if any(Path(f"{base}{s}").exists() for s in ("", "-wal", "-shm")):
        stamp = utc_now().strftime("%Y%m%d-%H%M%S")
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
            copy_file(source, part)
            os.replace(part, dest)
        except OSError as exc:
            remove_quietly(part)
            if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
                raise
            raise DriveError(code="damaged_copy_aside_failed", path=str(target), reason=exc.strerror) from exc
        kept.append(dest)
    paths.fsync_dir(target.parent)
    return kept


def backup_secret(info: BackupInfo, secret: Secret | None = None) -> Secret | None:
    """The secret that opens the backup ``info`` (None: a plain one): ``secret``, checked (WrongKey), or the key its
    description names, stored on this computer (KeyNeeded, ``key_needed_backup``). Reads only."""
    if not cipher.is_encrypted(info.path):
        return None
    if secret is not None:
        cipher.check_secret(info.path, secret)
        return secret
    try:
        # the key its description names (the checked copy proves it); only without one are stored keys tried
        found = keys.load_key(info.key_id) if info.key_id else cipher.secret_for(info.path)
    except KeyNeeded:
        found = None
    if found is None:
        raise KeyNeeded(code="key_needed_backup", name=info.name)
    return found


def detach_database(target: Path) -> None:
    """Fold the WAL into the old file and make sure nobody else has it open: journal_mode=DELETE needs the only
    connection, and BEGIN EXCLUSIVE proves no one is reading or writing. Raises DatabaseInUseError."""
    try:
        connection = cipher.connect(target, timeout=2.0, isolation_level=None)
    except KeyNeeded:
        return  # a file this computer cannot read: its side files are moved aside all the same
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise dbapi.OperationalError("database is locked")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("ROLLBACK")
    except dbapi.OperationalError as exc:
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if code in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in str(exc):
            raise DatabaseInUseError(code="database_open_elsewhere") from exc
        raise
    finally:
        connection.close()


def restore_backup(
    backup: BackupInfo | Path | str,
    database_path: Path | str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    backup_dir: Path | str | None = None,
    accept_unverified: bool = False,
    safety_reason: str = "before-restore",
    secret: Secret | None = None,
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
    Cancelling is honoured up to step 4. A refused backup leaves the database byte-identical and untouched.

    An encrypted backup needs its key: ``secret`` (a recovery key parsed with :func:`desktop.keys.parse_recovery`,
    or a passphrase), else the stored key its description names. Before anything is touched: KeyNeeded when
    there is none, WrongKey when ``secret`` does not open it. After the swap the key is stored on this computer."""

    target = resolve_database(database_path)
    info = find_backup(backup, backup_dir)
    secret = backup_secret(info, secret)
    report = Progress(progress, cancel, "restore_cancelled")
    paths.make_private_dir(target.parent)
    with storage_errors("restore the backup", target.parent), file_lock(beside_database(target, DB_LOCK)):
        paths.make_private(beside_database(target, DB_LOCK))
        tidy_restore_leftovers(target)
        swap = _Swap(info, target, report, backup_dir, cancel, secret)
        swap.run(accept_unverified, safety_reason)
        # 8. tidy and check
        for suffix in SIDE_FILES:
            remove_quietly(beside_database(target, MOVED_ASIDE, suffix))
        result = swap.result
        log.info("restored backup %s%s", info.name, " (audit trail not verified, accepted)" if result.accepted else "")
    report.emit(950, "checking the restored database")
    _reopen_and_check(target, result, bind=swap.closed_app)
    if swap.hold_folder is not None and result.ok:
        try:
            write_restore_hold(swap.hold_folder, target, info.name, audit_head(target))
        except LedgerError as exc:  # pragma: no cover
            log.warning("could not update the restore hold: %s", exc)
    report.emit(report.TOTAL, "restore finished")
    return result


class _Swap:
    """Steps 1–7 of :func:`restore_backup`, under its lock: up to the commit rename, or back to where it began."""

    def __init__(
        self,
        info: BackupInfo,
        target: Path,
        report: Progress,
        backup_dir: Path | str | None,
        cancel: CancelFn | None,
        secret: Secret | None,
    ) -> None:
        self.info, self.target, self.report, self.backup_dir, self.cancel = info, target, report, backup_dir, cancel
        self.secret = secret
        self.tmp = beside_database(target, RESTORE_TMP)
        self.result = RestoreResult(database_path=target, backup=info)
        self.closed_app = False
        self.hold_folder: Path | None = None

    def run(self, accept_unverified: bool, safety_reason: str) -> None:
        committed = False
        try:
            content = self._checked_copy(accept_unverified)  # 1.
            _start_lineage(self.tmp, self.target)  # 2. the checked copy starts a new line of history (a new id)
            if self.secret is None and cipher.is_encrypted(self.target):
                self._encrypt_copy()  # a plain (older) backup restored over an encrypted database stays encrypted
            self.result.accepted = list(content.audit)
            state = self._safety_copy(safety_reason)  # 3.
            self.report.checkpoint("replacing the database")  # the last moment a cancel is honoured
            # 4. close and detach
            bound = db.database_path()
            if bound is not None and Path(bound).resolve() == self.target:
                db.close_database()
                self.closed_app = True
            if state == "ok":
                detach_database(self.target)
            self.hold_folder = self._hold_rotation()  # 5.
            _move_side_files_aside(self.target)  # 6. nothing may be replayed into the restored file
            os.replace(self.tmp, self.target)  # 7. commit
            committed = True
            paths.fsync_dir(self.target.parent)
            cipher.forget_secret(self.target)
            if self.secret is not None:
                cipher.remember_secret(self.target, self.secret)  # and a raw key is stored in this keychain
        except BaseException:
            if not committed:
                self._undo()
            raise

    def _checked_copy(self, accept_unverified: bool) -> ContentCheck:
        """Step 1: copy next to the database and judge the copy by what it holds."""
        info = self.info
        if info.manifest is None:
            raise BackupDamagedError(code="backup_unusable", name=info.name, detail=info.detail)
        content = check_content(info, self.report.stage(0, 550), copy_to=self.tmp, secret=self.secret)
        info.content, info.integrity_checked = content, content.usable
        mark(info, content.status, content.detail)
        if content.schema_version is not None:
            info.schema_version = content.schema_version
        if not content.usable:
            error = BackupDamagedError if content.status == DAMAGED else BackupError
            raise error(
                f"The backup {info.name} cannot be used because {content.unusable}; your database was not changed."
            )
        if content.audit and not accept_unverified:
            raise BackupUnverifiedError(info.name, content.audit)
        return content

    def _encrypt_copy(self) -> None:
        """The checked plain copy, encrypted with the database's key (or the default one), before the swap."""
        try:
            secret = cipher.secret_for(self.target)
        except KeyNeeded:
            secret = None
        secret = secret or keys.default_key()
        encrypted = Path(f"{self.tmp}-enc")
        remove_quietly(encrypted)
        try:
            cipher.encrypted_copy(self.tmp, encrypted, secret)
            os.replace(encrypted, self.tmp)
        except BaseException:
            remove_quietly(encrypted)
            raise
        self.secret = secret

    def _safety_copy(self, safety_reason: str) -> str:
        """Step 3: a backup of what is there now (a damaged database is copied aside instead). Returns its state."""
        state, detail = _database_state(self.target)
        if state == "ok":
            try:
                self.result.safety_backup = create_backup(
                    self.target,
                    safety_reason,
                    self.backup_dir,
                    progress=self.report.stage(550, 900),
                    cancel=self.cancel,
                )
            except DatabaseDamagedError as exc:
                state, detail = "damaged", exc.detail
        if state == "damaged":
            log.warning("restoring over a damaged database: %s", detail)
            self.result.damaged_copies = _keep_damaged(self.target)
        return state

    def _hold_rotation(self) -> Path | None:
        """Step 5: hold rotation until the restored database is changed. Returns the backup folder holding it."""
        try:
            folder = backup_folder(self.backup_dir)
            write_restore_hold(folder, self.target, self.info.name, self.info.audit_head)
            return folder
        except StorageError as exc:
            log.warning("could not record the restore hold: %s", exc)
            return None

    def _undo(self) -> None:
        cipher.forget_secret(self.tmp)
        remove_quietly(self.tmp)
        _put_back_side_files(self.target)
        if self.closed_app:
            try:
                db.open_database(self.target)
            except LedgerError as exc:  # pragma: no cover - the old file was not touched
                log.warning("could not reopen the database after a failed restore: %s", exc)


def _move_side_files_aside(target: Path) -> None:
    for suffix in SIDE_FILES:
        side = Path(f"{target}{suffix}")
        if side.exists():
            os.replace(side, beside_database(target, MOVED_ASIDE, suffix))
    paths.fsync_dir(target.parent)


def _put_back_side_files(target: Path) -> None:
    """Before the commit only: undo step 6 (the WAL was already folded in, so this only restores tidiness)."""
    for suffix in SIDE_FILES:
        aside = beside_database(target, MOVED_ASIDE, suffix)
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
    incoming = cipher.database(str(copy))
    try:
        with incoming.atomic():
            if not incoming.table_exists("meta"):
                return
            audit.start_lineage(incoming)
        live = _live_database(target)
        try:
            anchors.announce_replacement(str(Path(target).resolve()), incoming, live)
        finally:
            if live is not None:
                live.close()
    finally:
        incoming.close()


def _live_database(target: Path) -> peewee.SqliteDatabase | None:
    """A read-only look at the database a restore is about to replace (None when there is none or it can't be
    read: a damaged one is replaced all the same)."""
    if not Path(target).exists():
        return None
    try:
        secret = cipher.secret_for(target)
    except KeyNeeded:
        return None  # a database this computer cannot read is replaced all the same
    live = cipher.database(f"{Path(target).resolve().as_uri()}?mode=ro", secret, uri=True)
    try:
        live.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        return live
    except (peewee.DatabaseError, dbapi.Error):
        live.close()
        return None


def _reopen_and_check(target: Path, result: RestoreResult, bind: bool) -> None:

    try:
        database: Any = db.open_sqlite(target, create=False)  # Any: peewee-stubs leave execute_sql untyped
        anchors.update_anchor(database, force=True)
    except (LedgerError, dbapi.DatabaseError) as exc:
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


def _record_acceptance(database: peewee.Database, result: RestoreResult) -> None:
    """Audit, in the restored database, that the user chose to restore a backup whose audit trail does not verify,
    and what was found. (The models point at the restored database for this one write; only the app's own
    database is ever restored while the app has a database open, and that one is closed during a restore.)"""

    info = result.backup
    note = {
        "backup": info.name,
        "sha256": info.sha256,
        "backup_created_at": (info.manifest or {}).get("created_at"),
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

"""The migration engine's writing half: archive the sources, write everything in one audited transaction,
verify against the parsed source, and report.

The path, once: :func:`desktop.legacy.read.read_legacy` (files → typed records + problems) → :func:`migrate`
(archive → one transaction under the ``migration`` actor and one batch → verify inside that transaction, so a
failed verification rolls everything back) → a :class:`MigrationResult` the wizard and the CLI both render. The
dry run is the same path stopped before the archive.

Re-runs import only what is new. A record is "already imported" when it is the same record — the same child (known
by name, never by the id derived from it) and the same normalised content (a digest built alike from the file, a
row and an audit row) — and the database holds it, or an earlier migration imported it and someone removed or
changed it in the app since (the audit log says so): edits made in the app are never overwritten by a re-run. An
old id seen again with other content is a new record, reported. Verification compares every record of the file
with its row by the same digests, so "N of N identical" is a statement about content, not counts.

One migration runs at a time per database (:func:`migration_lock`); a dry run only reads.
"""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop import server_backup, services
from desktop.backup.create import create_backup
from desktop.backup.files import try_lock
from desktop.errors import Cancelled, LedgerError
from desktop.legacy.archive import archive_sources, check_archive
from desktop.legacy.plan import Plan, check_storable, plan_migration
from desktop.legacy.problems import LegacySourceError
from desktop.legacy.read import read_legacy
from desktop.legacy.records import LegacyReadResult
from desktop.legacy.result import CANCELLED, KIND_LABELS, MigrationResult, Progress, VerificationFailed
from desktop.legacy.verify import verify
from desktop.legacy.write import write_plan
from desktop.store import audit, bulk, db


def migrate(
    source: str | os.PathLike[str],
    *,
    assume_tz: str | None = None,
    assign_to: str | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    backup_database: bool = True,
    archive_dir: Path | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> MigrationResult:
    """Migrate the legacy folder ``source`` into the open database (see the module doc). Never raises for bad
    input: problems are in the result; a LegacySourceError (no profiles file) becomes status ``blocked``. A dry
    run only reads the database (the caller may open it read-only: see :func:`open_for_dry_run`); a migration
    plans, archives, backs up, writes and verifies under the migration lock, so two at once run one after the
    other, and the second finds what the first imported."""
    try:
        read = read_legacy(
            source, assume_tz=assume_tz, assign_to=assign_to, progress=progress, cancel=cancel, light=True
        )
    except LegacySourceError as exc:
        return MigrationResult("blocked", None, message=exc.message)
    except Cancelled:
        return MigrationResult("cancelled", None, message=CANCELLED)
    except ValueError as exc:  # an unknown time zone
        return MigrationResult("blocked", None, message=str(exc))

    check_storable(read)
    ambiguous = [p for p in read.problems if p.code == "assign_to_ambiguous"]
    if ambiguous:  # a choice the user made is never skipped over, even with "skip invalid records"
        return MigrationResult("blocked", read, message=ambiguous[0].message + " Nothing was written.")
    if read.has_errors and not skip_invalid:
        n = len(read.problems_of("error"))
        return MigrationResult(
            "blocked",
            read,
            message=f"{n} problem(s) must be fixed first (or choose to skip invalid records). Nothing was written.",
        )
    if dry_run:
        return _planned(read, plan_migration(read, skip_invalid))
    try:
        with migration_lock(progress, cancel):
            return _migrate_locked(read, skip_invalid, backup_database, archive_dir, progress, cancel)
    except Cancelled as exc:
        return MigrationResult("cancelled", read, message=str(exc))


def _planned(read: LegacyReadResult, plan: Plan) -> MigrationResult:
    read.problems.extend(plan.problems)
    result = MigrationResult("dry-run", read, new=dict(plan.new), already=dict(plan.already), skipped=plan.skipped)
    result.message = _summary(result)
    return result


def _migrate_locked(
    read: LegacyReadResult,
    skip_invalid: bool,
    backup_database: bool,
    archive_dir: Path | None,
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
) -> MigrationResult:
    if progress:
        progress(0, 1, "Comparing with the database")
    plan = plan_migration(read, skip_invalid)
    result = _planned(read, plan)
    if not any(plan.new.values()):
        result.status = "nothing-new"
        result.checks = verify(read, plan, written=False)
        if not all(c.ok for c in result.checks):
            result.status = "verification-failed"
        result.message = _summary(result)
        return result

    result.archive, result.archive_sha256 = archive_sources(read, archive_dir)
    if backup_database:
        result.database_backup = _backup_before_migration()
    check_archive(result.archive, result.archive_sha256, read)
    try:
        with audit.writing("migration") as batch:
            result.batch_id = batch
            audit.note_batch(
                "migration",
                {
                    "archive": result.archive.name,
                    "archive_sha256": result.archive_sha256,
                    "source": str(read.source_root),
                    "new": plan.new,
                    "assumed_zone": read.assumed_zone,
                    "imported_at": (
                        stamp := services.now_iso()
                    ),  # the date words and grammar get: desktop.import_dates
                },
            )
            with _bulk_load(sum(plan.new.values())):
                write_plan(plan, read, progress, cancel, stamp)
            if progress:
                progress(0, 1, "Verifying")
            result.checks = verify(read, plan, written=True)
            if not all(c.ok for c in result.checks):
                raise VerificationFailed(result.checks)
    except Cancelled as exc:
        result.status, result.message, result.batch_id = "cancelled", str(exc), None
        return result
    except VerificationFailed as exc:
        result.status, result.message, result.batch_id = "verification-failed", str(exc), None
        return result
    result.status = "migrated"
    result.message = _summary(result)
    return result


#: The PostgreSQL advisory lock ("MLMG") one migration at a time holds; SQLite files use a lock file beside them.
MIGRATION_LOCK_KEY = 0x4D4C4D47

LOCK_POLL_SECONDS = 0.2


@contextmanager
def migration_lock(progress: Progress | None = None, cancel: Callable[[], bool] | None = None) -> Iterator[None]:
    """Hold the open database's migration lock for the block: a second migration into the same database (another
    process, or another window) waits here, saying so, until the first has committed or rolled back; ``cancel``
    stops the wait (Cancelled). The lock goes with the process, so a killed migration never leaves it held."""
    database: Any = db.current()  # Any: peewee-stubs leave execute_sql untyped
    path = db.database_path(database)
    if path is None:

        def acquire() -> bool:
            return bool(database.execute_sql("SELECT pg_try_advisory_lock(%s)", (MIGRATION_LOCK_KEY,)).fetchone()[0])

        def release() -> None:
            database.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
    else:
        lock_file = path.with_name(path.name + ".migration-lock")
        try:
            fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise LedgerError(code="migration_lock_unavailable", path=str(lock_file), reason=exc.strerror) from exc

        def acquire() -> bool:
            return try_lock(fd)

        def release() -> None:
            os.close(fd)  # closing the file releases its lock

    try:
        waiting = False
        while not acquire():
            if cancel and cancel():
                raise Cancelled(code="migration_cancelled")
            if progress and not waiting:
                progress(0, 0, "Waiting for another migration to finish")
            waiting = True
            time.sleep(LOCK_POLL_SECONDS)
        yield
    finally:
        release()


#: From this many new rows on, a migration on SQLite writes the audit rows of the big tables set-wise (see
#: :mod:`desktop.store.bulk`): one statement per chunk instead of a trigger per row. Every index stays live: the rows
#: arrive child by child in id order, so each index grows at a few places, which costs less than building it again
#: at the end (a build reads the whole table, the audit log's card images included, once per index, and sorts in
#: memory: SQLCipher keeps temporary data in memory so that no plain text reaches a temporary file).
BULK_ROWS = 20_000

#: The tables whose audit rows a bulk load writes set-wise (every data table but profiles).
SETWISE_TABLES = bulk.SETWISE_TABLES


@contextmanager
def _bulk_load(new_rows: int) -> Iterator[None]:
    if new_rows < BULK_ROWS:
        yield
        return
    # an error or a cancel rolls the whole transaction back, the dropped triggers with it
    with bulk.setwise_audit(db.current(), SETWISE_TABLES):
        yield


def _backup_before_migration() -> Path | None:
    """A verified backup of the database as it is before the migration (the wizard's Undo restores it)."""
    path = db.database_path()
    if path is None:  # a server database: the same backup file format, from one consistent snapshot
        return server_backup.create_server_backup(reason="before-migration").path
    return create_backup(database_path=path, reason="before-migration").path


def _summary(result: MigrationResult) -> str:
    new = ", ".join(f"{n:,} {KIND_LABELS[k]}" for k, n in result.new.items() if n) or "nothing"
    already = sum(result.already.values())
    if result.status == "dry-run":
        text = f"Would import {new}."
    elif result.status == "nothing-new":
        text = "Already imported — 0 new records. Nothing was written."
    else:
        text = f"Imported {new}."
    if already and result.status != "nothing-new":
        text += f" Already imported: {already:,} records."
    if result.checks:
        identical, kept, source = result.proof()
        text += f" Checked record by record against the old files: {identical:,} of {source:,} identical"
        text += f", {kept:,} kept as changed in the app." if kept else "."
    return text


def profile_choices(read: LegacyReadResult) -> list[tuple[str, str]]:
    """(id, name) of the source's profiles, for "which child gets the cards?" questions."""
    return [(p.id, p.name) for p in read.profiles if p.id and p.name]


def report_json(result: MigrationResult) -> str:
    """The report as JSON text that any file can hold: a broken character (a lone surrogate, e.g. from a folder name
    that is not UTF-8) is written as its JSON escape instead of failing the write."""
    buffer = io.StringIO()
    json.dump(result.to_json(), buffer, ensure_ascii=False, indent=1)
    return buffer.getvalue().encode("utf-8", "backslashreplace").decode("utf-8")

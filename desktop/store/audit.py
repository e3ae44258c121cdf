"""The audit trail: triggers that record every change in the database itself, the actor/batch context the app
sets around its own writes, hash-chain sealing and verification.

Nothing can bypass it: the triggers live in the database, so a bulk ``update()``, a cascade delete, the sqlite3
shell or the old backend are audited too. A write by any program that did not set the context is recorded with
``changed_by = 'external'``. The triggers use only built-in SQL functions, never functions our process
registers, so they work in every program that opens the file.

The log is append-only (guard triggers refuse UPDATE and DELETE) and tamper-evident: the app seals new rows at
each of its commits (and on open, for rows other programs wrote) into ``audit_seal``, each seal a SHA-256 over the
rows it covers chained to the previous seal. ``verify_chain`` recomputes the chain, so an edited, inserted or
deleted sealed row is found even if someone dropped the guard triggers first.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import peewee
from peewee import fn

from desktop import models
from desktop.errors import LedgerError
from desktop.store import foreground
from desktop.store.engine import engine_of
from desktop.store.schema import AUDIT_BATCH_COLUMNS, AUDIT_COLUMNS, SEAL_COLUMNS

log = logging.getLogger(__name__)

#: The app's own actors; anything else in ``changed_by`` was written by another program.
ACTORS = ("user", "migration", "restore", "system")
GENESIS_HASH = "0" * 64
#: Columns whose change alone is not a change worth auditing (bookkeeping the app maintains itself).
UNAUDITED_COLUMNS = {"version"}


#: Our bookkeeping tables, for queries whose values pass to the driver as they are (no field converts them: what
#: is hashed must be exactly what is stored). Typed Any: peewee makes each column an attribute at run time.
LOG: Any = peewee.Table("audit_log", AUDIT_COLUMNS)
SEALS: Any = peewee.Table("audit_seal", SEAL_COLUMNS)
BATCHES: Any = peewee.Table("audit_batch", AUDIT_BATCH_COLUMNS)
META: Any = peewee.Table("meta", ("key", "value"))
#: ``COUNT(*)``: counts index entries, reading no column.
_COUNT = fn.COUNT(peewee.SQL("*"))


def _execute(database: peewee.Database, query: peewee.Query) -> Any:
    """Run ``query`` on ``database`` and return the cursor."""
    sql, params = database.get_sql_context().sql(query).query()
    return database.execute_sql(sql, params)


def _one(database: peewee.Database, query: peewee.Query) -> Any:
    """The first column of the first row of ``query`` (None if there is none)."""
    row = _execute(database, query).fetchone()
    return row[0] if row else None


# --------------------------------------------------------------------------------------------------------------
# The write context: actor + batch, one transaction, sealed at commit.

_local = threading.local()


def current_batch() -> str | None:
    """The batch id of the write block this thread is in, if any."""
    return getattr(_local, "batch", None)


@contextmanager
def writing(actor: str = "user", batch_id: str | None = None, database: peewee.Database | None = None) -> Iterator[str]:
    """One audited write transaction: every change inside is recorded with ``actor`` and one batch id.

    Nested blocks join the outer transaction (as a savepoint) and its batch. On leaving the outermost block the
    context is cleared and the new audit rows are sealed, all in the same transaction, then committed, and the new
    chain head is anchored outside the file. ``database`` defaults to the one the models are bound to.
    """

    if getattr(_local, "batch", None) is not None:
        with _local.database.atomic():
            yield _local.batch
        return
    database = database or models.database.obj
    if database is None:
        raise LedgerError(code="no_database_open")
    if actor not in ACTORS:
        raise ValueError(f"unknown actor {actor!r}")
    batch = batch_id or uuid.uuid4().hex
    _local.batch = batch
    _local.actor = actor
    _local.database = database
    try:
        with engine_of(database).begin_write(database):
            engine_of(database).set_audit_context(database, actor, batch)
            yield batch
            engine_of(database).clear_audit_context(database)
            seal(database)
    finally:
        _local.batch = None
        _local.database = None
    from desktop.store import anchors  # why: anchors builds on this module (a cycle at import time)

    anchors.update_anchor(database)


def note_batch(kind: str, note: dict[str, Any] | None = None) -> None:
    """Record what the current batch is (e.g. a migration and its source archive). Inside :func:`writing`."""

    batch = current_batch()
    if batch is None:
        raise RuntimeError("note_batch must run inside audit.writing()")
    insert_note(_local.database, batch, _local.actor, kind, note)


def insert_note(database: peewee.Database, batch: str, actor: str, kind: str, note: dict[str, Any] | None) -> None:
    # a broken character (a folder name that is not UTF-8 reaches Python as a lone surrogate) is kept as its JSON
    # escape: the database can hold only valid text
    text = json.dumps(note or {}, ensure_ascii=False).encode("utf-8", "backslashreplace").decode()
    row = {"batch_id": batch, "actor": actor, "kind": kind, "note": text}
    row["created_at"] = datetime.now(UTC).isoformat(timespec="milliseconds")
    _execute(database, BATCHES.insert({getattr(BATCHES, k): v for k, v in row.items()}))


def batch_notes(database: peewee.Database, batch_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """{batch_id: {"kind", "actor", "note", "created_at"}} for the given batches that have a note."""
    ids = list(batch_ids)
    out: dict[str, dict[str, Any]] = {}
    b = BATCHES
    for i in range(0, len(ids), 500):
        query = b.select(b.batch_id, b.actor, b.kind, b.note, b.created_at).where(b.batch_id.in_(ids[i : i + 500]))
        for batch, actor, kind, note, created in _execute(database, query):
            out[batch] = {"actor": actor, "kind": kind, "note": json.loads(note or "{}"), "created_at": created}
    return out


# --------------------------------------------------------------------------------------------------------------
# Sealing and verification.

#: An audit row's columns, in the order a seal hashes them.
_ROW = tuple(getattr(LOG, c) for c in AUDIT_COLUMNS)
#: The fast path's text of a row: SQLite's json_array of the columns, and a line break.
_ROW_JSON = fn.json_array(*_ROW).concat(fn.char(10))


#: Sealing hashes a chunk of rows as one text while it stays below this many characters (larger chunks save no
#: time and cost memory: bench/migrate.py --realistic).
_JOIN_CHARS = 1 << 18

_json_string = json.encoder.encode_basestring  # the C string encoder json.dumps(ensure_ascii=False) uses


def canonical_row(row: tuple[Any, ...]) -> bytes:
    """The bytes a seal hashes for one audit row: the same on every engine for the same values.

    Exactly ``json.dumps([id, *texts], ensure_ascii=False, separators=(",", ":"))`` + newline, written out by hand
    because sealing runs once per audit row at every commit and json.dumps builds an encoder per call (3x slower).
    """
    texts = ",".join("null" if v is None else _json_string(str(v)) for v in row[1:])
    return f"[{int(row[0])},{texts}]\n".encode()


def _last_seal(database: peewee.Database) -> tuple[int, str]:
    row = _execute(database, SEALS.select(SEALS.last_id, SEALS.hash).order_by(SEALS.id.desc()).limit(1)).fetchone()
    return (int(row[0]), row[1]) if row else (0, GENESIS_HASH)


#: Probe values for :func:`_sqlite_json_matches`: quotes, escapes, every control character, non-ASCII, emoji.
_PROBES = ('"q"\\/', "".join(map(chr, range(32))) + "\x7f", "苹果 é \u2028\u2029 \ufeff\u200b 😀", "", "null")
_sqlite_json_ok: dict[str, bool] = {}


def _sqlite_json_matches(database: peewee.Database) -> bool:
    """Whether this SQLite's ``json_array`` writes exactly :func:`canonical_row`'s bytes (checked once per version).
    Sealing then lets SQLite build the text; verification always uses :func:`canonical_row` itself, so a SQLite that
    wrote JSON differently could never make a sound chain look broken — it would only lose the fast path."""
    version = _one(database, peewee.Select(columns=[fn.sqlite_version()]))  # the connection's library (SQLCipher's)
    if version not in _sqlite_json_ok:
        row = (7, *_PROBES, None, *_PROBES[:3], None)[:10]
        text = _one(database, peewee.Select(columns=[fn.json_array(*(peewee.Value(v) for v in row))]))
        _sqlite_json_ok[version] = (text + "\n").encode() == canonical_row(row)
    return _sqlite_json_ok[version]


def _hash_rows(
    database: peewee.Database, digest: Any, last_id: int, fast: bool = True
) -> tuple[int | None, int | None, int]:
    """Feed every audit row after ``last_id`` into ``digest``; returns (first id, last id, count)."""

    first = last = None
    count = 0
    if fast and engine_of(database).name == "sqlite" and _sqlite_json_matches(database):
        cursor = _execute(database, LOG.select(LOG.id, _ROW_JSON).where(LOG.id > last_id).order_by(LOG.id))
        update = digest.update
        pending: list[str] = []  # small rows joined: a third less time than one update per row
        size = 0
        for last, text in cursor:  # row by row, never a batch: a card's row can be megabytes (inline images)
            first = last if first is None else first
            count += 1
            if len(text) >= _JOIN_CHARS:
                if pending:
                    update("".join(pending).encode())
                    pending, size = [], 0
                update(text.encode())
                continue
            pending.append(text)
            size += len(text)
            if size >= _JOIN_CHARS:
                update("".join(pending).encode())
                pending, size = [], 0
        if pending:
            update("".join(pending).encode())
        return first, last, count
    cursor = _execute(database, LOG.select(*_ROW).where(LOG.id > last_id).order_by(LOG.id))
    while chunk := cursor.fetchmany(2000):
        first = chunk[0][0] if first is None else first
        for row in chunk:
            digest.update(canonical_row(row))
        last = chunk[-1][0]
        count += len(chunk)
    return first, last, count


def seal(database: peewee.Database) -> int:
    """Seal every audit row written since the last seal; returns how many rows were sealed.

    Must run inside a write transaction (the app's own commit, or :func:`seal_pending` on open).
    """
    last_id, prev_hash = _last_seal(database)
    try:
        digest = hashlib.sha256(prev_hash.encode("ascii"))
        first, last, count = _hash_rows(database, digest, last_id)
    except Exception as exc:  # e.g. another program stored a BLOB, which json_array refuses: the exact slow path
        if "JSON cannot hold BLOB" not in str(exc):
            raise
        digest = hashlib.sha256(prev_hash.encode("ascii"))
        first, last, count = _hash_rows(database, digest, last_id, fast=False)
    if not count:
        return 0
    s = SEALS
    sealed_at = datetime.now(UTC).isoformat(timespec="milliseconds")
    values = (first, last, count, prev_hash, digest.hexdigest(), sealed_at)
    columns = (s.first_id, s.last_id, s.row_count, s.prev_hash, s.hash, s.sealed_at)
    _execute(database, s.insert(dict(zip(columns, values, strict=True))))
    return count


def seal_pending(database: peewee.Database) -> int:
    """Seal rows other programs wrote since the app last committed (called on open).

    The app seals its own rows in the transaction that writes them, so an unsealed row that names one of the app's
    actors (``user``, ``migration`` …) was not written by the app: another program inserted it, or rewrote the
    history and dropped the seals. Such rows are flagged — a note of kind ``flagged`` that ``verify`` reports for
    good — before they are sealed as found (later rows must be sealable, and the seal then proves they have not
    changed since they were found)."""

    last_id, _ = _last_seal(database)
    if not _one(database, LOG.select(_COUNT).where(LOG.id > last_id)):
        return 0
    claimed = _execute(
        database, LOG.select(fn.MIN(LOG.id), fn.MAX(LOG.id), _COUNT).where(LOG.id > last_id, LOG.changed_by.in_(ACTORS))
    ).fetchone()
    with engine_of(database).begin_write(database):
        if claimed[2]:
            insert_note(
                database,
                uuid.uuid4().hex,
                "system",
                FLAGGED_KIND,
                {
                    "first_id": claimed[0],
                    "last_id": claimed[1],
                    "rows": claimed[2],
                    "reason": "unsealed rows that name the app as their author",
                },
            )
        count = seal(database)
    from desktop.store import anchors  # why: anchors builds on this module (a cycle at import time)

    anchors.update_anchor(database)
    return count


#: Notes ``verify`` reports: rows found in the log that the app did not write, and repairs of the machinery.
FLAGGED_KIND = "flagged"
REPAIR_KIND = "repair"
UPGRADE_KIND = "upgrade"
ADOPT_KIND = "adopt"


def baseline_from(database: peewee.Database) -> int:
    """The first audit id the app's triggers wrote: the first baseline entry of an adopted database (the rows
    before it are the old backend's own), else 1."""
    p = database.param
    row = database.execute_sql(
        # the adopt batches first (a few rows), then their entries through the batch index: no pass over the log
        f"SELECT min(id) FROM audit_log WHERE batch_id IN (SELECT batch_id FROM audit_batch WHERE kind = {p})",
        (ADOPT_KIND,),
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else 1


def _seal_digest(database: peewee.Database, prev_hash: str, first: int, last: int, fast: bool) -> tuple[int, str]:
    """(rows, hash) of the audit rows first..last chained to ``prev_hash``. The fast path lets SQLite write each
    row's JSON (byte-equal to :func:`canonical_row` on this SQLite, checked by probes); a mismatch is always
    recomputed with :func:`canonical_row` itself before anything is called altered."""

    digest = hashlib.sha256(prev_hash.encode("ascii"))
    n = 0
    in_seal = LOG.id.between(first, last)
    if fast and engine_of(database).name == "sqlite" and _sqlite_json_matches(database):
        try:
            cursor = _execute(database, LOG.select(_ROW_JSON).where(in_seal).order_by(LOG.id))
            update = digest.update
            while chunk := cursor.fetchmany(2000):
                for (text,) in chunk:  # row by row: a card's row can be megabytes (inline images)
                    update(text.encode())
                n += len(chunk)
            return n, digest.hexdigest()
        except Exception:  # a BLOB another program stored: JSON cannot hold it; the exact path can
            digest, n = hashlib.sha256(prev_hash.encode("ascii")), 0
    cursor = _execute(database, LOG.select(*_ROW).where(in_seal).order_by(LOG.id))
    while chunk := cursor.fetchmany(5000):
        for row in chunk:
            digest.update(canonical_row(row))
        n += len(chunk)
    return n, digest.hexdigest()


@dataclass
class ChainReport:
    """The outcome of :func:`verify_chain`. ``ok`` is False when any sealed row was altered, added or removed."""

    ok: bool = True
    sealed_rows: int = 0
    unsealed_rows: int = 0
    seals: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.ok:
            extra = f"; {self.unsealed_rows} newer rows not sealed yet" if self.unsealed_rows else ""
            return f"audit chain verifies ({self.sealed_rows} rows in {self.seals} seals{extra})"
        return "audit chain BROKEN: " + "; ".join(self.problems[:5])


_CHAIN_PAGE = 1000  #: rows per read of verify_chain's pass (a server's driver holds a whole result in memory)


def _chain_rows(database: peewee.Database, upto: int, fast: bool) -> Iterator[tuple[int, bytes]]:
    """(id, the bytes a seal hashes) of every audit row up to ``upto`` in id order, a page at a time; hashed row by
    row (a card's row can be megabytes). ``fast``: SQLite writes the bytes (see :func:`_seal_digest`)."""
    columns = [LOG.id, _ROW_JSON.cast("BLOB")] if fast else list(_ROW)
    after: int | None = None  # the first page has no lower bound: an id 0 or below is a row too
    while True:
        where = LOG.id <= upto if after is None else LOG.id.between(after + 1, upto)
        foreground.step_aside()  # a page of the log someone is waiting for is read first
        page = _execute(database, LOG.select(*columns).where(where).order_by(LOG.id).limit(_CHAIN_PAGE))
        read = 0
        for row in page:
            read += 1
            after = row[0]
            yield (after, row[1]) if fast else (after, canonical_row(row))
        if read < _CHAIN_PAGE:
            return


def _chain_pass(database: peewee.Database, fast: bool, progress: Callable[..., object] | None) -> ChainReport:
    """Seals and rows read side by side in id order, each once: a row between seals is counted as inserted. After a
    seal out of order (forged) seals are recomputed one by one and rows outside every seal counted by a query."""
    report = ChainReport()
    s = SEALS
    last_seal, upto, report.seals = _execute(database, s.select(fn.MAX(s.id), fn.MAX(s.last_id), _COUNT)).fetchone()
    rows = _chain_rows(database, upto or 0, fast)
    pending = next(rows, None)
    prev, prev_last, gaps, in_order = GENESIS_HASH, 0, 0, True
    columns = (s.id, s.first_id, s.last_id, s.row_count, s.prev_hash, s.hash)
    seals = _execute(database, s.select(*columns).where(s.id <= (last_seal or 0)).order_by(s.id))
    for i, (seal_id, first, last, count, prev_hash, expected) in enumerate(seals):
        if prev_hash != prev or first <= prev_last:
            report.problems.append(f"seal {seal_id} does not follow the seal before it (a seal was removed or forged)")
        in_order = in_order and prev_last < first <= last
        if in_order:
            digest, n = hashlib.sha256(prev_hash.encode("ascii")), 0
            while pending is not None and pending[0] <= last:
                if pending[0] < first:
                    gaps += 1
                else:
                    digest.update(pending[1])
                    n += 1
                pending = next(rows, None)
            found = digest.hexdigest()
        else:
            n, found = _seal_digest(database, prev_hash, first, last, fast=fast)
        if found != expected and fast:  # never trust the fast path with a verdict: the exact recipe decides
            n, found = _seal_digest(database, prev_hash, first, last, fast=False)
        if n != count:
            report.problems.append(
                f"audit rows {first}–{last}: {count} were sealed, {n} are there (rows deleted or added)"
            )
        elif found != expected:
            report.problems.append(f"audit rows {first}–{last} were altered after they were sealed")
        report.sealed_rows += n
        prev, prev_last = expected, last
        if progress:
            progress(i + 1, report.seals, "audit chain")
    if not in_order:
        covering = s.select(s.id).where(LOG.id.between(s.first_id, s.last_id))
        gaps = _one(database, LOG.select(_COUNT).where(LOG.id <= prev_last, ~fn.EXISTS(covering)))
    if gaps:
        report.problems.append(f"{gaps} audit rows were inserted among sealed rows")
    report.unsealed_rows = _one(database, LOG.select(_COUNT).where(LOG.id > prev_last))
    report.ok = not report.problems
    return report


def verify_chain(database: peewee.Database, progress: Callable[..., object] | None = None) -> ChainReport:
    """Recompute every seal from the rows it covers, each row read once. Read-only; memory stays flat."""
    fast = engine_of(database).name == "sqlite" and _sqlite_json_matches(database)
    try:
        return _chain_pass(database, fast, progress)
    except Exception as exc:  # another program stored a BLOB, which json_array refuses (raised while reading; the
        if not fast or "JSON cannot hold BLOB" not in str(exc):  # driver's own class: sqlite3 or sqlcipher3)
            raise
        return _chain_pass(database, False, progress)  # the exact path


# --------------------------------------------------------------------------------------------------------------
# Reading audit rows.


@dataclass
class AuditEntry:
    id: int
    table_name: str
    record_id: str
    action: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    changed_at: str
    changed_by: str | None
    batch_id: str | None
    profile_id: str | None

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> AuditEntry:
        return cls(
            id=row[0],
            table_name=row[1],
            record_id=row[2],
            action=row[3],
            old=json.loads(row[4]) if row[4] else None,
            new=json.loads(row[5]) if row[5] else None,
            changed_at=row[6],
            changed_by=row[7],
            batch_id=row[8],
            profile_id=row[9],
        )

    def changed_fields(self) -> list[str]:
        if self.old is None or self.new is None:
            return sorted((self.old or self.new or {}).keys())
        return [k for k in self.new if self.old.get(k) != self.new.get(k)]


def entries(database: peewee.Database, *where: peewee.Node, limit: int | None = None) -> list[AuditEntry]:
    """Audit rows matching every condition of ``where`` (on :data:`LOG`'s columns), in id order."""
    query = LOG.select(*_ROW).order_by(LOG.id)
    if where:
        query = query.where(*where)
    if limit:
        query = query.limit(int(limit))
    return [AuditEntry.from_row(r) for r in _execute(database, query).fetchall()]


# --------------------------------------------------------------------------------------------------------------
# The database's identity: a stable id in ``meta``, which the anchors outside the file (desktop.store.anchors)
# and every backup's description are keyed by.

DATABASE_ID_KEY = "database_id"


def chain_head(database: peewee.Database) -> tuple[int, str]:
    """(last sealed audit id, its seal's hash); ``(0, GENESIS_HASH)`` when nothing is sealed yet."""
    return _last_seal(database)


def database_id(database: peewee.Database) -> str | None:
    """The database's stable id (in ``meta``), or None for a database that has none yet."""
    try:
        value = _one(database, META.select(META.value).where(META.key == DATABASE_ID_KEY))
    except Exception:  # no meta table: reported by the machinery check
        return None
    return None if value is None else str(value)


def ensure_database_id(database: peewee.Database) -> str:
    """Give the database its id if it has none (inside the caller's write transaction)."""
    current = database_id(database)
    if current:
        return current
    new_id = uuid.uuid4().hex
    _execute(database, META.insert({META.key: DATABASE_ID_KEY, META.value: new_id}))
    return new_id


def start_lineage(database: peewee.Database) -> str:
    """A restored database starts a new line of history: a new id, so that backups of the line it left (whose
    heads run past the fork) are not mistaken for a log cut short. The previous id is kept in ``meta``."""
    previous = database_id(database)
    new_id = uuid.uuid4().hex
    _execute(database, META.delete().where(META.key.in_((DATABASE_ID_KEY, "previous_database_id"))))
    _execute(database, META.insert({META.key: DATABASE_ID_KEY, META.value: new_id}))
    if previous:
        _execute(database, META.insert({META.key: "previous_database_id", META.value: previous}))
    return new_id

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
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desktop.schema import APPEND_ONLY_TABLES, AUDIT_COLUMNS, COLUMNS, DATA_TABLES

#: The app's own actors; anything else in ``changed_by`` was written by another program.
ACTORS = ("user", "migration", "restore", "system")
EXTERNAL_ACTOR = "external"
GENESIS_HASH = "0" * 64
#: Columns whose change alone is not a change worth auditing (bookkeeping the app maintains itself).
UNAUDITED_COLUMNS = {"version"}


def _profile_expr(table: str, ref: str) -> str:
    return f'{ref}."id"' if table == "profiles" else f'{ref}."profile_id"'


def _json_row(table: str, ref: str) -> str:
    parts = ", ".join(f"'{c}', {ref}.\"{c}\"" for c in COLUMNS[table])
    return f"json_object({parts})"


def sqlite_trigger_sql() -> list[str]:
    """DDL of every audit trigger and guard for SQLite (idempotent: DROP then CREATE)."""
    now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    actor = f"COALESCE((SELECT actor FROM audit_context WHERE id = 1), '{EXTERNAL_ACTOR}')"
    batch = "(SELECT batch_id FROM audit_context WHERE id = 1)"
    insert = (
        "INSERT INTO audit_log (table_name, record_id, action, old_value, new_value, changed_at, changed_by, "
        "batch_id, profile_id) VALUES "
    )
    out: list[str] = []
    for t in DATA_TABLES:
        changed = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in COLUMNS[t] if c not in UNAUDITED_COLUMNS)
        specs = {
            "insert": ("INSERT", "", "NULL", _json_row(t, "NEW"), "NEW"),
            "update": ("UPDATE", f"WHEN {changed}", _json_row(t, "OLD"), _json_row(t, "NEW"), "NEW"),
            "delete": ("DELETE", "", _json_row(t, "OLD"), "NULL", "OLD"),
        }
        for name, (action, when, old, new, ref) in specs.items():
            trig = f"audit_{t}_{name}"
            out.append(f"DROP TRIGGER IF EXISTS {trig}")
            out.append(
                f"CREATE TRIGGER {trig} AFTER {action} ON {t} {when} BEGIN {insert}"
                f"('{t}', CAST({ref}.\"id\" AS TEXT), '{action}', {old}, {new}, {now}, {actor}, {batch}, "
                f"{_profile_expr(t, ref)}); END"
            )
    for t in APPEND_ONLY_TABLES:
        for action in ("UPDATE", "DELETE"):
            trig = f"{t}_no_{action.lower()}"
            out.append(f"DROP TRIGGER IF EXISTS {trig}")
            out.append(
                f"CREATE TRIGGER {trig} BEFORE {action} ON {t} BEGIN "
                f"SELECT RAISE(ABORT, '{t} is append-only: its rows cannot be changed or deleted'); END"
            )
        # INSERT OR REPLACE deletes the row it collides with without firing delete triggers (unless the writer
        # turned recursive_triggers on), so refuse an insert that collides. An automatic id is -1 here.
        trig = f"{t}_no_replace"
        collides = "NEW.id > 0 AND id = NEW.id" + (" OR batch_id = NEW.batch_id" if t == "audit_batch" else "")
        out.append(f"DROP TRIGGER IF EXISTS {trig}")
        out.append(
            f"CREATE TRIGGER {trig} BEFORE INSERT ON {t} WHEN EXISTS (SELECT 1 FROM {t} WHERE {collides}) BEGIN "
            f"SELECT RAISE(ABORT, '{t} is append-only: its rows cannot be changed or deleted'); END"
        )
    return out


# --------------------------------------------------------------------------------------------------------------
# The write context: actor + batch, one transaction, sealed at commit.

_local = threading.local()


def current_batch() -> str | None:
    """The batch id of the write block this thread is in, if any."""
    return getattr(_local, "batch", None)


@contextmanager
def writing(actor: str = "user", batch_id: str | None = None) -> Iterator[str]:
    """One audited write transaction: every change inside is recorded with ``actor`` and one batch id.

    Nested blocks join the outer transaction (as a savepoint) and its batch. On leaving the outermost block the
    context is cleared and the new audit rows are sealed, all in the same transaction, then committed.
    """
    from desktop import db as dbmod

    database = dbmod.current()
    if getattr(_local, "batch", None) is not None:
        with database.atomic():
            yield _local.batch
        return
    if actor not in ACTORS:
        raise ValueError(f"unknown actor {actor!r}")
    batch = batch_id or uuid.uuid4().hex
    _local.batch = batch
    _local.actor = actor
    try:
        with dbmod.write_transaction(database):
            dbmod.engine_of(database).set_audit_context(database, actor, batch)
            yield batch
            dbmod.engine_of(database).clear_audit_context(database)
            seal(database)
    finally:
        _local.batch = None


def note_batch(kind: str, note: dict | None = None) -> None:
    """Record what the current batch is (e.g. a migration and its source archive). Inside :func:`writing`."""
    from desktop import db as dbmod

    batch = current_batch()
    if batch is None:
        raise RuntimeError("note_batch must run inside audit.writing()")
    database = dbmod.current()
    p = database.param
    database.execute_sql(
        f"INSERT INTO audit_batch (batch_id, actor, kind, note, created_at) VALUES ({p}, {p}, {p}, {p}, {p})",
        (batch, _local.actor, kind, json.dumps(note or {}, ensure_ascii=False),
         datetime.now(UTC).isoformat(timespec="milliseconds")),
    )


def batch_notes(database, batch_ids) -> dict[str, dict]:
    """{batch_id: {"kind", "actor", "note", "created_at"}} for the given batches that have a note."""
    ids = list(batch_ids)
    out: dict[str, dict] = {}
    p = database.param
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = database.execute_sql(
            f"SELECT batch_id, actor, kind, note, created_at FROM audit_batch WHERE batch_id IN ({', '.join([p] * len(chunk))})",
            tuple(chunk),
        )
        for batch, actor, kind, note, created in rows:
            out[batch] = {"actor": actor, "kind": kind, "note": json.loads(note or "{}"), "created_at": created}
    return out


# --------------------------------------------------------------------------------------------------------------
# Sealing and verification.

_SELECT_ROWS = f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit_log"


_json_string = json.encoder.encode_basestring  # the C string encoder json.dumps(ensure_ascii=False) uses


def canonical_row(row: tuple) -> bytes:
    """The bytes a seal hashes for one audit row: the same on every engine for the same values.

    Exactly ``json.dumps([id, *texts], ensure_ascii=False, separators=(",", ":"))`` + newline, written out by hand
    because sealing runs once per audit row at every commit and json.dumps builds an encoder per call (3x slower).
    """
    texts = ",".join("null" if v is None else _json_string(str(v)) for v in row[1:])
    return f"[{int(row[0])},{texts}]\n".encode()


def _last_seal(database) -> tuple[int, str]:
    row = database.execute_sql("SELECT last_id, hash FROM audit_seal ORDER BY id DESC LIMIT 1").fetchone()
    return (int(row[0]), row[1]) if row else (0, GENESIS_HASH)


#: Probe values for :func:`_sqlite_json_matches`: quotes, escapes, every control character, non-ASCII, emoji.
_PROBES = ('"q"\\/', "".join(map(chr, range(32))) + "\x7f", "苹果 é \u2028\u2029 \ufeff\u200b 😀", "", "null")
_sqlite_json_ok: dict[str, bool] = {}


def _sqlite_json_matches(database) -> bool:
    """Whether this SQLite's ``json_array`` writes exactly :func:`canonical_row`'s bytes (checked once per version).
    Sealing then lets SQLite build the text; verification always uses :func:`canonical_row` itself, so a SQLite that
    wrote JSON differently could never make a sound chain look broken — it would only lose the fast path."""
    import sqlite3

    version = sqlite3.sqlite_version
    if version not in _sqlite_json_ok:
        row = (7, *_PROBES, None, *_PROBES[:3], None)[:10]
        sql = database.execute_sql(f"SELECT json_array({', '.join(['?'] * 10)})", row).fetchone()[0]
        _sqlite_json_ok[version] = (sql + "\n").encode() == canonical_row(row)
    return _sqlite_json_ok[version]


def _hash_rows(database, digest, last_id: int, fast: bool = True) -> tuple[int | None, int | None, int]:
    """Feed every audit row after ``last_id`` into ``digest``; returns (first id, last id, count)."""
    from desktop import db as dbmod

    first = last = None
    count = 0
    if fast and dbmod.engine_of(database).name == "sqlite" and _sqlite_json_matches(database):
        cursor = database.execute_sql(
            f"SELECT id, json_array({', '.join(AUDIT_COLUMNS)}) FROM audit_log WHERE id > ? ORDER BY id", (last_id,)
        )
        update = digest.update
        while chunk := cursor.fetchmany(1000):
            first = chunk[0][0] if first is None else first
            for _, text in chunk:  # row by row: a card's row can be megabytes (inline images)
                update(text.encode())
                update(b"\n")
            last = chunk[-1][0]
            count += len(chunk)
        return first, last, count
    cursor = database.execute_sql(f"{_SELECT_ROWS} WHERE id > ? ORDER BY id".replace("?", database.param), (last_id,))
    while chunk := cursor.fetchmany(2000):
        first = chunk[0][0] if first is None else first
        for row in chunk:
            digest.update(canonical_row(row))
        last = chunk[-1][0]
        count += len(chunk)
    return first, last, count


def seal(database) -> int:
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
    p = database.param
    database.execute_sql(
        f"INSERT INTO audit_seal (first_id, last_id, row_count, prev_hash, hash, sealed_at) "
        f"VALUES ({p}, {p}, {p}, {p}, {p}, {p})",
        (first, last, count, prev_hash, digest.hexdigest(), datetime.now(UTC).isoformat(timespec="milliseconds")),
    )
    return count


def seal_pending(database) -> int:
    """Seal rows other programs wrote since the app last committed (called on open)."""
    from desktop import db as dbmod

    last_id, _ = _last_seal(database)
    pending = database.execute_sql(
        f"SELECT count(*) FROM audit_log WHERE id > {database.param}", (last_id,)
    ).fetchone()[0]
    if not pending:
        return 0
    with dbmod.write_transaction(database):
        return seal(database)


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


def verify_chain(database, progress=None) -> ChainReport:
    """Recompute every seal from the rows it covers. Read-only."""
    report = ChainReport()
    p = database.param
    seals = database.execute_sql(
        "SELECT id, first_id, last_id, row_count, prev_hash, hash FROM audit_seal ORDER BY id"
    ).fetchall()
    report.seals = len(seals)
    prev = GENESIS_HASH
    prev_last = 0
    for i, (seal_id, first, last, count, prev_hash, expected) in enumerate(seals):
        if prev_hash != prev or first <= prev_last:
            report.problems.append(f"seal {seal_id} does not follow the seal before it (a seal was removed or forged)")
        digest = hashlib.sha256(prev_hash.encode("ascii"))
        n = 0
        cursor = database.execute_sql(f"{_SELECT_ROWS} WHERE id BETWEEN {p} AND {p} ORDER BY id", (first, last))
        while True:
            chunk = cursor.fetchmany(5000)
            if not chunk:
                break
            for row in chunk:
                digest.update(canonical_row(row))
            n += len(chunk)
        if n != count:
            report.problems.append(f"audit rows {first}–{last}: {count} were sealed, {n} are there (rows deleted or added)")
        elif digest.hexdigest() != expected:
            report.problems.append(f"audit rows {first}–{last} were altered after they were sealed")
        report.sealed_rows += n
        prev, prev_last = expected, last
        if progress:
            progress(i + 1, len(seals), "audit chain")
    gaps = database.execute_sql(
        f"SELECT count(*) FROM audit_log a WHERE a.id <= {p} AND NOT EXISTS "
        "(SELECT 1 FROM audit_seal s WHERE a.id BETWEEN s.first_id AND s.last_id)",
        (prev_last,),
    ).fetchone()[0]
    if gaps:
        report.problems.append(f"{gaps} audit rows were inserted among sealed rows")
    report.unsealed_rows = database.execute_sql(
        f"SELECT count(*) FROM audit_log WHERE id > {p}", (prev_last,)
    ).fetchone()[0]
    report.ok = not report.problems
    return report


# --------------------------------------------------------------------------------------------------------------
# Reading audit rows.


@dataclass
class AuditEntry:
    id: int
    table_name: str
    record_id: str
    action: str
    old: dict | None
    new: dict | None
    changed_at: str
    changed_by: str | None
    batch_id: str | None
    profile_id: str | None

    @classmethod
    def from_row(cls, row: tuple) -> AuditEntry:
        return cls(
            id=row[0], table_name=row[1], record_id=row[2], action=row[3],
            old=json.loads(row[4]) if row[4] else None, new=json.loads(row[5]) if row[5] else None,
            changed_at=row[6], changed_by=row[7], batch_id=row[8], profile_id=row[9],
        )

    def changed_fields(self) -> list[str]:
        if self.old is None or self.new is None:
            return sorted((self.old or self.new or {}).keys())
        return [k for k in self.new if self.old.get(k) != self.new.get(k)]


def entries(database, where: str = "", params: tuple = (), limit: int | None = None) -> list[AuditEntry]:
    """Audit rows in id order; ``where`` may use ``?`` placeholders on every engine."""
    where = where.replace("?", database.param)
    sql = f"{_SELECT_ROWS} {('WHERE ' + where) if where else ''} ORDER BY id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [AuditEntry.from_row(r) for r in database.execute_sql(sql, params).fetchall()]


# --------------------------------------------------------------------------------------------------------------
# Identity and head, for backup manifests.


def chain_head(database) -> tuple[int, str]:
    """(last sealed audit id, its seal's hash); ``(0, GENESIS_HASH)`` when nothing is sealed."""
    return _last_seal(database)


def database_id(database) -> str | None:
    """The database's stable id from ``meta``, or None when it has none."""
    row = database.execute_sql("SELECT value FROM meta WHERE key = 'database_id'").fetchone()
    return row[0] if row else None

"""Copy a whole ledger between engines (SQLite file ⇄ PostgreSQL server) with nothing lost, and prove it.

Everything is copied — the five data tables, the audit log and its seals, with their ids — so the audit chain
still verifies on the target. The source is read in one consistent snapshot; the target is written in one
transaction (a failure or a cancel leaves it as it was). The target's audit triggers are switched off for the
copy inside that transaction (the rows being copied already carry their history) and switched on again before
commit. Afterwards row counts and per-table content checksums of source and target are compared.

A non-empty target is refused unless ``merge=True``: then only what the target lacks is added, through the
normal audited path (actor ``system``, one batch), and the target keeps its own history.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import peewee

from desktop import models
from desktop.errors import Cancelled, LedgerError
from desktop.store import audit, db
from desktop.store.engine import engine_of
from desktop.store.schema import AUDIT_BATCH_COLUMNS, AUDIT_COLUMNS, COLUMNS, DATA_TABLES, SEAL_COLUMNS

COPY_TABLES: dict[str, tuple[str, ...]] = {
    **COLUMNS,
    "audit_log": AUDIT_COLUMNS,
    "audit_seal": SEAL_COLUMNS,
    "audit_batch": AUDIT_BATCH_COLUMNS,
}
CHUNK = 2000

Progress = Callable[[int, int, str], None]


@dataclass
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_checksum == self.target_checksum


@dataclass
class TransferResult:
    source: str
    target: str
    merged: bool
    copied: dict[str, int] = field(default_factory=dict)
    checks: list[TableCheck] = field(default_factory=list)
    chain: audit.ChainReport | None = None

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks) and (self.chain is None or self.chain.ok)

    def lines(self) -> list[str]:
        out = [f"From: {self.source}", f"To:   {self.target}"]
        for c in self.checks:
            mark = "verified" if c.ok else "DIFFERENT"
            out.append(f"  {c.table:<17} {c.source_rows:>9} → {c.target_rows:>9}  {mark}")
        if self.chain is not None:
            out.append(f"  {self.chain.summary()}")
        out.append("Transfer verified." if self.ok else "Transfer NOT verified: see the differences above.")
        return out


def _normalize(value: object) -> int | str | None:
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int | str) or value is None:
        return value
    return str(value)


def table_checksum(database: peewee.Database, table: str, columns: tuple[str, ...] | None = None) -> tuple[int, str]:
    """(row count, SHA-256 over the rows in id order) — equal on both engines for equal content."""
    columns = columns or COPY_TABLES[table]
    digest = hashlib.sha256()
    count = 0
    cursor = database.execute(_select(table, columns))
    while rows := cursor.fetchmany(CHUNK):
        for row in rows:
            digest.update(json.dumps([_normalize(v) for v in row], ensure_ascii=False).encode("utf-8"))
            digest.update(b"\n")
        count += len(rows)
    return count, digest.hexdigest()


def _select(table: str, columns: tuple[str, ...], ordered: bool = True) -> peewee.Select:
    """``columns`` of every row of ``table`` (by id), values as the driver returns them."""
    source = peewee.Table(table, columns)
    query = source.select(*(peewee.Column(source, c) for c in columns))
    return query.order_by(peewee.Column(source, "id")) if ordered else query


def open_raw(target: str, create: bool) -> peewee.Database:
    """Open a database without binding the models (two are open at once here)."""
    if db.is_server_url(target):
        return db.open_postgres(target, create=create)
    return db.open_sqlite(target, create=create)


def is_empty(database: peewee.Database) -> bool:
    return all(
        database.execute(_select(t, ("id",), ordered=False).limit(1)).fetchone() is None
        for t in (*DATA_TABLES, "audit_log")
    )


def count_rows(database: peewee.Database) -> dict[str, int]:
    return {
        t: database.execute(peewee.Table(t).select(peewee.fn.COUNT(peewee.SQL("*")))).fetchone()[0] for t in COPY_TABLES
    }


def copy_all(
    source: peewee.Database,
    target: peewee.Database,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    replace: bool = False,
) -> dict[str, int]:
    """Copy every table, ids included, from ``source`` into the empty ``target`` in one target transaction.
    With ``replace`` the target's rows are deleted first, in the same transaction (restoring a server from a
    backup file): the target then holds exactly the source, history included."""
    copied: dict[str, int] = {}
    with engine_of(source).read_snapshot(source):
        totals = count_rows(source)
        grand = sum(totals.values()) or 1
        done = 0
        with target.atomic():
            engine_of(target).disable_triggers(target)
            if replace:
                for table in reversed(COPY_TABLES):
                    peewee.Table(table).delete().execute(target)
            for table, columns in COPY_TABLES.items():
                cursor = source.execute(_select(table, columns))
                copied[table] = 0
                while rows := cursor.fetchmany(CHUNK):
                    if cancel and cancel():
                        raise Cancelled(code="transfer_cancelled")
                    engine_of(target).insert_many(target, table, columns, rows)
                    copied[table] += len(rows)
                    done += len(rows)
                    if progress:
                        progress(done, grand, table)
            engine_of(target).enable_triggers(target)
            engine_of(target).after_bulk_copy(target)
    return copied


def merge_into(source: peewee.Database, target: peewee.Database, progress: Progress | None = None) -> dict[str, int]:
    """Add to ``target`` what it lacks from ``source`` (profiles by id; words and grammar by their unique keys;
    cards and chat by legacy id or, lacking one, identical content), audited as one batch by ``system``."""
    added = {t: 0 for t in DATA_TABLES}
    keys = {
        "profiles": ("id",),
        "mastered_words": ("profile_id", "word", "language"),
        "mastered_grammar": ("profile_id", "grammar_uri"),
        "approved_cards": ("profile_id", "legacy_id", "content"),
        "chat_messages": ("profile_id", "legacy_id", "role", "timestamp", "content"),
    }
    previous = models.database.obj
    models.database.initialize(target)
    try:
        with engine_of(source).read_snapshot(source), audit.writing("system"):
            for i, table in enumerate(DATA_TABLES):
                columns = tuple(c for c in COLUMNS[table] if not (c in ("id", "version") and table != "profiles"))
                if table == "profiles":
                    columns = tuple(c for c in COLUMNS[table] if c != "version")
                key = keys[table]
                have = {tuple(r) for r in target.execute(_select(table, key, ordered=False))}
                new_rows: list[tuple[Any, ...]] = []
                for row in source.execute(_select(table, columns)):
                    record = dict(zip(columns, row, strict=True))
                    if tuple(record[k] for k in key) not in have:
                        new_rows.append(row)
                for chunk in peewee.chunked(new_rows, CHUNK):
                    engine_of(target).insert_many(target, table, columns, list(chunk))
                added[table] = len(new_rows)
                if progress:
                    progress(i + 1, len(DATA_TABLES), table)
    finally:
        models.database.initialize(previous)
    return added


def transfer(
    source_target: str,
    dest_target: str,
    merge: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> TransferResult:
    """Copy ``source_target`` into ``dest_target`` (paths or postgresql:// URLs) and verify the result."""
    if str(source_target) == str(dest_target):
        raise LedgerError(code="transfer_same_database")
    source = open_raw(str(source_target), create=False)
    try:
        target = open_raw(str(dest_target), create=True)
        try:
            result = TransferResult(db.display_name(source), db.display_name(target), merge)
            if not is_empty(target) and not merge:
                raise LedgerError(code="transfer_target_not_empty", target=result.target)
            if merge and not is_empty(target):
                result.copied = merge_into(source, target, progress)
                return result
            result.copied = copy_all(source, target, progress, cancel)
            for table in COPY_TABLES:
                s_rows, s_sum = table_checksum(source, table)
                t_rows, t_sum = table_checksum(target, table)
                result.checks.append(TableCheck(table, s_rows, t_rows, s_sum, t_sum))
            result.chain = audit.verify_chain(target)
            return result
        finally:
            target.close()
    finally:
        source.close()

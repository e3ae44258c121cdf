"""Bulk loads on SQLite: the audit rows of many inserted rows written by one statement instead of a trigger per row.

A migration writes hundreds of thousands of rows in one audited transaction. The per-row insert trigger costs
most of that write (a trigger program per row, interleaving two tables' pages). Inside :func:`setwise_audit`, the
insert triggers of the given tables are dropped *inside the write transaction* (the write lock is held, so no other
program can write in between), :func:`audit_inserted` writes the audit rows of each chunk with
:func:`desktop.store.sqlite.inserted_audit_sql` — the trigger's own expressions, so the rows are the ones the
trigger would have written, in the same order — and the triggers are created again, letter for letter, before the
block ends. The block is a savepoint: an error or a cancel undoes its rows and brings the triggers back even when
the caller goes on with its transaction, so the file never holds a committed state without them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import peewee

from desktop.store import sqlite
from desktop.store.engine import engine_of
from desktop.store.schema import DATA_TABLES

_local = threading.local()

#: The tables whose ids the database gives (AUTOINCREMENT: rising, never reused), so the rows one insert adds are
#: those above the highest id before it. A profile's id is chosen by the app: its inserts keep their trigger.
SETWISE_TABLES = tuple(t for t in DATA_TABLES if t != "profiles")


def setwise_tables() -> frozenset[str]:
    """The tables whose audit rows this thread's inserts write themselves (empty outside :func:`setwise_audit`)."""
    return getattr(_local, "tables", frozenset())


@contextmanager
def setwise_audit(database: peewee.Database, tables: Iterable[str]) -> Iterator[bool]:
    """Inside an audited write transaction: for the block, inserts into ``tables`` through
    :func:`desktop.services.insert_rows` are audited set-wise (yields True); on PostgreSQL nothing changes and
    the triggers audit as always (yields False)."""
    if not set(tables) <= set(SETWISE_TABLES):
        raise ValueError(f"set-wise audit needs database-given ids: {sorted(set(tables) - set(SETWISE_TABLES))}")
    if engine_of(database).name != "sqlite" or setwise_tables():
        yield False
        return
    # the per-row triggers these inserts would fire: each table's audit trigger, and the guards against REPLACE
    # (the app writes plain INSERTs: a collision is refused by the table's own keys, and nothing deleted unaudited)
    names = [*(f"audit_{t}_insert" for t in tables), *(f"{t}_no_replace" for t in tables), "audit_log_no_replace"]
    triggers = sqlite.expected_triggers()
    with database.atomic():  # a savepoint: an error undoes the block's rows and brings the triggers back
        for name in names:
            database.execute_sql(f"DROP TRIGGER {name}")  # an error if it is missing: never make what was not there
        _local.tables = frozenset(tables)
        try:
            yield True
        finally:
            _local.tables = frozenset()
        for name in names:
            database.execute_sql(triggers[name])


def last_id(database: peewee.Database, table: str) -> int:
    """The highest id of ``table`` (0 when empty): the rows an insert adds after this are above it."""
    cursor: Any = database.execute_sql(f'SELECT coalesce(max("id"), 0) FROM {table}')
    return int(cursor.fetchone()[0])


def audit_inserted(database: peewee.Database, table: str, after_id: int) -> None:
    """Write the audit rows of the rows of ``table`` above ``after_id`` (inside :func:`setwise_audit`)."""
    database.execute_sql(sqlite.inserted_audit_sql(table), (after_id,))

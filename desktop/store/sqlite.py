"""SQLite, the default engine: a file beside the user's data, opened with WAL, foreign keys and a busy timeout.

What is SQLite's own, kept here: the connection and its pragmas, ``BEGIN IMMEDIATE`` writes, the audit context in
the one-row table ``audit_context`` (SQLite has one writer at a time, so another program never sees it), the
trigger DDL (every trigger's exact text, compared letter by letter by :func:`machinery_problems`), JSON through
``json_extract`` / ``json_object``, and the planner hints (``NOT INDEXED``) our log reads need. The triggers use
only SQLite built-ins, so they work in every program that opens the file. :mod:`desktop.store.engine` says what
both engines offer.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import peewee
from peewee import fn

from desktop.store import cipher
from desktop.store.schema import (
    APPEND_ONLY_TABLES,
    COLUMNS,
    DATA_TABLES,
    EXTERNAL_ACTOR,
    EXTRA_SQL,
    PLAN_TABLES_SQL,
    SEARCH_TABLES,
    split_sql,
)

BUSY_TIMEOUT_SECONDS = 10
PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "full"}

#: Columns whose change alone is not a change worth auditing (bookkeeping the app maintains itself).
UNAUDITED_COLUMNS = {"version"}

Query = Callable[[str], Sequence[Sequence[Any]]]


# --------------------------------------------------------------------------------------------------------------
# The audit triggers.


def _profile_expr(table: str, ref: str) -> str:
    return f'{ref}."id"' if table == "profiles" else f'{ref}."profile_id"'


def json_row_sql(table: str, ref: str) -> str:
    """SQL for a row as the audit triggers record it (whole-row JSON, every column in table order)."""
    parts = ", ".join(f"'{c}', {ref}.\"{c}\"" for c in COLUMNS[table])
    return f"json_object({parts})"


#: The plan's UNIQUE keys, besides the primary key: a REPLACE that collides on them would delete the other row.
UNIQUE_KEYS: dict[str, tuple[str, ...]] = {
    "mastered_words": ("profile_id", "word", "language"),
    "mastered_grammar": ("profile_id", "grammar_uri"),
}
REPLACE_REFUSED = (
    "{t}: a row with this key already exists. Change it with UPDATE or remove it with DELETE "
    "(INSERT OR REPLACE, REPLACE and UPSERT would remove rows without an audit record, so they are refused)"
)


def _collision(t: str, *, update: bool) -> str:
    """SQL that is true when NEW collides with another row of ``t`` on its primary or a unique key."""
    other = " AND id IS NOT OLD.id" if update else ""
    if t == "profiles":
        pk = "EXISTS (SELECT 1 FROM profiles WHERE id = NEW.id" + other + ")"
    else:  # an automatic INTEGER PRIMARY KEY is -1 in a BEFORE INSERT trigger
        pk = f"NEW.id > 0 AND EXISTS (SELECT 1 FROM {t} WHERE id = NEW.id{other})"
    if update:
        pk = f"(NEW.id IS NOT OLD.id AND {pk})"
    clauses = [pk]
    if t in UNIQUE_KEYS:
        cols = UNIQUE_KEYS[t]
        same = " AND ".join(f'"{c}" = NEW."{c}"' for c in cols)
        probe = f"EXISTS (SELECT 1 FROM {t} WHERE {same}{other})"
        if update:
            changed = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in cols)
            probe = f"(({changed}) AND {probe})"
        clauses.append(probe)
    return " OR ".join(clauses)


_AUDIT_INSERT = (
    "INSERT INTO audit_log (table_name, record_id, action, old_value, new_value, changed_at, changed_by, batch_id, "
    "profile_id)"
)


def _audit_values(t: str, action: str, old: str, new: str, ref: str) -> str:
    """The values of the audit row the trigger on ``t`` writes for ``action`` (``ref`` is NEW or OLD)."""
    now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    actor = f"COALESCE((SELECT actor FROM audit_context WHERE id = 1), '{EXTERNAL_ACTOR}')"
    batch = "(SELECT batch_id FROM audit_context WHERE id = 1)"
    return (
        f"'{t}', CAST({ref}.\"id\" AS TEXT), '{action}', {old}, {new}, {now}, {actor}, {batch}, {_profile_expr(t, ref)}"
    )


def inserted_audit_sql(t: str) -> str:
    """The audit rows of every row of ``t`` whose id is above the one parameter, in id order: exactly the rows
    ``audit_{t}_insert`` writes, one statement for many rows (see :func:`desktop.store.bulk.setwise_audit`)."""
    values = _audit_values(t, "INSERT", "NULL", json_row_sql(t, "NEW"), "NEW")
    return f'{_AUDIT_INSERT} SELECT {values} FROM {t} AS NEW WHERE NEW."id" > ? ORDER BY NEW."id"'


def trigger_sql() -> list[str]:
    """DDL of every audit trigger and guard for SQLite (idempotent: DROP then CREATE)."""
    out: list[str] = []
    for name, create in expected_triggers().items():
        out.append(f"DROP TRIGGER IF EXISTS {name}")
        out.append(create)
    return out


#: Triggers added after the first release, per data table: a file holding exactly the others was made by that
#: release (an upgrade, put right quietly), not tampered with.
ADDED_TRIGGER_SUFFIXES = ("_no_replace", "_no_replace_update", "_version")


def previous_triggers() -> dict[str, str]:
    """The trigger set the first release installed."""
    added = {f"{t}{suffix}" for t in DATA_TABLES for suffix in ADDED_TRIGGER_SUFFIXES}
    return {name: sql for name, sql in expected_triggers().items() if name not in added}


def expected_triggers() -> dict[str, str]:
    """{trigger name: its exact CREATE statement}: what ``verify`` compares ``sqlite_master`` with, letter by letter.

    Per data table: the three audit triggers; ``*_no_replace`` and ``*_no_replace_update``, which refuse a write
    whose REPLACE conflict resolution would delete another row (SQLite fires no delete trigger for those unless the
    writer turned ``recursive_triggers`` on, so such a delete could never be audited); ``*_version``, which raises
    ``version`` on every UPDATE that did not raise it itself, whoever writes, so a stale save is always a conflict.
    Per append-only table: guards against UPDATE, DELETE and REPLACE. (A row another program inserts into
    ``audit_log`` "by you" is not refused here — a guard per audit row costs every audited write — but flagged when
    the app next opens the database: see :func:`seal_pending`.)
    """
    out: dict[str, str] = {}
    for t in DATA_TABLES:
        changed = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in COLUMNS[t] if c not in UNAUDITED_COLUMNS)
        specs = {
            "insert": ("INSERT", "", "NULL", json_row_sql(t, "NEW"), "NEW"),
            "update": ("UPDATE", f"WHEN {changed}", json_row_sql(t, "OLD"), json_row_sql(t, "NEW"), "NEW"),
            "delete": ("DELETE", "", json_row_sql(t, "OLD"), "NULL", "OLD"),
        }
        for name, (action, when, old, new, ref) in specs.items():
            trig = f"audit_{t}_{name}"
            out[trig] = (
                f"CREATE TRIGGER {trig} AFTER {action} ON {t} {when} BEGIN {_AUDIT_INSERT} VALUES "
                f"({_audit_values(t, action, old, new, ref)}); END"
            )
        refused = REPLACE_REFUSED.format(t=t)
        # The app never writes REPLACE, and its bulk inserts are the hot path: the check (an index probe per row)
        # runs for writers without the app's write context only.
        out[f"{t}_no_replace"] = (
            f"CREATE TRIGGER {t}_no_replace BEFORE INSERT ON {t} WHEN NOT EXISTS (SELECT 1 FROM audit_context) AND "
            f"({_collision(t, update=False)}) BEGIN SELECT RAISE(ABORT, '{refused}'); END"
        )
        out[f"{t}_no_replace_update"] = (
            f"CREATE TRIGGER {t}_no_replace_update BEFORE UPDATE ON {t} WHEN {_collision(t, update=True)} BEGIN "
            f"SELECT RAISE(ABORT, '{refused}'); END"
        )
        out[f"{t}_version"] = (
            f"CREATE TRIGGER {t}_version AFTER UPDATE ON {t} WHEN NEW.version IS OLD.version BEGIN "
            f"UPDATE {t} SET version = OLD.version + 1 WHERE id = NEW.id; END"
        )
    for t in APPEND_ONLY_TABLES:
        message = f"{t} is append-only: its rows cannot be changed or deleted"
        for action in ("UPDATE", "DELETE"):
            trig = f"{t}_no_{action.lower()}"
            out[trig] = f"CREATE TRIGGER {trig} BEFORE {action} ON {t} BEGIN SELECT RAISE(ABORT, '{message}'); END"
        # INSERT OR REPLACE deletes the row it collides with without firing delete triggers (unless the writer
        # turned recursive_triggers on), so refuse an insert that collides. An automatic id is -1 here.
        collides = "NEW.id > 0 AND id = NEW.id" + (" OR batch_id = NEW.batch_id" if t == "audit_batch" else "")
        out[f"{t}_no_replace"] = (
            f"CREATE TRIGGER {t}_no_replace BEFORE INSERT ON {t} WHEN EXISTS (SELECT 1 FROM {t} WHERE {collides}) "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
    return out


# --------------------------------------------------------------------------------------------------------------
# The engine.


class SqliteEngine:
    """What differs per engine, for SQLite (see :class:`desktop.store.engine.Engine`)."""

    name = "sqlite"
    #: our log and replay reads tell SQLite's planner which index to use; PostgreSQL's weighs both ways itself
    needs_planner_hints = True
    #: whether the JSON texts the replay compares are normalised by the engine (json_object text: two writers may spell one value differently)
    canonical_json = False

    def connect(self, target: str | Path) -> peewee.SqliteDatabase:
        """A database on the file ``target`` with the app's pragmas (connected on first use), through SQLCipher: a
        new file is encrypted with the default key, an existing encrypted one opened with the key that opens it
        (KeyNeeded when none stored here does; :mod:`desktop.store.cipher`)."""
        secret = cipher.secret_for_new_or_existing(target)
        return cipher.database(str(target), secret, pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_SECONDS, autoconnect=True)

    def begin_write(self, database: peewee.Database) -> AbstractContextManager[Any]:
        # IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout instead of failing
        # when a read transaction tries to upgrade.
        return database.atomic(lock_type="IMMEDIATE")

    def read_snapshot(self, database: peewee.Database) -> AbstractContextManager[Any]:
        return database.atomic()  # a read transaction: one snapshot in WAL mode

    def set_audit_context(self, database: peewee.Database, actor: str, batch: str) -> None:
        database.execute_sql(
            "INSERT OR REPLACE INTO audit_context (id, actor, batch_id) VALUES (1, ?, ?)", (actor, batch)
        )

    def clear_audit_context(self, database: peewee.Database) -> None:
        database.execute_sql("DELETE FROM audit_context")

    def install_triggers(self, database: peewee.Database) -> None:
        for statement in trigger_sql():
            database.execute_sql(statement)

    def disable_triggers(self, database: peewee.Database) -> None:
        """Switch the audit machinery off for a bulk copy of whole tables (:meth:`enable_triggers` puts it back)."""
        for name in trigger_names(database):
            database.execute_sql(f"DROP TRIGGER IF EXISTS {name}")

    def enable_triggers(self, database: peewee.Database) -> None:
        self.install_triggers(database)

    def machinery_problems(self, database: peewee.Database) -> list[str]:
        """The audit machinery compared with what this version installs, letter by letter: every trigger's SQL
        text, no trigger we did not make, and the structure of our tables (columns, keys, indexes). Read-only."""
        return machinery_problems(lambda sql: database.execute_sql(sql).fetchall())

    def integrity_check(self, database: peewee.Database) -> tuple[str, bool]:
        """(``ok`` or SQLite's first complaints, whether it passed)."""
        try:
            rows = [r[0] for r in database.execute_sql("PRAGMA integrity_check").fetchall()]
        except peewee.DatabaseError as exc:
            rows = [str(exc)]
        return ("ok" if rows == ["ok"] else "; ".join(rows[:3])), rows == ["ok"]

    def foreign_key_problems(self, database: peewee.Database) -> int:
        """How many rows point to a missing parent (SQLite checks foreign keys only while they are switched on)."""
        return len(database.execute_sql("PRAGMA foreign_key_check").fetchall())

    def schema_version(self, database: peewee.Database) -> int:
        return int(database.execute_sql("PRAGMA user_version").fetchone()[0])

    def path(self, database: peewee.Database) -> Path | None:
        return Path(database.database)

    def size(self, database: peewee.Database) -> int:
        path = database.database
        return sum(os.path.getsize(f"{path}{s}") for s in ("", "-wal") if os.path.exists(f"{path}{s}"))

    def insert_many(self, database: peewee.Database, table: str, columns: Sequence[str], rows: list[Any]) -> None:
        marks = ", ".join("?" * len(columns))
        database.cursor().executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def after_bulk_copy(self, database: peewee.Database) -> None:
        """Nothing to do: an INTEGER PRIMARY KEY continues after the largest id by itself."""

    # JSON and comparisons, for the reads

    def json_text(self, column: peewee.Node, key: str) -> peewee.Node:
        return fn.json_extract(column, f"$.{key}")

    def is_distinct(self, column: Any, value: Any) -> peewee.Node:
        return peewee.Expression(column, "IS NOT", value)

    def any_true(self, condition: peewee.Node) -> peewee.Node:
        return fn.MAX(condition)

    # SQL text for the replay (see desktop.replay)

    def row_json_sql(self, table: str, alias: str) -> str:
        """The row as the audit trigger writes it, without ``version``."""
        parts = ", ".join(f"'{c}', {alias}.\"{c}\"" for c in COLUMNS[table] if c != "version")
        return f"json_object({parts})"

    def logged_json_sql(self, expr: str) -> str:
        return f"json_remove({expr}, '$.version')"

    def same_sql(self, a: str, b: str) -> str:
        return f"({a} IS {b})"

    def record_key_sql(self, alias: str) -> str:
        # SQLite converts the TEXT record id to the INTEGER key's affinity and uses the primary key
        return f"{alias}.id"

    def made_by_previous_release(self, database: peewee.Database) -> bool:
        """Whether the file's triggers are exactly those an earlier release of the app installed (and its tables
        ours): bringing them up to date is an upgrade, not a repair."""
        found = {
            name: sql
            for name, sql in database.execute_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            ).fetchall()
        }
        if found != previous_triggers():
            return False
        return all(
            p.startswith("audit trigger ") and p.endswith(" is missing") for p in self.machinery_problems(database)
        )


ENGINE = SqliteEngine()


def trigger_names(database: peewee.Database) -> set[str]:
    return {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


#: Our tables, the data tables first. A table not listed here (but SQLite's own) makes the file not ours.
OWN_TABLES = (*DATA_TABLES, "audit_log", "audit_seal", "audit_context", "audit_batch", "meta")
#: A table's shape: its columns, indexes and foreign keys as SQLite parsed them.
Shape = dict[str, Any]
_reference: dict[str, Shape] | None = None


def _structure(query: Query, tables: Sequence[str] = OWN_TABLES) -> dict[str, Shape]:
    """Columns, foreign keys and indexes (with their columns) of each table, as SQLite itself parsed them."""
    out: dict[str, Shape] = {}
    for table in tables:
        columns = [tuple(r[1:6]) for r in query(f'PRAGMA table_xinfo("{table}")')]
        if not columns:
            continue
        indexes = {}
        for row in query(f'PRAGMA index_list("{table}")'):
            cols = tuple(r[2] for r in query(f'PRAGMA index_info("{row[1]}")'))
            indexes[row[1] if not row[1].startswith("sqlite_autoindex") else f"unique{cols}"] = (row[2], cols)
        fks = sorted(tuple(r[2:]) for r in query(f'PRAGMA foreign_key_list("{table}")'))
        out[table] = {"columns": columns, "indexes": indexes, "foreign_keys": fks}
    return out


def reference_structure() -> dict[str, Shape]:
    """What a database made by this version looks like (built once, in memory)."""
    global _reference
    if _reference is None:
        memory = sqlite3.connect(":memory:")
        try:
            for statement in split_sql(PLAN_TABLES_SQL + EXTRA_SQL):
                memory.execute(statement)
            _reference = _structure(lambda sql: memory.execute(sql).fetchall())
        finally:
            memory.close()
    return _reference


def machinery_problems(query: Query) -> list[str]:
    """Plain sentences for every difference between the file's audit machinery and schema and ours."""
    problems: list[str] = []
    expected = expected_triggers()
    found = {
        name: (table, sql)
        for name, table, sql in query("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
    }
    for name, create in expected.items():
        if name not in found:
            problems.append(f"audit trigger {name} is missing")
        elif found[name][1] != create:
            problems.append(f"audit trigger {name} was changed (its SQL is not the one the app installs)")
    for name, (table, _sql) in sorted(found.items()):
        if name not in expected:
            problems.append(f"an unexpected trigger {name} is attached to {table}")
    tables = {r[0] for r in query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    # the search index (its tables are SQLite's FTS5 own) is checked by desktop.store.search.index_problems
    for table in sorted(tables - set(OWN_TABLES) - set(SEARCH_TABLES)):
        if not table.startswith("sqlite_"):
            problems.append(f"an unexpected table {table} is in the file")
    reference = reference_structure()
    actual = _structure(query)
    for table, shape in reference.items():
        if table not in actual:
            problems.append(f"table {table} is missing")
            continue
        if actual[table]["columns"] != shape["columns"]:
            problems.append(f"table {table} does not have the columns the app expects (its definition was changed)")
        if actual[table]["foreign_keys"] != shape["foreign_keys"]:
            problems.append(f"table {table} has other foreign keys than the app expects")
        for index, spec in shape["indexes"].items():
            if actual[table]["indexes"].get(index) != spec:
                problems.append(f"index {index} on {table} is missing or was changed")
    return problems

"""What differs between the two engines, in one place: the :class:`Engine` protocol, implemented symmetrically by
:class:`desktop.store.sqlite.SqliteEngine` and :class:`desktop.store.postgres.PostgresEngine`, and
:func:`engine_of`, which gives the engine of a database handle. Code above the store asks the engine instead of
testing which one it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

import peewee

from desktop.store import postgres, sqlite


class Engine(Protocol):
    """One database engine: how to connect, write, audit, check and read JSON on it."""

    #: "sqlite" or "postgres" (also a cache key for SQL built once per engine)
    name: str
    #: whether our log and replay reads must tell the planner which index to take (SQLite) or it weighs them
    #: itself (PostgreSQL)
    needs_planner_hints: bool
    #: whether the JSON texts the replay compares are normalised by the engine, so different text is a different
    #: value (PostgreSQL's jsonb), or may spell one value two ways (SQLite's json_object)
    canonical_json: bool

    def __hash__(self) -> int: ...  # an engine is a cache key (one instance each)

    # connecting and transactions
    def connect(self, target: str | Path) -> peewee.Database:
        """A database handle on ``target`` (a file path, a server URL), connected on first use."""
        ...

    def begin_write(self, database: peewee.Database) -> AbstractContextManager[Any]:
        """A write transaction that queues behind other writers (and orders audit ids by commit)."""
        ...

    def read_snapshot(self, database: peewee.Database) -> AbstractContextManager[Any]:
        """A read transaction seeing one consistent snapshot of every table."""
        ...

    # the audit machinery
    def set_audit_context(self, database: peewee.Database, actor: str, batch: str) -> None: ...
    def clear_audit_context(self, database: peewee.Database) -> None: ...
    def install_triggers(self, database: peewee.Database) -> None:
        """Create (or re-create) every trigger and trigger function we install."""
        ...

    def disable_triggers(self, database: peewee.Database) -> None: ...
    def enable_triggers(self, database: peewee.Database) -> None: ...
    def machinery_problems(self, database: peewee.Database) -> list[str]:
        """Every difference between the database's audit machinery and ours, one sentence each. Read-only."""
        ...

    # checks and facts
    def integrity_check(self, database: peewee.Database) -> tuple[str, bool]: ...
    def foreign_key_problems(self, database: peewee.Database) -> int: ...
    def schema_version(self, database: peewee.Database) -> int: ...
    def path(self, database: peewee.Database) -> Path | None:
        """The database's file, or ``None`` for a server database."""
        ...

    def size(self, database: peewee.Database) -> int: ...

    # bulk copies (transfer)
    def insert_many(self, database: peewee.Database, table: str, columns: Sequence[str], rows: list[Any]) -> None: ...
    def after_bulk_copy(self, database: peewee.Database) -> None: ...

    # JSON access and comparisons, as peewee expressions
    def json_text(self, column: peewee.Node, key: str) -> peewee.Node:
        """The text at ``key`` of the JSON object held (as text) in ``column``; NULL where there is none."""
        ...

    def is_distinct(self, column: Any, value: Any) -> peewee.Node:
        """``column`` holds something else than ``value``, NULL being a value like any other."""
        ...

    def any_true(self, condition: peewee.Node) -> peewee.Node:
        """An aggregate: whether ``condition`` holds for any row of the group."""
        ...

    # SQL text for the replay's one-pass scans (desktop.replay)
    def row_json_sql(self, table: str, alias: str) -> str: ...
    def logged_json_sql(self, expr: str) -> str: ...
    def same_sql(self, a: str, b: str) -> str: ...
    def record_key_sql(self, alias: str) -> str: ...


def engine_of(database: peewee.Database) -> Engine:
    """The engine a database handle runs on."""
    if isinstance(database, peewee.PostgresqlDatabase):
        return postgres.ENGINE
    return sqlite.ENGINE

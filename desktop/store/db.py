"""The database the app works on: open it (a SQLite file, or a PostgreSQL URL), get it, close it.

``open_database`` is the one way in: it refuses a damaged file, someone else's file or a newer schema with a typed
error, upgrades an older schema (after a verified backup of the file), puts back audit machinery another program
dropped or changed, seals audit rows other programs wrote, and binds the models to the database.
:func:`current` is the bound database; :mod:`desktop.store.upgrade` holds the schema steps and repairs it uses.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import peewee

from desktop import models, paths
from desktop.errors import DatabaseDamagedError, LedgerError, NewerSchemaError, StorageError
from desktop.store import anchors, audit, cipher, postgres, sqlite, upgrade
from desktop.store.engine import engine_of
from desktop.store.schema import DATA_TABLES, EXTRA_SQL, SCHEMA_VERSION, split_sql

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"


def is_server_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def current() -> peewee.Database:
    """The database the models are bound to (raises if none is open)."""
    database: peewee.Database | None = models.database.obj
    if database is None:
        raise LedgerError(code="no_database_open")
    return database


def write_transaction(database: peewee.Database | None = None) -> AbstractContextManager[Any]:
    """A write transaction on ``database`` (default: the bound one), as its engine takes one."""
    database = database or current()
    return engine_of(database).begin_write(database)


def describe(target: object) -> str:
    """A printable name for a database target, with any password removed."""
    if is_server_url(target):
        return postgres.redact(str(target))
    return str(target)


# --------------------------------------------------------------------------------------------------------------
# SQLite


def check_sqlite_file(path: Path) -> None:
    """Raise DatabaseDamagedError when ``path`` exists but is not a readable SQLite database."""
    try:
        size = path.stat().st_size
        if size == 0:
            return
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StorageError(code="database_unreadable", path=str(path), reason=exc.strerror) from exc
    if header != SQLITE_MAGIC:
        if not cipher.is_encrypted(path):
            raise DatabaseDamagedError(str(path), "this is not a Mastery Ledger database file")
        cipher.secret_for(path)  # KeyNeeded when no key stored here opens it


def quick_check(connection: sqlite3.Connection) -> str | None:
    """``None`` when the database passes ``PRAGMA quick_check``, otherwise the first complaint."""
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except (sqlite3.DatabaseError, cipher.dbapi.DatabaseError) as exc:
        return str(exc)
    if rows and rows[0][0] == "ok":
        return None
    return "; ".join(str(r[0]) for r in rows[:3]) or "unknown damage"


def _refuse_foreign(path: Path) -> None:
    """Look (read-only, before any pragma changes the file) whether ``path`` holds someone else's tables."""
    try:
        probe = cipher.connect(f"file:{path}?mode=ro", cipher.secret_for(path), uri=True)
    except cipher.dbapi.Error:
        return
    try:
        version = probe.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except cipher.dbapi.DatabaseError:
        return  # the quick check after opening reports the damage
    finally:
        probe.close()
    if version == 0 and tables and not tables.intersection(DATA_TABLES):
        raise LedgerError(code="not_a_ledger_database", path=str(path))


def _upgrade(path: Path, database: peewee.Database, found: int) -> None:
    """Upgrade the file from schema ``found``, after a verified backup of it."""
    # why: an arrow against the layers (the backup engine sits above the store and opens databases itself); at
    # import time it would be a cycle
    from desktop.backup.create import create_backup

    create_backup(database_path=path, reason="before-upgrade")
    upgrade.upgrade(database, found)


def page_check(database: peewee.Database) -> str | None:
    """``PRAGMA quick_check`` of a file database on this thread's connection (``None``: it passed, or a server
    database, whose server checks its own pages). The window runs it in the background after opening with
    ``check=False`` (it reads every page: seconds on a large file)."""
    if database_path(database) is None:
        return None
    try:
        connection = database.connection()
    except peewee.DatabaseError as exc:
        return str(exc)
    return quick_check(connection)


def open_sqlite(
    path: Path | str, *, create: bool = True, repair: bool = True, check: bool = True
) -> peewee.SqliteDatabase:
    """Open (or create) the file ``path``. ``check=False`` leaves out the quick check of every page (the window runs
    :func:`page_check` in the background instead, so a large file opens at once); the header, the schema and the
    audit machinery are still checked, and a read that meets damage still raises DatabaseDamagedError."""
    path = Path(path).expanduser()
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise LedgerError(code="no_database_at", path=str(path))
    if exists:
        check_sqlite_file(path)
        _refuse_foreign(path)
    else:
        try:
            paths.make_private_dir(path.parent)
            paths.create_private_file(path)
        except OSError as exc:
            raise StorageError(code="database_not_creatable", path=str(path), reason=exc.strerror) from exc
    database = sqlite.ENGINE.connect(path)
    try:
        connection = database.connection()
    except peewee.DatabaseError as exc:
        raise DatabaseDamagedError(str(path), str(exc)) from exc
    for suffix in ("", "-wal", "-shm"):
        paths.make_private(Path(f"{path}{suffix}"))
    if exists and check:
        problem = quick_check(connection)
        if problem:
            database.close()
            raise DatabaseDamagedError(str(path), problem)
    try:
        version = database.execute_sql("PRAGMA user_version").fetchone()[0]
        tables = upgrade.table_names(database)
        if version > SCHEMA_VERSION:
            database.close()
            raise NewerSchemaError(str(path), version, SCHEMA_VERSION)
        if version == 0 and not tables.intersection(DATA_TABLES):
            if tables or not create:
                database.close()
                raise LedgerError(code="not_a_ledger_database", path=str(path))
            upgrade.create_sqlite_schema(database)
        elif version < SCHEMA_VERSION:
            if not repair:
                database.close()
                raise LedgerError(code="older_schema", path=str(path))
            _upgrade(path, database, version)
        if repair:
            upgrade.ensure_extras(database)
            if audit.database_id(database) is None:  # before anything anchors the chain under this id
                with database.atomic(lock_type="IMMEDIATE"):
                    audit.ensure_database_id(database)
            upgrade.repair_sqlite_machinery(database)
            audit.seal_pending(database)
            anchors.update_anchor(database, force=not exists)  # a file the app just made has no history
    except peewee.DatabaseError as exc:
        database.close()
        raise DatabaseDamagedError(str(path), str(exc)) from exc
    return database


def open_postgres(url: str, *, create: bool = True, repair: bool = True) -> postgres.ServerDatabase:
    """Open the server database at ``url``: create our schema in an empty one, refuse another schema version,
    and (with ``repair``) put back the audit machinery and seal rows other programs wrote."""
    database = postgres.make_database(url)
    try:
        database.connect(reuse_if_open=True)
    except peewee.OperationalError as exc:
        raise postgres.connect_error(url, exc) from exc
    try:
        tables = set(database.get_tables())
        if not tables.intersection(DATA_TABLES):
            if not create:
                raise LedgerError(code="server_no_data", url=postgres.redact(url))
            with database.atomic():
                upgrade.create_postgres_schema(database)
                audit.ensure_database_id(database)
            anchors.update_anchor(database, force=True)  # a database the app just made has no history
        else:
            version = postgres.ENGINE.schema_version(database) if "meta" in tables else 0
            if version > SCHEMA_VERSION:
                raise NewerSchemaError(postgres.redact(url), version, SCHEMA_VERSION)
            if version < SCHEMA_VERSION and not upgrade.can_upgrade_postgres(version):
                raise LedgerError(code="server_older_schema", url=postgres.redact(url), version=version)
            if version < SCHEMA_VERSION and repair:
                upgrade.upgrade_postgres(database, version)  # additive steps (indexes) only
        if repair:
            _repair_postgres(database)
    except peewee.DatabaseError as exc:
        database.close()
        raise DatabaseDamagedError(postgres.redact(url), postgres.first_line(exc)) from exc
    except LedgerError:
        database.close()
        raise
    return database


def _repair_postgres(database: peewee.PostgresqlDatabase) -> None:
    if audit.database_id(database) is None:  # before anything anchors the chain under this id
        with database.atomic():
            audit.ensure_database_id(database)
    upgrade.repair_postgres_machinery(database)
    for statement in split_sql(postgres.translate_ddl(EXTRA_SQL)):
        if statement.startswith("CREATE INDEX IF NOT EXISTS"):
            database.execute_sql(statement)
    audit.seal_pending(database)


def open_database(
    target: Path | str | None = None, *, create: bool = True, repair: bool = True, check: bool = True
) -> peewee.Database:
    """Open (creating if needed) the database at ``target`` (a path, a PostgreSQL URL, or the default) and bind
    the models to it. Raises DatabaseDamagedError, NewerSchemaError, StorageError or LedgerError. ``check=False``:
    see :func:`open_sqlite` (the caller then runs :func:`page_check` itself)."""
    if target is None:
        target = paths.default_db_path()
    database: peewee.Database
    if is_server_url(target):
        database = open_postgres(str(target), create=create, repair=repair)
    else:
        database = open_sqlite(target, create=create, repair=repair, check=check)
    bind(database)
    return database


def open_read_only(target: Path | str | None = None) -> peewee.Database:
    """Bind the models to ``target`` for a look that changes nothing (a migration's dry run): no file is created,
    no schema upgraded, no trigger re-created, nothing sealed or backed up. A SQLite file is opened read-only
    (``mode=ro``, and ``immutable`` when no ``-wal`` says another program may be writing it); a missing file, an
    empty server database or an older schema is looked at through an in-memory database with the current schema
    (holding an upgraded copy of the older file's rows)."""
    if target is None:
        target = paths.default_db_path()
    database = _read_only_server(str(target)) if is_server_url(target) else _read_only_file(Path(target))
    bind(database)
    return database


def _read_only_server(url: str) -> peewee.Database:
    probe = postgres.make_database(url)
    try:
        empty = not set(probe.get_tables()).intersection(DATA_TABLES)
    except peewee.OperationalError as exc:
        raise LedgerError(code="server_unreachable", url=postgres.redact(url)) from exc
    finally:
        probe.close()
    return _memory_database(None) if empty else open_postgres(url, create=False, repair=False)


def _read_only_file(path: Path) -> peewee.SqliteDatabase:
    path = path.expanduser()
    if not (path.exists() and path.stat().st_size > 0):
        return _memory_database(None)
    check_sqlite_file(path)
    # without -wal, plain mode=ro would create -wal and -shm files to read a WAL database
    uri = path.resolve().as_uri() + ("?mode=ro" if Path(f"{path}-wal").exists() else "?mode=ro&immutable=1")
    database = cipher.database(
        uri, cipher.secret_for(path), uri=True, pragmas={"foreign_keys": 1}, timeout=sqlite.BUSY_TIMEOUT_SECONDS
    )
    try:
        version = database.execute_sql("PRAGMA user_version").fetchone()[0]
        tables = upgrade.table_names(database)
    except peewee.DatabaseError as exc:
        database.close()
        raise DatabaseDamagedError(str(path), str(exc)) from exc
    if version == 0 and tables and not tables.intersection(DATA_TABLES):
        database.close()
        raise LedgerError(code="not_a_ledger_database", path=str(path))
    if version > SCHEMA_VERSION:
        database.close()
        raise NewerSchemaError(str(path), version, SCHEMA_VERSION)
    return _memory_database(database) if version < SCHEMA_VERSION else database


def _memory_database(source: peewee.SqliteDatabase | None) -> peewee.SqliteDatabase:
    """An in-memory database with the current schema: empty, or a copy of ``source`` (closed here) upgraded."""
    memory = cipher.database(":memory:", None, pragmas={"foreign_keys": 1})
    if source is None:
        upgrade.create_sqlite_schema(memory)
        return memory
    try:
        cipher.copy_database(source, memory)
        version = memory.execute_sql("PRAGMA user_version").fetchone()[0]
    finally:
        source.close()
    if version == 0 and not upgrade.table_names(memory).intersection(DATA_TABLES):
        upgrade.create_sqlite_schema(memory)
        return memory
    while version < SCHEMA_VERSION:
        with memory.atomic():
            upgrade.UPGRADES[version](memory)
        version += 1
    return memory


def bind(database: peewee.Database) -> None:
    previous = models.database.obj
    if previous is not None and previous is not database:
        previous.close()
    models.database.initialize(database)


def close_database() -> None:
    """Close the open database (this thread's connection; workers close their own when they finish)."""
    database = models.database.obj
    if database is not None:
        if not database.is_closed():
            database.close()
        models.database.initialize(None)


def display_name(database: peewee.Database | None = None) -> str:
    """The open database's file path, or its server URL without the password."""
    database = database or models.database.obj
    path = database_path(database)
    return str(path) if path is not None else getattr(database, "display_name", "server database")


def database_path(database: peewee.Database | None = None) -> Path | None:
    """The file of ``database`` (default: the bound one, if any), or ``None`` for a server database."""
    database = database or models.database.obj
    return None if database is None else engine_of(database).path(database)


def schema_version(database: peewee.Database) -> int:
    return engine_of(database).schema_version(database)


def compact(database: peewee.Database) -> None:
    """Rewrite the database file without its free pages (SQLite ``VACUUM``; Optimize on the Health page, after a
    backup)."""
    database.execute_sql("VACUUM")


def refresh_statistics(database: peewee.Database) -> None:
    """Refresh the planner's statistics (``ANALYZE``) and fold the write-ahead log into the file."""
    database.execute_sql("ANALYZE")
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def file_size(database: peewee.Database) -> int:
    """Bytes the database takes: the file and its write-ahead log, or the server database's size."""
    return engine_of(database).size(database)

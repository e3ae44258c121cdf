"""Open, create and upgrade a database (a SQLite file, or a PostgreSQL URL), with the pragmas, schema version
checks and damage detection every caller relies on.

``open_database`` is the one way in: it refuses a damaged file or a newer schema with a typed error, upgrades an
older schema (after a copy of the file), re-creates audit triggers another program dropped, seals audit rows
other programs wrote, and binds the models to the database.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import peewee

from desktop import models, paths
from desktop.errors import DatabaseDamagedError, LedgerError, NewerSchemaError, StorageError
from desktop.store import audit
from desktop.store.schema import ADDITIVE_COLUMNS, DATA_TABLES, EXTRA_SQL, PLAN_TABLES_SQL, SCHEMA_VERSION

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 10
PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "full"}


def is_server_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class SqliteEngine:
    """What differs per engine, for SQLite."""

    name = "sqlite"

    def begin_write(self, database):
        # IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout instead of failing
        # when a read transaction tries to upgrade.
        return database.atomic(lock_type="IMMEDIATE")

    def set_audit_context(self, database, actor: str, batch: str) -> None:
        database.execute_sql(
            "INSERT OR REPLACE INTO audit_context (id, actor, batch_id) VALUES (1, ?, ?)", (actor, batch)
        )

    def clear_audit_context(self, database) -> None:
        database.execute_sql("DELETE FROM audit_context")

    def trigger_names(self, database) -> set[str]:
        return {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}

    def install_triggers(self, database) -> None:
        for statement in audit.sqlite_trigger_sql():
            database.execute_sql(statement)

    def machinery_problems(self, database) -> list[str]:
        """The audit machinery compared with what this version installs, letter by letter: every trigger's SQL
        text, no trigger we did not make, and the structure of our tables (columns, keys, indexes). Read-only."""
        return sqlite_machinery_problems(lambda sql: database.execute_sql(sql).fetchall())

    def made_by_previous_release(self, database) -> bool:
        """Whether the file's triggers are exactly those an earlier release of the app installed (and its tables
        ours): bringing them up to date is an upgrade, not a repair."""
        found = {
            name: sql
            for name, sql in database.execute_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            ).fetchall()
        }
        if found != audit.previous_sqlite_triggers():
            return False
        return all(
            p.startswith("audit trigger ") and p.endswith(" is missing") for p in self.machinery_problems(database)
        )

    def upgrade_machinery(self, database) -> None:
        """Install this version's triggers over an earlier release's, recorded as an ``upgrade`` (no alarm)."""
        with audit.writing("system", database=database):
            self.install_triggers(database)
            audit.note_batch(audit.UPGRADE_KIND, {"what": "audit triggers brought up to this version"})

    def repair_machinery(self, database, found: list[str]) -> None:
        """Put the audit machinery back (drop triggers we did not make, re-create ours) as an audited ``system``
        event whose note says what was found, so the gap stays on record."""
        with audit.writing("system", database=database):
            for (name,) in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                if name not in audit.expected_sqlite_triggers():
                    database.execute_sql(f'DROP TRIGGER "{name}"')
            self.install_triggers(database)
            audit.note_batch(audit.REPAIR_KIND, {"found": found})


SQLITE = SqliteEngine()

#: Our tables, the data tables first. A table not listed here (but SQLite's own) makes the file not ours.
OWN_TABLES = (*DATA_TABLES, "audit_log", "audit_seal", "audit_context", "audit_batch", "meta")
_reference: dict | None = None


def _structure(query, tables=OWN_TABLES) -> dict[str, dict]:
    """Columns, foreign keys and indexes (with their columns) of each table, as SQLite itself parsed them."""
    out: dict[str, dict] = {}
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


def reference_structure() -> dict[str, dict]:
    """What a database made by this version looks like (built once, in memory)."""
    global _reference
    if _reference is None:
        memory = sqlite3.connect(":memory:")
        try:
            for statement in _split_sql(PLAN_TABLES_SQL + EXTRA_SQL):
                memory.execute(statement)
            _reference = _structure(lambda sql: memory.execute(sql).fetchall())
        finally:
            memory.close()
    return _reference


def sqlite_machinery_problems(query) -> list[str]:
    """Plain sentences for every difference between the file's audit machinery and schema and ours."""
    problems: list[str] = []
    expected = audit.expected_sqlite_triggers()
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
    for table in sorted(tables - set(OWN_TABLES)):
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


def engine_of(database) -> SqliteEngine:
    if isinstance(database, peewee.PostgresqlDatabase):
        from desktop.store import postgres

        return postgres.ENGINE
    return SQLITE


def current() -> peewee.Database:
    """The database the models are bound to (raises if none is open)."""
    if models.database.obj is None:
        raise LedgerError(code="no_database_open")
    return models.database.obj


def write_transaction(database=None):
    database = database or current()
    return engine_of(database).begin_write(database)


def expected_trigger_names() -> set[str]:
    names = set()
    for statement in audit.sqlite_trigger_sql():
        if statement.startswith("CREATE TRIGGER"):
            names.add(statement.split()[2])
    return names


def describe(target) -> str:
    """A printable name for a database target, with any password removed."""
    if is_server_url(target):
        from desktop.store import postgres

        return postgres.redact(target)
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
        raise DatabaseDamagedError(str(path), "this is not a Mastery Ledger database file")


def quick_check(connection) -> str | None:
    """``None`` when the database passes ``PRAGMA quick_check``, otherwise the first complaint."""
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows and rows[0][0] == "ok":
        return None
    return "; ".join(str(r[0]) for r in rows[:3]) or "unknown damage"


def _refuse_foreign(path: Path) -> None:
    """Look (read-only, before any pragma changes the file) whether ``path`` holds someone else's tables."""
    try:
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return
    try:
        version = probe.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        return  # the quick check after opening reports the damage
    finally:
        probe.close()
    if version == 0 and tables and not tables.intersection(DATA_TABLES):
        raise LedgerError(code="not_a_ledger_database", path=str(path))


def _table_names(database) -> set[str]:
    return {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _create_schema(database) -> None:
    with database.atomic(lock_type="IMMEDIATE"):
        if _table_names(database).intersection(DATA_TABLES):
            return  # another process created it between our look and the write lock
        for statement in _split_sql(PLAN_TABLES_SQL + EXTRA_SQL):
            database.execute_sql(statement)
        SQLITE.install_triggers(database)
        audit.ensure_database_id(database)
        database.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _split_sql(script: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _ensure_extras(database) -> None:
    """Our additive indexes and tables (all ``IF NOT EXISTS``), so a database made by an earlier build of the same
    schema version gets those added since. Cheap when they exist."""
    names = _schema_names(database)
    # A plan table of ours that someone dropped (audit_log, say) comes back empty; the repair notes it.
    missing = [
        s.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1).replace(
            "CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1
        )
        for s in _split_sql(PLAN_TABLES_SQL)
        if s.split()[2].split("(")[0] not in names
    ]
    missing += [s for s in _split_sql(EXTRA_SQL) if _extra_name(s) not in names]
    if missing:
        with database.atomic(lock_type="IMMEDIATE"):
            for statement in missing:
                database.execute_sql(statement)


def _extra_name(statement: str) -> str:
    words = statement.replace("(", " ").split()
    return words[words.index("EXISTS") + 1] if "EXISTS" in words else ""


def _schema_names(database) -> set[str]:
    return {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")}


def _adopt_plan_database(database) -> None:
    """Upgrade 0 → 1: a database the old backend created with the plan's bare schema gains our additive columns,
    tables and triggers. Existing rows and columns are untouched."""
    # Plain ADD COLUMN with the same declaration a fresh database has. (playhouse's add_column would rebuild the
    # table for NOT NULL, and DROP TABLE with foreign keys on cascades into the child tables.)
    for table, columns in ADDITIVE_COLUMNS.items():
        existing = {c.name for c in database.get_columns(table)}
        for name, decl in columns:
            if name not in existing:
                database.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {decl}')
    for statement in _split_sql(EXTRA_SQL):
        database.execute_sql(statement)
    SQLITE.install_triggers(database)
    _baseline(database)


def _baseline(database) -> None:
    """Rows that predate the log get one baseline INSERT entry each (actor ``system``, a batch of kind ``adopt``),
    so that the replay in ``verify`` explains every row with no exceptions; the old backend's own audit rows are
    kept before it. Everything is sealed in the same transaction."""
    import uuid

    batch = uuid.uuid4().hex
    SQLITE.set_audit_context(database, "system", batch)
    now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    for table in DATA_TABLES:
        row = audit.json_row_sql(table, "t")
        child = 't."id"' if table == "profiles" else 't."profile_id"'
        database.execute_sql(
            "INSERT INTO audit_log (table_name, record_id, action, old_value, new_value, changed_at, changed_by, "
            f"batch_id, profile_id) SELECT '{table}', CAST(t.\"id\" AS TEXT), 'INSERT', NULL, {row}, {now}, "
            f"'system', ?, {child} FROM {table} t ORDER BY t.\"id\"",
            (batch,),
        )
    audit._insert_note(database, batch, "system", audit.ADOPT_KIND, {"reason": "rows made by the old app"})
    SQLITE.clear_audit_context(database)
    audit.ensure_database_id(database)
    audit.seal(database)


#: Upgrade steps: version N → N+1. Each runs in its own transaction after a copy of the file was taken.
UPGRADES = {0: _adopt_plan_database}


def _backup_before_upgrade(path: Path, database) -> Path:
    """Take a copy of the database before a schema upgrade (the backup engine's verified backup)."""
    try:
        from desktop import backup

        return backup.create_backup(database_path=path, reason="before-upgrade").path
    except ImportError:  # pragma: no cover - the backup engine is part of the app
        pass
    dest_dir = paths.backups_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    dest = dest_dir / f"ledger-{stamp}-before-upgrade.db"
    source = sqlite3.connect(path)
    target = sqlite3.connect(dest)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    paths.make_private(dest)
    return dest


def _upgrade(path: Path, database, found: int) -> None:
    _backup_before_upgrade(path, database)
    version = found
    while version < SCHEMA_VERSION:
        step = UPGRADES[version]
        with database.atomic(lock_type="IMMEDIATE"):
            step(database)
            database.execute_sql(f"PRAGMA user_version = {version + 1}")
        log.info("database upgraded to schema %d", version + 1)
        version += 1


def make_sqlite_database(path: Path | str) -> peewee.SqliteDatabase:
    return peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_SECONDS, autoconnect=True)


def open_sqlite(path: Path | str, *, create: bool = True, repair: bool = True) -> peewee.SqliteDatabase:
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
    database = make_sqlite_database(path)
    try:
        connection = database.connection()
    except peewee.DatabaseError as exc:
        raise DatabaseDamagedError(str(path), str(exc)) from exc
    for suffix in ("", "-wal", "-shm"):
        paths.make_private(Path(f"{path}{suffix}"))
    if exists:
        problem = quick_check(connection)
        if problem:
            database.close()
            raise DatabaseDamagedError(str(path), problem)
    try:
        version = database.execute_sql("PRAGMA user_version").fetchone()[0]
        tables = _table_names(database)
        if version > SCHEMA_VERSION:
            database.close()
            raise NewerSchemaError(str(path), version, SCHEMA_VERSION)
        if version == 0 and not tables.intersection(DATA_TABLES):
            if tables or not create:
                database.close()
                raise LedgerError(code="not_a_ledger_database", path=str(path))
            _create_schema(database)
        elif version < SCHEMA_VERSION:
            if not repair:
                database.close()
                raise LedgerError(code="older_schema", path=str(path))
            _upgrade(path, database, version)
        if repair:
            _ensure_extras(database)
            if audit.database_id(database) is None:  # before anything anchors the chain under this id
                with database.atomic(lock_type="IMMEDIATE"):
                    audit.ensure_database_id(database)
            found = SQLITE.machinery_problems(database)
            if found and SQLITE.made_by_previous_release(database):
                audit.seal_pending(database)
                SQLITE.upgrade_machinery(database)
            elif found:
                log.warning("the audit machinery was missing or changed and has been put back")
                audit.seal_pending(database)  # rows written before the repair are sealed (or flagged) as found
                SQLITE.repair_machinery(database, found)
                database.audit_repaired = found  # the window tells the user
            audit.seal_pending(database)
            audit.update_anchor(database, force=not exists)  # a file the app just made has no history
    except peewee.DatabaseError as exc:
        database.close()
        raise DatabaseDamagedError(str(path), str(exc)) from exc
    return database


def open_database(target: Path | str | None = None, *, create: bool = True, repair: bool = True):
    """Open (creating if needed) the database at ``target`` (a path, a PostgreSQL URL, or the default) and bind
    the models to it. Raises DatabaseDamagedError, NewerSchemaError, StorageError or LedgerError."""
    if target is None:
        target = paths.default_db_path()
    if is_server_url(target):
        from desktop.store import postgres

        database = postgres.open_postgres(str(target), create=create, repair=repair)
    else:
        database = open_sqlite(target, create=create, repair=repair)
    bind(database)
    return database


def open_read_only(target: Path | str | None = None):
    """Bind the models to ``target`` for a look that changes nothing (a migration's dry run): no file is created,
    no schema upgraded, no trigger re-created, nothing sealed or backed up. A SQLite file is opened read-only
    (``mode=ro``, and ``immutable`` when no ``-wal`` says another program may be writing it); a missing file, an
    empty server database or an older schema is looked at through an in-memory database with the current schema
    (holding an upgraded copy of the older file's rows)."""
    if target is None:
        target = paths.default_db_path()
    if is_server_url(target):
        from desktop.store import postgres

        probe = postgres.make_database(str(target))
        try:
            empty = not set(probe.get_tables()).intersection(DATA_TABLES)
        except peewee.OperationalError as exc:
            raise LedgerError(code="server_unreachable", url=postgres.redact(str(target))) from exc
        finally:
            probe.close()
        database = _memory_database(None) if empty else postgres.open_postgres(str(target), create=False, repair=False)
    else:
        path = Path(target).expanduser()
        if path.exists() and path.stat().st_size > 0:
            check_sqlite_file(path)
            # without -wal, plain mode=ro would create -wal and -shm files to read a WAL database
            uri = path.resolve().as_uri() + ("?mode=ro" if Path(f"{path}-wal").exists() else "?mode=ro&immutable=1")
            database = peewee.SqliteDatabase(uri, uri=True, pragmas={"foreign_keys": 1}, timeout=BUSY_TIMEOUT_SECONDS)
            try:
                version = database.execute_sql("PRAGMA user_version").fetchone()[0]
                tables = _table_names(database)
            except peewee.DatabaseError as exc:
                database.close()
                raise DatabaseDamagedError(str(path), str(exc)) from exc
            if version == 0 and tables and not tables.intersection(DATA_TABLES):
                database.close()
                raise LedgerError(code="not_a_ledger_database", path=str(path))
            if version > SCHEMA_VERSION:
                database.close()
                raise NewerSchemaError(str(path), version, SCHEMA_VERSION)
            if version < SCHEMA_VERSION:
                database = _memory_database(database)
        else:
            database = _memory_database(None)
    bind(database)
    return database


def _memory_database(source) -> peewee.SqliteDatabase:
    """An in-memory database with the current schema: empty, or a copy of ``source`` (closed here) upgraded."""
    memory = peewee.SqliteDatabase(":memory:", pragmas={"foreign_keys": 1})
    if source is None:
        _create_schema(memory)
        return memory
    try:
        source.connection().backup(memory.connection())
        version = memory.execute_sql("PRAGMA user_version").fetchone()[0]
    finally:
        source.close()
    if version == 0 and not _table_names(memory).intersection(DATA_TABLES):
        _create_schema(memory)
        return memory
    while version < SCHEMA_VERSION:
        with memory.atomic():
            UPGRADES[version](memory)
        version += 1
    return memory


def bind(database) -> None:
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


def display_name(database=None) -> str:
    """The open database's file path, or its server URL without the password."""
    database = database or models.database.obj
    path = database_path(database)
    return str(path) if path is not None else getattr(database, "display_name", "server database")


def database_path(database=None) -> Path | None:
    database = database or models.database.obj
    if isinstance(database, peewee.SqliteDatabase):
        return Path(database.database)
    return None


@contextmanager
def connected(target, **kwargs):
    """Open a database for the length of a block (CLI commands), then close it."""
    database = open_database(target, **kwargs)
    try:
        yield database
    finally:
        close_database()


def schema_version(database) -> int:
    if isinstance(database, peewee.SqliteDatabase):
        return database.execute_sql("PRAGMA user_version").fetchone()[0]
    return engine_of(database).schema_version(database)


def file_size(database) -> int:
    path = database_path(database)
    if path is None:
        return engine_of(database).size(database)
    return sum(os.path.getsize(f"{path}{s}") for s in ("", "-wal") if os.path.exists(f"{path}{s}"))

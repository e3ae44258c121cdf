"""Creating, upgrading and repairing a database's schema and audit machinery, on both engines.

The schema version is ``PRAGMA user_version`` on SQLite and ``meta.schema_version`` on PostgreSQL. ``UPGRADES``
holds the steps, version N → N+1; each runs in its own transaction after :mod:`desktop.store.db` took a verified
backup of the file. A server database with an older schema is refused (it is upgraded by a ``transfer`` from a
backup). Machinery that differs from what this version installs is put back as an audited ``system`` batch: an
``upgrade`` note when it is exactly what an earlier release installed, a ``repair`` note naming what was found
otherwise.

Raw SQL here is DDL only. ``playhouse.migrate`` does not fit the one step we have: its ``add_column`` would rebuild
a table for a NOT NULL column (and DROP TABLE with foreign keys on cascades into the child tables), and our
declarations are the plan's DDL text, not peewee fields; so the step is the plain ``ALTER TABLE … ADD COLUMN`` a
fresh database's DDL declares.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from pathlib import Path

import peewee

from desktop.errors import LedgerError
from desktop.store import audit, cipher, postgres, search, sqlite
from desktop.store.schema import (
    ADDITIVE_COLUMNS,
    DATA_TABLES,
    EXTRA_SQL,
    PLAN_TABLES_SQL,
    SCHEMA_VERSION,
    SEARCH_TABLE,
    split_sql,
)

log = logging.getLogger(__name__)

SQLITE = sqlite.ENGINE


def table_names(database: peewee.Database) -> set[str]:
    """The tables of a SQLite database."""
    return {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}


def create_sqlite_schema(database: peewee.Database) -> None:
    """This version's schema, triggers and database id in an empty SQLite database."""
    with database.atomic(lock_type="IMMEDIATE"):
        if table_names(database).intersection(DATA_TABLES):
            return  # another process created it between our look and the write lock
        for statement in split_sql(PLAN_TABLES_SQL + EXTRA_SQL):
            database.execute_sql(statement)
        SQLITE.install_triggers(database)
        search.create_index(database)
        audit.ensure_database_id(database)
        database.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def ensure_extras(database: peewee.Database) -> None:
    """Our additive indexes and tables (all ``IF NOT EXISTS``), so a database made by an earlier build of the same
    schema version gets those added since. Cheap when they exist."""
    names = _schema_names(database)
    # A plan table of ours that someone dropped (audit_log, say) comes back empty; the repair notes it.
    missing = [
        s.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1).replace(
            "CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1
        )
        for s in split_sql(PLAN_TABLES_SQL)
        if s.split()[2].split("(")[0] not in names
    ]
    missing += [s for s in split_sql(EXTRA_SQL) if _extra_name(s) not in names]
    changed = SEARCH_TABLE in names and bool(search.index_problems(database, counts=False))
    if missing or SEARCH_TABLE not in names or changed:
        with database.atomic(lock_type="IMMEDIATE"):
            for statement in missing:
                database.execute_sql(statement)
            if SEARCH_TABLE not in names or changed:
                # the search index is a cache: one dropped or redefined is made again (empty; the viewer catches
                # it up), and verify has said what it found
                log.warning("the search index was missing or changed and is made again")
                database.execute_sql(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
                search.create_index(database)


def _extra_name(statement: str) -> str:
    words = statement.replace("(", " ").split()
    return words[words.index("EXISTS") + 1] if "EXISTS" in words else ""


def _schema_names(database: peewee.Database) -> set[str]:
    return {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")}


def _adopt_plan_database(database: peewee.Database) -> None:
    """Upgrade 0 → 1: a database the old backend created with the plan's bare schema gains our additive columns,
    tables and triggers. Existing rows and columns are untouched."""
    # Plain ADD COLUMN with the same declaration a fresh database has. (playhouse's add_column would rebuild the
    # table for NOT NULL, and DROP TABLE with foreign keys on cascades into the child tables.)
    for table, columns in ADDITIVE_COLUMNS.items():
        existing = {c.name for c in database.get_columns(table)}
        for name, decl in columns:
            if name not in existing:
                database.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {decl}')
    for statement in split_sql(EXTRA_SQL):
        database.execute_sql(statement)
    SQLITE.install_triggers(database)
    _baseline(database)


def _baseline(database: peewee.Database) -> None:
    """Rows that predate the log get one baseline INSERT entry each (actor ``system``, a batch of kind ``adopt``),
    so that the replay in ``verify`` explains every row with no exceptions; the old backend's own audit rows are
    kept before it. Everything is sealed in the same transaction."""
    batch = uuid.uuid4().hex
    SQLITE.set_audit_context(database, "system", batch)
    now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    for table in DATA_TABLES:
        row = sqlite.json_row_sql(table, "t")
        child = 't."id"' if table == "profiles" else 't."profile_id"'
        database.execute_sql(
            "INSERT INTO audit_log (table_name, record_id, action, old_value, new_value, changed_at, changed_by, "
            f"batch_id, profile_id) SELECT '{table}', CAST(t.\"id\" AS TEXT), 'INSERT', NULL, {row}, {now}, "
            f"'system', ?, {child} FROM {table} t ORDER BY t.\"id\"",
            (batch,),
        )
    audit.insert_note(database, batch, "system", audit.ADOPT_KIND, {"reason": "rows made by the old app"})
    SQLITE.clear_audit_context(database)
    audit.ensure_database_id(database)
    audit.seal(database)


def _add_search_index(database: peewee.Database) -> None:
    """Upgrade 1 → 2: the search index of the audit log's text (additive: a new FTS5 table; nothing of the plan
    changes), built over every existing audit row (about 25 s per million rows; the window runs the upgrade off
    its GUI thread)."""
    search.create_index(database)
    search.catch_up(database)


#: Upgrade steps: version N → N+1. Each runs in its own transaction after a copy of the file was taken.
UPGRADES = {0: _adopt_plan_database, 1: _add_search_index}


def needs_upgrade(path: Path | str) -> bool:
    """Whether the SQLite file at ``path`` holds an older schema of ours (opening it runs the upgrade steps, which
    can take long: the window opens it off its GUI thread then). Looks read-only; ``False`` for anything else."""
    path = Path(path).expanduser()
    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        probe = cipher.connect(f"file:{path}?mode=ro", cipher.secret_for(path), uri=True)  # encrypted or plain
    except (sqlite3.Error, cipher.dbapi.Error, LedgerError):
        return False
    try:
        version = probe.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except (sqlite3.DatabaseError, cipher.dbapi.DatabaseError):
        return False
    finally:
        probe.close()
    return bool(version < SCHEMA_VERSION and tables.intersection(DATA_TABLES))


def upgrade(database: peewee.Database, found: int) -> None:
    """Run every step from schema ``found`` up to this version's, each in its own write transaction."""
    version = found
    while version < SCHEMA_VERSION:
        with database.atomic(lock_type="IMMEDIATE"):
            UPGRADES[version](database)
            database.execute_sql(f"PRAGMA user_version = {version + 1}")
        log.info("database upgraded to schema %d", version + 1)
        version += 1


def repair_sqlite_machinery(database: peewee.Database) -> None:
    """Bring the file's audit machinery to this version's: quietly (an ``upgrade`` note) when it is exactly an
    earlier release's, else as a ``repair`` the window tells the user about (``database.audit_repaired``). Rows
    written before are sealed (or flagged) as found first."""
    found = SQLITE.machinery_problems(database)
    if found and SQLITE.made_by_previous_release(database):
        audit.seal_pending(database)
        with audit.writing("system", database=database):
            SQLITE.install_triggers(database)
            audit.note_batch(audit.UPGRADE_KIND, {"what": "audit triggers brought up to this version"})
    elif found:
        log.warning("the audit machinery was missing or changed and has been put back")
        audit.seal_pending(database)
        # drop triggers we did not make, re-create ours; the note says what was found, so the gap stays on record
        with audit.writing("system", database=database):
            for name in sqlite.trigger_names(database):
                if name not in sqlite.expected_triggers():
                    database.execute_sql(f'DROP TRIGGER "{name}"')
            SQLITE.install_triggers(database)
            audit.note_batch(audit.REPAIR_KIND, {"found": found})
        database.audit_repaired = found  # type: ignore[attr-defined]  # a note on the handle: the window tells the user


def create_postgres_schema(database: peewee.Database, with_triggers: bool = True) -> None:
    """This version's schema (and triggers) in an empty server database."""
    for statement in split_sql(postgres.translate_ddl(PLAN_TABLES_SQL + EXTRA_SQL)):
        database.execute_sql(statement)
    if with_triggers:
        postgres.ENGINE.install_triggers(database)
    search.create_server_indexes(database)
    database.execute_sql(
        "INSERT INTO meta (key, value) VALUES ('schema_version', %s) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        (str(SCHEMA_VERSION),),
    )


def _add_server_search_indexes(database: peewee.Database) -> None:
    """Server upgrade 1 → 2: the ``pg_trgm`` indexes of the text search, where the server has the extension
    (additive; without it the search keeps scanning and :func:`search.server_index_missing` says so)."""
    search.create_server_indexes(database)


#: Server upgrade steps, version N → N+1 (additive only: indexes; each in its own transaction).
SERVER_UPGRADES = {1: _add_server_search_indexes}


def can_upgrade_postgres(found: int) -> bool:
    """Whether a server database of schema ``found`` is brought up to this version in place (every step since is
    additive); otherwise it is upgraded by a transfer from a backup."""
    return all(v in SERVER_UPGRADES for v in range(found, SCHEMA_VERSION))


def upgrade_postgres(database: peewee.Database, found: int) -> None:
    """Run the server steps from schema ``found`` up to this version's (see :func:`can_upgrade_postgres`)."""
    for version in range(found, SCHEMA_VERSION):
        with database.atomic():
            SERVER_UPGRADES[version](database)
            database.execute_sql(
                "UPDATE meta SET value = %s WHERE key = 'schema_version'",
                (str(version + 1),),
            )
        log.info("server database upgraded to schema %d", version + 1)


def repair_postgres_machinery(database: peewee.Database) -> None:
    """Put back our triggers and functions where they are missing, disabled or changed, as one audited ``repair``
    batch naming what was found. Somebody else's trigger or rule is reported (verify), never removed. The
    advisory lock and a second look keep several app instances opening at once from repairing twice."""
    if not any(p.repairable for p in postgres.inspect_machinery(database)):
        return
    with audit.writing("system", database=database):
        database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (postgres.AUDIT_LOCK_KEY + 1,))
        problems = postgres.inspect_machinery(database)
        if not any(p.repairable for p in problems):
            return
        postgres.ENGINE.install_triggers(database)
        if postgres.is_first_release(problems):
            audit.note_batch(audit.UPGRADE_KIND, {"what": "audit triggers brought up to this version"})
            return
        audit.note_batch(audit.REPAIR_KIND, {"found": [p.sentence for p in problems]})
    database.audit_repaired = [p.sentence for p in problems]  # type: ignore[attr-defined]  # the window tells the user
    log.warning("the server database's audit machinery was repaired (%d problem(s) found)", len(problems))

"""Helpers shared by tests (imported as a plain module: tests/ is on sys.path via conftest's rootdir)."""

from __future__ import annotations

import os

from desktop import transfer

#: A PostgreSQL server for the tests that run on both engines (.ci/run starts one and sets this).
PG_URL = os.environ.get("MASTERY_LEDGER_TEST_PG")


def reset_pg_schema(url: str) -> None:
    """Empty the test server database: a fresh public schema."""
    from desktop.store.postgres import make_database

    database = make_database(url)
    database.connect()
    try:
        database.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
        database.execute_sql("CREATE SCHEMA public")
    finally:
        database.close()


def content_snapshot(target: str) -> dict[str, tuple[int, str]]:
    """(rows, checksum) of every table, read without binding the models."""
    database = transfer.open_raw(target, create=False)
    try:
        return {table: transfer.table_checksum(database, table) for table in transfer.COPY_TABLES}
    finally:
        database.close()

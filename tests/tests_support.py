"""Helpers shared by tests (imported as a plain module: tests/ is on sys.path via conftest's rootdir)."""

from __future__ import annotations

from desktop import transfer


def content_snapshot(target: str) -> dict[str, tuple[int, str]]:
    """(rows, checksum) of every table, read without binding the models."""
    database = transfer.open_raw(target, create=False)
    try:
        return {table: transfer.table_checksum(database, table) for table in transfer.COPY_TABLES}
    finally:
        database.close()

"""A big first migration drops the plain indexes of the big tables and builds them again inside its transaction:
afterwards the schema is exactly as before (the plan's indexes included), and a cancelled or failed big migration
leaves every index in place."""

from __future__ import annotations

import pytest

from desktop.legacy import importer
from desktop.store import cipher, db

from .corpus import write_corpus


def index_sql(path) -> set[tuple[str, str]]:
    con = cipher.connect(path)
    try:
        return set(con.execute("SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'index'"))
    finally:
        con.close()


@pytest.fixture
def big_corpus(tmp_path):
    info = write_corpus(tmp_path / "legacy", profiles=3, zh_words=5000, en_words=3000, grammar=5, cards=4, chats=6)
    assert sum(len(p["zh"]) + len(p["en"]) for p in info["profiles"]) >= importer.BULK_ROWS
    return info


def test_a_big_first_migration_keeps_every_index(db_path, big_corpus):
    db.open_database(db_path)
    before = index_sql(db_path)
    result = importer.migrate(
        big_corpus["read_path"], assume_tz=big_corpus["assume_tz"], assign_to=big_corpus["profiles"][0]["name"]
    )
    assert result.status == "migrated", result.message
    db.close_database()
    assert index_sql(db_path) == before
    assert {
        "idx_mastered_words_profile",
        "idx_mastered_words_language",
        "idx_audit_log_table",
        "idx_audit_log_timestamp",
    } <= {name for name, _ in before}


def test_a_cancelled_big_migration_leaves_every_index(db_path, big_corpus):
    db.open_database(db_path)
    before = index_sql(db_path)
    stage = {"text": ""}

    def progress(done: int, total: int, text: str) -> None:
        stage["text"] = text

    def cancel() -> bool:  # once words are being written: after the indexes were dropped
        return stage["text"] in ("Writing words", "Writing grammar")

    result = importer.migrate(
        big_corpus["read_path"],
        assume_tz=big_corpus["assume_tz"],
        assign_to=big_corpus["profiles"][0]["name"],
        progress=progress,
        cancel=cancel,
    )
    assert result.status == "cancelled"
    db.close_database()
    assert index_sql(db_path) == before

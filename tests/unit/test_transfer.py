"""Moving a ledger between a SQLite file and a PostgreSQL server: everything arrives (audit log included, chain
intact), a non-empty target is refused unless merging, and another program's raw write on the server is
audited. The PostgreSQL half runs when MASTERY_LEDGER_TEST_PG names a server (.ci/run starts one)."""

from __future__ import annotations

import pytest
from tests_support import PG_URL, content_snapshot, reset_pg_schema

from desktop import services, transfer
from desktop.errors import Cancelled, LedgerError
from desktop.models import MasteredWord
from desktop.store import audit, db

needs_pg = pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server configured (MASTERY_LEDGER_TEST_PG)")


def make_ledger(path) -> None:
    db.open_database(path)
    a = services.create_profile(
        "Child A 孩子甲",
        dob="2015-03-04",
        interests=["Lego", "画画"],
        mental_age=6.3,
        raw_input="Mother: 测试 Mobile: 10000000001",
    )
    b = services.create_profile("Child B 孩子乙", extracted_data={"note": "x"})
    services.bulk_add_words(a["id"], "苹果，香蕉、西瓜; 老师", "zh")
    services.bulk_add_words(b["id"], "apple, ice cream, (be) hungry", "en")
    word = services.add_word(a["id"], "星星", "zh")
    services.rename_word(word["id"], "星星月亮", word["version"])
    services.add_grammar(a["id"], "http://srs4autism.com/instance/gp-a1-012-%E5%9C%A8-location")
    services.add_card(b["id"], "cloze", {"id": "c1", "front": "<b>猫</b>", "back": "cat", "tags": ["zh"]}, "approved")
    services.add_chat_message(a["id"], "user", "@profile:child-a 请做卡片", mentions=["child-a-孩子甲"])
    services.delete_rows("mastered_words", [w.id for w in MasteredWord.select().where(MasteredWord.word == "apple")])
    db.close_database()


def test_sqlite_to_sqlite_copies_everything(tmp_path):
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    make_ledger(source)
    result = transfer.transfer(str(source), str(target))
    assert result.ok, result.lines()
    assert {c.table: c.target_rows for c in result.checks}["audit_log"] > 10
    assert content_snapshot(str(source)) == content_snapshot(str(target))


def test_non_empty_target_is_refused_unless_merging(tmp_path):
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    make_ledger(source)
    db.open_database(target)
    services.create_profile("Someone Else 别人")
    db.close_database()
    before = content_snapshot(str(target))
    with pytest.raises(LedgerError, match="already holds records"):
        transfer.transfer(str(source), str(target))
    assert content_snapshot(str(target)) == before
    result = transfer.transfer(str(source), str(target), merge=True)
    assert result.copied["profiles"] == 2
    db.open_database(target)
    assert {p["name"] for p in services.list_profiles()} == {"Someone Else 别人", "Child A 孩子甲", "Child B 孩子乙"}
    merged = audit.entries(db.current(), audit.LOG.changed_by == "system")
    assert merged and len({e.batch_id for e in merged}) == 1
    assert audit.verify_chain(db.current()).ok


def test_cancel_leaves_target_unchanged(tmp_path):
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    make_ledger(source)
    with pytest.raises(Cancelled):
        transfer.transfer(str(source), str(target), cancel=lambda: True)
    database = transfer.open_raw(str(target), create=False)
    try:
        assert transfer.is_empty(database)
    finally:
        database.close()


@needs_pg
def test_sqlite_to_postgres_and_back_is_identical(tmp_path):
    reset_pg_schema(PG_URL)
    source, back = tmp_path / "a.db", tmp_path / "back.db"
    make_ledger(source)
    there = transfer.transfer(str(source), PG_URL)
    assert there.ok, there.lines()
    home = transfer.transfer(PG_URL, str(back))
    assert home.ok, home.lines()
    assert content_snapshot(str(source)) == content_snapshot(str(back))
    db.open_database(back)
    assert audit.verify_chain(db.current()).ok
    # the app keeps working on the copy: new edits are audited and sealed onto the copied chain
    services.create_profile("After The Move 搬家后")
    assert audit.verify_chain(db.current()).ok


@needs_pg
def test_raw_psql_update_is_audited_as_external():
    reset_pg_schema(PG_URL)
    db.open_database(PG_URL)
    profile = services.create_profile("Raw Edit Child")
    word = services.add_word(profile["id"], "苹果", "zh")
    db.close_database()
    import psycopg2

    conn = psycopg2.connect(PG_URL)  # libpq reads the URL itself
    try:
        with conn, conn.cursor() as cur:
            cur.execute("UPDATE mastered_words SET word = %s WHERE id = %s", ("苹果树", word["id"]))
        with conn, conn.cursor() as cur:
            with pytest.raises(psycopg2.Error, match="append-only"):
                cur.execute("DELETE FROM audit_log")
    finally:
        conn.close()
    db.open_database(PG_URL)
    last = audit.entries(db.current())[-1]
    assert (last.action, last.changed_by, last.old["word"], last.new["word"]) == (
        "UPDATE",
        "external",
        "苹果",
        "苹果树",
    )
    assert audit.verify_chain(db.current()).ok  # sealed on open

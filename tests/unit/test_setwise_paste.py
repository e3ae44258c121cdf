"""A big paste (≥ services.SETWISE_ROWS words) is audited set-wise on SQLite: one statement writes the audit rows of a
chunk instead of a trigger per row. Attacked here: the rows it logs against the rows the trigger logs for the same
words (hostile text included); the triggers after a paste that failed half way while its transaction went on and
committed; and another program writing with plain SQL afterwards."""

from __future__ import annotations

import pytest

from desktop import services
from desktop.errors import LedgerError
from desktop.store import audit, bulk, cipher, db, sqlite

HOSTILE = ["'; DROP TABLE audit_log; --", 'quote " back\\slash', "tab\tnew\nline", "😀 emoji", "苹果", "\u2028 sep"]

LOGGED = "SELECT record_id, action, old_value, new_value, changed_by, profile_id FROM audit_log "


def paste(pid: str, words: list[str]) -> list[tuple]:
    start = db.current().execute_sql("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
    result = services.bulk_add_words(pid, words, "en")
    assert len(result.added) == len(words)  # normalised (whitespace folded), none refused
    return db.current().execute_sql(LOGGED + "WHERE id > ? ORDER BY id", (start,)).fetchall()


def test_a_big_paste_logs_what_the_trigger_logs(ledger, monkeypatch):
    words = [f"{HOSTILE[i % len(HOSTILE)]} {i}" for i in range(services.SETWISE_ROWS + 500)]
    calls = []
    real = bulk.audit_inserted
    monkeypatch.setattr(bulk, "audit_inserted", lambda *a: (calls.append(a[1]), real(*a)))
    monkeypatch.setattr(services, "now_iso", lambda: "2026-01-02T03:04:05.678901+00:00")
    first = services.create_profile("Child A (孩子甲)")["id"]
    second = services.create_profile("Child B (孩子乙)")["id"]

    setwise = paste(first, words)
    assert calls == ["mastered_words"]
    monkeypatch.setattr(services, "SETWISE_ROWS", 10**9)
    by_trigger = paste(second, words)
    assert len(calls) == 1

    assert len(setwise) == len(words)

    # the same rows but for the child and the ids the database gave
    def same(row: tuple, pid: str, offset: int) -> tuple:
        record_id, action, old, new, actor, profile = row
        new = new.replace(pid, "PID").replace(f'"id":{record_id}', '"id":N')
        return (int(record_id) - offset, action, old, new, actor, profile.replace(pid, "PID"))

    offset = len(words)
    assert [same(r, first, 0) for r in setwise] == [same(r, second, offset) for r in by_trigger]
    assert setwise[0][4] == "user"
    stored = db.current().execute_sql(
        "SELECT CAST(id AS TEXT), word FROM mastered_words WHERE profile_id = ? ORDER BY id", (first,)
    )
    logged = db.current().execute_sql(
        "SELECT record_id, json_extract(new_value, '$.word') FROM audit_log WHERE profile_id = ? "
        "AND table_name = 'mastered_words' ORDER BY id",
        (first,),
    )
    assert list(logged) == list(stored)
    assert audit.verify_chain(db.current()).ok


def test_a_failed_big_insert_inside_a_committed_transaction_leaves_the_triggers(ledger, db_path):
    pid = services.create_profile("Child A (孩子甲)")["id"]
    rows = [(pid, f"word {i}", "en", "2026-01-01") for i in range(services.SETWISE_ROWS + 10)]
    rows.append(rows[0])  # a duplicate at the end: the unique key refuses it after the others went in
    with audit.writing("user"):
        with pytest.raises(LedgerError):
            services.insert_rows("mastered_words", ("profile_id", "word", "language", "added_at"), rows)
        services.insert_rows("mastered_words", ("profile_id", "word", "language", "added_at"), [rows[0]])
    db.close_database()

    con = cipher.connect(db_path, isolation_level=None)
    try:
        found = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        assert found == sqlite.expected_triggers()
        # the failed chunk left nothing: one word, one audit row for it
        assert con.execute("SELECT count(*) FROM mastered_words").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM audit_log WHERE table_name = 'mastered_words'").fetchone() == (1,)
        con.execute(  # another program, plain SQL: still audited
            "INSERT INTO mastered_words (profile_id, word, language, added_at) VALUES (?, 'sneaky', 'en', 'x')", (pid,)
        )
        last = con.execute("SELECT table_name, changed_by FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        assert last == ("mastered_words", "external")
    finally:
        con.close()


def test_profiles_are_never_audited_set_wise(ledger):
    with audit.writing("user"), pytest.raises(ValueError, match="profiles"):
        with bulk.setwise_audit(db.current(), ("profiles",)):
            pass


def test_a_big_paste_is_audited_on_each_engine(any_ledger):
    """On PostgreSQL the triggers audit a big paste as any other write (set-wise is SQLite's); on both engines every
    word gets its audit row."""
    pid = services.create_profile("Child A (孩子甲)")["id"]
    words = [f"{HOSTILE[i % len(HOSTILE)]} {i}" for i in range(services.SETWISE_ROWS + 10)]
    result = services.bulk_add_words(pid, words, "en")
    assert len(result.added) == len(words)
    logged = any_ledger.execute_sql(
        "SELECT count(*) FROM audit_log WHERE table_name = 'mastered_words' AND action = 'INSERT'"
    ).fetchone()[0]
    assert logged == len(words)
    assert audit.verify_chain(any_ledger).ok

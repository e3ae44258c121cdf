"""A big migration on SQLite writes its audit rows set-wise (one statement per chunk) instead of a trigger per row.
What a user and the audit viewer see must not change: the same audit rows, in the same order, with the same
values as the triggers write; the triggers back, letter for letter, after the migration, so that the next program
writing the file with plain SQL is audited; and a cancelled or failed migration leaves the triggers as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import services
from desktop.legacy import importer
from desktop.store import bulk, cipher, db, sqlite

from .corpus import write_corpus

AUDITED = "table_name, record_id, action, old_value, new_value, changed_by, profile_id"


@pytest.fixture
def big_corpus(tmp_path):
    info = write_corpus(tmp_path / "legacy", profiles=3, zh_words=5000, en_words=3000, grammar=40, cards=30, chats=60)
    assert sum(len(p["zh"]) + len(p["en"]) for p in info["profiles"]) >= importer.BULK_ROWS
    return info


def migrate_into(path: Path, info: dict, **kwargs) -> importer.MigrationResult:
    db.open_database(path)
    try:
        return importer.migrate(
            info["read_path"], assume_tz=info["assume_tz"], assign_to=info["profiles"][0]["name"], **kwargs
        )
    finally:
        db.close_database()


def rows(path: Path, sql: str) -> list[tuple]:
    con = cipher.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def triggers(path: Path) -> dict[str, str]:
    return dict(rows(path, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))


def test_setwise_audit_rows_are_the_rows_the_triggers_write(tmp_path, big_corpus, monkeypatch):
    monkeypatch.setattr(services, "now_iso", lambda: "2026-01-02T03:04:05.678901+00:00")  # one import date for both
    calls = []
    real = bulk.audit_inserted
    monkeypatch.setattr(bulk, "audit_inserted", lambda *a: (calls.append(a[1]), real(*a)))
    setwise = migrate_into(tmp_path / "setwise.db", big_corpus)
    assert setwise.status == "migrated" and setwise.ok, setwise.message
    assert {"mastered_words", "mastered_grammar", "approved_cards", "chat_messages"} <= set(calls)

    calls.clear()
    monkeypatch.setattr(importer, "SETWISE_TABLES", ())  # every row through its trigger, as any other write
    monkeypatch.setattr(services, "SETWISE_ROWS", 10**9)
    by_trigger = migrate_into(tmp_path / "trigger.db", big_corpus)
    assert by_trigger.status == "migrated" and by_trigger.ok, by_trigger.message
    assert calls == []

    ours = rows(tmp_path / "setwise.db", f"SELECT {AUDITED} FROM audit_log ORDER BY id")
    theirs = rows(tmp_path / "trigger.db", f"SELECT {AUDITED} FROM audit_log ORDER BY id")
    assert len(ours) > importer.BULK_ROWS
    assert ours == theirs  # content, order and the hostile text of the corpus included
    # one audit row per row written, each naming the migration and the one batch
    written = sum(setwise.new.values())
    assert len(ours) == written
    batches = rows(tmp_path / "setwise.db", "SELECT DISTINCT changed_by, batch_id FROM audit_log")
    assert batches == [("migration", setwise.batch_id)]
    # the rows are the table's rows as they are: the viewer's "new value" of a word is the word stored
    stored = rows(tmp_path / "setwise.db", "SELECT CAST(id AS TEXT), word FROM mastered_words ORDER BY id")
    logged = rows(
        tmp_path / "setwise.db",
        "SELECT record_id, json_extract(new_value, '$.word') FROM audit_log WHERE table_name = 'mastered_words' "
        "ORDER BY id",
    )
    assert logged == stored


def test_after_a_setwise_migration_another_program_is_still_audited(tmp_path, big_corpus):
    path = tmp_path / "ledger.db"
    result = migrate_into(path, big_corpus)
    assert result.status == "migrated", result.message
    assert triggers(path) == sqlite.expected_triggers()
    db.open_database(path)
    try:
        assert sqlite.machinery_problems(lambda sql: db.current().execute_sql(sql).fetchall()) == []
    finally:
        db.close_database()

    con = cipher.connect(path, isolation_level=None)  # another program: plain SQL, no audit context
    try:
        pid = con.execute("SELECT id FROM profiles LIMIT 1").fetchone()[0]
        con.execute(
            "INSERT INTO mastered_words (profile_id, word, language, added_at) VALUES (?, ?, 'en', '2026-01-01')",
            (pid, "sneaky"),
        )
        con.execute("INSERT INTO chat_messages (profile_id, role, content) VALUES (?, 'user', 'hello')", (pid,))
        found = con.execute(
            "SELECT table_name, changed_by FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log) ORDER BY id"
        ).fetchall()
    finally:
        con.close()
    assert found == [("mastered_words", "external"), ("chat_messages", "external")]


@pytest.mark.parametrize("stage", ["Writing words", "Writing grammar", "Writing cards"])
def test_a_cancelled_setwise_migration_leaves_the_triggers_and_nothing_else(tmp_path, big_corpus, stage):
    path = tmp_path / "ledger.db"
    db.open_database(path)
    db.close_database()
    before = triggers(path)
    seen = {"text": ""}

    def progress(done: int, total: int, text: str) -> None:
        seen["text"] = text

    result = migrate_into(path, big_corpus, progress=progress, cancel=lambda: seen["text"] == stage)
    assert result.status == "cancelled"
    assert triggers(path) == before == sqlite.expected_triggers()
    assert rows(path, "SELECT count(*) FROM mastered_words") == [(0,)]
    assert rows(path, "SELECT count(*) FROM audit_log") == [(0,)]


def test_a_failing_setwise_migration_leaves_the_triggers(tmp_path, big_corpus, monkeypatch):
    path = tmp_path / "ledger.db"

    def broken(database, table, after_id):
        if table == "approved_cards":  # the words are written and audited by now
            raise OSError("disk unplugged")
        real(database, table, after_id)

    real = bulk.audit_inserted
    monkeypatch.setattr(bulk, "audit_inserted", broken)
    with pytest.raises(OSError):
        migrate_into(path, big_corpus)
    assert triggers(path) == sqlite.expected_triggers()
    assert rows(path, "SELECT count(*) FROM mastered_words") == [(0,)]
    assert rows(path, "SELECT count(*) FROM audit_log") == [(0,)]


def test_a_second_program_cannot_write_while_the_triggers_are_down(tmp_path, big_corpus):
    """While a set-wise migration has its insert triggers dropped, another program (or a second copy of the app)
    sees the committed file with every trigger in place, and its write waits for the lock and then fails: it can
    never slip a row in unaudited."""
    path = tmp_path / "ledger.db"
    db.open_database(path)
    db.close_database()
    seen: dict[str, object] = {}

    def progress(done: int, total: int, text: str) -> None:
        if text != "Writing cards" or "error" in seen:
            return
        assert bulk.setwise_tables()  # the triggers are down in the migration's own transaction right now
        other = cipher.connect(path, isolation_level=None, timeout=0.2)
        try:
            seen["triggers"] = dict(other.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
            pid = other.execute("SELECT id FROM profiles LIMIT 1").fetchone()
            try:
                other.execute(
                    "INSERT INTO mastered_words (profile_id, word, language, added_at) VALUES (?, 'sneaky', 'en', 'x')",
                    (pid[0] if pid else "nobody",),
                )
                seen["error"] = None
            except cipher.dbapi.OperationalError as exc:
                seen["error"] = str(exc)
        finally:
            other.close()

    result = migrate_into(path, big_corpus, progress=progress)
    assert result.status == "migrated", result.message
    assert seen["triggers"] == sqlite.expected_triggers()  # what the other program sees: the committed machinery
    assert seen["error"] == "database is locked"
    assert rows(path, "SELECT count(*) FROM mastered_words WHERE word = 'sneaky'") == [(0,)]

"""PostgreSQL: the audit machinery attacked by another program (a plain psycopg2 connection) — TRUNCATE, a disabled
trigger, a replaced function, a trigger of somebody else's, an UPDATE that leaves the version alone — and what the
app then refuses, notices, repairs and records. Needs MASTERY_LEDGER_TEST_PG (.ci/run)."""

from __future__ import annotations

import pytest
from tests_support import PG_URL, content_snapshot, reset_pg_schema

from desktop import health, services
from desktop.errors import ConflictError
from desktop.store import audit, db, postgres
from desktop.store.schema import APPEND_ONLY_TABLES, DATA_TABLES

pytestmark = pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server configured (MASTERY_LEDGER_TEST_PG)")


@pytest.fixture
def child():
    reset_pg_schema(PG_URL)
    db.open_database(PG_URL)
    profile = services.create_profile("Tamper Child 篡改孩子")
    word = services.add_word(profile["id"], "苹果", "zh")
    services.add_grammar(profile["id"], "grammar://zh/ba")
    services.add_card(profile["id"], "basic", {"id": "c1", "front": "猫", "back": "cat"}, "approved")
    services.add_chat_message(profile["id"], "user", "你好")
    yield {"profile": profile, "word": word}
    db.close_database()


@pytest.fixture
def other():
    """Another program: a plain psycopg2 connection with none of our settings or audit context."""
    import psycopg2

    con = psycopg2.connect(PG_URL)
    yield con
    con.close()


def run(con, sql: str, params: tuple | None = None) -> None:
    """Execute one statement as the other program and commit (rolled back on an error, which propagates)."""
    with con, con.cursor() as cur:
        cur.execute(sql, params)


def fetch(con, sql: str, params: tuple | None = None) -> list[tuple]:
    with con, con.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def reopen(repair: bool = True):
    db.close_database()
    return db.open_database(PG_URL, create=False, repair=repair)


def repair_notes(con) -> list[dict]:
    import json

    rows = fetch(con, "SELECT actor, note FROM audit_batch WHERE kind = 'repair' ORDER BY id")
    return [{"actor": actor, **json.loads(note)} for actor, note in rows]


# ---------------------------------------------------------------------------------------------------------------
# TRUNCATE


@pytest.mark.parametrize("table", [*DATA_TABLES, *APPEND_ONLY_TABLES])
def test_truncate_is_refused_on_every_table_and_changes_nothing(child, other, table):
    import psycopg2

    before = content_snapshot(PG_URL)
    expected = "use DELETE, which is audited" if table in DATA_TABLES else "append-only"
    with pytest.raises(psycopg2.IntegrityError, match=expected):
        run(other, f"TRUNCATE {table} CASCADE")
    assert content_snapshot(PG_URL) == before
    assert postgres.ENGINE.machinery_problems(db.current()) == []


def test_delete_of_a_whole_table_is_audited_row_by_row(child, other):
    run(other, "DELETE FROM mastered_words")
    deleted = audit.entries(db.current(), audit.LOG.action == "DELETE", audit.LOG.table_name == "mastered_words")
    assert [(e.changed_by, e.old["word"]) for e in deleted] == [("external", "苹果")]


# ---------------------------------------------------------------------------------------------------------------
# Versions: whoever writes, a change raises the row's version, so a stale save is a conflict


def version_of(con, word_id) -> int:
    return fetch(con, "SELECT version FROM mastered_words WHERE id = %s", (word_id,))[0][0]


def test_an_external_update_raises_the_version_and_a_stale_save_is_a_conflict(child, other):
    word = child["word"]
    read_at = word["version"]
    run(other, "UPDATE mastered_words SET word = %s WHERE id = %s", ("苹果树", word["id"]))
    assert version_of(other, word["id"]) == read_at + 1

    with pytest.raises(ConflictError):
        services.rename_word(word["id"], "香蕉", expected_version=read_at)
    assert services.get_row("mastered_words", word["id"])["word"] == "苹果树"  # the other program's change stays

    # The app's own save bumps the version once (the trigger does not add a second bump).
    saved = services.rename_word(word["id"], "香蕉", expected_version=read_at + 1)
    assert saved["version"] == version_of(other, word["id"]) == read_at + 2


def test_an_external_update_is_audited_as_external_with_no_false_alarm(child, other):
    word = child["word"]
    run(other, "UPDATE mastered_words SET word = %s WHERE id = %s", ("苹果树", word["id"]))
    last = audit.entries(db.current())[-1]
    assert (last.action, last.changed_by, last.old["word"], last.new["word"]) == (
        "UPDATE",
        "external",
        "苹果",
        "苹果树",
    )
    assert (last.old["version"], last.new["version"]) == (word["version"], word["version"] + 1)
    assert postgres.ENGINE.machinery_problems(db.current()) == []
    database = reopen()
    assert postgres.ENGINE.machinery_problems(database) == []
    assert repair_notes(other) == []  # nothing was wrong, so nothing was repaired
    assert audit.verify_chain(database).ok


def test_an_update_that_changes_nothing_keeps_the_version_and_writes_no_audit_row(child, other):
    word = child["word"]
    rows = len(audit.entries(db.current()))
    run(other, "UPDATE mastered_words SET word = word WHERE id = %s", (word["id"],))
    assert version_of(other, word["id"]) == word["version"]
    assert len(audit.entries(db.current())) == rows


def test_a_writer_that_sets_the_version_itself_keeps_its_value(child, other):
    word = child["word"]
    run(other, "UPDATE mastered_words SET word = 'x', version = version + 5 WHERE id = %s", (word["id"],))
    assert version_of(other, word["id"]) == word["version"] + 5


def test_a_session_in_replication_mode_is_still_audited(child, other):
    """session_replication_role = replica skips every trigger that is not ENABLE ALWAYS."""
    word = child["word"]
    with other, other.cursor() as cur:
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute("UPDATE mastered_words SET word = '梨' WHERE id = %s", (word["id"],))
    last = audit.entries(db.current())[-1]
    assert (last.changed_by, last.new["word"]) == ("external", "梨")
    assert version_of(other, word["id"]) == word["version"] + 1


# ---------------------------------------------------------------------------------------------------------------
# Machinery check: every attack is named; opening with repair puts ours back and records it


NO_OP_AUDIT = """CREATE OR REPLACE FUNCTION mastery_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NULL;
END $$"""

#: A trigger created again by hand is enabled the ordinary way (for normal sessions only): named too.
NOT_ALWAYS = "is not enabled always (a replication-mode session skips it)."

ATTACKS = {
    "disabled": (
        ["ALTER TABLE mastered_words DISABLE TRIGGER audit_mastered_words"],
        ["The trigger audit_mastered_words on mastered_words is disabled."],
    ),
    "enabled-for-normal-sessions-only": (
        ["ALTER TABLE profiles ENABLE TRIGGER profiles_version"],
        [f"The trigger profiles_version on profiles {NOT_ALWAYS}"],
    ),
    "dropped": (
        ["DROP TRIGGER chat_messages_no_truncate ON chat_messages"],
        ["The trigger chat_messages_no_truncate on chat_messages is missing."],
    ),
    "function-replaced": (
        [NO_OP_AUDIT],
        ["The trigger function mastery_audit() has been changed: its text is not the one Mastery Ledger installs."],
    ),
    "fewer-events": (
        [
            "DROP TRIGGER audit_mastered_grammar ON mastered_grammar",
            "CREATE TRIGGER audit_mastered_grammar AFTER INSERT ON mastered_grammar "
            "FOR EACH ROW EXECUTE FUNCTION mastery_audit()",
        ],
        [
            f"The trigger audit_mastered_grammar on mastered_grammar {NOT_ALWAYS}",
            "The trigger audit_mastered_grammar on mastered_grammar fires on other events or conditions "
            "than AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW.",
        ],
    ),
    "never-fires": (
        [
            "DROP TRIGGER audit_approved_cards ON approved_cards",
            "CREATE TRIGGER audit_approved_cards AFTER INSERT OR UPDATE OR DELETE ON approved_cards "
            "FOR EACH ROW WHEN (false) EXECUTE FUNCTION mastery_audit()",
        ],
        [
            f"The trigger audit_approved_cards on approved_cards {NOT_ALWAYS}",
            "The trigger audit_approved_cards on approved_cards fires on other events or conditions than "
            "AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW.",
        ],
    ),
    "other-function": (
        [
            "CREATE FUNCTION quiet() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
            "DROP TRIGGER audit_profiles ON profiles",
            "CREATE TRIGGER audit_profiles AFTER INSERT OR UPDATE OR DELETE ON profiles "
            "FOR EACH ROW EXECUTE FUNCTION quiet()",
        ],
        [
            f"The trigger audit_profiles on profiles {NOT_ALWAYS}",
            "The trigger audit_profiles on profiles calls quiet() instead of mastery_audit().",
        ],
    ),
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_an_attack_on_the_machinery_is_named_then_repaired_on_open_as_an_audited_batch(child, other, attack):
    statements, expected = ATTACKS[attack]
    for statement in statements:
        run(other, statement)

    database = reopen(repair=False)  # as verify opens: nothing repaired
    problems = postgres.ENGINE.machinery_problems(database)
    assert problems == expected

    database = reopen()
    assert postgres.ENGINE.machinery_problems(database) == []
    notes = repair_notes(other)
    assert notes == [{"actor": "system", "found": problems}]
    enabled = fetch(
        other,
        "SELECT DISTINCT t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal AND c.relname IN %s",
        (DATA_TABLES,),
    )
    assert enabled == [("A",)]

    # Audited again: another program's change is recorded, and a second open repairs nothing more.
    run(other, "UPDATE mastered_words SET word = '桃' WHERE id = %s", (child["word"]["id"],))
    last = audit.entries(database)[-1]
    assert (last.changed_by, last.new["word"]) == ("external", "桃")
    reopen()
    assert len(repair_notes(other)) == 1
    assert audit.verify_chain(db.current()).ok


def test_a_disabled_trigger_silences_writes_until_the_check_names_it(child, other):
    rows = len(audit.entries(db.current()))
    run(other, "ALTER TABLE mastered_words DISABLE TRIGGER audit_mastered_words")
    run(
        other,
        "INSERT INTO mastered_words (profile_id, word, language) VALUES (%s, '影子', 'zh')",
        (child["profile"]["id"],),
    )
    assert len(audit.entries(db.current())) == rows  # what the attack achieves…
    assert postgres.ENGINE.machinery_problems(db.current()) == [  # …and the check that reports it
        "The trigger audit_mastered_words on mastered_words is disabled."
    ]


def test_somebody_elses_trigger_and_rule_are_named_and_left_alone(child, other):
    run(other, "CREATE FUNCTION keep_quiet() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$")
    run(other, "CREATE TRIGGER sneaky BEFORE INSERT ON mastered_words FOR EACH ROW EXECUTE FUNCTION keep_quiet()")
    run(other, "CREATE RULE hush AS ON INSERT TO audit_log DO INSTEAD NOTHING")
    expected = [
        "An unexpected trigger sneaky is on the table mastered_words; it was not installed by Mastery Ledger and "
        "can change or stop what gets written.",
        "An unexpected rule hush is on the table audit_log; it can rewrite or skip writes without the audit trail "
        "seeing them.",
    ]
    assert postgres.ENGINE.machinery_problems(db.current()) == expected
    database = reopen()
    assert postgres.ENGINE.machinery_problems(database) == expected  # not ours to remove: reported every time
    assert repair_notes(other) == []  # nothing of ours was wrong, so there is no repair to record


def test_health_check_reports_the_machinery_problems(child, other):
    run(other, "ALTER TABLE mastered_words DISABLE TRIGGER audit_mastered_words")
    run(other, NO_OP_AUDIT)
    report = health.check(reopen(repair=False))
    assert not report.healthy
    text = "\n".join(report.problems)
    assert "audit_mastered_words on mastered_words is disabled" in text
    assert "mastery_audit() has been changed" in text

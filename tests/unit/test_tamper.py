"""Attacks on the audit trail, made the way the world will: another program with a plain sqlite3 (SQLCipher's, given the key) / psycopg2
connection to the database, with write access to the file or the server. Each attack is refused, or ``verify``
names it (exit 1); a plain external UPDATE is still audited and verifies clean (no false alarms).

What the trail cannot detect (someone who rewrites the database *and* every anchor) is in docs/security.md.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import peewee
import pytest
from tests_support import PG_URL

from desktop import health, services
from desktop.backup.create import create_backup
from desktop.errors import ConflictError
from desktop.store import anchors, audit, cipher, db

REPO = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------------------------------------------
# Helpers


def raw(target: str):
    if target.startswith("postgresql://"):
        import psycopg2

        return closing(psycopg2.connect(target))
    return closing(cipher.connect(target))


def attack(target: str, *statements: str) -> None:
    """Run statements as another program (one transaction), then commit."""
    with raw(target) as con:
        cur = con.cursor()
        for statement in statements:
            cur.execute(statement)
        con.commit()


def refused(target: str, statement: str) -> str:
    """Run one statement as another program; it must be refused. Returns the error text."""
    with raw(target) as con:
        with pytest.raises(Exception) as caught:
            con.cursor().execute(statement)
            con.commit()
        con.rollback()
    return str(caught.value)


def check(target: str) -> health.HealthReport:
    """verify, in process: open without repairing, check, close."""
    database = db.open_database(target, create=False, repair=False)
    try:
        return health.check(database)
    finally:
        db.close_database()


def verify_cli(target: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "verify", "--db", target],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def data(target: str) -> dict[str, list[tuple]]:
    """Every data row, without the version column (content only)."""
    out = {}
    with raw(target) as con:
        cur = con.cursor()
        for table in ("profiles", "mastered_words", "mastered_grammar", "approved_cards", "chat_messages"):
            cur.execute(f"SELECT * FROM {table} ORDER BY id")
            names = [d[0] for d in cur.description]
            out[table] = [tuple(v for n, v in zip(names, row, strict=True) if n != "version") for row in cur]
        con.rollback()
    return out


def enable_again(*tables: str) -> list[str]:
    """PostgreSQL: switch our triggers on these tables back on exactly as the app leaves them."""
    from desktop.store import postgres

    return [f"ALTER TABLE {t.table} ENABLE ALWAYS TRIGGER {t.name}" for t in postgres.triggers() if t.table in tables]


def open_app(target: str):
    """The app opens the database (repairing what it finds), then closes it."""
    db.open_database(target, create=False)
    db.close_database()


@pytest.fixture
def family(engine_target) -> str:
    """A closed database holding one child with words, grammar, a card and chat, all written by the app."""
    db.open_database(engine_target)
    pid = services.create_profile("Tamper Kid", school="Oak School", interests=["trains"])["id"]
    services.bulk_add_words(pid, "one, two, three", "en")
    services.bulk_add_words(pid, "苹果 香蕉", "zh")
    services.add_grammar(pid, "http://srs4autism.com/instance/gp-a1-001-%E6%98%AF-sentence")
    services.add_card(pid, "basic", {"front": "apple", "back": "苹果"})
    services.add_chat_message(pid, "user", "hello")
    db.close_database()
    return engine_target


@pytest.fixture
def sqlite_family(tmp_path) -> str:
    target = str(tmp_path / "ledger.db")
    db.open_database(target)
    pid = services.create_profile("Tamper Kid", school="Oak School")["id"]
    services.bulk_add_words(pid, "one, two, three", "en")
    services.add_card(pid, "basic", {"front": "apple", "back": "苹果"})
    db.close_database()
    return target


def sole_profile(target: str) -> str:
    with raw(target) as con:
        cur = con.cursor()
        cur.execute("SELECT id FROM profiles")
        (pid,) = cur.fetchone()
        con.rollback()
    return pid


# --------------------------------------------------------------------------------------------------------------
# No false alarms


def test_a_plain_external_update_is_audited_and_verifies_clean(family):
    pid = sole_profile(family)
    attack(family, f"UPDATE profiles SET school = 'Elm ''School'' 学校 \\ \"x\"' WHERE id = '{pid}'")
    report = check(family)
    assert report.healthy, report.problems
    database = db.open_database(family)
    last = audit.entries(database, audit.LOG.table_name == "profiles")[-1]
    assert (last.action, last.changed_by, last.new["school"]) == ("UPDATE", "external", "Elm 'School' 学校 \\ \"x\"")
    db.close_database()
    assert verify_cli(family).returncode == 0


def test_external_insert_and_delete_through_the_triggers_verify_clean(family):
    pid = sole_profile(family)
    attack(
        family,
        f"INSERT INTO mastered_words (profile_id, word, language) VALUES ('{pid}', 'four', 'en')",
        "DELETE FROM mastered_words WHERE word = 'one'",
    )
    assert check(family).healthy
    open_app(family)  # seals the other program's rows
    assert check(family).healthy


# --------------------------------------------------------------------------------------------------------------
# Writes the triggers cannot record are refused


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT OR REPLACE INTO mastered_words (id, profile_id, word, language) SELECT id, profile_id, 'zzz', language "
        "FROM mastered_words LIMIT 1",
        "INSERT OR REPLACE INTO mastered_words (profile_id, word, language) SELECT profile_id, word, language "
        "FROM mastered_words LIMIT 1",
        "REPLACE INTO profiles (id, name) SELECT id, 'Wiped' FROM profiles",
        "INSERT OR REPLACE INTO approved_cards (id, profile_id, card_type, content) SELECT id, profile_id, 'basic', '{}' "
        "FROM approved_cards",
        "UPDATE OR REPLACE mastered_words SET word = 'two' WHERE word = 'one'",
        "UPDATE OR REPLACE mastered_words SET id = (SELECT max(id) FROM mastered_words) WHERE word = 'one'",
        "INSERT INTO mastered_words (profile_id, word, language) SELECT profile_id, word, language FROM mastered_words "
        "LIMIT 1 ON CONFLICT DO UPDATE SET word = 'upsert'",
        "INSERT OR IGNORE INTO mastered_words (profile_id, word, language) SELECT profile_id, word, language "
        "FROM mastered_words",
    ],
    ids=[
        "replace-by-id",
        "replace-by-unique-key",
        "replace-profile",
        "replace-card",
        "update-or-replace-key",
        "update-or-replace-id",
        "upsert",
        "insert-or-ignore",
    ],
)
def test_writes_that_would_delete_rows_unaudited_are_refused(sqlite_family, statement):
    before = data(sqlite_family)
    message = refused(sqlite_family, statement)
    assert "UPDATE" in message and "DELETE" in message  # the message says what to use instead
    assert data(sqlite_family) == before
    assert check(sqlite_family).healthy


def test_the_app_still_reports_a_duplicate_word_plainly(ledger):
    pid = services.create_profile("Dup Kid")["id"]
    services.add_word(pid, "cat", "en")
    with pytest.raises(services.DuplicateError):
        services.add_word(pid, "cat", "en")


# --------------------------------------------------------------------------------------------------------------
# Conflicts from any writer


def test_another_programs_update_makes_a_stale_save_a_conflict(family):
    pid = sole_profile(family)
    db.open_database(family)
    stale = services.get_row("profiles", pid)
    attack(family, f"UPDATE profiles SET school = 'Changed elsewhere' WHERE id = '{pid}'")
    with pytest.raises(ConflictError):
        services.update_profile(pid, stale["version"], school="My stale edit")
    assert services.get_row("profiles", pid)["school"] == "Changed elsewhere"
    db.close_database()


# --------------------------------------------------------------------------------------------------------------
# Silencing the machinery


SILENCERS = {
    "extra-trigger-ignore": ["CREATE TRIGGER zz_quiet BEFORE INSERT ON audit_log BEGIN SELECT RAISE(IGNORE); END"],
    "body-replaced-when-0": [
        "DROP TRIGGER audit_mastered_words_update",
        "CREATE TRIGGER audit_mastered_words_update AFTER UPDATE ON mastered_words WHEN 0 BEGIN SELECT 1; END",
    ],
    "writable-schema-swap": [
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = replace(sql, 'AFTER UPDATE ON mastered_words WHEN', "
        "'AFTER UPDATE ON mastered_words WHEN 0 AND') WHERE name = 'audit_mastered_words_update'",
        "PRAGMA writable_schema = OFF",
    ],
    "renamed-and-recreated": [
        "ALTER TABLE mastered_words RENAME TO mastered_words_old",
        "CREATE TABLE mastered_words (id INTEGER PRIMARY KEY AUTOINCREMENT, profile_id TEXT NOT NULL, word TEXT "
        "NOT NULL, language TEXT NOT NULL, added_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, version INTEGER NOT NULL "
        "DEFAULT 1, FOREIGN KEY (profile_id) REFERENCES profiles(id) ON DELETE CASCADE, "
        "UNIQUE(profile_id, word, language))",
        "INSERT INTO mastered_words SELECT * FROM mastered_words_old",
    ],
}


@pytest.mark.parametrize("name", list(SILENCERS))
def test_silencing_the_audit_is_named_by_verify(sqlite_family, name):
    attack(sqlite_family, *SILENCERS[name])
    result = verify_cli(sqlite_family)
    assert result.returncode == 1, result.stdout
    assert "PROBLEM:" in result.stdout and "Traceback" not in result.stderr
    report = check(sqlite_family)
    assert report.machinery, report.problems
    if name == "extra-trigger-ignore":
        assert any("zz_quiet" in p for p in report.machinery)
    if name == "renamed-and-recreated":
        assert any("mastered_words_old" in p for p in report.machinery)


@pytest.mark.parametrize("name", ["extra-trigger-ignore", "body-replaced-when-0", "writable-schema-swap"])
def test_the_app_repairs_a_silenced_audit_on_record_and_audits_again(sqlite_family, name):
    attack(sqlite_family, *SILENCERS[name])
    database = db.open_database(sqlite_family)  # the app finds the machinery changed and puts it back
    pid = sole_profile(sqlite_family)
    word = services.add_word(pid, "after-repair", "en")
    services.rename_word(word["id"], "renamed-after-repair", word["version"])
    entries = audit.entries(database, audit.LOG.table_name == "mastered_words", audit.LOG.record_id == str(word["id"]))
    assert [e.action for e in entries] == ["INSERT", "UPDATE"]
    notes = database.execute_sql("SELECT actor, note FROM audit_batch WHERE kind = 'repair'").fetchall()
    assert len(notes) == 1 and notes[0][0] == "system" and json.loads(notes[0][1])["found"]
    db.close_database()
    report = check(sqlite_family)
    assert report.healthy, report.problems  # nothing was written while it was silenced: the data check passes
    assert report.repairs  # and the repair stays on record


def test_drop_a_trigger_write_and_put_it_back_is_found(family):
    """Covering one's tracks: the trigger is back, exactly as the app made it, but the change has no audit row."""
    pid = sole_profile(family)
    pg = family.startswith("postgresql://")
    if pg:
        attack(
            family,
            "ALTER TABLE profiles DISABLE TRIGGER USER",
            f"UPDATE profiles SET school = 'Secret School' WHERE id = '{pid}'",
            *enable_again("profiles"),
        )
    else:
        with raw(family) as con:
            (create,) = con.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_profiles_update'").fetchone()
        attack(
            family,
            "DROP TRIGGER audit_profiles_update",
            f"UPDATE profiles SET school = 'Secret School', version = version + 1 WHERE id = '{pid}'",
            create,
        )
    report = check(family)
    assert not report.machinery, report.machinery
    assert any(f"profiles record {pid}: changed without an audit record" == p for p in report.replay), report.problems
    assert verify_cli(family).returncode == 1


def test_drop_a_trigger_write_and_let_the_app_put_it_back_is_found(sqlite_family):
    pid = sole_profile(sqlite_family)
    attack(
        sqlite_family,
        "DROP TRIGGER audit_mastered_words_insert",
        "DROP TRIGGER audit_mastered_words_delete",
        f"INSERT INTO mastered_words (profile_id, word, language) VALUES ('{pid}', 'sneaked', 'en')",
        "DELETE FROM mastered_words WHERE word = 'one'",
    )
    open_app(sqlite_family)  # re-creates the triggers, on record
    report = check(sqlite_family)
    kinds = {p.split(": ", 1)[1] for p in report.replay}
    assert kinds == {"added without an audit record", "deleted without an audit record"}, report.replay
    assert report.repairs


def test_rows_added_or_removed_with_the_triggers_off_are_named_on_every_table(sqlite_family):
    pid = sole_profile(sqlite_family)
    names = [
        r[0]
        for r in cipher.connect(sqlite_family).execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'"
        )
    ]
    attack(
        sqlite_family,
        *(f"DROP TRIGGER {n}" for n in names if not n.startswith("audit_log")),
        f"INSERT INTO mastered_grammar (profile_id, grammar_uri) VALUES ('{pid}', 'http://x/gp-b1-001-y')",
        f"INSERT INTO chat_messages (profile_id, role, content) VALUES ('{pid}', 'user', 'hidden')",
        "DELETE FROM approved_cards",
    )
    report = check(sqlite_family)
    named = {p.split(" record ")[0] for p in report.replay}
    assert {"mastered_grammar", "chat_messages", "approved_cards"} <= named, report.replay


# --------------------------------------------------------------------------------------------------------------
# Rewriting history


def test_rewritten_rows_with_the_seals_dropped_are_not_blessed_on_the_next_open(sqlite_family):
    """Rewrite audit rows, drop audit_seal, and let the app re-seal on its next open: the anchor outside the file
    and the flag on rows that claim the app as author still tell."""
    attack(
        sqlite_family,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET new_value = replace(new_value, 'Oak School', 'Other School')",
        "DROP TABLE audit_seal",
    )
    open_app(sqlite_family)  # re-creates audit_seal, seals everything as found
    report = check(sqlite_family)
    assert report.anchors, report.problems
    assert report.flagged, report.problems
    assert verify_cli(sqlite_family).returncode == 1


def test_cutting_the_tail_of_the_log_is_found_by_the_anchor(family):
    pid = sole_profile(family)
    db.open_database(family)
    services.add_word(pid, "last", "en")
    database = db.current()
    last_seal = database.execute_sql("SELECT first_id FROM audit_seal ORDER BY id DESC LIMIT 1").fetchone()[0]
    db.close_database()
    if family.startswith("postgresql://"):
        attack(
            family,
            "ALTER TABLE audit_log DISABLE TRIGGER USER",
            "ALTER TABLE audit_seal DISABLE TRIGGER USER",
            "ALTER TABLE mastered_words DISABLE TRIGGER USER",
            f"DELETE FROM audit_log WHERE id >= {last_seal}",
            f"DELETE FROM audit_seal WHERE last_id >= {last_seal}",
            "DELETE FROM mastered_words WHERE word = 'last'",
            *enable_again("audit_log", "audit_seal", "mastered_words"),
        )
    else:
        attack(
            family,
            "DROP TRIGGER audit_log_no_delete",
            "DROP TRIGGER audit_seal_no_delete",
            "DROP TRIGGER audit_mastered_words_delete",
            f"DELETE FROM audit_log WHERE id >= {last_seal}",
            f"DELETE FROM audit_seal WHERE last_id >= {last_seal}",
            "DELETE FROM mastered_words WHERE word = 'last'",
        )
        open_app(family)  # puts the triggers back: the file now looks whole
    report = check(family)
    assert report.chain.ok and not report.replay  # consistent in itself …
    assert any("cut short" in p for p in report.anchors), report.problems  # … but shorter than the anchor


def test_a_back_dated_row_by_you_is_flagged(sqlite_family):
    forged = (
        "INSERT INTO audit_log (table_name, record_id, action, old_value, new_value, changed_at, changed_by) "
        "VALUES ('profiles', 'nobody', 'INSERT', NULL, '{}', '2020-01-01T00:00:00.000Z', 'user')"
    )
    attack(sqlite_family, forged)
    assert not check(sqlite_family).healthy  # before the app sees it: the replay names a record that never existed
    open_app(sqlite_family)
    report = check(sqlite_family)
    assert report.flagged and any("profiles record nobody" in p for p in report.replay), report.problems


def test_tampering_with_the_newest_seal_is_found(sqlite_family):
    attack(
        sqlite_family,
        "DROP TRIGGER audit_seal_no_update",
        "UPDATE audit_seal SET hash = CASE WHEN substr(hash, 1, 1) = 'a' THEN 'b' ELSE 'a' END || substr(hash, 2) "
        "WHERE id = (SELECT max(id) FROM audit_seal)",
    )
    report = check(sqlite_family)
    assert not report.chain.ok


def test_the_newest_seal_recomputed_after_an_edit_is_found_by_the_anchor(sqlite_family):
    """An attacker who knows the hash recipe edits the newest rows and recomputes the newest seal properly."""
    database = db.open_database(sqlite_family)
    first, last, prev = database.execute_sql(
        "SELECT first_id, last_id, prev_hash FROM audit_seal ORDER BY id DESC LIMIT 1"
    ).fetchone()
    db.close_database()
    attack(
        sqlite_family,
        "DROP TRIGGER audit_log_no_update",
        "DROP TRIGGER audit_seal_no_update",
        f"UPDATE audit_log SET changed_at = '2020-01-01T00:00:00.000Z' WHERE id BETWEEN {first} AND {last}",
    )
    import hashlib

    with raw(sqlite_family) as con:
        rows = con.execute(f"SELECT * FROM audit_log WHERE id BETWEEN {first} AND {last} ORDER BY id").fetchall()
        digest = hashlib.sha256(prev.encode())
        for row in rows:
            digest.update(audit.canonical_row(row))
        con.execute("UPDATE audit_seal SET hash = ? WHERE last_id = ?", (digest.hexdigest(), last))
        con.commit()
    report = check(sqlite_family)
    assert report.chain.ok  # the forged seal is self-consistent …
    assert any("rewritten" in p for p in report.anchors), report.problems  # … but not what the app anchored


def test_a_file_replaced_by_another_ledger_is_found(tmp_path, sqlite_family):
    other = str(tmp_path / "other.db")
    db.open_database(other)
    services.create_profile("Someone Else")
    db.close_database()
    shutil.copyfile(other, sqlite_family)
    for suffix in ("-wal", "-shm"):
        Path(sqlite_family + suffix).unlink(missing_ok=True)
    report = check(sqlite_family)
    assert any("not the database the app last wrote" in p for p in report.anchors), report.problems


def test_a_copy_elsewhere_verifies_on_its_own(tmp_path, sqlite_family):
    """Anchors are kept per place: a copy (a USB stick) is its own database and no false alarm."""
    copy = str(tmp_path / "copy.db")
    shutil.copyfile(sqlite_family, copy)
    assert check(copy).healthy
    db.open_database(copy)
    services.create_profile("Only In The Copy")
    db.close_database()
    assert check(copy).healthy and check(sqlite_family).healthy


def test_a_new_database_where_one_was_deleted_verifies_clean(sqlite_family):
    """A parent deletes the file and starts again: the app made the new file, so its anchor is the new one's."""
    for suffix in ("", "-wal", "-shm"):
        Path(sqlite_family + suffix).unlink(missing_ok=True)
    db.open_database(sqlite_family)
    services.create_profile("Fresh Start")
    db.close_database()
    assert check(sqlite_family).healthy


# --------------------------------------------------------------------------------------------------------------
# Missing pieces give plain problems


@pytest.mark.parametrize("table", ["audit_log", "audit_seal", "audit_context", "audit_batch"])
def test_a_dropped_audit_table_is_a_plain_problem(sqlite_family, table):
    names = [
        r[0] for r in cipher.connect(sqlite_family).execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    ]
    attack(sqlite_family, *(f"DROP TRIGGER {n}" for n in names if table in n), f"DROP TABLE {table}")
    result = verify_cli(sqlite_family)
    assert result.returncode == 1
    assert f"table {table} is missing" in result.stdout
    assert "Unexpected error" not in result.stdout + result.stderr and "Traceback" not in result.stderr


def test_the_app_opens_a_database_whose_log_was_dropped_and_says_the_history_is_gone(sqlite_family):
    attack(sqlite_family, "DROP TABLE audit_log")
    open_app(sqlite_family)
    report = check(sqlite_family)
    assert not report.machinery  # put back …
    assert any("added without an audit record" in p for p in report.replay)  # … but every row is unexplained
    assert report.repairs


# --------------------------------------------------------------------------------------------------------------
# Backups anchor the chain too


def test_a_backup_description_anchors_the_chain_even_without_the_anchor_file(sqlite_family):
    db.open_database(sqlite_family)
    create_backup(reason="manual")
    pid = sole_profile(sqlite_family)
    services.add_word(pid, "after-backup", "en")
    db.close_database()
    # rewrite everything the backup saw, re-seal from scratch, and remove the anchor file
    attack(
        sqlite_family,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET changed_by = 'external'",
        "DROP TABLE audit_seal",
    )
    database = db.open_database(sqlite_family)
    anchors.anchor_path(anchors.anchor_key(database)).unlink()
    db.close_database()
    report = check(sqlite_family)
    assert any(
        p.startswith("the sealed audit history was rewritten: it no longer matches backup") for p in report.anchors
    ), report.problems


@pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server configured (MASTERY_LEDGER_TEST_PG)")
def test_truncate_on_the_server_is_refused(family):
    if not family.startswith("postgresql://"):
        pytest.skip("PostgreSQL only")
    before = data(family)
    assert "DELETE" in refused(family, "TRUNCATE mastered_words CASCADE")
    assert data(family) == before


def test_peewee_errors_from_a_refused_replace_are_integrity_errors(ledger):
    pid = services.create_profile("Peewee Kid")["id"]
    services.add_word(pid, "cat", "en")
    with pytest.raises(peewee.IntegrityError):
        ledger.execute_sql("REPLACE INTO mastered_words (profile_id, word, language) VALUES (?, 'cat', 'en')", (pid,))


def test_a_database_of_the_first_release_is_upgraded_quietly(sqlite_family):
    """The first release installed fewer triggers: bringing them up to date is an upgrade on record, no alarm."""
    from desktop.store import sqlite
    from desktop.store.schema import DATA_TABLES

    added = [f"{t}{s}" for t in DATA_TABLES for s in sqlite.ADDED_TRIGGER_SUFFIXES]
    attack(sqlite_family, *(f"DROP TRIGGER {name}" for name in added))
    assert set(sqlite.previous_triggers()) == {
        r[0] for r in cipher.connect(sqlite_family).execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    database = db.open_database(sqlite_family)
    assert not getattr(database, "audit_repaired", None)
    kinds = [r[0] for r in database.execute_sql("SELECT kind FROM audit_batch WHERE actor = 'system'")]
    assert kinds == ["upgrade"]
    db.close_database()
    report = check(sqlite_family)
    assert report.healthy and not report.repairs, report.problems
    # one of those triggers missing *and* another changed is not the first release: that is a repair
    attack(sqlite_family, "DROP TRIGGER profiles_version", "DROP TRIGGER audit_profiles_delete")
    database = db.open_database(sqlite_family)
    assert database.audit_repaired
    db.close_database()


@pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server configured (MASTERY_LEDGER_TEST_PG)")
def test_a_server_database_of_the_first_release_is_upgraded_quietly(family):
    if not family.startswith("postgresql://"):
        pytest.skip("PostgreSQL only")
    from desktop.store import postgres

    first_release = [
        f"DROP TRIGGER {t.name} ON {t.table}" for t in postgres.triggers() if t.function in postgres.ADDED_FUNCTIONS
    ]
    first_release += [f"DROP FUNCTION {name}()" for name in postgres.ADDED_FUNCTIONS]
    first_release += [
        f"ALTER TABLE {t.table} ENABLE TRIGGER {t.name}"
        for t in postgres.triggers()
        if t.function not in postgres.ADDED_FUNCTIONS
    ]
    attack(family, *first_release)
    database = db.open_database(family)
    assert not getattr(database, "audit_repaired", None)
    assert [r[0] for r in database.execute_sql("SELECT kind FROM audit_batch WHERE actor = 'system'")] == ["upgrade"]
    db.close_database()
    assert check(family).healthy


# --------------------------------------------------------------------------------------------------------------
# The search index (SQLite): a cache of the log's text. Dropping it is harmless (the search scans, the app makes it
# again); a changed definition or entries removed or made up are named by verify; whatever is done to it, the
# search never shows a row that does not match (every candidate is checked against the log's text).


def searched(target: str, text: str) -> list[int]:
    from desktop.store import audit_log

    db.open_database(target, create=False, repair=False)
    try:
        page = audit_log.fetch_log_page(audit_log.LogFilter(text=text), limit=1000, group=False)
        return [item.id for item in page.items]
    finally:
        db.close_database()


def indexed(target: str) -> None:
    from desktop.store import search

    search.catch_up(db.open_database(target, create=False))
    db.close_database()


def matching_rows(target: str, text: str) -> list[int]:
    with raw(target) as con:
        rows = con.execute("SELECT id, old_value, new_value FROM audit_log ORDER BY id DESC").fetchall()
    return [i for i, old, new in rows if any(v and text.lower() in v.lower() for v in (old, new))]


def test_dropping_the_search_index_is_harmless_and_the_app_makes_it_again(sqlite_family):
    indexed(sqlite_family)
    attack(sqlite_family, "DROP TABLE audit_fts")
    assert searched(sqlite_family, "apple") == matching_rows(sqlite_family, "apple") != []
    assert check(sqlite_family).healthy, check(sqlite_family).problems
    indexed(sqlite_family)  # the app's open re-creates it; the viewer catches it up
    with raw(sqlite_family) as con:
        assert con.execute("SELECT count(*) FROM audit_fts_docsize").fetchone()[0] > 0
    assert searched(sqlite_family, "apple") == matching_rows(sqlite_family, "apple")


def test_a_search_index_with_another_definition_is_named_and_made_again(sqlite_family):
    indexed(sqlite_family)
    attack(
        sqlite_family,
        "DROP TABLE audit_fts",
        # words, not trigrams: 'ppl' would find nothing
        "CREATE VIRTUAL TABLE audit_fts USING fts5(old_value, new_value, content='audit_log', content_rowid='id', "
        "detail='none')",
        "INSERT INTO audit_fts(audit_fts) VALUES ('rebuild')",
    )
    report = check(sqlite_family)
    assert any("search index audit_fts was changed" in p for p in report.machinery), report.problems
    assert verify_cli(sqlite_family).returncode == 1
    indexed(sqlite_family)  # the app's open drops it and makes ours again
    assert check(sqlite_family).healthy
    assert searched(sqlite_family, "ppl") == matching_rows(sqlite_family, "ppl") != []


@pytest.mark.parametrize("how", ["removed", "made up"])
def test_search_index_entries_removed_or_made_up_are_named_by_verify(sqlite_family, how):
    indexed(sqlite_family)
    with raw(sqlite_family) as con:
        (row_id, old, new) = con.execute(
            'SELECT id, old_value, new_value FROM audit_log WHERE new_value LIKE \'%"word":"one"%\''
        ).fetchone()
    assert row_id < max(matching_rows(sqlite_family, ""))  # not the newest (then it is searched in the log)
    if how == "removed":  # hide the word's row from the search
        attack(
            sqlite_family,
            f"INSERT INTO audit_fts(audit_fts, rowid, old_value, new_value) VALUES ('delete', {row_id}, "
            f"{'NULL' if old is None else repr(old)}, '{new}')",
        )
    else:
        attack(sqlite_family, "INSERT INTO audit_fts(rowid, old_value, new_value) VALUES (999999, NULL, 'apple')")
    report = check(sqlite_family)
    assert any("search index audit_fts holds" in p for p in report.machinery), report.problems
    assert set(searched(sqlite_family, "apple")) <= set(matching_rows(sqlite_family, "apple"))  # nothing made up
    assert set(searched(sqlite_family, '"one"')) <= set(matching_rows(sqlite_family, '"one"'))

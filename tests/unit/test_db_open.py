"""Opening a database: damaged files and newer schemas are refused with a plain error (and left untouched), the
old backend's bare plan database is upgraded with its rows kept and a copy taken first, and audit triggers
another program dropped are put back."""

from __future__ import annotations

import os
import random
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from desktop import health, paths, services
from desktop.errors import DatabaseDamagedError, KeyNeeded, LedgerError, NewerSchemaError
from desktop.store import audit, cipher, db, sqlite
from desktop.store.schema import SCHEMA_VERSION

PLAN_SQL = (Path(__file__).parent.parent / "data" / "plan_schema.sql").read_text(encoding="utf-8")
PAGE = 4096


def raw(path) -> closing:
    return closing(cipher.connect(path))


def quick_check_fails(path: Path) -> bool:
    """Independent of our code: does SQLite itself find the file damaged?"""
    try:
        with raw(path) as con:
            return con.execute("PRAGMA quick_check").fetchall() != [("ok",)]
    except cipher.dbapi.DatabaseError:
        return True


@pytest.fixture
def big_db(db_path) -> Path:
    """A closed, checkpointed database of many pages (several children with thousands of words)."""
    db.open_database(db_path)
    for n in range(3):
        pid = services.create_profile(f"Paged Child {n}")["id"]
        services.bulk_add_words(pid, [f"word-{n}-{i}" for i in range(1500)], "en")
    db.close_database()
    assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0
    assert db_path.stat().st_size >= 100 * PAGE
    return db_path


def assert_refused_as_damaged(path: Path) -> DatabaseDamagedError:
    before = path.read_bytes()
    with pytest.raises(DatabaseDamagedError) as info:
        db.open_database(path)
    message = str(info.value)
    assert str(path) in message and "damaged" in message and "backup" in message
    assert path.read_bytes() == before, "a damaged file must be left exactly as it was"
    return info.value


def test_random_bytes_are_a_damaged_database(tmp_path):
    path = tmp_path / "noise.db"
    path.write_bytes(random.Random(7).randbytes(3 * PAGE - 100))
    assert_refused_as_damaged(path)


def test_random_whole_pages_may_be_a_database_encrypted_elsewhere(tmp_path):
    """Random bytes in whole pages cannot be told from a database encrypted with a key this computer lacks: the
    sentence says both, asks for the recovery key, and nothing changes."""
    path = tmp_path / "noise.db"
    path.write_bytes(random.Random(7).randbytes(3 * PAGE))
    before = path.read_bytes()
    with pytest.raises(KeyNeeded) as info:
        db.open_database(path)
    message = str(info.value)
    assert str(path) in message and "damaged" in message and "recovery key" in message
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == [
        "noise.db"
    ]


def test_a_text_file_is_a_damaged_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list: milk, eggs\n" * 50, encoding="utf-8")
    assert_refused_as_damaged(path)


@pytest.mark.parametrize("keep", [60, PAGE, "half"])
def test_a_truncated_database_is_damaged(big_db, keep):
    data = big_db.read_bytes()
    big_db.write_bytes(data[: len(data) // 2 if keep == "half" else keep])
    assert quick_check_fails(big_db)
    assert_refused_as_damaged(big_db)


def test_a_database_with_a_corrupted_page_is_damaged(big_db):
    data = bytearray(big_db.read_bytes())
    middle = (len(data) // PAGE // 2) * PAGE
    data[middle + 8 : middle + PAGE - 8] = random.Random(42).randbytes(PAGE - 16)
    big_db.write_bytes(bytes(data))
    assert quick_check_fails(big_db)  # the damage is real, as SQLite itself sees it
    assert_refused_as_damaged(big_db)


def test_a_newer_schema_is_refused_and_left_alone(ledger, db_path):
    db.close_database()
    with raw(db_path) as con:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        con.commit()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError) as info:
        db.open_database(db_path)
    assert "newer version" in str(info.value) and str(SCHEMA_VERSION + 1) in str(info.value)
    assert (info.value.found, info.value.known) == (SCHEMA_VERSION + 1, SCHEMA_VERSION)
    assert db_path.read_bytes() == before
    with raw(db_path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_a_missing_database_is_not_created_when_creation_is_off(tmp_path):
    missing = tmp_path / "nowhere" / "ledger.db"
    with pytest.raises(LedgerError, match="no database"):
        db.open_database(missing, create=False)
    assert not missing.exists()


def test_the_app_connection_enforces_foreign_keys_and_uses_wal(ledger):
    assert ledger.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)
    assert ledger.execute_sql("PRAGMA journal_mode").fetchone() == ("wal",)


# --------------------------------------------------------------------------------------------------------------
# The old backend's database (plan DDL only, user_version 0)

OLD_ROWS = {
    "profiles": [("old-kid", "Old Kid", "2015-06-01", '["lego"]', 7.0), ("old-two", "Old Two", None, None, None)],
    "mastered_words": [(1, "old-kid", "猫", "zh"), (2, "old-kid", "dog", "en"), (5, "old-two", "sun", "en")],
    "mastered_grammar": [(1, "old-kid", "grammar://zh/le")],
    "approved_cards": [(3, "old-kid", "basic", '{"front": "猫", "back": "cat", "status": "approved"}')],
    "chat_messages": [(1, "old-kid", "user", "hi"), (2, "old-kid", "assistant", "hello")],
}


def make_old_database(path: Path) -> dict[str, list]:
    """What the old web app's backend left: the plan's bare tables, some rows, an audit row of its own."""
    with raw(path) as con:
        con.executescript(PLAN_SQL)
        con.executemany(
            "INSERT INTO profiles (id, name, dob, interests, mental_age) VALUES (?, ?, ?, ?, ?)", OLD_ROWS["profiles"]
        )
        con.executemany(
            "INSERT INTO mastered_words (id, profile_id, word, language) VALUES (?, ?, ?, ?)",
            OLD_ROWS["mastered_words"],
        )
        con.executemany(
            "INSERT INTO mastered_grammar (id, profile_id, grammar_uri) VALUES (?, ?, ?)", OLD_ROWS["mastered_grammar"]
        )
        con.executemany(
            "INSERT INTO approved_cards (id, profile_id, card_type, content) VALUES (?, ?, ?, ?)",
            OLD_ROWS["approved_cards"],
        )
        con.executemany(
            "INSERT INTO chat_messages (id, profile_id, role, content) VALUES (?, ?, ?, ?)", OLD_ROWS["chat_messages"]
        )
        con.execute(
            "INSERT INTO audit_log (table_name, record_id, action, new_value, changed_by) "
            "VALUES ('profiles', 'old-kid', 'INSERT', '{}', 'system')"
        )
        con.commit()
        return dump(con)


def plan_columns(table: str) -> list[str]:
    with closing(cipher.connect(":memory:")) as plan:
        plan.executescript(PLAN_SQL)
        return [r[1] for r in plan.execute(f'PRAGMA table_info("{table}")')]


def dump(con) -> dict[str, list]:
    """Every row of the plan's tables, plan columns only, in id order."""
    return {
        table: con.execute(f'SELECT {", ".join(plan_columns(table))} FROM "{table}" ORDER BY id').fetchall()
        for table in (*OLD_ROWS, "audit_log")
    }


def copies_in_backups() -> list[Path]:
    """Database copies under the backups folder: plain SQLite files, or SQLite files inside an archive."""
    found = []
    folder = paths.backups_dir(create=False)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []:
        if path.read_bytes()[:16] == b"SQLite format 3\x00":
            found.append(path)
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    with archive.open(member) as fh:
                        if fh.read(16) == b"SQLite format 3\x00":
                            found.append(Path(archive.extract(member, path.parent / f"{path.name}.unpacked")))
    return found


def test_old_plan_database_is_upgraded_with_its_rows_kept_and_a_copy_first(db_path):
    before = make_old_database(db_path)

    database = db.open_database(db_path)

    with raw(db_path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        after = dump(con)
        # The old backend's own audit rows are kept as they were, followed by one baseline entry per existing row
        # (so verify's replay explains every row) — nothing else changed.
        old_log = before["audit_log"]
        assert after["audit_log"][: len(old_log)] == old_log
        baseline = after["audit_log"][len(old_log) :]
        assert {(r[1], r[2], r[3], r[7]) for r in baseline} == {
            (t, str(rid), "INSERT", "system")
            for t, rows in before.items()
            if t != "audit_log"
            for rid in (r[0] for r in rows)
        }
        assert {k: v for k, v in after.items() if k != "audit_log"} == {
            k: v for k, v in before.items() if k != "audit_log"
        }
        assert con.execute("SELECT DISTINCT version FROM mastered_words").fetchall() == [(1,)]
        assert con.execute("SELECT legacy_id, status FROM approved_cards").fetchall() == [(None, None)]
    copies = copies_in_backups()
    assert copies, "a copy of the database must be taken before the upgrade"
    with raw(copies[0]) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 0
        assert dump(con) == before

    # The audit trail works on the upgraded database, for the app and for other programs.
    report = health.check(database)
    assert report.healthy, report.problems
    start = database.execute_sql("SELECT max(id) FROM audit_log").fetchone()[0]
    word = services.get_row("mastered_words", 2)
    services.rename_word(2, "dogs", word["version"])
    services.delete_profile("old-two")
    with raw(db_path) as con:
        con.execute("UPDATE mastered_grammar SET grammar_uri = 'grammar://zh/guo' WHERE id = 1")
        con.commit()
    rows = audit.entries(database, audit.LOG.id > start)
    assert [(e.table_name, e.record_id, e.action, e.changed_by) for e in rows] == [
        ("mastered_words", "2", "UPDATE", "user"),
        ("mastered_words", "5", "DELETE", "user"),
        ("profiles", "old-two", "DELETE", "user"),
        ("mastered_grammar", "1", "UPDATE", "external"),
    ]
    assert rows[0].old["word"] == "dog" and rows[0].new["word"] == "dogs"
    new_word = services.add_word("old-kid", "bird", "en")
    assert new_word["id"] == 6  # AUTOINCREMENT survived the upgrade: no id is reused
    assert audit.verify_chain(database).ok


def test_a_second_open_does_not_upgrade_again(db_path):
    make_old_database(db_path)
    db.open_database(db_path)
    db.close_database()
    copies = len(copies_in_backups())
    db.open_database(db_path)
    assert len(copies_in_backups()) == copies


# --------------------------------------------------------------------------------------------------------------
# Dropped triggers


def trigger_names(path) -> set[str]:
    with raw(path) as con:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


@pytest.mark.parametrize("dropped", ["audit_mastered_words_update", "audit_log_no_update", "all"])
def test_dropped_triggers_are_reported_by_verify_then_recreated_on_open(ledger, db_path, dropped):
    pid = services.create_profile("Trigger Kid")["id"]
    word = services.add_word(pid, "moon", "en")
    db.close_database()
    expected = set(sqlite.expected_triggers())
    assert trigger_names(db_path) == expected
    names = expected if dropped == "all" else {dropped}
    with raw(db_path) as con:
        for name in names:
            con.execute(f"DROP TRIGGER {name}")
        con.commit()

    database = db.open_database(db_path, create=False, repair=False)  # as verify opens it
    report = health.check(database)
    assert set(report.triggers_missing) == names
    assert not report.healthy
    db.close_database()
    assert trigger_names(db_path) == expected - names  # verify repaired nothing

    database = db.open_database(db_path)
    assert trigger_names(db_path) == expected
    assert health.check(database).healthy
    db.close_database()
    with raw(db_path) as con:
        con.execute("UPDATE mastered_words SET word = 'stars' WHERE id = ?", (word["id"],))
        con.commit()
    database = db.open_database(db_path)
    last = audit.entries(database, audit.LOG.table_name == "mastered_words")[-1]
    assert (last.action, last.changed_by, last.new["word"]) == ("UPDATE", "external", "stars")


def test_rows_other_programs_wrote_are_sealed_on_open(ledger, db_path):
    pid = services.create_profile("Seal Kid")["id"]
    db.close_database()
    with raw(db_path) as con:
        con.execute("INSERT INTO mastered_words (profile_id, word, language) VALUES (?, 'x', 'en')", (pid,))
        con.commit()
    database = db.open_database(db_path, repair=False)
    assert audit.verify_chain(database).unsealed_rows == 1
    db.close_database()
    database = db.open_database(db_path)
    report = audit.verify_chain(database)
    assert report.ok and report.unsealed_rows == 0


def test_opening_leaves_no_stray_files(ledger, db_path):
    db.close_database()
    names = sorted(os.listdir(db_path.parent))
    assert set(names) <= {"ledger.db", "ledger.db-wal", "ledger.db-shm", "home"}


def test_a_foreign_sqlite_file_is_refused_and_left_alone(tmp_path):
    import hashlib

    from desktop.errors import LedgerError

    other = tmp_path / "someone-elses.db"
    conn = cipher.connect(other)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO recipes (title) VALUES ('dumplings')")
    conn.commit()
    conn.close()
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    for repair in (True, False):
        with pytest.raises(LedgerError, match="not a Mastery Ledger database"):
            db.open_database(other, repair=repair)
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before

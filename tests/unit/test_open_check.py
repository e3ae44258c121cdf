"""The chain verified in one streamed pass, and the checks a window runs in the background after opening a file
without reading every page (``db.open_database(check=False)`` + ``health.open_check``)."""

from __future__ import annotations

import random
import sqlite3 as std_sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from desktop import health, services
from desktop.store import audit, cipher, db

PAGE = 4096


def raw(path) -> closing:
    return closing(cipher.connect(path))


@pytest.fixture
def sealed(ledger, db_path, monkeypatch) -> Path:
    """A closed database with many seals, read back two rows per page (so pages and seals never line up)."""
    monkeypatch.setattr(audit, "_CHAIN_PAGE", 2)
    pid = services.create_profile("Stream Kid")["id"]
    for n in range(6):
        services.bulk_add_words(pid, [f"w{n}-{i}" for i in range(n + 1)], "en")
    db.close_database()
    return db_path


def seals_of(path: Path) -> list[tuple[int, int, int]]:
    with raw(path) as con:
        return con.execute("SELECT id, first_id, last_id FROM audit_seal ORDER BY id").fetchall()


def verify(path: Path) -> audit.ChainReport:
    database = db.open_database(path, create=False, repair=False)
    try:
        return audit.verify_chain(database)
    finally:
        db.close_database()


def test_many_seals_read_in_small_pages_verify(sealed):
    report = verify(sealed)
    with raw(sealed) as con:
        rows = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert report.ok, report.problems
    assert (report.sealed_rows, report.seals, report.unsealed_rows) == (rows, len(seals_of(sealed)), 0)


def test_a_row_altered_in_a_middle_seal_names_that_seal_only(sealed):
    seal_id, first, last = seals_of(sealed)[3]
    with raw(sealed) as con:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("UPDATE audit_log SET new_value = replace(new_value, 'w', 'v') WHERE id = ?", (last,))
        con.commit()
    report = verify(sealed)
    assert report.problems == [f"audit rows {first}–{last} were altered after they were sealed"]


def test_a_removed_seal_leaves_its_rows_outside_every_seal(sealed):
    seal_id, first, last = seals_of(sealed)[2]
    with raw(sealed) as con:
        con.execute("DROP TRIGGER audit_seal_no_delete")
        con.execute("DELETE FROM audit_seal WHERE id = ?", (seal_id,))
        con.commit()
    report = verify(sealed)
    following = seals_of(sealed)[2][0]
    assert report.problems == [
        f"seal {following} does not follow the seal before it (a seal was removed or forged)",
        f"{last - first + 1} audit rows were inserted among sealed rows",
    ]


def test_a_forged_overlapping_seal_is_found_and_every_row_still_counted(sealed):
    seals = seals_of(sealed)
    _, first, last = seals[1]
    with raw(sealed) as con:
        con.execute("DROP TRIGGER audit_seal_no_update")
        con.execute("UPDATE audit_seal SET first_id = ?, last_id = ? WHERE id = ?", (first, last, seals[2][0]))
        con.commit()
    report = verify(sealed)
    assert not report.ok
    assert f"seal {seals[2][0]} does not follow the seal before it (a seal was removed or forged)" in report.problems
    _, lost_first, lost_last = seals[2]
    assert f"{lost_last - lost_first + 1} audit rows were inserted among sealed rows" in report.problems


def test_a_blob_stored_by_another_program_is_verified_by_the_exact_recipe(sealed):
    with raw(sealed) as con:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("UPDATE audit_log SET new_value = x'00ff' WHERE id = 2")
        con.commit()
    report = verify(sealed)
    _, first, last = next(s for s in seals_of(sealed) if s[1] <= 2 <= s[2])
    assert report.problems == [f"audit rows {first}–{last} were altered after they were sealed"]


# ---------------------------------------------------------------------------------------------------------------
# Opening without the page check; the background check.


@pytest.fixture
def big_db(ledger, db_path) -> Path:
    for n in range(3):
        pid = services.create_profile(f"Paged Child {n}")["id"]
        services.bulk_add_words(pid, [f"word-{n}-{i}" for i in range(1500)], "en")
    db.close_database()
    return db_path


def corrupt_words_page(path: Path) -> None:
    """Overwrite a leaf page of the words table (not one opening needs) with noise."""
    with closing(
        std_sqlite3.connect(path)
    ) as con:  # a plain file (dbstat: the standard SQLite has it, SQLCipher's not)
        pages = [
            p for (p,) in con.execute("SELECT pageno FROM dbstat WHERE name = 'mastered_words' AND pagetype = 'leaf'")
        ]
    page = pages[len(pages) // 2]
    data = bytearray(path.read_bytes())
    start = (page - 1) * PAGE
    data[start + 8 : start + PAGE - 8] = random.Random(42).randbytes(PAGE - 16)
    path.write_bytes(bytes(data))


def test_a_healthy_database_passes_the_open_check(big_db):
    database = db.open_database(big_db, create=False, check=False)
    result = health.open_check(database)
    assert result.healthy and result.damage is None and result.problems == []
    assert result.chain is not None and result.chain.ok and result.chain.sealed_rows > 4500


@pytest.mark.plain_database  # the damaged page is found with dbstat, which SQLCipher lacks
def test_a_damaged_page_opens_unchecked_and_the_open_check_finds_it(big_db):
    corrupt_words_page(big_db)
    with pytest.raises(db.DatabaseDamagedError):
        db.open_database(big_db, create=False)  # the default still refuses it at once
    database = db.open_database(big_db, create=False, check=False)  # the window's way: open now, check after
    result = health.open_check(database)
    assert result.damage and not result.healthy
    assert "malformed" in result.damage or "corrupt" in result.damage or "Tree" in result.damage


def test_the_open_check_finds_a_broken_chain(big_db):
    with raw(big_db) as con:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("UPDATE audit_log SET new_value = replace(new_value, 'word', 'ward') WHERE id = 10")
        con.commit()
    result = health.open_check(db.open_database(big_db, create=False, check=False))
    assert result.damage is None and not result.healthy
    assert any("were altered after they were sealed" in p for p in result.problems)


def test_writes_go_on_while_a_second_connection_checks(big_db):
    """The check's read connection sees one snapshot; a write committed meanwhile is kept and checked next time."""
    database = db.open_database(big_db, create=False, check=False)
    pid = services.create_profile("During the check")["id"]
    checker = cipher.connect(big_db)
    try:
        checker.execute("BEGIN")
        assert checker.execute("SELECT count(*) FROM profiles").fetchone()[0] == 4
        services.add_word(pid, "written while checking", "en")  # the app writes while the check reads
        assert checker.execute("SELECT count(*) FROM mastered_words WHERE profile_id = ?", (pid,)).fetchone() == (0,)
        assert db.quick_check(checker) is None
    finally:
        checker.close()
    assert health.open_check(database).healthy
    with raw(big_db) as con:
        assert con.execute("SELECT word FROM mastered_words WHERE profile_id = ?", (pid,)).fetchall() == [
            ("written while checking",)
        ]

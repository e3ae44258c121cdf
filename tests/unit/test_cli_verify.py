"""``python -m desktop verify``: exit 0 on a healthy database, 1 when the audit trail was tampered with (even with
the guard triggers dropped first) or the file is damaged or newer, 2 on a usage error — and no Qt imported."""

from __future__ import annotations

import os
import sqlite3 as std_sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from desktop import services
from desktop.store import cipher, db
from desktop.store.schema import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def raw(path) -> closing:
    return closing(cipher.connect(path))


@pytest.fixture
def filled(ledger, db_path) -> Path:
    """A closed database with a few committed (so sealed) writes."""
    pid = services.create_profile("Verify Kid", interests=["maps"])["id"]
    services.bulk_add_words(pid, "one, two, three", "en")
    services.add_card(pid, "basic", {"front": "a", "back": "b"})
    services.add_chat_message(pid, "user", "hello")
    db.close_database()
    with raw(db_path) as con:
        seals, rows = con.execute("SELECT count(*), max(last_id) FROM audit_seal").fetchone()
        assert seals >= 4 and rows == con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return db_path


def tamper(path: Path, *statements: str) -> None:
    with raw(path) as con:
        for statement in statements:
            con.execute(statement)
        con.commit()


def test_a_healthy_database_verifies(filled):
    result = run_cli("verify", "--db", str(filled))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Result:          healthy" in result.stdout
    assert "audit chain verifies" in result.stdout
    assert "PROBLEM" not in result.stdout


def test_an_altered_audit_row_is_found_with_the_guard_dropped(filled):
    tamper(
        filled,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET new_value = replace(new_value, 'two', 'TWO') WHERE new_value LIKE '%\"two\"%'",
    )
    result = run_cli("verify", "--db", str(filled))
    assert result.returncode == 1
    assert "were altered after they were sealed" in result.stdout


def test_an_altered_audit_row_is_found_after_the_guard_was_put_back(filled):
    """Covering one's tracks (the app re-creates the dropped trigger) does not hide the edit."""
    tamper(filled, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET changed_by = 'system' WHERE id = 1")
    db.open_database(filled)  # repairs the trigger, seals nothing new
    db.close_database()
    result = run_cli("verify", "--db", str(filled))
    assert result.returncode == 1
    assert "Audit machinery: as installed by the app" in result.stdout
    assert "audit rows 1–1 were altered after they were sealed" in result.stdout
    assert "Repaired:" in result.stdout  # the repair on open is on record, with what it found


def test_a_deleted_audit_row_is_found(filled):
    tamper(filled, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE id = 3")
    result = run_cli("verify", "--db", str(filled))
    assert result.returncode == 1
    assert "rows deleted or added" in result.stdout


def test_the_newest_audit_row_deleted_is_found(filled):
    tamper(
        filled, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)"
    )
    result = run_cli("verify", "--db", str(filled))
    assert result.returncode == 1
    assert "rows deleted or added" in result.stdout


def test_a_row_inserted_among_sealed_rows_is_found(filled):
    tamper(
        filled,
        "INSERT INTO audit_log (id, table_name, record_id, action, new_value, changed_at, changed_by) "
        "VALUES (0, 'profiles', 'ghost', 'INSERT', '{}', '2020-01-01T00:00:00.000Z', 'user')",
    )
    result = run_cli("verify", "--db", str(filled))
    assert result.returncode == 1
    assert "inserted among sealed rows" in result.stdout


def test_a_deleted_seal_is_found(filled):
    tamper(filled, "DROP TRIGGER audit_seal_no_delete", "DELETE FROM audit_seal WHERE id = 2")
    result = run_cli("verify", "--db", str(filled))
    assert result.returncode == 1
    assert "PROBLEM:" in result.stdout


def test_a_dropped_trigger_is_reported(filled):
    tamper(filled, "DROP TRIGGER audit_profiles_delete")
    result = run_cli("verify", "--db", str(filled))
    assert result.returncode == 1
    assert "audit trigger audit_profiles_delete is missing" in result.stdout


def test_a_file_that_is_not_a_database_is_reported_damaged(tmp_path):
    path = tmp_path / "photo.db"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    result = run_cli("verify", "--db", str(path))
    assert result.returncode == 1
    assert "damaged" in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_newer_database_is_reported(filled):
    tamper(filled, f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    result = run_cli("verify", "--db", str(filled))
    assert result.returncode == 1
    assert "newer version" in result.stderr


def test_a_missing_database_is_reported_and_not_created(tmp_path):
    missing = tmp_path / "absent.db"
    result = run_cli("verify", "--db", str(missing))
    assert result.returncode == 1
    assert "There is no database" in result.stderr
    assert not missing.exists()


@pytest.mark.parametrize("args", [("verify", "--db"), ("verify", "--nonsense"), ("no-such-command",)])
def test_usage_errors_exit_2(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_no_command_through_main_is_a_usage_error(capsys):
    from desktop.cli import main

    umask = os.umask(0o022)
    try:
        assert main([]) == 2
    finally:
        os.umask(umask)
    assert "verify" in capsys.readouterr().out


def test_the_command_line_does_not_import_qt(filled):
    code = (
        "import sys; from desktop.cli import main; "
        f"code = main(['verify', '--db', {str(filled)!r}]); "
        "qt = sorted(m for m in sys.modules if m.startswith('PySide6')); "
        "assert not qt, qt; sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "healthy" in result.stdout


@pytest.mark.plain_database  # the page is found with dbstat, which SQLCipher lacks
def test_a_damaged_page_is_reported_damaged_with_the_report(ledger, db_path):
    """verify opens without the quick check (its integrity check reads every page): damage is still reported as
    damage, with the restore hint, and never as a traceback."""
    for n in range(3):
        pid = services.create_profile(f"Paged Child {n}")["id"]
        services.bulk_add_words(pid, [f"word-{n}-{i}" for i in range(1500)], "en")
    db.close_database()
    with closing(std_sqlite3.connect(db_path)) as con:
        query = "SELECT pageno FROM dbstat WHERE name = 'mastered_words' AND pagetype = 'leaf'"
        pages = [p for (p,) in con.execute(query)]
    data = bytearray(db_path.read_bytes())
    start = (pages[len(pages) // 2] - 1) * 4096
    data[start + 8 : start + 4096 - 8] = bytes(range(256)) * 15 + bytes(range(240))
    db_path.write_bytes(bytes(data))
    result = run_cli("verify", "--db", str(db_path))
    assert result.returncode == 1
    assert "damaged" in result.stderr and str(db_path) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout

"""Backups of a server database: the same verified SQLite backup file, restorable into the server (and onto a
laptop); a damaged backup is refused with the server untouched. Needs MASTERY_LEDGER_TEST_PG (.ci/run)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tests_support import PG_URL, content_snapshot, reset_pg_schema

from desktop import server_backup, services
from desktop.backup.check import check_backup, list_backups
from desktop.backup.manifest import BackupError
from desktop.backup.restore import restore_backup
from desktop.store import audit, db

pytestmark = pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server configured (MASTERY_LEDGER_TEST_PG)")


@pytest.fixture
def server():
    reset_pg_schema(PG_URL)
    db.open_database(PG_URL)
    child = services.create_profile("Server Child 服务器孩子", interests=["火车"])
    services.bulk_add_words(child["id"], "苹果，香蕉、西瓜", "zh")
    services.add_card(child["id"], "basic", {"id": "c1", "front": "猫", "back": "cat"}, "approved")
    yield child
    db.close_database()


def test_backup_change_restore_gives_back_exactly_the_earlier_rows(server, tmp_path):
    before = content_snapshot(PG_URL)
    info = server_backup.create_server_backup(reason="manual")
    assert info.ok and info.path.exists()
    assert info.counts["mastered_words"] == 3 and info.counts["audit_log"] == before["audit_log"][0]
    assert check_backup(info, integrity=True).ok

    services.bulk_add_words(server["id"], "老师", "zh")
    services.delete_profile(server["id"])
    assert content_snapshot(PG_URL) != before

    server_backup.restore_server_backup(info.path)
    assert content_snapshot(PG_URL) == before
    assert audit.verify_chain(db.current()).ok
    reasons = [b.reason for b in list_backups()]
    assert "before-restore" in reasons  # the state just before the restore was kept too

    # the same file restores onto a laptop: the laptop then holds exactly the server's rows
    laptop = tmp_path / "laptop.db"
    db.close_database()
    result = restore_backup(info, laptop)
    assert result.ok
    assert content_snapshot(str(laptop)) == before


def test_a_damaged_backup_is_refused_and_the_server_is_untouched(server):
    info = server_backup.create_server_backup(reason="manual")
    data = bytearray(info.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    info.path.write_bytes(bytes(data))
    services.add_word(server["id"], "星星", "zh")
    before = content_snapshot(PG_URL)
    with pytest.raises(BackupError):
        server_backup.restore_server_backup(info.path)
    assert content_snapshot(PG_URL) == before


def test_cli_backs_up_and_restores_a_server(server):
    db.close_database()
    run = [sys.executable, "-m", "desktop"]
    made = subprocess.run([*run, "backup", "--db", PG_URL], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    path = made.stdout.strip().splitlines()[-1]
    before = content_snapshot(PG_URL)
    db.open_database(PG_URL)
    services.delete_profile(server["id"])
    db.close_database()
    restored = subprocess.run(
        [*run, "restore", path, "--db", PG_URL, "--yes"], capture_output=True, text=True, timeout=120
    )
    assert restored.returncode == 0, restored.stderr
    assert content_snapshot(PG_URL) == before
    assert "password" not in made.stdout + restored.stdout

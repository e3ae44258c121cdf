"""Where files go, and that everything we create is readable by its owner only (files 0600, folders 0700) even
when the process umask would allow more."""

from __future__ import annotations

import logging
import os
import stat
from contextlib import closing
from pathlib import Path

import pytest

from desktop import cli, paths, services
from desktop.store import cipher, db

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

PLAN_SQL = (Path(__file__).parent.parent / "data" / "plan_schema.sql").read_text(encoding="utf-8")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask():
    """A umask that would make files world-readable: the code itself must make them private."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_data_folder_follows_the_environment_and_is_private(tmp_path, monkeypatch):
    home = tmp_path / "portable" / "Mastery Ledger"
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    assert paths.data_dir() == home.resolve()
    assert paths.default_db_path() == home.resolve() / "ledger.db"
    assert paths.backups_dir() == home.resolve() / "backups"
    assert paths.logs_dir() == home.resolve() / "logs"
    for folder in (tmp_path / "portable", home, home / "backups", home / "logs"):
        assert mode(folder) == 0o700, folder


def test_data_dir_without_create_makes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "later"))
    assert paths.data_dir(create=False) == (tmp_path / "later").resolve()
    assert not (tmp_path / "later").exists()


def test_an_existing_folder_we_did_not_create_keeps_its_mode(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    paths.make_private_dir(shared / "a" / "b")
    assert mode(shared) == 0o755
    assert mode(shared / "a") == 0o700 and mode(shared / "a" / "b") == 0o700


def test_default_database_and_its_wal_files_are_owner_only(ledger_home):
    db.open_database()
    pid = services.create_profile("Private Kid")["id"]
    services.add_word(pid, "secret", "en")
    database = paths.default_db_path()
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{database}{suffix}")
        assert path.exists(), path
        assert mode(path) == 0o600, path
    assert mode(ledger_home) == 0o700


def test_a_database_in_new_folders_is_private(tmp_path):
    target = tmp_path / "new" / "deeper" / "kids.db"
    db.open_database(target)
    services.create_profile("Folder Kid")
    assert mode(target) == 0o600
    assert mode(Path(f"{target}-wal")) == 0o600 and mode(Path(f"{target}-shm")) == 0o600
    assert mode(tmp_path / "new") == 0o700 and mode(tmp_path / "new" / "deeper") == 0o700


def test_an_existing_readable_database_is_made_private_on_open(ledger, db_path):
    db.close_database()
    os.chmod(db_path, 0o644)
    db.open_database(db_path)
    assert mode(db_path) == 0o600


def test_the_copy_before_an_upgrade_is_private(db_path):
    with closing(cipher.connect(db_path)) as con:
        con.executescript(PLAN_SQL)
    os.chmod(db_path, 0o600)
    db.open_database(db_path)
    copies = [p for p in paths.backups_dir(create=False).rglob("*") if p.is_file()]
    assert copies
    assert all(mode(p) == 0o600 for p in copies), {p.name: oct(mode(p)) for p in copies}
    assert mode(paths.backups_dir(create=False)) == 0o700


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_the_log_file_is_private(ledger, db_path, ledger_home, restore_logging, capsys):
    db.close_database()
    assert cli.main(["verify", "--db", str(db_path)]) == 0
    logging.getLogger("desktop.test").info("a line, so the file surely exists")
    log = ledger_home / "logs" / "mastery-ledger.log"
    assert log.exists()
    assert mode(log) == 0o600
    assert mode(ledger_home / "logs") == 0o700


def test_logged_tracebacks_leave_out_exception_messages(ledger, db_path, ledger_home, restore_logging):
    db.close_database()
    assert cli.main(["verify", "--db", str(db_path)]) == 0
    name, url = "Alice Example, 12 Private Road", "postgresql://u:hunter2@db/x"
    try:
        try:
            raise KeyError(name)
        except KeyError as exc:
            raise ValueError(url) from exc
    except ValueError:
        logging.getLogger("desktop.test").exception("a bug")
    text = (ledger_home / "logs" / "mastery-ledger.log").read_text(encoding="utf-8")
    assert "ValueError" in text and "KeyError" in text and "test_paths.py" in text
    assert "Alice" not in text and "hunter2" not in text


def test_a_report_written_over_an_old_file_is_private(tmp_path):
    report = tmp_path / "report.json"
    report.write_text("{}", encoding="utf-8")
    os.chmod(report, 0o644)
    with paths.replacing(report, "w", encoding="utf-8") as out:
        out.write("{}")
    assert mode(report) == 0o600

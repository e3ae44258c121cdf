"""Test set-up: offscreen Qt, a fresh user-data folder and database per test, invented data only."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A user-data folder for what runs before a test's own (module-scoped fixtures): never the real one. Keys made there
# (a template database's) are copied into every test's folder, as a user's keychain holds the keys of their files.
SESSION_HOME = Path(tempfile.mkdtemp(prefix="mastery-ledger-tests-"))
os.environ["MASTERY_LEDGER_HOME"] = str(SESSION_HOME)
os.environ["MASTERY_LEDGER_KEY_STORAGE"] = "file"

DATA = Path(__file__).parent / "data"
SAMPLE_LEGACY = DATA / "sample-legacy"


@pytest.fixture(autouse=True)
def ledger_home(tmp_path, monkeypatch, request) -> Path:
    """Every test gets its own user-data folder (MASTERY_LEDGER_HOME) and no database bound. New databases are
    encrypted (the app's default) unless the test is marked ``plain_database``."""
    home = tmp_path / "home"
    monkeypatch.setenv("MASTERY_LEDGER_HOME", str(home))
    if (SESSION_HOME / "keys").is_dir():
        shutil.copytree(SESSION_HOME / "keys", home / "keys")
    # keys go to an owner-only file in this folder, never into the keychain of the computer running the tests
    monkeypatch.setenv("MASTERY_LEDGER_KEY_STORAGE", "file")
    if request.node.get_closest_marker("plain_database"):  # a test about something else, tampering with the file
        from desktop.store import cipher

        monkeypatch.setattr(cipher, "ENCRYPT_NEW_DATABASES", False)
    yield home
    from desktop.store import cipher, db

    db.close_database()
    cipher.forget_all()


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def ledger(db_path):
    """A freshly created, open database bound to the models."""
    from desktop.store import db

    database = db.open_database(db_path)
    yield database
    db.close_database()


@pytest.fixture
def sample_legacy(tmp_path) -> Path:
    """A writable copy of the invented sample legacy folder."""
    dest = tmp_path / "sample-legacy"
    shutil.copytree(SAMPLE_LEGACY, dest)
    return dest


# ---------------------------------------------------------------------------------------------------------------
# Both engines: tests that take ``engine_target`` / ``any_ledger`` run on SQLite and, when
# MASTERY_LEDGER_TEST_PG names a PostgreSQL server (.ci/run starts one), on PostgreSQL too.

from tests_support import PG_URL, reset_pg_schema  # noqa: E402

ENGINES = ["sqlite", "postgres"] if PG_URL else ["sqlite"]


@pytest.fixture(params=ENGINES)
def engine_target(request, tmp_path) -> str:
    """A database target (SQLite path or PostgreSQL URL) with nothing in it yet."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    reset_pg_schema(PG_URL)
    return PG_URL


@pytest.fixture
def any_ledger(engine_target):
    """A fresh open database on each engine, bound to the models."""
    from desktop.store import db

    database = db.open_database(engine_target)
    yield database
    db.close_database()

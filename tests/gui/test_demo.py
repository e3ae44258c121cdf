"""``--demo``: a temporary ledger migrated from the bundled, invented sample data set."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

from desktop import health, resources, services
from desktop.store import db
from desktop.ui import demo

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-legacy" / "data"


def test_the_bundled_sample_is_the_invented_test_sample():
    folder = demo.sample_legacy_folder()
    assert folder.is_dir()
    assert folder.parent.parent.parent == resources.resources_dir()
    comparison = filecmp.dircmp(SAMPLE, folder)
    assert not comparison.left_only and not comparison.right_only and not comparison.diff_files
    for sub in comparison.subdirs.values():
        assert not sub.left_only and not sub.right_only and not sub.diff_files


def test_prepare_migrates_the_sample_into_a_temporary_home(tmp_path, ledger_home, monkeypatch):
    monkeypatch.setenv(demo.DEMO_ENV, "0")  # prepare() sets it; monkeypatch removes it again afterwards
    ledger = demo.prepare(tmp_path / "demo-home")
    try:
        assert os.environ["MASTERY_LEDGER_HOME"] == str(tmp_path / "demo-home")
        assert demo.is_demo()
        assert ledger.database == (tmp_path / "demo-home" / "ledger.db").resolve()
        assert "Imported 2 profiles" in ledger.message
        database = db.open_database(ledger.database)
        assert health.check(database).healthy
        names = [p["name"] for p in services.list_profiles()]
        assert len(names) == 2
        first = demo.first_profile_id()
        counts = services.profile_counts(first)
        assert counts and all(n > 0 for n in counts.values()), counts  # the first child also got the cards
    finally:
        ledger.remove()
    assert not (tmp_path / "demo-home").exists()
    assert not (ledger_home / "ledger.db").exists()  # the user's own data folder is never touched

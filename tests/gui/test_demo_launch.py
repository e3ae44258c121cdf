"""``--demo`` runs the normal window path on a temporary ledger holding the sample, and removes it afterwards."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop import services
from desktop.store import db
from desktop.ui import app, demo


def test_demo_opens_the_normal_window_on_a_temporary_ledger(qapp, monkeypatch, ledger_home):
    monkeypatch.setenv(demo.DEMO_ENV, "0")
    seen = {}

    def fake_main(args) -> int:
        seen["args"] = args
        seen["home"] = Path(args.db).parent
        database = db.open_database(args.db)
        seen["profiles"] = [p["name"] for p in services.list_profiles()]
        database.close()
        return 7

    monkeypatch.setattr(app, "main", fake_main)
    args = argparse.Namespace(db=None, demo=True, selftest=False, lang="zh_CN", command=None)
    assert demo.main(args) == 7
    assert seen["args"].demo is False and seen["args"].lang == "zh_CN"
    assert len(seen["profiles"]) == 2
    assert not seen["home"].exists()  # deleted when the window closed
    assert not (ledger_home / "ledger.db").exists()
    assert args.demo is True and args.db is None  # the caller's arguments are left alone

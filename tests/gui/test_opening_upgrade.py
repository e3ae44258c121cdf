"""Opening an older database from the window: its upgrade (a backup, then building the audit log's search index,
which takes a while on a long log) runs off the GUI thread, and the database then opens as usual. Invented data."""

from __future__ import annotations

import threading
from contextlib import closing

from desktop import services
from desktop.store import cipher, db, search, upgrade
from desktop.ui import opening


def test_an_older_database_is_upgraded_off_the_gui_thread(qtbot, tmp_path, monkeypatch, fake_dialogs):
    path = tmp_path / "older.db"
    db.open_database(path)
    pid = services.create_profile("Upgrade Kid")["id"]
    services.bulk_add_words(pid, "苹果 香蕉 apple", "zh")
    db.close_database()
    with closing(cipher.connect(path)) as con:  # as the previous release left it: schema 1, no search index
        con.execute("DROP TABLE audit_fts")
        con.execute("PRAGMA user_version = 1")
        con.commit()
    on_gui_thread: list[bool] = []
    real = upgrade.upgrade

    def spy(database, found):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real(database, found)

    monkeypatch.setattr(upgrade, "upgrade", spy)
    assert opening.open_database(None, path)
    assert on_gui_thread == [False]  # upgraded once, in the background
    database = db.current()
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == 2
    assert search.covered(database) == database.execute_sql("SELECT max(id) FROM audit_log").fetchone()[0]
    assert fake_dialogs.kinds() == []  # nothing to tell: an upgrade, not a repair
    db.close_database()

"""The health page: a healthy database, a tampered audit row (guard trigger dropped by another program), the
backups, and Optimize."""

from __future__ import annotations

from contextlib import closing

import pytest

from desktop import services
from desktop.backup.check import list_backups
from desktop.backup.create import create_backup
from desktop.store import cipher
from desktop.ui import health as health_page


@pytest.fixture
def kids(ledger):
    pid = services.create_profile("Mei", school="Sunny Hill")["id"]
    services.bulk_add_words(pid, "苹果 香蕉 橙子", "zh")
    return pid


def open_page(qtbot):
    page = health_page.open_health(None)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.facts is not None and not page.jobs.busy, timeout=20_000)
    return page


def test_a_healthy_database(qtbot, kids):
    create_backup(reason="manual")
    page = open_page(qtbot)
    assert page.banner.text() == "The database is healthy."
    assert all(page.states[k] == "ok" for k in page.ROWS), page.states
    assert page.value_text("chain").startswith("Verified: 4 changes in 2 seals")
    assert "1 in" in page.value_text("backups") and "just now" in page.value_text("last_backup")
    assert page.value_text("schema").endswith("(current)")


def test_a_tampered_audit_row_is_reported(qtbot, kids, db_path):
    with closing(cipher.connect(db_path)) as con:  # another program: no app, no guard
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("UPDATE audit_log SET new_value = replace(new_value, 'Sunny Hill', 'Elm') WHERE id = 1")
        con.commit()
    page = open_page(qtbot)
    assert page.states["chain"] == "problem" and page.states["triggers"] == "problem"
    assert "change no. 1 was altered after it was recorded" in page.value_text("chain")
    assert "audit_log_no_update" in page.value_text("triggers")
    assert "problem" in page.banner.text()
    assert page.states["last_backup"] == "problem"  # and there is no backup yet


def test_optimize_backs_up_first_then_vacuums(qtbot, kids, fake_dialogs):
    services.delete_rows("mastered_words", [1, 2])
    page = open_page(qtbot)
    fake_dialogs.answer("ask", True)
    page.optimize()
    qtbot.waitUntil(lambda: "Optimized" in page.message.text(), timeout=30_000)
    qtbot.waitUntil(lambda: not page.jobs.busy and page.check_button.isEnabled(), timeout=30_000)
    backups = list_backups()
    assert len(backups) == 1 and backups[0].ok and backups[0].reason == "before-optimize"
    assert page.states["chain"] == "ok" and services.profile_counts(kids)["zh"] == 1


def test_the_main_window_opens_the_health_page(qtbot, window, kids):
    assert window.open_health()
    page = window.findChild(health_page.HealthPage)
    qtbot.waitUntil(lambda: page.facts is not None and not page.jobs.busy, timeout=20_000)
    assert page.states["integrity"] == "ok"
    page.close()


def test_a_change_made_with_the_recording_off_is_reported_in_both_languages(qtbot, kids, db_path):
    """Another program drops the recording, changes a child, and puts the recording back exactly as it was: every
    trigger is right again, but the record no longer matches its history."""
    with closing(cipher.connect(db_path)) as con:
        (create,) = con.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_profiles_update'").fetchone()
        con.execute("DROP TRIGGER audit_profiles_update")
        con.execute("UPDATE profiles SET school = 'Hidden Change'")
        con.execute(create)
        con.commit()
    page = open_page(qtbot)
    assert page.states["triggers"] == "ok" and page.states["chain"] == "ok"
    assert page.states["replay"] == "problem"
    assert "changed without an audit record" in page.value_text("replay")
    assert "problem" in page.banner.text()
    from desktop.ui import i18n

    i18n.translations().switch("zh_CN")
    try:
        page.retranslate()
        assert page.names["replay"].text() == "记录与历史核对"
        assert "在没有留下修改记录的情况下被改动" in page.value_text("replay")
    finally:
        i18n.translations().switch("en")


def test_opening_a_database_whose_recording_was_changed_says_so(qtbot, kids, db_path, fake_dialogs):
    from desktop.store import db
    from desktop.ui import opening

    db.close_database()
    with closing(cipher.connect(db_path)) as con:
        con.execute("CREATE TRIGGER zz_quiet BEFORE INSERT ON audit_log BEGIN SELECT RAISE(IGNORE); END")
        con.commit()
    assert opening.open_database(None, db_path)
    assert any("put the recording back" in t for t in fake_dialogs.texts("warn"))
    fake_dialogs.calls.clear()
    db.close_database()
    assert opening.open_database(None, db_path)  # repaired once: nothing to say the second time
    assert fake_dialogs.texts("warn") == []

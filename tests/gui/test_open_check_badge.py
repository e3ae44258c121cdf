"""The window opens a database without reading every page and checks it in the background: the status bar's badge
(checking → green, or red with the problem; a click opens the health page), a damaged file's restore offer coming
later, writes going on during the check; and the tables' row counts arriving after their first page."""

from __future__ import annotations

import random
import sqlite3 as std_sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from gui_helpers import select_tab
from PySide6.QtWidgets import QApplication

from desktop import health, services
from desktop.backup.create import create_backup
from desktop.store import audit, cipher, db
from desktop.ui import health as health_page
from desktop.ui import opening
from desktop.ui import table_model as table_model_module
from desktop.ui.main_window import MainWindow

PAGE = 4096


def raw(path) -> closing:
    return closing(cipher.connect(path))


def badge_state(win) -> str:
    return win.status_bar.check_badge.property("state")


@pytest.fixture
def open_window(qtbot, settings):
    """Make windows as the app does (after ``opening.open_database``), shown; stopped and closed at the end."""
    made = []

    def make() -> MainWindow:
        win = MainWindow(settings)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.overview.profile = None
        win.stop_reads()
        win.jobs.wait()
        win.instance.close()


def hold_the_check(monkeypatch) -> threading.Event:
    """The window's background check waits until the returned event is set, then checks as usual."""
    release = threading.Event()
    real = health.open_check

    def held(database, progress=None):
        release.wait(10)
        return real(database, progress)

    monkeypatch.setattr(health, "open_check", held)
    return release


def never_end_the_check(monkeypatch) -> threading.Event:
    """The window's background check runs until it is told to stop; the returned event is set once it runs."""
    started = threading.Event()

    def endless(database, progress=None):  # a check that only ends when it is told to stop
        started.set()
        while True:
            progress(0, 0, "audit chain")
            started.wait(0.01)

    monkeypatch.setattr(health, "open_check", endless)
    return started


def test_the_badge_says_checking_then_checked_and_opens_the_health_page(qtbot, ledger, child, open_window, monkeypatch):
    release = hold_the_check(monkeypatch)
    win = open_window()
    qtbot.waitUntil(lambda: badge_state(win) == "checking")
    assert win.status_bar.check_badge.isVisible() and win.status_bar.check_badge.text() == "Checking…"
    assert win.profiles.model.summaries[0].name == "小明"  # the window is usable while the check runs
    release.set()
    qtbot.waitUntil(lambda: badge_state(win) == "ok")
    assert win.status_bar.check_badge.text() == "✔ Checked"
    assert win.checker.result is not None and win.checker.result.chain.ok
    opened = []
    monkeypatch.setattr(health_page, "open_health", lambda parent: opened.append(parent))
    win.status_bar.check_badge.click()
    assert opened == [win]


def test_a_broken_chain_turns_the_badge_red(qtbot, ledger, db_path, child, open_window):
    db.close_database()
    with raw(db_path) as con:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("UPDATE audit_log SET new_value = replace(new_value, '猫', '狗') WHERE id = 2")
        con.commit()
    assert opening.open_database(None, db_path, create=False)
    win = open_window()
    qtbot.waitUntil(lambda: badge_state(win) == "problem")
    assert win.status_bar.check_badge.text() == "✖ Audit trail problem"
    assert "were altered after they were sealed" in win.status_bar.check_badge.toolTip()


def overwrite_a_words_page(path: Path) -> None:
    """A leaf page of the words table (not one opening reads) overwritten with noise."""
    with closing(
        std_sqlite3.connect(path)
    ) as con:  # a plain file (dbstat: the standard SQLite has it, SQLCipher's not)
        query = "SELECT pageno FROM dbstat WHERE name = 'mastered_words' AND pagetype = 'leaf'"
        pages = [p for (p,) in con.execute(query)]
    data = bytearray(path.read_bytes())
    start = (pages[len(pages) // 2] - 1) * PAGE
    data[start + 8 : start + PAGE - 8] = random.Random(42).randbytes(PAGE - 16)
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged_words(ledger, db_path) -> Path:
    """A database whose words table has a page of noise: opening does not read it, the check does."""
    for n in range(3):
        pid = services.create_profile(f"Paged Child {n}")["id"]
        services.bulk_add_words(pid, [f"word-{n}-{i}" for i in range(1500)], "en")
    db.close_database()
    overwrite_a_words_page(db_path)
    return db_path


@pytest.mark.plain_database  # the damaged page is found with dbstat, which SQLCipher lacks
def test_damage_found_after_opening_gets_the_restore_offer_then(qtbot, damaged_words, open_window, fake_dialogs):
    fake_dialogs.answer("ask", False)
    assert opening.open_database(None, damaged_words, create=False)  # at once: no page check while opening
    assert fake_dialogs.kinds() == []
    win = open_window()
    qtbot.waitUntil(lambda: badge_state(win) == "damaged")
    assert "damaged" in fake_dialogs.texts("ask")[-1] and str(damaged_words) in fake_dialogs.texts("ask")[-1]
    assert win.status_bar.check_badge.text() == "✖ Database damaged"
    assert db.database_path() == damaged_words  # declined: the window stays on it, the badge stays red


@pytest.fixture
def backed_up_then_damaged(ledger, db_path) -> Path:
    """A database backed up (the backup engine's own verified backup), then a words page overwritten."""
    pid = services.create_profile("Backed Up Child")["id"]
    services.bulk_add_words(pid, [f"word-{i}" for i in range(3000)], "en")
    create_backup(reason="manual")
    services.create_profile("Added After The Backup")
    db.close_database()
    overwrite_a_words_page(db_path)
    return db_path


@pytest.mark.plain_database  # the damaged page is found with dbstat, which SQLCipher lacks
def test_accepting_the_later_offer_restores_and_checks_again(qtbot, backed_up_then_damaged, open_window, fake_dialogs):
    fake_dialogs.answer("ask", True)
    assert opening.open_database(None, backed_up_then_damaged, create=False)
    win = open_window()
    qtbot.waitUntil(lambda: fake_dialogs.texts("inform") != [] and badge_state(win) == "ok", timeout=20_000)
    assert "restored" in fake_dialogs.texts("inform")[-1]
    assert [s.name for s in win.profiles.model.summaries] == ["Backed Up Child"]  # the backup's content
    assert list(backed_up_then_damaged.parent.glob("*.damaged"))  # the damaged file is kept aside
    assert win.checker.result is not None and win.checker.result.healthy


def test_writes_during_the_check_are_kept_and_checked(qtbot, ledger, child, open_window, monkeypatch):
    """The chain is verified in one read transaction on the check's own connection; the window writes meanwhile
    (a new row and its seal the snapshot does not hold)."""
    reading, written = threading.Event(), threading.Event()
    real = audit.verify_chain

    def in_a_snapshot(database, progress=None):
        with database.atomic():  # the check's read transaction is open while the window writes
            database.execute_sql("SELECT count(*) FROM audit_log").fetchone()
            reading.set()
            written.wait(10)
            return real(database, progress)

    monkeypatch.setattr(audit, "verify_chain", in_a_snapshot)
    win = open_window()
    qtbot.waitUntil(reading.is_set)
    services.add_word(child["id"], "written during the check", "en")
    written.set()
    qtbot.waitUntil(lambda: badge_state(win) == "ok")
    assert win.checker.result.chain.ok and win.checker.result.problems == []
    assert health.open_check(db.current()).healthy  # and the write itself verifies
    with raw(db.database_path()) as con:
        words = {w for (w,) in con.execute("SELECT word FROM mastered_words WHERE profile_id = ?", (child["id"],))}
    assert "written during the check" in words


def test_the_filter_shows_rows_first_and_the_count_when_it_comes(qtbot, ledger, settings, open_window, monkeypatch):
    settings.set("page_size", 50)
    pid = services.create_profile("Many Words")["id"]
    services.bulk_add_words(pid, [f"apple {i}" for i in range(120)] + ["pear"], "en")
    release = threading.Event()
    real = table_model_module.queries.count_rows

    def slow_count(query):
        release.wait(10)
        return real(query)

    monkeypatch.setattr(table_model_module.queries, "count_rows", slow_count)
    win = open_window()
    select_tab(win, "en")
    page = win.pages["en"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 50)
    assert page.count_label.text() == "counting…" and page.model.counting
    release.set()
    qtbot.waitUntil(lambda: not page.model.counting)
    assert page.count_label.text() == "121 words" and page.model.total == 121
    release.clear()
    page.filter_box.setText("apple")
    page.filter_box.apply()
    assert page.model.rowCount() == 50 and page.count_label.text() == "counting…"
    page.filter_box.setText("pear")  # a newer filter: the older count is dropped, this one needs none
    page.filter_box.apply()
    assert page.count_label.text() == "1 words match" and not page.model.counting
    release.set()
    assert page.counts.reads.waitForDone(10_000)  # the dropped count has ended ...
    QApplication.processEvents()  # ... and anything it sent has been delivered: it must not overwrite the answer
    assert page.model.total == 1 and page.count_label.text() == "1 words match"


def test_closing_the_window_stops_a_running_check(qtbot, ledger, child, open_window, monkeypatch):
    started = never_end_the_check(monkeypatch)
    win = open_window()
    qtbot.waitUntil(started.is_set)
    assert win.checker.running and badge_state(win) == "checking"
    win.close()  # returns once the check has stopped (the window waits for it)
    assert not win.checker.running and win.checker.result is None
    assert win.checker.runner.reads.activeThreadCount() == 0


def viewer_badge(viewer) -> str:
    return {None: "checking", True: "ok", False: "problem"}[viewer.chain_ok]


def test_the_audit_log_opened_during_the_check_shows_its_verdict_without_a_second_one(
    qtbot, ledger, child, open_window, monkeypatch
):
    release = hold_the_check(monkeypatch)
    real_verify = audit.verify_chain
    verifications = []

    def counted(database, progress=None):
        verifications.append(threading.current_thread().name)
        return real_verify(database, progress=progress)

    monkeypatch.setattr(audit, "verify_chain", counted)
    win = open_window()
    qtbot.waitUntil(lambda: badge_state(win) == "checking")
    viewer = win.open_audit_log()  # deletes itself on close
    qtbot.waitUntil(lambda: viewer.model.rowCount() > 0)
    assert viewer_badge(viewer) == "checking" and "Checking the audit trail" in viewer.chain_badge.text()
    release.set()
    qtbot.waitUntil(lambda: viewer_badge(viewer) == "ok")
    assert badge_state(win) == "ok"
    assert len(verifications) == 1  # the window's check; the viewer took its verdict
    assert "verified" in viewer.chain_badge.text()

    # opened again once the check is over, the viewer checks the chain itself (there may be newer seals)
    viewer.close()
    again = win.open_audit_log()
    qtbot.waitUntil(lambda: viewer_badge(again) == "ok")
    assert len(verifications) == 2
    again.close()


def test_the_audit_log_waiting_for_a_check_that_is_stopped_checks_by_itself(
    qtbot, ledger, db_path, child, open_window, monkeypatch
):
    started = never_end_the_check(monkeypatch)
    win = open_window()
    qtbot.waitUntil(started.is_set)
    viewer = win.open_audit_log()  # deletes itself on close
    assert viewer_badge(viewer) == "checking"
    win.checker.stop()  # the window's check ends without a verdict: the viewer's own check gives one
    qtbot.waitUntil(lambda: viewer_badge(viewer) == "ok")
    viewer.close()

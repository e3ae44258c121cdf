"""The rest of the window: CSV export, cards and chat panes, menus, status bar, background work, errors, one window
per database, damaged databases."""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from datetime import UTC, datetime, timedelta

import peewee
import pytest
from gui_helpers import select_tab, wait_jobs
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QProgressDialog

from desktop import cli, services
from desktop.backup.check import list_backups
from desktop.errors import StorageError
from desktop.store import db
from desktop.ui import crash, opening, single_instance, wizard, workers
from desktop.ui import health as health_page
from desktop.ui.audit import viewer
from desktop.ui.backups import making, restore
from desktop.ui.rich_text import ContentBrowser, decode_data_uri

PNG_RED = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=="
)


# ---------------------------------------------------------------------------------------------------- CSV export


def test_csv_export_escapes_formulas(qtbot, window, child, tmp_path, fake_dialogs):
    services.bulk_add_words(child["id"], ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "普通"], "en")
    window.reload_all()
    select_tab(window, "en")
    target = tmp_path / "words.csv"
    fake_dialogs.answer("save_file", str(target))
    window.menus.actions["export_csv"].trigger()
    wait_jobs(qtbot, window)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheet programs read Chinese right
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["Word", "Added"]
    cells = {r[0] for r in rows[1:]}
    assert {'\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "普通", "cat"} <= cells
    assert not any(c[:1] in "=+-@\t\r" for c in cells)
    assert "rows exported" in window.pages["en"].message_bar.text()


def test_csv_export_is_only_offered_on_a_table(window, child):
    window.reload_all()
    select_tab(window, "overview")
    assert not window.menus.actions["export_csv"].isEnabled()
    select_tab(window, "cards")
    assert window.menus.actions["export_csv"].isEnabled()


# ---------------------------------------------------------------------------------------------------- cards, chat


def add_cards(pid):
    for i, (kind, status) in enumerate((("basic", "approved"), ("cloze", "pending"), ("basic_reverse", "synced"))):
        content = {"front": f"<b>苹果 {i}</b>", "back": f'apple <img src="{PNG_RED}">', "tags": ["vocab"]}
        if kind == "cloze":
            content["text_field"] = "我喜欢[[c1::苹果]]"
        services.add_card(pid, kind, content, status=status)


def test_card_preview_decodes_inline_images(window, child):
    add_cards(child["id"])
    window.reload_all()
    select_tab(window, "cards")
    page = window.pages["cards"]
    assert page.model.rowCount() == 3
    page.view.setCurrentIndex(page.model.index(0, 2))
    browser = page.preview
    assert "苹果" in browser.toPlainText()
    images = list(browser.store.images.values())
    assert len(images) == 1 and images[0].width() == 2 and images[0].pixel(0, 0) != 0
    assert "data:image" not in browser.toHtml()  # served from memory, not as a data URI
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    (name,) = browser.store.images
    resource = browser.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
    assert resource is not None and not resource.isNull()


def test_broken_image_shows_a_placeholder_and_nothing_else_is_loaded(qapp, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not really")
    assert decode_data_uri("data:image/png;base64,FpKf7V68gSslWUgphSvsERtifcDOyvfOMk0g1vEL") is None
    browser = ContentBrowser()
    browser.show_html(f'<img src="data:image/png;base64,FpKf7V68"><img src="file://{secret}">')
    (image,) = browser.store.images.values()
    assert image.width() == 180  # the placeholder tile
    from PySide6.QtCore import QUrl

    assert browser.loadResource(2, QUrl(f"file://{secret}")) is None


def test_chat_shows_bubbles_and_opens_a_message(qtbot, window, child):
    services.add_chat_message(child["id"], "user", "请做 4 张卡片 **树**", timestamp="2025-03-01T01:00:50+00:00")
    services.add_chat_message(
        child["id"], "assistant", f"好的！\n\n![Generated Image]({PNG_RED})", timestamp="2025-03-01T01:01:00+00:00"
    )
    window.reload_all()
    select_tab(window, "chat")
    page = window.pages["chat"]
    assert page.model.rowCount() == 2
    assert page.model.index(0, 0).data(page.model.RoleRole) == "assistant"  # newest first
    assert "[image]" in page.model.index(0, 1).data(page.model.TextRole)
    assert not page.view.grab().isNull()
    page.order_box.setCurrentIndex(1)  # oldest first
    assert page.model.index(0, 0).data(page.model.RoleRole) == "user"
    page.open_message(page.model.index(1, 1))
    dialog = page._dialogs[-1]
    assert len(dialog.browser.store.images) == 1
    dialog.close()


def test_delete_chat_messages(qtbot, window, child, fake_dialogs):
    for i in range(3):
        services.add_chat_message(child["id"], "user", f"message {i}")
    window.reload_all()
    select_tab(window, "chat")
    page = window.pages["chat"]
    selection = page.view.selectionModel()
    for row in (0, 1):
        selection.select(page.model.index(row, 1), QItemSelectionModel.SelectionFlag.Select)
    fake_dialogs.answer("ask", True)
    page.delete_selected()
    wait_jobs(qtbot, window)
    assert services.profile_counts(child["id"])["chat"] == 1


# ---------------------------------------------------------------------------------------------------- menus


def test_the_menus_open_the_windows_of_their_modules(window, monkeypatch):
    opened = []
    for module, name in (
        (viewer, "open_audit_log"),
        (restore, "open_restore"),
        (health_page, "open_health"),
        (wizard, "open_wizard"),
    ):
        monkeypatch.setattr(module, name, lambda parent, name=name, **_kw: opened.append((name, parent)) or name)
    for action in ("audit_log", "restore", "check", "import_legacy"):
        window.menus.actions[action].trigger()
    assert opened == [
        ("open_audit_log", window),
        ("open_restore", window),
        ("open_health", window),
        ("open_wizard", window),
    ]
    assert window.open_audit_log() == "open_audit_log"


def test_about_names_version_database_and_data_folder(window, fake_dialogs, ledger_home):
    window.menus.actions["about"].trigger()
    text = fake_dialogs.texts("inform")[-1]
    assert "0.1" in text and str(db.database_path()) in text and str(ledger_home.resolve()) in text


def test_standard_shortcuts(window):
    from PySide6.QtGui import QKeySequence

    assert window.menus.actions["find"].shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.menus.actions["back_up"].shortcut() == QKeySequence("Ctrl+B")
    assert window.menus.actions["quit"].shortcut().toString() == "Ctrl+Q"
    assert window.menus.actions["open_database"].shortcut() == QKeySequence(QKeySequence.StandardKey.Open)


def test_open_another_database(window, tmp_path, fake_dialogs):
    other = tmp_path / "other.db"
    fake_dialogs.answer("save_file", str(other))
    window.menus.actions["new_database"].trigger()
    assert db.database_path() == other
    assert window.stack.currentWidget() is window.empty_state
    assert str(other) in window.windowTitle()
    assert window.settings.get("recent_databases")[0] == str(other.resolve())


# ---------------------------------------------------------------------------------------------------- status bar


def test_back_up_now_and_the_status_bar(qtbot, window, fake_dialogs):
    assert window.status_bar.backup_label.text() == "Nothing to back up yet"  # an empty database: no red warning
    assert window.status_bar.backup_label.property("stale") is False
    fake_dialogs.answer("get_text", "Lily")
    window.menus.actions["add_child"].trigger()
    assert window.status_bar.backup_label.text() == "No backup yet"
    assert window.status_bar.backup_label.property("stale") is True
    window.menus.actions["back_up"].trigger()
    assert window.status_bar.busy_bar.isVisibleTo(window)  # busy while the backup runs
    wait_jobs(qtbot, window)
    assert not window.status_bar.busy_bar.isVisibleTo(window)
    assert window.status_bar.backup_label.text() == "Last backup: just now"
    assert window.status_bar.backup_label.property("stale") is False
    assert fake_dialogs.texts("warn") == []
    newest = list_backups()[0]  # the verified backup of making.backup_now, named in the status bar
    assert newest.reason == "manual"
    assert window.statusBar().currentMessage() == (f"Backup saved and checked: {newest.name} (in {newest.path.parent})")


def test_old_backup_is_shown_in_warning_colour(window, monkeypatch):
    monkeypatch.setattr(making, "last_backup_time", lambda: datetime.now(UTC) - timedelta(days=9))
    window.refresh_backup_status()
    assert window.status_bar.backup_label.text() == "Last backup: 9 days ago"
    assert window.status_bar.backup_label.property("stale") is True
    monkeypatch.setattr(making, "last_backup_time", lambda: datetime.now(UTC) - timedelta(days=6))
    window.refresh_backup_status()
    assert window.status_bar.backup_label.property("stale") is False


# ---------------------------------------------------------------------------------------------------- workers


def test_quick_jobs_never_flash_a_progress_dialog(qtbot, window):
    results = []
    window.jobs.start(lambda worker: 42, "quick", on_done=results.append)
    wait_jobs(qtbot, window)
    assert results == [42]
    assert window.findChildren(QProgressDialog) == []


def test_slow_jobs_show_progress_and_report_failures(qtbot, window):
    window.jobs.progress_delay_ms = 50
    errors = []
    release = __import__("threading").Event()

    def slow(worker):
        worker.report(1, 4, "step one")
        release.wait(5)
        raise StorageError("The disk is full")

    window.jobs.start(slow, "slow", on_error=errors.append)
    # the dialog may appear before the report reaches it (the window's background check shares the machine)
    qtbot.waitUntil(
        lambda: any(d.isVisible() and d.labelText() == "step one" for d in window.findChildren(QProgressDialog))
    )
    dialog = next(d for d in window.findChildren(QProgressDialog) if d.isVisible())
    assert dialog.labelText() == "step one" and dialog.maximum() == 4
    release.set()
    wait_jobs(qtbot, window)
    assert errors == ["The disk is full, so nothing could be saved. Free some space and try again."]


def test_workers_close_their_own_connection(qtbot, window, child):
    seen = []

    def job(worker):
        database = db.current()
        services.add_word(child["id"], "线程", "zh")
        seen.append(database)
        return database.is_closed()

    results = []
    window.jobs.start(job, "write", on_done=results.append)
    wait_jobs(qtbot, window)
    assert results == [False]
    assert window.jobs.pool.activeThreadCount() == 0
    assert not db.current().is_closed()  # the window's own connection is untouched


# ---------------------------------------------------------------------------------------------------- errors


def test_known_errors_are_a_plain_message(fake_dialogs, monkeypatch):
    shown = []
    monkeypatch.setattr(crash, "show_crash", lambda summary, details: shown.append(summary))
    crash.handle_exception(peewee.OperationalError, peewee.OperationalError("database is locked"), None)
    crash.handle_exception(sqlite3.OperationalError, sqlite3.OperationalError("database or disk is full"), None)
    assert shown == []
    texts = fake_dialogs.texts("warn")
    assert "busy" in texts[0] and "disk is full" in texts[1]


def test_bugs_get_the_crash_dialog_with_details(qtbot, fake_dialogs, ledger_home):
    def inspect(dialog):
        inspect.dialog = dialog
        assert "ZeroDivisionError" in dialog.details.toPlainText()
        assert "Alice" not in dialog.details.toPlainText() + dialog.headline.text()  # no exception message
        assert "mastery-ledger.log" in dialog.log_label.text()
        dialog.copy()
        return False

    fake_dialogs.answer("run", inspect)
    try:
        name = "Alice"
        raise ZeroDivisionError(name)
    except ZeroDivisionError:
        crash.handle_exception(*sys.exc_info())
    assert fake_dialogs.kinds() == ["run"]
    from PySide6.QtGui import QGuiApplication

    assert "ZeroDivisionError" in QGuiApplication.clipboard().text()


def test_damaged_database_offers_a_restore(qtbot, tmp_path, fake_dialogs, monkeypatch):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not a database at all" * 100)
    restored = []

    def recover(path):
        restored.append(str(path))
        damaged.unlink()
        db.open_database(damaged).close()
        db.close_database()

    monkeypatch.setattr(opening, "recover_damaged", recover)
    fake_dialogs.answer("ask", False)
    assert opening.open_database(None, damaged) is False
    assert "damaged" in fake_dialogs.texts("ask")[-1]
    assert restored == []
    fake_dialogs.answer("ask", True)
    assert opening.open_database(None, damaged) is True
    assert restored == [str(damaged)]
    assert "restored" in fake_dialogs.texts("inform")[-1]


def test_automatic_backups_start_only_in_the_app(window):
    assert window.auto_backup is None  # a window made by a test or a tool never backs up by itself
    assert window.start_auto_backup() is True
    assert window.start_auto_backup() is False  # once
    window.auto_backup.stop()


def test_a_second_launch_brings_the_window_forward(qtbot, window, tmp_path):
    assert window.claim_instance()
    name = single_instance.server_name(db.database_path())
    assert name == single_instance.server_name(str(db.database_path()).replace("/", "//"))
    assert name != single_instance.server_name(tmp_path / "other.db")
    with qtbot.waitSignal(window.instance.activated, timeout=15_000):
        assert single_instance.notify_running(name, timeout_ms=5000)
    assert not single_instance.notify_running(single_instance.server_name(tmp_path / "other.db"), timeout_ms=100)


def test_app_main_exits_when_the_database_is_already_open(window, monkeypatch):
    from argparse import Namespace

    from desktop.ui import app

    window.claim_instance()
    monkeypatch.setattr(app, "notify_running", lambda name: name == window.instance.name)
    monkeypatch.setattr(cli, "setup_logging", lambda: None)
    monkeypatch.setattr(crash, "install", lambda: None)
    args = Namespace(db=str(db.database_path()), lang="en", demo=False, selftest=False)
    assert app.main(args) == 0


@pytest.mark.parametrize("value", ["=1+1", "+x", "-x", "@x", "\tx", "\rx"])
def test_csv_escape_cell(value):
    from desktop.csv_export import escape_cell

    assert escape_cell(value) == "'" + value
    assert escape_cell(-3) == "-3"
    assert escape_cell(None) == ""


def test_page_size_setting_applies_at_once(window, settings, fake_dialogs):
    def fewer_rows(dialog):
        dialog.set_value("page_size", 50)
        return True

    fake_dialogs.answer("run", fewer_rows)
    window.menus.actions["settings"].trigger()
    assert settings.get("page_size") == 50
    assert window.pages["zh"].model.page_size == 50
    assert window.pages["chat"].model.page_size == 50
    window.pages["zh"].model.set_page_size(1_000_000)
    assert window.pages["zh"].model.page_size == window.pages["zh"].model.MAX_PAGE


def test_settings_file_round_trip(settings):
    from desktop.settings import Settings

    settings.set("backup_warning_days", 3)
    settings.set("language", "zh_CN")
    settings.save()
    again = Settings(settings.path)
    assert again.get("backup_warning_days") == 3 and again.get("language") == "zh_CN"
    settings.path.write_text(json.dumps({"backup_warning_days": "many", "language": "fr", "unknown": 1}))
    again.load()
    assert again.get("backup_warning_days") == 7 and again.get("language") == ""
    with pytest.raises(ValueError):
        again.set("page_size", 1)


def test_window_grabs_in_every_tab(window, child):
    add_cards(child["id"])
    window.reload_all()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        assert not window.grab().isNull()
    assert window.pages["cards"].view.horizontalHeader().sortIndicatorSection() == 4
    assert window.pages["cards"].view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_worker_signals_are_safe_after_many_emits(qtbot):
    """The reference-count guard (desktop.ui.qtcompat): thousands of emits and setText calls do not abort."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    signals = workers.WorkerSignals()
    for i in range(20_000):
        signals.progress.emit(i, 20_000, "")
        label.setText(str(i))

"""Small screens: at 800×600 and 1366×768, in English and Chinese, the window and the main dialogs fit, a tab's
tools and hints are not squeezed, and what is shortened with "…" is whole in a tooltip."""

from __future__ import annotations

import pytest
from gui_helpers import select_tab, wait_jobs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import services
from desktop.ui import health
from desktop.ui.audit.as_of import AsOfDialog
from desktop.ui.audit.viewer import AuditLogViewer
from desktop.ui.backups.restore import RestoreDialog
from desktop.ui.backups.settings_page import BackupSettingsDialog
from desktop.ui.main_window import TAB_KEYS
from desktop.ui.widgets import ElidedLabel

LONG_NAME = "Alexandra-Maria Konstantinopoulou 亚历山德拉·玛丽亚"
SCREENS = ((800, 600), (1366, 768))


@pytest.fixture
def long_child(child):
    services.create_profile(LONG_NAME, dob="2015-03-04")
    services.add_grammar(child["id"], "http://srs4autism.com/instance/gp-a1-003-%E5%9C%A8-location")
    services.add_card(child["id"], "basic", {"front": "猫", "back": "cat"})
    return child


def settle(qtbot, window) -> None:
    QApplication.processEvents()
    wait_jobs(qtbot, window)
    QApplication.processEvents()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_window_fits_and_nothing_is_squeezed(qtbot, window, long_child, language, screen):
    window.set_language(language)
    window.reload_all()
    window.resize(*screen)
    for key in TAB_KEYS:
        select_tab(window, key)
        settle(qtbot, window)
        assert window.minimumSizeHint().width() <= screen[0], key
        assert window.width() == screen[0], key
        page = window.pages[key]
        if key == "overview":
            assert page._narrow == (page.width() < page.NARROW_WIDTH)
            continue
        for box in (page.filter_box, page.add_box):  # a hint is shown whole (or the first 160 pixels of it)
            if box.isVisible():
                hint = box.fontMetrics().horizontalAdvance(box.placeholderText())
                assert box.width() >= min(hint + 30, 190), (key, box.placeholderText(), box.width())
        for button in (page.add_button, page.paste_button, page.delete_button):
            if button.isVisible():
                assert button.width() >= button.fontMetrics().horizontalAdvance(button.text().replace("&", "")) + 8


def test_narrow_pages_rearrange_and_come_back(qtbot, window, long_child):
    window.reload_all()
    window.resize(1366, 768)
    settle(qtbot, window)
    overview = window.overview
    assert overview._narrow is False
    assert overview.tiles_grid.getItemPosition(overview.tiles_grid.indexOf(overview.tiles["chat"]))[:2] == (0, 4)
    window.resize(800, 600)
    settle(qtbot, window)
    assert overview._narrow is True
    assert overview.tiles_grid.getItemPosition(overview.tiles_grid.indexOf(overview.tiles["chat"]))[:2] == (1, 1)

    select_tab(window, "zh")
    settle(qtbot, window)
    page = window.pages["zh"]
    assert page._two_rows and page.second_row.indexOf(page.add_box) >= 0 and page.top_row.indexOf(page.add_box) < 0
    window.resize(1366, 768)
    settle(qtbot, window)
    assert not page._two_rows and page.top_row.indexOf(page.add_box) >= 0
    assert [
        page.top_row.itemAt(i).widget()
        for i in range(page.top_row.count())
        if page.top_row.itemAt(i).widget() is not None
    ][-4:] == [page.add_box, page.add_button, page.paste_button, page.delete_button]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_main_dialogs_fit_800_by_600(qtbot, window, long_child, language):
    window.set_language(language)
    for make in (
        lambda: RestoreDialog(window),
        lambda: health.HealthPage(window),
        lambda: AuditLogViewer(window, verify=False),
        lambda: AsOfDialog(window, long_child["id"]),
        lambda: BackupSettingsDialog(None, window),
    ):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 800 and hint.height() <= 540, (type(dialog).__name__, hint)
        jobs = getattr(dialog, "jobs", None)
        if jobs is not None:
            jobs.wait()


def test_a_long_name_is_shortened_and_whole_in_the_tooltip(qtbot, window, long_child):
    window.reload_all()
    window.resize(800, 600)
    settle(qtbot, window)
    model = window.profiles.model
    row = model.row_of(services.list_profiles(LONG_NAME)[0]["id"])
    assert model.data(model.index(row), Qt.ItemDataRole.ToolTipRole).startswith(LONG_NAME)

    label = ElidedLabel(f"Database: /very/long/folder/{'x' * 200}/ledger.db", mode=Qt.TextElideMode.ElideMiddle)
    qtbot.addWidget(label)
    label.resize(200, 20)
    label.show()
    assert label.is_elided() and "…" in label.text() and label.text().endswith("ledger.db")
    assert label.toolTip() == label.fullText() and label.accessibleName() == label.fullText()
    label.resize(4000, 20)
    assert not label.is_elided() and label.toolTip() == ""
    assert window.status_bar.db_label.minimumSizeHint().width() < 100  # a long database path never widens the window

"""Every control a keyboard can reach has a name a screen reader can say.

The rule tested: walking a window's widgets, each one that is shown and takes focus by Tab
(``focusPolicy() & Qt.TabFocus``) must have a non-empty accessible name as Qt's accessibility layer reports it
(``QAccessible.queryAccessibleInterface(widget).text(QAccessible.Name)``, "&" mnemonics removed). That name is
the widget's ``accessibleName()`` if set, else what Qt derives: a button's or check box's text, a label's buddy
(``QLabel.setBuddy``, which ``QFormLayout.addRow(label, field)`` sets), a group box's title. A table or list
counts too, and a line edit with only a placeholder does not (screen readers do not all say placeholders). The
edit inside a spin box, date box or editable combo box is part of it; the box itself is what is checked."""

from __future__ import annotations

import pytest
from gui_helpers import select_tab, wait_jobs
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from desktop import services
from desktop.ui.main_window import TAB_KEYS


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or "").replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def unnamed_controls(top: QWidget) -> list[str]:
    """The shown, Tab-reachable widgets of ``top`` without an accessible name, described for the failure."""
    missing = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisibleTo(top) and widget is not top:
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget is top:
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):  # an inner edit: the box is checked
            continue
        if not spoken_name(widget):
            chain, parent = [], widget
            while parent is not None and parent is not top:
                chain.append(type(parent).__name__ + (f"#{parent.objectName()}" if parent.objectName() else ""))
                parent = parent.parentWidget()
            missing.append(" < ".join(chain))
    return missing


@pytest.fixture
def filled(child):
    services.add_grammar(child["id"], "grammar://zh/a1/%E5%9C%A8")
    services.add_card(child["id"], "basic", {"front": "猫", "back": "cat"})
    services.add_chat_message(child["id"], "user", "你好")
    return child


def test_every_control_of_the_main_window_and_its_tabs_is_named(qtbot, window, filled):
    window.reload_all()
    wait_jobs(qtbot, window)
    for key in TAB_KEYS:
        select_tab(window, key)
        QApplication.processEvents()
        wait_jobs(qtbot, window)
        missing = unnamed_controls(window)
        assert missing == [], key + ":\n" + "\n".join(missing)


def test_the_empty_window_is_named_too(qtbot, window):
    missing = unnamed_controls(window)
    assert missing == [], "\n".join(missing)


def dialog_factories():
    """The main dialogs, each built over the window (none is run modally)."""
    from desktop.ui import health
    from desktop.ui.audit.as_of import AsOfDialog
    from desktop.ui.audit.viewer import AuditLogViewer
    from desktop.ui.backups.restore import RestoreDialog
    from desktop.ui.backups.settings_page import BackupSettingsDialog
    from desktop.ui.cards import CardDialog
    from desktop.ui.record_pages import PasteDialog
    from desktop.ui.server_dialogs import ServerConnectDialog
    from desktop.ui.settings_dialog import SettingsDialog

    return {
        "new card": lambda win: CardDialog(win),
        "paste words": lambda win: PasteDialog("Chinese", "猫, 狗", win),
        "settings": lambda win: SettingsDialog(win.settings, win),
        "backup settings": lambda win: BackupSettingsDialog(None, win),
        "restore": lambda win: RestoreDialog(win),
        "audit log": lambda win: AuditLogViewer(win, verify=False),
        "as it was on": lambda win: AsOfDialog(win, None),
        "health": lambda win: health.HealthPage(win),
        "server": lambda win: ServerConnectDialog(win),
    }


@pytest.mark.parametrize("name", sorted(dialog_factories()))
def test_every_control_of_the_main_dialogs_is_named(qtbot, window, filled, name):
    dialog = dialog_factories()[name](window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    jobs = getattr(dialog, "jobs", None)
    if jobs is not None:
        qtbot.waitUntil(lambda: not jobs.busy, timeout=20_000)
    missing = unnamed_controls(dialog)
    assert missing == [], "\n".join(missing)


def test_every_page_of_the_wizard_is_named_and_reached_by_keyboard(qtbot, ledger, sample_legacy):
    """Welcome → Source → Check → Ready → Migrate → Done with the keyboard only (Enter where the focus is goes on;
    the child who gets the cards is chosen with the arrow keys), every page's controls named."""
    from desktop.ui.wizard.wizard import CHECK, DONE, READY, SOURCE, WELCOME, MigrationWizard

    def counts_now() -> dict:
        return services.profile_counts(services.list_profiles()[0]["id"]) if services.list_profiles() else {}

    counts_before = counts_now()

    wizard = MigrationWizard(None, source=sample_legacy, search_usual_places=False)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    seen = []
    for expected in (WELCOME, SOURCE, CHECK, READY, DONE):
        qtbot.waitUntil(lambda page=expected: wizard.currentId() == page, timeout=60_000)
        if expected == CHECK:
            qtbot.waitUntil(lambda: not wizard.check_page.running and wizard.dry is not None, timeout=30_000)
            combo = wizard.check_page.profile_combo
            if combo.isVisible():  # several children: the one who gets the cards is chosen by keyboard
                combo.setFocus()
                qtbot.keyClick(combo, Qt.Key.Key_Down)
                qtbot.waitUntil(
                    lambda: not wizard.check_page.running and wizard.currentPage().isComplete(), timeout=30_000
                )
        qtbot.waitUntil(wizard.currentPage().isComplete, timeout=30_000)
        missing = unnamed_controls(wizard)
        assert missing == [], f"page {expected}:\n" + "\n".join(missing)
        seen.append(expected)
        if expected != DONE:  # Enter where the focus is goes on, as a keyboard user would
            qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)
    assert seen == [WELCOME, SOURCE, CHECK, READY, DONE]
    assert counts_now() != counts_before  # the migration ran
    wizard.jobs.cancel_all()
    wizard.wait_idle()


def test_tab_reaches_every_control_of_each_tab(qtbot, window, filled):
    """The keyboard path: from the children list, Tab alone visits every control of the shown tab (none is
    reachable by mouse only)."""
    window.reload_all()
    wait_jobs(qtbot, window)
    window.activateWindow()
    for key in TAB_KEYS:
        select_tab(window, key)
        wait_jobs(qtbot, window)
        page = window.pages[key]
        wanted = {
            w
            for w in page.findChildren(QWidget)
            if w.isVisible()
            and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
        }
        window.profiles.list.setFocus()
        visited = set()
        for _ in range(200):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            visited.add(QApplication.focusWidget())
            if wanted <= visited:
                break
        missing = [type(w).__name__ + " " + spoken_name(w) for w in wanted - visited]
        assert missing == [], key

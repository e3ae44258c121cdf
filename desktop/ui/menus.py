"""The main window's menus: every action once (its name, the window's method it runs, its shortcut), the menus
that hold them, and their texts.

The texts are the window's: they are translated in the ``MainWindow`` context, as the window's own strings are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from desktop.ui import encryption

if TYPE_CHECKING:  # the window builds its menus; the type only, for the annotations
    from desktop.ui.main_window import MainWindow

#: The actions of each menu, in order; ``None`` is a separator. The View menu is built from the tabs.
FILE_MENU = (
    "new_database",
    "open_database",
    None,
    "open_server",
    "move_to_server",
    None,
    "import_legacy",
    "export_legacy",
    "export_csv",
    None,
    "quit",
)
EDIT_MENU = ("add", "add_child", "paste_list", "delete", None, "find", "refresh")
TOOLS_MENU = ("back_up", "restore", "backup_settings", None, "audit_log", "check", "encrypt", None, "settings")
HELP_MENU = ("about",)

Shortcut = QKeySequence.StandardKey | str | None


class WindowMenus:
    """The actions (``actions[name]``) and the menus of ``window``; ``tab_keys`` are its tabs, in order (View menu,
    Ctrl+1…)."""

    def __init__(self, window: MainWindow, tab_keys: Sequence[str]) -> None:
        self.window = window
        self.tab_keys = tuple(tab_keys)
        self.actions: dict[str, QAction] = {}
        self._create_actions()
        bar = window.menuBar()
        self.file_menu = self._menu(bar, FILE_MENU)
        self.edit_menu = self._menu(bar, EDIT_MENU)
        self.view_menu = self._menu(bar, [f"tab_{key}" for key in self.tab_keys])
        self.tools_menu = self._menu(bar, TOOLS_MENU)
        self.help_menu = self._menu(bar, HELP_MENU)

    def _action(self, name: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if shortcut is not None:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.actions[name] = action
        return action

    def _create_actions(self) -> None:
        w = self.window
        sk = QKeySequence.StandardKey
        self._action("new_database", w.new_database)
        self._action("open_database", w.open_database, sk.Open)
        self._action("import_legacy", w.open_import_wizard)
        self._action("export_legacy", encryption.guarded(w, lambda: w.export_legacy_json()))  # plain text: warned first
        self._action("export_csv", encryption.guarded(w, lambda: w.export_csv()))
        self._action("open_server", w.open_server_database)
        self._action("move_to_server", w.move_to_server)
        self._action("quit", w.close, sk.Quit)
        self._action("add", w.add_record, sk.New)
        self._action("add_child", w.add_profile, "Ctrl+Shift+N")
        self._action("delete", w.delete_selected, sk.Delete)
        self._action("find", w.focus_filter, sk.Find)
        self._action("paste_list", w.paste_list)
        self._action("refresh", w.reload_all, sk.Refresh)
        self._action("back_up", w.back_up_now, "Ctrl+B")
        self._action("restore", w.open_restore)
        self._action("backup_settings", w.open_backup_settings)
        self._action("audit_log", w.open_audit_log)
        self._action("check", w.open_health)
        self._action("encrypt", partial(encryption.encrypt_open_database, w))
        self._action("settings", w.open_settings, sk.Preferences)
        self._action("about", w.show_about)
        self.actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        self.actions["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)
        self.actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
        if not self.actions["settings"].shortcuts():  # platforms without a standard key for these
            self.actions["settings"].setShortcut(QKeySequence("Ctrl+,"))
        if not self.actions["quit"].shortcuts():
            self.actions["quit"].setShortcut(QKeySequence("Ctrl+Q"))
        for i, key in enumerate(self.tab_keys):
            action = self._action(f"tab_{key}", partial(w.tabs.setCurrentIndex, i), f"Ctrl+{i + 1}")
            w.addAction(action)

    def _menu(self, bar: QMenuBar, names: Sequence[str | None]) -> QMenu:
        menu = bar.addMenu("")
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions[name])
        return menu

    def retranslate(self, tab_titles: dict[str, str]) -> None:
        """Every action's and menu's text; the View menu's actions are named by ``tab_titles``."""
        translate = QCoreApplication.translate
        texts = {
            "new_database": translate("MainWindow", "&New database…"),
            "open_database": translate("MainWindow", "&Open database…"),
            "import_legacy": translate("MainWindow", "&Import legacy data…"),
            "export_legacy": translate("MainWindow", "Export &legacy JSON…"),
            "export_csv": translate("MainWindow", "Export table as &CSV…"),
            "quit": translate("MainWindow", "&Quit"),
            "open_server": translate("MainWindow", "Open &server database…"),
            "move_to_server": translate("MainWindow", "&Move to server database…"),
            "add": translate("MainWindow", "&Add…"),
            "add_child": translate("MainWindow", "Add &child…"),
            "paste_list": translate("MainWindow", "&Paste a list of words…"),
            "delete": translate("MainWindow", "&Delete selected…"),
            "find": translate("MainWindow", "&Find…"),
            "refresh": translate("MainWindow", "&Reload"),
            "back_up": translate("MainWindow", "&Back up now"),
            "restore": translate("MainWindow", "&Restore…"),
            "backup_settings": translate("MainWindow", "Backup se&ttings…"),
            "audit_log": translate("MainWindow", "&Audit log…"),
            "check": translate("MainWindow", "&Check database…"),
            "encrypt": translate("MainWindow", "&Encrypt database…"),
            "settings": translate("MainWindow", "&Settings…"),
            "about": translate("MainWindow", "&About Mastery Ledger"),
        }
        texts.update({f"tab_{key}": tab_titles[key] for key in self.tab_keys})
        for name, text in texts.items():
            self.actions[name].setText(text)
        self.actions["add"].setToolTip(translate("MainWindow", "Add a record to the open tab"))
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.edit_menu.setTitle(translate("MainWindow", "&Edit"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.tools_menu.setTitle(translate("MainWindow", "&Tools"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))

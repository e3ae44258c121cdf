"""The main window: children on the left; for the selected child the tabs Overview, Chinese words, English words,
Grammar, Cards and Chat; menus with standard shortcuts; a status bar with the database, the age of the last backup
and a busy indicator.

The windows of their own (import wizard, audit log, restore, backup settings, health page, server databases) live
in their modules; the window opens them with ``open_import_wizard()`` / ``open_audit_log()`` / ``open_restore()``
/ ``open_backup_settings()`` / ``open_health()`` / ``open_server_database()``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from desktop import APP_NAME, __version__, paths, services
from desktop.errors import LedgerError
from desktop.legacy import export as legacy_export
from desktop.models import Profile
from desktop.settings import Settings, remember_database
from desktop.store import db
from desktop.ui import audit_viewer, backup_dialogs, dialogs, health, i18n, messages, opening, server_dialogs, wizard
from desktop.ui.cards import CardsPage
from desktop.ui.chat import ChatPage
from desktop.ui.overview import OverviewPage
from desktop.ui.profiles import ProfilePanel
from desktop.ui.record_models import CardsModel, ChatModel, GrammarModel, WordsModel
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.single_instance import InstanceServer, notify_running, server_name
from desktop.ui.table_page import GrammarPage, TablePage, WordsPage
from desktop.ui.welcome import WelcomePage
from desktop.ui.widgets import ElidedLabel, Retranslating
from desktop.ui.wizard import translations as wizard_translations
from desktop.ui.workers import JobRunner

log = logging.getLogger(__name__)

TAB_KEYS = ("overview", "zh", "en", "grammar", "cards", "chat")
DELETE_CHILD_REASON = "before-delete-child"


class MainWindow(Retranslating, QMainWindow):
    """The window on one database. ``database_changed(path)`` after File ▸ Open / New switched databases."""

    database_changed = Signal(str)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.jobs = JobRunner(self)
        self.instance = InstanceServer(self)
        self.instance.activated.connect(self.bring_to_front)
        self.auto_backup = None
        page_size = self.settings.get("page_size")

        self.profiles = ProfilePanel()
        self.overview = OverviewPage(self.jobs)
        self.pages: dict[str, QWidget] = {
            "overview": self.overview,
            "zh": WordsPage(WordsModel("zh", page_size=page_size), self.jobs, self.settings),
            "en": WordsPage(WordsModel("en", page_size=page_size), self.jobs, self.settings),
            "grammar": GrammarPage(GrammarModel(page_size=page_size), self.jobs, self.settings),
            "cards": CardsPage(CardsModel(page_size=page_size), self.jobs, self.settings),
            "chat": ChatPage(ChatModel(page_size=page_size), self.jobs, self.settings),
        }
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for key in TAB_KEYS:
            self.tabs.addTab(self.pages[key], "")
        self.empty_state = WelcomePage(self.jobs)  # no child to show: import the old app's records, or add one
        self.empty_state.add_requested.connect(self.add_profile)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.tabs)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.profiles)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 980])  # on an 800-pixel screen the records keep most of the width
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.profiles.selected.connect(self.show_profile)
        self.profiles.add_requested.connect(self.add_profile)
        self.profiles.delete_requested.connect(self.delete_profile)
        self.overview.saved.connect(lambda pid: self.profiles.reload(select=pid))
        for key in TAB_KEYS[1:]:
            self.pages[key].records_changed.connect(self._records_changed)
        self.tabs.currentChanged.connect(self._update_actions)
        self.jobs.busy_changed.connect(self._busy_changed)

        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._backup_timer = QTimer(self)
        self._backup_timer.timeout.connect(self.refresh_backup_status)
        self._backup_timer.start(60_000)
        self.resize(1200, 760)
        self._restore_geometry()
        self.retranslate()
        self.reload_all()

    # ---------------------------------------------------------------------------------------------- actions
    def _action(self, name: str, slot, shortcut=None, context=Qt.ShortcutContext.WindowShortcut) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, QKeySequence.StandardKey):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: slot())
        self.menu_actions[name] = action
        return action

    def _build_actions(self) -> None:
        self.menu_actions: dict[str, QAction] = {}
        sk = QKeySequence.StandardKey
        self._action("new_database", self.new_database)
        self._action("open_database", self.open_database, sk.Open)
        self._action("import_legacy", self.open_import_wizard)
        self._action("export_legacy", self.export_legacy_json)
        self._action("export_csv", self.export_csv)
        self._action("open_server", self.open_server_database)
        self._action("move_to_server", self.move_to_server)
        self._action("quit", self.close, sk.Quit)
        self._action("add", self.add_record, sk.New)
        self._action("add_child", self.add_profile, "Ctrl+Shift+N")
        self._action("delete", self.delete_selected, sk.Delete)
        self._action("find", self.focus_filter, sk.Find)
        self._action("paste_list", self.paste_list)
        self._action("refresh", self.reload_all, sk.Refresh)
        self._action("back_up", self.back_up_now, "Ctrl+B")
        self._action("restore", self.open_restore)
        self._action("backup_settings", self.open_backup_settings)
        self._action("audit_log", self.open_audit_log)
        self._action("check", self.open_health)
        self._action("settings", self.open_settings, sk.Preferences)
        self._action("about", self.show_about)
        self.menu_actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        self.menu_actions["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)
        self.menu_actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
        if not self.menu_actions["settings"].shortcuts():
            self.menu_actions["settings"].setShortcut(QKeySequence("Ctrl+,"))
        if not self.menu_actions["quit"].shortcuts():
            self.menu_actions["quit"].setShortcut(QKeySequence("Ctrl+Q"))
        for i, key in enumerate(TAB_KEYS):
            action = self._action(f"tab_{key}", lambda i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
            self.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        a = self.menu_actions
        self.file_menu = bar.addMenu("")
        for name in (
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
        ):
            self.file_menu.addSeparator() if name is None else self.file_menu.addAction(a[name])
        self.edit_menu = bar.addMenu("")
        for name in ("add", "add_child", "paste_list", "delete", None, "find", "refresh"):
            self.edit_menu.addSeparator() if name is None else self.edit_menu.addAction(a[name])
        self.view_menu = bar.addMenu("")
        for key in TAB_KEYS:
            self.view_menu.addAction(a[f"tab_{key}"])
        self.tools_menu = bar.addMenu("")
        for name in ("back_up", "restore", "backup_settings", None, "audit_log", "check", None, "settings"):
            self.tools_menu.addSeparator() if name is None else self.tools_menu.addAction(a[name])
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(a["about"])

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)  # a long path never widens the window
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_label = QLabel()
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(110)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.busy_label.hide()
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.busy_bar)
        bar.addPermanentWidget(self.backup_label)

    # ---------------------------------------------------------------------------------------------- texts
    def retranslate(self) -> None:
        a = self.menu_actions
        texts = {
            "new_database": self.tr("&New database…"),
            "open_database": self.tr("&Open database…"),
            "import_legacy": self.tr("&Import legacy data…"),
            "export_legacy": self.tr("Export &legacy JSON…"),
            "export_csv": self.tr("Export table as &CSV…"),
            "quit": self.tr("&Quit"),
            "open_server": self.tr("Open &server database…"),
            "move_to_server": self.tr("&Move to server database…"),
            "add": self.tr("&Add…"),
            "add_child": self.tr("Add &child…"),
            "paste_list": self.tr("&Paste a list of words…"),
            "delete": self.tr("&Delete selected…"),
            "find": self.tr("&Find…"),
            "refresh": self.tr("&Reload"),
            "back_up": self.tr("&Back up now"),
            "restore": self.tr("&Restore…"),
            "backup_settings": self.tr("Backup se&ttings…"),
            "audit_log": self.tr("&Audit log…"),
            "check": self.tr("&Check database…"),
            "settings": self.tr("&Settings…"),
            "about": self.tr("&About Mastery Ledger"),
        }
        for name, text in texts.items():
            a[name].setText(text)
        a["add"].setToolTip(self.tr("Add a record to the open tab"))
        tabs = self.tab_titles()
        for i, key in enumerate(TAB_KEYS):
            self.tabs.setTabText(i, tabs[key])
            a[f"tab_{key}"].setText(tabs[key])
            if isinstance(self.pages[key], TablePage):  # the table is named by its tab, for screen readers
                self.pages[key].view.setAccessibleName(tabs[key])
        self.tabs.setAccessibleName(self.tr("Records of the selected child"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.help_menu.setTitle(self.tr("&Help"))
        self._update_title()
        self.refresh_backup_status()

    def tab_titles(self) -> dict[str, str]:
        return {
            "overview": self.tr("Overview"),
            "zh": self.tr("Chinese words"),
            "en": self.tr("English words"),
            "grammar": self.tr("Grammar"),
            "cards": self.tr("Cards"),
            "chat": self.tr("Chat"),
        }

    def _update_title(self) -> None:
        path = db.database_path()
        target = str(path) if path is not None else self._describe_database()
        self.setWindowTitle(f"{APP_NAME} — {target}")
        self.db_label.setText(self.tr("Database: {path}").format(path=target))

    def _describe_database(self) -> str:
        """A server database as its URL without the password."""
        try:
            database = db.current()
        except LedgerError:
            return self.tr("no database open")
        return db.display_name(database)

    # ---------------------------------------------------------------------------------------------- state
    def current_key(self) -> str:
        return TAB_KEYS[self.tabs.currentIndex()]

    def current_page(self) -> QWidget:
        return self.pages[self.current_key()]

    def current_table_page(self) -> TablePage | None:
        page = self.current_page()
        return page if isinstance(page, TablePage) else None

    def reload_all(self) -> None:
        """Read everything again (a new database, F5, after an import or a restore); unsaved changes to the
        profile are offered to be saved first."""
        self.overview.confirm_leave()
        self._update_title()
        self.profiles.reload()
        current = self.profiles.current_id()
        self._apply_profile(current)
        self.refresh_backup_status()
        self._update_actions()

    def show_profile(self, profile_id: str | None) -> None:
        """The selection moved to another child (or none): leave the current one cleanly, then show it."""
        if self.overview.profile is not None and self.overview.profile.get("id") != profile_id:
            if not self.overview.confirm_leave():
                self.profiles.veto_change(self.overview.profile["id"])
                return
        self._apply_profile(profile_id)

    def _apply_profile(self, profile_id: str | None) -> None:
        self.stack.setCurrentWidget(self.tabs if profile_id is not None else self.empty_state)
        for key in TAB_KEYS:
            self.pages[key].set_profile(profile_id)
        self._update_actions()

    def _records_changed(self) -> None:
        self.profiles.reload()
        self.overview.records_changed()

    def _update_actions(self, *_args) -> None:
        has_profile = self.profiles.current_id() is not None
        on_table = self.current_table_page() is not None
        self.menu_actions["export_csv"].setEnabled(has_profile and on_table)
        self.menu_actions["paste_list"].setEnabled(has_profile and self.current_key() in ("zh", "en"))
        self.menu_actions["add"].setEnabled(True)
        self.menu_actions["delete"].setEnabled(True)

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def claim_instance(self) -> bool:
        """Listen for later launches on this window's database."""
        path = db.database_path()
        if path is None:
            return False
        return self.instance.listen(server_name(path))

    # ---------------------------------------------------------------------------------------------- edit actions
    def add_record(self) -> None:
        page = self.current_table_page()
        if page is None or self.profiles.current_id() is None:
            self.add_profile()
        else:
            page.focus_add()

    def delete_selected(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and (focus is self.profiles.list or self.profiles.list.isAncestorOf(focus)):
            current = self.profiles.current_id()
            if current is not None:
                self.delete_profile(current)
            return
        page = self.current_table_page()
        if page is not None:
            page.delete_selected()

    def focus_filter(self) -> None:
        page = self.current_table_page()
        if page is None:
            self.profiles.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.profiles.search.selectAll()
        else:
            page.focus_filter()

    def paste_list(self) -> None:
        page = self.current_table_page()
        if isinstance(page, WordsPage):
            page.paste_list(QGuiApplication.clipboard().text())

    # ---------------------------------------------------------------------------------------------- profiles
    def add_profile(self) -> None:
        name = dialogs.get_text(self, self.tr("Add child"), self.tr("The child's name:"))
        if name is None:
            return
        try:
            profile = services.create_profile(name)
        except LedgerError as exc:
            dialogs.warn(self, self.tr("Add child"), messages.describe(exc) or str(exc))
            return
        self.profiles.reload(select=profile["id"])
        self.profiles.select(profile["id"])
        self.refresh_backup_status()  # the first child: now there is something to back up
        self.tabs.setCurrentIndex(0)
        self.overview.inputs["dob"].setFocus()

    def delete_profile(self, profile_id: str) -> None:
        try:
            profile = services.get_profile(profile_id)
        except LedgerError as exc:
            dialogs.warn(self, APP_NAME, messages.describe(exc) or str(exc))
            self.profiles.reload()
            return
        from desktop.store import tables as queries

        counts = queries.profile_counts(profile_id)
        records = sum(counts.values())
        question = self.tr("Delete {name} and all of their records ({n} in all)?").format(
            name=profile["name"], n=f"{records:,}"
        )
        if not dialogs.ask(
            self,
            self.tr("Delete child"),
            question,
            destructive=True,
            yes=self.tr("Delete"),
            no=self.tr("Keep"),
            details=self.tr("A backup of the whole database is made first, so this can be undone by restoring it."),
        ):
            return
        version = profile["version"]
        backing_up = self.tr("Making a backup first…")

        def job(worker):
            services.check_versions("profiles", {profile_id: version})  # refused: no backup is made
            worker.report(0, 0, backing_up)
            path = backup_dialogs.backup_into_chosen_folder(
                DELETE_CHILD_REASON, progress=lambda done=0, total=0, *_: worker.report(done, total, backing_up)
            )
            services.delete_profile(profile_id, version)
            return path

        def done(path) -> None:
            self.overview.profile = None
            self.profiles.reload()
            self.refresh_backup_status()
            self.statusBar().showMessage(
                self.tr("{name} was deleted. A backup was saved first: {file}").format(
                    name=profile["name"], file=Path(path).name
                ),
                15_000,
            )

        self.jobs.start(
            job,
            self.tr("Deleting"),
            on_done=done,
            on_error=lambda message: dialogs.warn(self, self.tr("Delete child"), message),
        )

    # ---------------------------------------------------------------------------------------------- files
    def new_database(self) -> None:
        path = dialogs.save_file(
            self,
            self.tr("New database"),
            str(paths.data_dir() / "new-ledger.db"),
            self.tr("Mastery Ledger database (*.db)"),
        )
        if not path:
            return
        if Path(path).exists() and Path(path).stat().st_size > 0:
            dialogs.warn(
                self,
                self.tr("New database"),
                self.tr(
                    "There is already a file at {path}. Choose another name, or use Open database to open it."
                ).format(path=path),
            )
            return
        self.switch_database(path, create=True)

    def open_database(self) -> None:
        path = dialogs.open_file(
            self,
            self.tr("Open database"),
            str(paths.data_dir()),
            self.tr("Mastery Ledger database (*.db);;All files (*)"),
        )
        if path:
            self.switch_database(path, create=False)

    def open_server_database(self) -> None:
        url = server_dialogs.ask_server(self, self.tr("Open server database"))
        if url:
            self.switch_database(url)

    def move_to_server(self) -> None:
        server_dialogs.move_to_server(self, self.jobs, self.switch_database)

    def switch_database(self, path: str | Path, create: bool = False) -> bool:
        """Close this database and open ``path`` (a file or a server URL) in this window, unless another window
        has it open."""
        is_server = db.is_server_url(str(path))
        current = db.database_path()
        if not is_server and current is not None and Path(path).resolve() == Path(current).resolve():
            return True
        if not is_server and notify_running(server_name(path)):
            dialogs.inform(
                self, APP_NAME, self.tr("That database is already open in another window; it was brought to the front.")
            )
            return False
        if not self.overview.confirm_leave():
            return False
        self.jobs.wait()
        if not opening.open_database(self, path, create=create):
            return False
        if not is_server:  # a server URL may hold a password: never written to the settings
            remember_database(self.settings, str(Path(path).resolve()))
            self.settings.save()
        self.claim_instance()
        self.overview.profile = None
        self.reload_all()
        self.database_changed.emit(db.describe(str(path)))
        return True

    def export_csv(self) -> None:
        page = self.current_table_page()
        if page is None or page.model.query is None:
            return
        name = self.profiles.model.data(self.profiles.list.currentIndex()) or "export"
        suggested = Path.home() / f"{name} - {self.tab_titles()[self.current_key()]}.csv"
        path = dialogs.save_file(self, self.tr("Export table as CSV"), str(suggested), self.tr("CSV files (*.csv)"))
        if path:
            page.export_csv(path)

    def export_legacy_json(self) -> None:
        folder = dialogs.choose_directory(self, self.tr("Export legacy JSON to…"), str(Path.home()))
        if not folder:
            return

        def job(worker):
            return legacy_export.export_legacy(Path(folder), progress=worker.report)

        self.jobs.start(
            job,
            self.tr("Exporting"),
            on_done=lambda _r: self.statusBar().showMessage(
                self.tr("Exported to {folder}").format(folder=folder), 15_000
            ),
            on_error=lambda message: dialogs.warn(self, APP_NAME, message),
        )

    # ---------------------------------------------------------------------------------------------- tools
    def back_up_now(self) -> None:
        backup_dialogs.backup_now(self)

    def open_import_wizard(self) -> wizard.MigrationWizard:
        return wizard.open_wizard(self)

    def open_audit_log(self) -> audit_viewer.AuditLogViewer:
        return audit_viewer.open_audit_log(self)

    def open_restore(self) -> backup_dialogs.RestoreDialog:
        return backup_dialogs.open_restore(self)

    def open_backup_settings(self) -> bool:
        """Backup settings; True if the user saved them."""
        saved = backup_dialogs.open_backup_settings(self, self.auto_backup)
        self.refresh_backup_status()
        return saved

    def start_auto_backup(self) -> bool:
        """Automatic backups (on a timer and when the window closes). The app calls this for the window it shows;
        windows made by tests and tools do not back up by themselves. False if they had started already."""
        if self.auto_backup is not None:
            return False
        self.auto_backup = backup_dialogs.AutoBackupController(self)
        self.auto_backup.backed_up.connect(lambda _info: self.refresh_backup_status())
        return True

    def open_health(self) -> health.HealthPage:
        return health.open_health(self)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if not dialogs.run(dialog):
            return
        changed = dialog.apply()
        if "language" in changed:
            self.set_language(i18n.resolve(None, changed["language"]))
        if "backup_warning_days" in changed:
            self.refresh_backup_status()
        if "page_size" in changed:
            for key in TAB_KEYS[1:]:
                self.pages[key].model.set_page_size(changed["page_size"])

    def set_language(self, language: str) -> None:
        """Switch the window's language now (every widget retranslates itself; so does an open wizard)."""
        i18n.translations().switch(language)
        wizard_translations.ensure_translator(i18n.translations().language)

    def show_about(self) -> None:
        path = db.database_path()
        text = self.tr(
            "Mastery Ledger {version}\n\nKeeps children's learning records safe, with an audit trail and "
            "backups.\n\nDatabase: {database}\nData folder: {data}\nLog file: {log}"
        ).format(
            version=__version__,
            database=str(path) if path else self._describe_database(),
            data=str(paths.data_dir()),
            log=str(paths.logs_dir() / "mastery-ledger.log"),
        )
        dialogs.inform(self, self.tr("About Mastery Ledger"), text)

    # ---------------------------------------------------------------------------------------------- status bar
    def refresh_backup_status(self) -> None:
        try:
            when = backup_dialogs.last_backup_time()
        except Exception:  # the status bar never fails the window
            log.exception("could not read the last backup time")
            when = None
        days_limit = self.settings.get("backup_warning_days")
        empty = when is None and not self._holds_records()
        if empty:
            text, stale = self.tr("Nothing to back up yet"), False
        elif when is None:
            text, stale = self.tr("No backup yet"), True
        else:
            age = datetime.now(UTC) - when
            text = self.tr("Last backup: {ago}").format(ago=self.ago_text(age.total_seconds()))
            stale = age.total_seconds() > days_limit * 86400
        self.backup_label.setText(text)
        self.backup_label.setProperty("stale", stale)
        self.backup_label.setStyleSheet(
            "color:#ffffff; background:#c0392b; padding:1px 6px; border-radius:3px;"
            if stale
            else "color:#6b6b6b;"
            if empty
            else "color:#2d6a2d;"
        )
        self.backup_label.setToolTip(self.tr("Make one with Tools ▸ Back up now (Ctrl+B)") if stale else "")

    def _holds_records(self) -> bool:
        """Whether the database holds anything a backup would save (every record belongs to a child)."""
        try:
            return Profile.select().exists()
        except Exception:  # the status bar never fails the window (no database bound, a read error): warn as before
            return True

    def ago_text(self, seconds: float) -> str:
        if seconds < 90:
            return self.tr("just now")
        if seconds < 3600:
            return self.tr("{n} minutes ago").format(n=int(seconds // 60))
        if seconds < 86400:
            return self.tr("{n} hours ago").format(n=int(seconds // 3600))
        days = int(seconds // 86400)
        return self.tr("yesterday") if days == 1 else self.tr("{n} days ago").format(n=days)

    def _busy_changed(self, busy: bool, text: str) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.busy_label.setText(text)
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor) if not QApplication.overrideCursor() else None
        else:
            while QApplication.overrideCursor() is not None:
                QApplication.restoreOverrideCursor()

    # ---------------------------------------------------------------------------------------------- closing
    def _restore_geometry(self) -> None:
        geometry = self.settings.get("window_geometry")
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.overview.confirm_leave():
            event.ignore()
            return
        self.jobs.wait()
        try:
            self.settings.set("window_geometry", bytes(self.saveGeometry().toBase64()).decode("ascii"))
            self.settings.save()
        except OSError:
            log.warning("could not save the window settings")
        if self.auto_backup is not None:
            self.auto_backup.stop()
        self.instance.close()
        super().closeEvent(event)

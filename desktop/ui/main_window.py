"""The main window: children on the left; for the selected child the tabs Overview, Chinese words, English words,
Grammar, Cards and Chat; the menus (``menus.py``) and the status bar (``status_bar.py``). This module composes
them and holds what the actions do.

The windows of their own (import wizard, audit log, restore, backup settings, health page, server databases) live
in their modules; the window opens them with ``open_import_wizard()`` / ``open_audit_log()`` / ``open_restore()``
/ ``open_backup_settings()`` / ``open_health()`` / ``open_server_database()``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QStackedWidget, QTabWidget, QWidget

from desktop import APP_NAME, __version__, paths, services
from desktop.errors import LedgerError
from desktop.settings import Settings, remember_database
from desktop.store import db
from desktop.store import tables as queries
from desktop.ui import dialogs, encryption, i18n, messages, opening, server_dialogs
from desktop.ui.backups import making, settings_page
from desktop.ui.cards import CardsPage
from desktop.ui.chat import ChatPage
from desktop.ui.menus import WindowMenus
from desktop.ui.overview import OverviewPage
from desktop.ui.profiles import ProfilePanel
from desktop.ui.record_models import CardsModel, ChatModel, GrammarModel, WordsModel
from desktop.ui.record_pages import GrammarPage, WordsPage
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.single_instance import InstanceServer, notify_running, server_name
from desktop.ui.status_bar import WindowStatusBar
from desktop.ui.table_page import TablePage
from desktop.ui.welcome import WelcomePage
from desktop.ui.widgets import Retranslating
from desktop.ui.workers import JobRunner

if TYPE_CHECKING:
    from desktop.ui.audit.viewer import AuditLogViewer
    from desktop.ui.backups.restore import RestoreDialog
    from desktop.ui.health import HealthPage
    from desktop.ui.wizard import MigrationWizard

log = logging.getLogger(__name__)

TAB_KEYS = ("overview", "zh", "en", "grammar", "cards", "chat")
DELETE_CHILD_REASON = "before-delete-child"


#: The background check starts at the window's first paint, or this long after it was shown, whichever comes first.
FIRST_CHECK_LATEST_MS = 2000


class _FirstPaint(QObject):
    """Calls ``then`` once, right after the first paint of a widget of ``window`` (an application event filter that
    removes itself)."""

    def __init__(self, window: QWidget, then) -> None:
        super().__init__(window)
        self.window, self.then, self.done = window, then, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self.done and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            if watched.window() is self.window:
                QTimer.singleShot(0, self.fire)  # once this paint is done
        return False

    def fire(self) -> None:
        if not self.done:
            self.done = True
            application = QApplication.instance()
            if application is not None:
                application.removeEventFilter(self)
            self.then()


class MainWindow(Retranslating, QMainWindow):
    """The window on one database. ``database_changed(path)`` after File ▸ Open / New switched databases."""

    database_changed = Signal(str)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.jobs = JobRunner(self)
        self.instance = InstanceServer(self)
        self.instance.activated.connect(self.bring_to_front)
        self.auto_backup: making.AutoBackupController | None = None
        page_size = self.settings.get("page_size")

        self.profiles = ProfilePanel()
        self.overview = OverviewPage(self.jobs)
        self.table_pages: dict[str, TablePage] = {
            "zh": WordsPage(WordsModel("zh", page_size=page_size), self.jobs, self.settings),
            "en": WordsPage(WordsModel("en", page_size=page_size), self.jobs, self.settings),
            "grammar": GrammarPage(GrammarModel(page_size=page_size), self.jobs, self.settings),
            "cards": CardsPage(CardsModel(page_size=page_size), self.jobs, self.settings),
            "chat": ChatPage(ChatModel(page_size=page_size), self.jobs, self.settings),
        }
        self.pages: dict[str, OverviewPage | TablePage] = {"overview": self.overview, **self.table_pages}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for key in TAB_KEYS:
            self.tabs.addTab(self.pages[key], "")
        self.empty_state = WelcomePage(self.jobs)  # no child to show: import the old app's records, or add one
        self.empty_state.add_requested.connect(self.add_profile)
        self.empty_state.import_requested.connect(self.open_import_wizard)
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
        for table_page in self.table_pages.values():
            table_page.records_changed.connect(self._records_changed)
        self.tabs.currentChanged.connect(self._update_actions)

        self.menus = WindowMenus(self, TAB_KEYS)
        self.status_bar = WindowStatusBar()
        self.setStatusBar(self.status_bar)
        self.jobs.busy_changed.connect(self.status_bar.set_busy)
        self.encryption = encryption.install(self)  # "Not encrypted" / key-in-a-file indicator (ui/encryption.py)
        # every page and the audit trail are checked in the background once the window shows (opening did not)
        self.checker = opening.OpenChecker(self)
        self.checker.started.connect(lambda: self.status_bar.show_check("checking"))
        self.checker.finished.connect(self._checked)
        self.checker.failed.connect(lambda message: self.status_bar.show_check("failed", message))
        self.status_bar.check_clicked.connect(self.open_health)
        self._check_started = False
        application = QApplication.instance()
        if application is not None:  # quitting without closing the window (the start-up probe) stops them too
            application.aboutToQuit.connect(self.stop_reads)
        self._backup_timer = QTimer(self)
        self._backup_timer.timeout.connect(self.refresh_backup_status)
        self._backup_timer.start(60_000)
        self.resize(1200, 760)
        self._restore_geometry()
        self.retranslate()
        self.reload_all()

    # ---------------------------------------------------------------------------------------------- texts
    def retranslate(self) -> None:
        tabs = self.tab_titles()
        for i, key in enumerate(TAB_KEYS):
            self.tabs.setTabText(i, tabs[key])
            page = self.pages[key]
            if isinstance(page, TablePage):  # the table is named by its tab, for screen readers
                page.view.setAccessibleName(tabs[key])
        self.tabs.setAccessibleName(self.tr("Records of the selected child"))
        self.menus.retranslate(tabs)
        self._update_title()
        self.refresh_backup_status()
        self.status_bar.retranslate_check()

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
        self.status_bar.show_database(target)

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

    def current_page(self) -> OverviewPage | TablePage:
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
        self.menus.actions["export_csv"].setEnabled(has_profile and on_table)
        self.menus.actions["paste_list"].setEnabled(has_profile and self.current_key() in ("zh", "en"))
        self.menus.actions["add"].setEnabled(True)
        self.menus.actions["delete"].setEnabled(True)

    # ---------------------------------------------------------------------------------------------- the check
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._check_started:  # after the first paint: the check never delays it (or costs before it)
            self._check_started = True
            first_paint = _FirstPaint(self, self.checker.start)
            application = QApplication.instance()
            if application is not None:
                application.installEventFilter(first_paint)
            QTimer.singleShot(FIRST_CHECK_LATEST_MS, first_paint.fire)  # a window never painted is checked too

    def _checked(self, result) -> None:
        """The background check ended: the badge says how; a damaged file gets the restore offer now."""
        if result.damage:
            self.status_bar.show_check("damaged", result.damage)
            path = db.database_path()
            if path is not None and opening.damage_found(self, path, result.damage, close=self._close_for_restore):
                self.reload_all()
                self.checker.start()
        elif result.problems:
            self.status_bar.show_check("problem", result.problems[0])
        else:
            self.status_bar.show_check("ok")

    def _close_for_restore(self) -> None:
        self.jobs.wait()
        self.stop_reads()
        db.close_database()

    def stop_reads(self) -> None:
        """Stop the background check and the tables' counts (closing, another database)."""
        self.checker.stop()
        for page in self.table_pages.values():
            page.counts.stop()

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
            path = making.backup_into_chosen_folder(
                DELETE_CHILD_REASON, progress=lambda done=0, total=0, *_: worker.report(done, total, backing_up)
            )
            services.delete_profile(profile_id, version)
            return path

        def done(path) -> None:
            self.overview.profile = None
            self.profiles.reload()
            self.refresh_backup_status()
            self.status_bar.showMessage(
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
        def switch(url: str) -> None:
            self.switch_database(url)

        server_dialogs.move_to_server(self, self.jobs, switch)

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
        checking = self.checker.running
        self.stop_reads()
        if not opening.open_database(self, path, create=create):
            if checking:  # the database that stays open: its check was stopped halfway, so it starts again
                self.checker.start()
            return False
        if not is_server:  # a server URL may hold a password: never written to the settings
            remember_database(self.settings, str(Path(path).resolve()))
            self.settings.save()
        self.claim_instance()
        self.overview.profile = None
        self.reload_all()
        self.checker.start()
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

        from desktop.legacy import export as legacy_export  # why: the export engine loads on first use

        def job(worker):
            return legacy_export.export_legacy(Path(folder), progress=worker.report)

        self.jobs.start(
            job,
            self.tr("Exporting"),
            on_done=lambda _r: self.status_bar.showMessage(
                self.tr("Exported to {folder}").format(folder=folder), 15_000
            ),
            on_error=lambda message: dialogs.warn(self, APP_NAME, message),
        )

    # ---------------------------------------------------------------------------------------------- tools
    def back_up_now(self) -> None:
        making.backup_now(self)

    # The windows below load on first use, not before the first paint (start-up time).
    def open_import_wizard(self, source: Path | None = None) -> MigrationWizard:
        """The migration wizard over the window (on ``source``, the folder found, if given); the window reloads
        after a migration or an undo."""
        from desktop.ui import wizard  # why: loaded on first use (start-up time)

        return wizard.open_wizard(self, source=source, on_changed=self.reload_all)

    def open_audit_log(self) -> AuditLogViewer:
        from desktop.ui.audit import viewer  # why: loaded on first use (start-up time)

        return viewer.open_audit_log(self)

    def open_restore(self) -> RestoreDialog:
        from desktop.ui.backups import restore  # why: loaded on first use (start-up time)

        return restore.open_restore(self)

    def open_backup_settings(self) -> bool:
        """Backup settings; True if the user saved them."""
        saved = settings_page.open_backup_settings(self, self.auto_backup)
        self.refresh_backup_status()
        return saved

    def start_auto_backup(self) -> bool:
        """Automatic backups (on a timer and when the window closes). The app calls this for the window it shows;
        windows made by tests and tools do not back up by themselves. False if they had started already."""
        if self.auto_backup is not None:
            return False
        self.auto_backup = making.AutoBackupController(self)
        self.auto_backup.backed_up.connect(lambda _info: self.refresh_backup_status())
        return True

    def open_health(self) -> HealthPage:
        from desktop.ui import health  # why: loaded on first use (start-up time)

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
            for table_page in self.table_pages.values():
                table_page.model.set_page_size(changed["page_size"])

    def set_language(self, language: str) -> None:
        """Switch the window's language now (every widget retranslates itself; so does an open wizard)."""
        i18n.translations().switch(language)

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
        self.status_bar.refresh_backup(self.settings.get("backup_warning_days"))

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
        self.stop_reads()
        try:
            self.settings.set("window_geometry", self.saveGeometry().toBase64().toStdString())
            self.settings.save()
        except OSError:
            log.warning("could not save the window settings")
        if self.auto_backup is not None:
            self.auto_backup.stop()
        self.instance.close()
        super().closeEvent(event)

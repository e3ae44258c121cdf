"""The QApplication and the window: logging, the exception hook, the language, one window per database, the
database itself and the main window. (``--demo`` and ``--selftest`` start it their own way: ``demo.py``,
``selftest.py``.)"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, __version__, cli, paths, resources
from desktop.settings import Settings, remember_database
from desktop.store import db
from desktop.ui import crash, encryption, i18n, opening
from desktop.ui.locked import LockedPage
from desktop.ui.main_window import MainWindow
from desktop.ui.single_instance import notify_running, server_name

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    # instance() is typed as the base class; the app (and the tests' pytest-qt) only ever make a QApplication
    app = cast(QApplication | None, QApplication.instance())
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("mastery-ledger")
    _set_icon(app)
    return app


def _set_icon(app: QApplication) -> None:
    icon = QIcon()
    for path in resources.app_icon_files():  # none in a build without icons: Qt's default icon stays
        icon.addFile(str(path))
    if not icon.isNull():
        app.setWindowIcon(icon)


def _offer_migration(window: MainWindow) -> None:
    from desktop.ui import wizard  # why: the wizard (and the legacy reader) loads after the first paint

    wizard.offer_at_first_start(window, on_changed=window.reload_all)


def main(args: argparse.Namespace) -> int:
    """Open the window on ``args.db`` (default: the data folder's database) in ``args.lang``."""
    cli.setup_logging()
    app = create_application()
    settings = Settings()
    i18n.translations().switch(i18n.resolve(args.lang, settings.get("language")))
    crash.install()
    target = args.db or str(paths.default_db_path())
    is_file = not db.is_server_url(target)
    if is_file and notify_running(server_name(target)):
        log.info("the database is already open in another window; brought it to the front")
        return 0
    holder: list[MainWindow] = []

    def show_window(opened: str) -> None:
        window = MainWindow(settings)
        holder.append(window)
        if not db.is_server_url(opened):
            remember_database(settings, str(db.database_path()))
            window.claim_instance()
        window.start_auto_backup()
        window.show()
        QTimer.singleShot(400, lambda: encryption.offer_recovery_key(window))  # after the first paint; until kept
        # On a new, empty database: if the old app's files are in a usual place, offer the migration wizard.
        QTimer.singleShot(300, lambda: _offer_migration(window))

    if opening.open_database(None, target, create=True):
        show_window(target)
    elif is_file and encryption.still_locked(target):  # the passphrase / recovery key question was closed
        locked = LockedPage(target)

        def unlocked(opened: str) -> None:
            show_window(opened)
            locked.close()

        locked.opened.connect(unlocked)
        locked.show()
    else:
        return 1
    try:
        return app.exec()
    finally:
        for window in holder:
            window.jobs.wait()
        db.close_database()

"""The QApplication: logging, the exception hook, the language, one window per database, the database itself and
the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, __version__, paths
from desktop.settings import Settings, remember_database
from desktop.store import db
from desktop.ui import crash, i18n, opening, wizard
from desktop.ui.single_instance import notify_running, server_name

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
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
    try:
        from desktop import resources

        files = resources.app_icon_files()
    except Exception:  # no icons in this build: Qt's default icon
        return
    icon = QIcon()
    for path in files:
        icon.addFile(str(path))
    if not icon.isNull():
        app.setWindowIcon(icon)


def setup_logging() -> None:
    from desktop import cli

    cli.setup_logging()


def main(args) -> int:
    """``python -m desktop``: open the window on ``args.db`` (default: the data folder's database)."""
    if getattr(args, "selftest", False):
        from desktop.ui import selftest

        return selftest.main(args)
    if getattr(args, "demo", False):
        from desktop.ui import demo

        return demo.main(args)
    setup_logging()
    app = create_application()
    settings = Settings()
    i18n.translations().switch(i18n.resolve(getattr(args, "lang", None), settings.get("language")))
    crash.install()
    target = getattr(args, "db", None) or str(paths.default_db_path())
    is_file = not db.is_server_url(target)
    if is_file and notify_running(server_name(target)):
        log.info("the database is already open in another window; brought it to the front")
        return 0
    if not opening.open_database(None, target, create=True):
        return 1
    from desktop.ui.main_window import MainWindow

    window = MainWindow(settings)
    if is_file:
        remember_database(settings, str(db.database_path()))
        window.claim_instance()
    window.start_auto_backup()
    window.show()
    QTimer.singleShot(300, lambda: offer_import_at_first_start(window))
    try:
        return app.exec()
    finally:
        window.jobs.wait()
        db.close_database()


def offer_import_at_first_start(window) -> None:
    """On a new, empty database: if the old app's files are in a usual place, offer the migration wizard."""
    wizard.offer_at_first_start(window)  # the wizard reloads the window after a migration

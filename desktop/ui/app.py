"""The QApplication: translations, the database, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME, __version__, db
from desktop.errors import LedgerError


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    return app


def main(args) -> int:
    app = create_application()
    try:
        db.open_database(args.db or None)
    except LedgerError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    from desktop.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    return app.exec()

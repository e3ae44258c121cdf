"""One exception hook for the window. A known problem (database locked, disk full, read-only, a refused value) is
a plain message; anything else is a bug: it goes to the log file and the crash dialog shows what happened, the
details (with a copy button) and where the log is."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__, paths
from desktop.cli import private_traceback
from desktop.ui import dialogs, messages
from desktop.ui.widgets import Retranslating

log = logging.getLogger("desktop.ui")

LOG_FILENAME = "mastery-ledger.log"


def log_file() -> str:
    try:
        return str(paths.logs_dir() / LOG_FILENAME)
    except OSError:
        return LOG_FILENAME


class CrashDialog(Retranslating, QDialog):
    """What happened (plainly), the technical details for a bug report, a copy button and the log's location."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.details_text = details
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setMinimumHeight(180)
        self.log_label = QLabel()
        self.log_label.setWordWrap(True)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.explanation)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.log_label)
        layout.addWidget(self.buttons)
        self.resize(620, 420)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Mastery Ledger — something went wrong"))
        self.headline.setText(self.tr("Something unexpected went wrong: {summary}").format(summary=self.summary))
        self.explanation.setText(
            self.tr(
                "Your records are safe: every change is saved in one piece or not at all. You can keep working, or "
                "close and reopen the app. If this happens again, please send the details below to whoever looks after "
                "the app."
            )
        )
        self.log_label.setText(self.tr("The log file is at: {path}").format(path=log_file()))
        self.copy_button.setText(self.tr("Copy details"))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text)


def details_for(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    # private_traceback: no exception message, it may quote a child's data
    return f"{APP_NAME} {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n\n" + private_traceback(
        exc_type, exc, tb
    )


def show_crash(summary: str, details: str) -> None:
    """The crash dialog (replaced in tests through ``dialogs.run``)."""
    dialog = CrashDialog(summary, details, QApplication.activeWindow())
    dialogs.run(dialog)


_handling = False


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The excepthook: a plain message for known problems, the crash dialog for bugs."""
    global _handling
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if _handling:  # an error while showing an error: log only, never loop
        log.error("error while reporting an error", exc_info=(exc_type, exc, tb))
        return
    _handling = True
    try:
        known = messages.describe(exc)
        if known is not None:
            log.warning("known problem: %s", type(exc).__name__)
            dialogs.warn(QApplication.activeWindow(), APP_NAME, known)
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        show_crash(exc_type.__name__, details_for(exc_type, exc, tb))
    finally:
        _handling = False


def install() -> None:
    sys.excepthook = handle_exception

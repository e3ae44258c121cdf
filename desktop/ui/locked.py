"""What the app shows at start when the database is locked and the user closed the question asking for its
passphrase or recovery key: a welcome page saying so in plain words, with Unlock…, Open another database… and
Quit. Nothing was changed; no window is opened on the locked records until one of these succeeds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import APP_NAME, paths
from desktop.ui import dialogs, opening
from desktop.ui.widgets import Retranslating


class LockedPage(Retranslating, QWidget):
    """``opened(target)`` once a database is open (unlocked, or another one chosen); the caller then shows the main
    window and closes this page."""

    opened = Signal(str)

    def __init__(self, target: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockedPage")
        self.target = str(target)
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.path_label = QLabel(self.target)
        self.path_label.setWordWrap(True)
        self.path_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.path_label.setStyleSheet("color:#555555")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        self.other_button = QPushButton()
        self.other_button.clicked.connect(self.open_other)
        self.quit_button = QPushButton()
        self.quit_button.clicked.connect(self.close)
        column = QWidget()
        column.setFixedWidth(520)
        inner = QVBoxLayout(column)
        inner.setSpacing(10)
        inner.addWidget(self.heading)
        inner.addWidget(self.intro)
        inner.addWidget(self.path_label)
        inner.addSpacing(8)
        for button in (self.unlock_button, self.other_button, self.quit_button):
            inner.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.resize(760, 480)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(APP_NAME)
        self.heading.setText(self.tr("Welcome to Mastery Ledger"))
        self.intro.setText(
            self.tr(
                "The records are locked, and nothing has been changed. Enter the passphrase or the recovery key to "
                "open them, or open another database."
            )
        )
        self.unlock_button.setText(self.tr("&Unlock…"))
        self.other_button.setText(self.tr("&Open another database…"))
        self.quit_button.setText(self.tr("&Quit"))

    def unlock(self) -> bool:
        """Ask again (opening asks for the key when the database needs one); True once it is open."""
        if not opening.open_database(self, self.target, create=False):
            return False
        self.opened.emit(self.target)
        return True

    def open_other(self) -> bool:
        path = dialogs.open_file(
            self,
            self.tr("Open database"),
            str(paths.data_dir()),
            self.tr("Mastery Ledger database (*.db);;All files (*)"),
        )
        if not path or not opening.open_database(self, path, create=False):
            return False
        self.target = path
        self.opened.emit(path)
        return True

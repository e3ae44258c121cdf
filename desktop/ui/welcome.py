"""The first thing a parent sees on an empty database: bring the old app's records over (the first, default
action, naming the folder the usual-places search found, if any), or start fresh by adding a child."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.widgets import Retranslating
from desktop.ui.workers import JobRunner


class WelcomePage(Retranslating, QWidget):
    """Shown while the window has no child to show. ``import_button`` emits ``import_requested(folder)`` (the folder
    found in the usual places, or None), for the window to open the migration wizard; ``add_button`` emits
    ``add_requested``. The search runs in the
    background each time the page is shown; ``places`` limits it (tests)."""

    add_requested = Signal()
    import_requested = Signal(object)

    def __init__(self, jobs: JobRunner, parent: QWidget | None = None, places: list[Path] | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.places = places
        self.found: Path | None = None
        self.searching = False
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        self.import_button.setAutoDefault(True)
        self.import_button.setMinimumHeight(self.import_button.sizeHint().height() + 12)
        self.import_button.clicked.connect(self._request_import)
        self.found_label = QLabel()
        self.found_label.setWordWrap(True)
        self.found_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.found_label.setStyleSheet("color:#555555")
        self.found_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.or_label = QLabel()
        self.or_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.or_label.setStyleSheet("color:#777777")
        self.add_button = QPushButton()
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(self.add_requested)
        self.add_hint = QLabel()
        self.add_hint.setWordWrap(True)
        self.add_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_hint.setStyleSheet("color:#777777")

        column = QWidget()
        column.setFixedWidth(540)  # wrapped texts need a width to measure their height against
        inner = QVBoxLayout(column)
        inner.setSpacing(10)
        inner.addWidget(self.heading)
        inner.addWidget(self.intro)
        inner.addSpacing(8)
        inner.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(self.found_label)
        inner.addSpacing(12)
        inner.addWidget(self.or_label)
        inner.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(self.add_hint)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.setTabOrder(self.import_button, self.add_button)
        self.setFocusProxy(self.import_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Welcome to Mastery Ledger"))
        self.intro.setText(
            self.tr(
                "It keeps each child's learning records safe: the words they have mastered, grammar, cards and chats."
            )
        )
        self.import_button.setText(self.tr("&Bring over records from the old app…"))
        self.import_button.setToolTip(
            self.tr("The old app's files are only read, never changed; a backup is made first.")
        )
        self.or_label.setText(self.tr("or, to start fresh:"))
        self.add_button.setText(self.tr("&Add a child…"))
        self.add_hint.setText(self.tr("Add a child to start keeping their records here."))
        self._show_found()

    def _show_found(self) -> None:
        if self.found is not None:
            self.found_label.setText(
                self.tr("The old app's records were found in {folder}.").format(folder=str(self.found))
            )
        elif self.searching:
            self.found_label.setText(self.tr("Looking for the old app's records in the usual places…"))
        else:
            self.found_label.setText(self.tr("You choose the old app's folder in the next step."))

    # ---------------------------------------------------------------------------------------------- search
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.search()
        self.import_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def search(self) -> None:
        """Look for the old app's files in the usual places, off the GUI thread (bounded to ~2 s)."""
        if self.searching:
            return
        places = self.places
        self.searching = True
        self._show_found()
        # why: the legacy reader loads when an empty database is shown, not at every start
        from desktop.ui.wizard.legacy_folders import find_usual_sources

        self.jobs.read(
            lambda _worker: find_usual_sources(places),
            self._found,
            lambda _message: self._found([]),
            name="usual places",
        )

    def _found(self, folders: list[Path]) -> None:
        self.searching = False
        self.found = Path(folders[0]) if folders else None
        self._show_found()

    def _request_import(self) -> None:
        self.import_requested.emit(self.found)

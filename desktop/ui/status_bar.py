"""The main window's status bar: which database is open, the background check of it (a badge: checking, green when
it passed, red with the problem, a click opens the health page), how old the last backup is (red once it is older
than the warning setting), and a busy indicator while a job runs.

The texts are the window's: they are translated in the ``MainWindow`` context, as the window's own strings are.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from desktop.models import Profile
from desktop.ui.backups import making
from desktop.ui.widgets import ElidedLabel

log = logging.getLogger(__name__)

STALE_STYLE = "color:#ffffff; background:#c0392b; padding:1px 6px; border-radius:3px;"
EMPTY_STYLE = "color:#6b6b6b;"
FRESH_STYLE = "color:#2d6a2d;"
CHECK_STYLES = {
    "checking": "color:#6b6b6b; padding:1px 6px;",
    "ok": "color:#2d6a2d; padding:1px 6px;",
    "damaged": STALE_STYLE,
    "problem": STALE_STYLE,
    "failed": "color:#8a5a00; padding:1px 6px;",
}


class WindowStatusBar(QStatusBar):
    """``db_label`` (the database), ``check_badge`` (the background check: its ``state`` property is ``checking``,
    ``ok``, ``damaged``, ``problem`` or ``failed``; a click emits ``check_clicked``), ``backup_label`` (its ``stale``
    property is True while a backup is due), ``busy_label`` and ``busy_bar`` (shown while a job runs)."""

    check_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check_badge = QToolButton()
        self.check_badge.setAutoRaise(True)
        self.check_badge.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.check_badge.clicked.connect(self.check_clicked)
        self.check_badge.hide()
        self._check: tuple[str, str] = ("", "")
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
        self.addWidget(self.db_label, 1)
        self.addPermanentWidget(self.busy_label)
        self.addPermanentWidget(self.busy_bar)
        self.addPermanentWidget(self.check_badge)
        self.addPermanentWidget(self.backup_label)

    def show_database(self, target: str) -> None:
        self.db_label.setText(QCoreApplication.translate("MainWindow", "Database: {path}").format(path=target))

    def show_check(self, state: str, detail: str = "") -> None:
        """The background check's badge: ``checking`` (while it runs), ``ok`` (green), ``damaged`` / ``problem``
        (red; ``detail`` is the first problem), ``failed`` (it could not run; ``detail`` says why)."""
        self._check = (state, detail)
        translate = QCoreApplication.translate
        texts = {
            "checking": (
                translate("MainWindow", "Checking…"),
                translate(
                    "MainWindow",
                    "Checking the database in the background (every page and the audit trail); you can keep working.",
                ),
            ),
            "ok": (
                translate("MainWindow", "✔ Checked"),
                translate("MainWindow", "No damage found, and the audit trail verifies. Click for the full check."),
            ),
            "damaged": (
                translate("MainWindow", "✖ Database damaged"),
                translate("MainWindow", "The database file is damaged: {detail}. Click for the health page."),
            ),
            "problem": (
                translate("MainWindow", "✖ Audit trail problem"),
                translate("MainWindow", "The audit trail has a problem: {detail}. Click for the health page."),
            ),
            "failed": (
                translate("MainWindow", "Not checked"),
                translate("MainWindow", "The background check could not run: {detail}"),
            ),
        }
        text, tip = texts[state]
        self.check_badge.setText(text)
        self.check_badge.setToolTip(tip.format(detail=detail))
        self.check_badge.setAccessibleName(text)
        self.check_badge.setProperty("state", state)
        self.check_badge.setStyleSheet(CHECK_STYLES[state])
        self.check_badge.show()

    def retranslate_check(self) -> None:
        if self._check[0]:
            self.show_check(*self._check)

    def refresh_backup(self, days_limit: int) -> None:
        """The age of the last backup; stale (red) when there is none or it is older than ``days_limit`` days,
        unless the database holds nothing to back up yet."""
        translate = QCoreApplication.translate
        try:
            when = making.last_backup_time()
        except Exception:  # the status bar never fails the window
            log.exception("could not read the last backup time")
            when = None
        empty = when is None and not _holds_records()
        if empty:
            text, stale = translate("MainWindow", "Nothing to back up yet"), False
        elif when is None:
            text, stale = translate("MainWindow", "No backup yet"), True
        else:
            age = datetime.now(UTC) - when
            text = translate("MainWindow", "Last backup: {ago}").format(ago=ago_text(age.total_seconds()))
            stale = age.total_seconds() > days_limit * 86400
        self.backup_label.setText(text)
        self.backup_label.setProperty("stale", stale)
        self.backup_label.setStyleSheet(STALE_STYLE if stale else EMPTY_STYLE if empty else FRESH_STYLE)
        self.backup_label.setToolTip(
            translate("MainWindow", "Make one with Tools ▸ Back up now (Ctrl+B)") if stale else ""
        )

    def set_busy(self, busy: bool, text: str) -> None:
        """Show (or hide) the busy indicator with ``text``; the mouse pointer says so too."""
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.busy_label.setText(text)
        if busy:
            if not QApplication.overrideCursor():
                QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            while QApplication.overrideCursor() is not None:
                QApplication.restoreOverrideCursor()


def _holds_records() -> bool:
    """Whether the database holds anything a backup would save (every record belongs to a child)."""
    try:
        return bool(Profile.select().exists())
    except Exception:  # the status bar never fails the window (no database bound, a read error): warn as before
        return True


def ago_text(seconds: float) -> str:
    """How long ago, in words: "just now", "5 minutes ago", "yesterday"…"""
    translate = QCoreApplication.translate
    if seconds < 90:
        return translate("MainWindow", "just now")
    if seconds < 3600:
        return translate("MainWindow", "{n} minutes ago").format(n=int(seconds // 60))
    if seconds < 86400:
        return translate("MainWindow", "{n} hours ago").format(n=int(seconds // 3600))
    days = int(seconds // 86400)
    return translate("MainWindow", "yesterday") if days == 1 else translate("MainWindow", "{n} days ago").format(n=days)

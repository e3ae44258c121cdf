"""The Restore dialog: the backups in the backup folder, each judged by what its file holds, the chosen one
compared with the database now, and the restore itself (in a worker; a backup of the current state first). Also
opened at start-up when the database is damaged (:func:`offer_restore_at_startup`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from peewee import SQL, fn
from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import server_backup
from desktop.backup.check import list_backups
from desktop.backup.manifest import DAMAGED, LOCKED, UNREADABLE, UNUSABLE, UNVERIFIED, VERIFIED, BackupInfo
from desktop.backup.restore import RestoreResult, restore_backup
from desktop.backup.retention import kept_by_thinning
from desktop.errors import LedgerError
from desktop.models import MODEL_BY_TABLE
from desktop.store import cipher, db
from desktop.store.schema import DATA_TABLES
from desktop.ui import dialogs, encryption
from desktop.ui.audit.names import TABLE_NAMES, name_of
from desktop.ui.backups.making import is_server, models_bound
from desktop.ui.backups.preferences import BackupPreferences
from desktop.ui.tool_windows import launch, notify_data_changed
from desktop.ui.widgets import MessageBar, Retranslating
from desktop.ui.workers import JobRunner, Worker

COUNTED = (*DATA_TABLES, "audit_log")


def size_text(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1_048_576:.1f} MB"


def current_counts() -> dict[str, int] | None:
    """Rows per table in the open database (``None`` if none is open)."""
    try:
        db.current()
    except LedgerError:
        return None
    return {t: MODEL_BY_TABLE[t].select(fn.COUNT(SQL("*"))).scalar() for t in COUNTED}


class RestoreDialog(Retranslating, QDialog):
    """The backups in the backup folder (newest first): local time, reason, size, counts, verified or damaged;
    the selected one compared with the database now; Restore (after a question; a backup of the current state is
    made first) in a worker with progress. Each backup is judged by what its file holds
    (:func:`desktop.backup.check.check_content`): a damaged, foreign or newer one cannot be chosen; a sound one whose audit
    trail does not verify is restored only after a second question saying what was found.

    ``damaged``: opened at start-up because the database is damaged (no comparison; the damaged file is kept).
    Signals: ``restored(result)``."""

    restored = Signal(object)

    def __init__(
        self, parent: QWidget | None = None, database_path: Path | str | None = None, damaged: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.database_path = Path(database_path) if database_path else db.database_path()
        self.damaged = damaged
        self.prefs = BackupPreferences.load()
        self.jobs = JobRunner(self)
        self.backups: list = []
        self.counts: dict[str, int] | None = None
        self.result_value = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = self._backups_table()
        self.compare = self._compare_table()
        self.compare_label = QLabel()
        self.compare_label.setWordWrap(True)
        self.message = MessageBar()
        self.restore_button = QPushButton()
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(lambda: self.reload(reuse=False))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.resize(900, 620)
        self.retranslate()
        self.reload()

    def _backups_table(self) -> QTableWidget:
        """One row per backup: when, why, size, the check's verdict, what it holds, whether thinning keeps it."""
        table = QTableWidget(0, 6)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        for col in (0, 1, 2, 3, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        table.setAlternatingRowColors(False)  # days are banded instead (see _fill)
        table.itemSelectionChanged.connect(self._selection_changed)
        return table

    def _compare_table(self) -> QTableWidget:
        """The chosen backup's counts beside the database's now."""
        compare = QTableWidget(0, 4)
        compare.verticalHeader().hide()
        row_height = compare.fontMetrics().height() + 8
        compare.verticalHeader().setDefaultSectionSize(row_height)
        compare.setFixedHeight(row_height * (len(COUNTED) + 1) + 10)
        compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        compare.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return compare

    def _lay_out(self) -> None:
        bottom = QHBoxLayout()
        bottom.addWidget(self.refresh_button)
        bottom.addStretch(1)
        bottom.addWidget(self.restore_button)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.compare_label)
        layout.addWidget(self.compare, 0)
        layout.addLayout(bottom)

    # ---------------------------------------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Restore a backup — Mastery Ledger"))
        if self.damaged:
            self.intro.setText(
                self.tr(
                    "The database cannot be opened because it is damaged ({detail}). Choose a "
                    "backup to put in its place; the damaged file is kept beside it, never "
                    "deleted."
                ).format(detail=self.damaged)
            )
        else:
            self.intro.setText(
                self.tr(
                    "Choose the backup to go back to. The database is replaced by it as a whole; "
                    "a backup of how it is now is made first, so this can be undone."
                )
            )
        self.folder_label.setText(self.tr("Backups in: {folder}").format(folder=str(self.prefs.shown_folder())))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Why"),
                self.tr("Size"),
                self.tr("Check"),
                self.tr("Contents"),
                self.tr("Thinning"),
            ]
        )
        thinning = self.table.horizontalHeaderItem(5)  # set just above
        if thinning is not None:
            thinning.setToolTip(
                self.tr("Old backups are thinned out by the rules in Backup settings; this says which ones stay.")
            )
        self.compare.setHorizontalHeaderLabels(
            [self.tr("Records"), self.tr("In the backup"), self.tr("Now"), self.tr("Difference")]
        )
        self.restore_button.setText(self.tr("Restore this backup…"))
        self.table.setAccessibleName(self.tr("Backups"))
        self.compare.setAccessibleName(self.tr("The chosen backup compared with the database now"))
        self.refresh_button.setText(self.tr("Check again"))
        if self.backups:
            self._fill(self.backups, self.counts)

    def reason_text(self, reason: str) -> str:
        """What made the backup, in words (every reason of :data:`desktop.backup.manifest.REASONS` has its own)."""
        texts = {
            "manual": self.tr("Made by you"),
            "auto": self.tr("Automatic"),
            "before-migration": self.tr("Before an import"),
            "before-restore": self.tr("Before a restore"),
            "before-upgrade": self.tr("Before an app update"),
            "before-bulk-delete": self.tr("Before deleting several records"),
            "before-delete-child": self.tr("Before deleting a child"),
            "before-undo": self.tr("Before undoing changes"),
            "before-undo-import": self.tr("Before undoing an import"),
            "before-child-restore": self.tr("Before putting a child back as it was"),
            "before-optimize": self.tr("Before optimizing"),
            "before-encryption": self.tr("Before encryption"),
        }
        return texts.get(reason, reason)

    def day_text(self, day) -> str:
        """A day heading in the list, in the window's language ("Thursday, 3 December 2026")."""
        return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)

    def kept_text(self, kept: bool) -> str:
        return self.tr("Kept") if kept else self.tr("Removed at the next tidy-up")

    def status_text(self, info) -> str:
        if info.status == VERIFIED:
            return self.tr("✔ Verified")
        if info.status == UNVERIFIED:
            return self.tr("⚠ Audit trail does not verify")
        if info.status == DAMAGED:
            return self.tr("✖ Damaged")
        if info.status == UNUSABLE:
            return self.tr("✖ Cannot be used")
        if info.status == UNREADABLE:
            return self.tr("✖ Unreadable")
        if info.status == LOCKED:
            return self.tr("🔒 Needs its recovery key")
        return self.tr("Not checked")

    def unusable_text(self, info) -> str:
        """Why a backup cannot be chosen, in a sentence (the technical detail is in the tooltip)."""
        kind = info.content.kind if info.content is not None else ""
        if kind == "foreign":
            return self.tr("This file is not a Mastery Ledger backup, so it cannot be used.")
        if kind == "damaged":
            return self.tr("The file is damaged, so it cannot be used.")
        if info.status == DAMAGED:
            return self.tr("The file changed after it was made, so it cannot be used.")
        if info.status == UNREADABLE:
            return self.tr("The file or its description cannot be read.")
        return self.tr("Made by a newer version of the app; update the app to use it.")

    def choosable(self, info) -> bool:
        """A backup that can be restored: one that passed every check, a sound one whose audit trail does not
        verify (restored into a file only, after a second question), or one locked with a key not stored here
        (into a file, once its recovery key or passphrase is given)."""
        file_restore = bool(self.damaged) or not is_server()
        locked = info.status == LOCKED  # encrypted with a key not stored here: asked for, checked, then restored
        return info.restorable or ((info.needs_acceptance or locked) and file_restore)

    def confirm_unverified(self, info) -> bool:
        """The second question before restoring a backup whose audit trail does not verify: what was found, and
        that the choice is recorded."""
        problems = "\n".join(f"• {p}" for p in info.content.audit[:5])
        question = self.tr(
            "This backup's audit trail does not verify. The check found:\n\n{problems}\n\nThe backup may have been "
            "made of a database that another program changed without leaving a trace, so its history of changes "
            "cannot be trusted. Restore it anyway? This choice and what was found are recorded in the restored "
            "database's audit log."
        ).format(problems=problems)
        return dialogs.ask(
            self,
            self.tr("Audit trail does not verify"),
            question,
            yes=self.tr("Restore anyway"),
            no=self.tr("Cancel"),
            destructive=True,
        )

    def contents_text(self, counts: dict[str, int]) -> str:
        templates = {
            "profiles": self.tr("{n} children"),
            "mastered_words": self.tr("{n} words"),
            "mastered_grammar": self.tr("{n} grammar points"),
            "approved_cards": self.tr("{n} cards"),
            "chat_messages": self.tr("{n} chat messages"),
        }
        return " · ".join(templates[t].format(n=f"{counts[t]:,}") for t in DATA_TABLES if t in counts)

    # ---------------------------------------------------------------------------------------------- loading
    def reload(self, reuse: bool = True) -> None:
        """List and check the backups (what each file holds: :func:`desktop.backup.check.check_content`; a file checked
        before in this session, unchanged, keeps its verdict unless ``reuse`` is off: "Check again") and count the
        database now, in a worker."""
        folder = self.prefs.folder_path()
        damaged = self.damaged
        self.restore_button.setEnabled(False)
        checking = self.tr("Checking the backups…")

        def job(worker: Worker) -> tuple[list[BackupInfo], dict[str, int] | None]:
            infos = list_backups(
                folder,
                verify=True,
                integrity=True,
                reuse=reuse,
                progress=lambda d=0, t=0, *_: worker.report(d, t, checking),
            )
            return infos, None if damaged else current_counts()

        self.jobs.start(
            job,
            checking,
            on_done=lambda result: self._fill(*result),
            on_error=lambda message: self.message.show_message(message, "error"),
        )

    def _fill(self, backups: list, counts: dict[str, int] | None) -> None:
        self.backups, self.counts = backups, counts
        selected = self.selected()
        self.table.setRowCount(len(backups))
        red = QBrush(QColor("#b00020"))
        green = QBrush(QColor("#2e7d32"))
        orange = QBrush(QColor("#b35c00"))
        kept = kept_by_thinning(backups, datetime.now(UTC).astimezone(), self.prefs.policy())
        for r, (info, first_of_day, band) in enumerate(day_groups(backups)):
            when = info.local_time.strftime("%H:%M:%S")
            cells = [
                QTableWidgetItem(f"{self.day_text(info.local_time.date())}  {when}" if first_of_day else when),
                QTableWidgetItem(self.reason_text(info.reason)),
                QTableWidgetItem(size_text(info.size)),
                QTableWidgetItem(self.status_text(info)),
                QTableWidgetItem(self.contents_text(info.counts) if self.choosable(info) else self.unusable_text(info)),
                QTableWidgetItem(self.kept_text(info.name in kept)),
            ]
            if first_of_day:
                font = cells[0].font()
                font.setBold(True)
                cells[0].setFont(font)
            else:
                cells[0].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if band:
                for cell in cells:
                    cell.setBackground(QBrush(QColor("#f2f5f9")))
            if info.name not in kept:
                cells[5].setForeground(QBrush(QColor("#8a5a00")))
            cells[0].setToolTip(f"{self.day_text(info.local_time.date())} {when} — {info.name}")
            cells[3].setToolTip(info.detail)
            cells[4].setToolTip(info.detail if not info.restorable else info.name)
            cells[3].setForeground(green if info.ok else orange if info.needs_acceptance else red)
            for c, cell in enumerate(cells):
                if not self.choosable(info):
                    # Shown, never chosen: no selection, no restore.
                    cell.setFlags(Qt.ItemFlag.NoItemFlags)
                    if c != 3:
                        cell.setForeground(QBrush(QColor("#8a8a8a")))
                self.table.setItem(r, c, cell)
        if not backups:
            self.message.show_message(
                self.tr("There are no backups in {folder} yet.").format(folder=str(self.prefs.shown_folder())),
                "warning",
            )
        if selected is not None:
            for r, info in enumerate(backups):
                if info.name == selected.name and self.choosable(info):
                    self.table.selectRow(r)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.backups[row] if row < len(self.backups) else None

    def select(self, row: int) -> bool:
        """Select a backup by row; False (nothing selected) for one that cannot be restored."""
        self.table.clearSelection()
        if 0 <= row < len(self.backups) and self.choosable(self.backups[row]):
            self.table.selectRow(row)
        return self.selected() is not None

    def _selection_changed(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and self.choosable(info) and not self.jobs.busy)
        self.compare.setRowCount(0)
        if info is None:
            self.compare_label.setText(self.tr("Select a backup to compare it with the database now."))
            return
        when = info.local_time.strftime("%Y-%m-%d %H:%M")
        if self.counts is None:
            self.compare_label.setText(self.tr("The backup of {when} holds:").format(when=when))
        else:
            self.compare_label.setText(
                self.tr("The backup of {when} compared with the database now:").format(when=when)
            )
        shown = [t for t in COUNTED if t in info.counts]
        self.compare.setRowCount(len(shown))
        for r, table in enumerate(shown):
            then = info.counts[table]
            label = name_of(TABLE_NAMES, table) if table in TABLE_NAMES else self.tr("Audit log entries")
            cells = [QTableWidgetItem(label), QTableWidgetItem(f"{then:,}")]
            if self.counts is not None:
                now = self.counts.get(table, 0)
                diff = then - now
                cells += [
                    QTableWidgetItem(f"{now:,}"),
                    QTableWidgetItem(self.tr("same") if diff == 0 else (f"+{diff:,}" if diff > 0 else f"{diff:,}")),
                ]
                if diff:
                    cells[3].setForeground(QBrush(QColor("#b00020" if diff < 0 else "#1b5e20")))
            for c, cell in enumerate(cells):
                self.compare.setItem(r, c, cell)
        self.compare.setColumnHidden(2, self.counts is None)
        self.compare.setColumnHidden(3, self.counts is None)

    # ---------------------------------------------------------------------------------------------- restoring
    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or not self.choosable(info):
            return
        when = info.local_time.strftime("%Y-%m-%d %H:%M")
        if self.damaged:
            question = self.tr(
                "Put the backup of {when} in place of the damaged database?\n\nThe damaged file is kept beside it."
            ).format(when=when)
        else:
            question = self.tr(
                "Go back to the backup of {when}?\n\nEverything changed since then is replaced. A "
                "backup of the database as it is now is made first, so you can come back to it "
                "with this same dialog."
            ).format(when=when)
        if not dialogs.ask(
            self, self.tr("Restore a backup"), question, yes=self.tr("Restore"), no=self.tr("Cancel"), destructive=True
        ):
            return
        accept_unverified = info.needs_acceptance
        if accept_unverified and not self.confirm_unverified(info):
            return
        secret = None  # a backup locked with a key not stored here: asked for and checked before anything changes
        if not (is_server() and not self.damaged) and cipher.needs_secret(info.path):
            secret = encryption.ask_secret(self, info.path, what=info.name)
            if secret is None:
                return
        target = self.database_path
        folder = self.prefs.folder_path()
        restoring = self.tr("Restoring the backup…")
        server = is_server() and not self.damaged
        # A file restore needs the database to itself: this thread's connection goes first (it reopens by itself).
        if models_bound() and not server:
            db.current().close()
        self.restore_button.setEnabled(False)

        def job(worker: Worker) -> RestoreResult | _ServerRestore:
            def report(done: int = 0, total: int = 0, *_: object) -> None:
                worker.report(done, total, restoring)

            if server:
                server_backup.restore_server_backup(info, backup_dir=folder, progress=report)
                return _ServerRestore(info)
            return restore_backup(
                info, target, backup_dir=folder, progress=report, accept_unverified=accept_unverified, secret=secret
            )

        self.jobs.start(
            job, self.tr("Restoring"), on_done=self._restored, on_error=lambda message: self._failed(message)
        )

    def _restored(self, result) -> None:
        self.result_value = result
        lines = [
            self.tr("Restored the backup of {when}.").format(when=result.backup.local_time.strftime("%Y-%m-%d %H:%M"))
        ]
        if result.safety_backup is not None:
            lines.append(
                self.tr("The database it replaced was saved first as {file}.").format(file=result.safety_backup.name)
            )
        for path in result.damaged_copies:
            lines.append(self.tr("The damaged database was kept as {file}.").format(file=str(path)))
        if result.accepted:
            lines.append(self.tr("Its audit trail does not verify; restoring it anyway is recorded in the audit log."))
        if result.problems:
            lines.append(self.tr("Please check: {problems}").format(problems="; ".join(result.problems)))
        self.message.show_message("\n".join(lines), "info" if result.ok else "warning")
        self.restored.emit(result)
        parent = self.parentWidget()
        notify_data_changed(parent)
        refresh = getattr(parent, "refresh_backup_status", None)
        if callable(refresh):
            refresh()
        self.damaged = None
        self.retranslate()
        self.reload()

    def _failed(self, message: str) -> None:
        self.message.show_message(message, "error")
        self._selection_changed()

    def wait_idle(self, msecs: int = 60_000) -> None:
        self.jobs.wait(msecs)

    def done(self, result: int) -> None:
        self.jobs.wait()
        super().done(result)


def day_groups(backups: list) -> list[tuple[Any, bool, bool]]:
    """The backups (newest first) with, for each, whether it is the first of its local day and the day's band
    (alternating per day), so the Restore list reads as one group per day."""
    out, last_day, band = [], None, True
    for info in backups:
        day = info.local_time.date()
        first = day != last_day
        if first:
            band, last_day = not band, day
        out.append((info, first, band))
    return out


@dataclass
class _ServerRestore:
    """What the dialog reports after a server restore (the server module returns counts only)."""

    backup: Any
    safety_backup: Any = None
    damaged_copies: tuple = ()
    problems: tuple = ()
    accepted: tuple = ()
    ok: bool = True


def open_restore(parent: QWidget | None) -> RestoreDialog:
    """The Restore dialog over ``parent`` (not blocking)."""
    dialog = RestoreDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    launch(dialog)
    return dialog


def offer_restore_at_startup(error: Exception, database_path: Path | str, parent: QWidget | None = None) -> bool:
    """At start-up, when the database is damaged: offer the Restore dialog (the damaged file is kept). True if a
    backup was restored (and the models are bound to it)."""
    detail = getattr(error, "detail", "") or str(error)
    dialog = RestoreDialog(parent, database_path=database_path, damaged=detail)
    restored: list = []
    dialog.restored.connect(restored.append)
    dialogs.run(dialog)
    return bool(restored)

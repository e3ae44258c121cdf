"""Tools ▸ Check database: the health page. Integrity, foreign keys, the audit trail (triggers and hash chain),
schema version, size, the age of the last backup and how many there are, each with a plain verdict; "Optimize"
(a backup first, then VACUUM and ANALYZE).

:func:`desktop.health.check` reads every audit row, so it runs in a worker; so does Optimize. Entry point for the
main window: :func:`open_health`.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import health
from desktop.backup.check import check_backup, list_backups
from desktop.backup.create import create_backup
from desktop.backup.manifest import BackupInfo
from desktop.errors import LedgerError
from desktop.store import audit, db
from desktop.store.schema import SCHEMA_VERSION
from desktop.ui import dialogs
from desktop.ui.backups.preferences import BackupPreferences
from desktop.ui.backups.restore import open_restore
from desktop.ui.status_bar import ago_text
from desktop.ui.tool_windows import launch
from desktop.ui.widgets import MessageBar, Retranslating
from desktop.ui.workers import JobRunner, Worker

log = logging.getLogger(__name__)

OK, WARNING, PROBLEM, UNKNOWN = "ok", "warning", "problem", "unknown"
ICONS = {OK: "✔", WARNING: "⚠", PROBLEM: "✖", UNKNOWN: "…"}
COLOURS = {OK: "#2e7d32", WARNING: "#b26a00", PROBLEM: "#c62828", UNKNOWN: "#666666"}
#: A backup older than this is worth a warning (the status bar has its own setting for its reminder).
BACKUP_WARNING_DAYS = 7


class HealthFacts:
    """What the page shows: the core's report plus the backups (read in the worker)."""

    def __init__(self, report: health.HealthReport, backups: list, folder_error: str = "") -> None:
        self.report = report
        self.backups = backups
        self.folder_error = folder_error

    @property
    def last_backup(self) -> BackupInfo | None:
        good = [b for b in self.backups if b.manifest is not None]
        return good[0] if good else None


def gather(worker: Worker | None = None, folder=None) -> HealthFacts:
    """Run the check (and list the backups) on this thread's connection."""
    checking = HealthPage.texts_checking

    def progress(done: int = 0, total: int = 0, *_: object) -> None:
        if worker is not None:
            worker.check()
            worker.report(done, total, checking)

    report = health.check(db.current(), progress=progress)
    backups: list = []
    folder_error = ""
    if db.database_path() is not None:
        try:
            backups = list_backups(folder, verify=False)
            newest = next((b for b in backups if b.manifest is not None), None)
            if newest is not None:
                check_backup(newest)  # size and fingerprint of the one that matters most
        except LedgerError as exc:
            folder_error = str(exc)
    return HealthFacts(report, backups, folder_error)


class HealthPage(Retranslating, QDialog):
    """The health page. Signals: ``checked(facts)`` after each check; ``optimized()`` after Optimize."""

    checked = Signal(object)
    optimized = Signal()
    texts_checking = "Checking the database…"  # the worker's progress text (replaced by the translation)
    ROWS = (
        "integrity",
        "foreign_keys",
        "chain",
        "triggers",
        "replay",
        "anchors",
        "schema",
        "size",
        "last_backup",
        "backups",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthPage")
        self.jobs = JobRunner(self)
        self.prefs = BackupPreferences.load()
        self.facts: HealthFacts | None = None
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setObjectName("healthBanner")
        self.database_label = QLabel()
        self.database_label.setWordWrap(True)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.names: dict[str, QLabel] = {}
        self.icons: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.states: dict[str, str] = {}
        grid = self._build_rows()
        self.message = MessageBar()
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.run_check)
        self.optimize_button = QPushButton()
        self.optimize_button.clicked.connect(self.optimize)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(lambda: open_restore(self.parentWidget() or self))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(grid)
        self.resize(760, 400)
        self.retranslate()
        self.run_check()

    def _build_rows(self) -> QGridLayout:
        """One row per fact: an icon (its verdict), its name, what was found."""
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        bold = QFont()
        bold.setBold(True)
        for r, key in enumerate(self.ROWS):
            name, icon, value = QLabel(), QLabel(), QLabel()
            name.setFont(bold)
            icon.setFixedWidth(22)
            icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(icon, r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(name, r, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, r, 2)
            self.names[key], self.icons[key], self.values[key] = name, icon, value
        return grid

    def _lay_out(self, grid: QGridLayout) -> None:
        bottom = QHBoxLayout()
        bottom.addWidget(self.check_button)
        bottom.addWidget(self.optimize_button)
        bottom.addWidget(self.restore_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.database_label)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(bottom)

    # ---------------------------------------------------------------------------------------------- texts
    def retranslate(self) -> None:
        HealthPage.texts_checking = self.tr("Checking the database…")
        self.setWindowTitle(self.tr("Database health — Mastery Ledger"))
        labels = {
            "integrity": self.tr("Integrity"),
            "foreign_keys": self.tr("Links between records"),
            "chain": self.tr("Audit trail"),
            "triggers": self.tr("Audit recording"),
            "replay": self.tr("Records vs. history"),
            "anchors": self.tr("History kept elsewhere"),
            "schema": self.tr("Database version"),
            "size": self.tr("Size"),
            "last_backup": self.tr("Last backup"),
            "backups": self.tr("Backups"),
        }
        for key, text in labels.items():
            self.names[key].setText(text)
        self.check_button.setText(self.tr("Check again"))
        self.optimize_button.setText(self.tr("Optimize…"))
        self.optimize_button.setToolTip(
            self.tr("Make a backup, then compact the database file and refresh its statistics (VACUUM and ANALYZE)")
        )
        self.restore_button.setText(self.tr("Restore a backup…"))
        self.database_label.setText(self.tr("Database: {path}").format(path=db.display_name()))
        if self.facts is not None:
            self._show(self.facts)
        else:
            self._waiting()

    def _set(self, key: str, state: str, text: str) -> None:
        self.states[key] = state
        self.icons[key].setText(ICONS[state])
        self.icons[key].setStyleSheet(f"color:{COLOURS[state]}; font-weight:bold;")
        self.values[key].setText(text)

    def _waiting(self) -> None:
        for key in self.ROWS:
            self._set(key, UNKNOWN, self.tr("checking…"))
        self.banner.setText(
            self.tr(
                "Checking the database… (the audit trail is read in full; this can take a moment on a large database)"
            )
        )
        self.banner.setStyleSheet("padding:8px; border-radius:4px; background:#eeeeee; color:#333;")

    # ---------------------------------------------------------------------------------------------- checking
    def run_check(self) -> None:
        self._waiting()
        self.check_button.setEnabled(False)
        self.optimize_button.setEnabled(False)
        folder = self.prefs.folder_path()
        self.jobs.start(
            lambda worker: gather(worker, folder),
            self.tr("Checking the database"),
            on_done=self._show,
            on_error=self._failed,
        )

    def _failed(self, message: str) -> None:
        self.check_button.setEnabled(True)
        self.banner.setText(message)
        self.banner.setStyleSheet("padding:8px; border-radius:4px; background:#fde8e8; color:#7a1616;")

    def _show(self, facts: HealthFacts) -> None:
        self.facts = facts
        report = facts.report
        self.check_button.setEnabled(True)
        self.optimize_button.setEnabled(db.database_path() is not None)
        self._show_database(report)
        self._show_chain(report.chain)
        self._show_recording(report)
        self._show_backups(facts)
        self._show_verdict()
        self.checked.emit(facts)

    def _show_database(self, report: health.HealthReport) -> None:
        """The file: integrity, links between records, the schema version, the size."""
        if report.integrity.startswith("ok"):
            self._set("integrity", OK, self.tr("No damage found in the database file."))
        else:
            self._set(
                "integrity",
                PROBLEM,
                self.tr("The database file is damaged: {detail}. Restore a backup.").format(detail=report.integrity),
            )
        # foreign keys
        if report.foreign_keys == "ok":
            self._set("foreign_keys", OK, self.tr("Every record belongs to a child that exists."))
        else:
            self._set(
                "foreign_keys",
                PROBLEM,
                self.tr("Some records point to a child that does not exist ({detail}).").format(
                    detail=report.foreign_keys
                ),
            )
        if report.schema_version == SCHEMA_VERSION:
            self._set("schema", OK, self.tr("{version} (current)").format(version=report.schema_version))
        else:
            self._set(
                "schema",
                PROBLEM,
                self.tr("{version}; this app expects {expected}.").format(
                    version=report.schema_version, expected=SCHEMA_VERSION
                ),
            )
        self._set("size", OK, self.size_text(report.size_bytes))

    def _show_chain(self, chain: audit.ChainReport | None) -> None:
        if chain is None:
            self._set("chain", UNKNOWN, self.tr("not checked"))
        elif chain.ok:
            text = self.tr("Verified: {rows} changes in {seals} seals; nothing was altered afterwards.").format(
                rows=f"{chain.sealed_rows:,}", seals=f"{chain.seals:,}"
            )
            if chain.unsealed_rows:
                text += " " + self.tr("{n} newer changes are sealed at the next save.").format(n=chain.unsealed_rows)
            self._set("chain", OK, text)
        else:
            problems = [self.chain_problem(p) for p in chain.problems[:4]]
            self._set(
                "chain",
                PROBLEM,
                self.tr("Damaged — the log was changed outside the app: {problems}").format(
                    problems="; ".join(problems)
                ),
            )

    def _show_recording(self, report: health.HealthReport) -> None:
        """The audit machinery (compared letter by letter), the data replayed against the log, the anchors."""
        if not report.machinery:
            text = self.tr("Every change is being recorded.")
            if report.repairs:
                text += " " + self.tr(
                    "The recording was found changed and put back {n} time(s); the row below "
                    "says whether anything was changed meanwhile."
                ).format(n=len(report.repairs))
            self._set("triggers", OK, text)
        else:
            self._set(
                "triggers",
                PROBLEM,
                self.tr(
                    "The recording was changed by another program ({n} difference(s): {details}). The app puts it back, "
                    "on record, the next time it opens the database."
                ).format(n=len(report.machinery), details="; ".join(report.machinery[:3])),
            )
        # the data replayed against the log
        if report.chain is None:
            self._set("replay", UNKNOWN, self.tr("not checked"))
        elif not report.replay and not report.flagged:
            self._set("replay", OK, self.tr("Every record is exactly what its history says."))
        else:
            found = report.flagged + report.replay
            self._set(
                "replay",
                PROBLEM,
                self.tr(
                    "{n} record(s) were changed without being recorded, or the history holds entries the app did not "
                    "write: {details}"
                ).format(n=len(found), details="; ".join(found[:3])),
            )
        # anchors outside the file
        if report.chain is None:
            self._set("anchors", UNKNOWN, self.tr("not checked"))
        elif not report.anchors:
            self._set("anchors", OK, self.tr("The history still matches what the app and the backups noted of it."))
        else:
            self._set(
                "anchors",
                PROBLEM,
                self.tr("The history was cut short or rewritten since the app last saw it: {details}").format(
                    details="; ".join(report.anchors[:2])
                ),
            )

    def _show_backups(self, facts: HealthFacts) -> None:
        last = facts.last_backup
        if facts.folder_error:
            self._set("last_backup", WARNING, facts.folder_error)
        elif db.database_path() is None:
            self._set("last_backup", WARNING, self.tr("A server database is backed up by the server's own tools."))
        elif last is None:
            self._set("last_backup", PROBLEM, self.tr("No backup yet. Make one with Tools ▸ Back up now (Ctrl+B)."))
        else:
            age = datetime.now(UTC) - last.created_at
            state = OK if age.total_seconds() < BACKUP_WARNING_DAYS * 86400 else WARNING
            text = self.tr("{ago} ({when}, {file})").format(
                ago=ago_text(age.total_seconds()), when=last.local_time.strftime("%Y-%m-%d %H:%M"), file=last.name
            )
            if not last.ok:
                state = PROBLEM
                text += " — " + self.tr("this backup is damaged; make a new one now (Ctrl+B)")
            self._set("last_backup", state, text)
        count = len([b for b in facts.backups if b.manifest is not None])
        self._set(
            "backups",
            OK if count else WARNING,
            self.tr("{n} in {folder}").format(n=count, folder=str(self.prefs.shown_folder())),
        )

    def _show_verdict(self) -> None:
        problems = [k for k, s in self.states.items() if s == PROBLEM]
        if not problems:
            self.banner.setText(self.tr("The database is healthy."))
            self.banner.setStyleSheet(
                "padding:8px; border-radius:4px; background:#e7f3e8; color:#1d4620; font-weight:bold;"
            )
        else:
            self.banner.setText(
                self.tr(
                    "The check found {n} problem(s). Nothing has been changed. Keep your "
                    "backups, and ask whoever looks after the app if you are unsure."
                ).format(n=len(problems))
            )
            self.banner.setStyleSheet(
                "padding:8px; border-radius:4px; background:#fde8e8; color:#7a1616; font-weight:bold;"
            )

    CHAIN_PATTERNS = (
        (re.compile(r"^audit rows (?P<a>\d+)–(?P<b>\d+) were altered after they were sealed$"), "altered"),
        (
            re.compile(r"^audit rows (?P<a>\d+)–(?P<b>\d+): (?P<sealed>\d+) were sealed, (?P<there>\d+) are there"),
            "count",
        ),
        (re.compile(r"^seal (?P<id>\d+) does not follow the seal before it"), "seal"),
        (re.compile(r"^(?P<n>\d+) audit rows were inserted among sealed rows$"), "inserted"),
    )

    def chain_problem(self, text: str) -> str:
        """One of :func:`desktop.store.audit.verify_chain`'s findings in the window's language."""
        for pattern, kind in self.CHAIN_PATTERNS:
            m = pattern.match(text)
            if not m:
                continue
            if kind == "altered" and m["a"] == m["b"]:
                return self.tr("change no. {a} was altered after it was recorded").format(**m.groupdict())
            if kind == "altered":
                return self.tr("changes no. {a}–{b} were altered after they were recorded").format(**m.groupdict())
            if kind == "count":
                return self.tr(
                    "changes no. {a}–{b}: {sealed} were recorded, {there} are there (some were deleted or added)"
                ).format(**m.groupdict())
            if kind == "seal":
                return self.tr("seal {id} does not follow the one before it (a seal was removed or forged)").format(
                    **m.groupdict()
                )
            return self.tr("{n} changes were slipped in among recorded ones").format(**m.groupdict())
        return text

    def size_text(self, size: int) -> str:
        if size < 1_048_576:
            return self.tr("{n} KB").format(n=max(1, round(size / 1024)))
        return self.tr("{n} MB").format(n=f"{size / 1_048_576:.1f}")

    # ---------------------------------------------------------------------------------------------- optimize
    def optimize(self) -> None:
        if db.database_path() is None:
            return
        question = self.tr(
            "Optimize the database now?\n\nA backup is made first; then the file is compacted and "
            "its statistics refreshed. Nothing in the records changes. Other windows and programs "
            "should not use the database meanwhile."
        )
        if not dialogs.ask(self, self.tr("Optimize"), question, yes=self.tr("Optimize"), no=self.tr("Cancel")):
            return
        stages = (
            self.tr("Making a backup first…"),
            self.tr("Compacting the database…"),
            self.tr("Refreshing statistics…"),
        )
        folder = self.prefs.folder_path()
        before = db.file_size(db.current())

        def job(worker: Worker) -> tuple[BackupInfo, int]:
            info = create_backup(
                database_path=db.database_path(),
                reason="before-optimize",
                dest_dir=folder,
                progress=lambda d=0, t=0, *_: worker.report(d * 600 // max(t, 1), 1000, stages[0]),
            )
            worker.report(600, 1000, stages[1])
            database = db.current()
            db.compact(database)
            worker.report(900, 1000, stages[2])
            db.refresh_statistics(database)
            worker.report(1000, 1000, stages[2])
            return info, db.file_size(database)

        self.optimize_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.jobs.start(
            job,
            self.tr("Optimizing the database"),
            on_done=lambda r: self._optimized(before, *r),
            on_error=self._optimize_failed,
        )

    def _optimized(self, before: int, info, after: int) -> None:
        self.message.show_message(
            self.tr("Optimized: {before} → {after}. A backup was saved first: {file}").format(
                before=self.size_text(before), after=self.size_text(after), file=info.name
            ),
            "info",
        )
        self.optimized.emit()
        self.run_check()

    def _optimize_failed(self, message: str) -> None:
        self.message.show_message(message, "error")
        self.check_button.setEnabled(True)
        self.optimize_button.setEnabled(True)

    def value_text(self, key: str) -> str:
        return self.values[key].text()

    def wait_idle(self, msecs: int = 60_000) -> None:
        self.jobs.wait(msecs)

    def done(self, result: int) -> None:
        self.jobs.wait()
        super().done(result)


def open_health(parent: QWidget | None) -> HealthPage:
    """The health page over ``parent`` (not blocking); the check starts at once."""
    page = HealthPage(parent)
    page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    launch(page)
    return page

"""Backups in the window: "Back up now" (Ctrl+B), the Restore dialog, the Backup settings page and the automatic
backups (on close and on a timer), all through the backup engine :mod:`desktop.backup`.

Nothing here blocks the window: copying, checking and restoring run in workers (:mod:`desktop.ui.workers`), whose
progress dialog appears only if a job takes longer than half a second. Questions go through
:mod:`desktop.ui.dialogs`, windows are shown through :func:`launch`, so tests answer or inspect them.

Entry points for the main window: :func:`backup_now`, :func:`open_restore`, :func:`open_backup_settings`,
:class:`BackupSettingsPage`, :class:`AutoBackupController`, and :func:`offer_restore_at_startup` for a damaged
database.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QEventLoop, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import backup, paths, server_backup
from desktop.errors import LedgerError
from desktop.store import db
from desktop.store.schema import DATA_TABLES
from desktop.ui import dialogs
from desktop.ui.audit_viewer import TABLE_NAMES, ensure_translations, launch, name_of, notify_data_changed
from desktop.ui.widgets import MessageBar, Retranslating
from desktop.ui.workers import PROGRESS_DELAY_MS, JobRunner, Worker

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------------------------
# Preferences: folder, retention, automatic backups.

PREFERENCES_FILE = "backup-settings.json"


@dataclass
class BackupPreferences:
    """Where backups go, how many are kept (see :class:`desktop.backup.BackupPolicy`) and when automatic ones are
    made. ``folder`` empty: the default folder in the user-data folder. ``interval_minutes`` 0: only on close."""

    folder: str = ""
    keep_all_days: int = 2
    daily: int = 12
    weekly: int = 10
    monthly: int = 9
    on_close: bool = True
    interval_minutes: int = 30

    LIMITS = {
        "keep_all_days": (0, 365),
        "daily": (0, 365),
        "weekly": (0, 520),
        "monthly": (0, 600),
        "interval_minutes": (0, 24 * 60),
    }

    def folder_path(self) -> Path | None:
        return Path(self.folder).expanduser() if self.folder.strip() else None

    def shown_folder(self) -> Path:
        return self.folder_path() or paths.backups_dir(create=False)

    def policy(self):
        return backup.BackupPolicy(
            keep_all_days=self.keep_all_days,
            daily=self.daily,
            weekly=self.weekly,
            monthly=self.monthly,
            auto_interval_minutes=self.interval_minutes or 30,
        )

    @classmethod
    def from_dict(cls, raw: dict) -> BackupPreferences:
        prefs = cls()
        for f in fields(cls):
            value = raw.get(f.name, getattr(prefs, f.name))
            default = getattr(prefs, f.name)
            if isinstance(default, bool):
                value = value if isinstance(value, bool) else default
            elif isinstance(default, int):
                lo, hi = cls.LIMITS.get(f.name, (0, 10**6))
                value = (
                    value if isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi else default
                )
            else:
                value = value if isinstance(value, str) else default
            setattr(prefs, f.name, value)
        return prefs

    # storage ---------------------------------------------------------------------------------------------
    @classmethod
    def load(cls) -> BackupPreferences:
        """From ``backup-settings.json`` in the data folder (the defaults when it is missing or unreadable)."""
        try:
            raw = json.loads(_preferences_path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError):
            log.warning("backup settings unreadable; using the defaults")
            return cls()
        return cls.from_dict(raw if isinstance(raw, dict) else {})

    def save(self) -> None:
        target = _preferences_path()
        paths.make_private_dir(target.parent)
        fd, tmp = tempfile.mkstemp(prefix=".backup-settings-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(asdict(self), out, ensure_ascii=False, indent=2, sort_keys=True)
            paths.make_private(tmp)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _preferences_path() -> Path:
    return paths.data_dir() / PREFERENCES_FILE


def is_server() -> bool:
    """True when the open database is a server (PostgreSQL) database."""
    return db.models.database.obj is not None and db.database_path() is None


def make_backup(reason: str, dest_dir=None, progress=None):
    """A verified backup of the open database: the SQLite file, or a snapshot of the server database (through
    :mod:`desktop.server_backup`)."""
    if is_server():
        return server_backup.create_server_backup(reason=reason, dest_dir=dest_dir, progress=progress)
    return backup.create_backup(database_path=db.database_path(), reason=reason, dest_dir=dest_dir, progress=progress)


def backup_into_chosen_folder(reason: str, progress=None) -> Path:
    """A verified backup of the open database in the folder chosen in Backup settings (Back up now, and before
    a bulk delete or a child's deletion); returns the backup file's path."""
    return make_backup(reason, BackupPreferences.load().folder_path(), progress).path


def last_backup_time() -> datetime | None:
    """When the newest backup in the folder chosen in Backup settings was made (UTC), or None."""
    return backup.last_backup_time(BackupPreferences.load().folder_path())


def _jobs_of(widget: QWidget | None) -> JobRunner:
    """The window's job runner (one job at a time, with the window's busy indicator), or a new one."""
    jobs = getattr(widget, "jobs", None)
    if isinstance(jobs, JobRunner):
        return jobs
    return JobRunner(widget)


def _size_text(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1_048_576:.1f} MB"


# --------------------------------------------------------------------------------------------------------------
# Back up now.


class _Texts(QObject):
    """Holds the sentences of the module-level functions (their translation context)."""

    def backing_up(self) -> str:
        return self.tr("Making a backup…")

    def backup_title(self) -> str:
        return self.tr("Back up now")

    def saved(self, name: str, folder: str) -> str:
        return self.tr("Backup saved and checked: {name} (in {folder})").format(name=name, folder=folder)

    def closing(self) -> str:
        return self.tr("Making a backup before closing…")

    def restore_title(self) -> str:
        return self.tr("Restore a backup")


def backup_now(parent: QWidget | None, on_done: Callable[[Any], None] | None = None) -> Worker:
    """Back up the open database now (toolbar button, Ctrl+B): progress only if it takes a while, then a short
    confirmation naming the file (in the status bar of a main window, else a message). Returns the worker."""
    ensure_translations()
    texts = _Texts()
    prefs = BackupPreferences.load()
    making = texts.backing_up()

    def job(worker: Worker):
        return make_backup(
            "manual", prefs.folder_path(), progress=lambda done=0, total=0, *_: worker.report(done, total, making)
        )

    def done(info) -> None:
        message = texts.saved(info.name, str(info.path.parent))
        refresh = getattr(parent, "refresh_backup_status", None)
        if callable(refresh):
            refresh()
        if isinstance(parent, QMainWindow):
            parent.statusBar().showMessage(message, 15_000)
        else:
            dialogs.inform(parent, texts.backup_title(), message)
        if on_done is not None:
            on_done(info)

    return _jobs_of(parent).start(
        job,
        texts.backup_title(),
        on_done=done,
        on_error=lambda message: dialogs.warn(parent, texts.backup_title(), message),
    )


# --------------------------------------------------------------------------------------------------------------
# Automatic backups.


class AutoBackupController(QObject):
    """Automatic backups for a main window: every ``interval_minutes`` while it is open and when it closes, each
    through :func:`desktop.backup.auto_backup` (which backs up only if the database changed since the newest backup
    and that one is old enough, then thins the folder by the retention policy).

    The main window creates one (``AutoBackupController(self)``); it watches the window's close event itself.
    Signals: ``backed_up(info)`` after a backup was made; ``failed(message)``."""

    backed_up = Signal(object)
    failed = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.preferences = BackupPreferences.load()
        self.jobs = JobRunner(self, progress_dialogs=False)
        self.running: Worker | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run_now)
        self.apply_preferences(self.preferences)
        window.installEventFilter(self)

    def apply_preferences(self, prefs: BackupPreferences) -> None:
        self.preferences = prefs
        if prefs.interval_minutes > 0:
            self.timer.start(prefs.interval_minutes * 60_000)
        else:
            self.timer.stop()

    def _job(self) -> Callable[[Worker], Any]:
        prefs = self.preferences
        path = db.database_path()

        def job(worker: Worker):
            if path is None:  # a server database is backed up by the server's own tools
                return None
            return backup.auto_backup(
                path, policy=prefs.policy(), dest_dir=prefs.folder_path(), cancel=worker.cancelled
            )

        return job

    def run_now(self) -> Worker | None:
        """Start an automatic backup in the background (skipped if one is running). On the timer and on close
        alike it is made only if something changed since the newest backup and that one is older than the
        interval, so closing and reopening the app never piles up backups."""
        if self.running is not None:
            return None
        self.running = self.jobs.start(
            self._job(), "automatic backup", on_done=self._finished, on_error=self._failed, on_cancel=self._cancelled
        )
        return self.running

    def _finished(self, info) -> None:
        self.running = None
        if info is not None:
            self.backed_up.emit(info)
            refresh = getattr(self.window, "refresh_backup_status", None)
            if callable(refresh):
                refresh()

    def _failed(self, message: str) -> None:
        self.running = None
        log.warning("automatic backup failed: %s", message)
        self.failed.emit(message)

    def _cancelled(self, _message: str) -> None:
        self.running = None

    def backup_on_close(self) -> None:
        """The backup made when the window closes: waits for it (a progress dialog after half a second), never
        longer than needed and never stopping the window from closing."""
        if not self.preferences.on_close or db.models.database.obj is None:
            return
        if self.running is not None:
            self.jobs.wait()
            self.running = None
        worker = self.run_now()
        if worker is None:
            return
        loop = QEventLoop()
        worker.signals.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        worker.signals.failed.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        worker.signals.cancelled.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        progress = QProgressDialog(_Texts().closing(), "", 0, 0, self.window)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        progress.setMinimumDuration(10**9)  # shown by the timer below, only if the backup takes a while
        show_later = QTimer(self)
        show_later.setSingleShot(True)
        show_later.timeout.connect(progress.show)
        show_later.start(PROGRESS_DELAY_MS)
        if not worker.done.is_set():
            loop.exec()
        self.jobs.wait()
        show_later.stop()
        progress.close()
        progress.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Close:
            try:
                self.backup_on_close()
            except Exception:  # closing must never fail because of a backup
                log.exception("backup on close failed")
        return False

    def stop(self) -> None:
        self.timer.stop()
        if self.running is not None:
            self.running.cancel()
        self.jobs.wait()


# --------------------------------------------------------------------------------------------------------------
# The Backup settings page.


class BackupSettingsPage(Retranslating, QWidget):
    """Folder, retention and automatic backups; ``preferences()`` reads the page, ``apply()`` stores it (and tells
    an :class:`AutoBackupController` given to it). Emits ``changed()`` when the user edits anything."""

    changed = Signal()

    def __init__(self, controller: AutoBackupController | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ensure_translations()
        self.controller = controller
        self.folder_edit = QLineEdit()
        self.folder_edit.setClearButtonEnabled(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button = QPushButton()
        self.default_button.clicked.connect(lambda: self.folder_edit.setText(""))
        self.folder_label = QLabel()
        self.folder_hint = QLabel()
        self.folder_hint.setWordWrap(True)
        self.folder_hint.setStyleSheet("color:#555;")
        self.spins: dict[str, QSpinBox] = {}
        for key in ("keep_all_days", "daily", "weekly", "monthly", "interval_minutes"):
            spin = QSpinBox()
            spin.setRange(*BackupPreferences.LIMITS[key])
            spin.valueChanged.connect(self.changed)
            self.spins[key] = spin
        self.spin_labels = {key: QLabel() for key in self.spins}
        self.on_close = QCheckBox()
        self.on_close.toggled.connect(self.changed)
        self.auto_hint = QLabel()
        self.auto_hint.setWordWrap(True)
        self.auto_hint.setStyleSheet("color:#555;")
        self.folder_edit.textChanged.connect(self._folder_changed)
        self.folder_box, self.keep_box, self.auto_box = QGroupBox(), QGroupBox(), QGroupBox()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.default_button)
        folder_layout = QVBoxLayout(self.folder_box)
        folder_layout.addWidget(self.folder_label)
        folder_layout.addLayout(folder_row)
        folder_layout.addWidget(self.folder_hint)
        keep_layout = QFormLayout(self.keep_box)
        for key in ("keep_all_days", "daily", "weekly", "monthly"):
            keep_layout.addRow(self.spin_labels[key], self.spins[key])
        self.keep_hint = QLabel()
        self.keep_hint.setWordWrap(True)
        self.keep_hint.setStyleSheet("color:#555;")
        keep_layout.addRow(self.keep_hint)
        auto_layout = QFormLayout(self.auto_box)
        auto_layout.addRow(self.on_close)
        auto_layout.addRow(self.spin_labels["interval_minutes"], self.spins["interval_minutes"])
        auto_layout.addRow(self.auto_hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_box)
        layout.addWidget(self.keep_box)
        layout.addWidget(self.auto_box)
        layout.addStretch(1)
        self.load(BackupPreferences.load())
        self.retranslate()

    def retranslate(self) -> None:
        ensure_translations()
        self.folder_box.setTitle(self.tr("Where backups are kept"))
        self.folder_label.setText(self.tr("Folder (empty: the app's own backup folder):"))
        self.folder_edit.setPlaceholderText(str(paths.backups_dir(create=False)))
        self.choose_button.setText(self.tr("Choose…"))
        self.default_button.setText(self.tr("Use the default"))
        self.folder_hint.setText(
            self.tr(
                "A folder on a USB drive or another disk also protects the records if this "
                "computer breaks. If the drive is not connected, the app says so."
            )
        )
        self.keep_box.setTitle(self.tr("How many backups are kept"))
        self.spin_labels["keep_all_days"].setText(self.tr("Keep every backup for (days):"))
        self.spin_labels["daily"].setText(self.tr("then one a day for (days):"))
        self.spin_labels["weekly"].setText(self.tr("then one a week for (weeks):"))
        self.spin_labels["monthly"].setText(self.tr("then one a month for (months):"))
        self.keep_hint.setText(
            self.tr(
                "Backups made just before an import, a restore, an undo, optimizing or a "
                "large delete are kept for at least 30 days."
            )
        )
        self.auto_box.setTitle(self.tr("Automatic backups"))
        self.on_close.setText(self.tr("Back up when the app is closed"))
        self.auto_hint.setText(
            self.tr(
                "Either way, only if something changed since the newest backup and that "
                "backup is older than the interval."
            )
        )
        self.spin_labels["interval_minutes"].setText(self.tr("While the app is open, every (minutes; 0 = never):"))

    def load(self, prefs: BackupPreferences) -> None:
        self.folder_edit.setText(prefs.folder)
        for key, spin in self.spins.items():
            spin.setValue(getattr(prefs, key))
        self.on_close.setChecked(prefs.on_close)

    def preferences(self) -> BackupPreferences:
        return BackupPreferences(
            folder=self.folder_edit.text().strip(),
            on_close=self.on_close.isChecked(),
            **{key: spin.value() for key, spin in self.spins.items()},
        )

    def choose_folder(self) -> None:
        start = self.folder_edit.text().strip() or str(paths.backups_dir(create=False))
        chosen = dialogs.choose_directory(self, self.tr("Folder for backups"), start)
        if chosen:
            self.folder_edit.setText(chosen)

    def _folder_changed(self, text: str) -> None:
        folder = Path(text.strip()).expanduser() if text.strip() else None
        missing = folder is not None and not folder.is_dir()
        self.folder_edit.setStyleSheet("color:#b00020;" if missing else "")
        self.folder_edit.setToolTip(self.tr("This folder is not there (is the drive connected?)") if missing else "")
        self.changed.emit()

    def apply(self) -> BackupPreferences:
        prefs = self.preferences()
        prefs.save()
        if self.controller is not None:
            self.controller.apply_preferences(prefs)
        return prefs


class BackupSettingsDialog(Retranslating, QDialog):
    """The Backup settings page in a dialog of its own (OK stores it)."""

    def __init__(self, controller: AutoBackupController | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = BackupSettingsPage(controller)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Backup settings"))


def open_backup_settings(parent: QWidget | None, controller: AutoBackupController | None = None) -> bool:
    """The Backup settings dialog; True if the user saved."""
    if controller is None and parent is not None:
        controller = parent.findChild(AutoBackupController)
    dialog = BackupSettingsDialog(controller, parent)
    if not dialogs.run(dialog):
        return False
    dialog.page.apply()
    return True


# --------------------------------------------------------------------------------------------------------------
# The Restore dialog.

COUNTED = (*DATA_TABLES, "audit_log")


def current_counts() -> dict[str, int] | None:
    """Rows per table in the open database (``None`` if none is open)."""
    try:
        database = db.current()
    except LedgerError:
        return None
    return {t: database.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in COUNTED}


class RestoreDialog(Retranslating, QDialog):
    """The backups in the backup folder (newest first): local time, reason, size, counts, verified or damaged;
    the selected one compared with the database now; Restore (after a question; a backup of the current state is
    made first) in a worker with progress. Each backup is judged by what its file holds
    (:func:`desktop.backup.check_content`): a damaged, foreign or newer one cannot be chosen; a sound one whose audit
    trail does not verify is restored only after a second question saying what was found.

    ``damaged``: opened at start-up because the database is damaged (no comparison; the damaged file is kept).
    Signals: ``restored(result)``."""

    restored = Signal(object)

    def __init__(
        self, parent: QWidget | None = None, database_path: Path | str | None = None, damaged: str | None = None
    ) -> None:
        super().__init__(parent)
        ensure_translations()
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
        self.table = QTableWidget(0, 6)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        for col in (0, 1, 2, 3, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(False)  # days are banded instead (see _fill)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.compare = QTableWidget(0, 4)
        self.compare.verticalHeader().hide()
        row_height = self.compare.fontMetrics().height() + 8
        self.compare.verticalHeader().setDefaultSectionSize(row_height)
        self.compare.setFixedHeight(row_height * (len(COUNTED) + 1) + 10)
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
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
        self.resize(900, 620)
        self.retranslate()
        self.reload()

    # ---------------------------------------------------------------------------------------------- texts
    def retranslate(self) -> None:
        ensure_translations()
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
        self.table.horizontalHeaderItem(5).setToolTip(
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
        """What made the backup, in words (every reason of :data:`desktop.backup.REASONS` has its own)."""
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
        }
        return texts.get(reason, reason)

    def day_text(self, day) -> str:
        """A day heading in the list, in the window's language ("Thursday, 3 December 2026")."""
        return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)

    def kept_text(self, kept: bool) -> str:
        return self.tr("Kept") if kept else self.tr("Removed at the next tidy-up")

    def status_text(self, info) -> str:
        if info.status == backup.VERIFIED:
            return self.tr("✔ Verified")
        if info.status == backup.UNVERIFIED:
            return self.tr("⚠ Audit trail does not verify")
        if info.status == backup.DAMAGED:
            return self.tr("✖ Damaged")
        if info.status == backup.UNUSABLE:
            return self.tr("✖ Cannot be used")
        if info.status == backup.UNREADABLE:
            return self.tr("✖ Unreadable")
        return self.tr("Not checked")

    def unusable_text(self, info) -> str:
        """Why a backup cannot be chosen, in a sentence (the technical detail is in the tooltip)."""
        kind = info.content.kind if info.content is not None else ""
        if kind == "foreign":
            return self.tr("This file is not a Mastery Ledger backup, so it cannot be used.")
        if kind == "damaged":
            return self.tr("The file is damaged, so it cannot be used.")
        if info.status == backup.DAMAGED:
            return self.tr("The file changed after it was made, so it cannot be used.")
        if info.status == backup.UNREADABLE:
            return self.tr("The file or its description cannot be read.")
        return self.tr("Made by a newer version of the app; update the app to use it.")

    def choosable(self, info) -> bool:
        """A backup that can be restored: one that passed every check, or a sound one whose audit trail does not
        verify (restored into a file only, after a second question)."""
        return info.restorable or (info.needs_acceptance and (bool(self.damaged) or not is_server()))

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
        """List and check the backups (what each file holds: :func:`desktop.backup.check_content`; a file checked
        before in this session, unchanged, keeps its verdict unless ``reuse`` is off: "Check again") and count the
        database now, in a worker."""
        folder = self.prefs.folder_path()
        damaged = self.damaged
        self.restore_button.setEnabled(False)
        checking = self.tr("Checking the backups…")

        def job(worker: Worker):
            infos = backup.list_backups(
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
        kept = backup.kept_by_thinning(backups, datetime.now(UTC).astimezone(), self.prefs.policy())
        for r, (info, first_of_day, band) in enumerate(day_groups(backups)):
            when = info.local_time.strftime("%H:%M:%S")
            cells = [
                QTableWidgetItem(f"{self.day_text(info.local_time.date())}  {when}" if first_of_day else when),
                QTableWidgetItem(self.reason_text(info.reason)),
                QTableWidgetItem(_size_text(info.size)),
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

    def selected(self):
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
        target = self.database_path
        folder = self.prefs.folder_path()
        restoring = self.tr("Restoring the backup…")
        server = is_server() and not self.damaged
        # A file restore needs the database to itself: this thread's connection goes first (it reopens by itself).
        if models_bound() and not server:
            db.current().close()
        self.restore_button.setEnabled(False)

        def job(worker: Worker):
            report = lambda d=0, t=0, *_: worker.report(d, t, restoring)  # noqa: E731
            if server:
                server_backup.restore_server_backup(info, backup_dir=folder, progress=report)
                return _ServerRestore(info)
            return backup.restore_backup(
                info, target, backup_dir=folder, progress=report, accept_unverified=accept_unverified
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


def models_bound() -> bool:
    return db.models.database.obj is not None


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
    ensure_translations()
    detail = getattr(error, "detail", "") or str(error)
    dialog = RestoreDialog(parent, database_path=database_path, damaged=detail)
    restored: list = []
    dialog.restored.connect(restored.append)
    dialogs.run(dialog)
    return bool(restored)

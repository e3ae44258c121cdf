"""Making backups from the window: "Back up now" (Ctrl+B), a backup in the chosen folder before a bulk delete, and
the automatic backups (on close and on a timer), all through the backup engine :mod:`desktop.backup` (or
:mod:`desktop.server_backup` for a server database).

Nothing here blocks the window: copying and checking run in workers (:mod:`desktop.ui.workers`), whose progress
dialog appears only if a job takes longer than half a second.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QWidget

from desktop import models, server_backup
from desktop.backup.check import last_backup_time as newest_backup_time
from desktop.backup.create import create_backup
from desktop.backup.files import ProgressFn
from desktop.backup.manifest import BackupInfo
from desktop.backup.retention import auto_backup
from desktop.store import db
from desktop.ui import dialogs
from desktop.ui.backups.preferences import BackupPreferences
from desktop.ui.workers import PROGRESS_DELAY_MS, JobRunner, Worker

log = logging.getLogger(__name__)


def models_bound() -> bool:
    """Whether a database is open (the models are bound to it)."""
    return models.database.obj is not None


def is_server() -> bool:
    """True when the open database is a server (PostgreSQL) database."""
    return models_bound() and db.database_path() is None


def make_backup(reason: str, dest_dir: Path | None = None, progress: ProgressFn | None = None) -> BackupInfo:
    """A verified backup of the open database: the SQLite file, or a snapshot of the server database (through
    :mod:`desktop.server_backup`)."""
    if is_server():
        return server_backup.create_server_backup(reason=reason, dest_dir=dest_dir, progress=progress)
    return create_backup(database_path=db.database_path(), reason=reason, dest_dir=dest_dir, progress=progress)


def backup_into_chosen_folder(reason: str, progress: ProgressFn | None = None) -> Path:
    """A verified backup of the open database in the folder chosen in Backup settings (Back up now, and before
    a bulk delete or a child's deletion); returns the backup file's path."""
    return make_backup(reason, BackupPreferences.load().folder_path(), progress).path


def last_backup_time() -> datetime | None:
    """When the newest backup in the folder chosen in Backup settings was made (UTC), or None."""
    return newest_backup_time(BackupPreferences.load().folder_path())


def _jobs_of(widget: QWidget | None) -> JobRunner:
    """The window's job runner (one job at a time, with the window's busy indicator), or a new one."""
    jobs = getattr(widget, "jobs", None)
    if isinstance(jobs, JobRunner):
        return jobs
    return JobRunner(widget)


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


def backup_now(parent: QWidget | None, on_done: Callable[[Any], None] | None = None) -> Worker:
    """Back up the open database now (toolbar button, Ctrl+B): progress only if it takes a while, then a short
    confirmation naming the file (in the status bar of a main window, else a message). Returns the worker."""
    texts = _Texts()
    prefs = BackupPreferences.load()
    making = texts.backing_up()

    def job(worker: Worker) -> BackupInfo:
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


class AutoBackupController(QObject):
    """Automatic backups for a main window: every ``interval_minutes`` while it is open and when it closes, each
    through :func:`desktop.backup.retention.auto_backup` (which backs up only if the database changed since the newest backup
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

        def job(worker: Worker) -> BackupInfo | None:
            if path is None:  # a server database is backed up by the server's own tools
                return None
            return auto_backup(path, policy=prefs.policy(), dest_dir=prefs.folder_path(), cancel=worker.cancelled)

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
        if not self.preferences.on_close or models.database.obj is None:
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

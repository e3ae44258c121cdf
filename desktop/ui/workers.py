"""Background work: one worker pattern for everything that may take longer than a blink (backups, bulk deletes,
pasting long lists, CSV export, checking the database).

A :class:`Worker` runs a plain function on a thread pool and reports through signals; it never touches a widget.
It uses its own thread's database connection (peewee keeps one per thread) and closes it when done. A
:class:`JobRunner` starts workers for a window, says when it is busy, and shows a progress dialog only if a job
is still running after :data:`PROGRESS_DELAY_MS` (quick jobs never flash a dialog).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop import db, paths
from desktop.ui import messages

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500


class Cancelled(Exception):
    """Raised inside a job (by :meth:`Worker.check`) when the user cancelled it."""


class WorkerSignals(QObject):
    """``progress(done, total, text)`` while running; then exactly one of ``finished(result)`` or
    ``failed(message)`` (a translated sentence), or ``cancelled()``."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Worker(QRunnable):
    """Runs ``fn(worker)`` off the GUI thread. ``fn`` reports with ``worker.report(done, total, text)`` and checks
    ``worker.check()`` between batches if it can be cancelled."""

    def __init__(self, fn: Callable[[Worker], object], name: str = "job") -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.name = name
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def report(self, done: int = 0, total: int = 0, text: str = "", *_ignored) -> None:
        self.signals.progress.emit(int(done or 0), int(total or 0), str(text or ""))

    def run(self) -> None:
        try:
            result = self.fn(self)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # reported to the window as a sentence; a bug also goes to the log
            message = messages.describe(exc)
            if message is None:
                log.exception("background job %s failed", self.name)
                message = messages.translate(UNEXPECTED).format(log=paths.logs_dir() / "mastery-ledger.log")
            self.signals.failed.emit(message)
        else:
            self.signals.finished.emit(result)
        finally:
            _close_thread_connection()
            self.done.set()


UNEXPECTED = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "Something unexpected went wrong; nothing was half-written. Details are in the log file {log}.",
)


def _close_thread_connection() -> None:
    """Close this thread's connection to the open database (peewee keeps one per thread)."""
    try:
        database = db.current()
    except Exception:
        return
    if not database.is_closed():
        database.close()


class JobRunner(QObject):
    """Starts workers for one window, one at a time in order (writes queue behind each other anyway).

    ``busy_changed(busy, text)`` drives the status bar's busy indicator.
    """

    busy_changed = Signal(bool, str)

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.reads = QThreadPool(self)
        self.reads.setMaxThreadCount(2)
        self.active: list[Worker] = []
        self.reading: list[Worker] = []
        self.progress_delay_ms = PROGRESS_DELAY_MS

    @property
    def busy(self) -> bool:
        return bool(self.active)

    def start(
        self,
        fn: Callable[[Worker], object],
        title: str,
        on_done: Callable[[object], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        cancellable: bool = False,
    ) -> Worker:
        worker = Worker(fn, name=title)
        dialog: list[QProgressDialog] = []
        last = {"done": 0, "total": 0, "text": ""}

        def show_dialog() -> None:
            if worker.done.is_set() or worker not in self.active:
                return
            progress = QProgressDialog(self.parent_widget)
            progress.setWindowTitle(title)
            progress.setLabelText(last["text"] or title)
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(0)
            progress.setAutoClose(False)
            progress.setAutoReset(False)
            progress.setRange(0, last["total"] or 0)
            progress.setValue(last["done"] if last["total"] else 0)
            if cancellable:
                progress.canceled.connect(worker.cancel)
            else:
                progress.setCancelButton(None)
            progress.show()
            dialog.append(progress)

        def on_progress(done: int, total: int, text: str) -> None:
            last.update(done=done, total=total, text=text)
            if dialog:
                dialog[0].setRange(0, total or 0)
                if total:
                    dialog[0].setValue(min(done, total))
                if text:
                    dialog[0].setLabelText(text)
            self.busy_changed.emit(True, text or title)

        def finish() -> None:
            timer.stop()
            if dialog:
                dialog[0].close()
                dialog[0].deleteLater()
            if worker in self.active:
                self.active.remove(worker)
            self.busy_changed.emit(self.busy, "")

        def done(result: object) -> None:
            finish()
            if on_done is not None:
                on_done(result)

        def failed(message: str) -> None:
            finish()
            if on_error is not None:
                on_error(message)

        worker.signals.progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
        worker.signals.finished.connect(done, Qt.ConnectionType.QueuedConnection)
        worker.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        worker.signals.cancelled.connect(finish, Qt.ConnectionType.QueuedConnection)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(show_dialog)
        timer.start(self.progress_delay_ms)
        self.active.append(worker)
        self.busy_changed.emit(True, title)
        self.pool.start(worker)
        return worker

    def read(self, fn: Callable[[], object], on_done: Callable[[object], None],
             on_error: Callable[[str], None] | None = None, name: str = "read") -> Worker:
        """Run a read-only query off the GUI thread, quietly (no busy indicator, no dialog): for reads that can
        take more than a blink on a large child, like the words-over-time chart."""
        worker = Worker(lambda _worker: fn(), name=name)

        def finish() -> None:
            if worker in self.reading:
                self.reading.remove(worker)

        def done(result: object) -> None:
            finish()
            on_done(result)

        def failed(message: str) -> None:
            finish()
            if on_error is not None:
                on_error(message)
            else:
                log.warning("background read %s failed", name)

        worker.signals.finished.connect(done, Qt.ConnectionType.QueuedConnection)
        worker.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        self.reading.append(worker)
        self.reads.start(worker)
        return worker

    def wait(self, msecs: int = -1) -> bool:
        """Block until every started worker has finished (closing the window, tests)."""
        return self.pool.waitForDone(msecs) and self.reads.waitForDone(msecs)

"""Background work: one worker pattern for everything that may take longer than a blink (backups, bulk deletes,
pasting long lists, CSV export, checking the database, the wizard's migration, the audit log's pages).

A :class:`Worker` runs a plain function on a thread pool and reports through signals; it never touches a widget.
It uses its own thread's database connection (peewee keeps one per thread) and closes it when done. A
:class:`JobRunner` starts workers for a window, says when it is busy, and shows a progress dialog only if a job
is still running after :data:`PROGRESS_DELAY_MS` (quick jobs never flash a dialog). Its :meth:`JobRunner.read`
runs quiet reads; a runner made with ``latest=True`` keeps only the newest read: a newer one stops the older one
(and interrupts its SQLite query), whose result is dropped.

A runner made with ``pause_collector=True`` (the wizard's) pauses Python's cyclic garbage collector while its jobs
run (:func:`collector_paused`): a full collection over the hundreds of thousands of records a large migration
holds takes 100–200 ms with the GIL held, and every such pause froze the window (bench/wizard_responsiveness.py).
The engine's records hold no reference cycles, so reference counting frees them as usual; at the end the surviving
objects are moved out of the collector's sight (``gc.freeze()``), so re-enabling it does not pay the pause
afterwards on the GUI thread instead; they are given back to it (:func:`thaw_collector`) when the wizard closes.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import peewee
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop import paths
from desktop.errors import Cancelled, LedgerError
from desktop.store import db
from desktop.store.cipher import dbapi
from desktop.ui import messages
from desktop.ui.qtcompat import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500

#: What a job returns, handed to its ``on_done``.
T = TypeVar("T")

# Progress reports closer together than this are dropped (a new stage, or the end of one, is always sent), so a
# fast engine cannot flood the event loop.
PROGRESS_INTERVAL_S = 0.05


class WorkerSignals(QObject):
    """``progress(done, total, text)`` while running; then exactly one of ``finished(result)`` or
    ``failed(message)`` (a translated sentence), or ``cancelled(message)`` (the cancellation's sentence)."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)


class Worker(QRunnable):
    """Runs ``fn(worker)`` off the GUI thread. ``fn`` reports with ``worker.report(done, total, text)`` and checks
    ``worker.check()`` between batches if it can be cancelled; an engine polls ``worker.cancelled`` (its ``cancel``
    callback) instead. A :class:`desktop.errors.Cancelled` from either ends the job as cancelled."""

    def __init__(self, fn: Callable[[Worker], object], name: str = "job") -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.name = name
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()
        self._last_report = (0.0, "")

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def running(self) -> bool:
        return not self.done.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def report(self, done: int = 0, total: int = 0, text: str = "", *_ignored) -> None:
        done, total, text = int(done or 0), int(total or 0), str(text or "")
        now = time.monotonic()
        last, last_text = self._last_report
        if text == last_text and now - last < PROGRESS_INTERVAL_S and (not total or done < total):
            return
        self._last_report = (now, text)
        self.signals.progress.emit(done, total, text)

    def run(self) -> None:
        try:
            result = self.fn(self)
        except Cancelled as exc:
            self.signals.cancelled.emit(messages.describe(exc) or str(exc))
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
    except LedgerError:  # no database open
        return
    if not database.is_closed():
        database.close()


def _thread_connection() -> object:
    """This thread's connection to the open database (opened now), or None when no database is open."""
    try:
        database = db.current()
    except LedgerError:
        return None
    return database.connection()


_gc_lock = threading.Lock()
_gc_state = {"jobs": 0, "was_enabled": True}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while any job runs (nested and concurrent jobs count)."""
    with _gc_lock:
        if _gc_state["jobs"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_state["jobs"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["jobs"] -= 1
            if _gc_state["jobs"] == 0:
                gc.freeze()
                if _gc_state["was_enabled"]:
                    gc.enable()


def thaw_collector() -> None:
    """Let the collector see the objects frozen after the jobs again (when no job runs)."""
    with _gc_lock:
        if _gc_state["jobs"] == 0:
            gc.unfreeze()


class JobRunner(QObject):
    """Starts the workers of one window and keeps them alive until they end; the one place the UI starts threads.

    ``start`` runs jobs (writes) one at a time in order, or ``threads`` at once; ``busy_changed(busy, text)`` drives
    the status bar's busy indicator, and a progress dialog appears for a job still running after
    ``progress_delay_ms`` unless the window shows progress itself (``progress_dialogs=False``, the wizard).
    ``read`` runs quiet reads beside them; with ``latest=True`` only the newest read counts: starting one stops the
    older (interrupting its query) and drops its result, so a reader never shows an answer to an old question.
    ``pause_collector=True`` pauses the cyclic garbage collector while a job runs (see the module doc)."""

    busy_changed = Signal(bool, str)

    def __init__(
        self,
        parent_widget: QWidget | QObject | None = None,
        threads: int = 1,
        progress_dialogs: bool = True,
        latest: bool = False,
        pause_collector: bool = False,
    ) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget if isinstance(parent_widget, QWidget) else None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self.reads = QThreadPool(self)
        self.reads.setMaxThreadCount(1 if latest else 2)
        self.active: list[Worker] = []
        self.reading: list[Worker] = []
        self.progress_delay_ms = PROGRESS_DELAY_MS
        self.progress_dialogs = progress_dialogs
        self.latest = latest
        self.pause_collector = pause_collector
        self._lock = threading.Lock()
        self._connections: dict[Worker, dbapi.Connection] = {}

    @property
    def busy(self) -> bool:
        """A started job or a read (the newest one, for a ``latest`` runner) has not ended yet."""
        return bool(self.active or self.reading)

    def _job(self, fn: Callable[[Worker], object]) -> Callable[[Worker], object]:
        if not self.pause_collector:
            return fn

        def run(worker: Worker) -> object:
            with collector_paused():
                return fn(worker)

        return run

    def start(
        self,
        fn: Callable[[Worker], T],
        title: str,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        cancellable: bool = False,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancel: Callable[[str], None] | None = None,
    ) -> Worker:
        """Run ``fn(worker)`` in the background. The callbacks run on the GUI thread: ``on_done(result)``,
        ``on_error(message)``, ``on_progress(done, total, text)``, and ``on_cancel(message)`` when the job ended
        as cancelled (a :class:`desktop.errors.Cancelled`; quietly if not given). ``cancellable`` gives the progress
        dialog a Cancel button."""
        worker = Worker(self._job(fn), name=title)
        view = _JobProgress(self, worker, title, cancellable, on_progress)

        def ending(callback: Callable[[Any], None] | None) -> Callable[[Any], None]:
            def ended(value: object) -> None:
                view.finish()
                if callback is not None:
                    callback(value)

            return ended

        queued = Qt.ConnectionType.QueuedConnection
        worker.signals.progress.connect(view.progressed, queued)
        worker.signals.finished.connect(ending(on_done), queued)
        worker.signals.failed.connect(ending(on_error), queued)
        worker.signals.cancelled.connect(ending(on_cancel), queued)
        if self.progress_dialogs:
            view.timer.start(self.progress_delay_ms)
        self.active.append(worker)
        self.busy_changed.emit(True, title)
        self.pool.start(worker)
        return worker

    def read(
        self,
        fn: Callable[[Worker], T],
        on_done: Callable[[T], None],
        on_error: Callable[[str], None] | None = None,
        name: str = "read",
    ) -> Worker:
        """Run a read-only query ``fn(worker)`` off the GUI thread, quietly (no busy indicator, no dialog): for
        reads that can take more than a blink on a large child, like the words-over-time chart or the audit log.
        On a ``latest`` runner, a read started later stops this one; this one's result is then never delivered."""
        if self.latest:
            self.drop_reads()
        job = self._job(fn)

        def interruptible(worker: Worker) -> object:
            connection = _thread_connection() if self.latest else None
            if isinstance(connection, dbapi.Connection):
                with self._lock:
                    self._connections[worker] = connection
            try:
                return job(worker)
            except (peewee.OperationalError, dbapi.OperationalError) as exc:
                if "interrupted" in str(exc):
                    raise Cancelled() from exc
                raise
            finally:
                with self._lock:
                    self._connections.pop(worker, None)

        worker = Worker(interruptible, name=name)

        def current() -> bool:
            if worker not in self.reading:
                return False  # dropped: a newer read replaced it, or the runner was stopped
            self.reading.remove(worker)
            return True

        def done(result: object) -> None:
            if current():
                on_done(cast(T, result))  # the finished signal carries what fn returned

        def failed(message: str) -> None:
            if current():
                if on_error is not None:
                    on_error(message)
                else:
                    log.warning("background read %s failed", name)

        queued = Qt.ConnectionType.QueuedConnection
        worker.signals.finished.connect(done, queued)
        worker.signals.failed.connect(failed, queued)
        worker.signals.cancelled.connect(lambda _message: current(), queued)
        self.reading.append(worker)
        self.reads.start(worker)
        return worker

    def drop_reads(self) -> None:
        """Stop the running reads (their queries are interrupted) and drop their results."""
        dropped, self.reading = self.reading, []
        for worker in dropped:
            worker.cancel()
        with self._lock:
            for worker in dropped:
                connection = self._connections.get(worker)
                if connection is not None:
                    try:
                        connection.interrupt()
                    except dbapi.ProgrammingError:  # already closed: the read has ended
                        pass

    def cancel_all(self) -> None:
        """Ask every started job to stop (each ends as cancelled, or with the result its engine returns then)."""
        for worker in self.active:
            worker.cancel()

    def stop(self, msecs: int = 10_000) -> bool:
        """Drop the reads and wait for the workers to end (closing a window)."""
        self.drop_reads()
        return self.wait(msecs)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every started worker has finished (closing the window, tests)."""
        return self.pool.waitForDone(msecs) and self.reads.waitForDone(msecs)


class _JobProgress:
    """What a window shows of one started job: the busy indicator, and a progress dialog once the job has run for
    the runner's ``progress_delay_ms`` (with a Cancel button if it is ``cancellable``)."""

    def __init__(
        self,
        runner: JobRunner,
        worker: Worker,
        title: str,
        cancellable: bool,
        on_progress: Callable[[int, int, str], None] | None,
    ) -> None:
        self.runner = runner
        self.worker = worker
        self.title = title
        self.cancellable = cancellable
        self.on_progress = on_progress
        self.dialog: QProgressDialog | None = None
        self.done, self.total, self.text = 0, 0, ""
        self.timer = QTimer(runner)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.show_dialog)

    def show_dialog(self) -> None:
        if self.worker.done.is_set() or self.worker not in self.runner.active:
            return
        progress = QProgressDialog(self.runner.parent_widget)
        progress.setWindowTitle(self.title)
        progress.setLabelText(self.text or self.title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setRange(0, self.total or 0)
        progress.setValue(self.done if self.total else 0)
        if self.cancellable:
            progress.canceled.connect(self.worker.cancel)
        else:
            progress.setCancelButton(None)
        progress.show()
        self.dialog = progress

    def progressed(self, done: int, total: int, text: str) -> None:
        self.done, self.total, self.text = done, total, text
        if self.dialog is not None:
            self.dialog.setRange(0, total or 0)
            if total:
                self.dialog.setValue(min(done, total))
            if text:
                self.dialog.setLabelText(text)
        self.runner.busy_changed.emit(True, text or self.title)
        if self.on_progress is not None:
            self.on_progress(done, total, text)

    def finish(self) -> None:
        self.timer.stop()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        if self.worker in self.runner.active:
            self.runner.active.remove(self.worker)
        self.runner.busy_changed.emit(bool(self.runner.active), "")  # reads never show the busy indicator

"""Background jobs for the wizard, on the project's worker pattern (:class:`desktop.ui.workers.Worker`).

A job runs a plain function off the GUI thread; it reports progress through queued signals (throttled, so a fast
engine cannot flood the event loop), never touches a widget, and closes its own database connection at the end
(peewee keeps one per thread). Cancelling sets a ``threading.Event`` that the engine's ``cancel`` callback reads.

While a job runs, Python's cyclic garbage collector is paused (:func:`collector_paused`): a full collection over
the hundreds of thousands of records a large migration holds takes 100–200 ms with the GIL held, and every such
pause froze the window (bench/wizard_responsiveness.py). The engine's records hold no reference cycles, so
reference counting frees them as usual; at the end the surviving objects are moved out of the collector's sight
(``gc.freeze()``), so re-enabling it does not pay the pause afterwards on the GUI thread instead; they are given
back to it (:func:`thaw_collector`) when the wizard closes and the records are let go.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Qt, QThreadPool

from desktop.ui.workers import Worker

#: Progress reports closer together than this are dropped (a new stage, or the end of one, is always sent).
PROGRESS_INTERVAL_S = 0.05


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


class Job:
    """One running job: ``cancel()`` asks it to stop; ``cancelled()`` is the flag the engine polls."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self._last = 0.0
        self._last_text = ""

    def cancel(self) -> None:
        self.worker.cancel()

    def cancelled(self) -> bool:
        return self.worker.is_cancelled

    @property
    def running(self) -> bool:
        return not self.worker.done.is_set()

    def progress(self, done: int = 0, total: int = 0, text: str = "") -> None:
        """The engine's ``progress`` callback (runs in the worker thread)."""
        now = time.monotonic()
        if text == self._last_text and now - self._last < PROGRESS_INTERVAL_S and (not total or done < total):
            return
        self._last, self._last_text = now, text
        self.worker.report(done, total, text)


class JobRunner(QObject):
    """Starts the wizard's jobs on its own pool and keeps them alive until they end.

    ``start(fn, on_done, on_error, on_progress)``: ``fn(job)`` runs in a worker thread; the callbacks run on the GUI
    thread. A job that is cancelled still ends with ``on_done`` (the engine returns a "cancelled" result)."""

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self.jobs: list[Job] = []

    def start(self, fn: Callable[[Job], object], on_done: Callable[[object], None],
              on_error: Callable[[str], None], on_progress: Callable[[int, int, str], None] | None = None,
              name: str = "wizard job") -> Job:
        holder: list[Job] = []

        def run(_worker: Worker) -> object:
            with collector_paused():
                return fn(holder[0])

        worker = Worker(run, name=name)
        job = Job(worker)
        holder.append(job)
        queued = Qt.ConnectionType.QueuedConnection

        def forget() -> None:
            if job in self.jobs:
                self.jobs.remove(job)

        def done(result: object) -> None:
            forget()
            on_done(result)

        def failed(message: str) -> None:
            forget()
            on_error(message)

        if on_progress is not None:
            worker.signals.progress.connect(on_progress, queued)
        worker.signals.finished.connect(done, queued)
        worker.signals.failed.connect(failed, queued)
        worker.signals.cancelled.connect(forget, queued)
        self.jobs.append(job)
        self.pool.start(worker)
        return job

    @property
    def busy(self) -> bool:
        return any(job.running for job in self.jobs)

    def cancel_all(self) -> None:
        for job in self.jobs:
            job.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job has ended (closing the wizard, tests)."""
        return self.pool.waitForDone(msecs)

"""Reads someone is waiting for go first. A background pass over the whole database (the window's check of the
audit chain after opening, which takes seconds on a big file) steps aside between its pages while such a read runs:
on a 2-CPU laptop the two would otherwise share the processor and Python's lock, and a filter's first rows would
wait for the check (``bench/audit_viewer.py``, 1M rows: a text search took 145–177 ms during the check and
98–112 ms without it; stepping aside, ~100 ms during it).

Per process: the reads of one window and the checks it runs. A pass never waits more than :data:`MAX_WAIT` at a
time, so a long read (a search that scans the log) slows the check down without stopping it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: The longest a background pass waits for the foreground reads before it reads its next page anyway (seconds).
MAX_WAIT = 0.2

_lock = threading.Lock()
_done = threading.Condition(_lock)
_running = 0


@contextmanager
def read() -> Iterator[None]:
    """Around a read someone is waiting for (a page of the audit log on screen)."""
    global _running
    with _lock:
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if not _running:
                _done.notify_all()


def busy() -> bool:
    """Whether a foreground read runs now."""
    return _running > 0


def step_aside(max_wait: float | None = None) -> None:
    """Between the pages of a background pass: wait while a foreground read runs (at most ``max_wait`` seconds,
    :data:`MAX_WAIT` by default). Costs a lock when none does."""
    with _lock:
        if _running:
            _done.wait_for(lambda: not _running, timeout=MAX_WAIT if max_wait is None else max_wait)

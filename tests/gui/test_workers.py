"""The one JobRunner: a newer read replaces an older one on a ``latest`` runner, a cancellation is one class that
ends a job as cancelled (never as a failure), and the wizard's runner pauses the cyclic collector only while it runs."""

from __future__ import annotations

import gc
import threading

from desktop.errors import Cancelled
from desktop.ui.workers import JobRunner, Worker


def _reads(qtbot, latest: bool) -> list[str]:
    """Two reads of the same question; the first is still running when the second is asked."""
    runner = JobRunner(latest=latest)
    started, release = threading.Event(), threading.Event()
    results: list[str] = []

    def older(worker: Worker) -> str:
        started.set()
        release.wait(30)
        return "older answer"

    runner.read(older, results.append)
    assert started.wait(30)
    runner.read(lambda worker: "newer answer", results.append)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    assert runner.wait(20_000)
    qtbot.wait(0)  # deliver anything still queued
    return results


def test_a_newer_read_replaces_an_older_one_on_a_latest_runner(qtbot):
    assert _reads(qtbot, latest=True) == ["newer answer"]


def test_a_plain_runner_delivers_every_read(qtbot):
    assert sorted(_reads(qtbot, latest=False)) == ["newer answer", "older answer"]


def test_a_stopped_runner_delivers_nothing(qtbot):
    runner = JobRunner(latest=True)
    release = threading.Event()
    results: list[str] = []

    def read(worker: Worker) -> str:
        release.wait(30)
        return "too late"

    runner.read(read, results.append)
    release.set()
    runner.stop()
    qtbot.wait(0)
    assert results == [] and not runner.busy


def test_a_cancellation_ends_a_job_as_cancelled_with_its_sentence(qtbot):
    runner = JobRunner(progress_dialogs=False)
    ended: dict[str, list[str]] = {"done": [], "error": [], "cancel": []}

    def job(worker: Worker) -> None:
        raise Cancelled("The transfer was cancelled; the target database was not changed.")

    runner.start(
        job, "transfer", on_done=ended["done"].append, on_error=ended["error"].append, on_cancel=ended["cancel"].append
    )
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    assert ended == {
        "done": [],
        "error": [],
        "cancel": ["The transfer was cancelled; the target database was not changed."],
    }


def test_cancelling_a_job_stops_it_at_its_next_check(qtbot):
    runner = JobRunner(progress_dialogs=False)
    started, checked = threading.Event(), []
    ended: dict[str, list] = {"done": [], "error": [], "cancel": []}

    def job(worker: Worker) -> str:
        started.set()
        while not worker.cancelled():
            worker.report(0, 0, "waiting")
        checked.append(True)
        worker.check()
        return "finished anyway"

    worker = runner.start(
        job, "export", on_done=ended["done"].append, on_error=ended["error"].append, on_cancel=ended["cancel"].append
    )
    assert started.wait(30)
    runner.cancel_all()
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    assert checked == [True] and worker.cancelled()
    assert ended["done"] == [] and ended["error"] == []
    assert ended["cancel"] == [str(Cancelled())]


def test_the_collector_is_paused_only_while_a_wizard_job_runs(qtbot):
    runner = JobRunner(progress_dialogs=False, pause_collector=True)
    enabled_before = gc.isenabled()
    seen: list[bool] = []
    runner.start(lambda worker: gc.isenabled(), "migration", on_done=seen.append)
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    assert seen == [False]
    assert gc.isenabled() == enabled_before


def test_the_busy_indicator_follows_jobs_not_quiet_reads(qtbot):
    runner = JobRunner(progress_dialogs=False)
    shown: list[bool] = []
    runner.busy_changed.connect(lambda busy, _text: shown.append(busy))
    release = threading.Event()
    runner.read(lambda worker: release.wait(30), lambda _result: None)
    runner.start(lambda worker: 1, "write")
    qtbot.waitUntil(lambda: not runner.active, timeout=20_000)
    assert shown == [True, False]
    assert runner.busy  # the read still runs: waiting for the runner waits for it too
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    assert shown == [True, False]

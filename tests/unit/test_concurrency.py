"""Two editors of the same record — two windows, two threads, two processes — produce one save and one conflict:
nothing is silently overwritten, and the audit log holds exactly the change that was accepted."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from desktop import services
from desktop.errors import ConflictError, NotFoundError
from desktop.store import audit, db

WORKER_TIMEOUT = 120  # seconds; only a guard against a hung test, never a measurement


def word_updates(database, word_id: int) -> list[audit.AuditEntry]:
    log = audit.LOG
    return audit.entries(
        database, log.table_name == "mastered_words", log.record_id == str(word_id), log.action == "UPDATE"
    )


@pytest.fixture
def word(ledger) -> dict:
    pid = services.create_profile("Shared Kid")["id"]
    return services.add_word(pid, "original", "en")


def test_two_saves_carrying_the_same_version_give_one_save_and_one_conflict(ledger, word):
    read_version = word["version"]
    saved = services.rename_word(word["id"], "first window", read_version)
    with pytest.raises(ConflictError) as info:
        services.rename_word(word["id"], "second window", read_version)
    assert "changed elsewhere" in str(info.value) and "Nothing was overwritten" in str(info.value)
    assert services.get_row("mastered_words", word["id"])["word"] == "first window"
    assert saved["version"] == read_version + 1
    updates = word_updates(ledger, word["id"])
    assert [(e.old["word"], e.new["word"]) for e in updates] == [("original", "first window")]
    # Reloading and saving again works.
    again = services.rename_word(word["id"], "second window", saved["version"])
    assert again["word"] == "second window"


def test_a_stale_profile_edit_is_a_conflict(ledger):
    profile = services.create_profile("Stale Kid")
    services.update_profile(profile["id"], profile["version"], school="A School")
    with pytest.raises(ConflictError):
        services.update_profile(profile["id"], profile["version"], school="B School")
    assert services.get_profile(profile["id"])["school"] == "A School"


def test_a_stale_delete_is_a_conflict_and_deletes_nothing(ledger):
    profile = services.create_profile("Keep Kid")
    services.update_profile(profile["id"], profile["version"], school="Changed")
    with pytest.raises(ConflictError):
        services.delete_profile(profile["id"], profile["version"])
    assert services.get_profile(profile["id"])["school"] == "Changed"


def test_editing_a_record_deleted_elsewhere_is_not_found(ledger, word):
    services.delete_rows("mastered_words", [word["id"]])
    with pytest.raises(NotFoundError):
        services.rename_word(word["id"], "revived", word["version"])


def test_two_threads_with_their_own_connections(ledger, word):
    barrier = threading.Barrier(2, timeout=WORKER_TIMEOUT)
    outcomes: dict[str, str] = {}

    def edit(name: str) -> None:
        try:
            version = services.get_row("mastered_words", word["id"])["version"]
            barrier.wait()
            try:
                services.rename_word(word["id"], f"from {name}", version)
                outcomes[name] = "saved"
            except ConflictError:
                outcomes[name] = "conflict"
        finally:
            ledger.close()  # this thread's connection

    threads = [threading.Thread(target=edit, args=(n,)) for n in ("left", "right")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WORKER_TIMEOUT)
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(n for n, o in outcomes.items() if o == "saved")
    assert services.get_row("mastered_words", word["id"])["word"] == f"from {winner}"
    updates = word_updates(ledger, word["id"])
    assert [(e.new["word"], e.changed_by) for e in updates] == [(f"from {winner}", "user")]


def edit_in_another_process(path: str, word_id: int, name: str, barrier, results) -> None:
    """Runs in a child process: open the database, read the row, wait for the other editor, save."""
    from desktop import services as child_services
    from desktop.errors import ConflictError as ChildConflict
    from desktop.store import db as child_db

    child_db.open_database(path, create=False)
    try:
        version = child_services.get_row("mastered_words", word_id)["version"]
        barrier.wait()
        try:
            child_services.rename_word(word_id, f"from {name}", version)
            results.put((name, "saved"))
        except ChildConflict:
            results.put((name, "conflict"))
    except Exception as exc:  # reported to the test, which fails with it
        results.put((name, f"error: {exc!r}"))
    finally:
        child_db.close_database()


def test_two_processes_editing_the_same_row(ledger, db_path: Path, word):
    db.close_database()
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2, timeout=WORKER_TIMEOUT)
    results = ctx.Queue()
    workers = [
        ctx.Process(target=edit_in_another_process, args=(str(db_path), word["id"], n, barrier, results))
        for n in ("alpha", "beta")
    ]
    for w in workers:
        w.start()
    outcomes = dict(results.get(timeout=WORKER_TIMEOUT) for _ in workers)
    for w in workers:
        w.join(WORKER_TIMEOUT)
        assert w.exitcode == 0
        w.close()
    results.close()
    results.join_thread()

    assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
    winner = next(n for n, o in outcomes.items() if o == "saved")
    database = db.open_database(db_path)
    assert services.get_row("mastered_words", word["id"])["word"] == f"from {winner}"
    updates = word_updates(database, word["id"])
    assert [(e.old["word"], e.new["word"], e.changed_by) for e in updates] == [("original", f"from {winner}", "user")]
    assert audit.verify_chain(database).ok

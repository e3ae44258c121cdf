"""A page of the audit log someone is waiting for is read first: the background check of the chain steps aside
between its pages while one is read (desktop.store.foreground), and never stops for good. Invented data only."""

from __future__ import annotations

import threading

import pytest

from desktop import services
from desktop.store import audit, audit_log, foreground
from desktop.store.audit_log import LogFilter


@pytest.fixture
def logged(ledger, monkeypatch):
    """A log of a few hundred rows, read by the chain check ten rows per page."""
    monkeypatch.setattr(audit, "_CHAIN_PAGE", 10)
    pid = services.create_profile("Waiting Kid")["id"]
    for n in range(5):
        services.bulk_add_words(pid, [f"词{n}-{i}" for i in range(60)], "zh")
    return ledger


def check_in_background(database, monkeypatch) -> tuple[threading.Thread, dict]:
    """The chain check on a thread of its own (its own connection, as the window's check runs), counting the pages
    it reads."""
    out: dict = {"pages": 0}
    step_aside = foreground.step_aside

    def counted(*args, **kwargs):
        step_aside(*args, **kwargs)
        out["pages"] += 1

    def run():
        try:
            out["report"] = audit.verify_chain(database)
        finally:
            database.close()

    monkeypatch.setattr(foreground, "step_aside", counted)
    thread = threading.Thread(target=run, daemon=True)
    return thread, out


def test_the_check_waits_while_a_page_is_read_and_then_finishes(logged, monkeypatch):
    expected = audit.verify_chain(logged)
    assert expected.ok and expected.sealed_rows > 300
    monkeypatch.setattr(foreground, "MAX_WAIT", 60.0)
    thread, out = check_in_background(logged, monkeypatch)
    with foreground.read():
        thread.start()
        thread.join(0.5)
        # held back before its first page: however slow or fast this machine is, it has read nothing yet
        assert thread.is_alive() and "report" not in out and out["pages"] <= 1
    thread.join(30)
    assert not thread.is_alive()
    report = out["report"]
    assert (report.ok, report.sealed_rows, report.seals) == (expected.ok, expected.sealed_rows, expected.seals)
    assert out["pages"] > 30  # it went on page by page once the read was done


def test_a_read_that_never_ends_only_slows_the_check(logged, monkeypatch):
    monkeypatch.setattr(foreground, "MAX_WAIT", 0.001)
    thread, out = check_in_background(logged, monkeypatch)
    with foreground.read():  # held until the check is over
        thread.start()
        thread.join(60)
        assert foreground.busy()
    assert not thread.is_alive() and out["report"].ok


def test_reading_a_page_of_the_log_is_a_foreground_read(logged, monkeypatch):
    seen: list[bool] = []
    rows = audit_log._PageReads.rows

    def spy(self, *args):
        seen.append(foreground.busy())
        return rows(self, *args)

    monkeypatch.setattr(audit_log._PageReads, "rows", spy)
    assert not foreground.busy()
    page = audit_log.fetch_log_page(LogFilter(text="词3"))
    assert page.items and seen and all(seen)
    assert not foreground.busy()  # and over when the page is


def test_a_failing_read_does_not_hold_the_check_back(logged, monkeypatch):
    def broken(self, *args):
        raise RuntimeError("a read that fails")

    monkeypatch.setattr(audit_log._PageReads, "rows", broken)
    with pytest.raises(RuntimeError):
        audit_log.fetch_log_page(LogFilter())
    assert not foreground.busy()  # a check steps aside for nothing


def test_a_page_of_a_childs_table_is_a_foreground_read_and_an_export_is_not(logged, monkeypatch):
    from desktop.store import tables

    seen: list[bool] = []
    fetch = tables._fetch_page

    def spy(*args):
        seen.append(foreground.busy())
        return fetch(*args)

    monkeypatch.setattr(tables, "_fetch_page", spy)
    (child,) = audit_log.profile_names()
    query = tables.TableQuery(tables.SPECS["words"], profile_id=child, language="zh")
    assert tables.fetch_page(query).rows and tables.fetch_page(query, full=True).rows
    assert seen == [True, False]

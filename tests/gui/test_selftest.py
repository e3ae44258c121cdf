"""The built-in self-test (``--selftest``): passes on a working installation, names the step that broke."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.ui import selftest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(qapp):
    return qapp


def test_every_step_passes(app, ledger_home):
    out = io.StringIO()
    assert selftest.run(out) == 0, out.getvalue()
    lines = out.getvalue().splitlines()
    steps = [line for line in lines if line.startswith(("PASS", "FAIL", "SKIP"))]
    assert len(steps) == len(selftest.SelfTest.STEPS)
    assert all(line.startswith("PASS") for line in steps), out.getvalue()
    assert "6 tabs" in out.getvalue() or "tabs:" in out.getvalue()
    assert lines[-1].startswith("Self-test passed")


def test_the_users_data_is_not_touched(app, ledger_home):
    assert selftest.run(io.StringIO()) == 0
    assert os.environ["MASTERY_LEDGER_HOME"] == str(ledger_home)  # restored afterwards
    assert not (ledger_home / "ledger.db").exists()


def test_a_broken_step_is_named_and_fails_the_run(app, monkeypatch):
    def broken(self):
        raise OSError("the disk is full")

    monkeypatch.setattr(selftest.SelfTest, "step_backup", broken)
    out = io.StringIO()
    assert selftest.run(out) == 1
    text = out.getvalue()
    assert "FAIL  make a backup — OSError: the disk is full" in text
    # what needs the backup is skipped, what does not still runs
    assert "SKIP  restore the backup — needs: make a backup" in text
    assert "PASS  change a record" in text
    assert "Self-test FAILED" in text.splitlines()[-1]


def test_a_failed_check_is_reported_with_its_reason(app, monkeypatch):
    from desktop import services

    real_update = services.update_profile
    monkeypatch.setattr(services, "update_profile", lambda pid, version, **kw: real_update(pid, version))
    out = io.StringIO()
    assert selftest.run(out) == 1
    assert "FAIL  change a record — the change was not saved" in out.getvalue()


def test_the_command_line_runs_it(tmp_path):
    """``python -m desktop --selftest`` as the packaged app runs it (a fresh process, no display)."""
    env = {
        **os.environ,
        "MASTERY_LEDGER_HOME": str(tmp_path / "home"),
        "MASTERY_LEDGER_SELFTEST_REPORT": str(tmp_path / "report.txt"),
    }
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must choose offscreen itself
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--selftest"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Self-test passed" in done.stdout
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == done.stdout
    assert not (tmp_path / "home").exists()  # nothing was written to the user's data folder


@pytest.mark.qt_log_ignore("^after the self-test$")  # the warning this test sends on purpose
def test_qt_messages_go_back_to_their_handler_afterwards(app, qtlog):
    from PySide6.QtCore import qWarning

    assert selftest.run(io.StringIO()) == 0
    qWarning("after the self-test")
    assert any("after the self-test" in record.message for record in qtlog.records)

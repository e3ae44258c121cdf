"""The start-up probe (``MASTERY_LEDGER_STARTUP_PROBE=1 mastery-ledger --selftest``): start the normal window and,
right after its first paint, print :data:`PROBE_LINE` and quit; packaging/build.py times the launch up to that
line. This module imports only what the app itself imports on a double-click, so the figure is the app's own (the
self-test's module imports the engines it exercises)."""

from __future__ import annotations

import argparse
import copy
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop.ui import app as app_module

PROBE_ENV = "MASTERY_LEDGER_STARTUP_PROBE"
PROBE_LINE = "startup-probe: window shown"
#: Where a windowed build (no stdout) also writes its line (the self-test's report file).
REPORT_ENV = "MASTERY_LEDGER_SELFTEST_REPORT"


def wanted() -> bool:
    return os.environ.get(PROBE_ENV) == "1"


def main(args: argparse.Namespace | None) -> int:
    """Start the normal window; after its first paint print :data:`PROBE_LINE` and quit."""
    application = app_module.create_application()

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if (
                not self.seen
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and isinstance(watched.window(), QMainWindow)
            ):
                self.seen = True
                QTimer.singleShot(0, self.report)  # after the whole window has been painted and flushed
            return False

        def report(self) -> None:
            application.removeEventFilter(self)
            line = f"{PROBE_LINE} {time.perf_counter() - started:.3f} s after the app module started"
            if sys.stdout is not None:
                print(line, flush=True)
            if os.environ.get(REPORT_ENV):
                Path(os.environ[REPORT_ENV]).write_text(line + "\n", encoding="utf-8")
            application.exit(0)

    started = time.perf_counter()
    probe = FirstPaint()
    application.installEventFilter(probe)
    window_args = copy.copy(args) if args is not None else argparse.Namespace(db=None, demo=False, lang=None)
    window_args.selftest = False
    result = app_module.main(window_args)
    return result if probe.seen else (result or 1)

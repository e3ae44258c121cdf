"""``mastery-ledger --selftest``: prove that this installation works, headless, without touching the user's data.

In a temporary user-data folder it imports the bundled sample legacy data through the migration engine, verifies
it, opens the main window and visits every tab, makes a backup, changes a record, restores the backup and checks
that the change is gone and the database is healthy, then opens the database as an encrypted (SQLCipher) file with
the key it stored (in the temporary folder, never the OS keychain). One line per step (``PASS``/``FAIL``/``SKIP``), exit 0 when
every step passed, else 1. The same code runs frozen (the packaged app) and from a checkout.

Output goes to stdout, and also to the file named by ``$MASTERY_LEDGER_SELFTEST_REPORT`` (a windowed Windows
build has no stdout; the build script reads that file).

A hidden mode measures start-up: with ``MASTERY_LEDGER_STARTUP_PROBE=1``, ``--selftest`` instead starts the
normal window (:mod:`desktop.ui.startup_probe`, which imports nothing the app does not).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from PySide6.QtCore import (
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTabWidget

from desktop import __version__, health, keys, paths, resources, services
from desktop.backup.check import check_backup
from desktop.backup.create import create_backup
from desktop.backup.encrypt import encrypt_database
from desktop.backup.manifest import BackupInfo
from desktop.backup.restore import restore_backup
from desktop.legacy import importer
from desktop.models import MODEL_BY_TABLE
from desktop.store import cipher, db
from desktop.store.schema import DATA_TABLES
from desktop.ui import app as app_module
from desktop.ui import demo, i18n, startup_probe
from desktop.ui.main_window import MainWindow
from desktop.ui.startup_probe import PROBE_ENV, REPORT_ENV

CHANGED_SUFFIX = " (changed by the self-test)"
KEY_STORAGE_ENV = "MASTERY_LEDGER_KEY_STORAGE"  # "file": desktop.keys keeps keys in owner-only files, not the keychain


def keychain_name() -> str:
    """The OS keychain backend this installation would use (found, never written to): the bundle has its module."""
    try:
        import keyring  # why: deferred; only this step needs the backends loaded

        return type(keyring.get_keyring()).__module__.rsplit(".", 1)[-1]
    except Exception as exc:  # noqa: BLE001 - a missing or broken backend is reported, not fatal
        return f"unavailable ({type(exc).__name__})"


class Output(Protocol):
    """Where the lines go: a text stream (stdout, a report file, a test's StringIO)."""

    def write(self, text: str, /) -> int: ...

    def flush(self) -> None: ...


class StepFailed(Exception):
    """A check inside a step did not hold; its message is the FAIL line's detail."""


def check(condition: object, message: str) -> None:
    if not condition:
        raise StepFailed(message)


@dataclass
class StepResult:
    name: str
    status: str  # PASS, FAIL, SKIP
    detail: str = ""
    seconds: float = 0.0

    def line(self) -> str:
        detail = f" — {self.detail}" if self.detail else ""
        return f"{self.status}  {self.name}{detail}"


@dataclass
class SelfTest:
    """The steps, run in order. Each step is a method; a step whose prerequisite did not pass is skipped.

    ``STEPS`` names them (title, method, prerequisites) so a test can replace one method to see it reported."""

    out: Output | None = None
    results: list[StepResult] = field(default_factory=list)
    home: Path | None = None
    window: MainWindow | None = None
    profile_id: str = ""  # the first imported child (step_verify_import)
    original_name: str = ""
    counts_after_import: dict[str, int] = field(default_factory=dict)
    backup_info: BackupInfo | None = None
    qt_problems: list[str] = field(default_factory=list)
    _saved_env: dict[str, str | None] = field(default_factory=dict)
    _previous_handler: Callable[[QtMsgType, QMessageLogContext, str], object] | None = None
    _message_handler_installed: bool = False

    STEPS = (
        ("find the bundled resources", "step_resources", ()),
        ("create a temporary user-data folder", "step_home", ()),
        ("import the sample legacy data", "step_import", ("step_resources", "step_home")),
        ("verify the imported data", "step_verify_import", ("step_import",)),
        ("open the main window", "step_open_window", ("step_import",)),
        ("select a profile", "step_select_profile", ("step_open_window",)),
        ("visit every tab", "step_visit_tabs", ("step_open_window",)),
        ("switch the language", "step_language", ("step_open_window",)),
        ("make a backup", "step_backup", ("step_import",)),
        ("change a record", "step_change", ("step_import",)),
        ("restore the backup", "step_restore", ("step_backup", "step_change")),
        ("verify the restored data", "step_verify_restore", ("step_restore",)),
        ("open the window on the restored data", "step_reopen_window", ("step_restore", "step_open_window")),
        ("open the encrypted database", "step_encrypted", ("step_verify_restore",)),
    )

    # ----------------------------------------------------------------------------------------------------------
    # Running.

    def emit(self, text: str) -> None:
        if self.out is not None:
            print(text, file=self.out, flush=True)

    def run(self) -> int:
        started = time.perf_counter()

        frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
        self.emit(
            f"Mastery Ledger {__version__} self-test ({frozen}, Python {sys.version.split()[0]}, "
            f"{sys.platform}, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')})"
        )
        passed: set[str] = set()
        try:
            for title, method, needs in self.STEPS:
                missing = [self._title(n) for n in needs if n not in passed]
                if missing:
                    result = StepResult(title, "SKIP", "needs: " + ", ".join(missing))
                else:
                    result = self._run_step(title, getattr(self, method))
                    if result.status == "PASS":
                        passed.add(method)
                self.results.append(result)
                self.emit(result.line())
        finally:
            self.cleanup()
        failed = [r for r in self.results if r.status != "PASS"]
        elapsed = time.perf_counter() - started
        if failed:
            names = ", ".join(r.name for r in failed if r.status == "FAIL")
            self.emit(
                f"Self-test FAILED: {len(failed)} of {len(self.results)} steps did not pass ({names}); {elapsed:.1f} s"
            )
            return 1
        self.emit(f"Self-test passed: {len(self.results)} steps in {elapsed:.1f} s")
        return 0

    def _title(self, method: str) -> str:
        return next(title for title, name, _ in self.STEPS if name == method)

    def _run_step(self, title: str, step: Callable[[], str | None]) -> StepResult:
        started = time.perf_counter()
        self.qt_problems.clear()
        previous_hook = sys.excepthook
        uncaught: list[str] = []

        def collect(exc_type, exc, tb) -> None:  # exceptions raised in Qt slots and event handlers
            uncaught.append("".join(traceback.format_exception_only(exc_type, exc)).strip())

        sys.excepthook = collect
        try:
            detail = step() or ""
            self._process_events()
            check(not uncaught, "uncaught error in the window: " + "; ".join(uncaught[:3]))
            check(not self.qt_problems, "Qt reported: " + "; ".join(self.qt_problems[:3]))
            status = "PASS"
        except StepFailed as exc:
            status, detail = "FAIL", str(exc)
        except Exception as exc:  # noqa: BLE001 - every failure is a FAIL line, never a crash
            status, detail = "FAIL", f"{type(exc).__name__}: {exc}"
            last = traceback.extract_tb(exc.__traceback__)[-1:]
            if last:
                detail += f" ({Path(last[0].filename).name}:{last[0].lineno})"
        finally:
            sys.excepthook = previous_hook
        return StepResult(title, status, detail, time.perf_counter() - started)

    def _process_events(self) -> None:
        if "PySide6.QtWidgets" not in sys.modules:
            return

        app = QApplication.instance()
        if app is not None:
            for _ in range(3):
                app.processEvents()

    def cleanup(self) -> None:
        self._close_window()
        db.close_database()
        if self._message_handler_installed:  # give Qt's messages back to whoever had them (pytest-qt, the app)
            qInstallMessageHandler(self._previous_handler)
            self._message_handler_installed = False
        for name, value in self._saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if self.home is not None:
            shutil.rmtree(self.home, ignore_errors=True)

    def _set_env(self, name: str, value: str) -> None:
        self._saved_env.setdefault(name, os.environ.get(name))
        os.environ[name] = value

    # ----------------------------------------------------------------------------------------------------------
    # The steps. Each returns a short detail for its PASS line or raises.

    def step_resources(self) -> str:
        folder = demo.sample_legacy_folder()
        check((folder / "profiles" / "child_profiles.json").is_file(), f"no sample legacy data in {folder}")
        translations = sorted(p.name for p in resources.translations_dir().glob("*.qm"))
        icons = resources.app_icon_files()
        check(icons, f"no application icon in {resources.icons_dir()}")
        return f"{resources.resources_dir()} ({len(translations)} translations, {len(icons)} icon sizes)"

    def step_home(self) -> str:
        self.home = Path(tempfile.mkdtemp(prefix="mastery-ledger-selftest-"))
        self._set_env(paths.HOME_ENV, str(self.home))
        self._set_env(KEY_STORAGE_ENV, "file")  # the test keys go to the temporary folder, never the keychain
        check(paths.data_dir() == self.home.resolve(), "the user-data folder did not move to the temporary one")
        return str(self.home)

    def step_import(self) -> str:
        db.open_database()
        folder = demo.sample_legacy_folder()
        result = importer.migrate(folder, assume_tz=demo.SAMPLE_TIME_ZONE, assign_to=demo.first_profile_id(folder))
        check(result.status == "migrated", f"status {result.status}: {result.message}")
        bad = [c.line() for c in result.checks if not c.ok]
        check(result.checks and not bad, "verification: " + "; ".join(bad or ["no checks"]))
        return result.message

    def step_verify_import(self) -> str:
        report = health.check(db.current())
        check(report.healthy, "health: " + "; ".join(report.problems))
        profiles = services.list_profiles()
        check(len(profiles) >= 1, "no profile was imported")
        self.profile_id = profiles[0]["id"]
        self.original_name = profiles[0]["name"]
        self.counts_after_import = self._counts()
        return f"healthy; {report.chain.summary() if report.chain else ''}"

    def step_open_window(self) -> str:
        self._ensure_application()

        self.window = window = MainWindow()
        window.show()
        self._process_events()
        check(window.isVisible(), "the main window is not visible after show()")
        image = window.grab()
        check(not image.isNull(), "the main window could not be painted")
        QApplication.processEvents()
        return f"{window.windowTitle()!r}, {window.width()}x{window.height()}"

    def step_select_profile(self) -> str:
        window = self._shown_window()
        window.profiles.select(self.profile_id)
        self._process_events()
        selected = window.profiles.current_id()
        check(selected == self.profile_id, f"profiles.select({self.profile_id!r}) left {selected!r} selected")
        return f"profiles.select({self.profile_id!r})"

    def step_visit_tabs(self) -> str:
        window = self._shown_window()
        tab_widgets = [window.tabs, *(w for w in window.findChildren(QTabWidget) if w is not window.tabs)]
        visited = []
        for tabs in tab_widgets:
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                self._process_events()
                check(tabs.currentIndex() == index, f"tab {tabs.tabText(index)!r} could not be selected")
                check(not window.grab().isNull(), f"tab {tabs.tabText(index)!r} could not be painted")
                visited.append(tabs.tabText(index).replace("&", ""))
        return f"{len(visited)} tabs: " + ", ".join(visited)

    def step_language(self) -> str:
        window = self._shown_window()
        if not any(resources.translations_dir().glob("*_zh_CN.qm")):
            # packaging/build.py checks that every compiled translation of the checkout is in the bundle
            return f"English only: no compiled translations in {resources.translations_dir()}"
        translations = i18n.translations()
        check(translations.switch("zh_CN"), f"the Chinese translation is missing from {resources.translations_dir()}")
        self._process_events()
        check(not window.grab().isNull(), "the window could not be painted in Chinese")
        title = window.windowTitle()
        # Qt's own dialogs (standard buttons) come from Qt's bundled qtbase translation
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = box.buttons()[0].text()
        check(cancel != "Cancel", "Qt's own dialogs are not translated (qtbase_zh_CN.qm missing)")
        check(translations.switch("en"), "could not switch back to English")
        self._process_events()
        return f"zh_CN and back to en ({title!r}; Cancel → {cancel})"

    def step_backup(self) -> str:
        info = create_backup(database_path=db.database_path(), reason="manual")
        checked = check_backup(info, integrity=True)
        check(checked.ok, f"the new backup does not verify: {checked.detail}")
        self.backup_info = checked
        return f"{info.name} ({(info.size or 0) / 1024:.0f} KB, verified)"

    def step_change(self) -> str:
        profile = services.get_profile(self.profile_id)
        services.update_profile(self.profile_id, profile["version"], name=profile["name"] + CHANGED_SUFFIX)
        check(services.get_profile(self.profile_id)["name"].endswith(CHANGED_SUFFIX), "the change was not saved")
        services.add_word(self.profile_id, "selftest", "en")
        return "renamed a profile and added a word"

    def step_restore(self) -> str:
        self._close_window()  # the window is reopened on the restored database below
        assert self.backup_info is not None  # step_backup runs first
        result = restore_backup(self.backup_info, database_path=db.database_path())
        check(result.ok, "restore: " + "; ".join(result.problems))
        return result.summary().splitlines()[0]

    def step_verify_restore(self) -> str:
        check(services.get_profile(self.profile_id)["name"] == self.original_name, "the change is still there")
        counts = self._counts()
        check(counts == self.counts_after_import, f"counts {counts} differ from {self.counts_after_import}")
        report = health.check(db.current())
        check(report.healthy, "health: " + "; ".join(report.problems))
        return "the change is gone; healthy"

    def step_reopen_window(self) -> str:
        self.window = window = MainWindow()
        window.show()
        self._process_events()
        check(not window.grab().isNull(), "the main window could not be painted")
        return "shown"

    def step_encrypted(self) -> str:
        """The database is a SQLCipher file (new ones are; a plain one is encrypted here): no child's name in its
        bytes, its recovery key opens it, and closed and opened again it finds its key where it is stored."""
        path = db.database_path()
        check(path is not None, "the database is not a file")
        assert path is not None  # for the type checker: check() raised otherwise
        self._close_window()
        if not cipher.is_encrypted(path):
            encrypt_database(path)
        check(cipher.is_encrypted(path), "the database file is not encrypted")
        check(self.original_name.encode("utf-8") not in path.read_bytes(), "a child's name is readable in the file")
        secret = cipher.secret_for(path)
        if isinstance(secret, bytes):
            cipher.check_secret(path, keys.parse_recovery(keys.recovery_text(secret)))
        db.close_database()
        cipher.forget_secret(path)
        db.open_database(path, create=False)
        check(self._counts() == self.counts_after_import, "the reopened database holds other counts")
        check(services.get_profile(self.profile_id)["name"] == self.original_name, "the child reads differently")
        return f"reopened with its stored key (in a {keys.key_storage()}; keychain backend: {keychain_name()})"

    def _shown_window(self) -> MainWindow:
        """The window ``step_open_window`` opened (the steps that use it run only after it passed)."""
        if self.window is None:
            raise StepFailed("the main window is not open")
        return self.window

    # ----------------------------------------------------------------------------------------------------------

    def _counts(self) -> dict[str, int]:
        db.current()  # a database is open
        return {t: MODEL_BY_TABLE[t].select().count() for t in DATA_TABLES}

    def _ensure_application(self) -> None:
        app_module.create_application()
        if self._message_handler_installed:
            return

        def on_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
            if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
                self.qt_problems.append(message)
            if self._previous_handler is not None:
                self._previous_handler(kind, context, message)

        self._previous_handler = qInstallMessageHandler(on_message)
        self._message_handler_installed = True

    def _close_window(self) -> None:
        if self.window is None:
            return
        window, self.window = self.window, None
        window.jobs.wait()  # background reads finish before the database is closed or replaced
        window.close()
        window.deleteLater()
        self._process_events()


# --------------------------------------------------------------------------------------------------------------
# Entry points.


class _Tee:
    """Writes to several text streams (stdout, the report file)."""

    def __init__(self, *streams: TextIO) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


def use_offscreen_unless_chosen() -> None:
    """Headless by default: the self-test never shows a window (and works where there is no display)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run(out: Output | None = None) -> int:
    """Run every step; return 0 when all passed, else 1."""
    use_offscreen_unless_chosen()
    return SelfTest(out=out).run()


def main(args: argparse.Namespace | None = None) -> int:
    """``--selftest`` (or, with ``MASTERY_LEDGER_STARTUP_PROBE=1``, the start-up probe)."""
    if os.environ.get(PROBE_ENV) == "1":
        return startup_probe.main(args)
    streams: list[TextIO] = [sys.stdout] if sys.stdout is not None else []
    report_path = os.environ.get(REPORT_ENV)
    report = open(report_path, "w", encoding="utf-8") if report_path else None  # noqa: SIM115
    if report is not None:
        streams.append(report)
    try:
        return run(_Tee(*streams))
    finally:
        if report is not None:
            report.close()

"""GUI test set-up: every modal dialog is answered by a script (never shown), the window runs on the test's fresh
database, and the language is English unless a test switches it."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest


class FakeDialogs:
    """Stands in for :mod:`desktop.ui.dialogs`: records each question and answers from queues.

    ``answer("ask", True)`` queues an answer; an ``ask`` without one is answered "no" (the safe answer) and a
    ``get_text`` / file dialog without one is cancelled. ``run`` hands the dialog to a queued function that may
    fill it in, and accepts it if that function returns True.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple, dict]] = []
        self.queues: dict[str, deque] = {}

    def answer(self, kind: str, value) -> None:
        self.queues.setdefault(kind, deque()).append(value)

    def _next(self, kind: str, default):
        queue = self.queues.get(kind)
        return queue.popleft() if queue else default

    def texts(self, kind: str | None = None) -> list[str]:
        """The message texts shown so far (of one kind)."""
        return [" ".join(str(a) for a in args[1:]) for k, args, _ in self.calls if kind in (None, k)]

    def kinds(self) -> list[str]:
        return [k for k, _, _ in self.calls]

    # the dialogs API
    def ask(self, parent, title, text, **kwargs) -> bool:
        self.calls.append(("ask", (parent, title, text), kwargs))
        return bool(self._next("ask", False))

    def inform(self, parent, title, text) -> None:
        self.calls.append(("inform", (parent, title, text), {}))

    def warn(self, parent, title, text) -> None:
        self.calls.append(("warn", (parent, title, text), {}))

    def get_text(self, parent, title, label, text="") -> str | None:
        self.calls.append(("get_text", (parent, title, label), {}))
        return self._next("get_text", None)

    def open_file(self, parent, title, directory="", filters="") -> str | None:
        self.calls.append(("open_file", (parent, title), {}))
        return self._next("open_file", None)

    def save_file(self, parent, title, suggested="", filters="") -> str | None:
        self.calls.append(("save_file", (parent, title, suggested), {}))
        return self._next("save_file", None)

    def choose_directory(self, parent, title, directory="") -> str | None:
        self.calls.append(("choose_directory", (parent, title), {}))
        return self._next("choose_directory", None)

    def run(self, dialog) -> bool:
        self.calls.append(("run", (None, type(dialog).__name__), {}))
        handler = self._next("run", None)
        accepted = bool(handler(dialog)) if handler is not None else False
        dialog.deleteLater()
        return accepted


@pytest.fixture(autouse=True)
def fake_dialogs(monkeypatch) -> FakeDialogs:
    from desktop.ui import dialogs

    fake = FakeDialogs()
    for name in ("ask", "inform", "warn", "get_text", "open_file", "save_file", "choose_directory", "run"):
        monkeypatch.setattr(dialogs, name, getattr(fake, name))
    return fake


@pytest.fixture(autouse=True)
def english(qapp):
    from desktop.ui import i18n

    i18n.translations().switch("en")
    yield
    i18n.translations().switch("en")


@pytest.fixture
def settings(ledger_home):
    from desktop.settings import Settings

    return Settings(Path(ledger_home) / "settings.json")


@pytest.fixture
def window(qtbot, ledger, settings):
    """The main window on the test's fresh database, shown (offscreen)."""
    from desktop.ui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.stop_reads()  # the background check of the database and the tables' counts
    win.jobs.wait()
    win.overview.profile = None  # never ask about unsaved changes while tearing down
    win.instance.close()


@pytest.fixture
def child(ledger):
    """One child with a few words of each language."""
    from desktop import services

    profile = services.create_profile("小明", dob="2016-05-02", interests=["Lego"], character_roster=["Peppa Pig"])
    services.bulk_add_words(profile["id"], "猫, 狗, 鱼, 苹果", "zh")
    services.bulk_add_words(profile["id"], "cat, dog, apple", "en")
    return profile

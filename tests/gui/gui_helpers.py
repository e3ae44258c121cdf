"""Small helpers the GUI tests share."""

from __future__ import annotations


def wait_jobs(qtbot, win, timeout: int = 10_000) -> None:
    """Wait until the window's background jobs are done and their results delivered."""
    qtbot.waitUntil(lambda: not win.jobs.busy, timeout=timeout)


def select_tab(win, key: str) -> None:
    from desktop.ui.main_window import TAB_KEYS

    win.tabs.setCurrentIndex(TAB_KEYS.index(key))


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, like an input method does for Chinese (QTest.keyClicks only
    knows Latin-1 keys)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))

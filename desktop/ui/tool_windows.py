"""What the Tools windows (the audit log, the backup dialogs, the health page) share: showing one without blocking,
and telling the main window that its records changed (after an undo or a restore)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def launch(widget: QWidget) -> QWidget:
    """Show one of these windows without blocking (tests replace or inspect it)."""
    widget.show()
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        widget.raise_()
        widget.activateWindow()
    return widget


def notify_data_changed(widget: QWidget | None) -> None:
    """After an undo or restore: the window that shows the records reads them again (``reload_all``)."""
    while widget is not None:
        reload_all = getattr(widget, "reload_all", None)
        if callable(reload_all):
            try:
                reload_all()
            except Exception:  # the undo itself worked; a stale view is no reason to fail it
                log.exception("reload after an undo failed")
            return
        widget = widget.parentWidget()

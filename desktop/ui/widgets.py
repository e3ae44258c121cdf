"""Small widgets the pages share: the retranslation hook, an inline message bar, a filter box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class Retranslating:
    """Mix-in for widgets: ``retranslate()`` sets every visible text; it runs once the widget is built (call it at
    the end of ``__init__``) and again whenever the language changes."""

    def retranslate(self) -> None:  # pragma: no cover - overridden
        pass

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class MessageBar(QFrame):
    """A one-line message above a table (an edit refused, what a paste did), closable, never modal.
    ``kind`` is ``info``, ``warning`` or ``error``; errors stay until closed or replaced, others fade after 12 s."""

    STYLES = {
        "info": "background:#e7f3e8; border:1px solid #9cc9a0; color:#1d4620;",
        "warning": "background:#fff4d6; border:1px solid #e0c068; color:#5c4300;",
        "error": "background:#fde8e8; border:1px solid #e59b9b; color:#7a1616;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.kind = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setStyleSheet(f"#messageBar {{{self.STYLES.get(kind, self.STYLES['info'])} border-radius:4px;}}")
        self.label.setText(text)
        self.show()
        if kind == "error":
            self._timer.stop()
        else:
            self._timer.start(12_000)

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class FilterBox(QLineEdit):
    """A search box that reports its text after typing pauses (``changed(text)``), or at once on Enter."""

    changed = Signal(str)
    DELAY_MS = 250

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self.apply)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.apply)
        # The clear button changes the text without textEdited.
        self.textChanged.connect(lambda text: self.apply() if not text else None)
        self._applied = ""

    def apply(self) -> None:
        self._timer.stop()
        if self.text() != self._applied:
            self._applied = self.text()
            self.changed.emit(self._applied)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Cancel) and self.text():
            self.clear()
            return
        super().keyPressEvent(event)

"""Small widgets the pages share: the retranslation hook, an inline message bar, a filter box, a label that
shortens its text with "…" to fit (the whole text in its tooltip), a number with a caption, an input with its
error underneath."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QVBoxLayout, QWidget

if TYPE_CHECKING:  # the mix-in comes before a widget class in the bases: type-check it as a widget (changeEvent)
    _MixinBase = QWidget
else:
    _MixinBase = object


class Retranslating(_MixinBase):
    """Mix-in for widgets: ``retranslate()`` sets every visible text; it runs once the widget is built (call it at
    the end of ``__init__``) and again whenever the language changes."""

    def retranslate(self) -> None:  # pragma: no cover - overridden
        pass

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class MessageBar(Retranslating, QFrame):
    """A one-line message above a table (an edit refused, what a paste did), closable, never modal.
    ``kind`` is ``info``, ``warning`` or ``error``; errors stay until closed or replaced, others fade after 12 s.
    Each new action replaces the message (``show_message``) or, if it has nothing to say, ``clear``s it, so an old
    message never stands beside a new result."""

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
        self.close_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.kind = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.close_button.setToolTip(self.tr("Close this message"))
        self.close_button.setAccessibleName(self.tr("Close this message"))

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setStyleSheet(f"#messageBar {{{self.STYLES.get(kind, self.STYLES['info'])} border-radius:4px;}}")
        self.label.setText(text)
        self.setAccessibleName(text)
        self.show()
        if kind == "error":
            self._timer.stop()
        else:
            self._timer.start(12_000)

    def clear(self) -> None:
        """Take the message away (a new action starts, or the user closed it)."""
        self._timer.stop()
        self.kind = ""
        self.label.clear()
        self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class ElidedLabel(QLabel):
    """A one-line label that never forces its layout wider: a text that does not fit ends in "…" and the tooltip
    holds all of it. ``setText`` / ``fullText`` take and give the whole text."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode  # ElideMiddle for a path: its start and its file name stay
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._full = text or ""
        self.setAccessibleName(self._full)
        self._elide()

    def fullText(self) -> str:  # noqa: N802 - Qt naming
        return self._full

    def is_elided(self) -> bool:
        return super().text() != self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().horizontalAdvance("…") * 3, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4, super().sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(0, self.contentsRect().width()))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


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


class StatTile(QFrame):
    """A number with a caption (e.g. "1,234 / Chinese words")."""

    def __init__(self, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statTile")
        self.setStyleSheet(
            f"#statTile {{ background:#ffffff; border:1px solid #e3e3e3; border-left:4px solid {color};"
            " border-radius:6px; }"
        )
        self.number = QLabel("0")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = QLabel()
        self.caption.setStyleSheet("color:#666666")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)


class FieldRow(QWidget):
    """An input with the message about it underneath (hidden while there is none)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

"""An editable list of short tags (interests, favourite characters): chips with a remove button and a box to add
more (Enter or a comma adds)."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QLayout, QLineEdit, QSizePolicy, QToolButton, QWidget, QWidgetItem

_SEPARATORS = re.compile(r"[,，、;；\n]+")


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping to the next line (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QWidgetItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        space = self.spacing()
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + space, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + space
            line = max(line, hint.height())
        return y + line - rect.y()


class TagEditor(QWidget):
    """Tags as removable chips plus an input box. ``changed()`` whenever the list changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: list[str] = []
        self._chips: list[QToolButton] = []
        self.flow = FlowLayout(self)
        self.input = QLineEdit()
        self.input.setMinimumWidth(140)
        self.input.returnPressed.connect(self.add_from_input)
        self.input.textEdited.connect(self._maybe_split)
        self.flow.addWidget(self.input)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.remove_tip = "Remove"

    def tags(self) -> list[str]:
        pending = self.input.text().strip()
        return [*self._tags, pending] if pending and pending not in self._tags else list(self._tags)

    def set_tags(self, tags: list[str]) -> None:
        self.input.clear()
        self._tags = []
        for chip in self._chips:
            self.flow.removeWidget(chip)
            chip.deleteLater()
        self._chips = []
        for tag in tags:
            self._add(tag, notify=False)

    def set_placeholder(self, text: str, remove_tip: str) -> None:
        self.input.setPlaceholderText(text)
        self.remove_tip = remove_tip
        for chip in self._chips:
            chip.setToolTip(remove_tip)

    def add_from_input(self) -> None:
        for part in _SEPARATORS.split(self.input.text()):
            self._add(part)
        self.input.clear()

    def _maybe_split(self, text: str) -> None:
        if _SEPARATORS.search(text):
            self.add_from_input()

    def _add(self, tag: str, notify: bool = True) -> None:
        tag = " ".join(str(tag).split())
        if not tag or tag in self._tags:
            return
        self._tags.append(tag)
        chip = QToolButton()
        chip.setText(f"{tag}  ×")
        chip.setToolTip(self.remove_tip)
        chip.setObjectName("tagChip")
        chip.setStyleSheet(
            "#tagChip { background:#e8f0fe; border:1px solid #aac4ee; border-radius:9px; padding:1px 8px; }"
            "#tagChip:hover { background:#fde8e8; border-color:#e59b9b; }"
        )
        chip.clicked.connect(lambda _checked=False, t=tag: self.remove(t))
        self.flow.removeWidget(self.input)
        self.flow.addWidget(chip)
        self.flow.addWidget(self.input)
        self._chips.append(chip)
        if notify:
            self.changed.emit()

    def remove(self, tag: str) -> None:
        if tag not in self._tags:
            return
        position = self._tags.index(tag)
        self._tags.pop(position)
        chip = self._chips.pop(position)
        self.flow.removeWidget(chip)
        chip.deleteLater()
        self.flow.invalidate()
        self.updateGeometry()
        self.changed.emit()

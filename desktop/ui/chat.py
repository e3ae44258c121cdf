"""The Chat tab: the AI-chat history as speech bubbles (the parent's on the right, the assistant's on the left) with
the time in the computer's time zone, read lazily like every other table. Double-click opens a message in full,
pictures included."""

from __future__ import annotations

import json

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import services
from desktop.errors import LedgerError
from desktop.settings import Settings
from desktop.ui import formatting
from desktop.ui.record_models import ChatModel
from desktop.ui.rich_text import ContentBrowser
from desktop.ui.table_page import TablePage
from desktop.ui.widgets import Retranslating
from desktop.ui.workers import JobRunner

BUBBLE_WIDTH = 0.72
PAD = 10
GAP = 6


class BubbleDelegate(QStyledItemDelegate):
    """Paints one message as a rounded bubble with a small header line (who, when). Sizes are cached per message
    and width, so relayout on resize is cheap."""

    USER = QColor("#d8ecff")
    ASSISTANT = QColor("#f0f0f0")
    SELECTED = QColor("#9cc3ea")

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self._sizes: dict[tuple, QSize] = {}

    def clear_cache(self) -> None:
        self._sizes.clear()

    def _width(self) -> int:
        return max(200, int(self.view.viewport().width() * BUBBLE_WIDTH))

    def _small_font(self, option) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        return font

    def sizeHint(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self._width()
        key = (index.data(Qt.ItemDataRole.UserRole), width)
        cached = self._sizes.get(key)
        if cached is not None:
            return cached
        text = index.data(ChatModel.TextRole) or ""
        metrics = QFontMetrics(option.font)
        body = metrics.boundingRect(QRect(0, 0, width - 2 * PAD, 100_000), Qt.TextFlag.TextWordWrap, text)
        header = QFontMetrics(self._small_font(option)).height()
        size = QSize(width, header + body.height() + 2 * PAD + 2 * GAP)
        self._sizes[key] = size
        return size

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        role = index.data(ChatModel.RoleRole)
        mine = role == "user"
        text = index.data(ChatModel.TextRole) or ""
        width = self._width()
        small = self._small_font(option)
        header_height = QFontMetrics(small).height()
        body = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, width - 2 * PAD, 100_000), Qt.TextFlag.TextWordWrap, text
        )
        bubble_width = min(width, max(body.width(), 120) + 2 * PAD)
        area = option.rect.adjusted(8, GAP, -8, -GAP)
        left = area.right() - bubble_width if mine else area.left()
        bubble = QRect(left, area.top() + header_height, bubble_width, area.height() - header_height)
        path = QPainterPath()
        path.addRoundedRect(bubble, 10, 10)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillPath(path, self.SELECTED if selected else (self.USER if mine else self.ASSISTANT))
        painter.setFont(small)
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        who = index.sibling(index.row(), 0).data(Qt.ItemDataRole.DisplayRole) or ""
        header = f"{who} · {index.data(ChatModel.TimeRole) or ''}"
        align = Qt.AlignmentFlag.AlignRight if mine else Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRect(area.left(), area.top(), area.width(), header_height), align, header)
        painter.setFont(option.font)
        painter.setPen(QColor("#1b1b1b"))
        painter.drawText(bubble.adjusted(PAD, PAD, -PAD, -PAD), Qt.TextFlag.TextWordWrap, text)
        painter.restore()


class ChatList(QTableView):
    """The bubbles, one message per row. Row heights are set once per loaded row (and again, a chunk at a time,
    when the width changes), so reading another page costs that page only; QListView would lay out every loaded
    bubble again on each page."""

    RELAYOUT_CHUNK = 400

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setStretchLastSection(True)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._relayout_next = -1
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self._relayout_chunk)
        self._width = 0

    def setModel(self, model) -> None:  # noqa: N802 - Qt override
        super().setModel(model)
        for column in range(model.columnCount()):
            self.setColumnHidden(column, column != 1)
        model.rowsInserted.connect(lambda _parent, first, last: self.size_rows(first, last))
        model.modelReset.connect(lambda: self.size_rows(0, model.rowCount() - 1))

    def size_rows(self, first: int, last: int) -> None:
        delegate = self.itemDelegateForColumn(1) or self.itemDelegate()
        model = self.model()
        option = QStyleOptionViewItem()
        option.font = self.font()
        for row in range(max(0, first), min(last, model.rowCount() - 1) + 1):
            self.setRowHeight(row, delegate.sizeHint(option, model.index(row, 1)).height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        width = self.viewport().width()
        if width != self._width and self.model() is not None:
            self._width = width
            # The rows on screen now; the rest a chunk per event-loop turn.
            top = max(0, self.rowAt(0))
            self.size_rows(top, top + 40)
            self._relayout_next = 0
            self._relayout_timer.start()

    def _relayout_chunk(self) -> None:
        rows = self.model().rowCount() if self.model() is not None else 0
        if self._relayout_next < 0 or self._relayout_next >= rows:
            self._relayout_timer.stop()
            self._relayout_next = -1
            return
        end = min(rows, self._relayout_next + self.RELAYOUT_CHUNK)
        self.size_rows(self._relayout_next, end - 1)
        self._relayout_next = end


class MessageDialog(Retranslating, QDialog):
    """One chat message in full: Markdown rendered, inline pictures shown."""

    def __init__(self, message: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = message
        self.browser = ContentBrowser()
        self.browser.show_markdown(message.get("content") or "")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 480)
        self.retranslate()

    def retranslate(self) -> None:
        who = formatting.label(formatting.ROLES, self.message.get("role"))
        when = formatting.local_time(self.message.get("timestamp"))
        mentions = self.message.get("mentions")
        title = self.tr("{who}, {when}").format(who=who, when=when)
        try:
            names = json.loads(mentions) if mentions else []
        except ValueError:
            names = []
        if names:
            title += " · " + self.tr("about {names}").format(names=", ".join(str(n) for n in names))
        self.setWindowTitle(title)


class ChatPage(TablePage):
    """Chat of the selected child, newest first or oldest first, filtered in SQL; delete selected messages."""

    HAS_ADD_BOX = False

    def __init__(self, model: ChatModel, jobs: JobRunner, settings: Settings, parent: QWidget | None = None) -> None:
        self.order_box = QComboBox()
        super().__init__(model, jobs, settings, parent)
        self.order_box.addItem("", True)
        self.order_box.addItem("", False)
        self.order_box.currentIndexChanged.connect(self._order_changed)
        self.top_row.insertWidget(2, self.order_box)
        self.view.doubleClicked.connect(self.open_message)
        self._dialogs: list[MessageDialog] = []
        self.retranslate()

    def top_extra(self) -> list[QWidget]:
        return [self.order_box]

    def create_view(self) -> QAbstractItemView:
        view = self.chat_list = ChatList()
        self.delegate = BubbleDelegate(view)
        view.setItemDelegate(self.delegate)
        view.setModel(self.model)
        return view

    def retranslate(self) -> None:
        super().retranslate()
        self.order_box.setItemText(0, self.tr("Newest first"))
        self.order_box.setItemText(1, self.tr("Oldest first"))
        self.delegate.clear_cache()
        self.chat_list.size_rows(0, self.model.rowCount() - 1)

    def texts(self) -> dict[str, str]:
        return {
            "add_placeholder": "",
            "delete_one": self.tr("Delete the message “{label}”?"),
            "delete_many": self.tr("Delete {n} messages?"),
            "deleted_one": self.tr("The message was deleted."),
            "deleted": self.tr("{n} messages deleted."),
            "count": self.tr("{n} messages"),
            "count_filtered": self.tr("{n} messages match"),
        }

    def selected_rows(self) -> list[int]:
        selection = self.view.selectionModel()
        if selection is None:
            return []
        return sorted({i.row() for i in selection.selectedIndexes()})

    def row_label(self, row: int) -> str:
        text = self.model.index(row, 1).data(ChatModel.TextRole) or ""
        return text if len(text) <= 40 else text[:39] + "…"

    def _order_changed(self) -> None:
        newest = self.order_box.currentData()
        column = next(i for i, c in enumerate(self.model.COLUMNS) if c.key == "timestamp")
        self.model.sort(column, Qt.SortOrder.DescendingOrder if newest else Qt.SortOrder.AscendingOrder)

    def open_message(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        try:
            message = services.get_row("chat_messages", self.model.row_id(index.row()))
        except LedgerError as exc:
            self.message_bar.show_message(str(exc), "error")
            return
        dialog = MessageDialog(message, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._dialogs.remove(dialog) if dialog in self._dialogs else None)
        self._dialogs.append(dialog)
        dialog.show()

"""The Chat tab: the AI-chat history as speech bubbles (the parent's on the right, the assistant's on the left) with
the time in the computer's time zone, read lazily like every other table. Double-click opens a message in full,
pictures included."""

from __future__ import annotations

import json

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
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

    def __init__(self, view: QListView) -> None:
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

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt override
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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        role = index.data(ChatModel.RoleRole)
        mine = role == "user"
        text = index.data(ChatModel.TextRole) or ""
        width = self._width()
        small = self._small_font(option)
        header_height = QFontMetrics(small).height()
        body = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, width - 2 * PAD, 100_000), Qt.TextFlag.TextWordWrap, text)
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
        who = index.siblingAtColumn(0).data(Qt.ItemDataRole.DisplayRole) or ""
        header = f"{who} · {index.data(ChatModel.TimeRole) or ''}"
        align = Qt.AlignmentFlag.AlignRight if mine else Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRect(area.left(), area.top(), area.width(), header_height), align, header)
        painter.setFont(option.font)
        painter.setPen(QColor("#1b1b1b"))
        painter.drawText(bubble.adjusted(PAD, PAD, -PAD, -PAD), Qt.TextFlag.TextWordWrap, text)
        painter.restore()


class ChatList(QListView):
    """The bubbles; relayouts (with cached sizes) when its width changes."""

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.scheduleDelayedItemsLayout()


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
        self.layout().itemAt(0).layout().insertWidget(2, self.order_box)
        model.modelReset.connect(self.delegate.clear_cache)
        self.view.doubleClicked.connect(self.open_message)
        self._dialogs: list[MessageDialog] = []
        self.retranslate()

    def create_view(self) -> QAbstractItemView:
        view = ChatList()
        view.setModel(self.model)
        view.setModelColumn(1)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setUniformItemSizes(False)
        view.setLayoutMode(QListView.LayoutMode.Batched)
        view.setBatchSize(200)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSpacing(0)
        self.delegate = BubbleDelegate(view)
        view.setItemDelegate(self.delegate)
        return view

    def retranslate(self) -> None:
        super().retranslate()
        self.order_box.setItemText(0, self.tr("Newest first"))
        self.order_box.setItemText(1, self.tr("Oldest first"))
        self.delegate.clear_cache()
        self.view.scheduleDelayedItemsLayout()

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

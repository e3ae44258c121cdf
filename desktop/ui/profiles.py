"""The list of children on the left: name, age and word counts, a search box, add and delete."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store import tables as queries
from desktop.ui import formatting
from desktop.ui.widgets import FilterBox, Retranslating


class ProfileListModel(QAbstractListModel):
    """Every child (a tutor has dozens, not thousands): one summary query, filtered by name in SQL."""

    IdRole = Qt.ItemDataRole.UserRole
    SummaryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.summaries: list[queries.ProfileSummary] = []
        self.search = ""

    def reload(self, search: str | None = None) -> None:
        if search is not None:
            self.search = search
        self.beginResetModel()
        self.summaries = queries.profile_summaries(self.search)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.summaries = []
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.summaries)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.summaries):
            return None
        summary = self.summaries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.name
        if role == self.IdRole:
            return summary.id
        if role == self.SummaryRole:
            return summary
        if role == Qt.ItemDataRole.ToolTipRole:  # all of what the list may have shortened
            age = formatting.age_text(summary.dob)
            return f"{summary.name} ({age})" if age else summary.name
        return None

    def row_of(self, profile_id: str | None) -> int:
        for i, summary in enumerate(self.summaries):
            if summary.id == profile_id:
                return i
        return -1


class ProfileDelegate(QStyledItemDelegate):
    """Two lines per child: the name and age; then the word counts, in grey. Each fits the list's width: what does
    not is shortened with "…" (the name keeps at least half of the line), and the tooltip says all of it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.texts = {"words": "{zh} Chinese · {en} English words"}

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        metrics = QFontMetrics(option.font)
        return QSize(1, metrics.height() * 2 + 16)  # as wide as the list, however narrow it is

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        summary: queries.ProfileSummary = index.data(ProfileListModel.SummaryRole)
        self.initStyleOption(option, index)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(option.rect, QColor(0, 0, 0, 14))
        text_color = option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = option.rect.adjusted(10, 6, -8, -6)
        name_font = QFont(option.font)
        name_font.setBold(True)
        metrics = QFontMetrics(name_font)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        small_metrics = QFontMetrics(small)
        grey = QColor(text_color)
        grey.setAlpha(170)
        age = formatting.age_text(summary.dob)
        name_width = metrics.horizontalAdvance(summary.name)
        age_room = max(rect.width() - min(name_width, rect.width() // 2) - 8, 0)
        age = small_metrics.elidedText(age, Qt.TextElideMode.ElideRight, age_room) if age else ""
        age_width = small_metrics.horizontalAdvance(age) + 8 if age else 0
        first = QRect(rect.left(), rect.top(), rect.width(), metrics.height())
        painter.setFont(name_font)
        painter.setPen(text_color)
        name = metrics.elidedText(summary.name, Qt.TextElideMode.ElideRight, rect.width() - age_width)
        painter.drawText(first, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        painter.setFont(small)
        painter.setPen(grey)
        if age:
            painter.drawText(first, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, age)
        words = self.texts["words"].format(zh=f"{summary.zh_words:,}", en=f"{summary.en_words:,}")
        painter.drawText(
            QRect(rect.left(), rect.top() + metrics.height() + 2, rect.width(), small_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(words, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


class ProfilePanel(Retranslating, QWidget):
    """Search, the list of children, add and delete buttons.

    Signals: ``selected(profile_id or None)``; ``add_requested()``; ``delete_requested(profile_id)``.
    """

    selected = Signal(object)
    add_requested = Signal()
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProfileListModel(self)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.search = FilterBox()
        self.search.changed.connect(self.set_search)
        self.list = QListView()
        self.list.setModel(self.model)
        self.delegate = ProfileDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.setMouseTracking(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_requested)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self._delete_clicked)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color:#777777")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self._current: str | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Children"))
        self.search.setPlaceholderText(self.tr("Search by name…"))
        self.search.setAccessibleName(self.tr("Search children by name"))
        self.list.setAccessibleName(self.tr("Children"))
        self.add_button.setText(self.tr("Add child…"))
        self.delete_button.setText(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete the selected child and all their records"))
        self.delegate.texts["words"] = self.tr("{zh} Chinese · {en} English words")
        self.list.viewport().update()
        self._update_empty()

    def current_id(self) -> str | None:
        return self._current

    def reload(self, select: str | None = None) -> None:
        """Read the list again, keeping (or moving to) a selection."""
        keep = select if select is not None else self._current
        self.model.reload()
        self._update_empty()
        row = self.model.row_of(keep)
        if row < 0 and self.model.rowCount() and keep is None:
            row = 0
        self.list.blockSignals(True)
        self.list.selectionModel().blockSignals(True)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        else:
            self.list.clearSelection()
        self.list.selectionModel().blockSignals(False)
        self.list.blockSignals(False)
        new = self.model.index(row).data(ProfileListModel.IdRole) if row >= 0 else None
        self.delete_button.setEnabled(new is not None)
        if new != self._current:
            self._current = new
            self.selected.emit(new)

    def select(self, profile_id: str) -> None:
        row = self.model.row_of(profile_id)
        if row < 0 and self.model.search:
            self.search.clear()
            self.set_search("")
            row = self.model.row_of(profile_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))

    def set_search(self, text: str) -> None:
        self.model.search = text
        self.reload()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        new = current.data(ProfileListModel.IdRole) if current.isValid() else None
        self.delete_button.setEnabled(new is not None)
        if new != self._current:
            self._current = new
            self.selected.emit(new)

    def veto_change(self, profile_id: str | None) -> None:
        """Put the selection back on ``profile_id`` (the window refused to leave it)."""
        row = self.model.row_of(profile_id)
        self.list.selectionModel().blockSignals(True)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        self.list.selectionModel().blockSignals(False)
        self._current = profile_id

    def _delete_clicked(self) -> None:
        if self._current is not None:
            self.delete_requested.emit(self._current)

    def _update_empty(self) -> None:
        if self.model.rowCount():
            self.empty_label.hide()
            return
        self.empty_label.setText(
            self.tr("No child matches the search.")
            if self.model.search
            else self.tr(
                "No children yet: bring over the old app's records (File ▸ Import "
                "legacy data…) or add one with “Add child…”."
            )
        )
        self.empty_label.show()

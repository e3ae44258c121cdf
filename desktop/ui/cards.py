"""The Cards tab: approved flashcards in a table (type and status editable from their choices) and, beside it, the
selected card rendered as it will look, inline pictures included."""

from __future__ import annotations

import json
from typing import cast

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop import services
from desktop.errors import LedgerError, ValidationError
from desktop.settings import Settings
from desktop.ui import dialogs, formatting, messages
from desktop.ui.record_models import CardsModel
from desktop.ui.rich_text import ContentBrowser, card_html
from desktop.ui.table_page import TablePage
from desktop.ui.widgets import Retranslating
from desktop.ui.workers import JobRunner


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a coded column of the cards with a drop-down of its translated choices; saves the code."""

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        model = cast(CardsModel, index.model())  # the delegate is set on the cards table only
        key = model.COLUMNS[index.column()].key
        editor = QComboBox(parent)
        for code, text in model.choices(key):
            editor.addItem(text, code)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        combo = cast(QComboBox, editor)  # made by createEditor
        combo.setCurrentIndex(max(0, combo.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(  # noqa: N802 - Qt override
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        model.setData(index, cast(QComboBox, editor).currentData(), Qt.ItemDataRole.EditRole)


class CardDialog(Retranslating, QDialog):
    """A new card: type, front and back (HTML allowed). The status starts as pending."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type_box = QComboBox()
        for code in formatting.CARD_TYPES:
            self.type_box.addItem("", code)
        self.front = QPlainTextEdit()
        self.back = QPlainTextEdit()
        for editor in (self.front, self.back):
            editor.setTabChangesFocus(True)  # Tab goes to the next field, not into the card
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        self.form = QFormLayout()
        self.type_label, self.front_label, self.back_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.type_label, self.type_box)
        self.form.addRow(self.front_label, self.front)
        self.form.addRow(self.back_label, self.back)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(460, 380)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New card"))
        self.type_label.setText(self.tr("Type"))
        self.front_label.setText(self.tr("Front"))
        self.back_label.setText(self.tr("Back"))
        for label, field in (
            (self.type_label, self.type_box),
            (self.front_label, self.front),
            (self.back_label, self.back),
        ):
            field.setAccessibleName(label.text())
        for i in range(self.type_box.count()):
            self.type_box.setItemText(i, formatting.label(formatting.CARD_TYPES, self.type_box.itemData(i)))

    def values(self) -> tuple[str, dict]:
        return self.type_box.currentData(), {"front": self.front.toPlainText(), "back": self.back.toPlainText()}

    def accept(self) -> None:
        """OK only closes the dialog for a card the services would take; an empty card is explained here, with
        what was typed kept."""
        card_type, content = self.values()
        try:
            services.validate_card(card_type, content)
        except ValidationError as exc:
            self.error.setText(messages.describe(exc) or str(exc))
            self.error.show()
            self.front.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.error.hide()
        super().accept()


class CardsPage(TablePage):
    """Cards of the selected child: table on the left, the selected card's preview on the right."""

    HAS_ADD_BOX = False

    def __init__(self, model: CardsModel, jobs: JobRunner, settings: Settings, parent: QWidget | None = None) -> None:
        self.preview = ContentBrowser()
        self.preview.setMinimumWidth(240)
        self._preview_stale = False
        super().__init__(model, jobs, settings, parent)
        delegate = ChoiceDelegate(self.view)
        for i, column in enumerate(model.COLUMNS):
            if column.key in model.CHOICES:
                self.view.setItemDelegateForColumn(i, delegate)
        self._delegate = delegate
        self.view.selectionModel().currentRowChanged.connect(lambda current, _previous: self.show_card(current))
        model.modelReset.connect(lambda: self.show_card(QModelIndex()))
        self.add_card_button = self.add_button
        self.add_card_button.show()
        row = self.second_row if self._two_rows else self.top_row  # the card button goes before Delete
        row.insertWidget(row.indexOf(self.delete_button), self.add_card_button)
        for first, second in (
            (self.filter_box, self.add_card_button),
            (self.add_card_button, self.delete_button),
            (self.delete_button, self.view),
            (self.view, self.preview),
        ):
            self.setTabOrder(first, second)  # Tab follows the page from left to right
        self.retranslate()

    def main_widget(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        return splitter

    def main_widget_min_width(self) -> int:
        return self.splitter.minimumSizeHint().width() + 12

    def retranslate(self) -> None:
        super().retranslate()
        self.add_button.setText(self.tr("New card…"))
        self.preview.setAccessibleName(self.tr("The selected card"))
        # The card is drawn again in the new language now if it is shown, else when it is (a closed window, or
        # one whose database is being switched, reads nothing).
        if self.isVisible():
            self.show_card(self.view.currentIndex())
        else:
            self._preview_stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._preview_stale:
            self._preview_stale = False
            self.show_card(self.view.currentIndex())

    def texts(self) -> dict[str, str]:
        return {
            "add_placeholder": "",
            "delete_one": self.tr("Delete the card “{label}”?"),
            "delete_many": self.tr("Delete {n} cards?"),
            "deleted_one": self.tr("The card was deleted."),
            "deleted": self.tr("{n} cards deleted."),
            "count": self.tr("{n} cards"),
            "count_filtered": self.tr("{n} cards match"),
        }

    def row_label(self, row: int) -> str:
        return formatting.plain_preview(self.model.value(row, "front"), 40)

    def show_card(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.preview.show_html(f"<p style='color:#777'>{self.tr('Select a card to see it here.')}</p>")
            return
        try:
            card = services.get_row("approved_cards", self.model.row_id(index.row()))
            content = json.loads(card["content"] or "{}")
        except (LedgerError, ValueError):
            self.preview.show_html(f"<p>{self.tr('This card can no longer be shown.')}</p>")
            return
        self.preview.show_html(card_html(card, content if isinstance(content, dict) else {}))

    def add_record(self) -> None:
        if self.model.profile_id is None:
            return
        self.message_bar.clear()
        dialog = CardDialog(self)
        if not dialogs.run(dialog):
            return
        card_type, content = dialog.values()
        try:
            row = services.add_card(self.model.profile_id, card_type, content)
        except LedgerError as exc:
            self.message_bar.show_message(messages.describe(exc) or str(exc), "error")
            return
        self.after_add(row)

    def added_text(self, row: dict) -> str:
        return self.tr("Card added.")

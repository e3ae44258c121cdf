"""What the wizard's pages share: the page base class, a coloured status box, the table of counts per kind of
record, saving a file where the user chooses, and value formatting."""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QBrush, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
    QWizardPage,
)

from desktop.ui import dialogs
from desktop.ui.widgets import Retranslating

if TYPE_CHECKING:
    from desktop.ui.wizard.wizard import MigrationWizard


class Page(Retranslating, QWizardPage):
    """A wizard page that knows its wizard from the start (``self.wiz``) and sets its texts in ``retranslate()``
    (called at the end of construction and on every language change)."""

    def __init__(self, wizard: MigrationWizard) -> None:
        super().__init__()
        self.wiz = wizard

    def refresh_buttons(self) -> None:
        """Tell the wizard that ``isComplete()`` may have changed (Next is enabled or disabled accordingly)."""
        self.completeChanged.emit()


def text_label(text: str = "", *, selectable: bool = False, rich: bool = False) -> QLabel:
    """A word-wrapped label that grows downwards instead of widening the window."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if selectable:
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
    return label


HINT_STYLE = "color: palette(placeholder-text);"


def hint_label(text: str = "") -> QLabel:
    """A short grey explanation under a field."""
    label = text_label(text)
    label.setStyleSheet(HINT_STYLE)
    return label


class StatusBox(QLabel):
    """A coloured, word-wrapped message: ``ok`` (green), ``error`` (red), ``warning`` (amber) or ``info``."""

    STYLES = {
        "ok": "background:#e5f4e7; border:1px solid #8cc796; color:#174d22;",
        "error": "background:#fde8e8; border:1px solid #e08f8f; color:#7a1616;",
        "warning": "background:#fff4d6; border:1px solid #dfbd5f; color:#5c4300;",
        "info": "background:#eef3fa; border:1px solid #a9bfdc; color:#1f3553;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.kind = ""
        self.hide()

    def show_status(self, kind: str, text: str) -> None:
        self.kind = kind
        self.setStyleSheet(f"QLabel {{{self.STYLES.get(kind, self.STYLES['info'])} border-radius:4px; padding:6px;}}")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_status(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()


def counts_table(rows: int, columns: int) -> QTableWidget:
    """A read-only table of counts per kind of record (the Ready and Done pages): no selection and no focus (Tab
    moves past it), the first column stretched, the others fitted to their contents."""
    table = QTableWidget(rows, columns)
    table.setTabKeyNavigation(False)  # arrows move inside; Tab moves on to the next control
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    header = table.horizontalHeader()
    header.setMinimumSectionSize(96)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, columns):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def fill_counts_table(
    table: QTableWidget,
    rows: Sequence[Sequence[str]],
    numbers: Container[int],
    backgrounds: Sequence[QBrush] | None = None,
) -> None:
    """Put ``rows`` of texts in ``table`` (the ``numbers`` columns right-aligned, each row on its background if
    given) and make it exactly as high as its rows, so it never scrolls."""
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column in numbers:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if backgrounds is not None:
                item.setBackground(backgrounds[row])
            table.setItem(row, column, item)
    rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(rows_height + table.horizontalHeader().height() + 4)


T = TypeVar("T")


def save_to_chosen_file(
    page: QWidget,
    title: str,
    suggested: str,
    file_filter: str,
    write: Callable[[str], T],
    failed_text: str,
) -> tuple[str, T] | None:
    """Ask where to save (``title``, ``suggested`` path, ``file_filter``), then ``write(path)``; a file that cannot be
    written is explained with ``failed_text`` (its ``{reason}``). Returns the path and what ``write`` returned, or
    None when nothing was saved."""
    path = dialogs.save_file(page, title, suggested, file_filter)
    if not path:
        return None
    try:
        written = write(path)
    except OSError as exc:
        dialogs.warn(page, title, failed_text.format(reason=exc.strerror or exc))
        return None
    return path, written


def severity_icon(widget: QWidget, severity: str) -> QIcon:
    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return widget.style().standardIcon(pixmap)


def format_size(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def format_time(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def format_count(n: int) -> str:
    return QLocale().toString(int(n))

"""What the wizard's pages share: the page base class, a coloured status box, and value formatting."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QWidget, QWizardPage

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


def severity_icon(widget: QWidget, severity: str):
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

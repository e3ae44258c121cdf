"""Every modal question the window asks goes through the functions here.

Callers use ``dialogs.ask(...)`` (the module attribute, never a ``from`` import), so a test replaces these
functions with scripted answers and no modal dialog can block it. Texts arrive already translated.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    yes: str = "",
    no: str = "",
    destructive: bool = False,
    details: str = "",
) -> bool:
    """A yes/no question; ``True`` for yes. A destructive question defaults to no."""
    box = QMessageBox(
        QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    yes_button = box.addButton(yes or QCoreApplication.translate("Dialogs", "Yes"), QMessageBox.ButtonRole.YesRole)
    no_button = box.addButton(no or QCoreApplication.translate("Dialogs", "No"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no_button if destructive else yes_button)
    box.setEscapeButton(no_button)
    if details:
        box.setInformativeText(details)
    box.exec()
    return box.clickedButton() is yes_button


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def get_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text, or ``None`` if cancelled."""
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def open_file(parent: QWidget | None, title: str, directory: str = "", filters: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, directory, filters)
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str = "", filters: str = "") -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


def choose_directory(parent: QWidget | None, title: str, directory: str = "") -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, directory)
    return path or None


def run(dialog: QDialog) -> bool:
    """Show one of our own dialogs modally; ``True`` if it was accepted."""
    return dialog.exec() == QDialog.DialogCode.Accepted

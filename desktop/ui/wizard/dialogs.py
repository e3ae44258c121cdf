"""Every modal question the wizard asks goes through these functions.

The pages call ``dialogs.ask(...)`` (the module attribute, never a ``from`` import), so a test replaces them with
scripted answers and no modal dialog can block it. Texts arrive already translated.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def ask(parent: QWidget | None, title: str, text: str, *, yes: str = "", no: str = "",
        destructive: bool = False) -> bool:
    """A yes/no question; ``True`` for yes. A destructive question defaults to no."""
    icon = QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes or QCoreApplication.translate("WizardDialogs", "&Yes"),
                               QMessageBox.ButtonRole.YesRole)
    no_button = box.addButton(no or QCoreApplication.translate("WizardDialogs", "&No"),
                              QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no_button if destructive else yes_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def choose_directory(parent: QWidget | None, title: str, directory: str = "") -> str | None:
    """A folder, or ``None`` if cancelled."""
    path = QFileDialog.getExistingDirectory(parent, title, directory)
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str = "", filters: str = "") -> str | None:
    """A file name to write, or ``None`` if cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None

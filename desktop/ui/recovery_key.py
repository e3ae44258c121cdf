"""The two dialogs about the key of an encrypted database.

:class:`RecoveryKeyDialog` shows the recovery key once (after Tools ▸ Encrypt… and after a new encrypted database
is made): large, with Print…, Save as file… and Copy, and Close stays off until "I have kept my recovery key" is
ticked. :class:`SecretDialog` asks for the recovery key (or the passphrase) when a database or a backup needs one
that this computer does not hold, and checks it before it closes: a wrong one is one sentence, and it asks again.

Both are run through ``dialogs.run`` (tests drive them without blocking). Neither writes a key to the log.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, keys, paths
from desktop.errors import LedgerError
from desktop.ui import dialogs, messages
from desktop.ui.widgets import Retranslating

log = logging.getLogger(__name__)

#: Groups of the recovery key shown on one line (the key is ``MLK1-ABCDE-…``).
GROUPS_PER_LINE = 4
ERROR_STYLE = "color:#b00020;"


def key_lines(recovery: str) -> str:
    """The recovery key broken into short lines of a few groups, easy to copy onto paper."""
    groups = recovery.split("-")
    lines = ["-".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)]
    return "-\n".join(lines)


def monospace(size_factor: float = 1.0) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(max(9.0, QFont().pointSizeF()) * size_factor)
    return font


class RecoveryKeyDialog(Retranslating, QDialog):
    """The recovery key, shown once. ``kept`` (the checkbox) must be ticked before Close (or Escape, or the window's
    close button) closes it. ``saved_to`` is the file written by Save as file…, if any."""

    def __init__(self, recovery: str, key_id: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.recovery = recovery
        self.key_id = key_id
        self.saved_to: Path | None = None
        self.heading = QLabel()
        heading_font = QFont(self.heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.heading.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.key_label = QLabel(key_lines(recovery))
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setFont(monospace(1.6))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("background:#fffbe6; border:1px solid #e0c068; border-radius:4px; padding:12px;")
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_key)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_key)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_key)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.kept = QCheckBox()
        self.kept.toggled.connect(self._update_close)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.copy_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addWidget(self.key_label)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.where)
        layout.addSpacing(6)
        layout.addWidget(self.kept)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._update_close()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Your recovery key — Mastery Ledger"))
        self.heading.setText(self.tr("Write down your recovery key"))
        self.intro.setText(
            self.tr(
                "Your records are now locked with a key that this computer keeps for you, so you do not need a "
                "password day to day. If this computer breaks or is replaced, this recovery key is the only way to "
                "open your records and backups again, so keep it somewhere safe, away from this computer — on "
                "paper is best."
            )
        )
        self.where.setText(
            self.tr(
                "Anyone who has both this key and a copy of your records can read them: do not send it by e-mail "
                "or chat, and do not keep it on the same USB stick as your backups."
            )
        )
        self.print_button.setText(self.tr("&Print…"))
        self.save_button.setText(self.tr("&Save as file…"))
        self.copy_button.setText(self.tr("&Copy"))
        self.kept.setText(self.tr("I have kept my recovery key in a safe place"))
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        if self.close_button is not None:
            self.close_button.setText(self.tr("Close"))

    def _update_close(self) -> None:
        if self.close_button is not None:
            self.close_button.setEnabled(self.kept.isChecked())

    def reject(self) -> None:
        """Escape and the window's close button too: only once the key is kept."""
        if self.kept.isChecked():
            super().reject()
        else:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(self.tr("Please keep your recovery key first, then tick the box below."))

    def accept(self) -> None:
        self.reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.kept.isChecked():
            super().closeEvent(event)
        else:
            event.ignore()
            self.reject()

    # ---------------------------------------------------------------------------------------------- keeping it
    def sheet_html(self) -> str:
        """What Print… puts on paper: the key, when it was made, and what it is for (nothing about a child)."""
        key = html.escape(key_lines(self.recovery)).replace("\n", "<br>")
        made = datetime.now().strftime("%Y-%m-%d")
        fingerprint = f"<p>{html.escape(self.tr('Key number: {id}').format(id=self.key_id))}</p>" if self.key_id else ""
        return (
            f"<h2>{html.escape(self.tr('Mastery Ledger recovery key'))}</h2>"
            f"<p>{html.escape(self.tr('Made on {date}.').format(date=made))}</p>"
            f"<p style='font-family:monospace; font-size:20pt;'>{key}</p>{fingerprint}"
            f"<p>{html.escape(self.sheet_instructions())}</p>"
        )

    def sheet_instructions(self) -> str:
        return self.tr(
            "Keep this sheet somewhere safe, away from the computer. You need it only to open your records on a "
            "new computer or after this one was repaired: Mastery Ledger asks for it then."
        )

    def sheet_text(self) -> str:
        """What Save as file… writes: the same as the printed sheet, as plain text."""
        lines = [self.tr("Mastery Ledger recovery key"), "", key_lines(self.recovery), ""]
        if self.key_id:
            lines.append(self.tr("Key number: {id}").format(id=self.key_id))
        lines += [self.sheet_instructions(), ""]
        return "\n".join(lines)

    def print_key(self) -> bool:
        """Print the sheet (the system's print dialog); True if it was sent to a printer."""
        # why: deferred; QtPrintSupport is loaded only when someone prints (start-up and bundle stay small)
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        chooser = QPrintDialog(printer, self)
        chooser.setWindowTitle(self.tr("Print your recovery key"))
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return False
        self.print_to(printer)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("The recovery key was sent to the printer."))
        return True

    def print_to(self, printer) -> None:
        """Lay the sheet out on ``printer`` (a QPrinter: a real printer, or a PDF file)."""
        document = QTextDocument()
        document.setHtml(self.sheet_html())
        document.print_(printer)

    def save_key(self) -> Path | None:
        """Write the key to a text file only this account can read; returns it (None if cancelled or failed)."""
        suggested = Path.home() / "Mastery Ledger recovery key.txt"
        chosen = dialogs.save_file(self, self.tr("Save your recovery key"), str(suggested), self.tr("Text (*.txt)"))
        if not chosen:
            return None
        path = Path(chosen)
        try:
            with paths.replacing(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(self.sheet_text())
        except OSError as exc:
            log.warning("could not save the recovery key file (%s)", type(exc).__name__)
            message = messages.known_storage_problem(exc) or self.tr("The file could not be written: {reason}").format(
                reason=exc.strerror or type(exc).__name__
            )
            dialogs.warn(self, APP_NAME, message)
            return None
        self.saved_to = path
        self.status.setStyleSheet("")
        self.status.setText(
            self.tr(
                "Saved to {file}. Copy it to a USB stick you keep apart from your backups, or print it, then delete "
                "it from this computer."
            ).format(file=str(path))
        )
        return path

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Copied. Paste it into a document you keep somewhere safe, then clear the copy."))


def show_recovery_key(parent: QWidget | None, recovery: str, key_id: str = "") -> bool:
    """Show the recovery key (blocks until it is kept; tests answer ``dialogs.run``). Once the user ticked "I have
    kept my recovery key", this computer remembers it (:func:`desktop.keys.confirm_recovery`) and stops asking.
    True if they did."""
    dialog = RecoveryKeyDialog(recovery, key_id, parent)

    def kept(ticked: bool) -> None:
        if ticked and key_id:
            keys.confirm_recovery(key_id)

    dialog.kept.toggled.connect(kept)
    dialogs.run(dialog)
    return bool(key_id) and keys.recovery_confirmed(key_id)


class SecretDialog(Retranslating, QDialog):
    """Asks for the recovery key (``passphrase=False``) or the passphrase of a database or backup, and checks it with
    ``check(text)`` — a function that turns the text into a secret and raises a ``LedgerError`` (WrongKey) when it
    does not open the file. ``secret`` is the checked secret once the dialog was accepted.

    ``try_accept()`` is what OK does; a test calls it directly."""

    def __init__(
        self,
        check: Callable[[str], object],
        *,
        passphrase: bool = False,
        what: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("secretDialog")
        self.check = check
        self.passphrase = passphrase
        self.what = what
        self.secret: object = None
        self.attempts = 0
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.file_label = QLabel(what)
        self.file_label.setWordWrap(True)
        self.file_label.setStyleSheet("color:#555555")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setVisible(bool(what))
        self.edit = QLineEdit()
        self.edit.setObjectName("secretEdit")
        if passphrase:
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        else:
            self.edit.setFont(monospace(1.2))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#555555")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.file_label)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    def retranslate(self) -> None:
        if self.passphrase:
            self.setWindowTitle(self.tr("Enter the passphrase — Mastery Ledger"))
            self.intro.setText(self.tr("These records are locked with a passphrase. Enter it to open them."))
            self.hint.setText(self.tr("Capital and small letters count."))
            self.edit.setAccessibleName(self.tr("Passphrase"))
        else:
            self.setWindowTitle(self.tr("Enter the recovery key — Mastery Ledger"))
            self.intro.setText(
                self.tr(
                    "These records are locked, and the key that opens them is not on this computer. Enter the "
                    "recovery key you wrote down or printed when they were locked."
                )
            )
            self.hint.setText(
                self.tr(
                    "It looks like MLK1-ABCD-EFGH-…; capitals, spaces and dashes do not matter. If the records "
                    "were locked with a passphrase instead, type the passphrase."
                )
            )
            self.edit.setAccessibleName(self.tr("Recovery key"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("Open"))

    def try_accept(self) -> bool:
        """Check what was typed; accept with the secret, or say in one sentence why not and ask again."""
        text = self.edit.text()
        if not text.strip():
            self._refuse(self.tr("Please enter it first."))
            return False
        self.attempts += 1
        try:
            self.secret = self.check(text)
        except LedgerError as exc:
            self._refuse(messages.describe(exc) or str(exc))
            return False
        self.error.hide()
        self.accept()
        return True

    def _refuse(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.show()
        self.edit.selectAll()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


class NewPassphraseDialog(Retranslating, QDialog):
    """Choose the passphrase for passphrase mode (a shared computer): typed twice, at least
    :data:`MIN_PASSPHRASE` characters, with the warning that no recovery key exists for it. ``passphrase`` once
    accepted; ``try_accept()`` is what OK does."""

    MIN_PASSPHRASE = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPassphraseDialog")
        self.passphrase = ""
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color:#8a5a00;")
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.first_label = QLabel()
        self.first_label.setBuddy(self.first)
        self.second_label = QLabel()
        self.second_label.setBuddy(self.second)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.warning, self.first_label, self.first, self.second_label, self.second):
            layout.addWidget(widget)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Choose a passphrase — Mastery Ledger"))
        self.intro.setText(
            self.tr(
                "On a shared computer the records can be locked with a passphrase that Mastery Ledger asks for at "
                "every start, instead of a key this computer keeps."
            )
        )
        self.warning.setText(
            self.tr(
                "There is no recovery key for a passphrase: if it is forgotten, nobody can open the records again. "
                "Choose one you will remember, and keep a copy of it somewhere safe."
            )
        )
        self.first_label.setText(self.tr("&Passphrase:"))
        self.second_label.setText(self.tr("&Again, to be sure:"))
        self.first.setAccessibleName(self.tr("Passphrase"))
        self.second.setAccessibleName(self.tr("Passphrase again"))

    def try_accept(self) -> bool:
        first, second = self.first.text(), self.second.text()
        if len(first) < self.MIN_PASSPHRASE:
            sentence = self.tr("The passphrase needs at least {n} characters.").format(n=self.MIN_PASSPHRASE)
        elif first != second:
            sentence = self.tr("The two passphrases are not the same; please type them again.")
        else:
            self.passphrase = first
            self.error.hide()
            self.accept()
            return True
        self.error.setText(sentence)
        self.error.show()
        self.second.clear()
        return False

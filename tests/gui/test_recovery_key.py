"""The recovery-key dialog: the key shown whole and readable, Close gated by "I have kept my recovery key",
Save as file… owner-only, Copy; and the question asking for a key, which keeps asking until the key is right."""

from __future__ import annotations

import os
import stat
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from desktop.errors import WrongKey
from desktop.ui import i18n
from desktop.ui.recovery_key import RecoveryKeyDialog, SecretDialog, key_lines

# An invented key in the recovery format (the dialog only shows and copies it).
RECOVERY = "MLK1-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-MNOP-QRST-UVWX"


@pytest.fixture
def dialog(qtbot):
    shown = RecoveryKeyDialog(RECOVERY, key_id="0123456789abcdef")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_the_key_is_shown_whole_in_short_lines(dialog):
    shown = dialog.key_label.text()
    assert shown == key_lines(RECOVERY)
    assert shown.replace("\n", "") == RECOVERY  # nothing lost or added by the line breaks
    assert all(len(line) <= 25 for line in shown.splitlines())
    assert dialog.key_label.font().pointSizeF() > dialog.intro.font().pointSizeF()
    assert (
        dialog.key_label.font().fixedPitch()
        or dialog.key_label.font().styleHint() == dialog.key_label.font().StyleHint.Monospace
    )


def test_close_stays_off_until_the_key_is_kept(qtbot, dialog):
    assert not dialog.close_button.isEnabled()
    dialog.reject()  # Escape
    dialog.close()  # the window's close button
    assert dialog.isVisible() and dialog.result() == 0
    assert "tick the box" in dialog.status.text()
    qtbot.mouseClick(dialog.kept, Qt.MouseButton.LeftButton)
    assert dialog.kept.isChecked() and dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_save_as_file_writes_the_key_owner_only(dialog, tmp_path, fake_dialogs):
    target = tmp_path / "key.txt"
    fake_dialogs.answer("save_file", str(target))
    assert dialog.save_key() == target
    text = target.read_text(encoding="utf-8")
    assert key_lines(RECOVERY) in text and "0123456789abcdef" in text
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert str(target) in dialog.status.text()
    assert not list(tmp_path.glob(".*tmp"))  # written whole: no temp file left beside it


def test_save_cancelled_writes_nothing(dialog, tmp_path):
    assert dialog.save_key() is None  # the fake file dialog is cancelled
    assert list(tmp_path.iterdir()) == [] and dialog.saved_to is None


def test_save_into_a_missing_folder_says_so(dialog, tmp_path, fake_dialogs):
    fake_dialogs.answer("save_file", str(tmp_path / "no such folder" / "key.txt"))
    assert dialog.save_key() is None
    assert fake_dialogs.kinds()[-1] == "warn"


def test_copy_puts_the_key_on_the_clipboard(dialog):
    dialog.copy_key()
    assert QGuiApplication.clipboard().text() == RECOVERY


def test_the_printed_sheet_holds_the_key_and_what_it_is_for(dialog):
    sheet = dialog.sheet_html()
    assert "<br>".join(key_lines(RECOVERY).splitlines()) in sheet
    assert "recovery key" in sheet and "0123456789abcdef" in sheet


def test_the_sheet_prints(dialog, tmp_path):
    from PySide6.QtGui import QPdfWriter  # a PDF file stands in for the printer

    target = tmp_path / "sheet.pdf"
    printer = QPdfWriter(str(target))
    dialog.print_to(printer)
    del printer  # the file is finished when the writer goes
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000


def test_the_dialog_speaks_chinese(qtbot):
    i18n.translations().switch("zh_CN")
    shown = RecoveryKeyDialog(RECOVERY)
    qtbot.addWidget(shown)
    assert "恢复密钥" in shown.heading.text() and "恢复密钥" in shown.kept.text()
    assert shown.key_label.text() == key_lines(RECOVERY)


def test_the_key_question_asks_again_after_a_wrong_key(qtbot):
    tried = []

    def check(text: str) -> bytes:
        tried.append(text)
        if text != "right":
            raise WrongKey(code="recovery_key_mistyped")
        return b"k" * 32

    asked = SecretDialog(check)
    qtbot.addWidget(asked)
    asked.show()
    assert not asked.try_accept()  # nothing typed: not even checked
    assert tried == [] and asked.error.isVisible()
    asked.edit.setText("wrong")
    assert not asked.try_accept()
    assert "typing mistake" in asked.error.text() and asked.isVisible() and asked.secret is None
    asked.edit.setText("right")
    assert asked.try_accept()
    assert asked.secret == b"k" * 32 and asked.result() == QDialog.DialogCode.Accepted
    assert tried == ["wrong", "right"]


def test_the_passphrase_question_hides_what_is_typed(qtbot):
    asked = SecretDialog(lambda text: text, passphrase=True)
    qtbot.addWidget(asked)
    assert asked.edit.echoMode() == asked.edit.EchoMode.Password
    assert "passphrase" in asked.intro.text()

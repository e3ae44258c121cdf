"""Languages: the Chinese translation is complete, loads, and switching it on relabels the open window."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

from gui_helpers import select_tab
from PySide6.QtCore import QCoreApplication

from desktop.ui import i18n

TS = i18n.translations_dir() / "mastery_ledger_zh_CN.ts"


def test_the_chinese_translation_is_complete_and_compiled():
    root = ET.parse(TS).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 250
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")
    ]
    assert unfinished == []
    for message in messages:  # placeholders survive translation
        source, translation = message.findtext("source"), message.findtext("translation")
        for placeholder in ("{n}", "{name}", "{path}", "{word}", "{label}", "{age}"):
            assert (placeholder in source) == (placeholder in translation), (source, translation)
    assert (TS.with_suffix(".qm")).stat().st_mtime >= TS.stat().st_mtime - 1


def test_every_marked_string_is_in_the_catalogue():
    """A string added to the code without running resources/translations/update.py fails here."""
    result = subprocess.run(
        [sys.executable, str(i18n.translations_dir() / "update.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_switching_language_relabels_the_window(window, child, settings, fake_dialogs):
    window.reload_all()

    def choose_chinese(dialog):
        dialog.set_value("language", "zh_CN")
        return True

    fake_dialogs.answer("run", choose_chinese)
    window.menus.actions["settings"].trigger()
    assert settings.get("language") == "zh_CN"
    assert i18n.translations().language == "zh_CN"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "概览",
        "中文词语",
        "英文词语",
        "语法",
        "卡片",
        "聊天",
    ]
    assert window.menus.file_menu.title() == "文件(&F)"
    assert window.overview.labels["dob"].text() == "出生日期"
    assert window.overview.subheading.text().startswith("年龄：")
    select_tab(window, "zh")
    page = window.pages["zh"]
    assert page.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "词语"
    assert page.count_label.text() == "4 个词语"
    assert page.filter_box.placeholderText() == "筛选…（Ctrl+F）"
    # messages from the core are translated too
    page.add_box.setText("猫")
    page.add_from_box()
    assert page.message_bar.text() == "“猫”已经掌握了。"
    # and back
    window.set_language("en")
    assert window.tabs.tabText(0) == "Overview"
    assert page.count_label.text() == "4 words"


def test_qt_standard_texts_follow(window):
    window.set_language("zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("Dialogs", "Yes") == "是"


def test_qt_own_dialogs_speak_chinese(qtbot, window):
    """Qt's file dialog (every label, including the two Qt's catalogue lacks), message box and button box follow
    the language, and go back to English."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox

    def file_dialog_labels() -> list[str]:
        dialog = QFileDialog(window, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        return sorted(label.text() for label in dialog.findChildren(QLabel) if label.text())

    window.set_language("zh_CN")
    assert file_dialog_labels() == sorted(["查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："])
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "t",
        "q",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
        window,
    )
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["是(&Y)", "否(&N)", "取消"])
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert sorted(b.text() for b in buttons.buttons()) == sorted(["确定", "取消"])

    window.set_language("en")
    assert file_dialog_labels() == sorted(["&Look in:", "File &name:", "Files of &type:"])


def test_language_choice_order(monkeypatch):
    assert i18n.resolve("zh_CN", "en") == "zh_CN"
    assert i18n.resolve(None, "en") == "en"
    monkeypatch.setattr(i18n, "system_language", lambda: "zh_CN")
    assert i18n.resolve(None, "") == "zh_CN"
    assert i18n.resolve("fr", None) == "zh_CN"

"""Languages: one catalogue holds every string of the app, the Chinese translation is complete and loads, and
switching it on relabels the open window, wizard and dialogs."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from gui_helpers import select_tab
from PySide6.QtCore import QCoreApplication, QEvent

from desktop.ui import i18n
from desktop.ui.audit.viewer import AuditLogViewer
from desktop.ui.wizard.wizard import MigrationWizard

TS = i18n.translations_dir() / "mastery_ledger_zh_CN.ts"
CHINESE = re.compile("[\u4e00-\u9fff]")


def test_one_catalogue_per_language():
    """Ours (every string of the app) and the few Qt strings Qt's own catalogue lacks: nothing else to load."""
    folder = i18n.translations_dir()
    assert sorted(p.name for p in folder.glob("*.ts")) == [
        "mastery_ledger_en.ts",
        "mastery_ledger_zh_CN.ts",
        "qt_extra_zh_CN.ts",
    ]
    assert sorted(p.name for p in folder.glob("*.qm")) == [
        "mastery_ledger_en.qm",
        "mastery_ledger_zh_CN.qm",
        "qt_extra_zh_CN.qm",
    ]


def test_only_i18n_installs_translators():
    package = Path(i18n.__file__).resolve().parents[1]
    installers = [
        str(path.relative_to(package.parent))
        for path in sorted(package.rglob("*.py"))
        if "installTranslator" in path.read_text(encoding="utf-8")
    ]
    assert installers == ["desktop/ui/i18n.py"]


def test_the_chinese_translation_is_complete_and_compiled():
    root = ET.parse(TS).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 1000  # the window's, the wizard's and the audit, backup and health dialogs'
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None and translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        for text in forms:  # a counted text: each plural form
            assert text.strip(), source
            # placeholders and counts survive translation, and so does a mnemonic
            assert set(re.findall(r"\{(\w+)\}", source)) == set(re.findall(r"\{(\w+)\}", text)), source
            assert ("%n" in source or "%Ln" in source) == ("%n" in text or "%Ln" in text), source
            if "&" in source.replace("&&", ""):
                assert "&" in text, source
    assert TS.with_suffix(".qm").is_file()  # that it says what the .ts says: update.py --check, below


def test_every_marked_string_is_in_the_catalogue():
    """A string added, changed or removed in the code without running resources/translations/update.py fails
    here, and so does a catalogue not compiled again."""
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


def test_the_wizard_the_audit_log_and_the_window_speak_from_the_one_catalogue(qtbot, window):
    """Switched at run time, with all three open: each label is the one installed catalogue's translation, and
    without that catalogue (Qt's own still installed) all three are English again."""
    wizard = MigrationWizard(window, search_usual_places=False)
    qtbot.addWidget(wizard)
    viewer = AuditLogViewer(window, verify=False)
    qtbot.addWidget(viewer)
    labels = {  # (context, source): the label showing it
        ("MainWindow", "Overview"): lambda: window.tabs.tabText(0),
        ("MigrationWizard", "Import the old app's records"): wizard.windowTitle,
        ("AuditLogViewer", "Audit log — Mastery Ledger"): viewer.windowTitle,
    }

    def shown() -> dict[tuple[str, str], str]:
        return {key: label() for key, label in labels.items()}

    english = {key: key[1] for key in labels}
    assert shown() == english

    window.set_language("zh_CN")
    catalogue = i18n.translations().catalogue
    assert catalogue is not None and Path(catalogue.filePath()).name == "mastery_ledger_zh_CN.qm"
    assert shown() == {(context, source): catalogue.translate(context, source) for context, source in labels}
    assert all(CHINESE.search(text) for text in shown().values()), shown()

    QCoreApplication.removeTranslator(catalogue)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    assert shown() == english
    QCoreApplication.installTranslator(catalogue)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    assert all(CHINESE.search(text) for text in shown().values()), shown()

    window.set_language("en")
    assert shown() == english
    viewer.jobs.wait()
    wizard.wait_idle()

"""The record tables driven like a user: add, duplicate refused, edit a cell (database + audit log), paste a list,
filter, sort, delete with confirmation (bulk delete backs up first), copy."""

from __future__ import annotations

import json

import pytest
from gui_helpers import select_tab, type_text, wait_jobs
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from desktop import paths, services
from desktop.models import AuditLog, MasteredGrammar, MasteredWord


@pytest.fixture
def zh_page(window, child):
    window.reload_all()
    select_tab(window, "zh")
    page = window.pages["zh"]
    assert page.model.profile_id == child["id"]
    return page


def words(profile_id, language="zh"):
    return {
        w
        for (w,) in MasteredWord.select(MasteredWord.word)
        .where((MasteredWord.profile == profile_id) & (MasteredWord.language == language))
        .tuples()
    }


def shown(page, column=0):
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def select_rows(page, rows):
    selection = page.view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            page.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )


def test_add_a_word_and_see_a_duplicate_refused(qtbot, zh_page, child):
    type_text(zh_page.add_box, "老虎")
    qtbot.keyClick(zh_page.add_box, Qt.Key.Key_Return)
    assert "老虎" in words(child["id"])
    assert shown(zh_page)[0] == "老虎"  # newest first
    assert zh_page.message_bar.kind == "info"
    assert zh_page.add_box.text() == ""
    assert zh_page.count_label.text() == "5 words"

    type_text(zh_page.add_box, " 猫 ")
    qtbot.mouseClick(zh_page.add_button, Qt.MouseButton.LeftButton)
    assert zh_page.message_bar.kind == "error"
    assert zh_page.message_bar.text() == "“猫” is already mastered."
    assert len(words(child["id"])) == 5


def test_edit_a_cell_saves_to_the_database_and_the_audit_log(qtbot, zh_page, child):
    model = zh_page.model
    row = shown(zh_page).index("鱼")
    word_id = model.row_id(row)
    index = model.index(row, 0)
    # as the view does it: double-click, type, Enter
    zh_page.view.edit(index)
    editor = zh_page.view.indexWidget(index)
    editor.selectAll()
    type_text(editor, "金鱼")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event-loop turn
    qtbot.waitUntil(lambda: MasteredWord.get_by_id(word_id).word == "金鱼")
    assert MasteredWord.get_by_id(word_id).version == 2
    assert model.index(row, 0).data() == "金鱼"
    entry = (
        AuditLog.select()
        .where(
            (AuditLog.table_name == "mastered_words")
            & (AuditLog.action == "UPDATE")
            & (AuditLog.record_id == str(word_id))
        )
        .get()
    )
    assert entry.changed_by == "user"
    assert json.loads(entry.old_value)["word"] == "鱼"
    assert json.loads(entry.new_value)["word"] == "金鱼"


def test_refused_edit_shows_a_message_and_the_cell_reverts(qtbot, zh_page, child):
    model = zh_page.model
    row = shown(zh_page).index("鱼")
    failures = []
    model.edit_failed.connect(failures.append)
    assert model.setData(model.index(row, 0), "猫") is False  # duplicate
    assert model.index(row, 0).data() == "鱼"
    assert failures == ["“猫” is already mastered."]
    assert zh_page.message_bar.text() == "“猫” is already mastered."
    assert model.setData(model.index(row, 0), "   ") is False  # empty
    assert zh_page.message_bar.text() == "The word is empty."
    assert "鱼" in words(child["id"])


def test_edit_of_a_row_changed_elsewhere_is_a_conflict(zh_page, child):
    model = zh_page.model
    row = shown(zh_page).index("狗")
    word_id = model.row_id(row)
    services.rename_word(word_id, "小狗", expected_version=None)  # another window
    assert model.setData(model.index(row, 0), "大狗") is False
    assert "changed elsewhere" in zh_page.message_bar.text()
    assert MasteredWord.get_by_id(word_id).word == "小狗"
    assert model.index(row, 0).data() == "小狗"  # the row shows the current version now


def test_paste_a_word_list_adds_many_with_a_summary(qtbot, window, child, fake_dialogs):
    window.reload_all()
    select_tab(window, "en")
    page = window.pages["en"]

    def fill(dialog):
        assert dialog.text() == "from the clipboard"
        dialog.editor.setPlainText("apple, banana, , banana, zebra,  cat")
        return True

    fake_dialogs.answer("run", fill)
    QGuiApplication.clipboard().setText("from the clipboard")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    wait_jobs(qtbot, window)
    assert words(child["id"], "en") == {"cat", "dog", "apple", "banana", "zebra"}
    assert page.message_bar.text() == "2 added, 2 already mastered, 1 repeated in the list, 1 empty"
    assert page.model.total == 5
    assert window.profiles.model.summaries[0].en_words == 5  # the list follows


def test_filter_and_sort_happen_in_sql(qtbot, window, child):
    services.bulk_add_words(child["id"], "猫咪, 小猫, 熊猫, 100%_done", "zh")
    window.reload_all()
    select_tab(window, "zh")
    page = window.pages["zh"]
    window.menus.actions["find"].trigger()
    assert page.filter_box.hasFocus()
    type_text(page.filter_box, "猫")
    qtbot.keyClick(page.filter_box, Qt.Key.Key_Return)
    assert sorted(shown(page)) == sorted(["猫", "猫咪", "小猫", "熊猫"])
    assert page.count_label.text() == "4 words match"
    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert shown(page) == sorted(["猫", "猫咪", "小猫", "熊猫"])
    page.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown(page) == sorted(["猫", "猫咪", "小猫", "熊猫"], reverse=True)
    # wildcards are taken literally
    page.filter_box.setText("%_")
    page.filter_box.apply()
    assert shown(page) == ["100%_done"]
    page.filter_box.clear()
    assert page.model.total == 8


def test_delete_one_row_after_confirming(qtbot, zh_page, child, fake_dialogs):
    row = shown(zh_page).index("狗")
    select_rows(zh_page, [row])
    fake_dialogs.answer("ask", False)
    zh_page.view.setFocus()
    qtbot.keyClick(zh_page.view, Qt.Key.Key_Delete)
    assert "狗" in words(child["id"])
    assert fake_dialogs.texts("ask")[-1].endswith("Delete the word “狗”?")
    fake_dialogs.answer("ask", True)
    qtbot.keyClick(zh_page.view, Qt.Key.Key_Delete)
    assert "狗" not in words(child["id"])
    assert "狗" not in shown(zh_page)
    assert zh_page.message_bar.text() == "The word “狗” was deleted."


def test_bulk_delete_backs_up_first(qtbot, window, zh_page, child, fake_dialogs):
    before = set(paths.backups_dir().iterdir())
    select_rows(zh_page, [0, 1, 2])
    doomed = {zh_page.model.index(r, 0).data() for r in (0, 1, 2)}
    fake_dialogs.answer("ask", True)
    zh_page.delete_button.click()
    wait_jobs(qtbot, window)
    assert "Delete 3 words?" in fake_dialogs.texts("ask")[-1]
    assert words(child["id"]) == {"猫", "狗", "鱼", "苹果"} - doomed
    new_files = set(paths.backups_dir().iterdir()) - before
    assert any(f.suffix == ".db" for f in new_files)
    manifests = [json.loads(f.read_text()) for f in new_files if f.suffix == ".json"]
    assert any(m.get("reason") == "before-bulk-delete" for m in manifests)
    assert "3 words deleted." in zh_page.message_bar.text()
    assert zh_page.model.rowCount() == 1
    batch = {e.batch_id for e in AuditLog.select().where(AuditLog.action == "DELETE")}
    assert len(batch) == 1  # one audited batch


def test_grammar_add_edit_delete(qtbot, window, child, fake_dialogs):
    window.reload_all()
    select_tab(window, "grammar")
    page = window.pages["grammar"]
    qtbot.keyClicks(page.add_box, "http://srs4autism.com/instance/gp-a1-003-%E5%9C%A8-location")
    qtbot.keyClick(page.add_box, Qt.Key.Key_Return)
    assert page.model.index(0, 0).data() == "A1 · 在 location"
    assert page.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("http://")
    assert page.model.setData(page.model.index(0, 0), "http://example.org/gp-b") is True
    assert MasteredGrammar.get().grammar_uri == "http://example.org/gp-b"
    select_rows(page, [0])
    fake_dialogs.answer("ask", True)
    page.delete_selected()
    assert MasteredGrammar.select().count() == 0


def test_copy_selected_rows(qtbot, zh_page):
    select_rows(zh_page, [0, 1])
    zh_page.view.setFocus()
    qtbot.keyClick(zh_page.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2 and lines[0].split("\t")[0] == zh_page.model.index(0, 0).data()


def test_tabs_load_only_when_shown(window, child):
    window.reload_all()
    select_tab(window, "overview")
    assert window.pages["chat"].model.profile_id is None  # not read yet
    select_tab(window, "chat")
    assert window.pages["chat"].model.profile_id == child["id"]

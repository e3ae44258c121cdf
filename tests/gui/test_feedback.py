"""Feedback that stays true: "Saved." never stands beside a field error, each new action replaces the message bar,
an empty card is refused, a word that differs only in case from one already mastered is asked about first."""

from __future__ import annotations

import json

import pytest
from gui_helpers import select_tab, type_text, wait_jobs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop import services
from desktop.models import ApprovedCard, MasteredWord
from desktop.ui.cards import CardDialog


def words(profile_id, language):
    return sorted(
        w
        for (w,) in MasteredWord.select(MasteredWord.word)
        .where((MasteredWord.profile == profile_id) & (MasteredWord.language == language))
        .tuples()
    )


@pytest.fixture
def shown_child(qtbot, window, child):
    window.reload_all()
    wait_jobs(qtbot, window)
    return child


def test_saved_never_stands_beside_a_field_error(qtbot, window, shown_child):
    overview = window.overview
    overview.inputs["school"].setText("Sunny Hill")
    assert overview.save() is True
    assert overview.message_bar.text() == "Saved."

    overview.inputs["dob"].setText("2999-01-01")
    assert overview.save() is False
    assert "future" in overview.rows["dob"].error.text() and overview.rows["dob"].error.isVisibleTo(overview)
    assert overview.message_bar.text() == "" and not overview.message_bar.isVisibleTo(overview)

    overview.inputs["dob"].setText("2016-06-02")
    assert overview.save() is True  # and the next good save says so again, with no error left
    assert overview.message_bar.text() == "Saved." and not overview.rows["dob"].error.isVisibleTo(overview)
    overview.inputs["school"].setText("Other")
    overview.revert()  # "Undo changes" is an action too: "Saved." is not about it
    assert overview.message_bar.text() == "" and overview.inputs["school"].text() == "Sunny Hill"


def test_each_new_action_replaces_the_message(qtbot, window, shown_child):
    select_tab(window, "zh")
    page = window.pages["zh"]
    type_text(page.add_box, "猫")
    qtbot.keyClick(page.add_box, Qt.Key.Key_Return)
    assert (page.message_bar.kind, page.message_bar.text()) == ("error", "“猫” is already mastered.")

    page.add_box.clear()
    type_text(page.add_box, "老虎")
    qtbot.keyClick(page.add_box, Qt.Key.Key_Return)
    assert (page.message_bar.kind, page.message_bar.text()) == ("info", "“老虎” added.")

    page.add_box.setText("猫")
    page.add_from_box()
    assert page.message_bar.kind == "error"
    row = [page.model.index(r, 0).data() for r in range(page.model.rowCount())].index("鱼")
    assert page.model.setData(page.model.index(row, 0), "金鱼")  # an edit that works: the old error goes
    assert page.message_bar.text() == "" and not page.message_bar.isVisibleTo(page)

    page.add_box.setText("猫")
    page.add_from_box()
    page.add_box.setText("")
    page.add_from_box()  # an empty add box opens nothing on this tab, and the error does not linger
    assert page.message_bar.text() == ""


def test_an_empty_card_is_refused_by_the_dialog_and_by_the_services(qtbot, window, shown_child, fake_dialogs):
    dialog = CardDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.front.setPlainText("   ")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.error.text() == "The card is empty: write something on its front or back."
    dialog.back.setPlainText("cat")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.error.isHidden()

    select_tab(window, "cards")
    page = window.pages["cards"]
    wait_jobs(qtbot, window)
    before = ApprovedCard.select().count()
    fake_dialogs.answer("run", lambda d: True)  # a dialog that let an empty card through is still refused
    page.add_record()
    assert ApprovedCard.select().count() == before
    assert (page.message_bar.kind, page.message_bar.text()) == (
        "error",
        "The card is empty: write something on its front or back.",
    )

    def fill(d: CardDialog) -> bool:
        d.front.setPlainText("<b>狗</b>")
        return True

    fake_dialogs.answer("run", fill)
    page.add_record()
    assert ApprovedCard.select().count() == before + 1
    assert json.loads(ApprovedCard.select().order_by(ApprovedCard.id.desc()).first().content)["front"] == "<b>狗</b>"
    assert page.message_bar.text() == "Card added."


def test_a_word_differing_only_in_case_is_asked_about_first(qtbot, window, shown_child, fake_dialogs):
    select_tab(window, "en")
    page = window.pages["en"]
    wait_jobs(qtbot, window)
    type_text(page.add_box, "Apple")
    qtbot.keyClick(page.add_box, Qt.Key.Key_Return)  # the question is answered "Don't add"
    question = fake_dialogs.texts("ask")[-1]
    assert "“apple” is already mastered" in question and "“Apple”" in question
    assert words(shown_child["id"], "en") == ["apple", "cat", "dog"]
    assert page.add_box.text() == "Apple" and page.message_bar.text() == ""

    fake_dialogs.answer("ask", True)
    qtbot.keyClick(page.add_box, Qt.Key.Key_Return)
    assert words(shown_child["id"], "en") == ["Apple", "apple", "cat", "dog"]
    assert page.message_bar.text() == "“Apple” added."

    asked = len(fake_dialogs.texts("ask"))
    type_text(page.add_box, "pear")  # nothing like it: no question
    qtbot.keyClick(page.add_box, Qt.Key.Key_Return)
    assert len(fake_dialogs.texts("ask")) == asked and "pear" in words(shown_child["id"], "en")


def test_the_date_of_birth_speaks_the_language_and_takes_local_forms(qtbot, window, shown_child):
    from desktop.ui import i18n
    from desktop.ui.formatting import iso_date

    overview = window.overview
    assert overview.inputs["dob"].placeholderText() == "YYYY-MM-DD"
    window.set_language("zh_CN")
    assert overview.inputs["dob"].placeholderText() == "年-月-日"
    assert i18n.translations().language == "zh_CN"
    window.set_language("en")

    assert [iso_date(t) for t in ("2015/1/31", " 2015.01.31 ", "2015年1月31日", "2015-1-3", "31/01/2015", "")] == [
        "2015-01-31",
        "2015-01-31",
        "2015-01-31",
        "2015-01-03",
        "31/01/2015",
        "",
    ]
    overview.inputs["dob"].setText("2015年1月31日")
    overview._update_age()
    assert overview.age_label.text() != ""
    assert overview.save() is True
    assert services.get_profile(shown_child["id"])["dob"] == "2015-01-31"


def test_a_refused_delete_makes_no_backup(qtbot, window, shown_child, fake_dialogs):
    """Deleting several words, one of which another window renamed meanwhile: refused with the conflict message,
    nothing is deleted and no backup is made."""
    from PySide6.QtCore import QItemSelectionModel

    from desktop import paths

    select_tab(window, "zh")
    page = window.pages["zh"]
    wait_jobs(qtbot, window)
    selection = page.view.selectionModel()
    for row in (0, 1):
        selection.select(
            page.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    renamed = page.model.row_id(1)
    services.rename_word(renamed, "大猫", None)  # another window
    folder = paths.backups_dir()
    before = set(folder.iterdir())
    fake_dialogs.answer("ask", True)
    page.delete_button.click()
    wait_jobs(qtbot, window)
    assert "changed elsewhere" in page.message_bar.text()
    assert set(folder.iterdir()) == before
    assert "大猫" in words(shown_child["id"], "zh") and len(words(shown_child["id"], "zh")) == 4

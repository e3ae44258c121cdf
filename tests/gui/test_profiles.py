"""Driving the window like a parent: add a child, fill in the profile, fix a mistake, delete the child."""

from __future__ import annotations

import json

from gui_helpers import select_tab, wait_jobs
from PySide6.QtCore import Qt

from desktop import paths, services
from desktop.models import AuditLog, Profile


def test_empty_database_invites_to_import_or_add_a_child(window):
    assert window.stack.currentWidget() is window.empty_state
    assert "old app" in window.empty_state.import_button.text()
    assert "Add a child" in window.empty_state.add_button.text()


def test_create_edit_and_delete_a_profile(qtbot, window, fake_dialogs):
    # create
    fake_dialogs.answer("get_text", "  Lily 李莉  ")
    window.menus.actions["add_child"].trigger()
    profile = Profile.get(Profile.name == "Lily 李莉")
    assert window.profiles.current_id() == profile.id
    assert window.stack.currentWidget() is window.tabs
    assert window.tabs.currentIndex() == 0
    assert window.overview.heading.text() == "Lily 李莉"

    # edit: type into the form, add tags, save with the button
    overview = window.overview
    qtbot.keyClicks(overview.inputs["dob"], "2017-03-09")
    qtbot.keyClicks(overview.inputs["school"], "Sunny School")
    overview.gender.setCurrentIndex(overview.gender.findData("female"))
    qtbot.keyClicks(overview.interests.input, "trains")
    qtbot.keyClick(overview.interests.input, Qt.Key.Key_Return)
    qtbot.keyClicks(overview.characters.input, "Elsa, Olaf")
    qtbot.keyClicks(overview.notes, "Mother: 123")
    assert overview.dirty_label.text() == "Unsaved changes"
    qtbot.mouseClick(overview.save_button, Qt.MouseButton.LeftButton)
    saved = services.get_profile(profile.id)
    assert saved["dob"] == "2017-03-09"
    assert saved["school"] == "Sunny School"
    assert saved["gender"] == "female"
    assert json.loads(saved["interests"]) == ["trains"]
    assert json.loads(saved["character_roster"]) == ["Elsa", "Olaf"]
    assert saved["raw_input"] == "Mother: 123"
    assert overview.dirty_label.text() == ""
    assert "years" in window.overview.subheading.text()

    # delete: confirm, the backup is made first (in the background), then the child is gone
    fake_dialogs.answer("ask", True)
    window.profiles.delete_button.click()
    wait_jobs(qtbot, window)
    assert not Profile.select().where(Profile.id == profile.id).exists()
    assert "Lily 李莉" in fake_dialogs.texts("ask")[-1]
    assert any(p.suffix == ".db" for p in paths.backups_dir().iterdir())
    assert window.stack.currentWidget() is window.empty_state
    assert AuditLog.select().where((AuditLog.table_name == "profiles") & (AuditLog.action == "DELETE")).count() == 1


def test_refused_delete_keeps_the_child(qtbot, window, child, fake_dialogs):
    window.profiles.reload()
    fake_dialogs.answer("ask", False)
    window.profiles.delete_button.click()
    wait_jobs(qtbot, window)
    assert Profile.select().where(Profile.id == child["id"]).exists()


def test_validation_message_appears_next_to_the_field(qtbot, window, child):
    window.reload_all()
    overview = window.overview
    overview.inputs["dob"].setText("2999-01-01")
    overview.inputs["mental_age"].setText("6.5")
    assert overview.save() is False
    assert overview.rows["dob"].error.isVisibleTo(overview)
    assert "future" in overview.rows["dob"].error.text()
    assert services.get_profile(child["id"])["dob"] == "2016-05-02"  # nothing saved
    overview.inputs["dob"].setText("2015-02-30")
    assert overview.save() is False
    assert "not a real date" in overview.rows["dob"].error.text()
    overview.inputs["dob"].setText("2015-02-28")
    assert overview.save() is True
    assert not overview.rows["dob"].error.isVisibleTo(overview)
    assert services.get_profile(child["id"])["mental_age"] == 6.5


def test_duplicate_name_is_refused_with_a_message(window, child, fake_dialogs):
    fake_dialogs.answer("get_text", "小明")
    window.add_profile()
    assert "already a child called “小明”" in fake_dialogs.texts("warn")[-1]
    assert Profile.select().count() == 1


def test_renaming_to_an_existing_name_shows_under_the_name(window, child):
    services.create_profile("Amy")
    window.reload_all()
    window.profiles.select(child["id"])
    window.overview.inputs["name"].setText("Amy")
    assert window.overview.save() is False
    assert "already a child" in window.overview.rows["name"].error.text()


def test_profile_list_shows_age_and_counts_and_searches_in_sql(window, child):
    services.create_profile("Ben")
    window.reload_all()
    summaries = window.profiles.model.summaries
    assert [s.name for s in summaries] == ["Ben", "小明"]
    ming = summaries[1]
    assert (ming.zh_words, ming.en_words) == (4, 3)
    window.profiles.search.setText("明")
    window.profiles.search.apply()
    assert [s.name for s in window.profiles.model.summaries] == ["小明"]
    window.profiles.search.setText("nobody")
    window.profiles.search.apply()
    assert window.profiles.model.rowCount() == 0
    assert window.profiles.empty_label.isVisibleTo(window.profiles)


def test_switching_child_with_unsaved_changes_offers_to_save(qtbot, window, child, fake_dialogs):
    other = services.create_profile("Ben")
    window.reload_all()
    window.profiles.select(child["id"])
    window.overview.inputs["school"].setText("Hill School")
    window.overview._edited()
    fake_dialogs.answer("ask", True)  # save
    window.profiles.select(other["id"])
    assert services.get_profile(child["id"])["school"] == "Hill School"
    assert window.overview.profile["id"] == other["id"]


def test_overview_counts_and_chart(qtbot, window, child):
    window.reload_all()
    select_tab(window, "overview")
    tiles = window.overview.tiles
    qtbot.waitUntil(lambda: tiles["zh"].number.text() == "4")  # read in the background
    assert tiles["en"].number.text() == "3"
    points = window.overview.chart.points
    assert points and (points[-1].zh, points[-1].en) == (4, 3)
    assert not window.overview.chart.grab().isNull()


def test_adding_words_keeps_unsaved_profile_edits(qtbot, window, child):
    window.reload_all()
    select_tab(window, "overview")
    window.overview.inputs["school"].setText("Hill School")
    window.overview._edited()
    select_tab(window, "zh")
    page = window.pages["zh"]
    page.add_box.setText("老虎")
    page.add_from_box()
    select_tab(window, "overview")
    assert window.overview.inputs["school"].text() == "Hill School"  # not thrown away
    qtbot.waitUntil(lambda: window.overview.tiles["zh"].number.text() == "5")  # but the counts follow

"""The audit-log viewer: filters, batches, the field diff, undo (and undo refused), export, the chain badge, and
"as it was on…"."""

from __future__ import annotations

import csv
import json
import time
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, Qt

from desktop import services
from desktop.store import audit, db
from desktop.ui.audit.as_of import open_as_of
from desktop.ui.audit.model import AuditLogModel
from desktop.ui.audit.viewer import AuditLogViewer, open_audit_log


@pytest.fixture
def family(ledger):
    """Two children with records, a rename, a bulk paste and a cascade-free delete."""
    mei = services.create_profile("Mei", school="Sunny Hill")["id"]
    tom = services.create_profile("Tom")["id"]
    services.bulk_add_words(mei, "苹果 香蕉 橙子 西瓜", "zh")
    services.bulk_add_words(tom, "apple, pear", "en")
    services.add_grammar(mei, "grammar://zh/ba-construction")
    services.add_card(tom, "basic", {"front": "dog", "back": "狗"})
    word = db.current().execute_sql("SELECT id FROM mastered_words WHERE word = '苹果'").fetchone()[0]
    services.rename_word(word, "苹果树", None)
    return {"mei": mei, "tom": tom, "apple": word}


@pytest.fixture
def viewer(qtbot, family):
    win = open_audit_log(None)
    qtbot.addWidget(win)
    wait(qtbot, win)
    return win  # qtbot closes it (which stops its background reads)


def wait(qtbot, win) -> None:
    qtbot.waitUntil(lambda: not win.busy, timeout=10_000)


def shown(win, key: str) -> list[str]:
    column = [c.key for c in AuditLogModel.COLUMNS].index(key)
    return [win.model.index(r, column).data() for r in range(win.model.rowCount())]


def row_of(win, predicate) -> int:
    for r, row in enumerate(win.model.rows):
        if predicate(row):
            return r
    raise AssertionError("no such row")


def test_opens_newest_first_with_friendly_names_and_a_verified_chain(viewer, family):
    items = [r.item for r in viewer.model.rows]
    assert [i.id for i in items] == sorted((i.id for i in items), reverse=True)
    assert shown(viewer, "summary")[0] == "苹果 → 苹果树"
    assert shown(viewer, "what")[0] == "Word" and shown(viewer, "action")[0] == "Changed"
    assert shown(viewer, "who")[0] == "You (this app)" and shown(viewer, "child")[0] == "Mei"
    assert viewer.chain_ok is True and "verified" in viewer.chain_badge.text()
    assert viewer.total == audit.entries(db.current()).__len__()
    # the bulk pastes are one line each, with their count
    batches = [r.item for r in viewer.model.rows if r.item.is_batch]
    assert sorted(b.count for b in batches) == [2, 4]


def test_filters_by_child_table_action_and_date(qtbot, viewer, family):
    viewer.filters.set_child(family["tom"])
    wait(qtbot, viewer)
    assert set(shown(viewer, "child")) == {"Tom"}
    assert viewer.total == 4  # profile, two words (one batch), one card

    viewer.filters.set_table("approved_cards")
    wait(qtbot, viewer)
    assert shown(viewer, "summary") == ["dog"] and viewer.total == 1

    viewer.clear_filters()
    viewer.filters.set_action("UPDATE")
    wait(qtbot, viewer)
    assert shown(viewer, "summary") == ["苹果 → 苹果树"]

    viewer.clear_filters()
    viewer.filters.set_dates(QDate.currentDate().addDays(-30), QDate.currentDate().addDays(-1))
    wait(qtbot, viewer)
    assert viewer.model.rowCount() == 0 and viewer.total == 0
    viewer.filters.set_dates(QDate.currentDate(), QDate.currentDate())
    wait(qtbot, viewer)
    assert viewer.total == len(audit.entries(db.current()))

    viewer.clear_filters()
    viewer.filters.set_actor("external")
    wait(qtbot, viewer)
    assert viewer.total == 0

    viewer.clear_filters()
    viewer.filters.set_text("西瓜")
    wait(qtbot, viewer)
    assert viewer.total == 1 and shown(viewer, "summary") == ["西瓜"]


def test_a_batch_opens_to_its_rows(qtbot, viewer, family):
    r = row_of(viewer, lambda row: row.item.is_batch and row.item.count == 4)
    assert shown(viewer, "summary")[r] == "Added 4 words"
    viewer.select_row(r)
    assert "4 changes" in viewer.details.title.text()
    viewer.model.toggle(r)
    children = [row for row in viewer.model.rows if row.depth == 1]
    assert sorted(shown(viewer, "summary")[r + 1 : r + 5]) == sorted(["苹果", "香蕉", "橙子", "西瓜"])
    assert len(children) == 4 and shown(viewer, "time")[r].startswith("▾")
    viewer.model.toggle(r)
    assert not any(row.depth for row in viewer.model.rows)


def test_a_large_batch_opens_a_page_at_a_time(qtbot, ledger):
    pid = services.create_profile("Big")["id"]
    services.bulk_add_words(pid, [f"w{n}" for n in range(450)], "en")
    win = open_audit_log(None, verify=False)
    qtbot.addWidget(win)
    wait(qtbot, win)
    win.model.toggle(0)
    assert len(win.model.rows) == 1 + 200 + 1 + 1 and win.model.rows[201].more  # batch, rows, "more", the profile
    assert "250" in shown(win, "summary")[201]
    win.model.toggle(201)
    win.model.toggle(401)
    assert [r.depth for r in win.model.rows].count(1) == 450 and not any(r.more for r in win.model.rows)
    assert win.model.rows[-1].item.table_name == "profiles"


def test_the_details_pane_shows_the_field_diff_of_an_edit(viewer, family):
    viewer.select_row(0)
    details = viewer.details
    assert details.changed_fields == ["word"]
    assert details.cell_text("word", 1) == "苹果" and details.cell_text("word", 2) == "苹果树"
    assert details.cell_text("language", 1) == "Chinese" == details.cell_text("language", 2)  # a code: its label
    first = details.fields.item(0, 0)
    assert first.text() == "word" and first.font().bold()
    assert "Changed word “苹果树” of Mei" in details.title.text()


def test_undo_an_edit_brings_the_old_value_back_and_logs_it(qtbot, viewer, family, fake_dialogs):
    before = len(audit.entries(db.current()))
    viewer.select_row(0)
    fake_dialogs.answer("ask", True)
    viewer.undo_selected()
    wait(qtbot, viewer)
    assert services.get_row("mastered_words", family["apple"])["word"] == "苹果"
    entries = audit.entries(db.current())
    assert len(entries) == before + 1 and entries[-1].changed_by == "user"
    assert "Undone" in viewer.message.text()
    assert shown(viewer, "summary")[0] == "苹果树 → 苹果"


def test_an_undo_blocked_by_a_later_change_explains_and_changes_nothing(qtbot, viewer, family, fake_dialogs):
    services.rename_word(family["apple"], "大苹果", None)
    viewer.clear_filters()
    wait(qtbot, viewer)
    r = row_of(viewer, lambda row: shown(viewer, "summary")[viewer.model.rows.index(row)] == "苹果 → 苹果树")
    before = len(audit.entries(db.current()))
    viewer.select_row(r)
    fake_dialogs.answer("ask", True)
    viewer.undo_selected()
    wait(qtbot, viewer)
    assert services.get_row("mastered_words", family["apple"])["word"] == "大苹果"
    assert len(audit.entries(db.current())) == before
    assert viewer.message.kind == "error"
    assert "changed again later" in viewer.message.text() and "大苹果" in viewer.message.text()
    assert "Nothing was changed" in viewer.message.text()


def test_declining_the_question_does_nothing(qtbot, viewer, family, fake_dialogs):
    before = len(audit.entries(db.current()))
    viewer.select_row(0)
    viewer.undo_selected()  # the fake answers "no"
    wait(qtbot, viewer)
    assert len(audit.entries(db.current())) == before and fake_dialogs.kinds() == ["ask"]


def test_undo_a_whole_batch(qtbot, viewer, family, fake_dialogs):
    r = row_of(viewer, lambda row: row.item.is_batch and row.item.count == 2)
    viewer.select_row(r)
    assert viewer.undo_button.text() == "Undo this batch"
    fake_dialogs.answer("ask", True)
    viewer.undo_selected()
    wait(qtbot, viewer)
    assert services.profile_counts(family["tom"])["en"] == 0
    assert "backup" in viewer.message.text()


def test_export_csv_is_formula_safe_and_json_has_whole_rows(qtbot, viewer, family, tmp_path, fake_dialogs):
    services.add_word(family["mei"], "=SUM(A1)", "en")
    viewer.clear_filters()
    viewer.filters.set_child(family["mei"])
    wait(qtbot, viewer)
    target = tmp_path / "log.csv"
    fake_dialogs.answer("save_file", str(target))
    viewer.export()
    wait(qtbot, viewer)
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "No." and len(rows) == 1 + viewer.total
    assert any(cell == "'=SUM(A1)" for row in rows for cell in row)
    assert rows[0][4] == "Child" and {row[4] for row in rows[1:]} == {"Mei"}

    viewer.export_to(tmp_path / "log.json")
    wait(qtbot, viewer)
    data = json.loads((tmp_path / "log.json").read_text(encoding="utf-8"))
    assert len(data) == viewer.total and data[0]["new"]["word"] == "=SUM(A1)"


def test_history_of_one_record(qtbot, family):
    win = open_audit_log(None, table="mastered_words", record_id=family["apple"], verify=False)
    qtbot.addWidget(win)
    wait(qtbot, win)
    assert shown(win, "summary") == ["苹果 → 苹果树", "苹果"]


def test_a_deleted_child_is_shown_by_the_name_it_had(qtbot, family):
    services.delete_profile(family["tom"])
    win = open_audit_log(None, profile_id=family["tom"], verify=False)
    qtbot.addWidget(win)
    wait(qtbot, win)
    assert set(shown(win, "child")) <= {"Tom (deleted)", "several"}
    assert win.filters.child_box.currentText() == "Tom (no longer exists)"


def test_as_it_was_on_shows_a_word_deleted_later_and_restores_it_leaving_others_alone(qtbot, family, fake_dialogs):
    time.sleep(0.01)
    moment = datetime.now(UTC)
    time.sleep(0.01)
    banana = db.current().execute_sql("SELECT id FROM mastered_words WHERE word = '香蕉'").fetchone()[0]
    services.delete_rows("mastered_words", [banana])
    services.add_word(family["tom"], "plum", "en")
    tom_before = services.profile_counts(family["tom"])

    dialog = open_as_of(None, family["mei"])
    qtbot.addWidget(dialog)
    dialog.set_moment(moment)
    qtbot.waitUntil(lambda: dialog.diff is not None and dialog.restore_button.isEnabled(), timeout=10_000)
    assert [w["word"] for w in dialog.diff.removed["mastered_words"]] == ["香蕉"]
    assert "1 removed" in dialog.summary.text()
    labels = [dialog.tree.topLevelItem(0).child(0).child(0).text(1)]
    assert labels == ["香蕉"]

    fake_dialogs.answer("ask", True)
    dialog.restore()
    qtbot.waitUntil(lambda: not dialog.jobs.busy, timeout=10_000)
    dialog.wait_idle()
    assert services.get_row("mastered_words", banana)["word"] == "香蕉"
    assert services.profile_counts(family["tom"]) == tom_before
    assert "is back" in dialog.message.text()
    last = audit.entries(db.current())[-1]
    assert last.changed_by == "restore" and last.profile_id == family["mei"]
    qtbot.waitUntil(lambda: dialog.diff is not None and dialog.diff.is_empty, timeout=10_000)


def test_a_damaged_chain_shows_a_red_badge(qtbot, family, db_path):
    from contextlib import closing

    from desktop.store import cipher  # the database is encrypted: another program with the key

    with closing(cipher.connect(db_path)) as con:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("UPDATE audit_log SET new_value = replace(new_value, 'Sunny', 'Rainy') WHERE id = 1")
        con.commit()
    win = open_audit_log(None)
    qtbot.addWidget(win)
    wait(qtbot, win)
    assert win.chain_ok is False and "damaged" in win.chain_badge.text()


def test_the_dialogs_follow_the_window_language(qtbot, viewer):
    from desktop.ui import i18n

    assert i18n.translations().switch("zh_CN")
    qtbot.waitUntil(lambda: viewer.filters.clear_button.text() == "清除筛选", timeout=5_000)
    assert viewer.model.headerData(0, Qt.Orientation.Horizontal) == "时间"
    assert shown(viewer, "action")[0] == "修改" and shown(viewer, "what")[0] == "词语"
    viewer.select_row(0)
    assert viewer.details.fields.item(0, 0).text() == "词语"
    i18n.translations().switch("en")
    qtbot.waitUntil(lambda: viewer.filters.clear_button.text() == "Clear filters", timeout=5_000)
    assert shown(viewer, "action")[0] == "Changed"


def test_the_main_window_opens_the_viewer(qtbot, window, family):
    assert window.open_audit_log()
    viewer = window.findChild(AuditLogViewer)
    wait(qtbot, viewer)
    assert viewer.model.rowCount() > 0 and viewer.isVisible()
    viewer.close()

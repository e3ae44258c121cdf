"""A parent's first hour: the welcome page leads to the import, grammar points have names and free text is refused,
the audit log shows words and names (never ids), codes by their labels, plural forms in both languages, and words
the old app did not date say "imported on" (the chart shows the import as a labelled step)."""

from __future__ import annotations

import csv
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from gui_helpers import select_tab, wait_jobs
from PySide6.QtCore import QCoreApplication, Qt

from desktop import import_dates, services
from desktop.legacy import importer
from desktop.legacy.read import Problem
from desktop.models import MasteredGrammar, MasteredWord
from desktop.ui import i18n
from desktop.ui.audit import names
from desktop.ui.audit.as_of import open_as_of
from desktop.ui.audit.viewer import open_audit_log
from desktop.ui.wizard.texts import problem_text

HEX_ID = re.compile(r"[0-9a-f]{16,}")
POINT = "http://srs4autism.com/instance/gp-a1-001-%E6%98%AF-sentence"


def migrate_sample(sample_legacy: Path) -> importer.MigrationResult:
    read = importer.legacy_read.read_legacy(sample_legacy, assume_tz="+08:00")
    result = importer.migrate(sample_legacy, assume_tz="+08:00", assign_to=importer.profile_choices(read)[0][0])
    assert result.status == "migrated", result.message
    return result


@pytest.fixture
def chinese(qapp):
    """The window, the wizard and the audit dialogs in Chinese for one test."""
    i18n.translations().switch("zh_CN")
    yield
    i18n.translations().switch("en")


# ----------------------------------------------------------------------------------------------- the welcome page


def test_the_welcome_page_offers_the_import_first_and_by_default(qtbot, window, sample_legacy, monkeypatch):
    page = window.empty_state
    assert window.stack.currentWidget() is page
    assert page.import_button.isDefault() and page.focusProxy() is page.import_button
    assert page.import_button.text() == "&Bring over records from the old app…"
    assert (
        page.import_button.mapTo(page, page.import_button.rect().topLeft()).y()
        < page.add_button.mapTo(page, page.add_button.rect().topLeft()).y()
    )
    # what the usual-places search found is named under it
    qtbot.waitUntil(lambda: not page.searching, timeout=10_000)  # the search the page started when shown
    page.places = [sample_legacy.parent]
    page.search()
    qtbot.waitUntil(lambda: not page.searching, timeout=10_000)
    assert page.found == sample_legacy
    assert str(sample_legacy) in page.found_label.text()
    # and the button opens the wizard on it
    from desktop.ui.wizard import MigrationWizard

    page.import_button.click()
    wizard = window.findChild(MigrationWizard)
    assert wizard is not None and wizard.isVisible() and wizard.source == sample_legacy
    wizard.jobs.cancel_all()
    wizard.wait_idle()
    wizard.close()


def test_the_welcome_page_adds_a_child_second(window, fake_dialogs):
    fake_dialogs.answer("get_text", "Lily")
    window.empty_state.add_button.click()
    assert window.stack.currentWidget() is window.tabs
    assert window.status_bar.backup_label.text() == "No backup yet"


def test_an_empty_database_has_no_red_badge_in_either_language(window, chinese):
    assert window.status_bar.backup_label.text() == "还没有需要备份的内容"
    assert window.status_bar.backup_label.property("stale") is False
    assert "#c0392b" not in window.status_bar.backup_label.styleSheet()


# ----------------------------------------------------------------------------------------------- grammar


def test_grammar_is_added_by_name_or_address_and_free_text_is_refused(qtbot, window, child, ledger):
    other = services.create_profile("Mei")["id"]
    services.add_grammar(other, POINT)
    window.reload_all()
    window.profiles.select(child["id"])
    select_tab(window, "grammar")
    page = window.pages["grammar"]
    qtbot.keyClicks(page.add_box, "not a grammar point")
    qtbot.keyClick(page.add_box, Qt.Key.Key_Return)
    assert "not a grammar point's address" in page.message_bar.text()
    assert MasteredGrammar.select().where(MasteredGrammar.profile == child["id"]).count() == 0
    # the points known in this database are offered by name
    names = [page.completer_model.item(r).text() for r in range(page.completer_model.rowCount())]
    assert names == ["A1 · 是 sentence"]
    page.add_box.setText("A1 · 是 sentence")
    page.add_from_box()
    assert MasteredGrammar.get(MasteredGrammar.profile == child["id"]).grammar_uri == POINT
    assert page.model.index(0, 0).data() == "A1 · 是 sentence"
    assert page.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == POINT
    assert page.message_bar.text() == "Grammar point “A1 · 是 sentence” added."
    # the filter finds a point by the name shown (the address holds it encoded)
    page.filter_box.setText("是 sentence")
    page.filter_box.apply()
    assert page.model.rowCount() == 1 and page.model.index(0, 0).data() == "A1 · 是 sentence"
    page.filter_box.setText("")
    page.filter_box.apply()
    # editing in place refuses free text too, and keeps the old address
    assert page.model.setData(page.model.index(0, 0), "is / was") is False
    assert MasteredGrammar.get(MasteredGrammar.profile == child["id"]).grammar_uri == POINT


def test_refused_grammar_is_explained_in_chinese(qtbot, window, child, chinese):
    window.reload_all()
    select_tab(window, "grammar")
    page = window.pages["grammar"]
    page.add_box.setText("不是语法点")
    page.add_from_box()
    assert page.message_bar.text().startswith("这不是语法点的地址")
    assert page.add_box.placeholderText() == "添加语法点：输入名称，或粘贴地址…"


# ----------------------------------------------------------------------------------------------- the audit log


@pytest.fixture
def history(ledger, sample_legacy):
    """An import, a bulk paste, a bulk delete, an edit of a code, grammar, an undone batch and a deleted child."""
    migrate_sample(sample_legacy)
    mei = services.create_profile("Mei", gender="male")
    services.bulk_add_words(mei["id"], "猫, 狗, 鱼", "zh")
    services.add_grammar(mei["id"], POINT)
    services.update_profile(mei["id"], mei["version"], gender="female")
    ids = [w.id for w in MasteredWord.select().where(MasteredWord.profile == mei["id"])][:2]
    services.delete_rows("mastered_words", ids)
    tom = services.create_profile("Tom")
    services.delete_profile(tom["id"])
    return mei["id"]


def open_viewer(qtbot):
    viewer = open_audit_log(None, verify=False)
    qtbot.addWidget(viewer)
    wait_viewer(qtbot, viewer)
    return viewer


def wait_viewer(qtbot, viewer) -> None:
    qtbot.waitUntil(
        lambda: (
            not viewer.model.loading
            and not viewer.model.reader.busy
            and not viewer.jobs.busy
            and not viewer.count_reader.busy
        ),
        timeout=10_000,
    )


def every_text(viewer) -> list[str]:
    """Every cell and tooltip of the table (batches opened), and the details pane of every line."""
    model = viewer.model
    r = 0
    while r < len(model.rows):
        row = model.rows[r]
        if row.item.is_batch and row.depth == 0 and not row.expanded and row.item.count < 300:
            model.toggle(r)
        r += 1
    texts = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            texts += [index.data() or "", index.data(Qt.ItemDataRole.ToolTipRole) or ""]
        if model.rows[r].more:
            continue
        viewer.select_row(r)
        details = viewer.details
        texts.append(details.title.text())
        for i in range(details.fields.rowCount()):
            for j in range(3):
                item = details.fields.item(i, j)
                if item is not None:
                    texts += [item.text(), item.toolTip()]
    return texts


def test_the_audit_log_shows_no_ids(qtbot, history, fake_dialogs, tmp_path):
    viewer = open_viewer(qtbot)
    texts = every_text(viewer)
    assert [t for t in texts if HEX_ID.search(t)] == []
    summaries = [viewer.model.index(r, 6).data() for r in range(viewer.model.rowCount())]
    assert any(s.startswith("Import from the old app, ") for s in summaries)
    assert "Added 3 words" in summaries and "Deleted 2 words" in summaries
    assert "Mei · gender: Male → Female" in summaries
    records = {viewer.model.index(r, 4).data() for r in range(viewer.model.rowCount())}
    assert {"猫", "A1 · 是 sentence", "Tom"} <= records
    children = {viewer.model.index(r, 2).data() for r in range(viewer.model.rowCount())}
    assert "Tom (deleted)" in children and not any(HEX_ID.search(c or "") for c in children)
    # the undo questions name the batch and the change, not their ids
    for predicate in (lambda row: row.item.is_batch and row.depth == 0, lambda row: not row.item.is_batch):
        r = next(i for i, row in enumerate(viewer.model.rows) if predicate(row) and not row.more)
        viewer.select_row(r)
        viewer.undo_selected()  # answered "no"
    questions = fake_dialogs.texts("ask")
    assert len(questions) == 2 and not [q for q in questions if HEX_ID.search(q)]
    # and so does the CSV export
    target = tmp_path / "log.csv"
    viewer.export_to(target)
    wait_viewer(qtbot, viewer)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert "Child id" not in rows[0] and "Batch" not in rows[0]
    # (the JSON columns hold whole rows; some invented old words hold a picture's file name, "paste-<hex>.jpg")
    assert not [
        (i, cell) for row in rows for i, cell in enumerate(row[:10]) if HEX_ID.search(cell) and "paste-" not in cell
    ]
    assert any(row[9].startswith("Import from the old app, ") for row in rows[1:])


def test_codes_read_as_labels_in_chinese(qtbot, history, chinese):
    viewer = open_viewer(qtbot)
    summaries = [viewer.model.index(r, 6).data() for r in range(viewer.model.rowCount())]
    assert "Mei · 性别: 男 → 女" in summaries
    assert "删除了 2 个词语" in summaries and "添加了 3 个词语" in summaries
    r = next(i for i, s in enumerate(summaries) if s == "Mei · 性别: 男 → 女")
    viewer.select_row(r)
    assert viewer.details.cell_text("gender", 1) == "男" and viewer.details.cell_text("gender", 2) == "女"
    assert not [t for t in every_text(viewer) if HEX_ID.search(t)]


def test_the_as_it_was_diff_shows_gender_by_its_label(qtbot, ledger, chinese):
    mei = services.create_profile("Mei", gender="male")
    time.sleep(0.01)
    moment = datetime.now(UTC)
    time.sleep(0.01)
    services.update_profile(mei["id"], mei["version"], gender="female")
    dialog = open_as_of(None, mei["id"])
    qtbot.addWidget(dialog)
    dialog.set_moment(moment)
    qtbot.waitUntil(lambda: dialog.diff is not None and dialog.restore_button.isEnabled(), timeout=10_000)
    gender = dialog.tree.topLevelItem(0).child(0)
    assert [gender.text(i) for i in range(3)] == ["性别", "男", "女"]
    dialog.wait_idle()


# ----------------------------------------------------------------------------------------------- plural forms


def test_counted_texts_have_real_plural_forms_in_both_languages(chinese):
    one = Problem(
        "warning", "data/content_db/chat_history.json", None, None, "", "timestamps_naive", {"count": 1, "zone": "UTC"}
    )
    seven = Problem(
        "warning", "data/content_db/chat_history.json", None, None, "", "timestamps_naive", {"count": 7, "zone": "UTC"}
    )
    assert problem_text(seven) == "chat_history.json 中有 7 个时间没有注明时区；已按 UTC 时区读取。"
    assert names.tr(names.BATCH_COUNTS[("DELETE", "mastered_words")], 3) == "删除了 3 个词语"
    i18n.translations().switch("en")
    assert problem_text(one) == "1 time in chat_history.json has no time zone; it was read as UTC time."
    assert problem_text(seven) == "7 times in chat_history.json have no time zone; they were read as UTC time."
    assert names.tr(names.BATCH_COUNTS[("DELETE", "mastered_words")], 1) == "Deleted 1 word"
    assert names.tr(names.BATCH_COUNTS[("DELETE", "mastered_words")], 3) == "Deleted 3 words"
    assert (
        QCoreApplication.translate("WordsChart", "Imported from the old app on {date}: %n word(s)", None, 1)
        == "Imported from the old app on {date}: 1 word"
    )


# ----------------------------------------------------------------------------------------------- honest dates


def test_imported_words_say_imported_on_and_the_chart_labels_the_step(qtbot, window, sample_legacy):
    migrate_sample(sample_legacy)
    window.reload_all()
    kid = window.profiles.current_id()
    stamp = next(iter(import_dates.migration_stamps()))
    day = datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d")
    services.add_word(kid, "新词", "zh")
    select_tab(window, "zh")
    page = window.pages["zh"]
    page.model.reload()
    added = {page.model.index(r, 0).data(): page.model.index(r, 1).data() for r in range(page.model.rowCount())}
    imported = [w for w, a in added.items() if w != "新词"]
    assert imported and all(added[w] == f"imported on {day}" for w in imported)
    assert not added["新词"].startswith("imported")
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data() == imported[0])
    assert (
        page.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole).startswith(f"Brought over from the old app on {day}")
    )
    select_tab(window, "grammar")
    grammar = window.pages["grammar"]
    assert grammar.model.index(0, 1).data() == f"imported on {day}"
    assert grammar.model.index(0, 0).data().startswith(("A1 · ", "A2 · "))

    select_tab(window, "overview")
    window.overview.refresh_stats()
    wait_jobs(qtbot, window)
    chart = window.overview.chart
    qtbot.waitUntil(lambda: bool(chart.imports), timeout=10_000)
    words = MasteredWord.select().where((MasteredWord.profile == kid) & (MasteredWord.added_at == stamp)).count()
    assert chart.step_labels() == [f"Imported from the old app on {day}: {words} words"]
    assert (chart.points[0].zh, chart.points[0].en) == (0, 0)  # the line starts from nothing before the import
    assert not chart.grab().isNull()  # drawn with its step and label


# ----------------------------------------------------------------------------------------------- the wizard


def test_the_problems_list_shows_every_message_whole(qtbot, ledger, sample_legacy):
    from PySide6.QtCore import QRect

    from desktop.ui.wizard import MigrationWizard

    wizard = MigrationWizard(None, source=sample_legacy, search_usual_places=False)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()
    wizard.next()
    check = wizard.check_page
    qtbot.waitUntil(lambda: wizard.dry is not None and not check.running, timeout=20_000)
    assert check.profile_label.text() == "&Cards and unattributed chat belong to:"
    table, proxy = check.table, check.proxy
    table.expandAll()
    qtbot.wait(50)  # the view lays its lines out
    lines = [proxy.index(r, 0) for r in range(proxy.rowCount())]
    lines += [proxy.index(c, 0, line) for line in list(lines) for c in range(proxy.rowCount(line))]
    assert len(lines) > proxy.rowCount()
    for index in lines:
        rect = table.visualRect(index)
        assert rect.height() > 0, index.data()
        text_width = rect.width() - table.iconSize().width() - 16
        needed = (
            table.fontMetrics()
            .boundingRect(QRect(0, 0, text_width, 100_000), int(Qt.TextFlag.TextWordWrap), index.data())
            .height()
        )
        assert rect.height() >= needed, index.data()  # wrapped, never cut
    wizard.jobs.cancel_all()
    wizard.wait_idle()

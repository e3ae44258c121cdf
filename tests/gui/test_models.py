"""The table models without a view: Qt's model tester, lazy loading (a page at a time), no query per cell."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playhouse.test_utils import count_queries
from PySide6.QtCore import Qt

from desktop import services
from desktop.store import audit
from desktop.ui.profiles import ProfileListModel
from desktop.ui.record_models import CardsModel, ChatModel, GrammarModel, WordsModel

PNG_1PX = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def filled(ledger):
    """A child with 120 Chinese words, 30 English, 25 grammar points, 12 cards and 60 chat messages."""
    profile = services.create_profile("Test Child 测试")
    pid = profile["id"]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with audit.writing("system"):
        services.insert_rows(
            "mastered_words",
            ("profile_id", "word", "language", "added_at"),
            [(pid, f"词{i:03d}", "zh", (start + timedelta(days=i)).isoformat()) for i in range(120)],
        )
        services.insert_rows(
            "mastered_words",
            ("profile_id", "word", "language", "added_at"),
            [(pid, f"word{i:02d}", "en", (start + timedelta(days=i)).isoformat()) for i in range(30)],
        )
        services.insert_rows(
            "mastered_grammar",
            ("profile_id", "grammar_uri", "added_at"),
            [(pid, f"http://example.org/gp-{i:02d}", start.isoformat()) for i in range(25)],
        )
        services.insert_rows(
            "chat_messages",
            ("profile_id", "role", "content", "timestamp"),
            [
                (
                    pid,
                    "user" if i % 2 == 0 else "assistant",
                    f"message {i} " + "长" * (i % 7),
                    (start + timedelta(hours=i)).isoformat(),
                )
                for i in range(60)
            ],
        )
    for i in range(12):
        services.add_card(
            pid,
            ("basic", "cloze", "basic_reverse")[i % 3],
            {"front": f"<b>卡{i}</b>", "back": f'back {i} <img src="{PNG_1PX}">'},
            status=("pending", "approved", "synced")[i % 3],
        )
    return pid


def make(model_class, pid, page_size=50, **kwargs):
    model = model_class(page_size=page_size, **kwargs)
    model.set_profile(pid)
    return model


@pytest.mark.parametrize(
    "factory",
    [
        lambda pid: make(WordsModel, pid, language="zh"),
        lambda pid: make(WordsModel, pid, language="en"),
        lambda pid: make(GrammarModel, pid),
        lambda pid: make(CardsModel, pid, page_size=5),
        lambda pid: make(ChatModel, pid),
    ],
    ids=["zh", "en", "grammar", "cards", "chat"],
)
def test_models_pass_the_qt_model_tester(qtmodeltester, filled, factory):
    model = factory(filled)
    qtmodeltester.check(model, force_py=True)
    model.fetch_all()
    qtmodeltester.check(model, force_py=True)


def test_profile_list_model_passes_the_model_tester(qtmodeltester, filled):
    model = ProfileListModel()
    model.reload()
    qtmodeltester.check(model, force_py=True)


def test_words_load_a_page_at_a_time(filled):
    model = make(WordsModel, filled, page_size=50, language="zh")
    assert model.total == 120
    assert model.rowCount() == 50 < model.total
    assert model.canFetchMore()
    with count_queries() as counter:
        model.fetchMore()
    assert counter.count == 1
    assert model.rowCount() == 100
    model.fetchMore()
    assert model.rowCount() == 120
    assert not model.canFetchMore()
    ids = [model.row_id(r) for r in range(model.rowCount())]
    assert len(set(ids)) == 120 and ids == sorted(ids, reverse=True)  # newest first, no row twice


def test_reading_cells_never_queries(filled):
    model = make(CardsModel, filled, page_size=20)
    with count_queries() as counter:
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole):
                    model.index(row, column).data(role)
    assert counter.count == 0


@pytest.mark.parametrize("column,descending", [(0, False), (0, True), (1, False), (1, True)])
def test_keyset_pages_match_one_big_sorted_query(filled, column, descending):
    model = make(WordsModel, filled, page_size=7, language="zh")
    model.sort(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
    model.fetch_all()
    got = [model.value(r, "word") for r in range(model.rowCount())]
    expected = sorted((f"词{i:03d}" for i in range(120)), reverse=descending)
    assert got == expected  # words were added in order, so "Added" order equals word order here


def test_filter_counts_and_resets(filled):
    model = make(WordsModel, filled, page_size=10, language="zh")
    model.set_filter("词01")
    assert model.total == 10
    assert {model.value(r, "word") for r in range(model.rowCount())} == {f"词01{i}" for i in range(10)}
    model.set_filter("")
    assert model.total == 120


def test_cards_show_translated_labels_and_text_previews(filled):
    model = make(CardsModel, filled, page_size=50)
    types = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert types == {"Basic", "Cloze", "Basic (and reversed)"}
    fronts = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert all(f.startswith("卡") for f in fronts)
    backs = [model.index(r, 3).data() for r in range(model.rowCount())]
    assert all("[image]" in b and "base64" not in b for b in backs)


def test_card_status_edit_goes_through_the_service(filled):
    model = make(CardsModel, filled, page_size=50)
    status_column = [c.key for c in model.COLUMNS].index("status")
    row = next(r for r in range(model.rowCount()) if model.value(r, "status") == "pending")
    assert model.setData(model.index(row, status_column), "approved") is True
    card = services.get_row("approved_cards", model.row_id(row))
    assert card["status"] == "approved" and '"status": "approved"' in card["content"]
    assert model.index(row, status_column).data() == "Approved"
    assert model.setData(model.index(row, status_column), "lost") is False


def test_chat_times_are_local_and_long_messages_are_cut(filled, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    import time

    time.tzset()
    try:
        from desktop.ui import formatting

        formatting.parse_utc.cache_clear()
        services.add_chat_message(
            filled,
            "assistant",
            "x" * 5000 + "![pic](data:image/png;base64,AAAA)",
            timestamp="2025-06-01T23:30:00+00:00",
        )
        model = make(ChatModel, filled, page_size=200)
        row = model.row_of_id(max(model.row_id(r) for r in range(model.rowCount())))
        assert model.index(row, 0).data(ChatModel.TimeRole) == "2025-06-02 07:30"  # UTC+8
        text = model.index(row, 1).data(ChatModel.TextRole)
        assert len(text) < 2100 and text.endswith("(open the message to read all of it)")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()

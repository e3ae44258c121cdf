"""desktop.store.tables and the audit-log reads on both engines: keyset pages in every sortable order join up to
exactly the rows Python's own sort gives, the filter takes ``%``, ``_`` and ``\\`` literally, matches Chinese text
and ignores the case of Latin letters, and a JSON field (cards) sorts and filters like a column. Invented data."""

from __future__ import annotations

import pytest

from desktop import services
from desktop.store import audit, audit_log, db, tables
from desktop.store.engine import engine_of


@pytest.fixture
def child(any_ledger):
    pid = services.create_profile("Lan 兰")["id"]
    words = ["apple", "Apple pie", "100%", "1000", "a_b", "axb", "back\\slash", "苹果", "苹果树", "香蕉", "b", "B"]
    with audit.writing("system"):
        services.insert_rows(
            "mastered_words",
            ("profile_id", "word", "language", "added_at"),
            [
                (pid, w, "en" if w.isascii() else "zh", f"2025-0{1 + i % 3}-0{1 + i % 7}T00:00:00+00:00")
                for i, w in enumerate(words)
            ],
        )
    cards = [
        ("basic", {"front": "猫 cat", "back": "a small animal"}, "approved"),
        ("basic", {"front": "50% off", "back": "half price"}, "pending"),
        ("cloze", {"cloze_text": "我[[c1::喜欢]]猫"}, "pending"),
        ("basic_reverse", {"front": "snake_case", "back": "猫"}, "synced"),
        ("basic", {"front": "Cat", "back": ""}, "pending"),
        ("interactive_cloze", {"text_field": "狗 dog", "back": "50_50"}, "approved"),
    ]
    for card_type, content, status in cards:
        services.add_card(pid, card_type, content, status=status)
    for n, (role, text) in enumerate([("user", "你好 hello"), ("assistant", "100% sure"), ("user", "HELLO again")]):
        services.add_chat_message(pid, role, text, timestamp=f"2025-02-0{n + 1}T08:00:00+00:00")
    services.create_profile("Bo_b")
    services.create_profile("Bob")
    services.create_profile("100% Kid")
    return pid


def every_page(query: tables.TableQuery, size: int) -> list[tuple]:
    rows, cursor = [], None
    while True:
        page = tables.fetch_page(query, cursor, size)
        assert len(page.rows) <= size
        rows += page.rows
        if page.exhausted:
            return rows
        cursor = page.cursor


def column(spec: tables.TableSpec, rows: list[tuple], key: str) -> list:
    return [r[spec.index(key)] for r in rows]


@pytest.mark.parametrize("spec", [tables.WORDS, tables.CARDS, tables.CHAT])
def test_pages_in_every_order_are_the_whole_table_sorted(child, spec):
    """Pages of 2 (ties in the sort key cross page ends) join up to the whole table read at once in that order,
    which is the table sorted by (key, id), either way. (Python's order is SQLite's; a PostgreSQL server sorts
    text by its own collation, so there the pages are compared with the one read only.)"""
    language = "en" if spec.by_language else None
    whole = tables.fetch_page(tables.TableQuery(spec, child, language), None, 1000).rows
    sqlite = engine_of(db.current()).name == "sqlite"
    for key in (k for k in spec.keys if spec.sortable(k)):
        for descending in (False, True):
            query = tables.TableQuery(spec, child, language, key, descending)
            sort_index = spec.index("id") if key == "added_at" else spec.index(key)

            def order(row, sort_index=sort_index):
                return (row[sort_index] if row[sort_index] is not None else "", row[0])

            at_once = tables.fetch_page(query, None, 1000).rows
            assert sorted(at_once) == sorted(whole)
            if sqlite:
                assert at_once == sorted(whole, key=order, reverse=descending), (key, descending)
            assert every_page(query, 2) == at_once, (key, descending)
            assert tables.count_rows(query) == len(whole)


def test_cards_sort_and_show_by_their_json_fields(child):
    query = tables.TableQuery(tables.CARDS, child, sort="front", descending=False)
    fronts = column(tables.CARDS, every_page(query, 4), "front")
    # The cloze card's text stands in for its front, the interactive one's text_field for it.
    assert sorted(fronts) == sorted(["猫 cat", "50% off", "我[[c1::喜欢]]猫", "snake_case", "Cat", "狗 dog"])
    statuses = column(tables.CARDS, every_page(query.with_(sort="status"), 4), "status")
    assert statuses == ["approved", "approved", "pending", "pending", "pending", "synced"]


@pytest.mark.parametrize(
    ("spec", "language", "text", "key", "expected"),
    [
        (tables.WORDS, "en", "0%", "word", ["100%"]),  # not "1000"
        (tables.WORDS, "en", "a_b", "word", ["a_b"]),  # not "axb"
        (tables.WORDS, "en", "k\\s", "word", ["back\\slash"]),
        (tables.WORDS, "en", "APPLE", "word", ["apple", "Apple pie"]),
        (tables.WORDS, "en", "b", "word", ["a_b", "axb", "back\\slash", "b", "B"]),
        (tables.WORDS, "zh", "苹果", "word", ["苹果", "苹果树"]),
        (tables.WORDS, "zh", "果树", "word", ["苹果树"]),
        (tables.CARDS, None, "50%", "front", ["50% off"]),
        (tables.CARDS, None, "50_", "front", ["狗 dog"]),  # its back is "50_50"
        (tables.CARDS, None, "cAt", "front", ["猫 cat", "Cat"]),
        (tables.CARDS, None, "猫", "front", ["猫 cat", "我[[c1::喜欢]]猫", "snake_case"]),
        (tables.CARDS, None, "synced", "front", ["snake_case"]),
        (tables.CARDS, None, "interactive", "front", ["狗 dog"]),
        (tables.CHAT, None, "hello", "content", ["你好 hello", "HELLO again"]),
        (tables.CHAT, None, "0% s", "content", ["100% sure"]),
        (tables.CHAT, None, "你好", "content", ["你好 hello"]),
        (tables.CHAT, None, "%%", "content", []),
    ],
)
def test_the_filter_is_a_literal_case_insensitive_substring(child, spec, language, text, key, expected):
    query = tables.TableQuery(spec, child, language, sort="id", descending=False, text=text)
    assert column(spec, every_page(query, 2), key) == expected
    assert tables.count_rows(query) == len(expected)


def test_profile_search_takes_wildcards_literally(child):
    assert [s.name for s in tables.profile_summaries("o_b")] == ["Bo_b"]
    assert [s.name for s in tables.profile_summaries("0%")] == ["100% Kid"]
    assert [s.name for s in tables.profile_summaries("BOB")] == ["Bob"]
    assert [s.name for s in tables.profile_summaries("兰")] == ["Lan 兰"]
    (lan,) = tables.profile_summaries("lan")
    assert (lan.id, lan.zh_words, lan.en_words) == (child, 3, 9)


def test_a_row_is_read_back_by_id(child):
    query = tables.TableQuery(tables.CARDS, child, sort="id", descending=False)
    first = tables.fetch_page(query, None, 1).rows[0]
    assert tables.fetch_row(tables.CARDS, first[0]) == first
    assert tables.fetch_row(tables.CARDS, 10**9) is None
    chat = tables.fetch_page(tables.TableQuery(tables.CHAT, child, sort="id", descending=False), None, 1).rows[0]
    assert chat[tables.CHAT.index("length")] == len("你好 hello") and isinstance(chat[tables.CHAT.index("length")], int)


def test_the_log_filter_takes_wildcards_literally(child):
    def words(text: str) -> list[str]:
        f = audit_log.LogFilter(table="mastered_words", text=text)
        items = audit_log.fetch_log_page(f, group=False).items
        assert audit_log.count_log(f) == len(items)
        return sorted(i.new["word"] for i in items)

    assert words("a_b") == ["a_b"]
    assert words("0%") == ["100%"]
    assert words("APPLE") == ["Apple pie", "apple"]
    assert words("苹果") == ["苹果", "苹果树"]
    assert [e.new["word"] for e in audit_log.iter_log(audit_log.LogFilter(text="果树"))] == ["苹果树"]


def test_a_reused_query_runs_with_the_values_given_in_its_slots(child):
    """Built once, run with other values: the rows a query freshly built with those values returns; a slot that is
    not among the query's parameters is refused when it is built."""
    from desktop.models import MasteredWord as W

    def fresh(language: str, after: int) -> list[tuple]:
        query = W.select(W.word).where(W.language == language, W.id > after, W.profile == child).order_by(W.id)
        return tables.raw_rows(query)

    reused = tables.Reusable(
        W.select(W.word).where(W.language == "\0lang", W.id > -1, W.profile == child).order_by(W.id), "\0lang", -1
    )
    first_en = fresh("en", 0)[0]
    first_id = W.get(W.word == first_en[0]).id
    for language, after in (("en", 0), ("zh", 0), ("en", first_id), ("fr", 0)):
        assert reused.rows(language, after) == fresh(language, after)
    assert [w for (w,) in reused.rows("zh", 0)] == ["苹果", "苹果树", "香蕉"]
    with pytest.raises(ValueError):
        tables.Reusable(W.select(W.word).where(W.language == "en"), "\0lang")


def test_log_pages_of_one_filter_shape_each_read_their_own_values(child):
    """The page reads are built once per filter shape and kept: filters of the same shape with other values (two
    children, two tables, two date ranges) each get exactly their own rows, the same as the export reads."""
    from datetime import UTC, datetime

    other = services.create_profile("Mei")["id"]
    services.bulk_add_words(other, "猫 狗 鱼", "zh")
    F = audit_log.LogFilter
    march, april = datetime(2020, 3, 1, tzinfo=UTC), datetime(2099, 4, 1, tzinfo=UTC)
    filters = [
        F(profile_id=child),
        F(profile_id=other),
        F(profile_id=child, table="mastered_words"),
        F(profile_id=other, table="mastered_words"),
        F(table="approved_cards"),
        F(table="chat_messages"),
        F(actor="system"),
        F(actor="user"),
        F(since=march),
        F(since=april),
        F(until=april),
        F(until=march),
    ]
    for f in filters * 2:
        expected = [(e.id, e.table_name, e.record_id, e.new, e.old) for e in audit_log.iter_log(f)]
        page = audit_log.fetch_log_page(f, group=False)
        assert [(i.id, i.table_name, i.record_id, i.new, i.old) for i in page.items] == expected, f
        grouped = audit_log.fetch_log_page(f).items
        assert sum(i.count for i in grouped) == len(expected) == audit_log.count_log(f), f
        assert {i.id for i in grouped} <= {e[0] for e in expected}, f
    assert [
        i.new["word"] for i in audit_log.fetch_log_page(F(profile_id=other, table="mastered_words"), group=False).items
    ] == ["鱼", "狗", "猫"]

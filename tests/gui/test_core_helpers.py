"""The Qt-free helpers the window stands on: desktop.store.tables (on SQLite, and on PostgreSQL when
MASTERY_LEDGER_TEST_PG is set), desktop.csv_export and desktop.settings."""

from __future__ import annotations

import csv
import os
import stat
from datetime import UTC, date, datetime, timedelta

import pytest

from desktop import csv_export, services
from desktop.store import audit
from desktop.store import tables as queries


@pytest.fixture
def kid(any_ledger):
    profile = services.create_profile("Kid 孩子", dob="2015-03-10")
    pid = profile["id"]
    start = datetime(2024, 11, 20, tzinfo=UTC)
    with audit.writing("system"):
        services.insert_rows(
            "mastered_words",
            ("profile_id", "word", "language", "added_at"),
            [(pid, f"词{i:02d}", "zh", (start + timedelta(days=20 * i)).isoformat()) for i in range(10)],
        )
        services.insert_rows(
            "mastered_words",
            ("profile_id", "word", "language", "added_at"),
            [(pid, "100%_sure", "en", start.isoformat()), (pid, "1000 sure", "en", None)],
        )
    services.add_card(
        pid, "cloze", {"text_field": "我[[c1::喜欢]]", "back": 'like <img src="data:image/png;base64,AAAA">'}
    )
    services.add_chat_message(pid, "user", "x" * 3000, timestamp="2025-01-01T00:00:00+00:00")
    return pid


def test_pages_follow_each_other_without_gaps(kid):
    query = queries.TableQuery(queries.WORDS, kid, "zh", "word", False)
    assert queries.count_rows(query) == 10
    first = queries.fetch_page(query, None, 4)
    second = queries.fetch_page(query, first.cursor, 4)
    third = queries.fetch_page(query, second.cursor, 4)
    words = [r[queries.WORDS.index("word")] for r in first.rows + second.rows + third.rows]
    assert words == [f"词{i:02d}" for i in range(10)]
    assert not first.exhausted and third.exhausted
    assert list(queries.iter_rows(query, page_size=3)) == first.rows + second.rows + third.rows


def test_filter_takes_wildcards_literally(kid):
    query = queries.TableQuery(queries.WORDS, kid, "en", text="0%_")
    assert [r[2] for r in queries.fetch_page(query).rows] == ["100%_sure"]
    assert queries.count_rows(query.with_(text="SURE")) == 2  # case-insensitive


def test_previews_and_full_texts(kid):
    card = queries.fetch_page(queries.TableQuery(queries.CARDS, kid)).rows[0]
    assert card[queries.CARDS.index("front")] == "我[[c1::喜欢]]"  # a cloze card's text stands in for a front
    assert card[queries.CARDS.index("status")] == "pending"
    chat_query = queries.TableQuery(queries.CHAT, kid)
    (message,) = queries.fetch_page(chat_query).rows
    assert len(message[queries.CHAT.index("content")]) == queries.CHAT_PREVIEW_CHARS
    assert message[queries.CHAT.index("length")] == 3000
    (full,) = queries.iter_rows(chat_query, full=True)
    assert len(full[queries.CHAT.index("content")]) == 3000


def test_profile_summaries_and_counts(kid):
    services.create_profile("Amy")
    summaries = queries.profile_summaries()
    assert [(s.name, s.zh_words, s.en_words) for s in summaries] == [("Amy", 0, 0), ("Kid 孩子", 10, 2)]
    assert [s.name for s in queries.profile_summaries("孩")] == ["Kid 孩子"]
    assert queries.profile_counts(kid) == {"zh": 10, "en": 2, "grammar": 0, "cards": 1, "chat": 1}


def test_words_over_time_is_cumulative_month_by_month(kid):
    points = queries.words_over_time(kid)
    assert points[0].month == "2024-11" and points[-1].month == "2025-05"
    assert len(points) == 7  # every month, also those without new words
    assert (points[0].zh, points[0].en) == (1, 2)  # the undated English word counts from the start
    assert (points[-1].zh, points[-1].en) == (10, 2)
    assert all(a.zh <= b.zh for a, b in zip(points, points[1:], strict=False))


def test_age():
    assert queries.age_on("2015-03-10", date(2025, 3, 9)) == (9, 11)
    assert queries.age_on("2015-03-10", date(2025, 3, 10)) == (10, 0)
    assert queries.age_on(None) is None and queries.age_on("soon") is None
    assert queries.age_on("2030-01-01", date(2025, 1, 1)) is None


def test_csv_file_is_private_complete_and_safe(tmp_path):
    target = tmp_path / "out.csv"
    count = csv_export.write_csv(target, ["词", "=x"], [["=1+1", 3], ["@a", -2.5], [None, "a\nb"]])
    assert count == 3
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    assert rows == [["词", "'=x"], ["'=1+1", "3"], ["'@a", "-2.5"], ["", "a\nb"]]
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_failed_csv_export_leaves_nothing(tmp_path):
    def rows():
        yield ["ok"]
        raise OSError("disk full")

    with pytest.raises(OSError):
        csv_export.write_csv(tmp_path / "out.csv", ["a"], rows())
    assert list(tmp_path.iterdir()) == []

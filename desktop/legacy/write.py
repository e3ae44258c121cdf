"""Writing a migration's plan in the one audited transaction."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from typing import Any

from desktop import services
from desktop.errors import Cancelled
from desktop.legacy.identity import card_json, chat_extra
from desktop.legacy.plan import Plan
from desktop.legacy.records import CardRecord, ChatRecord, ProfileRecord
from desktop.legacy.result import Progress
from desktop.store.schema import COLUMNS


@functools.cache
def written_columns(table: str) -> tuple[str, ...]:
    """The columns a migration writes: all of the table's but those the database fills in (a profile's id is the
    planned one)."""
    skip = ("version",) if table == "profiles" else ("id", "version")
    return tuple(c for c in COLUMNS[table] if c not in skip)


_PROFILE_JSON = ("interests", "character_roster", "extracted_data")


class _Steps:
    """Progress over everything a plan writes, checking the cancel flag at each step."""

    def __init__(self, total: int, progress: Progress | None, cancel: Callable[[], bool] | None) -> None:
        self.total, self.done, self.progress, self.cancel = total or 1, 0, progress, cancel

    def __call__(self, n: int, stage: str) -> None:
        if self.cancel and self.cancel():
            raise Cancelled(code="migration_cancelled")
        self.done += n
        if self.progress:
            self.progress(self.done, self.total, stage)


def write_plan(plan: Plan, progress: Progress | None, cancel: Callable[[], bool] | None, stamp: str) -> None:
    """Insert every new record of ``plan`` (inside the caller's audited transaction), in chunks, profiles first."""
    step = _Steps(sum(plan.new.values()), progress, cancel)
    rows = [_profile_row(target, record, stamp) for target, record in plan.new_profiles]
    services.insert_rows("profiles", written_columns("profiles"), rows)
    step(len(rows), "Writing profiles")
    for (pid, lang), words in plan.words.items():
        if lang == "grammar":
            continue
        for chunk in _chunks(words, 5000):
            services.insert_rows(
                "mastered_words", written_columns("mastered_words"), [(pid, w, lang, stamp) for w in chunk]
            )
            step(len(chunk), "Writing words")
    for (pid, kind), uris in plan.words.items():
        if kind != "grammar" or not uris:
            continue
        services.insert_rows("mastered_grammar", written_columns("mastered_grammar"), [(pid, g, stamp) for g in uris])
        step(len(uris), "Writing grammar")
    for cards in _chunks(plan.cards, 200):
        services.insert_rows(
            "approved_cards", written_columns("approved_cards"), [_card_row(p, c, stamp) for p, c in cards]
        )
        step(len(cards), "Writing cards")
    for chats in _chunks(plan.chats, 1000):
        services.insert_rows("chat_messages", written_columns("chat_messages"), [_chat_row(p, m) for p, m in chats])
        step(len(chats), "Writing chat")


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _profile_row(target: str, record: ProfileRecord, stamp: str) -> tuple[Any, ...]:
    values = dict(record.columns)
    for key in _PROFILE_JSON:
        values[key] = _json_or_none(values.get(key))
    values.update(id=target, name=record.name, created_at=stamp, updated_at=stamp)
    values["extra"] = json.dumps(record.extra, ensure_ascii=False) if record.extra else None
    return tuple(values.get(column) for column in written_columns("profiles"))


def _card_row(pid: str, card: CardRecord, stamp: str) -> tuple[Any, ...]:
    values = {
        "profile_id": pid,
        "card_type": card.card_type,
        "content": card_json(card),
        "approved_at": card.approved_at_utc or stamp,
        "legacy_id": card.legacy_id,
        "status": card.status,
    }
    return tuple(values[column] for column in written_columns("approved_cards"))


def _chat_row(pid: str, message: ChatRecord) -> tuple[Any, ...]:
    values = {
        "profile_id": pid,
        "role": message.role,
        "content": message.content,
        "timestamp": message.timestamp_utc,
        "legacy_id": message.legacy_id,
        "mentions": json.dumps(message.mentions, ensure_ascii=False) if message.mentions is not None else None,
        "extra": chat_extra(message),
    }
    return tuple(values[column] for column in written_columns("chat_messages"))


def _json_or_none(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)

"""Writing a migration's plan in the one audited transaction."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import peewee

from desktop import services
from desktop.errors import Cancelled, LedgerError
from desktop.legacy.identity import card_json, chat_extra
from desktop.legacy.plan import WORD_KINDS, Plan, new_words, profile_words
from desktop.legacy.read import reread_cards, reread_chats
from desktop.legacy.records import CardRecord, ChatRecord, LegacyReadResult, ProfileRecord
from desktop.legacy.result import Progress
from desktop.store.schema import COLUMNS


@functools.cache
def written_columns(table: str) -> tuple[str, ...]:
    """The columns a migration writes: all of the table's but those the database fills in (a profile's id is the
    planned one)."""
    skip = ("version",) if table == "profiles" else ("id", "version")
    return tuple(c for c in COLUMNS[table] if c not in skip)


_PROFILE_JSON = ("interests", "character_roster", "extracted_data")

WORD_COLUMNS = written_columns("mastered_words")

GRAMMAR_COLUMNS = written_columns("mastered_grammar")

CARD_CONTENT = written_columns("approved_cards").index("content")


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


def write_plan(
    plan: Plan, read: LegacyReadResult, progress: Progress | None, cancel: Callable[[], bool] | None, stamp: str
) -> None:
    """Insert every new record of ``plan`` (inside the caller's audited transaction), in chunks, profiles first. The
    words and the cards' content are read again from the files as they are written (a light read holds neither)."""
    step = _Steps(sum(plan.new.values()), progress, cancel)
    rows = [_profile_row(target, record, stamp) for target, record in plan.new_profiles]
    services.insert_rows("profiles", written_columns("profiles"), rows)
    step(len(rows), "Writing profiles")
    if any(plan.words.values()):
        _write_words(plan, read, step, stamp)
    if plan.cards:
        _write_cards(plan, read, step, stamp)
    if plan.chats:
        _write_chats(plan, read, step)


def _write_words(plan: Plan, read: LegacyReadResult, step: _Steps, stamp: str) -> None:
    """Each child's new words and grammar points, the child's words read again from the file (never all at once)."""
    for record, found in profile_words(read):
        target = plan.profile_map.get(record.id or "")
        if target is None:
            continue
        for kind in WORD_KINDS:
            planned = plan.words.get((target, kind), 0)
            if not planned:
                continue
            words, _ = new_words(plan, target, kind, found[kind])
            if len(words) != planned:  # the file is checked whole at the end; this stops at once
                raise LedgerError(code="source_changed", file=read.files["profiles"].relpath)
            if kind == "grammar":
                services.insert_rows("mastered_grammar", GRAMMAR_COLUMNS, [(target, g, stamp) for g in words])
                step(len(words), "Writing grammar")
                continue
            for chunk in _chunks(words, 5000):
                services.insert_rows("mastered_words", WORD_COLUMNS, [(target, w, kind, stamp) for w in chunk])
                step(len(chunk), "Writing words")


#: A batch of cards is written once it holds this many characters of content (inline images make a card ~135 KB; a
#: batch is held several times over on its way into the database and its audit row, so it is kept small).
CARD_BATCH_CHARS = 250_000


def _write_cards(plan: Plan, read: LegacyReadResult, step: _Steps, stamp: str) -> None:
    """The new cards, in batches of at most 200 cards and CARD_BATCH_CHARS, read again from the file when the read
    was light: never every card's content at once."""
    owners = {id(record): owner for owner, record in plan.cards}
    if any(record.content_sha is not None for _, record in plan.cards):
        cards: Iterable[tuple[str, CardRecord]] = (
            (owners[id(light)], full) for light, full in reread_cards(read) if id(light) in owners
        )
    else:
        cards = plan.cards
    batch: list[tuple[Any, ...]] = []
    size = 0
    for owner, card in cards:
        row = _card_row(owner, card, stamp)
        batch.append(row)
        size += len(row[CARD_CONTENT])
        if len(batch) >= 200 or size >= CARD_BATCH_CHARS:
            services.insert_rows("approved_cards", written_columns("approved_cards"), batch)
            step(len(batch), "Writing cards")
            batch, size = [], 0
    if batch:
        services.insert_rows("approved_cards", written_columns("approved_cards"), batch)
        step(len(batch), "Writing cards")


def _write_chats(plan: Plan, read: LegacyReadResult, step: _Steps) -> None:
    """The new messages, a thousand at a time, read again from the file when the read was light."""
    owners = {id(record): owner for owner, record in plan.chats}
    if any(record.body_sha is not None for _, record in plan.chats):
        chats: Iterable[tuple[str, ChatRecord]] = (
            (owners[id(light)], full) for light, full in reread_chats(read) if id(light) in owners
        )
    else:
        chats = plan.chats
    for batch in peewee.chunked(chats, 1000):
        services.insert_rows("chat_messages", written_columns("chat_messages"), [_chat_row(p, m) for p, m in batch])
        step(len(batch), "Writing chat")


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

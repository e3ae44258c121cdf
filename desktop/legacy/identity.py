"""How a migrated record is known: digests built alike from the file, a row and an audit row (see
:mod:`desktop.legacy.importer`), and what earlier migrations imported."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC
from typing import Any

from desktop.legacy import contract
from desktop.legacy.records import TEXT_COLUMNS, CardRecord, ChatRecord, ProfileRecord
from desktop.legacy.timezones import to_utc_iso
from desktop.models import Profile
from desktop.store import db
from desktop.store.engine import engine_of


def migrated_rows(table: str, keys: tuple[str, ...], profile_id: str | None = None) -> Iterator[tuple[Any, ...]]:
    """``keys`` of every row an earlier migration inserted into ``table`` (of one child's: ``profile_id``), as
    inserted (from the audit log), even if the row was changed or deleted in the app since. The database reads the
    values out of the audit JSON (a re-run over a tutor's 400,000 words would spend seconds in json.loads). Every
    key is a text column."""
    database: Any = db.current()  # Any: peewee-stubs leave execute_sql untyped
    p = database.param
    if engine_of(database).name == "sqlite":
        fields = ", ".join(f"json_extract(new_value, '$.{k}')" for k in keys)
    else:
        fields = ", ".join(f"(new_value::json ->> '{k}')" for k in keys)
    where, params = f"table_name = {p} AND action = 'INSERT' AND changed_by = 'migration'", [table]
    if profile_id is not None:  # the audit log's profile_id column is indexed
        where, params = f"profile_id = {p} AND {where}", [profile_id, table]
    cursor = database.execute_sql(f"SELECT {fields} FROM audit_log WHERE {where}", tuple(params))
    yield from map(tuple, cursor)  # a row at a time: a card's row holds its images


def column_set(sql: str, params: tuple[Any, ...]) -> set[Any]:
    """The values of a one-column query (``?`` placeholders), without building a model row per value."""
    database: Any = db.current()  # Any: peewee-stubs leave execute_sql untyped
    return {v for (v,) in database.execute_sql(sql.replace("?", database.param), params).fetchall()}


def sha256_text(text: str) -> str:
    """SHA-256 of the text's UTF-8 (a broken character, which only an invalid record holds, as its surrogate)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


PROFILE_JSON = ("interests", "character_roster", "extracted_data")

CARD_COLUMNS = ("profile_id", "card_type", "approved_at", "legacy_id", "status", "content")

CHAT_COLUMNS = ("profile_id", "role", "content", "timestamp", "legacy_id", "mentions", "extra")

KIND_TABLES = {"cards": ("approved_cards", CARD_COLUMNS), "chat": ("chat_messages", CHAT_COLUMNS)}

NOUNS = {"cards": "card", "chat": "chat message"}


def _profile_digest(
    name: str | None,
    texts: dict[str, Any],
    mental_age: float | str | None,
    lists: dict[str, Any],
    extra: dict[str, Any],
) -> str:
    return contract.record_digest(
        "profile", name, texts, None if mental_age is None else float(mental_age), lists, extra
    )


def source_profile_digest(record: ProfileRecord) -> str:
    c = record.columns
    return _profile_digest(
        record.name,
        {k: c.get(k) for k in TEXT_COLUMNS},
        c.get("mental_age"),
        {k: c.get(k) for k in PROFILE_JSON},
        record.extra or {},
    )


def stored_profile_digest(row: Profile) -> str:
    lists = {k: json.loads(v) if (v := getattr(row, k)) is not None else None for k in PROFILE_JSON}
    return _profile_digest(
        row.name,
        {k: getattr(row, k) for k in TEXT_COLUMNS},
        row.mental_age,
        lists,
        json.loads(row.extra) if row.extra else {},
    )


def _card_digests(
    owner: str, card_type: str, approved_at: str | None, legacy_id: str | None, status: str | None, content_sha: str
) -> tuple[str, str]:
    """The card's digest, and the same without its time (see `source_digests`)."""
    return (
        contract.record_digest("card", owner, card_type, approved_at, legacy_id, status, content_sha),
        contract.record_digest("card", owner, card_type, None, legacy_id, status, content_sha),
    )


def chat_body_digest(role: Any, content: Any, legacy_id: str | None, mentions: Any, extra: Any) -> str:
    """The digest of what a message stores but its child and its time: a light record keeps only this."""
    return contract.record_digest("chat-body", role, content, legacy_id, mentions, extra)


def source_chat_body(chat: ChatRecord) -> str:
    return chat_body_digest(chat.role, chat.content, chat.legacy_id, chat.mentions, chat_extra_value(chat))


def _chat_digests(
    owner: str, role: Any, content: Any, timestamp: str | None, legacy_id: str | None, mentions: Any, extra: Any
) -> tuple[str, str]:
    """The message's digest, and the same without its time (see `source_digests`)."""
    return _body_digests(owner, chat_body_digest(role, content, legacy_id, mentions, extra), timestamp)


def _body_digests(owner: str, body: str, timestamp: str | None) -> tuple[str, str]:
    return contract.record_digest("chat", owner, body, timestamp), contract.record_digest("chat", owner, body, None)


def time_is_assumed(raw: object) -> bool:
    """A time written without a zone: the instant stored depends on the zone the user chose, not on the record."""
    if not isinstance(raw, str):
        return False
    try:
        return to_utc_iso(raw, UTC)[1]
    except ValueError:
        return False


def source_digests(kind: str, owner: str, record: CardRecord | ChatRecord) -> tuple[str, str]:
    """(exact, identity) digests of a card or message of the file. ``exact`` is what its row must hold after the
    write; ``identity`` says whether it was imported before, and leaves out a time the file does not fix: one
    written without a zone (a re-run may assume another zone) or a card without a time (stored with the time of its
    import). Stored rows give both their digest and their digest without the time."""
    if kind == "cards":
        assert isinstance(record, CardRecord)
        if record.content_sha is not None:  # a light record: its content was hashed when it was read
            content_sha, assumed = record.content_sha, record.time_assumed
        else:
            content_sha, assumed = sha256_text(card_json(record)), time_is_assumed(record.content.get("created_at"))
        exact, timeless = _card_digests(
            owner, record.card_type, record.approved_at_utc, record.legacy_id, record.status, content_sha
        )
        loose = record.approved_at_utc is None or assumed
    else:
        assert isinstance(record, ChatRecord)
        if record.body_sha is not None:  # a light record: what it stores was hashed when it was read
            body, loose = record.body_sha, record.time_assumed
        else:
            body, loose = source_chat_body(record), time_is_assumed(record.timestamp_raw)
        exact, timeless = _body_digests(owner, body, record.timestamp_utc)
    return exact, timeless if loose else exact


def _row_digests(kind: str, rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[str, str | None]]:
    """(digest, legacy id) of stored or audited rows (columns as in KIND_TABLES): each gives two digests, with and
    without its time."""
    for row in rows:
        if kind == "cards":
            pid, card_type, approved_at, legacy_id, status, content = row
            digests = _card_digests(pid, card_type, approved_at, legacy_id, status, sha256_text(content or ""))
        else:
            pid, role, content, stamp, legacy_id, mentions, extra = row
            digests = _chat_digests(
                pid,
                role,
                content,
                stamp,
                legacy_id,
                json.loads(mentions) if mentions else None,
                json.loads(extra) if extra else None,
            )
        for digest in digests:
            yield digest, legacy_id


def _stored_rows(kind: str) -> Iterator[tuple[Any, ...]]:
    table, columns = KIND_TABLES[kind]
    database: Any = db.current()  # Any: peewee-stubs leave execute_sql untyped
    yield from database.execute_sql(f"SELECT {', '.join(columns)} FROM {table}")  # a row at a time (images)


def stored_digests(kind: str) -> set[str]:
    return {digest for digest, _ in _row_digests(kind, _stored_rows(kind))}


def stored_words(pid: str, kind: str) -> set[str]:
    if kind == "grammar":
        return column_set("SELECT grammar_uri FROM mastered_grammar WHERE profile_id = ?", (pid,))
    return column_set("SELECT word FROM mastered_words WHERE profile_id = ? AND language = ?", (pid, kind))


class Earlier:
    """What earlier migrations inserted (from the audit log), even where the app changed or removed it since: read
    once, and only when some record of the file is not in the database as it is."""

    def __init__(self) -> None:
        self._loaded: dict[str, Any] = {}

    def _get(self, name: str, load: Callable[[], Any]) -> Any:
        if name not in self._loaded:
            self._loaded[name] = load()
        return self._loaded[name]

    def words(self, pid: str) -> set[tuple[str, str]]:
        """(kind, word) of every word and grammar point earlier migrations gave the child ``pid``."""

        def load() -> set[tuple[str, str]]:
            found = set(migrated_rows("mastered_words", ("language", "word"), pid))
            found.update(("grammar", uri) for (uri,) in migrated_rows("mastered_grammar", ("grammar_uri",), pid))
            return found

        words: set[tuple[str, str]] = self._get(f"words:{pid}", load)
        return words

    def records(self, kind: str) -> tuple[set[str], set[str]]:
        """(digests, legacy ids) of the cards or chat messages earlier migrations inserted."""

        def load() -> tuple[set[str], set[str]]:
            digests: set[str] = set()
            ids: set[str] = set()
            table, columns = KIND_TABLES[kind]
            for digest, legacy_id in _row_digests(kind, migrated_rows(table, columns)):
                digests.add(digest)
                if legacy_id:
                    ids.add(legacy_id)
            return digests, ids

        found: tuple[set[str], set[str]] = self._get(kind, load)
        return found


def card_json(card: CardRecord) -> str:
    if card.content_json is None:
        card.content_json = json.dumps(card.content, ensure_ascii=False)
    return card.content_json


def chat_extra_value(chat: ChatRecord) -> dict[str, Any] | None:
    extra = chat.extra
    if chat.timestamp_utc is None and chat.timestamp_raw is not None:
        # a time that could not be read is kept as it was written (the timestamp column holds instants only)
        extra = {**extra, "timestamp": chat.timestamp_raw}
    return extra or None


def chat_extra(chat: ChatRecord) -> str | None:
    extra = chat_extra_value(chat)
    return json.dumps(extra, ensure_ascii=False) if extra else None

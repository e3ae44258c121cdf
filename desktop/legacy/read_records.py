"""Reading approved_cards.json and chat_history.json into card and chat records (see :mod:`desktop.legacy.read`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from desktop import services
from desktop.legacy import contract
from desktop.legacy.contract import ChatFacts, ProfileKey
from desktop.legacy.identity import card_json, sha256_text, source_chat_body, time_is_assumed
from desktop.legacy.parse import Parsed
from desktop.legacy.problems import EXAMPLES, examples_text, kind_of, record_label, shorten
from desktop.legacy.reader import ReaderBase, Source
from desktop.legacy.records import CHAT_KEYS, KNOWN_CARD_TYPES, KNOWN_ROLES, CardRecord, ChatRecord
from desktop.legacy.secret_keys import strip_secrets


class RecordReading(ReaderBase):
    """Reading approved_cards.json and chat_history.json, and attributing chat to its child."""

    def read_cards(self, owner: str | None, choose_needed: bool, known_ids: set[str] | None = None) -> list[CardRecord]:
        path = self.files.cards
        if path is None:
            self.problems.add("file_missing", self.files.relpath(self.files.profiles), what="cards")
            return []

        def body(source: Source) -> list[CardRecord]:
            run, tally = FilePass(), CardTally()
            records: list[CardRecord] = []
            for record in self.cards(source, run, tally, owner, choose_needed, known_ids):
                if self.light:
                    record.content_sha = sha256_text(card_json(record))
                    record.time_assumed = time_is_assumed(record.content.get("created_at"))
                    record.content, record.content_json = {}, None
                records.append(record)
            then = lambda: self.card_summaries(source.rel, tally, choose_needed)  # noqa: E731
            self.finish_file(source.parsed, source.rel, run, then=then)
            return records

        return self.read_file("cards", path, body, [])

    def cards(
        self,
        source: Source,
        run: FilePass,
        tally: CardTally,
        owner: str | None,
        choose_needed: bool,
        known_ids: set[str] | None,
    ) -> Iterator[CardRecord]:
        """Each card of the file, checked (its problems added), as the importer stores it."""
        rel, parsed = source.rel, source.parsed
        for index, raw, clean, dropped, legacy_id, label in self.objects(source, "Checking cards"):
            explicit = clean.pop(contract.OWNER_KEY, None)
            explicit = explicit if isinstance(explicit, str) and explicit in (known_ids or ()) else None
            record = CardRecord(
                index=index,
                legacy_id=legacy_id,
                card_type=tally.card_type(clean.get("card_type"), label),
                status=tally.status(clean.get("status")),
                approved_at_utc=None,
                content=clean,
                profile_id=explicit or owner,
                secrets_dropped=dropped,
                label=label,
            )
            self.common_checks(raw, index, label, rel, parsed, record)
            record.approved_at_utc = self.timestamp(clean.get("created_at"), rel, label, "created_at", run.naive)
            record.key = self.record_key(legacy_id, clean, index, label, rel, run.first_by_id, run.no_id)
            if choose_needed and explicit is None:
                record.valid = False
                tally.unowned += 1
            run.secret_paths.append(dropped)
            yield record

    def card_summaries(self, rel: str, tally: CardTally, choose_needed: bool) -> None:
        if tally.no_type:
            self.problems.add("card_no_type", rel, count=len(tally.no_type), records=examples_text(tally.no_type))
        if tally.unknown_types:
            names = list(dict.fromkeys(shorten(t, 30) for t in tally.unknown_types))
            count = len(tally.unknown_types)
            self.problems.add("card_unknown_type", rel, count=count, types=", ".join(names[:EXAMPLES]))
        if tally.unknown_statuses:
            names = list(dict.fromkeys(f'"{shorten(t, 30)}"' for t in tally.unknown_statuses))
            count = len(tally.unknown_statuses)
            self.problems.add("card_unknown_status", rel, count=count, statuses=examples_text(names))
        if choose_needed and tally.unowned:
            self.problems.add("cards_need_profile", rel, count=tally.unowned)

    def read_chat(self, keys: list[ProfileKey], assign_to_id: str | None) -> list[ChatRecord]:
        path = self.files.chat
        if path is None:
            self.problems.add("file_missing", self.files.relpath(self.files.profiles), what="chat messages")
            return []

        def body(source: Source) -> list[ChatRecord]:
            run = FilePass()
            records: list[ChatRecord] = []
            facts: list[ChatFacts] = []
            for record in self.chats(source, run):
                content = record.content if isinstance(record.content, str) and "@profile:" in record.content else None
                facts.append(ChatFacts(record.role, content, [m for m in record.mentions if isinstance(m, str)]))
                if self.light:
                    record.body_sha = source_chat_body(record)
                    record.time_assumed = time_is_assumed(record.timestamp_raw)
                    record.content_nul = isinstance(record.content, str) and "\x00" in record.content
                    record.content, record.mentions, record.extra = None, [], {}
                records.append(record)
            self.finish_file(source.parsed, source.rel, run)
            self.attribute(records, facts, keys, assign_to_id, source.rel)
            return records

        return self.read_file("chat", path, body, [])

    def chats(self, source: Source, run: FilePass) -> Iterator[ChatRecord]:
        """Each chat message of the file, checked (its problems added), not yet attributed."""
        rel, parsed = source.rel, source.parsed
        for index, raw, clean, dropped, legacy_id, label in self.objects(source, "Checking chat messages"):
            role, content = clean.get("role"), clean.get("content")
            record = ChatRecord(
                index=index,
                legacy_id=legacy_id,
                role=role if isinstance(role, str) else None,
                content=content if isinstance(content, str) else None,
                timestamp_utc=None,
                mentions=[],
                extra={k: v for k, v in clean.items() if k not in CHAT_KEYS},
                profile_id=None,
                attribution=contract.ATTR_UNATTRIBUTED,
                timestamp_raw=clean.get("timestamp"),
                secrets_dropped=dropped,
                label=label,
            )
            self.common_checks(raw, index, label, rel, parsed, record)
            record.exported_to = record.extra.pop(contract.OWNER_KEY, None)
            self.chat_checks(record, clean, rel, label)
            record.timestamp_utc = self.timestamp(clean.get("timestamp"), rel, label, "timestamp", run.naive)
            record.key = self.record_key(legacy_id, clean, index, label, rel, run.first_by_id, run.no_id)
            run.secret_paths.append(dropped)
            yield record

    def chat_checks(self, record: ChatRecord, clean: dict[str, Any], rel: str, label: str) -> None:
        """A message's role, content and mentions (the mentions are set on ``record``)."""
        add = self.problems.add
        role, content, mentions = clean.get("role"), clean.get("content"), clean.get("mentions")
        if not isinstance(role, str) or not role.strip():
            add("chat_bad_role", rel, label, "role", target=record)
        elif role not in KNOWN_ROLES:
            add("chat_unknown_role", rel, label, "role", role=shorten(role, 30))
        if not isinstance(content, str):
            add("chat_no_content", rel, label, "content", target=record, found=kind_of(content))
        if mentions is None:
            record.mentions = []
        elif isinstance(mentions, list):
            record.mentions = mentions
            odd = sum(1 for m in mentions if not isinstance(m, str))
            if odd:
                add("list_items_not_text", rel, label, "mentions", count=odd)
        elif isinstance(mentions, str):
            add("field_converted", rel, label, "mentions", found="text", expected="a list")
            record.mentions = [mentions]
        else:
            expected, found = "a list of profile names", kind_of(mentions)
            add("field_wrong_type", rel, label, "mentions", target=record, expected=expected, found=found)

    def objects(self, source: Source, stage: str) -> Iterator[tuple[int, Any, dict[str, Any], list[str], Any, str]]:
        """Each object of a card or chat file, secrets stripped: (index, raw, clean, dropped paths, id, label). An
        element that is not an object is a problem and is skipped."""
        for index, raw in self.batches(source, stage):
            if not isinstance(raw, dict):
                self.problems.add("record_not_object", source.rel, record_label(index, None), found=kind_of(raw))
                continue
            clean, dropped = strip_secrets(raw)
            assert isinstance(clean, dict)
            legacy_id = _record_id(clean.get("id"))
            yield index, raw, clean, dropped, legacy_id, record_label(index, legacy_id)

    def finish_file(self, parsed: Parsed, rel: str, run: FilePass, then: Callable[[], None] | None = None) -> None:
        """The per-file problems: nested duplicate keys, naive times, missing ids, ``then``'s, dropped secrets."""
        self.nested_duplicates(parsed, rel)
        self.summaries(rel, run.naive[0], run.no_id)
        if then is not None:
            then()
        self.secrets(rel, run.secret_paths)

    def attribute(
        self,
        records: list[ChatRecord],
        facts: list[ChatFacts],
        keys: list[ProfileKey],
        assign_to_id: str | None,
        rel: str,
    ) -> None:
        self.progress(0, len(records), "Matching chat messages to profiles")
        outcome = contract.attribute_chats(facts, keys, assign_to_id)
        unattributed: list[str] = []
        unknown: list[str] = []
        unknown_count = 0
        several: list[str] = []
        known = {k.id for k in keys}
        for record, result in zip(records, outcome, strict=True):
            record.profile_id, record.attribution = result.profile_id, result.rule
            explicit = record.exported_to
            if isinstance(explicit, str) and explicit in known:
                record.profile_id, record.attribution = explicit, contract.ATTR_EXPORTED
                result = contract.ChatAttribution(explicit, contract.ATTR_EXPORTED)
            if result.profile_id is None:
                unattributed.append(record.label)
                record.valid = False
            if result.unknown_mentions:
                unknown_count += 1
                unknown.extend(result.unknown_mentions)
            if result.several_mentioned:
                several.append(record.label)
        if unknown_count:
            self.problems.add("chat_unknown_mentions", rel, count=unknown_count, example=shorten(unknown[0], 40))
        if several:
            self.problems.add("chat_several_mentions", rel, count=len(several), records=examples_text(several))
        if unattributed:
            self.problems.add("chat_needs_profile", rel, count=len(unattributed), records=examples_text(unattributed))
        self.progress(len(records), len(records), "Matching chat messages to profiles")


def _record_id(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


@dataclass
class FilePass:
    """What one pass over a card or chat file collects for its summaries."""

    naive: list[int] = field(default_factory=lambda: [0])
    no_id: list[str] = field(default_factory=list)
    first_by_id: dict[str, str] = field(default_factory=dict)
    secret_paths: list[list[str]] = field(default_factory=list)


@dataclass
class CardTally:
    """Cards without a type, of unknown types or statuses, and without an owner, for the file's summaries."""

    no_type: list[str] = field(default_factory=list)
    unknown_types: list[str] = field(default_factory=list)
    unknown_statuses: list[str] = field(default_factory=list)
    unowned: int = 0

    def card_type(self, value: Any, label: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.no_type.append(label)
            return "unknown"
        if value not in KNOWN_CARD_TYPES:
            self.unknown_types.append(value)
        return value

    def status(self, value: Any) -> str | None:
        if isinstance(value, str) and value not in services.CARD_STATUSES:
            self.unknown_statuses.append(value)
        return value if isinstance(value, str) else None

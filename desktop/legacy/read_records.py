"""Reading approved_cards.json and chat_history.json into card and chat records (see :mod:`desktop.legacy.read`)."""

from __future__ import annotations

from typing import Any

from desktop import services
from desktop.legacy import contract
from desktop.legacy.contract import ChatFacts, ProfileKey
from desktop.legacy.problems import EXAMPLES, examples_text, kind_of, record_label, shorten
from desktop.legacy.reader import ReaderBase
from desktop.legacy.records import CHAT_KEYS, KNOWN_CARD_TYPES, KNOWN_ROLES, CardRecord, ChatRecord
from desktop.legacy.secret_keys import strip_secrets


class RecordReading(ReaderBase):
    """Reading approved_cards.json and chat_history.json, and attributing chat to its child."""

    def read_cards(self, owner: str | None, choose_needed: bool, known_ids: set[str] | None = None) -> list[CardRecord]:
        path = self.files.cards
        if path is None:
            self.problems.add("file_missing", self.files.relpath(self.files.profiles), what="cards")
            return []
        items, parsed, rel = self.load("cards", path)
        if items is None or parsed is None:
            return []
        records: list[CardRecord] = []
        naive = [0]
        no_type: list[str] = []
        unknown_types: list[str] = []
        unknown_statuses: list[str] = []
        no_id: list[str] = []
        first_by_id: dict[str, str] = {}
        secret_paths: list[list[str]] = []
        unowned = 0
        for index, raw in self.batches(items, "Checking cards"):
            if not isinstance(raw, dict):
                self.problems.add("record_not_object", rel, record_label(index, None), found=kind_of(raw))
                continue
            clean, dropped = strip_secrets(raw)
            assert isinstance(clean, dict)
            legacy_id = _record_id(clean.get("id"))
            label = record_label(index, legacy_id)
            card_type = clean.get("card_type")
            if not isinstance(card_type, str) or not card_type.strip():
                no_type.append(label)
                card_type = "unknown"
            elif card_type not in KNOWN_CARD_TYPES:
                unknown_types.append(card_type)
            status = clean.get("status")
            if isinstance(status, str) and status not in services.CARD_STATUSES:
                unknown_statuses.append(status)
            explicit = clean.pop(contract.OWNER_KEY, None)
            explicit = explicit if isinstance(explicit, str) and explicit in (known_ids or ()) else None
            record = CardRecord(
                index=index,
                legacy_id=legacy_id,
                card_type=card_type,
                status=status if isinstance(status, str) else None,
                approved_at_utc=None,
                content=clean,
                profile_id=explicit or owner,
                secrets_dropped=dropped,
                label=label,
            )
            self.common_checks(raw, index, label, rel, parsed, record)
            record.approved_at_utc = self.timestamp(clean.get("created_at"), rel, label, "created_at", naive)
            record.key = self.record_key(legacy_id, clean, index, label, rel, first_by_id, no_id)
            if choose_needed and explicit is None:
                record.valid = False
                unowned += 1
            secret_paths.append(dropped)
            records.append(record)
        self.nested_duplicates(items, parsed, rel)
        self.summaries(rel, naive[0], no_id)
        if no_type:
            self.problems.add("card_no_type", rel, count=len(no_type), records=examples_text(no_type))
        if unknown_types:
            names = list(dict.fromkeys(shorten(t, 30) for t in unknown_types))
            self.problems.add("card_unknown_type", rel, count=len(unknown_types), types=", ".join(names[:EXAMPLES]))
        if unknown_statuses:
            names = list(dict.fromkeys(f'"{shorten(t, 30)}"' for t in unknown_statuses))
            self.problems.add("card_unknown_status", rel, count=len(unknown_statuses), statuses=examples_text(names))
        if choose_needed and unowned:
            self.problems.add("cards_need_profile", rel, count=unowned)
        self.secrets(rel, secret_paths)
        return records

    def read_chat(self, keys: list[ProfileKey], assign_to_id: str | None) -> list[ChatRecord]:
        path = self.files.chat
        if path is None:
            self.problems.add("file_missing", self.files.relpath(self.files.profiles), what="chat messages")
            return []
        items, parsed, rel = self.load("chat", path)
        if items is None or parsed is None:
            return []
        records: list[ChatRecord] = []
        naive = [0]
        no_id: list[str] = []
        first_by_id: dict[str, str] = {}
        secret_paths: list[list[str]] = []
        add = self.problems.add
        for index, raw in self.batches(items, "Checking chat messages"):
            if not isinstance(raw, dict):
                add("record_not_object", rel, record_label(index, None), found=kind_of(raw))
                continue
            clean, dropped = strip_secrets(raw)
            assert isinstance(clean, dict)
            legacy_id = _record_id(clean.get("id"))
            label = record_label(index, legacy_id)
            role, content, mentions = clean.get("role"), clean.get("content"), clean.get("mentions")
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
                add(
                    "field_wrong_type",
                    rel,
                    label,
                    "mentions",
                    target=record,
                    expected="a list of profile names",
                    found=kind_of(mentions),
                )
            record.timestamp_utc = self.timestamp(clean.get("timestamp"), rel, label, "timestamp", naive)
            record.key = self.record_key(legacy_id, clean, index, label, rel, first_by_id, no_id)
            secret_paths.append(dropped)
            records.append(record)
        self.nested_duplicates(items, parsed, rel)
        self.summaries(rel, naive[0], no_id)
        self.secrets(rel, secret_paths)
        self.attribute(records, keys, assign_to_id, rel)
        return records

    def attribute(self, records: list[ChatRecord], keys: list[ProfileKey], assign_to_id: str | None, rel: str) -> None:
        self.progress(0, len(records), "Matching chat messages to profiles")
        facts = [ChatFacts(r.role, r.content, [m for m in r.mentions if isinstance(m, str)]) for r in records]
        outcome = contract.attribute_chats(facts, keys, assign_to_id)
        unattributed: list[str] = []
        unknown: list[str] = []
        unknown_count = 0
        several: list[str] = []
        known = {k.id for k in keys}
        for record, result in zip(records, outcome, strict=True):
            record.profile_id, record.attribution = result.profile_id, result.rule
            explicit = record.extra.pop(contract.OWNER_KEY, None)
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

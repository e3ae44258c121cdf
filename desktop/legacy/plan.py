"""What a migration will write: the records the database lacks, by kind, with the problems the comparison finds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from desktop import services
from desktop.legacy import contract
from desktop.legacy.contract import show_text
from desktop.legacy.identity import (
    KIND_TABLES,
    NOUNS,
    Earlier,
    column_set,
    migrated_rows,
    source_digests,
    stored_digests,
    stored_words,
)
from desktop.legacy.problems import Problem
from desktop.legacy.read import reread_profiles
from desktop.legacy.records import (
    CARDS_FILE,
    CHAT_FILE,
    MAX_KEY_BYTES,
    PROFILES_FILE,
    CardRecord,
    ChatRecord,
    LegacyReadResult,
    ProfileRecord,
    has_nul,
    too_long,
)
from desktop.legacy.result import KINDS
from desktop.models import Profile
from desktop.text import slugify


@dataclass
class Plan:
    profile_map: dict[str, str] = field(default_factory=dict)  # source profile id → database profile id
    new_profiles: list[tuple[str, ProfileRecord]] = field(default_factory=list)  # (database id, record)
    words: dict[tuple[str, str], int] = field(default_factory=dict)  # (db profile, zh/en/grammar) → how many new
    present: dict[tuple[str, str], int] = field(default_factory=dict)  # (db profile, kind) → in the database now
    cards: list[tuple[str, CardRecord]] = field(default_factory=list)
    chats: list[tuple[str, ChatRecord]] = field(default_factory=list)
    #: every card and message with an owner: (record, its digest or None for a deleted child's, new?)
    considered: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {"cards": [], "chat": []})
    stored: dict[str, set[str]] = field(default_factory=dict)  # digests of the cards / messages stored when planned
    new: dict[str, int] = field(default_factory=lambda: dict[str, Any].fromkeys(KINDS, 0))
    already: dict[str, int] = field(default_factory=lambda: dict[str, Any].fromkeys(KINDS, 0))
    kept: dict[str, int] = field(default_factory=lambda: dict[str, Any].fromkeys(KINDS, 0))
    skipped: list[str] = field(default_factory=list)
    deleted: set[str] = field(default_factory=set)  # source profile ids imported before and deleted in the app since
    problems: list[Problem] = field(default_factory=list)  # found while comparing with the database
    earlier: Earlier = field(default_factory=lambda: Earlier())
    new_ids: set[str] = field(default_factory=set)  # the database ids of the children this migration creates


#: Reader errors that leave no record behind (a whole file, a damaged tail, an element that is not an object).
UNREADABLE_CODES = frozenset(
    (
        "file_unreadable",
        "file_empty",
        "file_utf16",
        "file_not_utf8",
        "json_truncated",
        "json_invalid",
        "json_too_deep",
        "top_level_not_list",
        "record_not_object",
    )
)

_too_long, _has_nul = too_long, has_nul


def check_storable(read: LegacyReadResult) -> list[Problem]:
    """Values the reader accepts but no database can store as they are: a NUL character in text (PostgreSQL
    refuses it) and indexed values longer than MAX_KEY_BYTES. Each is an error on its record, which becomes
    invalid (so "skip invalid records" skips it); the problems are added to ``read.problems`` and returned."""
    found: list[Problem] = []

    def add(kind: str, record: Any, field_name: str, code: str, long: str | None = None) -> None:
        info = read.files.get(kind)
        rel = info.relpath if info else kind
        where = f"{field_name} of {record.label} in {rel}"
        if code == "text_has_nul":
            message = f"The field {where} contains a NUL character (\\u0000), which a database cannot store as text."
        else:
            assert long is not None
            message = (
                f'The field {where} holds a value of {len(long):,} characters ("{show_text(long[:20])}…"); '
                f"ids, words and grammar points longer than {MAX_KEY_BYTES} bytes cannot be stored."
            )
        found.append(Problem("error", rel, record.label, field_name, message, code))
        record.valid = False

    for record in read.profiles:
        if not record.valid or record.id is None:
            continue
        if _too_long([record.id]):
            add("profiles", record, "id" if record.legacy_id is not None else "name", "value_too_long", record.id)
        for field_name, value in (("id", record.id), ("name", record.name), *record.columns.items()):
            if _has_nul([value]):
                add("profiles", record, field_name, "text_has_nul")
        for field_name, code, long in record.storable_word_issues():
            add("profiles", record, field_name, code, long)
    for kind, records, fields in (
        ("cards", read.cards, ("legacy_id", "card_type", "status")),
        ("chat", read.chats, ("legacy_id", "role", "content")),
    ):
        for item in records:
            if not item.valid:
                continue
            for field_name in fields:
                if _has_nul([getattr(item, field_name)]) or (
                    field_name == "content" and getattr(item, "content_nul", False)
                ):
                    add(kind, item, "id" if field_name == "legacy_id" else field_name, "text_has_nul")
            if _too_long([item.legacy_id]):
                add(kind, item, "id", "value_too_long", item.legacy_id)
    read.problems.extend(found)
    return found


def _owner(record: CardRecord | ChatRecord, plan: Plan) -> str | None:
    return plan.profile_map.get(record.profile_id) if record.profile_id else None


def _relpath(read: LegacyReadResult, kind: str) -> str:
    info = read.files.get(kind)
    return info.relpath if info else {"profiles": PROFILES_FILE, "cards": CARDS_FILE, "chat": CHAT_FILE}[kind]


def plan_migration(read: LegacyReadResult, skip_invalid: bool) -> Plan:
    """Compare the parsed source with the open database: what would be new, what is already there (the same child,
    the same content), and the problems only the comparison finds. Runs under the migration lock."""
    plan = Plan()
    # Parts of the files that gave no record at all (a damaged tail, an element that is not an object): with
    # "skip invalid records" they are skipped too, and listed.
    plan.skipped.extend(
        f"{p.file}: {p.message}" for p in read.problems if p.severity == "error" and p.code in UNREADABLE_CODES
    )
    _plan_profiles(read, plan)
    _plan_words(read, plan)
    for kind in ("cards", "chat"):
        _plan_records(read, plan, kind)
    return plan


def _plan_profiles(read: LegacyReadResult, plan: Plan) -> None:
    """A child is known by name (contract.name_key), never by the id derived from it: a new child whose id is taken
    gets a free one (``-2``, ``-3`` …) and the clash is reported."""
    stored = list(services.tuples(Profile.select(Profile.id, Profile.name)))
    taken = {pid for pid, _ in stored}
    by_name: dict[str, str] = {}
    for pid, name in stored:
        by_name.setdefault(contract.name_key(name), pid)
    earlier: dict[str, str] = {}  # children an earlier migration created, by the name they had then
    for pid, name in migrated_rows("profiles", ("id", "name")):
        if isinstance(name, str):
            earlier.setdefault(contract.name_key(name), pid)
    rel = _relpath(read, "profiles")
    for record in read.profiles:
        if not record.valid or record.id is None or record.name is None:
            plan.skipped.append(f"profile {record.label}")
            continue
        key = contract.name_key(record.name)
        target = by_name.get(key)
        if target is None and key in earlier:
            target = earlier[key]  # renamed in the app since
            if target not in taken:
                # imported before and deleted in the app since: not re-created, nor anything of theirs
                plan.deleted.add(record.id)
                for kind, n in (("profiles", 1), *((k, record.count(k)) for k in WORD_KINDS)):
                    plan.already[kind] += n
                    plan.kept[kind] += n
                continue
        if target is not None:
            plan.profile_map[record.id] = target
            plan.already["profiles"] += 1
            continue
        target = contract.free_profile_id(record.id, taken)
        wanted = record.legacy_id or slugify(record.name)
        if target != wanted:
            plan.problems.append(
                Problem(
                    "warning",
                    rel,
                    record.label,
                    "name" if record.legacy_id is None else "id",
                    f'Profile {record.label} in {rel} would get the id "{wanted}", which another child already has; it '
                    f'is a different child, so it is added with the id "{target}".',
                    "profile_id_clash",
                    {"id": wanted, "new_id": target},
                )
            )
        taken.add(target)
        by_name[key] = target
        plan.profile_map[record.id] = target
        plan.new_profiles.append((target, record))
        plan.new_ids.add(target)
        plan.new["profiles"] += 1


WORD_KINDS = ("zh", "en", "grammar")


def profile_words(read: LegacyReadResult) -> Iterator[tuple[ProfileRecord, dict[str, list[str]]]]:
    """(record, its words by kind) of every profile: read again from the file after a light read."""
    if any(record.word_counts is not None for record in read.profiles):
        return reread_profiles(read)
    return ((record, {kind: getattr(record, kind) for kind in WORD_KINDS}) for record in read.profiles)


def new_words(plan: Plan, target: str, kind: str, wanted: list[str]) -> tuple[list[str], int]:
    """The words of ``wanted`` (a child's of the file) the database lacks and no earlier migration imported (those
    are kept as the app has them); and how many of the file's words the database holds."""
    have = set() if target in plan.new_ids else stored_words(target, kind)
    new = [w for w in wanted if w not in have]
    present = len(wanted) - len(new)
    if new:
        done = plan.earlier.words(target)
        if done:
            new = [w for w in new if (kind, w) not in done]
    return new, present


def _plan_words(read: LegacyReadResult, plan: Plan) -> None:
    """How many words of each child are new. A child this migration creates, whom no earlier migration gave words,
    has every word of the file new: counted without reading the words again."""
    compare: set[str] = set()
    for record in read.profiles:
        target = plan.profile_map.get(record.id or "")
        if target is None:
            continue
        if target in plan.new_ids and not plan.earlier.words(target):
            for kind in WORD_KINDS:
                n = record.count(kind)
                plan.words[(target, kind)], plan.present[(target, kind)] = n, 0
                plan.new[kind] += n
        else:
            compare.add(target)
    if not compare:
        return
    for record, words in profile_words(read):
        target = plan.profile_map.get(record.id or "")
        if target is None or target not in compare:
            continue
        for kind in WORD_KINDS:
            wanted = words[kind]
            new, present = new_words(plan, target, kind, wanted)
            plan.kept[kind] += len(wanted) - present - len(new)
            plan.words[(target, kind)], plan.present[(target, kind)] = len(new), present
            plan.new[kind] += len(new)
            plan.already[kind] += len(wanted) - len(new)


def _plan_records(read: LegacyReadResult, plan: Plan, kind: str) -> None:
    """Cards or chat messages: already imported when one with the same digest is stored, or was inserted by an
    earlier migration (changed or removed in the app since). An old id seen again on other content (another
    family's folder: the old app numbered records per installation) is a new record, and reported."""
    records = read.cards if kind == "cards" else read.chats
    noun = NOUNS[kind]
    plan.stored[kind] = stored = stored_digests(kind)
    stored_ids: set[str] | None = None
    rel = _relpath(read, kind)
    for record in records:
        owner = _owner(record, plan)
        if record.valid and record.profile_id in plan.deleted:
            plan.already[kind] += 1
            plan.kept[kind] += 1
            plan.considered[kind].append((record, None, False))
            continue
        if not record.valid or owner is None:
            plan.skipped.append(f"{noun} {record.label}")
            continue
        exact, digest = source_digests(kind, owner, record)
        if digest in stored:
            plan.already[kind] += 1
            plan.considered[kind].append((record, digest, False))
            continue
        earlier_digests, earlier_ids = plan.earlier.records(kind)
        if digest in earlier_digests:
            plan.already[kind] += 1
            plan.kept[kind] += 1
            plan.considered[kind].append((record, digest, False))
            continue
        if record.legacy_id:
            if stored_ids is None:
                table = KIND_TABLES[kind][0]
                stored_ids = column_set(f"SELECT DISTINCT legacy_id FROM {table} WHERE legacy_id IS NOT NULL", ())
            if record.legacy_id in stored_ids or record.legacy_id in earlier_ids:
                plan.problems.append(
                    Problem(
                        "warning",
                        rel,
                        record.label,
                        "id",
                        f"Same old id, different content: {noun} {record.label} in {rel} has the id of a {noun} imported "
                        f"before, but not its content (or not its child), so it is imported as a new {noun}.",
                        f"{'card' if kind == 'cards' else 'chat'}_same_id_other_content",
                        {"id": record.legacy_id},
                    )
                )
        if isinstance(record, CardRecord):
            plan.cards.append((owner, record))
        else:
            plan.chats.append((owner, record))
        plan.considered[kind].append((record, exact, True))
        plan.new[kind] += 1

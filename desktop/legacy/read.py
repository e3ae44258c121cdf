"""Reading the legacy JSON files into typed records and a list of problems (legacy-format.md).

This is the first half of the migration, shared by the dry run and the importer: find the files, read each once
as bytes (read-only, never modified), decode and parse it, check every record against the importer contract
(`contract.py`), and report what is wrong in plain sentences.  Nothing here touches Qt or a database.

Entry points: `find_legacy_files(path)` and `read_legacy(path, ...)`.

A record with an error is kept with ``valid=False`` so that an importer can skip it when the user chooses
"skip invalid records"; a file that cannot be parsed at all yields no records (but for a damaged list, the
complete records before the damage are still read and the file-level error says so).

Decisions on points the format leaves open:

- A list element that is not an object gives an error naming it and no record (there is nothing to import).
- Numbers where text belongs (``dob: 20150101``, a numeric id) are read as their JSON text, with a warning;
  text where a number belongs (``mental_age: "6.5"``) is read if it is a finite number, with a warning;
  anything else of the wrong type is an error on the record.  ``interests: "Lego"`` becomes ``["Lego"]``.
- In word arrays, null items are left out (warning), numbers become text (warning), objects/lists are an error.
- A profile called like an earlier one is the invalid one; the first keeps its place (and the slug).
- Duplicate keys in an object (``{"name": "A", "name": "B"}``) keep the last value, as the old app's JSON
  reader did, with a warning.  Raw control characters inside strings are accepted (``strict=False``).
- Records nested deeper than MAX_DEPTH, holding half of a ``\\u`` surrogate pair, or a number JSON forbids
  (``NaN``, ``Infinity``, or one too large to be finite such as ``1e999``) are errors naming the field: they could
  not be written to the database and read back as they are.
- Values the app's own editor would refuse (a date of birth in the future or not written as a date, a mental age
  outside 0–30, a name longer than the editor allows, a card status it does not offer) are imported as written
  and listed as warnings, so they can be reviewed.
- Unusual words are reported by kind (HTML residue, non-breaking spaces — found before normalising —, odd
  characters, others), each problem with its count, examples and, in ``params["words"]``, every word.
- Every piece of source text a problem quotes goes through `contract.show_text` (escape codes, control and
  broken characters shown escaped), so a problem can be printed or shown as it is.
- Cards and chat without an id get ``key = "sha256:…"`` of their secret-free content, so a re-run can
  recognise them; duplicate ids are a warning and both records are kept.
- Summaries (naive time stamps, cards without a type, unattributed chat, secrets) are one problem per file
  with a count and the first few record labels, not one per record.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import tzinfo
from typing import Any

from desktop.errors import LedgerError
from desktop.legacy import contract
from desktop.legacy.contract import ProfileKey
from desktop.legacy.identity import card_json, sha256_text, source_chat_body
from desktop.legacy.parse import SourceChanged, find_legacy_files
from desktop.legacy.problems import SIDE_FILE_WHAT, shorten
from desktop.legacy.read_profiles import ProfileReading
from desktop.legacy.read_records import CardTally, FilePass, RecordReading
from desktop.legacy.reader import Source
from desktop.legacy.records import CardRecord, ChatRecord, LegacyReadResult, ProfileRecord, ReadContext
from desktop.legacy.timezones import local_timezone, parse_timezone, timezone_label


class _Reader(ProfileReading, RecordReading):
    """Reads the three files in order; the problems it finds are kept in ``problems``."""


def read_legacy(
    path: str | os.PathLike[str],
    assume_tz: str | tzinfo | None = None,
    assign_to: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    light: bool = False,
) -> LegacyReadResult:
    """Read the legacy data under `path` into typed records and problems; never modifies the files.

    `assume_tz`: the zone naive timestamps are read in (IANA name, ``+08:00`` or a tzinfo; default: this
    computer's zone; ValueError if it is not a zone).  `assign_to`: the profile (id, slug or name) that cards
    and otherwise unattributed chat go to.  `progress(done, total, stage_text)` is called per stage and per
    batch of records (done/total count within the stage); `cancel()` is checked between batches and raises
    Cancelled.  Raises LegacySourceError only when no child_profiles.json is found.

    ``light``: the records keep what a migration plans with, not the words or the cards' content (their counts and
    digests instead), so that memory does not grow with the files; :func:`reread_profiles` and
    :func:`reread_cards`, :func:`reread_chats` give them back, read again from the files (which must not have changed).
    """
    tz = parse_timezone(assume_tz) if assume_tz is not None else local_timezone()
    files = find_legacy_files(path)
    reader = _Reader(files, tz, assign_to, progress, cancel, light)
    reader.progress(0, 1, "Finding the files")
    for side in files.side_files:
        reader.problems.add("side_file", side.relpath, what=SIDE_FILE_WHAT[side.kind])

    profiles = reader.read_profiles()
    profiles_rel = files.relpath(files.profiles)
    keys = [ProfileKey.of(p.id, p.name) for p in profiles if p.id is not None and p.name is not None]
    assign_to_id = _assign_to_id(reader, assign_to, keys, profiles_rel)
    owner = contract.card_owner([k.id for k in keys], assign_to_id)
    cards = reader.read_cards(owner, choose_needed=owner is None, known_ids={k.id for k in keys})
    chats = reader.read_chat(keys, assign_to_id)

    counts = _counts(profiles, cards, chats)
    reader.progress(1, 1, "Done")
    return LegacyReadResult(
        source_root=files.source_root,
        files=reader.infos,
        side_files=files.side_files,
        profiles=profiles,
        cards=cards,
        chats=chats,
        problems=reader.problems.items,
        counts=counts,
        secrets_dropped=reader.secret_count,
        assumed_zone=timezone_label(tz),
        assign_to_id=assign_to_id,
        context=ReadContext(files, tz, assign_to, owner, owner is None, {k.id for k in keys}),
    )


def _assign_to_id(reader: _Reader, assign_to: str | None, keys: list[ProfileKey], profiles_rel: str) -> str | None:
    """The profile ``assign_to`` names (id, slug or name), or None with a problem saying why."""
    if assign_to is None:
        return None
    candidates = contract.profile_candidates(assign_to, keys)
    if len(candidates) == 1:
        return candidates[0].id
    if candidates:
        reader.problems.add(
            "assign_to_ambiguous",
            profiles_rel,
            name=shorten(str(assign_to)),
            candidates=", ".join(f'"{shorten(k.name)}"' for k in candidates),
        )
    else:
        reader.problems.add("assign_to_unknown", profiles_rel, name=shorten(str(assign_to)))
    return None


def _counts(profiles: list[ProfileRecord], cards: list[CardRecord], chats: list[ChatRecord]) -> dict[str, int]:
    return {
        "profiles": len(profiles),
        "zh": sum(p.count("zh") for p in profiles),
        "en": sum(p.count("en") for p in profiles),
        "grammar": sum(p.count("grammar") for p in profiles),
        "cards": len(cards),
        "chat": len(chats),
        "duplicates_dropped": sum(len(v) for p in profiles for v in p.dropped_duplicates.values()),
        "invalid": sum(not p.valid for p in profiles)
        + sum(not c.valid for c in cards)
        + sum(not m.valid for m in chats),
    }


def _rereader(read: LegacyReadResult, kind: str) -> tuple[_Reader, Any] | None:
    """A quiet reader set up as the first pass was, and the file's info; None when the file gave nothing."""
    context, info = read.context, read.files.get(kind)
    if context is None or info is None:
        return None
    return _Reader(context.files, context.tz, context.assign_to, None, None), info


def reread_profiles(read: LegacyReadResult) -> Iterator[tuple[ProfileRecord, dict[str, list[str]]]]:
    """(the light record, its words by kind read again) for every profile of a light read, in file order; raises
    LedgerError (source_changed) when the file is not the one read first (at the end: inside a transaction, nothing
    is kept)."""
    found = _rereader(read, "profiles")
    if found is None:
        return
    reader, info = found
    by_index = {record.index: record for record in read.profiles}

    def body(source: Source) -> Iterator[tuple[ProfileRecord, dict[str, list[str]]]]:
        for index, raw in reader.batches(source, "Reading profiles again"):
            light = by_index.get(index)
            if light is not None and isinstance(raw, dict):
                name = raw.get("name")
                if (name if isinstance(name, str) else None) != light.name:
                    raise SourceChanged(source.rel)
                yield light, reader.words(raw, source.rel)

    yield from _changed_is_an_error(reader.reread(info, body))


def reread_cards(read: LegacyReadResult) -> Iterator[tuple[CardRecord, CardRecord]]:
    """(the light record, the card read again with its content) for every card of a light read, in file order;
    each card's content must hash as it did (else LedgerError source_changed, as for the file)."""
    found = _rereader(read, "cards")
    context = read.context
    if found is None or context is None:
        return
    reader, info = found
    by_index = {record.index: record for record in read.cards}

    def body(source: Source) -> Iterator[tuple[CardRecord, CardRecord]]:
        owner, needed, known = context.card_owner, context.choose_needed, context.known_ids
        for full in reader.cards(source, FilePass(), CardTally(), owner, needed, known):
            light = by_index.get(full.index)
            if light is None:
                continue
            if light.content_sha is not None and sha256_text(card_json(full)) != light.content_sha:
                raise SourceChanged(source.rel)
            yield light, full

    yield from _changed_is_an_error(reader.reread(info, body))


def reread_chats(read: LegacyReadResult) -> Iterator[tuple[ChatRecord, ChatRecord]]:
    """(the light record, the message read again with its content) for every message of a light read, in file
    order; each must hash as it did (else LedgerError source_changed, as for the file)."""
    found = _rereader(read, "chat")
    if found is None:
        return
    reader, info = found
    by_index = {record.index: record for record in read.chats}

    def body(source: Source) -> Iterator[tuple[ChatRecord, ChatRecord]]:
        for full in reader.chats(source, FilePass()):
            light = by_index.get(full.index)
            if light is None:
                continue
            if light.body_sha is not None and source_chat_body(full) != light.body_sha:
                raise SourceChanged(source.rel)
            yield light, full

    yield from _changed_is_an_error(reader.reread(info, body))


def _changed_is_an_error(items: Iterator[Any]) -> Iterator[Any]:
    try:
        yield from items
    except SourceChanged as exc:
        raise LedgerError(code="source_changed", file=str(exc)) from exc

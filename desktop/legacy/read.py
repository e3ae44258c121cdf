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

import hashlib
import json
import math
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, tzinfo
from pathlib import Path
from typing import Any

from desktop import services
from desktop.errors import Cancelled, ValidationError
from desktop.legacy import contract
from desktop.legacy.contract import ChatFacts, ProfileKey

__all__ = [
    "MESSAGES",
    "CardRecord",
    "ChatRecord",
    "FileInfo",
    "LegacyFiles",
    "LegacyReadResult",
    "LegacySourceError",
    "Problem",
    "ProfileRecord",
    "SideFile",
    "find_legacy_files",
    "read_legacy",
]

PROFILES_FILE = "child_profiles.json"
CARDS_FILE = "approved_cards.json"
CHAT_FILE = "chat_history.json"
KNOWN_CARD_TYPES = ("basic", "basic_reverse", "cloze", "interactive_cloze")
KNOWN_ROLES = ("user", "assistant")
TEXT_COLUMNS = (
    "dob",
    "gender",
    "address",
    "school",
    "neighborhood",
    "verbal_fluency",
    "passive_language_level",
    "raw_input",
)
LIST_COLUMNS = ("interests", "character_roster")
PROFILE_COLUMNS = (
    "dob",
    "gender",
    "address",
    "school",
    "neighborhood",
    "interests",
    "character_roster",
    "verbal_fluency",
    "passive_language_level",
    "mental_age",
    "raw_input",
    "extracted_data",
)
WORD_FIELDS = (("zh", "mastered_words"), ("en", "mastered_english_words"), ("grammar", "mastered_grammar"))
KNOWN_PROFILE_KEYS = frozenset(("id", "name", *PROFILE_COLUMNS, *(f for _, f in WORD_FIELDS)))
CHAT_KEYS = frozenset(("id", "role", "content", "timestamp", "mentions"))
MAX_DEPTH = 100  # deeper records cannot be stored and read back safely (json recursion limits)
BATCH = 50  # records between progress reports / cancel checks
LABEL_WIDTH = 60  # names and ids are shortened to this in problem labels
EXAMPLES = 5  # how many record labels or words a summary problem names
#: Kinds of unusual word (contract.dirty_word_kind) reported together as "underscores or unusual characters".
ODD_WORD_KINDS = frozenset(("underscore", "broken", "line_break", "control", "invisible", "space"))

# ---------------------------------------------------------------------------------------------------- problems

#: The wording of every problem, one place per code: code → (severity, template).  Templates are filled with
#: the problem's ``params`` plus ``file``, ``record`` and ``field``; the UI may translate them by code.
MESSAGES: dict[str, tuple[str, str]] = {
    "file_unreadable": ("error", "The file {file} could not be opened ({reason})."),
    "file_empty": ("error", "The file {file} is empty. The old app may have lost its contents while saving it."),
    "file_utf16": (
        "error",
        "The file {file} was saved as UTF-16 text; this app reads UTF-8. Save it again as UTF-8 and retry.",
    ),
    "file_not_utf8": (
        "error",
        "The file {file} contains bytes that are not UTF-8 text at line {line}, column "
        "{column}. It may be damaged or saved in another encoding.",
    ),
    "json_truncated": (
        "error",
        "The file {file} ends in the middle of a record (line {line}, column {column}): "
        "it was cut off, probably while the old app was saving it. Complete records "
        "before that point, which can still be read: {salvaged}.",
    ),
    "json_invalid": (
        "error",
        "The file {file} is damaged at line {line}, column {column} ({detail}). Complete "
        "records before that point, which can still be read: {salvaged}.",
    ),
    "json_too_deep": (
        "error",
        "The file {file} is nested too deeply to be read safely. Complete records before "
        "that point, which can still be read: {salvaged}.",
    ),
    "top_level_not_list": ("error", "The file {file} should hold a list of records but holds {found}."),
    "record_not_object": ("error", "Record {record} in {file} is not a record but {found}; it cannot be read."),
    "record_too_deep": (
        "error",
        "Record {record} in {file} is nested more than {limit} levels deep and cannot be stored safely.",
    ),
    "record_broken_text": (
        "error",
        "Record {record} in {file} contains a broken character (half of an "
        "escaped pair) in {field}; it cannot be stored as it is.",
    ),
    "record_not_finite": (
        "error",
        "The field {field} of {record} in {file} holds {value}, which JSON does not "
        "allow (only finite numbers); it cannot be stored as it is.",
    ),
    "duplicate_key": (
        "warning",
        "Record {record} in {file} has the key(s) {keys} more than once; as in the "
        "old app, only the last value of each is kept.",
    ),
    "duplicate_key_nested": (
        "warning",
        "{count} objects inside records of {file} repeat a key; as in the old "
        "app, only the last value of each is kept.",
    ),
    "no_profiles": ("warning", "The file {file} holds no profiles."),
    "profile_no_name": ("error", "Profile {record} in {file} has no name, so it cannot be told apart from the others."),
    "profile_name_not_text": ("error", "The name of profile {record} in {file} is {found}, not text."),
    "profile_duplicate_name": (
        "error",
        'Two profiles in {file} are called "{name}" ({first} and {record}). Rename one of them, or skip this one.',
    ),
    "profile_duplicate_id": ("error", 'Two profiles in {file} have the same id "{id}" ({first} and {record}).'),
    "profile_id_not_text": ("error", "The id of profile {record} in {file} is {found}, not text."),
    "field_wrong_type": (
        "error",
        "The field {field} of {record} in {file} should be {expected} but is {found}; it cannot be read.",
    ),
    "field_converted": (
        "warning",
        "The field {field} of {record} in {file} is {found} instead of {expected}; it was read as {expected}.",
    ),
    "list_items_not_text": (
        "warning",
        "The list {field} of {record} in {file} holds {count} item(s) that are not text; they are kept as they are.",
    ),
    "word_list_nulls": (
        "warning",
        "The list {field} of {record} in {file} holds {count} empty item(s); they were left out.",
    ),
    "words_duplicates": ("warning", "{count} repeated {what} of {record} were dropped (each is kept once)."),
    "words_dirty": (
        "warning",
        "{count} {what} of {record} look unusual and may need cleaning later (for "
        'example "{example}" {reason}). They are kept exactly as they are.',
    ),
    "words_html": (
        "warning",
        "{count} {what} of {record} contain HTML markup left over from the old app "
        "({examples}). They are kept as they are; clean them in the app if needed.",
    ),
    "words_nbsp": (
        "info",
        "{count} {what} of {record} held a non-breaking space, normalised to a plain space ({examples}).",
    ),
    "words_odd": (
        "warning",
        "{count} {what} of {record} contain underscores or unusual characters ({examples}). "
        "They are kept as they are; clean them in the app if needed.",
    ),
    "dob_future": (
        "warning",
        "The date of birth of {record} in {file} is {value}, which is in the future. It "
        "is imported as written; correct it in the app.",
    ),
    "dob_not_date": (
        "warning",
        'The date of birth of {record} in {file} is "{value}", not a date like '
        "2015-01-31. It is imported as written; correct it in the app.",
    ),
    "mental_age_out_of_range": (
        "warning",
        "The mental age of {record} in {file} is {value}, outside 0 to 30 "
        "years. It is imported as written; correct it in the app.",
    ),
    "name_too_long": (
        "warning",
        "The name of {record} in {file} has {length} characters, more than the app's "
        "editor allows ({limit}). It is imported as written.",
    ),
    "card_unknown_status": (
        "warning",
        "{count} card(s) in {file} have a status this app does not offer ({statuses}); they are kept as they are.",
    ),
    "assign_to_unknown": ("error", 'The chosen profile "{name}" is not in {file}.'),
    "assign_to_ambiguous": (
        "error",
        'The chosen profile "{name}" could be any of {candidates} in {file}; choose one of them by its exact name.',
    ),
    "cards_need_profile": (
        "error",
        "{count} card(s) in {file} do not say which child they belong to. Choose the profile they should go to.",
    ),
    "card_no_type": (
        "warning",
        '{count} card(s) in {file} have no card type ({records}); they are kept with the type "unknown".',
    ),
    "card_unknown_type": (
        "info",
        "{count} card(s) in {file} have a card type this app does not know ({types}); they are kept as they are.",
    ),
    "no_id": (
        "info",
        "{count} record(s) in {file} have no id ({records}); a later import recognises them by their contents.",
    ),
    "duplicate_record_id": (
        "warning",
        'Records {first} and {record} in {file} have the same id "{id}"; both are kept.',
    ),
    "timestamps_naive": ("warning", "{count} time(s) in {file} have no time zone; they were read as {zone} time."),
    "timestamp_unreadable": (
        "warning",
        'The time "{value}" in field {field} of {record} in {file} could not '
        "be read. {reason} It is kept as it was written.",
    ),
    "chat_bad_role": ("error", "Message {record} in {file} has no readable role (user or assistant)."),
    "chat_unknown_role": (
        "warning",
        'Message {record} in {file} has the role "{role}", which this app does not know; it is kept as it is.',
    ),
    "chat_no_content": ("error", "Message {record} in {file} has no text (its content is {found})."),
    "chat_unknown_mentions": (
        "warning",
        '{count} message(s) in {file} mention a profile that is not in the profiles file (for example "{example}").',
    ),
    "chat_several_mentions": (
        "warning",
        "{count} message(s) in {file} mention more than one profile "
        "({records}); each goes with the first profile it mentions.",
    ),
    "chat_needs_profile": (
        "error",
        "{count} chat message(s) in {file} do not say which child they belong to "
        "({records}). Choose the profile they should go to.",
    ),
    "secrets_dropped": (
        "info",
        "{count} secret value(s) such as an API key or a password were found in {file} "
        "under {fields}. They were left out: they are not copied into the database, the "
        "audit log, backups, exports or this report.",
    ),
    "file_missing": ("info", "No {what} file was found; there are no {what} to migrate."),
    "side_file": ("info", "{file} is not migrated ({what})."),
}

_SIDE_FILE_WHAT = {
    "anki_profiles": "the old app's Anki settings",
    "prompt_templates": "the old app's prompt templates",
    "backup": "an old backup copy made by the old app",
    "other": "a file this app does not know",
}


@dataclass(frozen=True)
class Problem:
    """Something found while reading: ``severity`` is ``error``, ``warning`` or ``info``.

    ``file`` is relative to the source root; ``record`` names the record (``#2 "Child B"``, 1-based) and
    ``field`` the key, where they apply.  ``message`` is a plain sentence built from ``MESSAGES[code]`` and
    ``params``; no problem ever holds a secret value.
    """

    severity: str
    file: str
    record: str | None
    field: str | None
    message: str
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}"


class LegacySourceError(Exception):
    """The chosen folder holds no legacy data (no child_profiles.json): nothing can be read at all."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ------------------------------------------------------------------------------------------------------- records


@dataclass
class SideFile:
    """A legacy file or folder that is listed but not migrated."""

    kind: str  # anki_profiles | prompt_templates | backup | other
    path: Path  # absolute
    relpath: str  # relative to the source root, with /
    is_dir: bool = False


@dataclass
class LegacyFiles:
    """Where the legacy files are. ``cards``/``chat`` are None when absent (profiles alone is a valid source)."""

    source_root: Path
    profiles: Path
    cards: Path | None
    chat: Path | None
    side_files: list[SideFile] = field(default_factory=list)

    def relpath(self, path: Path) -> str:
        return _relpath(path, self.source_root)


@dataclass
class FileInfo:
    """One file that was read: its checksum lets the importer archive and verify exactly what it read."""

    kind: str  # profiles | cards | chat
    path: Path
    relpath: str
    size: int
    sha256: str
    encoding: str  # "utf-8", "utf-8-sig" (with BOM) or "ascii" (\u-escaped); "" if undecodable
    records: int | None  # list length, None if the file could not be parsed


@dataclass
class ProfileRecord:
    """One profile as the importer stores it.

    ``index`` is 0-based (labels show it 1-based). ``id`` is the stable id (legacy id, or slug with -2, -3 …),
    None only when the name is unusable.  ``columns`` holds the plan's profile columns; ``extra`` the unknown
    keys (kept, minus secrets).  ``zh``/``en``/``grammar`` are the split lists in source order.
    """

    index: int
    id: str | None
    name: str | None
    legacy_id: str | None
    columns: dict[str, Any]
    extra: dict[str, Any]
    zh: list[str]
    en: list[str]
    grammar: list[str]
    dropped_duplicates: dict[str, list[str]]
    dirty_words: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    secrets_dropped: list[str] = field(default_factory=list)
    label: str = ""
    valid: bool = True


@dataclass
class CardRecord:
    """One card. ``content`` is the whole card object minus secrets, key order kept; ``card_type`` comes from
    the ``card_type`` key (``unknown`` when absent, never from ``type``). ``key`` identifies it on a re-run:
    the legacy id, or ``sha256:<hash of the content>`` when it has none."""

    index: int
    legacy_id: str | None
    card_type: str
    status: str | None
    approved_at_utc: str | None
    content: dict[str, Any]
    profile_id: str | None = None
    key: str = ""
    secrets_dropped: list[str] = field(default_factory=list)
    label: str = ""
    valid: bool = True


@dataclass
class ChatRecord:
    """One chat message. ``timestamp_utc`` is ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00`` or None (unreadable or
    absent, with ``timestamp_raw`` the value as written). ``extra`` holds other keys (such as ``config``) minus
    secrets. ``attribution`` names the contract rule that chose ``profile_id`` (see contract.ATTR_*)."""

    index: int
    legacy_id: str | None
    role: str | None
    content: str | None
    timestamp_utc: str | None
    mentions: list[Any]
    extra: dict[str, Any]
    profile_id: str | None
    attribution: str
    timestamp_raw: Any = None
    key: str = ""
    secrets_dropped: list[str] = field(default_factory=list)
    label: str = ""
    valid: bool = True


@dataclass
class LegacyReadResult:
    """Everything `read_legacy` found: typed records, the problems, counts and file checksums."""

    source_root: Path
    files: dict[str, FileInfo]
    side_files: list[SideFile]
    profiles: list[ProfileRecord]
    cards: list[CardRecord]
    chats: list[ChatRecord]
    problems: list[Problem]
    counts: dict[str, int]
    secrets_dropped: int
    assumed_zone: str
    assign_to_id: str | None

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def problems_of(self, severity: str) -> list[Problem]:
        return [p for p in self.problems if p.severity == severity]


# ---------------------------------------------------------------------------------------------------- finding


def _relpath(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, root)).as_posix()


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _list_dir(path: Path) -> list[Path]:
    try:
        return sorted(path.iterdir())
    except OSError:
        return []


def find_legacy_files(path: str | os.PathLike[str]) -> LegacyFiles:
    """Find the legacy files under `path`: ``<root>``, ``<root>/data``, a folder holding the JSON files
    directly (or the ``profiles`` folder, or child_profiles.json itself).  ``source_root`` is the folder given,
    except that a ``profiles`` folder beside a ``content_db`` folder stands for their parent.

    Raises LegacySourceError naming the folder when no child_profiles.json is found.
    """
    given = Path(path).expanduser()
    if _is_file(given):
        if given.name != PROFILES_FILE:
            raise LegacySourceError(
                f'"{given}" is a file, not a folder of the old app\'s data. Choose the folder '
                f'that holds "data", or the "data" folder itself.'
            )
        given = given.parent
    if not given.is_dir():
        raise LegacySourceError(f'The folder "{given}" does not exist or cannot be opened.')
    root = given.resolve()
    if root.name == "profiles" and _is_file(root / PROFILES_FILE) and (root.parent / "content_db").is_dir():
        root = root.parent  # the user picked <data>/profiles: the source is the data folder
    layouts = [
        (root / "data" / "profiles", root / "data" / "content_db", root / "data" / "backups"),
        (root / "profiles", root / "content_db", root / "backups"),
        (root, root, root / "backups"),
    ]
    found = next((layout for layout in layouts if _is_file(layout[0] / PROFILES_FILE)), None)
    if found is None:
        raise LegacySourceError(
            f'No {PROFILES_FILE} was found in "{root}" (nor in its data/profiles or profiles folder). Choose the '
            f'folder of the old app\'s data: the one that holds "data", or the "data" folder itself.'
        )
    profiles_dir, content_dir, backups_dir = found
    profiles = profiles_dir / PROFILES_FILE

    def pick(name: str) -> Path | None:
        for folder in (content_dir, profiles_dir):
            if _is_file(folder / name):
                return folder / name
        return None

    cards, chat = pick(CARDS_FILE), pick(CHAT_FILE)
    used = {p for p in (profiles, cards, chat) if p is not None}
    side: list[SideFile] = []
    seen: set[Path] = set()
    for folder in dict.fromkeys((profiles_dir, content_dir)):
        for entry in _list_dir(folder):
            if entry in used or entry in seen or entry.suffix.lower() != ".json" or not _is_file(entry):
                continue
            seen.add(entry)
            kind = entry.stem if entry.stem in ("anki_profiles", "prompt_templates") else "other"
            side.append(SideFile(kind, entry, _relpath(entry, root)))
    for entry in _list_dir(backups_dir):
        if entry.name.startswith("json_backup_") and entry.is_dir():
            side.append(SideFile("backup", entry, _relpath(entry, root), is_dir=True))
    return LegacyFiles(root, profiles, cards, chat, side)


# ---------------------------------------------------------------------------------------------------- helpers


def _kind(value: object) -> str:
    """How a value's type is named to a parent."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    """Source text to quote in a problem: at most `width` characters, line breaks as spaces, the rest of what
    cannot be shown raw escaped (`contract.show_text`)."""
    short = text if len(text) <= width else text[: width - 1] + "…"
    return contract.show_text(short.replace("\n", " ").replace("\r", " "))


def _label(index: int, name: object) -> str:
    if isinstance(name, str) and name.strip():
        return f'#{index + 1} "{_short(name.strip())}"'
    if isinstance(name, int) and not isinstance(name, bool):
        return f'#{index + 1} "{name}"'
    return f"#{index + 1}"


def _examples(labels: list[str]) -> str:
    shown = ", ".join(labels[:EXAMPLES])
    return shown + (f" and {len(labels) - EXAMPLES} more" if len(labels) > EXAMPLES else "")


def _quoted_examples(words: list[str]) -> str:
    """The first EXAMPLES words, quoted and shortened: "a", "b" and 3 more."""
    return _examples([f'"{_short(w, 40)}"' for w in words])


def _number_text(value: int | float) -> str:
    return json.dumps(value)


class _Problems:
    """Collects problems; an error that names a record marks that record invalid."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(
        self,
        code: str,
        file: str,
        record: str | None = None,
        field_name: str | None = None,
        target: Any = None,
        **params: Any,
    ) -> Problem:
        severity, template = MESSAGES[code]
        # file names, keys and quoted values come from the source: never raw escape codes or broken characters
        show = contract.show_text
        file, record, field_name = show(file), record and show(record), field_name and show(field_name)
        params = {k: show(v) if isinstance(v, str) else v for k, v in params.items()}
        message = template.format(file=file, record=record or "", field=field_name or "", **params)
        problem = Problem(severity, file, record, field_name, message, code, dict(params))
        self.items.append(problem)
        if severity == "error" and target is not None:
            target.valid = False
        return problem


def _linecol(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


_WS = re.compile(r"[ \t\n\r]*")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


@dataclass
class _Parsed:
    items: list[Any] | None
    ok: bool = False  # parsed whole, without a file-level error
    duplicate_keys: dict[int, list[str]] = field(default_factory=dict)  # id(dict) → repeated keys
    may_have_surrogates: bool = False
    keep_alive: list[dict] = field(default_factory=list)  # the dicts of duplicate_keys, so their ids stay unique


def _salvage(text: str, decoder: json.JSONDecoder) -> list[Any]:
    """The complete elements at the start of a damaged top-level list (linear: each element decoded once)."""
    index = _WS.match(text, 0).end()  # type: ignore[union-attr]
    if index >= len(text) or text[index] != "[":
        return []
    index += 1
    items: list[Any] = []
    while True:
        index = _WS.match(text, index).end()  # type: ignore[union-attr]
        if index < len(text) and text[index] == "]":
            break
        try:
            item, index = decoder.raw_decode(text, index)
        except (ValueError, RecursionError):
            break
        items.append(item)
        index = _WS.match(text, index).end()  # type: ignore[union-attr]
        if index < len(text) and text[index] == ",":
            index += 1
            continue
        break
    return items


def _parse(holder: list[bytes], rel: str, info: FileInfo, problems: _Problems) -> _Parsed:
    """Parse the file's bytes, which ``holder`` hands over: they are let go as soon as they are decoded, so a 32 MB
    cards file is never held as bytes, text and objects at once."""
    data = holder.pop()
    empty = _Parsed(None)
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.add("file_utf16", rel)
        return empty
    if not body.strip():
        problems.add("file_empty", rel)
        return empty
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _linecol(body, exc.start)
        problems.add("file_not_utf8", rel, line=line, column=column)
        return empty
    info.encoding = "utf-8-sig" if body is not data else ("ascii" if text.isascii() else "utf-8")
    del data, body

    parsed = _Parsed(None, may_have_surrogates=bool(_SURROGATE_ESCAPE.search(text)))

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            repeated = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
            parsed.keep_alive.append(obj)
            parsed.duplicate_keys[id(obj)] = list(dict.fromkeys(repeated))
        return obj

    # strict=False: a raw tab or newline inside a string (written by a hand edit) is read, not refused; the
    # word checks report it.
    decoder = json.JSONDecoder(object_pairs_hook=pairs_hook, strict=False)
    items: Any
    try:
        items = decoder.decode(text)
    except RecursionError:
        items = _salvage(text, decoder)
        problems.add("json_too_deep", rel, salvaged=len(items))
    except json.JSONDecodeError as exc:
        items = _salvage(text, decoder)
        line, column = exc.lineno, exc.colno
        # cut off: the error is at the very end, or a string was still open when the text ended
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            problems.add("json_truncated", rel, line=line, column=column, salvaged=len(items))
        else:
            problems.add("json_invalid", rel, line=line, column=column, detail=exc.msg, salvaged=len(items))
    else:
        if not isinstance(items, list):
            problems.add("top_level_not_list", rel, found=_kind(items))
            return empty
        parsed.ok = True
    parsed.items = items
    return parsed


def _inspect(value: Any, check_text: bool) -> tuple[int, list[str], list[tuple[str, float]]]:
    """Nesting depth of `value`, the paths of strings that cannot be encoded (lone surrogates), and the paths and
    values of numbers that are not finite (``NaN``, ``Infinity``, ``1e999``).

    Iterative, so any depth is safe.
    """
    deepest = 0
    broken: list[str] = []
    not_finite: list[tuple[str, float]] = []
    stack: list[tuple[Any, int, tuple | None]] = [(value, 0, None)]
    while stack:
        item, depth, path = stack.pop()
        if isinstance(item, dict):
            depth += 1
            for key, child in item.items():
                if check_text and isinstance(key, str) and not key.isascii() and _broken(key):
                    broken.append(contract._path_text((path, key)))
                stack.append((child, depth, (path, key)))
        elif isinstance(item, list):
            depth += 1
            stack.extend((child, depth, (path, i)) for i, child in enumerate(item))
        elif check_text and isinstance(item, str) and not item.isascii() and _broken(item):
            broken.append(contract._path_text(path) or "the record")
        elif type(item) is float and not math.isfinite(item):
            not_finite.append((contract._path_text(path) or "the record", item))
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                break
    return deepest, broken, not_finite


def _broken(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _content_key(content: Any) -> str:
    try:
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, allow_nan=True)
    except (ValueError, TypeError, RecursionError):
        return ""
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------------------------------- the reader


class _Reader:
    def __init__(
        self,
        files: LegacyFiles,
        assume_tz: tzinfo,
        assign_to: str | None,
        progress: Callable[[int, int, str], None] | None,
        cancel: Callable[[], bool] | None,
    ) -> None:
        self.files = files
        self.tz = assume_tz
        self.assign_to = assign_to
        self._progress = progress
        self._cancel = cancel
        self.problems = _Problems()
        self.infos: dict[str, FileInfo] = {}
        self.secret_count = 0

    # -- plumbing

    def progress(self, done: int, total: int, stage: str) -> None:
        if self._cancel is not None and self._cancel():
            raise Cancelled(code="reading_cancelled")
        if self._progress is not None:
            self._progress(done, total, stage)

    def batches(self, items: list[Any], stage: str) -> Iterable[tuple[int, Any]]:
        total = len(items)
        self.progress(0, total, stage)
        for index, item in enumerate(items):
            if index and index % BATCH == 0:
                self.progress(index, total, stage)
            yield index, item
        self.progress(total, total, stage)

    def load(self, kind: str, path: Path) -> tuple[list[Any] | None, _Parsed | None, str]:
        rel = self.files.relpath(path)
        self.progress(0, 1, f"Reading {path.name}")
        try:
            with open(path, "rb") as handle:  # read-only, once
                data = handle.read()
        except OSError as exc:
            self.problems.add("file_unreadable", rel, reason=exc.strerror or type(exc).__name__)
            return None, None, rel
        info = FileInfo(kind, path, rel, len(data), hashlib.sha256(data).hexdigest(), "", None)
        self.infos[kind] = info
        holder = [data]
        del data
        parsed = _parse(holder, rel, info, self.problems)
        if parsed.items is not None:
            info.records = len(parsed.items)
        self.progress(1, 1, f"Reading {path.name}")
        return parsed.items, parsed, rel

    def common_checks(self, obj: Any, index: int, label: str, rel: str, parsed: _Parsed, target: Any) -> None:
        depth, broken, not_finite = _inspect(obj, parsed.may_have_surrogates)
        if depth > MAX_DEPTH:
            self.problems.add("record_too_deep", rel, label, target=target, limit=MAX_DEPTH)
        for path in broken[:1]:
            self.problems.add("record_broken_text", rel, label, path, target=target)
        for path, number in not_finite:
            self.problems.add(
                "record_not_finite",
                rel,
                label,
                path,
                target=target,
                value="NaN" if math.isnan(number) else ("Infinity" if number > 0 else "-Infinity"),
            )
        if id(obj) in parsed.duplicate_keys:
            self.problems.add(
                "duplicate_key",
                rel,
                label,
                target=target,
                keys=", ".join(f'"{k}"' for k in parsed.duplicate_keys[id(obj)]),
            )

    def nested_duplicates(self, items: list[Any], parsed: _Parsed, rel: str) -> None:
        top = {id(x) for x in items}
        nested = [k for k in parsed.duplicate_keys if k not in top]
        if nested:
            self.problems.add("duplicate_key_nested", rel, count=len(nested))

    def secrets(self, rel: str, paths_by_record: list[list[str]]) -> None:
        count = sum(len(p) for p in paths_by_record)
        if count:
            self.secret_count += count
            fields = sorted({re.sub(r"\[\d+\]", "[]", p) for paths in paths_by_record for p in paths})
            self.problems.add("secrets_dropped", rel, count=count, fields=", ".join(fields))

    def timestamp(self, value: Any, rel: str, label: str, field_name: str, naive: list[int]) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                iso, was_naive = contract.to_utc_iso(value, self.tz)
            except ValueError as exc:
                self.problems.add(
                    "timestamp_unreadable", rel, label, field_name, value=_short(value, 40), reason=str(exc)
                )
                return None
            if was_naive:
                naive[0] += 1
            return iso
        self.problems.add(
            "timestamp_unreadable",
            rel,
            label,
            field_name,
            value=_short(json.dumps(value), 40),
            reason="It is not written as text.",
        )
        return None

    # -- profiles

    def read_profiles(self) -> list[ProfileRecord]:
        items, parsed, rel = self.load("profiles", self.files.profiles)
        if items is None or parsed is None:
            return []
        if not items and parsed.ok:
            self.problems.add("no_profiles", rel)
        records: list[ProfileRecord] = []
        secret_paths: list[list[str]] = []
        for index, raw in self.batches(items, "Checking profiles"):
            if not isinstance(raw, dict):
                self.problems.add("record_not_object", rel, _label(index, None), found=_kind(raw))
                continue
            record = self.profile(index, raw, rel, parsed)
            secret_paths.append(record.secrets_dropped)
            records.append(record)
        self.nested_duplicates(items, parsed, rel)
        self.secrets(rel, secret_paths)
        self.assign_ids(records, rel)
        return records

    def profile(self, index: int, raw: dict, rel: str, parsed: _Parsed) -> ProfileRecord:
        clean, dropped_secrets = contract.strip_secrets(raw)
        assert isinstance(clean, dict)
        name = clean.get("name")
        label = _label(index, name if isinstance(name, str) else clean.get("id"))
        record = ProfileRecord(
            index=index,
            id=None,
            name=name if isinstance(name, str) else None,
            legacy_id=None,
            columns={},
            extra={},
            zh=[],
            en=[],
            grammar=[],
            dropped_duplicates={},
            secrets_dropped=dropped_secrets,
            label=label,
        )
        add = self.problems.add
        if name is None or (isinstance(name, str) and not name.strip()):
            add("profile_no_name", rel, label, "name", target=record)
            record.name = None
        elif not isinstance(name, str):
            add("profile_name_not_text", rel, label, "name", target=record, found=_kind(name))
        legacy_id = clean.get("id")
        if isinstance(legacy_id, int) and not isinstance(legacy_id, bool):
            add("field_converted", rel, label, "id", found="a number", expected="text")
            legacy_id = str(legacy_id)
        if isinstance(legacy_id, str) and legacy_id.strip():
            record.legacy_id = legacy_id
        elif legacy_id is not None and not isinstance(legacy_id, str):
            add("profile_id_not_text", rel, label, "id", target=record, found=_kind(legacy_id))
        self.common_checks(raw, index, label, rel, parsed, record)

        columns: dict[str, Any] = {}
        for key in TEXT_COLUMNS:
            columns[key] = self.text_value(clean.get(key), rel, label, key, record)
        for key in LIST_COLUMNS:
            columns[key] = self.list_value(clean.get(key), rel, label, key, record)
        columns["mental_age"] = self.mental_age(clean.get("mental_age"), rel, label, record)
        columns["extracted_data"] = self.extracted(clean.get("extracted_data"), rel, label, record)
        record.columns = {key: columns[key] for key in PROFILE_COLUMNS}
        record.extra = {k: v for k, v in clean.items() if k not in KNOWN_PROFILE_KEYS}

        self.app_checks(record, rel)

        what = {"zh": "Chinese words", "en": "English words", "grammar": "grammar points"}
        splitters = {"zh": contract.split_zh, "en": contract.split_en, "grammar": contract.split_grammar}
        for lang, key in WORD_FIELDS:
            value = self.word_value(clean.get(key), rel, label, key, record)
            kept, dropped = splitters[lang](value)
            setattr(record, lang, kept)
            record.dropped_duplicates[lang] = dropped
            if dropped:
                add("words_duplicates", rel, label, key, count=len(dropped), what=what[lang])
            kinds = [(w, k) for w in kept if (k := contract.dirty_word_kind(w, lang)) is not None]
            record.dirty_words[lang] = [(w, contract.DIRTY_WORD_REASONS[k]) for w, k in kinds]
            self.word_problems(record.label, rel, lang, key, value, kinds)
        return record

    def text_value(self, value: Any, rel: str, label: str, key: str, record: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.problems.add("field_converted", rel, label, key, found="a number", expected="text")
            return _number_text(value)
        self.problems.add("field_wrong_type", rel, label, key, target=record, expected="text", found=_kind(value))
        return None

    def list_value(self, value: Any, rel: str, label: str, key: str, record: Any) -> list[Any] | None:
        if value is None:
            return None
        if isinstance(value, list):
            odd = sum(1 for v in value if not isinstance(v, str))
            if odd:
                self.problems.add("list_items_not_text", rel, label, key, count=odd)
            return value
        if isinstance(value, str):
            self.problems.add("field_converted", rel, label, key, found="text", expected="a list")
            return [value]
        self.problems.add(
            "field_wrong_type", rel, label, key, target=record, expected="a list of text", found=_kind(value)
        )
        return None

    def mental_age(self, value: Any, rel: str, label: str, record: Any) -> float | None:
        key = "mental_age"
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if math.isfinite(value):
                return self.in_range(float(value), rel, label)
            return None  # NaN or Infinity: an error common_checks reports
        elif isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                number = math.nan
            if math.isfinite(number):
                self.problems.add("field_converted", rel, label, key, found="text", expected="a number")
                return self.in_range(number, rel, label)
        self.problems.add(
            "field_wrong_type",
            rel,
            label,
            key,
            target=record,
            expected="a number",
            found=_kind(value) if not isinstance(value, float) else "not a real number",
        )
        return None

    def in_range(self, number: float, rel: str, label: str) -> float:
        """A mental age the app's editor refuses (outside 0–30) is kept, and listed for review."""
        try:
            services.validate_mental_age(number)
        except ValidationError:
            self.problems.add("mental_age_out_of_range", rel, label, "mental_age", value=f"{number:g}")
        return number

    def app_checks(self, record: ProfileRecord, rel: str) -> None:
        """Values the app's own editor refuses: imported as written, listed for review."""
        if record.name is not None and len(record.name.strip()) > services.NAME_MAX:
            self.problems.add(
                "name_too_long", rel, record.label, "name", length=len(record.name.strip()), limit=services.NAME_MAX
            )
        dob = record.columns.get("dob")
        if isinstance(dob, str) and dob.strip():
            try:
                services.validate_dob(dob)
            except ValidationError:
                try:
                    date.fromisoformat(dob.strip())
                except ValueError:
                    self.problems.add("dob_not_date", rel, record.label, "dob", value=_short(dob, 40))
                else:
                    self.problems.add("dob_future", rel, record.label, "dob", value=_short(dob.strip(), 40))

    def word_problems(
        self, label: str, rel: str, lang: str, key: str, value: Any, kinds: list[tuple[str, str]]
    ) -> None:
        """The unusual words of one list, one problem per kind, each naming every word in ``params["words"]``:
        non-breaking spaces (looked for in the source, before normalising), HTML residue, odd characters, other."""
        what = {"zh": "Chinese words", "en": "English words", "grammar": "grammar points"}[lang]
        try:
            nbsp = contract.nbsp_words(value, lang)
        except TypeError:  # a list holding something else than text: reported by word_value
            nbsp = []
        if nbsp:
            self.problems.add(
                "words_nbsp",
                rel,
                label,
                key,
                count=len(nbsp),
                what=what,
                examples=_quoted_examples(nbsp),
                words=[contract.show_text(w) for w in nbsp],
            )
        by_kind: dict[str, list[tuple[str, str]]] = {}
        for word, kind in kinds:
            group = "words_html" if kind == "html" else "words_odd" if kind in ODD_WORD_KINDS else "words_dirty"
            by_kind.setdefault(group, []).append((word, kind))
        for code, found in by_kind.items():
            words = [w for w, _ in found]
            shown = [contract.show_text(w) for w in words]
            if code == "words_dirty":
                self.problems.add(
                    code,
                    rel,
                    label,
                    key,
                    count=len(found),
                    what=what,
                    example=_short(found[0][0], 80),
                    reason=contract.DIRTY_WORD_REASONS[found[0][1]],
                    words=shown,
                )
            else:
                self.problems.add(
                    code, rel, label, key, count=len(found), what=what, examples=_quoted_examples(words), words=shown
                )

    def extracted(self, value: Any, rel: str, label: str, record: Any) -> dict | None:
        key = "extracted_data"
        if value is None or isinstance(value, dict):
            return value
        if isinstance(value, str):
            try:
                decoded = json.loads(value)
            except (ValueError, RecursionError):
                decoded = None
            if isinstance(decoded, dict):
                self.problems.add("field_converted", rel, label, key, found="text", expected="an object")
                return decoded
        self.problems.add("field_wrong_type", rel, label, key, target=record, expected="an object", found=_kind(value))
        return None

    def word_value(self, value: Any, rel: str, label: str, key: str, record: Any) -> str | list[str] | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.problems.add("field_converted", rel, label, key, found="a number", expected="text")
            return _number_text(value)
        if isinstance(value, list):
            words: list[str] = []
            nulls = numbers = 0
            for item in value:
                if isinstance(item, str):
                    words.append(item)
                elif item is None:
                    nulls += 1
                elif isinstance(item, (int, float)) and not isinstance(item, bool):
                    numbers += 1
                    words.append(_number_text(item))
                else:
                    self.problems.add(
                        "field_wrong_type",
                        rel,
                        label,
                        key,
                        target=record,
                        expected="a list of words",
                        found=f"a list holding {_kind(item)}",
                    )
                    return None
            if nulls:
                self.problems.add("word_list_nulls", rel, label, key, count=nulls)
            if numbers:
                self.problems.add(
                    "field_converted", rel, label, key, found="a list holding numbers", expected="a list of words"
                )
            return words
        self.problems.add(
            "field_wrong_type", rel, label, key, target=record, expected="text or a list of words", found=_kind(value)
        )
        return None

    def assign_ids(self, records: list[ProfileRecord], rel: str) -> None:
        usable = [r for r in records if r.name is not None and r.name.strip()]
        ids = contract.assign_profile_ids([r.name for r in usable], [r.legacy_id for r in usable])
        first_by_name: dict[str, ProfileRecord] = {}
        first_by_id: dict[str, ProfileRecord] = {}
        for record, pid in zip(usable, ids, strict=True):
            record.id = pid
            assert record.name is not None
            norm = contract.normalize_token(record.name)
            if norm in first_by_name:
                self.problems.add(
                    "profile_duplicate_name",
                    rel,
                    record.label,
                    "name",
                    target=record,
                    name=_short(record.name),
                    first=first_by_name[norm].label,
                )
            else:
                first_by_name[norm] = record
            if record.legacy_id is not None:
                if record.legacy_id in first_by_id:
                    self.problems.add(
                        "profile_duplicate_id",
                        rel,
                        record.label,
                        "id",
                        target=record,
                        id=_short(record.legacy_id),
                        first=first_by_id[record.legacy_id].label,
                    )
                else:
                    first_by_id[record.legacy_id] = record

    # -- cards

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
                self.problems.add("record_not_object", rel, _label(index, None), found=_kind(raw))
                continue
            clean, dropped = contract.strip_secrets(raw)
            assert isinstance(clean, dict)
            legacy_id = _record_id(clean.get("id"))
            label = _label(index, legacy_id)
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
            self.problems.add("card_no_type", rel, count=len(no_type), records=_examples(no_type))
        if unknown_types:
            names = list(dict.fromkeys(_short(t, 30) for t in unknown_types))
            self.problems.add("card_unknown_type", rel, count=len(unknown_types), types=", ".join(names[:EXAMPLES]))
        if unknown_statuses:
            names = list(dict.fromkeys(f'"{_short(t, 30)}"' for t in unknown_statuses))
            self.problems.add("card_unknown_status", rel, count=len(unknown_statuses), statuses=_examples(names))
        if choose_needed and unowned:
            self.problems.add("cards_need_profile", rel, count=unowned)
        self.secrets(rel, secret_paths)
        return records

    def record_key(
        self,
        legacy_id: str | None,
        clean: dict,
        index: int,
        label: str,
        rel: str,
        first_by_id: dict[str, str],
        no_id: list[str],
    ) -> str:
        if legacy_id is None:
            no_id.append(label)
            return _content_key(clean) or f"index:{index}"
        if legacy_id in first_by_id:
            self.problems.add(
                "duplicate_record_id", rel, label, "id", id=_short(legacy_id), first=first_by_id[legacy_id]
            )
        else:
            first_by_id[legacy_id] = label
        return legacy_id

    def summaries(self, rel: str, naive: int, no_id: list[str]) -> None:
        if naive:
            self.problems.add("timestamps_naive", rel, count=naive, zone=contract.timezone_label(self.tz))
        if no_id:
            self.problems.add("no_id", rel, count=len(no_id), records=_examples(no_id))

    # -- chat

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
                add("record_not_object", rel, _label(index, None), found=_kind(raw))
                continue
            clean, dropped = contract.strip_secrets(raw)
            assert isinstance(clean, dict)
            legacy_id = _record_id(clean.get("id"))
            label = _label(index, legacy_id)
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
                add("chat_unknown_role", rel, label, "role", role=_short(role, 30))
            if not isinstance(content, str):
                add("chat_no_content", rel, label, "content", target=record, found=_kind(content))
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
                    found=_kind(mentions),
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
            self.problems.add("chat_unknown_mentions", rel, count=unknown_count, example=_short(unknown[0], 40))
        if several:
            self.problems.add("chat_several_mentions", rel, count=len(several), records=_examples(several))
        if unattributed:
            self.problems.add("chat_needs_profile", rel, count=len(unattributed), records=_examples(unattributed))
        self.progress(len(records), len(records), "Matching chat messages to profiles")


def _record_id(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def read_legacy(
    path: str | os.PathLike[str],
    assume_tz: str | tzinfo | None = None,
    assign_to: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> LegacyReadResult:
    """Read the legacy data under `path` into typed records and problems; never modifies the files.

    `assume_tz`: the zone naive timestamps are read in (IANA name, ``+08:00`` or a tzinfo; default: this
    computer's zone; ValueError if it is not a zone).  `assign_to`: the profile (id, slug or name) that cards
    and otherwise unattributed chat go to.  `progress(done, total, stage_text)` is called per stage and per
    batch of records (done/total count within the stage); `cancel()` is checked between batches and raises
    Cancelled.  Raises LegacySourceError only when no child_profiles.json is found.
    """
    tz = contract.parse_timezone(assume_tz) if assume_tz is not None else contract.local_timezone()
    files = find_legacy_files(path)
    reader = _Reader(files, tz, assign_to, progress, cancel)
    reader.progress(0, 1, "Finding the files")
    for side in files.side_files:
        reader.problems.add("side_file", side.relpath, what=_SIDE_FILE_WHAT[side.kind])

    profiles = reader.read_profiles()
    profiles_rel = files.relpath(files.profiles)
    keys = [ProfileKey.of(p.id, p.name) for p in profiles if p.id is not None and p.name is not None]
    assign_to_id: str | None = None
    if assign_to is not None:
        candidates = contract.profile_candidates(assign_to, keys)
        if len(candidates) == 1:
            assign_to_id = candidates[0].id
        elif candidates:
            reader.problems.add(
                "assign_to_ambiguous",
                profiles_rel,
                name=_short(str(assign_to)),
                candidates=", ".join(f'"{_short(k.name)}"' for k in candidates),
            )
        else:
            reader.problems.add("assign_to_unknown", profiles_rel, name=_short(str(assign_to)))
    owner = contract.card_owner([k.id for k in keys], assign_to_id)
    cards = reader.read_cards(owner, choose_needed=owner is None, known_ids={k.id for k in keys})
    chats = reader.read_chat(keys, assign_to_id)

    counts = {
        "profiles": len(profiles),
        "zh": sum(len(p.zh) for p in profiles),
        "en": sum(len(p.en) for p in profiles),
        "grammar": sum(len(p.grammar) for p in profiles),
        "cards": len(cards),
        "chat": len(chats),
        "duplicates_dropped": sum(len(v) for p in profiles for v in p.dropped_duplicates.values()),
        "invalid": sum(1 for r in (*profiles, *cards, *chats) if not r.valid),
    }
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
        assumed_zone=contract.timezone_label(tz),
        assign_to_id=assign_to_id,
    )

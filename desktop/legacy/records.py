"""What reading the legacy files yields: the file names and fields of the format, and the typed records."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any

from desktop import services
from desktop.legacy.problems import Problem
from desktop.store.schema import COLUMNS

PROFILES_FILE = "child_profiles.json"

CARDS_FILE = "approved_cards.json"

CHAT_FILE = "chat_history.json"

KNOWN_CARD_TYPES = ("basic", "basic_reverse", "cloze", "interactive_cloze")

KNOWN_ROLES = ("user", "assistant")

TEXT_COLUMNS = ("dob", *services.PROFILE_TEXT_FIELDS)

LIST_COLUMNS = ("interests", "character_roster")

#: The profile columns a record carries as read (the id, name and stamps are the importer's), in table order.
PROFILE_COLUMNS = tuple(
    c for c in COLUMNS["profiles"] if c not in ("id", "name", "created_at", "updated_at", "extra", "version")
)

WORD_FIELDS = (("zh", "mastered_words"), ("en", "mastered_english_words"), ("grammar", "mastered_grammar"))

KNOWN_PROFILE_KEYS = frozenset(("id", "name", *PROFILE_COLUMNS, *(f for _, f in WORD_FIELDS)))

CHAT_KEYS = frozenset(("id", "role", "content", "timestamp", "mentions"))

MAX_DEPTH = 100  # deeper records cannot be stored and read back safely (json recursion limits)

BATCH = 50  # records between progress reports / cancel checks

#: Ids, words, grammar URIs and legacy ids are indexed; an index entry over ~2.7 KB is refused by PostgreSQL, so
#: longer values are refused on every engine (a ledger can always move to a server).
MAX_KEY_BYTES = 1000


def too_long(values: Iterable[Any]) -> str | None:
    """The first value longer than MAX_KEY_BYTES in UTF-8 (a cheap length test first: at most 4 bytes a char)."""
    for value in values:
        if isinstance(value, str) and len(value) * 4 > MAX_KEY_BYTES and len(value.encode("utf-8")) > MAX_KEY_BYTES:
            return value
    return None


def has_nul(values: Iterable[Any]) -> bool:
    return any(isinstance(v, str) and "\x00" in v for v in values)


#: Kinds of unusual word (contract.dirty_word_kind) reported together as "underscores or unusual characters".
ODD_WORD_KINDS = frozenset(("underscore", "broken", "line_break", "control", "invisible", "space"))


def relpath(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, root)).as_posix()


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
        return relpath(path, self.source_root)


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
    #: Set when the record was made light (a migration's first pass): how many words of each kind, and what of them
    #: no database can store as it is, (field, problem code, the value too long); the words themselves are read
    #: again from the file when they are written.
    word_counts: dict[str, int] | None = None
    word_issues: list[tuple[str, str, str | None]] | None = None

    def count(self, kind: str) -> int:
        """How many words of ``kind`` (zh, en, grammar) the record holds."""
        return self.word_counts[kind] if self.word_counts is not None else len(getattr(self, kind))

    def storable_word_issues(self) -> list[tuple[str, str, str | None]]:
        if self.word_issues is not None:
            return self.word_issues
        issues: list[tuple[str, str, str | None]] = []
        for kind, field_name in WORD_FIELDS:
            words = getattr(self, kind)
            if has_nul(["".join(words)]):
                issues.append((field_name, "text_has_nul", None))
            long = too_long(words)
            if long is not None:
                issues.append((field_name, "value_too_long", long))
        return issues

    def lighten(self) -> None:
        """Keep what planning needs, not the words (counted, and checked for what cannot be stored)."""
        self.word_issues = self.storable_word_issues()
        self.word_counts = {kind: len(getattr(self, kind)) for kind, _ in WORD_FIELDS}
        self.zh, self.en, self.grammar = [], [], []
        self.dropped_duplicates = {k: [""] * len(v) for k, v in self.dropped_duplicates.items() if v}
        self.dirty_words = {}


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
    #: Set when the record was made light (a migration's first pass): the SHA-256 of its stored JSON, and whether
    #: its time was written without a zone; ``content`` is then read again from the file when it is written.
    content_sha: str | None = None
    time_assumed: bool = False
    content_json: str | None = None  # the stored JSON, once made (identity.card_json)


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
    exported_to: Any = None  # the child an exported message names (contract.OWNER_KEY), taken out of ``extra``
    #: Set when the record was made light (a migration's first pass): the digest of what it stores but its child and
    #: time (identity.chat_body_digest), whether its time was written without a zone, and whether its content holds
    #: a NUL; ``content``, ``mentions`` and ``extra`` are then read again from the file when it is written.
    body_sha: str | None = None
    time_assumed: bool = False
    content_nul: bool = False


@dataclass
class ReadContext:
    """How the files were read, so that a migration can read them again the same way (its second pass)."""

    files: LegacyFiles
    tz: tzinfo
    assign_to: str | None
    card_owner: str | None
    choose_needed: bool
    known_ids: set[str]


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
    context: ReadContext | None = None

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def problems_of(self, severity: str) -> list[Problem]:
        return [p for p in self.problems if p.severity == severity]

"""The pure rules of the importer contract (legacy-format.md §6).

Everything here is plain Python on plain values: no files, no Qt, no database.  `read.py` applies these rules
to the legacy files; the importer and its verification use the same functions, so "what the source means"
is decided in exactly one place.

Decisions on points the contract leaves open:

- Slugs and tokens: :mod:`desktop.text` (the base rules, shared with the app).
- Word lists written as JSON arrays: each array element is *one* token (the producer already split the list),
  normalised like a split token (NBSP → space, runs of spaces → one, strip, NFC).  An element that still holds a
  separator is kept whole and reported by `dirty_word_reason`.
- Grammar URIs are only stripped (never NFC-normalised, never case-folded): they must stay byte-exact.
- Time zones and timestamps: :mod:`desktop.legacy.timezones`; secrets: :mod:`desktop.legacy.secret_keys`.
- Source text quoted to a person (a problem message, the command line) goes through `show_text`, so terminal
  escape sequences, control characters and broken characters (lone surrogates) are shown escaped, never raw.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.text import normalize_token, slugify

#: Bidirectional overrides and isolates: shown raw they reorder the text around them ("Trojan source").
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape_char(ch: str) -> str:
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(_BIDI_CONTROLS)) + "]")


def show_text(text: object) -> str:
    r"""Source text as it may be shown to a person or printed to a terminal: control characters (escape codes
    included), broken characters (lone surrogates) and bidirectional overrides are written as escapes such as
    ``\x1b``, ``\n`` or ``\ud800``; everything else, Chinese included, is kept.  Backslashes are not doubled
    (this is for reading, not for parsing back).

    >>> print(show_text("Amy\x1b[2J\n测试"))
    Amy\x1b[2J\n测试
    """
    text = text if isinstance(text, str) else str(text)
    if text.isascii() and text.isprintable():
        return text
    return _UNSHOWABLE.sub(lambda m: _escape_char(m.group()), text)


def assign_profile_ids(names: Sequence[str | None], legacy_ids: Sequence[str | None] | None = None) -> list[str]:
    """Ids for the profiles of one file, in file order.

    A non-empty legacy id string is used as is (and reserved first, so a generated slug never takes it);
    otherwise the slug of the name, with ``-2``, ``-3`` … on a clash.  A missing/empty name gets ``profile``.
    Two names with one slug get ids that depend on the file's order, so an id says which record it is within
    this file only: the importer recognises a child by `name_key`, and gives a new child a free database id.
    """
    if legacy_ids is None:
        legacy_ids = [None] * len(names)
    if len(legacy_ids) != len(names):
        raise ValueError("names and legacy_ids must have the same length")
    taken: set[str] = {lid for lid in legacy_ids if isinstance(lid, str) and lid}
    seen_legacy: set[str] = set()
    result: list[str] = []
    for name, lid in zip(names, legacy_ids, strict=True):
        if isinstance(lid, str) and lid and lid not in seen_legacy:
            seen_legacy.add(lid)
            result.append(lid)
            continue
        base = slugify(name) if isinstance(name, str) and name.strip() else "profile"
        candidate = free_profile_id(base, taken)
        taken.add(candidate)
        result.append(candidate)
    return result


def name_key(name: str) -> str:
    """What identifies a child across sources and re-runs: the name as the contract normalises a token (NBSP →
    space, space runs → one, stripped, NFC) — never the derived slug, which two names can share ("A B", "a-b")
    and which depends on the file's order."""
    return normalize_token(name)


def free_profile_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3`` … whichever ``taken`` does not hold yet."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def record_digest(*parts: object) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of a normalised record's parts: two records
    are the same record exactly when their digests are equal. The importer builds it from a parsed source record
    and from a stored row (or an audit row) the same way, so "already imported" and "verified" compare content."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_ZH_SEPARATORS = re.compile(r"[,，、;；\s]+")

_EN_SEPARATORS = re.compile(r"[,，;；]+")

_COMMA = re.compile(",")


def _dedupe(tokens: list[str]) -> tuple[list[str], list[str]]:
    kept = dict.fromkeys(tokens)  # first occurrence kept, in order (at C speed: a child has thousands of words)
    kept.pop("", None)
    if len(kept) + tokens.count("") == len(tokens):
        return list(kept), []
    dropped: list[str] = []
    seen: set[str] = set()
    for token in tokens:
        if not token:
            continue
        if token in seen:
            dropped.append(token)
        else:
            seen.add(token)
    return list(kept), dropped


def _pieces(value: str | Sequence[str] | None, separators: re.Pattern[str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return separators.split(value)
    if isinstance(value, (list, tuple)):
        for item in value:
            if not isinstance(item, str):
                raise TypeError(f"a word list may only hold text, not {type(item).__name__}")
        return list(value)  # an array element is one token
    raise TypeError(f"a word list must be text or a list of text, not {type(value).__name__}")


def _nfc(value: str | Sequence[str] | None) -> bool:
    """Text already in NFC. Cutting NFC text at a separator (a comma, a space) leaves NFC pieces (checked for every
    separator against every combining or decomposable character), so its words need no normalising one by one."""
    return isinstance(value, str) and unicodedata.is_normalized("NFC", value)


def split_zh(value: str | Sequence[str] | None) -> tuple[list[str], list[str]]:
    """Chinese words: split on ``[,，、;；\\s]+``, normalise, drop empties and exact duplicates (first kept).

    Returns ``(kept in source order, dropped duplicates in the order met)``.
    """
    pieces = _pieces(value, _ZH_SEPARATORS)
    if _nfc(value):  # pieces cut at whitespace (NBSP included) hold none: NFC is all normalising would do
        return _dedupe(pieces)
    return _dedupe(list(map(normalize_token, pieces)))


def split_en(value: str | Sequence[str] | None) -> tuple[list[str], list[str]]:
    """English words: split on ``[,，;；]+`` (phrases keep their spaces), then as `split_zh`."""
    pieces = _pieces(value, _EN_SEPARATORS)
    if not _nfc(value):
        return _dedupe(list(map(normalize_token, pieces)))
    assert isinstance(value, str)
    if "\u00a0" not in value and "  " not in value:
        return _dedupe(list(map(str.strip, pieces)))
    return _dedupe([normalize_token(p) if "\u00a0" in p or "  " in p else p.strip() for p in pieces])


def split_grammar(value: str | Sequence[str] | None) -> tuple[list[str], list[str]]:
    """Grammar-point URIs: split on ``,``, strip, otherwise byte-exact (no NFC); duplicates dropped."""
    return _dedupe(list(map(str.strip, _pieces(value, _COMMA))))


_HTML = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?\s*>|&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")

_ZH_SEPARATOR_INSIDE = re.compile(r"[,，、;；]")

_EN_SEPARATOR_INSIDE = re.compile(r"[,，;；]")

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")

_LONG_WORD = 50

#: Letters and digits only (any script, no underscore), short: nothing below could object to such a word.
_PLAIN_WORD = re.compile(rf"[^\W_]{{1,{_LONG_WORD}}}")

#: What each kind of unusual word looks like, as a phrase after the word ("… "x" contains HTML markup").
DIRTY_WORD_REASONS = {
    "not_uri": "does not look like a grammar-point address",
    "html": "contains HTML markup",
    "broken": "contains a broken character (�)",
    "line_break": "contains a tab or line break",
    "control": "contains an invisible control character",
    "invisible": "contains an invisible or unusual character",
    "space": "contains an unusual space",
    "separator": "contains a list separator, so it may be several words",
    "underscore": "looks like a label rather than a word (it contains _)",
    "long": "is unusually long",
}


def dirty_word_kind(word: str, lang: str) -> str | None:
    """Which kind of unclean a stored word looks (a key of DIRTY_WORD_REASONS), or None.  Words are reported,
    never changed.  `lang` is ``"zh"``, ``"en"`` or ``"grammar"``.
    """
    if lang == "grammar":
        return None if _URI.match(word) else "not_uri"
    if _PLAIN_WORD.fullmatch(word):
        return None  # the common case, decided without looking at each character
    if _HTML.search(word):
        return "html"
    for ch in word:
        if ch == "\ufffd":
            return "broken"
        category = unicodedata.category(ch)
        if category == "Cc":
            return "line_break" if ch in "\t\n\r" else "control"
        if category in ("Cf", "Co", "Cs", "Cn"):
            return "invisible"
        if category in ("Zs", "Zl", "Zp") and ch != " ":
            return "space"
    separators = _ZH_SEPARATOR_INSIDE if lang == "zh" else _EN_SEPARATOR_INSIDE
    if separators.search(word) or (lang == "zh" and " " in word):
        return "separator"
    if lang == "en" and "_" in word:
        return "underscore"
    if len(word) > _LONG_WORD:
        return "long"
    return None


def dirty_words(words: list[str], lang: str) -> list[tuple[str, str]]:
    """(word, kind) of each unclean word of a list (see `dirty_word_kind`), in order."""
    suspects = words if lang == "grammar" else [w for w in words if not _PLAIN_WORD.fullmatch(w)]
    return [(w, k) for w in suspects if (k := dirty_word_kind(w, lang)) is not None]


def dirty_word_reason(word: str, lang: str) -> str | None:
    """Why a stored word looks unclean (a plain-English phrase, see `dirty_word_kind`), or None."""
    kind = dirty_word_kind(word, lang)
    return None if kind is None else DIRTY_WORD_REASONS[kind]


def nbsp_words(value: str | Sequence[str] | None, lang: str) -> list[str]:
    """The stored words (after normalising) whose source held a non-breaking space, which `normalize_token`
    turned into a plain one (or removed at either end); in source order, each once.

    Chinese text splits on any whitespace, NBSP included, so only an array element keeps one; grammar URIs are
    byte-exact (an NBSP inside one is reported by `dirty_word_kind` instead).
    """
    if lang == "grammar" or value is None or (isinstance(value, str) and "\u00a0" not in value):
        return []
    pieces = _pieces(value, _ZH_SEPARATORS if lang == "zh" else _EN_SEPARATORS)
    found = (normalize_token(p) for p in pieces if "\u00a0" in p)
    return [w for w in dict.fromkeys(found) if w]


#: The key an exported card or chat message carries to name its child (the legacy format has none; the old app
#: ignores unknown keys). The reader honours it first and removes it from the stored record.
OWNER_KEY = "_ledger_profile_id"

ATTR_EXPORTED = "exported"

ATTR_MENTIONS = "mentions"

ATTR_CONTENT_TOKEN = "content_token"

ATTR_REPLY = "reply"

ATTR_ASSIGN_TO = "assign_to"

ATTR_ONLY_PROFILE = "only_profile"

ATTR_UNATTRIBUTED = "unattributed"


@dataclass(frozen=True)
class ProfileKey:
    """What a chat message or the user's choice may call a profile by: its id, its slug, its name (``key`` is the
    name as `name_key` normalises it)."""

    id: str
    name: str
    slug: str
    key: str = ""

    @classmethod
    def of(cls, profile_id: str, name: str) -> ProfileKey:
        return cls(profile_id, name, slugify(name), name_key(name))


def _loose(text: str) -> str:
    return slugify(text).casefold()


def profile_candidates(ref: object, profiles: Sequence[ProfileKey]) -> list[ProfileKey]:
    """The profiles `ref` may name, from the strongest evidence down, stopping at the first that finds any: the
    name itself, then the id, then the slug, then ignoring case and spacing. The name comes first because it is
    what the user knows a child by ("a-b" is the child called "a-b", even when "A B" got the id ``a-b``); more
    than one candidate means `ref` is ambiguous and nobody may be guessed."""
    if not isinstance(ref, str) or not ref.strip():
        return []
    key, loose = name_key(ref), _loose(ref)
    tests: tuple[Callable[[ProfileKey], bool], ...] = (
        lambda p: (p.key or name_key(p.name)) == key,
        lambda p: p.id == ref,
        lambda p: p.slug == ref,
        lambda p: loose in (_loose(p.name), _loose(p.id)),
    )
    for test in tests:
        found = [p for p in profiles if test(p)]
        if found:
            return found
    return []


def resolve_profile(ref: object, profiles: Sequence[ProfileKey]) -> str | None:
    """The id of the one profile `ref` names (see `profile_candidates`), or None when it names none or several."""
    found = profile_candidates(ref, profiles)
    return found[0].id if len(found) == 1 else None


_PROFILE_TOKEN = re.compile(r"@profile:(\S+)")


def _resolve_token(token: str, profiles: Sequence[ProfileKey]) -> str | None:
    found = resolve_profile(token, profiles)
    if found is not None:
        return found
    # Trailing punctuation glued to the token ("@profile:amy,"): the longest profile key the token starts
    # with, if what follows cannot be part of a slug.
    best: tuple[int, str] | None = None
    loose_token = _loose(token)
    for p in profiles:
        for key in {p.id, p.slug, _loose(p.id), _loose(p.slug)}:
            for candidate in (token, loose_token):
                if key and candidate.startswith(key) and len(candidate) > len(key):
                    follower = candidate[len(key)]
                    if not (follower.isalnum() or follower in "-_") and (best is None or len(key) > best[0]):
                        best = (len(key), p.id)
    return best[1] if best else None


@dataclass(frozen=True)
class ChatFacts:
    """What attribution needs to know of one chat message."""

    role: object
    content: object
    mentions: Sequence[object] = ()


@dataclass(frozen=True)
class ChatAttribution:
    """Where one message goes and by which rule; `unknown_mentions`/`several_mentioned` feed the warnings."""

    profile_id: str | None
    rule: str
    unknown_mentions: tuple[str, ...] = ()
    several_mentioned: bool = False


def attribute_chats(
    messages: Sequence[ChatFacts], profiles: Sequence[ProfileKey], assign_to: str | None = None
) -> list[ChatAttribution]:
    """The contract's attribution, in order: (1) `mentions` naming a profile (the first one that does);
    (2) an ``@profile:<slug>`` token in the content (the first that names a profile); (3) an assistant reply
    goes with the nearest preceding user message in file order; (4) `assign_to` (a profile id), or the only
    profile when there is exactly one (choosing among one is no guess, §6: "with several profiles and nothing
    picked, the importer stops and asks"); else unattributed — never a guess.
    """
    result: list[ChatAttribution] = []
    last_user_profile: str | None = None
    seen_user = False
    for message in messages:
        unknown: list[str] = []
        named: list[str] = []
        for mention in message.mentions or ():
            pid = resolve_profile(mention, profiles)
            if pid is None:
                if isinstance(mention, str):
                    unknown.append(mention)
            elif pid not in named:
                named.append(pid)
        profile_id: str | None = None
        rule = ATTR_UNATTRIBUTED
        if named:
            profile_id, rule = named[0], ATTR_MENTIONS
        elif isinstance(message.content, str) and "@profile:" in message.content:
            for token in _PROFILE_TOKEN.findall(message.content):
                pid = _resolve_token(token, profiles)
                if pid is not None:
                    profile_id, rule = pid, ATTR_CONTENT_TOKEN
                    break
        if profile_id is None and message.role == "assistant" and seen_user and last_user_profile is not None:
            profile_id, rule = last_user_profile, ATTR_REPLY
        if profile_id is None and assign_to is not None:
            profile_id, rule = assign_to, ATTR_ASSIGN_TO
        if profile_id is None and len(profiles) == 1:
            profile_id, rule = profiles[0].id, ATTR_ONLY_PROFILE
        if message.role == "user":
            seen_user = True
            last_user_profile = profile_id
        result.append(ChatAttribution(profile_id, rule, tuple(unknown), len(named) > 1))
    return result


def card_owner(profile_ids: Sequence[str], assign_to: str | None) -> str | None:
    """Cards name no profile: they go to `assign_to`, or to the only profile; otherwise someone must choose."""
    if assign_to is not None:
        return assign_to
    if len(profile_ids) == 1:
        return profile_ids[0]
    return None

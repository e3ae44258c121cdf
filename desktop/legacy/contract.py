"""The pure rules of the importer contract (legacy-format.md §6).

Everything here is plain Python on plain values: no files, no Qt, no database.  `read.py` applies these rules
to the legacy files; the importer and its verification use the same functions, so "what the source means"
is decided in exactly one place.

Decisions on points the contract leaves open:

- Slugs are NFC-normalised and stripped before the contract's rule (lower-case, whitespace runs → ``-``), so
  a name typed with decomposed accents or a stray trailing space keeps the same id.
- Word lists written as JSON arrays: each array element is *one* token (the producer already split the list),
  normalised like a split token (NBSP → space, runs of spaces → one, strip, NFC).  An element that still holds a
  separator is kept whole and reported by `dirty_word_reason`.
- Grammar URIs are only stripped (never NFC-normalised, never case-folded): they must stay byte-exact.
- Timestamps: more than six fraction digits are truncated to microseconds (the old app wrote at most six).
- Secrets are recognised by key name only (see `is_secret_key`); values are never inspected or reported.
  Borderline names, decided: ``key``, ``keyword(s)``, ``monkey``, ``public_key``, ``sort_key``, ``author``,
  ``private_notes``, ``passive_language_level``, ``sessions``, ``max_tokens`` / ``prompt_tokens`` (token
  *counts*) are kept; ``session`` alone, ``pass``, ``pwd``, ``auth`` / ``oauth`` and any ``…_key`` qualified by
  another word (``openaiKey``, ``license_key``) are dropped — losing a value is reported, leaking one is not
  undoable.
- Source text quoted to a person (a problem message, the command line) goes through `show_text`, so terminal
  escape sequences, control characters and broken characters (lone surrogates) are shown escaped, never raw.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "ATTR_ASSIGN_TO",
    "ATTR_CONTENT_TOKEN",
    "ATTR_MENTIONS",
    "ATTR_ONLY_PROFILE",
    "ATTR_REPLY",
    "ATTR_UNATTRIBUTED",
    "ChatAttribution",
    "ChatFacts",
    "ProfileKey",
    "assign_profile_ids",
    "attribute_chats",
    "card_owner",
    "DIRTY_WORD_REASONS",
    "dirty_word_kind",
    "dirty_word_reason",
    "is_secret_key",
    "nbsp_words",
    "local_timezone",
    "free_profile_id",
    "name_key",
    "normalize_token",
    "parse_timezone",
    "profile_candidates",
    "record_digest",
    "resolve_profile",
    "show_text",
    "slugify",
    "split_en",
    "split_grammar",
    "split_zh",
    "strip_secrets",
    "timezone_label",
    "to_utc_iso",
]

# ------------------------------------------------------------------------------------------------ showing source

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


# --------------------------------------------------------------------------------------------------- slugs / ids

_WHITESPACE_RUN = re.compile(r"\s+")


def slugify(name: str) -> str:
    """The contract's slug: NFC, stripped, lower-cased, whitespace runs → ``-``; CJK and punctuation kept.

    >>> slugify("Test Child 1 (测试孩子1）")
    'test-child-1-(测试孩子1）'
    """
    text = unicodedata.normalize("NFC", name).strip().lower()
    return _WHITESPACE_RUN.sub("-", text)


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


# ----------------------------------------------------------------------------------------------------- word lists

_ZH_SEPARATORS = re.compile(r"[,，、;；\s]+")
_EN_SEPARATORS = re.compile(r"[,，;；]+")
_SPACE_RUN = re.compile(r" {2,}")


def normalize_token(token: str) -> str:
    """One word as the contract stores it: NBSP → space, runs of spaces → one, strip, Unicode NFC."""
    if (
        "\u00a0" not in token
        and "  " not in token
        and token == token.strip()
        and unicodedata.is_normalized("NFC", token)
    ):
        return token  # already as stored (most words): the same result without the rewriting
    token = _SPACE_RUN.sub(" ", token.replace("\u00a0", " ")).strip()
    return unicodedata.normalize("NFC", token)


def _dedupe(tokens: Iterable[str]) -> tuple[list[str], list[str]]:
    kept: list[str] = []
    dropped: list[str] = []
    seen: set[str] = set()
    for token in tokens:
        if not token:
            continue
        if token in seen:
            dropped.append(token)
        else:
            seen.add(token)
            kept.append(token)
    return kept, dropped


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


def split_zh(value: str | Sequence[str] | None) -> tuple[list[str], list[str]]:
    """Chinese words: split on ``[,，、;；\\s]+``, normalise, drop empties and exact duplicates (first kept).

    Returns ``(kept in source order, dropped duplicates in the order met)``.
    """
    return _dedupe(normalize_token(p) for p in _pieces(value, _ZH_SEPARATORS))


def split_en(value: str | Sequence[str] | None) -> tuple[list[str], list[str]]:
    """English words: split on ``[,，;；]+`` (phrases keep their spaces), then as `split_zh`."""
    return _dedupe(normalize_token(p) for p in _pieces(value, _EN_SEPARATORS))


def split_grammar(value: str | Sequence[str] | None) -> tuple[list[str], list[str]]:
    """Grammar-point URIs: split on ``,``, strip, otherwise byte-exact (no NFC); duplicates dropped."""
    return _dedupe(p.strip() for p in _pieces(value, re.compile(",")))


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
    if lang == "grammar" or value is None:
        return []
    pieces = _pieces(value, _ZH_SEPARATORS if lang == "zh" else _EN_SEPARATORS)
    found = (normalize_token(p) for p in pieces if "\u00a0" in p)
    return [w for w in dict.fromkeys(found) if w]


# ----------------------------------------------------------------------------------------------------- time zones

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def parse_timezone(spec: str | tzinfo) -> tzinfo:
    """An IANA zone name (``Asia/Shanghai``), ``UTC``/``Z``, or a fixed offset (``+08:00``, ``-0530``, ``+8``).

    Raises ValueError with a plain message for anything else.
    """
    if isinstance(spec, tzinfo):
        return spec
    if not isinstance(spec, str):
        raise ValueError("A time zone must be written as text, such as +08:00 or Asia/Shanghai.")
    text = spec.strip()
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    match = _OFFSET.match(text)
    if match:
        sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
        if minutes >= 60 or hours > 18:
            raise ValueError(f"{spec!r} is not a valid time-zone offset.")
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(-delta if sign == "-" else delta) if delta else UTC
    if text and ".." not in text and not text.startswith("/"):
        try:
            return ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise ValueError(f"{spec!r} is not a time zone this app knows (try +08:00 or a name such as Asia/Shanghai).")


def _zone_from_key(key: str) -> tzinfo | None:
    key = key.strip().lstrip(":")
    for prefix in ("posix/", "right/"):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    if not key or key.startswith("/") or ".." in key:
        return None
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def local_timezone() -> tzinfo:
    """The computer's time zone, as an IANA zone when one can be found (so DST is right for past dates).

    Tries ``$TZ``, the ``/etc/localtime`` symlink, ``/etc/timezone``; falls back to the current fixed offset.
    """
    env = os.environ.get("TZ")
    if env:
        zone = _zone_from_key(env)
        if zone is not None:
            return zone
    try:
        target = os.path.realpath("/etc/localtime")
        marker = "zoneinfo/"
        if marker in target:
            zone = _zone_from_key(target.split(marker, 1)[1])
            if zone is not None:
                return zone
    except OSError:
        pass
    try:
        zone = _zone_from_key(Path("/etc/timezone").read_text(encoding="utf-8").split()[0])
        if zone is not None:
            return zone
    except (OSError, IndexError, UnicodeDecodeError):
        pass
    current = datetime.now().astimezone().tzinfo
    offset = current.utcoffset(None) if current is not None else None
    return timezone(offset) if offset else UTC


def timezone_label(tz: tzinfo) -> str:
    """A short name for a zone: the IANA key, ``UTC``, or ``+08:00``."""
    if isinstance(tz, ZoneInfo):
        return tz.key
    offset = tz.utcoffset(None)
    if offset is None:
        return str(tz)
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


_TIMESTAMP = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?\s*$"
)


def to_utc_iso(text: str, assume_tz: tzinfo | str | None = None) -> tuple[str, bool]:
    """Read a legacy timestamp and return ``(UTC text, was_naive)``.

    Accepts ``2025-03-01 09:00:00.123456``, ``2025-03-01T01:00:00.123456+00:00``, ``…T09:00:00``, ``Z``,
    with or without a fraction.  A timestamp without a zone is read in `assume_tz` (default: the computer's).
    The result is always ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00``, so text order equals time order.
    Raises ValueError with a plain message on anything else.
    """
    if not isinstance(text, str):
        raise ValueError("The time is not written as text.")
    match = _TIMESTAMP.match(text)
    if not match:
        raise ValueError("It is not a date and time in a form this app knows.")
    year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
    second = int(match.group(6) or 0)
    micro = int((match.group(7) or "0").ljust(6, "0")[:6])
    zone_text = match.group(8)
    try:
        if zone_text is None:
            tz = parse_timezone(assume_tz) if assume_tz is not None else local_timezone()
            naive = True
        else:
            tz = parse_timezone(zone_text)
            naive = False
        moment = datetime(year, month, day, hour, minute, second, micro, tzinfo=tz).astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise ValueError("It is not a real date and time.") from exc
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:{moment.minute:02d}:"
        f"{moment.second:02d}.{moment.microsecond:06d}+00:00",
        naive,
    )


# -------------------------------------------------------------------------------------------------------- secrets

#: A word (of a key split at case changes, ``_``, ``-``, ``.`` and spaces) that makes the whole key a secret.
_SECRET_WORDS = frozenset(
    (
        "pwd",
        "auth",
        "oauth",
        "authorization",
        "authentication",
        "bearer",
        "cookies",
        "credential",
        "credentials",
        "creds",
        "jwt",
        "passwords",
    )
)
#: A word ending so is a secret, alone or run together (``clientsecret``, ``dbpassword``, ``openaiapikey``).
_SECRET_ENDINGS = (
    "password",
    "passwd",
    "passcode",
    "passphrase",
    "secret",
    "secrets",
    "apikey",
    "apikeys",
    "privatekey",
    "secretkey",
    "accesskey",
    "sessionid",
    "cookie",
)
#: Token words (``token``, ``accessToken``, ``tokens``) are secrets unless the key counts tokens.
_TOKEN_ENDINGS = ("token", "tokens")
#: Whole keys that are secrets only on their own: ``session`` (not ``sessions`` nor ``session_count``), ``pass``.
_SECRET_ALONE = frozenset(("session", "pass", "sid"))
#: A ``session`` key naming one of these is a secret: ``session_id``, ``sessionToken``, ``session_key``.
_SESSION_PARTS = frozenset(("id", "key", "token", "cookie", "secret"))
#: With one of these words, ``token(s)`` counts tokens (an AI model's usage), it is no credential.
_TOKEN_COUNT_WORDS = frozenset(
    (
        "max",
        "min",
        "count",
        "counts",
        "total",
        "prompt",
        "completion",
        "used",
        "usage",
        "limit",
        "num",
        "number",
        "input",
        "output",
        "remaining",
        "budget",
        "cached",
        "reasoning",
        "estimated",
        "per",
    )
)
#: The same run together: ``maxtokens``, ``totaltokens``.
_TOKEN_COUNT_PREFIXES = ("max", "min", "total", "num", "prompt", "completion")
#: ``<word> key`` is a credential (``openaiKey``, ``license_key``, ``private_key_pem``) unless the word is one of
#: these, naming an ordinary key: a sort key, a primary key, a public key, a musical key…
_PLAIN_KEY_WORDS = frozenset(
    (
        "sort",
        "primary",
        "foreign",
        "unique",
        "cache",
        "lookup",
        "partition",
        "row",
        "index",
        "map",
        "dict",
        "group",
        "hot",
        "short",
        "shortcut",
        "music",
        "musical",
        "idempotency",
        "react",
        "translation",
        "i18n",
        "public",
        "natural",
        "composite",
        "field",
        "note",
        "deck",
        "model",
        "card",
        "answer",
        "question",
        "id",
    )
)
_KEY_WORDS = frozenset(
    (
        "sort",
        "primary",
        "foreign",
        "unique",
        "cache",
        "lookup",
        "partition",
        "row",
        "index",
        "map",
        "dict",
        "group",
        "hot",
        "short",
        "shortcut",
        "music",
        "musical",
        "idempotency",
        "react",
        "translation",
        "i18n",
        "public",
        "natural",
        "composite",
        "field",
        "note",
        "deck",
        "model",
        "card",
        "answer",
        "question",
        "id",
    )
)
_KEY_WORDS = frozenset(("key", "keys"))
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W\d_]+")


def _key_words(key: str) -> list[str]:
    """``OPENAI_API_KEY`` → openai, api, key; ``sessionToken`` → session, token; ``x-api-key`` → x, api, key."""
    return [w.lower() for w in _CAMEL.findall(key)]


def is_secret_key(key: object) -> bool:
    """True for key names that hold credentials: apiKey, openaiKey, access_token, tokens, client_secret, pwd,
    passcode, session_id, cookie, authorization, private_key_pem, aws_secret_access_key, x-api-key…

    The key is split into words; ``max_tokens``, ``keywords``, ``monkey``, ``author``, ``passive_language_level``
    and ``private_notes`` are not secrets (see the module's decisions for the borderline names).
    """
    if not isinstance(key, str):
        return False
    words = _key_words(key)
    if not words:
        return False
    joined = "".join(words)
    if joined in _SECRET_ALONE:
        return True
    counting = any(
        w in _TOKEN_COUNT_WORDS or (w.startswith(_TOKEN_COUNT_PREFIXES) and w.endswith(_TOKEN_ENDINGS)) for w in words
    )
    for i, word in enumerate(words):
        if word.endswith(_TOKEN_ENDINGS):
            if not counting:
                return True
            continue
        if word in _SECRET_WORDS or word.endswith(_SECRET_ENDINGS):
            return True
        if word == "session" and any(w in _SESSION_PARTS for w in words[i + 1 :]):
            return True
        if word in _KEY_WORDS and i > 0 and words[i - 1] not in _PLAIN_KEY_WORDS:
            return True
    return False


def _path_text(node: tuple | None) -> str:
    parts: list[str] = []
    while node is not None:
        node, step = node
        parts.append(f"[{step}]" if isinstance(step, int) else f".{step}")
    return "".join(reversed(parts)).lstrip(".")


def strip_secrets(obj: object) -> tuple[object, list[str]]:
    """A copy of `obj` without secret keys (anywhere in nested dicts/lists), and the paths removed.

    Paths look like ``config.apiKey`` or ``items[2].token``; they never contain the value.  Key order is kept.
    Works iteratively, so any nesting depth is safe.
    """
    dropped: list[str] = []
    holder: list[object] = [None]
    # (source value, container to write into, slot in that container, path node as (parent node, step))
    stack: list[tuple[object, object, object, tuple | None]] = [(obj, holder, 0, None)]
    while stack:
        value, parent, slot, path = stack.pop()
        if isinstance(value, dict):
            copy: dict = {}
            parent[slot] = copy  # type: ignore[index]
            for key, item in value.items():
                if is_secret_key(key):
                    dropped.append(_path_text((path, key)))
                    continue
                copy[key] = None  # placeholder keeps the key order
                stack.append((item, copy, key, (path, key)))
        elif isinstance(value, list):
            copy_list: list = [None] * len(value)
            parent[slot] = copy_list  # type: ignore[index]
            for index, item in enumerate(value):
                stack.append((item, copy_list, index, (path, index)))
        else:
            parent[slot] = value  # type: ignore[index]
    return holder[0], dropped


# ---------------------------------------------------------------------------------------------------- attribution

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
    key = name_key(ref)
    tests = (
        lambda p: (p.key or name_key(p.name)) == key,
        lambda p: p.id == ref,
        lambda p: p.slug == ref,
        lambda p: loose in (_loose(p.name), _loose(p.id)),
    )
    loose = _loose(ref)
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

"""Grammar points: the old app names each by an address (``http://srs4autism.com/instance/gp-a1-001-%E6%98%AF-
sentence``). Here: whether a text has that form, the readable name people see (``A1 · 是 sentence``), and the
points this database already knows (for picking one instead of typing its address). Qt-free.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from desktop.store import db

#: An address as the old app wrote them (``http://srs4autism.com/instance/gp-…``): a scheme, ``://``, and a path
#: without spaces, whose last part names the point.
LEGACY_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/]+(?:/[^\s/]+)*/?")
#: The last part of the old app's addresses: ``gp-<level>-<number>-<title>``.
_POINT = re.compile(r"gp-(?P<level>[A-Za-z]\d+)-(?P<number>\d+)-(?P<title>.+)", re.IGNORECASE)

#: How many known points :func:`known_points` offers at most (a database holds a few hundred).
KNOWN_LIMIT = 5000


def is_legacy_address(text: str | None) -> bool:
    """True when ``text`` (stripped) is an address of the old app's form (``http://host/…/point``): free text,
    or a bare name like ``gp-a1-001``, is not."""
    return isinstance(text, str) and LEGACY_ADDRESS.fullmatch(text.strip()) is not None


def grammar_name(uri: str | None) -> str:
    """The readable name of a grammar point: ``A1 · 是 sentence`` for ``…/gp-a1-001-%E6%98%AF-sentence``; the
    decoded last part of any other address (``gp-b``); the text itself if it is no address."""
    if not uri:
        return ""
    text = str(uri).strip()
    tail = text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    tail = unquote(tail) or text
    match = _POINT.fullmatch(tail)
    if match is None:
        return tail
    title = match.group("title").replace("-", " ").replace("_", " ").strip()
    return f"{match.group('level').upper()} · {title}"


def point_number(uri: str | None) -> int | None:
    """The number in the old app's address (``7`` for ``…/gp-a1-007-shi-sentence``), which tells apart two
    points with the same name; ``None`` for other addresses."""
    tail = unquote(str(uri or "").strip().rstrip("/").rsplit("/", 1)[-1])
    match = _POINT.fullmatch(tail)
    return int(match.group("number")) if match else None


_NAME = re.compile(r"\s*(?P<level>[A-Za-z]\d+)\s*·\s*(?P<title>.*)", re.S)


def filter_text(text: str) -> str:
    """What to look for in the stored addresses when a person filters by what they see: ``是 sentence`` or
    ``A1 · 是 sentence`` → ``%E6%98%AF-sentence`` (names are decoded, spaces are dashes); ``A1 ·`` → ``gp-a1-``;
    a piece of an address is looked for as it is."""
    text = text.strip()
    match = _NAME.fullmatch(text)
    if match is not None:
        if not match.group("title").strip():
            return f"gp-{match.group('level').lower()}-"
        text = match.group("title").strip()
    return quote(re.sub(r"\s+", "-", text), safe="-_.~:/%#?=&+,;@!$'()*")


def known_points(limit: int = KNOWN_LIMIT) -> list[tuple[str, str]]:
    """(name, address) of the grammar points any child in the open database has, by name (at most ``limit``)."""
    cursor = db.current().execute_sql(
        "SELECT DISTINCT grammar_uri FROM mastered_grammar ORDER BY grammar_uri LIMIT " + str(int(limit))
    )
    points = [(grammar_name(uri), uri) for (uri,) in cursor]
    points.sort(key=lambda point: (point[0].casefold(), point[1]))
    return points

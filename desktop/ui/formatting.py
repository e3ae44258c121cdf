"""How values look on screen: stored UTC timestamps in the user's local time zone, ages, card types and statuses,
grammar points, text previews with inline images taken out, stored JSON for reading; and dates as typed."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from desktop.grammar import grammar_name
from desktop.store import tables as queries
from desktop.ui.qtcompat import QT_TRANSLATE_NOOP


def translate(text: str) -> str:
    return QCoreApplication.translate("Format", text)


@lru_cache(maxsize=4096)
def parse_utc(text: str | None) -> datetime | None:
    """A stored timestamp (UTC ISO-8601; one without a zone is UTC too) as an aware datetime, or ``None``."""
    if not text:
        return None
    value = str(text).strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def local_time(text: str | None, seconds: bool = False) -> str:
    """``2025-03-01 17:13`` in the computer's time zone; the raw text if it is not a timestamp."""
    moment = parse_utc(text)
    if moment is None:
        return str(text or "")
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def age_text(dob: str | None) -> str:
    """The age from a date of birth: "9 years 4 months", "9岁4个月"; empty if unknown."""
    age = queries.age_on(dob)
    if age is None:
        return ""
    years, months = age
    if years == 0:
        return QCoreApplication.translate("Format", "{months} months").format(months=months)
    if months == 0:
        return QCoreApplication.translate("Format", "{years} years").format(years=years)
    return QCoreApplication.translate("Format", "{years} years {months} months").format(years=years, months=months)


CARD_TYPES = {
    "basic": QT_TRANSLATE_NOOP("Format", "Basic"),
    "basic_reverse": QT_TRANSLATE_NOOP("Format", "Basic (and reversed)"),
    "cloze": QT_TRANSLATE_NOOP("Format", "Cloze"),
    "interactive_cloze": QT_TRANSLATE_NOOP("Format", "Interactive cloze"),
}
CARD_STATUSES = {
    "pending": QT_TRANSLATE_NOOP("Format", "Pending"),
    "approved": QT_TRANSLATE_NOOP("Format", "Approved"),
    "synced": QT_TRANSLATE_NOOP("Format", "Synced"),
}
ROLES = {
    "user": QT_TRANSLATE_NOOP("Format", "Parent"),
    "assistant": QT_TRANSLATE_NOOP("Format", "Assistant"),
}
LANGUAGE_NAMES = {
    "zh": QT_TRANSLATE_NOOP("Format", "Chinese"),
    "en": QT_TRANSLATE_NOOP("Format", "English"),
}


def label(table: dict[str, str], value: str | None) -> str:
    """The translated label for a stored code (the code itself if unknown)."""
    if value in table:
        return translate(table[value])
    return str(value or "")


def grammar_label(uri: str | None) -> str:
    """A readable name for a grammar URI: level and title (``A1 · 在 location``), see :func:`grammar_name`."""
    return grammar_name(uri)


_DATA_IMAGE_MD = re.compile(r"!\[([^\]]*)\]\(data:[^)\s]*\)?")
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]*")
_BREAK = re.compile(r"<(?:br|/?p|/?div|/?li|/?tr|hr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>|<[^>]*$")
_IMG_TAG = re.compile(r"<img\b[^>]*>?", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")


def plain_preview(text: str | None, limit: int = 200) -> str:
    """One or two lines of readable text from HTML or Markdown with inline images replaced by "[image]"."""
    if not text:
        return ""
    image = QCoreApplication.translate("Format", "[image]")
    out = _IMG_TAG.sub(f" {image} ", str(text))
    out = _DATA_IMAGE_MD.sub(f" {image} ", out)
    out = _DATA_URI.sub(image, out)
    out = _BREAK.sub(" ", out)
    out = _TAG.sub("", out)
    out = out.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    out = _SPACES.sub(" ", out).strip()
    return out if len(out) <= limit else out[: limit - 1] + "…"


def chat_text(text: str | None, truncated: bool) -> str:
    """A chat message for its bubble: inline images become "[image]", Markdown emphasis stays readable."""
    if not text:
        return ""
    image = QCoreApplication.translate("Format", "[image]")
    out = _DATA_IMAGE_MD.sub(image, str(text))
    out = _DATA_URI.sub(image, out)
    out = out.replace("**", "")
    out = re.sub(r"\n{3,}", "\n\n", out).strip()
    if truncated:
        out += "\n" + QCoreApplication.translate("Format", "… (open the message to read all of it)")
    return out


_LOCAL_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def iso_date(text: str) -> str:
    """A date as typed, in the ISO form the services take: ``2015/1/31``, ``2015.1.31`` and ``2015年1月31日``
    become ``2015-01-31``; anything else is returned stripped, for the services to judge (and explain)."""
    match = _LOCAL_DATE.match(text)
    if match is None:
        return text.strip()
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def json_list(value: object) -> list[str]:
    """A stored JSON list (or a list) as strings; empty when it is none."""
    if not value:
        return []
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return []
    return [str(v) for v in data] if isinstance(data, list) else []


def pretty_json(value: object) -> str:
    """Stored JSON indented for reading; empty for nothing, an empty object or list; the text itself if not JSON."""
    if value in (None, ""):
        return ""
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return str(value)
    if data in ({}, []):
        return ""
    return json.dumps(data, ensure_ascii=False, indent=1)

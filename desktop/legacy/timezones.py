"""Time zones and timestamps of the legacy files (legacy-format.md §6). Pure.

Timestamps: more than six fraction digits are truncated to microseconds (the old app wrote at most six); a time the
file does not fix (no zone) is read in the zone the user chose and flagged as assumed."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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

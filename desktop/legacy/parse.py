"""Finding the legacy files under a folder, and parsing one JSON file as bytes (salvaging the records before damage)."""

from __future__ import annotations

import codecs
import hashlib
import json
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.legacy.problems import LegacySourceError, Problems, kind_of
from desktop.legacy.records import (
    CARDS_FILE,
    CHAT_FILE,
    MAX_DEPTH,
    PROFILES_FILE,
    FileInfo,
    LegacyFiles,
    SideFile,
    relpath,
)
from desktop.legacy.secret_keys import path_text


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
            side.append(SideFile(kind, entry, relpath(entry, root)))
    for entry in _list_dir(backups_dir):
        if entry.name.startswith("json_backup_") and entry.is_dir():
            side.append(SideFile("backup", entry, relpath(entry, root), is_dir=True))
    return LegacyFiles(root, profiles, cards, chat, side)


def _linecol(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


_WS = re.compile(r"[ \t\n\r]*")

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


@dataclass
class Parsed:
    items: list[Any] | None
    ok: bool = False  # parsed whole, without a file-level error
    duplicate_keys: dict[int, list[str]] = field(default_factory=dict)  # id(dict) → repeated keys
    may_have_surrogates: bool = False
    keep_alive: list[dict[str, Any]] = field(
        default_factory=list
    )  # the dicts of duplicate_keys, so their ids stay unique
    nested: int = 0  # objects below the top level with repeated keys (whole file: counted once it is parsed)

    def hook(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        """json's object_pairs_hook: the object, noting its repeated keys (the last value is kept)."""
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            repeated = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
            self.keep_alive.append(obj)
            self.duplicate_keys[id(obj)] = list(dict.fromkeys(repeated))
        return obj

    def count_nested(self, top: set[int]) -> None:
        self.nested += sum(1 for key in self.duplicate_keys if key not in top)


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


def parse_file(holder: list[bytes], rel: str, info: FileInfo, problems: Problems) -> Parsed:
    """Parse the file's bytes, which ``holder`` hands over: they are let go as soon as they are decoded, so a 32 MB
    cards file is never held as bytes, text and objects at once."""
    data = holder.pop()
    empty = Parsed(None)
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

    parsed = Parsed(None, may_have_surrogates=bool(_SURROGATE_ESCAPE.search(text)))

    # strict=False: a raw tab or newline inside a string (written by a hand edit) is read, not refused; the
    # word checks report it.
    decoder = json.JSONDecoder(object_pairs_hook=parsed.hook, strict=False)
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
            problems.add("top_level_not_list", rel, found=kind_of(items))
            return empty
        parsed.ok = True
    parsed.items = items
    parsed.count_nested({id(x) for x in items})
    return parsed


def inspect_value(value: Any, check_text: bool) -> tuple[int, list[str], list[tuple[str, float]]]:
    """Nesting depth of `value`, the paths of strings that cannot be encoded (lone surrogates), and the paths and
    values of numbers that are not finite (``NaN``, ``Infinity``, ``1e999``).

    Iterative, so any depth is safe.
    """
    deepest = 0
    broken: list[str] = []
    not_finite: list[tuple[str, float]] = []
    stack: list[tuple[Any, int, tuple[Any, ...] | None]] = [(value, 0, None)]
    while stack:
        item, depth, path = stack.pop()
        if isinstance(item, dict):
            depth += 1
            for key, child in item.items():
                if check_text and isinstance(key, str) and not key.isascii() and is_broken(key):
                    broken.append(path_text((path, key)))
                stack.append((child, depth, (path, key)))
        elif isinstance(item, list):
            depth += 1
            stack.extend((child, depth, (path, i)) for i, child in enumerate(item))
        elif check_text and isinstance(item, str) and not item.isascii() and is_broken(item):
            broken.append(path_text(path) or "the record")
        elif type(item) is float and not math.isfinite(item):
            not_finite.append((path_text(path) or "the record", item))
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                break
    return deepest, broken, not_finite


def is_broken(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def content_key(content: Any) -> str:
    try:
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, allow_nan=True)
    except (ValueError, TypeError, RecursionError):
        return ""
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


#: Bytes read from a legacy file at a time while streaming it.
CHUNK = 1 << 18

#: An element's decoding that fails this close to the end of the text read so far may only be cut off by the chunk:
#: more is read and it is decoded again (json looks at most a few characters ahead: ``-Infinity``, a ``\uXXXX``).
_LOOKAHEAD = 16


class NotStreamable(Exception):
    """The file is not a clean JSON list (damaged, not UTF-8, empty, not a list, nested too deep): it is read whole
    instead, which reports exactly what is wrong and salvages what it can (:func:`parse_file`)."""


class SourceChanged(Exception):
    """The file's bytes are not those read before (another program wrote it in between)."""


class SourceStream:
    """A legacy file read as a stream of its list's elements, decoded one by one by the same json decoder that reads a
    file whole (its hooks, ``strict=False``, NaN and Infinity, duplicate keys, lone surrogates, its errors), so a
    clean file never has to be held whole: memory is one chunk plus the element being decoded. The SHA-256 and the
    size are taken from the bytes as they are read. Anything unusual raises :class:`NotStreamable` before the element
    where it is found; the caller then reads the file whole (the elements before are exactly those salvaged).

    Not ijson: its C backend (yajl) refuses NaN, Infinity and raw control characters that this reader accepts, turns a
    lone surrogate escape into "?", keeps the last of repeated keys without saying so and gives no line or column;
    nor is it faster here (slower on the word lists; parsing is a few per cent of a migration)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parsed = Parsed(None, ok=False)
        self.sha256 = hashlib.sha256()
        self.size = 0
        self.bom = False
        self.ascii = True
        self.count = 0  # elements yielded
        self._text: Iterator[str] = iter(())
        self._buf, self._i, self._eof = "", 0, False  # the text read and not yet decoded from _i on

    def _chunks(self, fh: Any) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        first, tail = True, ""
        while True:
            data = fh.read(max(CHUNK, 4) if first else CHUNK)  # the first read holds any byte order mark
            self.sha256.update(data)
            self.size += len(data)
            if first:
                first = False
                if data.startswith((b"\xff\xfe", b"\xfe\xff")):
                    raise NotStreamable
                if data.startswith(b"\xef\xbb\xbf"):
                    self.bom, data = True, data[3:]
            self.ascii = self.ascii and data.isascii()
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                raise NotStreamable from exc
            if not self.parsed.may_have_surrogates and (
                _SURROGATE_ESCAPE.search(text) or _SURROGATE_ESCAPE.search(tail + text[:5])
            ):
                self.parsed.may_have_surrogates = True
            tail = text[-5:]  # an escape split between two chunks is found with the next one
            if not data:
                return
            yield text

    def elements(self) -> Iterator[Any]:
        """The list's elements, in order. Raises NotStreamable (see the class) or OSError."""
        parsed = self.parsed
        decoder = json.JSONDecoder(object_pairs_hook=parsed.hook, strict=False)
        with open(self.path, "rb") as fh:
            self._text, self._buf, self._i, self._eof = self._chunks(fh), "", 0, False
            if self._skip() != "[":
                raise NotStreamable
            self._i += 1
            if self._skip() == "]":
                self._i += 1
            else:
                while True:
                    obj = self._element(decoder)
                    parsed.count_nested({id(obj)})
                    self.count += 1
                    yield obj
                    del obj
                    parsed.duplicate_keys.clear()
                    parsed.keep_alive.clear()
                    after = self._skip()
                    self._i += 1
                    if after == ",":
                        self._skip()
                    elif after == "]":
                        break
                    else:
                        raise NotStreamable
            if self._skip() != "":
                raise NotStreamable  # text after the list
        parsed.ok = True

    def _more(self) -> bool:
        """Read the next chunk onto what is left to decode; False at the end of the file."""
        text = next(self._text, None)
        if text is None:
            self._eof = True
            return False
        self._buf, self._i = self._buf[self._i :] + text, 0
        return True

    def _skip(self) -> str:
        """Skip whitespace; the next character ("" at the end of the file)."""
        while True:
            self._i = _WS.match(self._buf, self._i).end()  # type: ignore[union-attr]
            if self._i < len(self._buf) or not self._more():
                return self._buf[self._i] if self._i < len(self._buf) else ""

    def _element(self, decoder: json.JSONDecoder) -> Any:
        """Decode the element at the current position, reading more while it may be cut off by the chunk."""
        parsed = self.parsed
        while True:
            buf, i = self._buf, self._i
            parsed.duplicate_keys.clear()
            parsed.keep_alive.clear()
            try:
                obj, end = decoder.raw_decode(buf, i)
            except RecursionError as exc:
                raise NotStreamable from exc
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(buf) - _LOOKAHEAD or exc.msg.startswith("Unterminated string")
                if self._eof or not cut or not self._more():
                    raise NotStreamable from exc
                continue
            # a list or object, or a string, is complete once closed; a number may go on in the next chunk
            if buf[i] in '[{"' or end + _LOOKAHEAD < len(buf) or self._eof or not self._more():
                self._i = end
                return obj

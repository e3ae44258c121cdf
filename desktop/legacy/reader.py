"""The shared part of reading the legacy files (see :mod:`desktop.legacy.read`)."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any, TypeVar

from desktop.errors import Cancelled
from desktop.legacy.parse import (
    NotStreamable,
    Parsed,
    SourceChanged,
    SourceStream,
    content_key,
    inspect_value,
    parse_file,
)
from desktop.legacy.problems import Problems, examples_text, shorten
from desktop.legacy.records import BATCH, MAX_DEPTH, FileInfo, LegacyFiles
from desktop.legacy.timezones import timezone_label, to_utc_iso

T = TypeVar("T")


@dataclass
class Source:
    """One file's list elements to read: streamed or held (``items``), what parsing found (``parsed``), and
    ``meter(index)``: (done, total) for progress."""

    rel: str
    items: Iterable[Any]
    parsed: Parsed
    meter: Callable[[int], tuple[int, int]]


class ReaderBase:
    """What reading each file shares: progress and cancel, loading a file, the checks every record gets, time stamps,
    record keys and the per-file summaries. The problems found go to ``self.problems``."""

    def __init__(
        self,
        files: LegacyFiles,
        assume_tz: tzinfo,
        assign_to: str | None,
        progress: Callable[[int, int, str], None] | None,
        cancel: Callable[[], bool] | None,
        light: bool = False,
    ) -> None:
        self.files = files
        self.light = light  # records keep what planning needs, not words or card content (see records.py)
        self.tz = assume_tz
        self.assign_to = assign_to
        self._progress = progress
        self._cancel = cancel
        self.problems = Problems()
        self.infos: dict[str, FileInfo] = {}
        self.secret_count = 0

    def progress(self, done: int, total: int, stage: str) -> None:
        if self._cancel is not None and self._cancel():
            raise Cancelled(code="reading_cancelled")
        if self._progress is not None:
            self._progress(done, total, stage)

    def batches(self, source: Source, stage: str) -> Iterable[tuple[int, Any]]:
        """The file's elements with their index, reporting progress (and checking cancel) every BATCH elements."""
        self.progress(*source.meter(0), stage)
        index = 0
        for index, item in enumerate(source.items):
            if index and index % BATCH == 0:
                self.progress(*source.meter(index), stage)
            yield index, item
        done = source.meter(index + 1)
        self.progress(done[1], done[1], stage)

    def read_file(self, kind: str, path: Path, body: Callable[[Source], T], empty: T) -> T:
        """``body`` run over the file's elements: streamed when the file is a clean list (never held whole), else
        read whole (:func:`parse_file` says what is wrong and salvages the records before the damage); what a
        streamed attempt found is forgotten first. Records ``self.infos[kind]``; ``empty`` when nothing is read."""
        rel = self.files.relpath(path)
        self.progress(0, 1, f"Reading {path.name}")
        start = len(self.problems.items)
        stream = SourceStream(path)
        try:
            total = os.stat(path).st_size or 1
            info = FileInfo(kind, path, rel, 0, "", "", None)
            self.infos[kind] = info
            result = body(Source(rel, stream.elements(), stream.parsed, lambda _: (min(stream.size, total), total)))
        except (NotStreamable, OSError):
            del self.problems.items[start:]
            self.infos.pop(kind, None)
        else:
            info.size, info.sha256, info.records = stream.size, stream.sha256.hexdigest(), stream.count
            info.encoding = "utf-8-sig" if stream.bom else "ascii" if stream.ascii else "utf-8"
            self.progress(1, 1, f"Reading {path.name}")
            return result
        loaded = self.load(kind, path)
        return empty if loaded is None else body(loaded)

    def load(self, kind: str, path: Path) -> Source | None:
        """The file read whole and parsed (None, with a problem, when it cannot be read or parsed at all)."""
        rel = self.files.relpath(path)
        try:
            with open(path, "rb") as handle:  # read-only, once
                data = handle.read()
        except OSError as exc:
            self.problems.add("file_unreadable", rel, reason=exc.strerror or type(exc).__name__)
            return None
        info = FileInfo(kind, path, rel, len(data), hashlib.sha256(data).hexdigest(), "", None)
        self.infos[kind] = info
        holder = [data]
        del data
        parsed = parse_file(holder, rel, info, self.problems)
        self.progress(1, 1, f"Reading {path.name}")
        if parsed.items is None:
            return None
        items = parsed.items
        info.records = len(items)
        return Source(rel, items, parsed, lambda index: (index, len(items)))

    def reread(self, info: FileInfo, body: Callable[[Source], Iterator[T]]) -> Iterator[T]:
        """What ``body`` yields over the elements of a file read before (a migration's second pass), streamed. The
        file must still be the same bytes: SourceChanged if its SHA-256 differs (found at the end: the caller's
        transaction rolls back). Where the stream stops at damage, the first pass read the file whole and salvaged
        exactly the elements before it."""
        stream = SourceStream(info.path)
        total = info.size or 1
        try:
            yield from body(Source(info.relpath, stream.elements(), stream.parsed, lambda _: (stream.size, total)))
            digest = stream.sha256.hexdigest()
        except NotStreamable:
            digest = file_sha256(info.path)
        except OSError as exc:
            raise SourceChanged(info.relpath) from exc
        if digest != info.sha256:
            raise SourceChanged(info.relpath)

    def common_checks(self, obj: Any, index: int, label: str, rel: str, parsed: Parsed, target: Any) -> None:
        depth, broken, not_finite = inspect_value(obj, parsed.may_have_surrogates)
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

    def nested_duplicates(self, parsed: Parsed, rel: str) -> None:
        if parsed.nested:
            self.problems.add("duplicate_key_nested", rel, count=parsed.nested)

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
                iso, was_naive = to_utc_iso(value, self.tz)
            except ValueError as exc:
                self.problems.add(
                    "timestamp_unreadable", rel, label, field_name, value=shorten(value, 40), reason=str(exc)
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
            value=shorten(json.dumps(value), 40),
            reason="It is not written as text.",
        )
        return None

    def record_key(
        self,
        legacy_id: str | None,
        clean: dict[str, Any],
        index: int,
        label: str,
        rel: str,
        first_by_id: dict[str, str],
        no_id: list[str],
    ) -> str:
        if legacy_id is None:
            no_id.append(label)
            return content_key(clean) or f"index:{index}"
        if legacy_id in first_by_id:
            self.problems.add(
                "duplicate_record_id", rel, label, "id", id=shorten(legacy_id), first=first_by_id[legacy_id]
            )
        else:
            first_by_id[legacy_id] = label
        return legacy_id

    def summaries(self, rel: str, naive: int, no_id: list[str]) -> None:
        if naive:
            self.problems.add("timestamps_naive", rel, count=naive, zone=timezone_label(self.tz))
        if no_id:
            self.problems.add("no_id", rel, count=len(no_id), records=examples_text(no_id))


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read a chunk at a time (SourceChanged if it cannot be read)."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as exc:
        raise SourceChanged(str(path)) from exc

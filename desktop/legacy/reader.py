"""The shared part of reading the legacy files (see :mod:`desktop.legacy.read`)."""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable
from datetime import tzinfo
from pathlib import Path
from typing import Any

from desktop.errors import Cancelled
from desktop.legacy.parse import Parsed, content_key, inspect_value, parse_file
from desktop.legacy.problems import Problems, examples_text, shorten
from desktop.legacy.records import BATCH, MAX_DEPTH, FileInfo, LegacyFiles
from desktop.legacy.timezones import timezone_label, to_utc_iso


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
    ) -> None:
        self.files = files
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

    def batches(self, items: list[Any], stage: str) -> Iterable[tuple[int, Any]]:
        total = len(items)
        self.progress(0, total, stage)
        for index, item in enumerate(items):
            if index and index % BATCH == 0:
                self.progress(index, total, stage)
            yield index, item
        self.progress(total, total, stage)

    def load(self, kind: str, path: Path) -> tuple[list[Any] | None, Parsed | None, str]:
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
        parsed = parse_file(holder, rel, info, self.problems)
        if parsed.items is not None:
            info.records = len(parsed.items)
        self.progress(1, 1, f"Reading {path.name}")
        return parsed.items, parsed, rel

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

    def nested_duplicates(self, items: list[Any], parsed: Parsed, rel: str) -> None:
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

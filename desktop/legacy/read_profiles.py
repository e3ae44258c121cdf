"""Reading child_profiles.json into :class:`~desktop.legacy.records.ProfileRecord` (see :mod:`desktop.legacy.read`)."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

from desktop import services
from desktop.errors import ValidationError
from desktop.legacy import contract
from desktop.legacy.parse import Parsed
from desktop.legacy.problems import kind_of, number_text, quoted_examples, record_label, shorten
from desktop.legacy.reader import ReaderBase, Source
from desktop.legacy.records import (
    KNOWN_PROFILE_KEYS,
    LIST_COLUMNS,
    ODD_WORD_KINDS,
    PROFILE_COLUMNS,
    TEXT_COLUMNS,
    WORD_FIELDS,
    ProfileRecord,
)
from desktop.legacy.secret_keys import strip_secrets
from desktop.text import normalize_token

SPLITTERS = {"zh": contract.split_zh, "en": contract.split_en, "grammar": contract.split_grammar}


class ProfileReading(ReaderBase):
    """Reading child_profiles.json: each profile's fields, words and the app's own limits, then the profile ids."""

    def read_profiles(self) -> list[ProfileRecord]:
        return self.read_file("profiles", self.files.profiles, self._profiles, [])

    def _profiles(self, source: Source) -> list[ProfileRecord]:
        rel, parsed = source.rel, source.parsed
        records: list[ProfileRecord] = []
        secret_paths: list[list[str]] = []
        count = 0
        for index, raw in self.batches(source, "Checking profiles"):
            count += 1
            if not isinstance(raw, dict):
                self.problems.add("record_not_object", rel, record_label(index, None), found=kind_of(raw))
                continue
            record = self.profile(index, raw, rel, parsed)
            if self.light:
                record.lighten()
            secret_paths.append(record.secrets_dropped)
            records.append(record)
        if not count and parsed.ok:
            self.problems.add("no_profiles", rel)
        self.nested_duplicates(parsed, rel)
        self.secrets(rel, secret_paths)
        self.assign_ids(records, rel)
        return records

    def profile(self, index: int, raw: dict[str, Any], rel: str, parsed: Parsed) -> ProfileRecord:
        clean, dropped_secrets = strip_secrets(raw)
        assert isinstance(clean, dict)
        name = clean.get("name")
        label = record_label(index, name if isinstance(name, str) else clean.get("id"))
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
            add("profile_name_not_text", rel, label, "name", target=record, found=kind_of(name))
        legacy_id = clean.get("id")
        if isinstance(legacy_id, int) and not isinstance(legacy_id, bool):
            add("field_converted", rel, label, "id", found="a number", expected="text")
            legacy_id = str(legacy_id)
        if isinstance(legacy_id, str) and legacy_id.strip():
            record.legacy_id = legacy_id
        elif legacy_id is not None and not isinstance(legacy_id, str):
            add("profile_id_not_text", rel, label, "id", target=record, found=kind_of(legacy_id))
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
        for lang, key in WORD_FIELDS:
            value = self.word_value(clean.get(key), rel, label, key, record)
            kept, dropped = SPLITTERS[lang](value)
            setattr(record, lang, kept)
            record.dropped_duplicates[lang] = dropped
            if dropped:
                add("words_duplicates", rel, label, key, count=len(dropped), what=what[lang])
            kinds = contract.dirty_words(kept, lang)
            record.dirty_words[lang] = [(w, contract.DIRTY_WORD_REASONS[k]) for w, k in kinds]
            self.word_problems(record.label, rel, lang, key, value, kinds)
        return record

    def words(self, raw: dict[str, Any], rel: str) -> dict[str, list[str]]:
        """A profile's words as :meth:`profile` gives them, and nothing else (a migration's second pass: the first
        reported the problems)."""
        return {
            lang: SPLITTERS[lang](self.word_value(raw.get(key), rel, "", key, None))[0] for lang, key in WORD_FIELDS
        }

    def text_value(self, value: Any, rel: str, label: str, key: str, record: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.problems.add("field_converted", rel, label, key, found="a number", expected="text")
            return number_text(value)
        self.problems.add("field_wrong_type", rel, label, key, target=record, expected="text", found=kind_of(value))
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
            "field_wrong_type", rel, label, key, target=record, expected="a list of text", found=kind_of(value)
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
            found=kind_of(value) if not isinstance(value, float) else "not a real number",
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
                    self.problems.add("dob_not_date", rel, record.label, "dob", value=shorten(dob, 40))
                else:
                    self.problems.add("dob_future", rel, record.label, "dob", value=shorten(dob.strip(), 40))

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
                examples=quoted_examples(nbsp),
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
                    example=shorten(found[0][0], 80),
                    reason=contract.DIRTY_WORD_REASONS[found[0][1]],
                    words=shown,
                )
            else:
                self.problems.add(
                    code, rel, label, key, count=len(found), what=what, examples=quoted_examples(words), words=shown
                )

    def extracted(self, value: Any, rel: str, label: str, record: Any) -> dict[str, Any] | None:
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
        self.problems.add(
            "field_wrong_type", rel, label, key, target=record, expected="an object", found=kind_of(value)
        )
        return None

    def word_value(self, value: Any, rel: str, label: str, key: str, record: Any) -> str | list[str] | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.problems.add("field_converted", rel, label, key, found="a number", expected="text")
            return number_text(value)
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
                    words.append(number_text(item))
                else:
                    self.problems.add(
                        "field_wrong_type",
                        rel,
                        label,
                        key,
                        target=record,
                        expected="a list of words",
                        found=f"a list holding {kind_of(item)}",
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
            "field_wrong_type", rel, label, key, target=record, expected="text or a list of words", found=kind_of(value)
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
            norm = normalize_token(record.name)
            if norm in first_by_name:
                self.problems.add(
                    "profile_duplicate_name",
                    rel,
                    record.label,
                    "name",
                    target=record,
                    name=shorten(record.name),
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
                        id=shorten(record.legacy_id),
                        first=first_by_id[record.legacy_id].label,
                    )
                else:
                    first_by_id[record.legacy_id] = record

"""Verification inside the write transaction: every record of the file against its row, by the same digests."""

from __future__ import annotations

import json

from desktop.legacy.identity import (
    NOUNS,
    PROFILE_JSON,
    source_profile_digest,
    stored_digests,
    stored_profile_digest,
    stored_words,
)
from desktop.legacy.plan import WORD_KINDS, Plan, profile_words
from desktop.legacy.records import TEXT_COLUMNS, LegacyReadResult, ProfileRecord
from desktop.legacy.result import KIND_LABELS, KINDS, KindCheck
from desktop.models import Profile


def verify(read: LegacyReadResult, plan: Plan, written: bool) -> list[KindCheck]:
    """Compare every record of the file that has a child with the database: identical (the row holds exactly the
    normalised record: the same digest, or for words the same child, language and word), kept (imported earlier
    and changed or removed in the app since, or a child already there whose details the app keeps), or a
    difference. After a write everything is read back from the database; when nothing was written, the
    comparison the plan made under the migration lock is the verification."""
    checks = {k: KindCheck(k, new=plan.new[k]) for k in KINDS}
    new_ids = {target for target, _ in plan.new_profiles}
    rows = {row.id: row for row in Profile.select()} if plan.profile_map else {}
    for record in read.profiles:
        if record.id in plan.deleted:
            for kind, n in (("profiles", 1), *((k, record.count(k)) for k in WORD_KINDS)):
                checks[kind].source += n
                checks[kind].kept += n
            continue
        target = plan.profile_map.get(record.id or "")
        if target is None:
            continue
        check = checks["profiles"]
        check.source += 1
        row = rows.get(target)
        if row is None:
            check.difference(f"profile {record.label} is missing")
        elif stored_profile_digest(row) == source_profile_digest(record):
            check.identical += 1
        elif target in new_ids:
            check.difference(f"profile {record.label}: " + ", ".join(_profile_differences(record, row)))
        else:
            check.kept += 1  # the child was already there: the app's details are kept, never overwritten
        for kind in WORD_KINDS:
            if not (written and plan.words.get((target, kind))):
                _unwritten_words(checks[kind], record, target, kind, plan)
    if written and any(plan.words.values()):
        for record, words in profile_words(read):  # the words read again from the file, a child at a time
            target = plan.profile_map.get(record.id or "")
            if target is None or record.id in plan.deleted:
                continue
            for kind in WORD_KINDS:
                if plan.words.get((target, kind)):
                    _verify_words(checks[kind], record.label, words[kind], target, kind, plan)
    for kind in ("cards", "chat"):
        check = checks[kind]
        stored = stored_digests(kind) if written and plan.new[kind] else plan.stored[kind]
        for record, digest, is_new in plan.considered[kind]:
            check.source += 1
            if digest is None:
                check.kept += 1  # its child was imported before and deleted in the app since
            elif digest in stored:
                check.identical += 1
            elif not is_new and digest in plan.earlier.records(kind)[0]:
                check.kept += 1
            else:
                check.difference(f"{NOUNS[kind]} {record.label} is not in the database exactly as in the file")
    return [checks[k] for k in KINDS]


def _unwritten_words(check: KindCheck, record: ProfileRecord, target: str, kind: str, plan: Plan) -> None:
    """Words of which nothing was written: the comparison the plan made under the migration lock is the proof."""
    wanted = record.count(kind)
    present = plan.present.get((target, kind), 0)
    check.source += wanted
    check.identical += present
    check.kept += wanted - present - plan.words.get((target, kind), 0)


def _verify_words(check: KindCheck, label: str, wanted: list[str], target: str, kind: str, plan: Plan) -> None:
    """The child's words of the file against those the database holds now."""
    check.source += len(wanted)
    have = stored_words(target, kind)
    missing = [w for w in wanted if w not in have]
    check.identical += len(wanted) - len(missing)
    if missing:
        done = plan.earlier.words(target)
        gone = [w for w in missing if (kind, w) not in done]
        check.kept += len(missing) - len(gone)
        if gone:
            check.difference(f"{len(gone)} {KIND_LABELS[kind]} of {label} are missing (e.g. {gone[0]!r})")


def _profile_differences(record: ProfileRecord, row: Profile) -> list[str]:
    diffs = []
    if row.name != record.name:
        diffs.append("name differs")
    c = record.columns
    for key in TEXT_COLUMNS:
        if getattr(row, key) != c.get(key):
            diffs.append(f"{key} differs")
    if (row.mental_age is None) != (c.get("mental_age") is None) or (
        row.mental_age is not None and float(row.mental_age) != float(c["mental_age"])
    ):
        diffs.append("mental_age differs")
    for key in PROFILE_JSON:
        stored = getattr(row, key)
        if (json.loads(stored) if stored is not None else None) != c.get(key):
            diffs.append(f"{key} differs")
    stored_extra = json.loads(row.extra) if row.extra else {}
    if stored_extra != (record.extra or {}):
        diffs.append("other fields differ")
    return diffs or ["its content differs"]

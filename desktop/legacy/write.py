"""Writing a migration's plan in the one audited transaction."""

from __future__ import annotations

import json
from collections.abc import Callable

from desktop import services
from desktop.errors import Cancelled
from desktop.legacy.identity import card_json, chat_extra
from desktop.legacy.plan import Plan
from desktop.legacy.result import Progress


def write_plan(plan: Plan, progress: Progress | None, cancel: Callable[[], bool] | None, stamp: str) -> None:
    total = sum(plan.new.values()) or 1
    done = 0

    def step(n: int, stage: str) -> None:
        nonlocal done
        if cancel and cancel():
            raise Cancelled(code="migration_cancelled")
        done += n
        if progress:
            progress(done, total, stage)

    profile_cols = (
        "id",
        "name",
        "dob",
        "gender",
        "address",
        "school",
        "neighborhood",
        "interests",
        "character_roster",
        "verbal_fluency",
        "passive_language_level",
        "mental_age",
        "raw_input",
        "extracted_data",
        "created_at",
        "updated_at",
        "extra",
    )
    rows = []
    for target, record in plan.new_profiles:
        c = record.columns
        rows.append(
            (
                target,
                record.name,
                c.get("dob"),
                c.get("gender"),
                c.get("address"),
                c.get("school"),
                c.get("neighborhood"),
                _json_or_none(c.get("interests")),
                _json_or_none(c.get("character_roster")),
                c.get("verbal_fluency"),
                c.get("passive_language_level"),
                c.get("mental_age"),
                c.get("raw_input"),
                _json_or_none(c.get("extracted_data")),
                stamp,
                stamp,
                json.dumps(record.extra, ensure_ascii=False) if record.extra else None,
            )
        )
    services.insert_rows("profiles", profile_cols, rows)
    step(len(rows), "Writing profiles")
    for (pid, lang), words in plan.words.items():
        if lang == "grammar":
            continue
        for chunk_start in range(0, len(words), 5000):
            chunk = words[chunk_start : chunk_start + 5000]
            services.insert_rows(
                "mastered_words",
                ("profile_id", "word", "language", "added_at"),
                [(pid, w, lang, stamp) for w in chunk],
            )
            step(len(chunk), "Writing words")
    for (pid, kind), uris in plan.words.items():
        if kind != "grammar" or not uris:
            continue
        services.insert_rows(
            "mastered_grammar", ("profile_id", "grammar_uri", "added_at"), [(pid, g, stamp) for g in uris]
        )
        step(len(uris), "Writing grammar")
    for chunk_start in range(0, len(plan.cards), 200):
        chunk = plan.cards[chunk_start : chunk_start + 200]
        services.insert_rows(
            "approved_cards",
            ("profile_id", "card_type", "content", "approved_at", "legacy_id", "status"),
            [(pid, c.card_type, card_json(c), c.approved_at_utc or stamp, c.legacy_id, c.status) for pid, c in chunk],
        )
        step(len(chunk), "Writing cards")
    for chunk_start in range(0, len(plan.chats), 1000):
        chunk = plan.chats[chunk_start : chunk_start + 1000]
        services.insert_rows(
            "chat_messages",
            ("profile_id", "role", "content", "timestamp", "legacy_id", "mentions", "extra"),
            [
                (
                    pid,
                    m.role,
                    m.content,
                    m.timestamp_utc,
                    m.legacy_id,
                    json.dumps(m.mentions, ensure_ascii=False) if m.mentions is not None else None,
                    chat_extra(m),
                )
                for pid, m in chunk
            ],
        )
        step(len(chunk), "Writing chat")


def _json_or_none(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)

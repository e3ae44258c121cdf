"""The audit log's words: tables, actors, actions, fields and codes by their labels; a change in a line; a batch
by what it was ("Import from the old app, 2025-12-02 14:03", "Deleted 3 words"), never by its id; history errors
as sentences. Everything here is translated in the ``AuditLog`` context; nothing here is a widget."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from desktop import history
from desktop.errors import LedgerError
from desktop.settings import QT_TRANSLATE_NOOP
from desktop.store import audit
from desktop.store.audit_log import LogItem
from desktop.ui import formatting, messages
from desktop.ui.workers import Worker

T = TypeVar("T")

CTX = "AuditLog"
TABLE_NAMES = {
    "profiles": QT_TRANSLATE_NOOP("AuditLog", "Child"),
    "mastered_words": QT_TRANSLATE_NOOP("AuditLog", "Word"),
    "mastered_grammar": QT_TRANSLATE_NOOP("AuditLog", "Grammar point"),
    "approved_cards": QT_TRANSLATE_NOOP("AuditLog", "Card"),
    "chat_messages": QT_TRANSLATE_NOOP("AuditLog", "Chat message"),
}
#: Lower-case nouns for sentences ("the word “苹果” was changed again later").
TABLE_NOUNS = {
    "profiles": QT_TRANSLATE_NOOP("AuditLog", "child"),
    "mastered_words": QT_TRANSLATE_NOOP("AuditLog", "word"),
    "mastered_grammar": QT_TRANSLATE_NOOP("AuditLog", "grammar point"),
    "approved_cards": QT_TRANSLATE_NOOP("AuditLog", "card"),
    "chat_messages": QT_TRANSLATE_NOOP("AuditLog", "chat message"),
}
ACTOR_NAMES = {
    "user": QT_TRANSLATE_NOOP("AuditLog", "You (this app)"),
    "migration": QT_TRANSLATE_NOOP("AuditLog", "Import"),
    "restore": QT_TRANSLATE_NOOP("AuditLog", "Restore"),
    "system": QT_TRANSLATE_NOOP("AuditLog", "The app itself"),
    "external": QT_TRANSLATE_NOOP("AuditLog", "Another program"),
}
ACTION_NAMES = {
    "INSERT": QT_TRANSLATE_NOOP("AuditLog", "Added"),
    "UPDATE": QT_TRANSLATE_NOOP("AuditLog", "Changed"),
    "DELETE": QT_TRANSLATE_NOOP("AuditLog", "Deleted"),
}
FIELD_NAMES = {
    "id": QT_TRANSLATE_NOOP("AuditLog", "id"),
    "name": QT_TRANSLATE_NOOP("AuditLog", "name"),
    "dob": QT_TRANSLATE_NOOP("AuditLog", "date of birth"),
    "gender": QT_TRANSLATE_NOOP("AuditLog", "gender"),
    "address": QT_TRANSLATE_NOOP("AuditLog", "address"),
    "school": QT_TRANSLATE_NOOP("AuditLog", "school"),
    "neighborhood": QT_TRANSLATE_NOOP("AuditLog", "neighbourhood"),
    "interests": QT_TRANSLATE_NOOP("AuditLog", "interests"),
    "character_roster": QT_TRANSLATE_NOOP("AuditLog", "favourite characters"),
    "verbal_fluency": QT_TRANSLATE_NOOP("AuditLog", "verbal fluency"),
    "passive_language_level": QT_TRANSLATE_NOOP("AuditLog", "passive language level"),
    "mental_age": QT_TRANSLATE_NOOP("AuditLog", "mental age"),
    "raw_input": QT_TRANSLATE_NOOP("AuditLog", "notes as entered"),
    "extracted_data": QT_TRANSLATE_NOOP("AuditLog", "extracted data"),
    "created_at": QT_TRANSLATE_NOOP("AuditLog", "created"),
    "updated_at": QT_TRANSLATE_NOOP("AuditLog", "last changed"),
    "extra": QT_TRANSLATE_NOOP("AuditLog", "other legacy data"),
    "version": QT_TRANSLATE_NOOP("AuditLog", "version"),
    "profile_id": QT_TRANSLATE_NOOP("AuditLog", "child"),
    "word": QT_TRANSLATE_NOOP("AuditLog", "word"),
    "language": QT_TRANSLATE_NOOP("AuditLog", "language"),
    "added_at": QT_TRANSLATE_NOOP("AuditLog", "added"),
    "grammar_uri": QT_TRANSLATE_NOOP("AuditLog", "grammar point"),
    "card_type": QT_TRANSLATE_NOOP("AuditLog", "card type"),
    "content": QT_TRANSLATE_NOOP("AuditLog", "content"),
    "approved_at": QT_TRANSLATE_NOOP("AuditLog", "approved"),
    "legacy_id": QT_TRANSLATE_NOOP("AuditLog", "id in the old app"),
    "status": QT_TRANSLATE_NOOP("AuditLog", "status"),
    "role": QT_TRANSLATE_NOOP("AuditLog", "from"),
    "timestamp": QT_TRANSLATE_NOOP("AuditLog", "time"),
    "mentions": QT_TRANSLATE_NOOP("AuditLog", "mentions"),
}
BATCH_KINDS = {
    "migration": QT_TRANSLATE_NOOP("AuditLog", "Import from the old app"),
    "revert": QT_TRANSLATE_NOOP("AuditLog", "Undo"),
    "restore-child": QT_TRANSLATE_NOOP("AuditLog", "Child restored to an earlier moment"),
}
#: A batch without a note, described by what all of its changes did ("Deleted 3 words"); real plural forms.
BATCH_COUNTS = {
    ("INSERT", "profiles"): QT_TRANSLATE_NOOP("AuditLog", "Added %n child(ren)"),
    ("INSERT", "mastered_words"): QT_TRANSLATE_NOOP("AuditLog", "Added %n word(s)"),
    ("INSERT", "mastered_grammar"): QT_TRANSLATE_NOOP("AuditLog", "Added %n grammar point(s)"),
    ("INSERT", "approved_cards"): QT_TRANSLATE_NOOP("AuditLog", "Added %n card(s)"),
    ("INSERT", "chat_messages"): QT_TRANSLATE_NOOP("AuditLog", "Added %n chat message(s)"),
    ("UPDATE", "profiles"): QT_TRANSLATE_NOOP("AuditLog", "Changed %n child(ren)"),
    ("UPDATE", "mastered_words"): QT_TRANSLATE_NOOP("AuditLog", "Changed %n word(s)"),
    ("UPDATE", "mastered_grammar"): QT_TRANSLATE_NOOP("AuditLog", "Changed %n grammar point(s)"),
    ("UPDATE", "approved_cards"): QT_TRANSLATE_NOOP("AuditLog", "Changed %n card(s)"),
    ("UPDATE", "chat_messages"): QT_TRANSLATE_NOOP("AuditLog", "Changed %n chat message(s)"),
    ("DELETE", "profiles"): QT_TRANSLATE_NOOP("AuditLog", "Deleted %n child(ren)"),
    ("DELETE", "mastered_words"): QT_TRANSLATE_NOOP("AuditLog", "Deleted %n word(s)"),
    ("DELETE", "mastered_grammar"): QT_TRANSLATE_NOOP("AuditLog", "Deleted %n grammar point(s)"),
    ("DELETE", "approved_cards"): QT_TRANSLATE_NOOP("AuditLog", "Deleted %n card(s)"),
    ("DELETE", "chat_messages"): QT_TRANSLATE_NOOP("AuditLog", "Deleted %n chat message(s)"),
}
MIXED_BATCH = QT_TRANSLATE_NOOP("AuditLog", "%n change(s) made together")
BATCH_WHEN = QT_TRANSLATE_NOOP("AuditLog", "{what}, {when}")
CHANGES = QT_TRANSLATE_NOOP("AuditLog", "%n change(s)")
GENDER_NAMES = {
    "male": QT_TRANSLATE_NOOP("AuditLog", "Male"),
    "female": QT_TRANSLATE_NOOP("AuditLog", "Female"),
}
#: What a batch's note holds, by name (a note's other keys, like the archive's checksum, are not for reading).
NOTE_FIELDS = {
    "archive": QT_TRANSLATE_NOOP("AuditLog", "copy of the old files"),
    "source": QT_TRANSLATE_NOOP("AuditLog", "the old app's folder"),
    "new": QT_TRANSLATE_NOOP("AuditLog", "records added"),
    "assumed_zone": QT_TRANSLATE_NOOP("AuditLog", "time zone of old times"),
    "imported_at": QT_TRANSLATE_NOOP("AuditLog", "imported at"),
    "as_of": QT_TRANSLATE_NOOP("AuditLog", "put back as it was on"),
    "count": QT_TRANSLATE_NOOP("AuditLog", "changes undone"),
    "backup": QT_TRANSLATE_NOOP("AuditLog", "backup made first"),
}
NOTE_COUNTS = {
    "profiles": QT_TRANSLATE_NOOP("AuditLog", "%n child(ren)"),
    "zh": QT_TRANSLATE_NOOP("AuditLog", "%n Chinese word(s)"),
    "en": QT_TRANSLATE_NOOP("AuditLog", "%n English word(s)"),
    "words": QT_TRANSLATE_NOOP("AuditLog", "%n word(s)"),
    "grammar": QT_TRANSLATE_NOOP("AuditLog", "%n grammar point(s)"),
    "cards": QT_TRANSLATE_NOOP("AuditLog", "%n card(s)"),
    "chat": QT_TRANSLATE_NOOP("AuditLog", "%n chat message(s)"),
}
BLOCKED = {
    "changed": QT_TRANSLATE_NOOP(
        "AuditLog",
        "The {what} “{label}” was changed again later (it is now “{value}”), so undoing the earlier "
        "change would overwrite that.",
    ),
    "already": QT_TRANSLATE_NOOP("AuditLog", "This change to the {what} “{label}” has already been undone."),
    "gone": QT_TRANSLATE_NOOP("AuditLog", "The {what} “{label}” no longer exists (it was deleted later)."),
    "exists": QT_TRANSLATE_NOOP("AuditLog", "The {what} “{label}” is already there again."),
    "duplicate": QT_TRANSLATE_NOOP(
        "AuditLog", "The {what} “{label}” has been added again since, so it cannot be brought back twice."
    ),
    "no_child": QT_TRANSLATE_NOOP(
        "AuditLog", "The child this {what} belonged to ({label}) no longer exists; bring the child back first."
    ),
    "has_records": QT_TRANSLATE_NOOP(
        "AuditLog", "Undoing this would delete the child “{label}” together with {count} records added since."
    ),
    "not_yet": QT_TRANSLATE_NOOP("AuditLog", "The child “{label}” did not exist yet at that moment."),
}
NOTHING_CHANGED = QT_TRANSLATE_NOOP("AuditLog", "Nothing was changed.")


def tr(text: str, n: int = -1) -> str:
    """``text`` in the window's language; with ``n``, its plural form for ``n`` (``%n`` is replaced by it)."""
    return QCoreApplication.translate(CTX, text, None, n)


def name_of(table: dict[str, str], code: str | None) -> str:
    return tr(table[code]) if code in table else str(code or "")


def field_name(name: str) -> str:
    return name_of(FIELD_NAMES, name)


def error_text(exc: BaseException) -> str:
    """A history error (or any known error) as a sentence in the window's language."""
    if isinstance(exc, history.RevertBlocked) and exc.code in BLOCKED:
        text = tr(BLOCKED[exc.code]).format(
            what=name_of(TABLE_NOUNS, exc.table), label=exc.label, value=exc.value, count=exc.count
        )
        return f"{text} {tr(NOTHING_CHANGED)}"
    return messages.describe(exc) or str(exc)


def summary_text(item: LogItem) -> str:
    if item.large and item.old is None and item.new is None:
        return tr(QT_TRANSLATE_NOOP("AuditLog", "(a large change: select it to see the details)"))
    return entry_summary(item.entry())


def entry_summary(entry: audit.AuditEntry) -> str:
    """One change in a line, codes by their labels: ``Mei · gender: Male → Female``, ``苹果 → 苹果树``."""
    summary = history.summarize(entry)
    if summary.field:
        before = code_text(summary.field, (entry.old or {}).get(summary.field))
        after = code_text(summary.field, (entry.new or {}).get(summary.field))
        summary.before = summary.before if before is None else before
        summary.after = summary.after if after is None else after
    return summary.text(entry.action, field_name)


#: Fields that hold a code the record tables word too (their labels are :mod:`desktop.ui.formatting`'s).
FORMAT_LABELS = {
    "language": formatting.LANGUAGE_NAMES,
    "card_type": formatting.CARD_TYPES,
    "status": formatting.CARD_STATUSES,
    "role": formatting.ROLES,
}


def code_text(name: str, value: object) -> str | None:
    """A stored code as the window words it (``male`` → "Male" / "男", ``zh`` → "Chinese", a grammar address →
    its name), or ``None`` if ``name`` holds no code."""
    if not isinstance(value, str) or not value:
        return None
    if name == "gender":
        return name_of(GENDER_NAMES, value)
    if name == "grammar_uri":
        return formatting.grammar_label(value)
    if name in FORMAT_LABELS:
        return formatting.label(FORMAT_LABELS[name], value)
    return None


TIME_FIELDS = frozenset({"added_at", "approved_at", "timestamp", "created_at", "updated_at"})
#: Fields the details pane leaves out: bookkeeping a person never reads.
HIDDEN_FIELDS = frozenset({"id", "version", "profile_id"})


def display_value(name: str, value: object, limit: int = 400) -> str:
    """A stored value as a person reads it: times in local time, JSON lists as "a, b", long text cut."""
    if value is None:
        return ""
    label = code_text(name, value)
    if label is not None:
        return label
    if name in TIME_FIELDS and isinstance(value, str) and formatting.parse_utc(value) is not None:
        return formatting.local_time(value, seconds=True)
    if isinstance(value, str) and value[:1] == "[":
        try:
            items = json.loads(value)
        except ValueError:
            items = None
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            value = ", ".join(items)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if "data:" in text or "<img" in text:
        text = formatting.plain_preview(text, limit)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def batch_title(note: dict | None, item: LogItem | None = None) -> str:
    """What a batch was, in words: from its note ("Import from the old app, 2025-12-02 14:03"), else from what all
    of its changes did ("Deleted 3 words"), else how many changes it made together. Never its id."""
    kind = (note or {}).get("kind", "")
    if kind in BATCH_KINDS:
        when = formatting.local_time((note or {}).get("created_at") or (item.changed_at if item else None))
        return tr(BATCH_WHEN).format(what=tr(BATCH_KINDS[kind]), when=when) if when else tr(BATCH_KINDS[kind])
    if item is None:
        return ""
    if item.same_table and item.same_action and (item.action, item.table_name) in BATCH_COUNTS:
        return tr(BATCH_COUNTS[(item.action, item.table_name)], item.count)
    return tr(MIXED_BATCH, item.count)


def note_rows(note: dict | None) -> list[tuple[str, str]]:
    """(label, value) of what a batch's note says that a person reads: the archive's name, the folder, what was
    added, the time zone, when; a note's checksums and ids are left out."""
    rows = []
    for key, value in ((note or {}).get("note") or {}).items():
        if key not in NOTE_FIELDS or value in (None, "", {}):
            continue
        if isinstance(value, dict):
            text = ", ".join(
                tr(NOTE_COUNTS[k], int(v)) if k in NOTE_COUNTS else f"{k}: {v}"
                for k, v in value.items()
                if isinstance(v, int) and v
            )
        elif key in ("imported_at", "as_of"):
            text = formatting.local_time(str(value), seconds=True)
        else:
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        rows.append((tr(NOTE_FIELDS[key]), text))
    return rows


class Explained(LedgerError):
    """A history error already put into the window's words (passed through the worker as is)."""


def explained(fn: Callable[[Worker], T]) -> Callable[[Worker], T]:
    """A job whose history errors (they carry a code the window words itself) are raised as that sentence."""

    def job(worker: Worker) -> T:
        try:
            return fn(worker)
        except history.HistoryError as exc:
            raise Explained(error_text(exc)) from exc

    return job

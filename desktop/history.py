"""Undo: reading the audit log backwards. Qt-free (:mod:`desktop.as_of` is "as it was on…", built on this).

Every change to the five data tables is in ``audit_log`` with the whole row before and after it, so:

* :func:`revert_entry` / :func:`revert_batch` apply the inverse of one audited change (or of a whole batch: an
  import, a bulk delete, a cascade) as a *new* audited change by ``user``, noted as a ``revert`` batch. INSERT is
  undone by deleting the row, DELETE by putting the old row back under its old id, UPDATE by setting the old
  values of the fields it changed. If anything happened to the row since (changed again, deleted, added back),
  :class:`RevertBlocked` says what is in the way and nothing is changed: a revert is one transaction, a batch
  revert is all-or-nothing.
* the labels, summaries and row helpers the audit viewer and :mod:`desktop.as_of` share.

Nothing here writes except inside :func:`desktop.store.audit.writing`, so every undo is itself audited (and can be
undone). ``version`` is bookkeeping, never compared; a profile's ``updated_at`` is set to now by an edit.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeAlias

import peewee

from desktop import server_backup
from desktop.backup.create import create_backup
from desktop.errors import LedgerError
from desktop.grammar import grammar_name
from desktop.store import audit, db, tables
from desktop.store.audit import AuditEntry
from desktop.store.schema import COLUMNS, DATA_TABLES

log = logging.getLogger(__name__)

#: Columns never compared or restored: bookkeeping the app maintains itself.
IGNORED = frozenset({"version"})
#: Also not compared on profiles: every edit sets it, so it is not "the child's data".
IGNORED_PROFILE = frozenset({"version", "updated_at"})
#: The child's records, by kind (the order a restore report lists them in).
KINDS = {"words": "mastered_words", "grammar": "mastered_grammar", "cards": "approved_cards", "chat": "chat_messages"}
RECORD_TABLES = tuple(KINDS.values())
#: What one row of each table is called in the English sentences below (the window translates by ``code``).
RECORD_NOUN = {
    "profiles": "child",
    "mastered_words": "word",
    "mastered_grammar": "grammar point",
    "approved_cards": "card",
    "chat_messages": "chat message",
}
#: Natural keys that must stay unique per child (the plan's UNIQUE constraints).
UNIQUE_KEYS = {"mastered_words": ("profile_id", "word", "language"), "mastered_grammar": ("profile_id", "grammar_uri")}
#: A record's id as the tables hold it: text for profiles, an integer elsewhere (:func:`row_key`).
RecordId: TypeAlias = int | str


# --------------------------------------------------------------------------------------------------------------
# Errors.


class HistoryError(LedgerError):
    """Something in the history could not be undone or restored; ``str()`` is a sentence, ``code`` says which."""

    code = "error"


class EntryNotFound(HistoryError):
    code = "not_found"


class RevertBlocked(HistoryError):
    """A later change is in the way; nothing was changed.

    ``code``: ``changed`` (changed again later, ``value`` is what it is now), ``already`` (this change was already
    undone), ``gone`` (deleted later), ``exists`` (already there again), ``duplicate`` (the same word / grammar
    point was added again under another id), ``no_child`` (the child is gone), ``has_records`` (undoing a child's
    creation would delete ``count`` records added since), ``not_yet`` (the child did not exist at that moment).
    """

    def __init__(
        self,
        code: str,
        table: str,
        record_id: object,
        label: str = "",
        value: str = "",
        field_name: str = "",
        count: int = 0,
        entry_id: int | None = None,
    ) -> None:
        self.code, self.table, self.record_id = code, table, record_id
        self.label, self.value, self.field, self.count, self.entry_id = label, value, field_name, count, entry_id
        super().__init__(self.english())

    @property
    def noun(self) -> str:
        return RECORD_NOUN.get(self.table, "record")

    def english(self) -> str:
        what, label = self.noun, self.label
        texts = {
            "changed": f"The {what} “{label}” was changed again later (it is now “{self.value}”), so undoing the "
            "earlier change would overwrite that.",
            "already": f"This change to the {what} “{label}” has already been undone.",
            "gone": f"The {what} “{label}” no longer exists (it was deleted later).",
            "exists": f"The {what} “{label}” is already there again.",
            "duplicate": f"The {what} “{label}” has been added again since, so it cannot be brought back twice.",
            "no_child": f"The child this {what} belonged to ({label}) no longer exists; bring the child back first.",
            "has_records": f"Undoing this would delete the child “{label}” together with {self.count} records "
            "added since.",
            "not_yet": f"The child “{label}” did not exist yet at that moment.",
        }
        return texts.get(self.code, f"The {what} “{label}” cannot be changed back.") + " Nothing was changed."


# --------------------------------------------------------------------------------------------------------------
# Reading rows and entries.


def _database() -> peewee.Database:
    return db.current()


def _p() -> str:
    return _database().param


def ignored_fields(table: str) -> frozenset[str]:
    return IGNORED_PROFILE if table == "profiles" else IGNORED


def _normal(value: object) -> object:
    """Values compared across the audit JSON and the table (a REAL 6.0 equals 6; text is text)."""
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def same_value(a: object, b: object) -> bool:
    a, b = _normal(a), _normal(b)
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return float(a) == float(b)
    return a == b


def row_key(table: str, record_id: RecordId) -> RecordId:
    """Record ids as the tables hold them (text for profiles, integers elsewhere)."""
    if table == "profiles":
        return str(record_id)
    try:
        return int(record_id)
    except (TypeError, ValueError):
        return record_id


def data_table(name: str) -> peewee.Table:
    """A data table by its name, for queries whose values pass to the driver as they are (no field converts them:
    the values come from the audit log's JSON and go back as they were)."""
    return peewee.Table(name, COLUMNS[name])


def _is(table: peewee.Table, column: str, value: object) -> peewee.Expression:
    """``column = value`` as SQL writes it (never ``IS NULL``: a NULL matches nothing, as in a unique key)."""
    return peewee.Expression(peewee.Column(table, column), peewee.OP.EQ, value)


def current_row(table: str, record_id: RecordId) -> dict[str, Any] | None:
    """Every column of one row as stored, or ``None``."""
    source = data_table(table)
    query = source.select(*(peewee.Column(source, c) for c in COLUMNS[table]))
    row = _database().execute(query.where(_is(source, "id", row_key(table, record_id)))).fetchone()
    return dict(zip(COLUMNS[table], row, strict=True)) if row else None


def get_entry(audit_id: int) -> AuditEntry:
    found = audit.entries(_database(), audit.LOG.id == int(audit_id))
    if not found:
        raise EntryNotFound(f"There is no change number {audit_id} in the audit log.")
    return found[0]


def batch_entries(batch_id: str) -> list[AuditEntry]:
    return audit.entries(_database(), audit.LOG.batch_id == batch_id)


def differing_fields(table: str, a: dict[str, Any] | None, b: dict[str, Any] | None) -> list[str]:
    """The columns (in table order) whose values differ between two versions of a row, bookkeeping ignored."""
    a, b = a or {}, b or {}
    skip = ignored_fields(table)
    return [c for c in COLUMNS.get(table, tuple(a) or tuple(b)) if c not in skip and not same_value(a.get(c), b.get(c))]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def record_label(table: str, row: dict[str, Any] | None) -> str:
    """What a person calls a record: the word, the child's name, a card's front, a message's first words."""
    if not row:
        return ""
    if table == "profiles":
        return str(row.get("name") or row.get("id") or "")
    if table == "mastered_words":
        return str(row.get("word") or "")
    if table == "mastered_grammar":
        return grammar_name(row.get("grammar_uri"))
    if table == "approved_cards":
        try:
            content = json.loads(row.get("content") or "{}")
        except (TypeError, ValueError):
            content = {}
        if isinstance(content, dict):
            for key in ("front", "text", "question", "cloze", "back"):
                if content.get(key):
                    return _short(_strip_markup(str(content[key])))
        return f"#{row.get('id', '')}"
    if table == "chat_messages":
        return _short(_strip_markup(str(row.get("content") or "")))
    return str(row.get("id", ""))


def _strip_markup(text: str) -> str:
    text = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]*", "[image]", text)
    return re.sub(r"<[^>]*>", " ", text)


def value_text(value: object, limit: int = 60) -> str:
    """A field's value in one short line (``None`` → empty)."""
    if value is None:
        return ""
    return _short(str(value), limit)


#: The field that names a record (its label); a change of any other single field is shown as that field's change.
LABEL_FIELDS = {
    "profiles": "name",
    "mastered_words": "word",
    "mastered_grammar": "grammar_uri",
    "approved_cards": "content",
    "chat_messages": "content",
}


@dataclass
class Summary:
    """The one-line account of an audit row. ``label`` names the record; for an edit ``before`` → ``after`` are
    the record's labels, or (``field`` set) the old and new value of the one other field that changed."""

    label: str
    before: str = ""
    after: str = ""
    fields: list[str] = field(default_factory=list)
    field: str = ""

    def text(self, action: str, field_name: Callable[[str], str] | None = None) -> str:
        """English (or ``field_name``-translated) text: ``苹果 → 苹果树``, ``Mei · school: A → B``."""
        if action != "UPDATE":
            return self.label
        if self.field:
            name = field_name(self.field) if field_name else self.field
            return f"{self.label} · {name}: {self.before} → {self.after}"
        if self.before != self.after:
            return f"{self.before} → {self.after}"
        names = [field_name(f) if field_name else f for f in self.fields]
        return f"{self.label} ({', '.join(names)})" if names else self.label


def summarize(entry: AuditEntry) -> Summary:
    table = entry.table_name
    label = record_label(table, entry.new or entry.old)
    if entry.action != "UPDATE":
        return Summary(label)
    fields = differing_fields(table, entry.old, entry.new)
    if table == "profiles":
        fields = [f for f in fields if f != "updated_at"] or fields
    summary = Summary(label, record_label(table, entry.old), record_label(table, entry.new), fields)
    if len(fields) == 1 and fields[0] != LABEL_FIELDS.get(table):
        f = fields[0]
        summary.field = f
        summary.before, summary.after = value_text((entry.old or {}).get(f)), value_text((entry.new or {}).get(f))
    return summary


# --------------------------------------------------------------------------------------------------------------
# Writing rows (inside audit.writing only).


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def insert_row(table: str, values: dict[str, Any]) -> None:
    target = data_table(table)
    target.insert({peewee.Column(target, c): values[c] for c in COLUMNS[table] if c in values}).execute(_database())


def update_row(table: str, record_id: RecordId, values: dict[str, Any]) -> None:
    # only the table's own columns: an audit row another program forged must not name anything else
    values = {k: v for k, v in values.items() if k in COLUMNS[table] and k not in ("id", "version")}
    if table == "profiles":
        values["updated_at"] = _now()
    target = data_table(table)
    version = peewee.Column(target, "version")
    changes = {**{peewee.Column(target, c): v for c, v in values.items()}, version: version + 1}
    target.update(changes).where(_is(target, "id", row_key(table, record_id))).execute(_database())


def delete_row(table: str, record_id: RecordId) -> None:
    target = data_table(table)
    target.delete().where(_is(target, "id", row_key(table, record_id))).execute(_database())


def _profile_exists(profile_id: str | None) -> bool:
    # text, as row_key makes any profile id (a missing one, None, becomes "None" as before: no child has that id)
    return current_row("profiles", str(profile_id)) is not None


def _record_count(profile_id: str) -> int:
    total = 0
    for table in RECORD_TABLES:
        source = data_table(table)
        query = source.select(tables.ROW_COUNT).where(_is(source, "profile_id", profile_id))
        total += _database().execute(query).fetchone()[0]
    return total


def _duplicate_of(table: str, values: dict[str, Any], record_id: RecordId) -> dict[str, Any] | None:
    """Another row with the same natural key (same child, same word and language / grammar point), if any."""
    keys = UNIQUE_KEYS.get(table)
    if not keys:
        return None
    source = data_table(table)
    other = peewee.Expression(peewee.Column(source, "id"), peewee.OP.NE, row_key(table, record_id))
    query = source.select(peewee.Column(source, "id")).where(*(_is(source, k, values.get(k)) for k in keys), other)
    row = _database().execute(query).fetchone()
    return current_row(table, row[0]) if row else None


def safety_backup(reason: str) -> Path | None:
    """A verified backup before a bulk change (of the SQLite file, or a snapshot of the server database)."""
    path = db.database_path(_database())
    if path is None:
        return server_backup.create_server_backup(reason=reason).path
    return create_backup(database_path=path, reason=reason).path


# --------------------------------------------------------------------------------------------------------------
# Undo.


@dataclass
class RevertResult:
    """What an undo did: the new batch (itself audited and undoable) and how many changes it reversed."""

    batch_id: str
    reverted: int
    entries: list[int] = field(default_factory=list)
    backup_path: Path | None = None


def _check_and_revert(entry: AuditEntry) -> None:
    """Apply the inverse of one entry, or raise RevertBlocked (the caller's transaction rolls back)."""
    table = entry.table_name
    if table not in DATA_TABLES:
        raise HistoryError(f"Changes to {table} cannot be undone.")
    rid = entry.record_id
    now = current_row(table, rid)
    label = record_label(table, entry.new or entry.old)
    ignored = ignored_fields(table)

    def blocked(code: str, value: str = "", field_name: str = "", count: int = 0) -> RevertBlocked:
        return RevertBlocked(
            code, table, rid, label=label, value=value, field_name=field_name, count=count, entry_id=entry.id
        )

    if entry.action == "INSERT":
        if now is None:
            raise blocked("gone")
        changed = differing_fields(table, entry.new, now)
        if changed:
            raise blocked("changed", value=_later_value(table, now, changed), field_name=changed[0])
        if table == "profiles":
            count = _record_count(rid)
            if count:
                raise blocked("has_records", count=count)
        delete_row(table, rid)
    elif entry.action == "DELETE":
        old = entry.old or {}
        if now is not None:
            raise blocked("exists")
        if table != "profiles" and not _profile_exists(old.get("profile_id")):
            raise RevertBlocked("no_child", table, rid, label=str(old.get("profile_id")), entry_id=entry.id)
        if _duplicate_of(table, old, rid) is not None:
            raise blocked("duplicate")
        insert_row(table, old)
    elif entry.action == "UPDATE":
        if now is None:
            raise blocked("gone")
        fields = [f for f in differing_fields(table, entry.old, entry.new) if f not in ignored]
        moved = [f for f in fields if not same_value(now.get(f), (entry.new or {}).get(f))]
        if moved:
            if all(same_value(now.get(f), (entry.old or {}).get(f)) for f in fields):
                raise blocked("already")
            raise blocked("changed", value=_later_value(table, now, moved), field_name=moved[0])
        restored = {f: (entry.old or {}).get(f) for f in fields}
        if _duplicate_of(table, {**now, **restored}, rid) is not None:
            label = record_label(table, {**now, **restored})
            raise RevertBlocked("duplicate", table, rid, label=label, entry_id=entry.id)
        if restored:
            update_row(table, rid, restored)
    else:
        raise HistoryError(f"Unknown action {entry.action!r} in the audit log.")


def _later_value(table: str, row: dict[str, Any], fields: list[str]) -> str:
    label = record_label(table, row)
    if LABEL_FIELDS[table] in fields or len(fields) != 1:
        return label
    return value_text(row.get(fields[0]))


class _TrialOnly(Exception):
    """Ends a trial undo (:func:`_revert` with ``trial``): its transaction rolls back."""


def _revert(entries: list[AuditEntry], kind: str, note: dict[str, Any], trial: bool = False) -> RevertResult:
    """Undo ``entries`` in one audited batch. ``trial``: do all of it and roll it back (nothing is kept), so a
    refusal (:class:`RevertBlocked`) is known before anything else is done, such as a safety backup (a trial's result
    is empty)."""
    # Undo in reverse order; a child comes back before its records and goes last (a cascade's profile row is
    # written after its records, an import's before them).
    ordered = sorted(entries, key=lambda e: -e.id)
    ordered.sort(
        key=lambda e: (
            0
            if (e.table_name, e.action) == ("profiles", "DELETE")
            else 2
            if (e.table_name, e.action) == ("profiles", "INSERT")
            else 1
        )
    )
    try:
        with audit.writing("user") as batch:
            audit.note_batch(kind, note)
            for entry in ordered:
                _check_and_revert(entry)
            if trial:
                raise _TrialOnly
    except _TrialOnly:
        return RevertResult(batch_id="", reverted=0, entries=[])  # a trial keeps nothing
    except peewee.IntegrityError as exc:
        raise HistoryError(
            "The change could not be undone: the result would clash with another record. Nothing was changed."
        ) from exc
    return RevertResult(batch_id=batch, reverted=len(entries), entries=[e.id for e in entries])


def revert_entry(audit_id: int) -> RevertResult:
    """Undo one audited change as a new audited change (actor ``user``, one ``revert`` batch).

    Raises :class:`RevertBlocked` (nothing changed) when the row was changed, deleted or re-added since."""
    entry = get_entry(audit_id)
    return _revert(
        [entry],
        "revert",
        {
            "entry": entry.id,
            "table": entry.table_name,
            "record": entry.record_id,
            "action": entry.action,
            "profile_id": entry.profile_id,
        },
    )


def revert_batch(batch_id: str, backup: bool = True) -> RevertResult:
    """Undo every change of one batch (an import, a bulk delete, a cascade), all or nothing, after a safety
    backup (``backup``). Raises :class:`RevertBlocked` naming the first thing in the way; a refused undo is
    found out by a trial run first, so it makes no backup."""
    entries = batch_entries(batch_id)
    if not entries:
        raise EntryNotFound("There is no such batch of changes in the audit log.")
    profiles = sorted({e.profile_id for e in entries if e.profile_id})
    note = {"batch": batch_id, "count": len(entries), "profile_ids": profiles[:50], "backup": None}
    backup_path = None
    if backup and len(entries) > 1:
        _revert(entries, "revert", note, trial=True)
        backup_path = safety_backup("before-undo")
    result = _revert(entries, "revert", {**note, "backup": backup_path.name if backup_path else None})
    result.backup_path = backup_path
    return result

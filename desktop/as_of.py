"""As it was on…: one child's profile, words, grammar, cards and chat rebuilt as they were at an instant by
replaying the child's audit rows in id order (:func:`state_as_of`); compared with today (:func:`diff_with_now`);
and made so again (:func:`restore_child_to`) as one audited ``restore`` batch after a safety backup, touching no
other child. Qt-free; an engine above the store, like :mod:`desktop.history`, whose row helpers it writes with.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import peewee
from peewee import fn

from desktop import history
from desktop.store import audit, audit_log, db
from desktop.store.schema import AUDIT_COLUMNS, COLUMNS

log = logging.getLogger(__name__)

LOG = audit.LOG


def _database() -> peewee.Database:
    return db.current()


@dataclass
class ChildState:
    """One child as it was (or is): the profile row (``None`` if the child did not exist) and every record, by
    table and id."""

    profile_id: str
    as_of: datetime | None
    profile: dict[str, Any] | None
    records: dict[str, dict[history.RecordId, dict[str, Any]]] = field(
        default_factory=lambda: {t: {} for t in history.RECORD_TABLES}
    )

    @property
    def exists(self) -> bool:
        return self.profile is not None

    def rows(self, kind: str) -> list[dict[str, Any]]:
        """The records of one kind (``words``, ``grammar``, ``cards``, ``chat`` or a table name), by id."""
        table = history.KINDS.get(kind, kind)
        return [self.records[table][k] for k in sorted(self.records[table], key=_sort_key)]

    @property
    def words(self) -> list[dict[str, Any]]:
        return self.rows("words")

    @property
    def grammar(self) -> list[dict[str, Any]]:
        return self.rows("grammar")

    @property
    def cards(self) -> list[dict[str, Any]]:
        return self.rows("cards")

    @property
    def chat(self) -> list[dict[str, Any]]:
        return self.rows("chat")

    def counts(self) -> dict[str, int]:
        return {kind: len(self.records[table]) for kind, table in history.KINDS.items()}


def _sort_key(value: object) -> tuple[int, int, str]:
    return (0, value, "") if isinstance(value, int) else (1, 0, str(value))


def current_state(profile_id: str) -> ChildState:
    """The child as the database holds it now."""
    state = ChildState(profile_id, None, history.current_row("profiles", profile_id))
    for table in history.RECORD_TABLES:
        cols = COLUMNS[table]
        source = history.data_table(table)
        query = source.select(*(peewee.Column(source, c) for c in cols))
        query = query.where(peewee.Column(source, "profile_id") == profile_id).order_by(peewee.Column(source, "id"))
        for row in _database().execute(query).fetchall():
            values = dict(zip(cols, row, strict=True))
            state.records[table][values["id"]] = values
    return state


def _changed_at() -> peewee.ColumnBase:
    """``changed_at`` in the ISO form (the old backend wrote a space for the ``T``)."""
    return fn.REPLACE(LOG.changed_at, " ", "T")


def _entries_for(profile_id: str, *where: peewee.Node) -> Iterable[tuple[Any, ...]]:
    query = LOG.select(*(getattr(LOG, c) for c in AUDIT_COLUMNS)).where(LOG.profile_id == profile_id, *where)
    cursor = _database().execute(query.order_by(LOG.id))
    while True:
        chunk = cursor.fetchmany(2000)
        if not chunk:
            return
        yield from chunk


def state_as_of(profile_id: str, when_utc: str | datetime) -> ChildState:
    """The child ``profile_id`` exactly as it was at ``when_utc`` (aware, or naive meaning UTC), rebuilt from the
    audit log: every INSERT / UPDATE / DELETE of the child's rows up to that instant, replayed in id order.

    Rows that were there before the log began (a database the old app made) have no INSERT: a row whose first
    entry after the instant is an UPDATE or DELETE was there with that entry's old values, and a row that has no
    entry at all has been as it is now all along."""
    moment = audit_log.audit_time(when_utc)
    state = ChildState(profile_id, audit_log.as_utc(when_utc), None)
    seen: set[tuple[str, object]] = set()

    def put(table: str, values: dict[str, Any] | None, rid: history.RecordId) -> None:
        if table == "profiles":
            state.profile = values
        elif table in state.records:
            if values is None:
                state.records[table].pop(rid, None)
            else:
                state.records[table][rid] = values

    for row in _entries_for(profile_id, _changed_at() <= moment):
        entry = audit.AuditEntry.from_row(row)
        rid = history.row_key(entry.table_name, entry.record_id)
        seen.add((entry.table_name, rid))
        put(entry.table_name, None if entry.action == "DELETE" else entry.new, rid)
    # Rows first seen after the instant: there already (with the old values) unless their first entry is INSERT.
    firsts = (
        LOG.select(fn.MIN(LOG.id))
        .where(LOG.profile_id == profile_id, _changed_at() > moment)
        .group_by(LOG.table_name, LOG.record_id)
    )
    query = LOG.select(LOG.table_name, LOG.record_id, LOG.action, LOG.old_value).where(LOG.id.in_(firsts))
    later = _database().execute(query).fetchall()
    for table, record_id, action, old_value in later:
        rid = history.row_key(table, record_id)
        if (table, rid) in seen:
            continue
        seen.add((table, rid))
        if action != "INSERT" and old_value:
            put(table, json.loads(old_value), rid)
    # Rows without any entry at all: unchanged since before the log began.
    now = current_state(profile_id)
    if ("profiles", profile_id) not in seen and now.profile is not None:
        state.profile = now.profile
    for table in history.RECORD_TABLES:
        for rid, values in now.records[table].items():
            if (table, rid) not in seen:
                state.records[table][rid] = values
    return state


@dataclass
class RecordChange:
    """One record that differs between then and now: ``then`` / ``now`` rows and the fields that differ."""

    table: str
    record_id: history.RecordId
    then: dict[str, Any]
    now: dict[str, Any]
    fields: list[str]


@dataclass
class ChildDiff:
    """What happened to a child since a moment: records added since, removed since and changed since (by table),
    and the profile fields that changed (``{field: (then, now)}``)."""

    profile_id: str
    as_of: datetime | None
    then_exists: bool
    now_exists: bool
    profile_changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    added: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in history.RECORD_TABLES})
    removed: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in history.RECORD_TABLES})
    changed: dict[str, list[RecordChange]] = field(default_factory=lambda: {t: [] for t in history.RECORD_TABLES})
    then_profile: dict[str, Any] | None = None

    @property
    def is_empty(self) -> bool:
        return (
            self.then_exists == self.now_exists
            and not self.profile_changes
            and not any(self.added.values())
            and not any(self.removed.values())
            and not any(self.changed.values())
        )

    def counts(self) -> dict[str, dict[str, int]]:
        """``{kind: {"added": n, "removed": n, "changed": n}}``."""
        return {
            kind: {"added": len(self.added[t]), "removed": len(self.removed[t]), "changed": len(self.changed[t])}
            for kind, t in history.KINDS.items()
        }

    def total(self) -> int:
        return sum(len(v) for d in (self.added, self.removed, self.changed) for v in d.values()) + (
            1 if self.profile_changes or self.then_exists != self.now_exists else 0
        )


def diff_with_now(state: ChildState) -> ChildDiff:
    """Compare a past state of a child with the child today."""
    now = current_state(state.profile_id)
    diff = ChildDiff(state.profile_id, state.as_of, state.exists, now.exists, then_profile=state.profile)
    if state.profile is not None and now.profile is not None:
        diff.profile_changes = {
            f: (state.profile.get(f), now.profile.get(f))
            for f in history.differing_fields("profiles", state.profile, now.profile)
        }
    for table in history.RECORD_TABLES:
        then_rows, now_rows = state.records[table], now.records[table]
        for rid in sorted(now_rows.keys() - then_rows.keys(), key=_sort_key):
            diff.added[table].append(now_rows[rid])
        for rid in sorted(then_rows.keys() - now_rows.keys(), key=_sort_key):
            diff.removed[table].append(then_rows[rid])
        for rid in sorted(then_rows.keys() & now_rows.keys(), key=_sort_key):
            fields = history.differing_fields(table, then_rows[rid], now_rows[rid])
            if fields:
                diff.changed[table].append(RecordChange(table, rid, then_rows[rid], now_rows[rid], fields))
    return diff


@dataclass
class RestoreChildResult:
    """What :func:`restore_child_to` did: the audited batch, the safety backup and the difference it undid."""

    batch_id: str
    diff: ChildDiff
    backup_path: Path | None = None

    def counts(self) -> dict[str, dict[str, int]]:
        return self.diff.counts()


def restore_child_to(profile_id: str, when_utc: str | datetime, backup: bool = True) -> RestoreChildResult:
    """Make one child's profile and records what they were at ``when_utc``, as one audited batch (actor
    ``restore``, noted ``restore-child``), after a safety backup. Other children are not touched.

    Records added since are deleted, records removed since come back under their old ids, changed ones get their
    old values. Raises :class:`history.RevertBlocked` (``not_yet``) if the child did not exist at that moment."""
    probe = state_as_of(profile_id, when_utc)
    if not probe.exists:
        raise history.RevertBlocked("not_yet", "profiles", profile_id, label=profile_id)
    if diff_with_now(probe).is_empty:
        return RestoreChildResult(batch_id="", diff=diff_with_now(probe))
    backup_path = history.safety_backup("before-child-restore") if backup else None
    try:
        batch, diff = _restore_child(profile_id, when_utc, backup_path)
    except peewee.IntegrityError as exc:
        raise history.HistoryError(
            "The child could not be put back as it was: two of the records would collide. Nothing was changed."
        ) from exc
    return RestoreChildResult(batch_id=batch, diff=diff, backup_path=backup_path)


def _restore_child(profile_id: str, when_utc: str | datetime, backup_path: Path | None) -> tuple[str, ChildDiff]:
    with audit.writing("restore") as batch:
        # Read again inside the write transaction: nothing can change between what is compared and what is written.
        state = state_as_of(profile_id, when_utc)
        diff = diff_with_now(state)
        counts = diff.counts()
        audit.note_batch(
            "restore-child",
            {
                "profile_id": profile_id,
                "as_of": audit_log.audit_time(when_utc),
                "counts": counts,
                "backup": backup_path.name if backup_path else None,
            },
        )
        if not diff.now_exists and state.profile is not None:  # restore_child_to refused a child not yet born
            history.insert_row("profiles", state.profile)
        # Deletes first, then edits, then re-inserts: a word removed and added again under a new id does not
        # collide with itself.
        for table in history.RECORD_TABLES:
            for row in diff.added[table]:
                history.delete_row(table, row["id"])
        for table in history.RECORD_TABLES:
            for change in diff.changed[table]:
                history.update_row(table, change.record_id, {f: change.then.get(f) for f in change.fields})
        for table in history.RECORD_TABLES:
            for row in diff.removed[table]:
                history.insert_row(table, row)
        if diff.now_exists and diff.profile_changes:
            history.update_row("profiles", profile_id, {f: then for f, (then, _now) in diff.profile_changes.items()})
    return batch, diff

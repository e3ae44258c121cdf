"""The audit log saved as a file, in a worker: CSV for a spreadsheet (names and words, not ids; formula-safe through
:mod:`desktop.csv_export`) or JSON (the whole old and new rows). Either is written whole or not at all."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path

from desktop import csv_export, history, paths
from desktop.settings import QT_TRANSLATE_NOOP
from desktop.store import audit, audit_log, db
from desktop.store.audit_log import LogFilter
from desktop.ui import formatting
from desktop.ui.audit.names import ACTION_NAMES, ACTOR_NAMES, TABLE_NAMES, batch_title, entry_summary, name_of, tr
from desktop.ui.workers import Worker

#: How many entries the CSV export describes at a time (their batches' notes are read together).
CHUNK = 1000


def export_job(
    path: Path,
    f: LogFilter,
    header: list[str],
    names: dict[str, str],
    children: dict[str, str],
    writing: str,
) -> Callable[[Worker], int]:
    """The worker's job writing the entries ``f`` matches to ``path`` (JSON if it ends in ``.json``, else CSV
    with ``header``); ``names`` are the children's names (JSON), ``children`` how the CSV names them (a deleted
    one as it was); progress is ``writing`` with ``{n}`` the entries written. Returns how many were written."""
    as_json = path.suffix.lower() == ".json"

    def job(worker: Worker) -> int:
        def entries() -> Iterator[audit.AuditEntry]:
            for entry in audit_log.iter_log(f):
                worker.check()
                yield entry

        def progress(n: int) -> None:
            worker.report(0, 0, writing.format(n=f"{n:,}"))

        if as_json:
            return write_json(path, entries(), names, progress)
        return csv_export.write_csv(path, header, csv_rows(entries(), children), progress=progress)

    return job


def csv_rows(entries: Iterable[audit.AuditEntry], children: dict[str, str]) -> Iterator[list]:
    """The rows with their batches described; the batches' notes are read a thousand rows at a time."""
    notes: dict[str, dict] = {}
    chunk: list[audit.AuditEntry] = []
    for entry in chain(entries, [None]):
        if entry is not None:
            chunk.append(entry)
        if chunk and (entry is None or len(chunk) == CHUNK):
            wanted = {e.batch_id for e in chunk if e.batch_id and e.batch_id not in notes}
            found = audit.batch_notes(db.current(), wanted) if wanted else {}
            notes.update({b: found.get(b, {}) for b in wanted})
            yield from (csv_row(e, children, notes.get(e.batch_id or "")) for e in chunk)
            chunk = []


def csv_row(entry: audit.AuditEntry, children: dict[str, str], note: dict | None) -> list:
    """One change for a spreadsheet: names and words, not ids (the JSON export keeps the whole rows)."""
    child = (
        children.get(entry.profile_id or "", tr(QT_TRANSLATE_NOOP("AuditLog", "a deleted child")))
        if entry.profile_id
        else ""
    )
    return [
        entry.id,
        formatting.local_time(entry.changed_at, seconds=True),
        entry.changed_at,
        name_of(ACTOR_NAMES, entry.changed_by) if entry.changed_by else "",
        child,
        name_of(TABLE_NAMES, entry.table_name),
        history.record_label(entry.table_name, entry.new or entry.old),
        name_of(ACTION_NAMES, entry.action),
        entry_summary(entry),
        batch_title(note) if note else "",
        json.dumps(entry.old, ensure_ascii=False) if entry.old is not None else "",
        json.dumps(entry.new, ensure_ascii=False) if entry.new is not None else "",
    ]


def write_json(
    path: Path, entries: Iterable[audit.AuditEntry], names: dict[str, str], progress: Callable[[int], None]
) -> int:
    """A JSON array of the entries (whole old / new rows), written to a temp file and renamed into place."""
    count = 0
    with paths.replacing(path, "w", encoding="utf-8") as out:
        out.write("[\n")
        for entry in entries:
            record = {
                "id": entry.id,
                "changed_at": entry.changed_at,
                "changed_by": entry.changed_by,
                "profile_id": entry.profile_id,
                "child": names.get(entry.profile_id or ""),
                "table": entry.table_name,
                "record_id": entry.record_id,
                "action": entry.action,
                "batch_id": entry.batch_id,
                "old": entry.old,
                "new": entry.new,
            }
            out.write((",\n" if count else "") + json.dumps(record, ensure_ascii=False))
            count += 1
            if count % 1000 == 0:
                progress(count)
        out.write("\n]\n")
    return count

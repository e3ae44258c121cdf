"""The audit chain's anchors outside the database: after every commit of ours the chain head (last sealed row and
its hash) goes to a small owner-only file in the user-data folder, keyed by where the database lives, and every
backup's description records it too. ``verify`` checks that the chain still extends every anchor it can find: a
log cut short, or history rewritten and sealed anew, no longer passes through the anchored hash. The database's
own identity (``meta``) and the chain are :mod:`desktop.store.audit`'s.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import peewee

from desktop import paths
from desktop.store.audit import SEALS, _last_seal, _one, database_id
from desktop.store.engine import engine_of

log = logging.getLogger(__name__)


def anchor_key(database: peewee.Database) -> str:
    path = engine_of(database).path(database)
    return str(path.resolve()) if path is not None else str(getattr(database, "display_name", "server database"))


def anchor_path(key: str) -> Path:

    return paths.data_dir() / "anchors" / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"


def read_anchor(key: str) -> dict[str, Any] | None:
    try:
        data = json.loads(anchor_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _seal_hash_at(database: peewee.Database, last_id: int) -> str | None:
    found = _one(database, SEALS.select(SEALS.hash).where(SEALS.last_id == last_id).order_by(SEALS.id.desc()).limit(1))
    return None if found is None else str(found)


def _extends(database: peewee.Database, head: dict[str, Any]) -> bool:
    last_id = int(head.get("last_id") or 0)
    return last_id == 0 or _seal_hash_at(database, last_id) == head.get("hash")


def _fitting_anchor(database: peewee.Database, anchor: dict[str, Any] | None) -> dict[str, Any] | None:
    """The anchor entry that belongs to this database: the current one, or the one a restore announced before it
    replaced the file (a restore killed right after its rename leaves the announcement, not the update)."""
    if anchor is None:
        return None
    current_id = database_id(database)
    for entry in (anchor, anchor.get("pending")):
        if isinstance(entry, dict) and entry.get("database_id") == current_id:
            return entry
    return None


def _write_anchor(key: str, record: dict[str, Any]) -> None:

    path = anchor_path(key)
    paths.make_private_dir(path.parent)
    with paths.replacing(path, "w", durable=False, encoding="utf-8") as fh:
        json.dump(record, fh)


def _head_record(database: peewee.Database) -> dict[str, Any]:
    head_id, head_hash = _last_seal(database)
    return {
        "database_id": database_id(database),
        "last_id": head_id,
        "hash": head_hash,
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def update_anchor(database: peewee.Database, *, force: bool = False) -> None:
    """Record the chain head outside the file — unless the anchor already there no longer fits this database (it
    then stays, so that ``verify`` keeps saying so). ``force`` is for a new file and for the app's own restore."""
    try:
        key = anchor_key(database)
        anchor = read_anchor(key)
        record = _head_record(database)
        if not force and anchor is not None:
            entry = _fitting_anchor(database, anchor)
            if entry is None or not _extends(database, entry):
                return
            if entry is anchor and int(anchor.get("last_id") or 0) == record["last_id"]:
                return
        _write_anchor(key, record)
    except Exception:  # an anchor is extra evidence, never a reason for a save to fail
        log.warning("could not write the audit anchor", exc_info=False)


def announce_replacement(key: str, incoming: peewee.Database, live: peewee.Database | None = None) -> None:
    """Before the app's own restore renames ``incoming`` (a database) over the file at ``key`` (``live``, the
    database there now, if any): the anchor keeps the entry that fits the live file and adds the incoming file's id
    and head as the expected next one, so that whichever file a kill leaves in place fits the anchor."""
    anchor = read_anchor(key) or {}
    entry = _fitting_anchor(live, anchor) if live is not None and anchor else None
    record = dict(entry) if entry is not None else {k: v for k, v in anchor.items() if k != "pending"}
    record["pending"] = _head_record(incoming)
    _write_anchor(key, record)


def backup_heads(database_id_: str) -> list[tuple[str, dict[str, Any]]]:
    """(backup file name, chain head) from every backup description in the backups folder for this database."""

    folder = paths.backups_dir(create=False)
    out: list[tuple[str, dict[str, Any]]] = []
    if not folder.is_dir():
        return out
    for manifest in sorted(folder.glob("*.json")):
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        head = data.get("chain_head") if isinstance(data, dict) else None
        if data.get("database_id") == database_id_ and isinstance(head, dict):
            out.append((manifest.name, head))
    return out


def anchor_problems(database: peewee.Database, *, earlier_point: bool = False) -> list[str]:
    """Problems found by comparing the chain with every anchor outside the file (read-only).

    ``earlier_point``: the file is a backup, an earlier point of its database's history, so heads beyond its own are
    no sign of a log cut short: only the other backups' heads it has reached must lie on its chain (the anchor file
    belongs to where a database lives, not to a backup)."""
    problems: list[str] = []
    current_id = database_id(database)
    head_id, _ = _last_seal(database)
    if earlier_point:
        return [
            _anchor_sentence(f"backup {name}", head, head_id)
            for name, head in (backup_heads(current_id) if current_id else [])
            if int(head.get("last_id") or 0) <= head_id and not _extends(database, head)
        ]
    anchor = read_anchor(anchor_key(database))
    if anchor is not None:
        entry = _fitting_anchor(database, anchor)
        if entry is None:
            problems.append(
                "this file is not the database the app last wrote at this place (its id differs from the anchor "
                "the app keeps outside the file): it was replaced or its identity rewritten"
            )
        elif not _extends(database, entry):
            problems.append(_anchor_sentence("the app's anchor file", entry, head_id))
    if current_id:
        for name, head in backup_heads(current_id):
            if not _extends(database, head):
                problems.append(_anchor_sentence(f"backup {name}", head, head_id))
    return problems


def _anchor_sentence(where: str, head: dict[str, Any], head_id: int) -> str:
    last_id = int(head.get("last_id") or 0)
    if last_id > head_id:
        return f"the audit log was cut short: {where} saw it sealed up to entry {last_id}, now it ends at {head_id}"
    return f"the sealed audit history was rewritten: it no longer matches {where} at entry {last_id}"

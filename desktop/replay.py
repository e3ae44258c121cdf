"""The log explains the data: ``verify`` replays the audit log against the tables.

Four rules, checked in SQL on both engines (read-only):

1. for every row of every data table, the newest audit entry for that record is not a DELETE and its new value
   equals the row;
2. every record whose newest entry is not a DELETE exists;
3. each entry's old value equals the previous entry's new value for that record (an INSERT follows nothing or a
   DELETE; an UPDATE or DELETE follows an INSERT or UPDATE);
4. no entry refers to a record that never existed (the first entry of every record is an INSERT).

``version`` is left out of every comparison: it is bookkeeping the app and a trigger raise without an audit row.
A database adopted from the old backend got one baseline INSERT per row when it was adopted (a batch of kind
``adopt``): entries before the first baseline are the old backend's own history, kept but not replayed.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from dataclasses import dataclass

from desktop.store import audit
from desktop.store.engine import engine_of
from desktop.store.schema import DATA_TABLES

#: How many mismatches are listed one by one; the rest are counted.
LISTED = 20
#: The first audit id replayed (see :func:`desktop.store.audit.baseline_from`), for the length of one :func:`mismatches` call.
_SINCE: ContextVar[int] = ContextVar("replay_since", default=1)


@dataclass(frozen=True)
class Mismatch:
    table: str
    record_id: str
    kind: str  # "changed outside the log", "deleted outside the log", "no history", "broken history", …

    def sentence(self) -> str:
        return f"{self.table} record {self.record_id}: {self.kind}"


def _python_equal(logged: str | None, row: str | None) -> bool:
    """Text that differs only in how a JSON writer spelled it (never expected on one engine) is still equal."""
    try:
        a, b = json.loads(logged) if logged else None, json.loads(row) if row else None
    except ValueError:
        return False
    if isinstance(a, dict):
        a.pop("version", None)
    if isinstance(b, dict):
        b.pop("version", None)
    return a == b and a is not None


def _scan(database, entries: int = 0, total: int = 0) -> str:
    """How to read one table's entries: through the table-name index when they are a small part of the log, else
    NOT INDEXED (one sequential read beats visiting most rows in table-name order through the index)."""
    return "NOT INDEXED" if engine_of(database).needs_planner_hints and entries * 10 >= total else ""


def _census(database) -> dict[str, dict[str, int]]:
    """{table: {action: entries}} of the replayed log, in one sequential read."""
    out: dict[str, dict[str, int]] = {}
    for table, action, n in database.execute_sql(
        f"SELECT table_name, action, count(*) FROM audit_log {_scan(database, 1, 1)} WHERE id >= {database.param} "
        "GROUP BY table_name, action",
        (_SINCE.get(),),
    ):
        out.setdefault(str(table), {})[str(action)] = n
    return out


def _order_kind(table: str, action: str, prev_action: str | None) -> str:
    if table not in DATA_TABLES or action not in ("INSERT", "UPDATE", "DELETE"):
        return f"an audit entry of an unknown kind ({action} on {table})"
    if action == "INSERT":
        return "inserted twice without a delete between" if prev_action else "an INSERT entry with an old value"
    return f"an {action} entry for a record that did not exist"


def _newest(database, table: str, found: list[Mismatch], scan: str) -> int:
    """Rules 1 and 2 for one table, and rules 3 and 4 for records with a single entry (an INSERT with no old value)
    or only INSERTs; returns how many records the log keeps alive whose row is gone. Per record: its newest entry
    (a GROUP BY — SQLite's window functions cost twice as much) joined to its row, comparing only the mismatches."""
    p = database.param
    logged, row = engine_of(database).logged_json_sql("a.new_value"), engine_of(database).row_json_sql(table, "t")
    per_record = (
        "SELECT record_id, max(id) AS aid, count(*) AS n, "
        "sum(CASE WHEN action = 'INSERT' THEN 0 ELSE 1 END) AS later "
        f"FROM audit_log {scan} WHERE table_name = {p} AND id >= {p} GROUP BY record_id"
    )
    sql = (
        f"SELECT x.record_id, x.n, x.later, a.action, a.old_value IS NULL, t.id IS NOT NULL, {logged}, {row} "
        f"FROM ({per_record}) x JOIN audit_log a ON a.id = x.aid "
        f"LEFT JOIN {table} t ON {engine_of(database).record_key_sql('t')} = x.record_id "
        "WHERE (x.n > 1 AND x.later = 0) OR (x.n = 1 AND (a.action <> 'INSERT' OR a.old_value IS NOT NULL)) "
        f"OR (a.action = 'DELETE') = (t.id IS NOT NULL) "
        f"OR (t.id IS NOT NULL AND NOT {engine_of(database).same_sql(logged, row)})"
    )
    exact, gone = engine_of(database).canonical_json, 0
    for record_id, n, later, action, no_old, exists, logged_text, row_text in database.execute_sql(
        sql, (table, _SINCE.get())
    ):
        record = str(record_id)
        if n > 1 and later == 0:
            found.append(Mismatch(table, record, "inserted twice without a delete between"))
        elif n == 1 and action != "INSERT":
            found.append(Mismatch(table, record, _order_kind(table, action, None)))
        elif n == 1 and not no_old:
            found.append(Mismatch(table, record, "an INSERT entry with an old value"))
        if action == "DELETE":
            if exists:
                found.append(Mismatch(table, record, "exists although the log says it was deleted"))
        elif not exists:
            gone += 1
            found.append(Mismatch(table, record, "deleted without an audit record"))
        elif logged_text != row_text and (exact or not _python_equal(logged_text, row_text)):
            found.append(Mismatch(table, record, "changed without an audit record"))
    return gone


def _histories(database, table: str, found: list[Mismatch], scan: str) -> None:
    """Rules 3 and 4 for the records that were changed or deleted (those with an UPDATE or DELETE entry): each
    entry follows the one before it, and its old value is the previous entry's new value."""
    p = database.param
    changed = f"SELECT record_id FROM audit_log {scan} WHERE table_name = {p} AND id >= {p} AND action <> 'INSERT'"
    window = (
        "SELECT id, record_id, action, old_value IS NULL AS no_old, LAG(id) OVER w AS prev_id, "
        f"LAG(action) OVER w AS prev_action FROM audit_log {scan} WHERE table_name = {p} AND id >= {p} "
        f"AND record_id IN ({changed}) WINDOW w AS (PARTITION BY record_id ORDER BY id)"
    )
    old, prev_new = (
        engine_of(database).logged_json_sql("a.old_value"),
        engine_of(database).logged_json_sql("b.new_value"),
    )
    sql = (
        f"SELECT x.record_id, x.action, x.prev_action, x.no_old, {old}, {prev_new} FROM ({window}) x "
        "JOIN audit_log a ON a.id = x.id LEFT JOIN audit_log b ON b.id = x.prev_id "
        "WHERE x.action NOT IN ('INSERT', 'UPDATE', 'DELETE') "
        "OR (x.action = 'INSERT' AND (NOT x.no_old OR (x.prev_action IS NOT NULL AND x.prev_action <> 'DELETE'))) "
        "OR (x.action <> 'INSERT' AND (x.prev_action IS NULL OR x.prev_action = 'DELETE')) "
        f"OR (x.action <> 'INSERT' AND NOT {engine_of(database).same_sql(old, prev_new)})"
    )
    since = _SINCE.get()
    for record_id, action, prev_action, no_old, old_text, prev_text in database.execute_sql(
        sql, (table, since, table, since)
    ):
        record = str(record_id)
        ordered = (action == "INSERT" and no_old and prev_action in (None, "DELETE")) or (
            action in ("UPDATE", "DELETE") and prev_action in ("INSERT", "UPDATE")
        )
        if not ordered:
            found.append(Mismatch(table, record, _order_kind(table, action, prev_action)))
        elif action != "INSERT" and (engine_of(database).canonical_json or not _python_equal(old_text, prev_text)):
            found.append(
                Mismatch(
                    table,
                    record,
                    "its history skips a change (an entry's old value is not the previous entry's new value)",
                )
            )


def _stray_entries(database, found: list[Mismatch]) -> None:
    """Entries for tables that are not ours."""
    p = database.param
    marks = ", ".join([p] * len(DATA_TABLES))
    for table, record_id, action in database.execute_sql(
        f"SELECT table_name, record_id, action FROM audit_log WHERE id >= {p} AND table_name NOT IN ({marks}) "
        f"LIMIT {LISTED + 1}",
        (_SINCE.get(), *DATA_TABLES),
    ):
        found.append(Mismatch(str(table), str(record_id), _order_kind(str(table), action, None)))


def _unlogged_rows(database, census: dict, gone: dict[str, int], found: list[Mismatch]) -> None:
    """Rows the log has never heard of (inserted with the triggers off): a table with more rows than its log keeps
    alive (INSERTs minus DELETEs, less those found gone) is searched for them."""
    p, since = database.param, _SINCE.get()
    alive = {t: census.get(t, {}).get("INSERT", 0) - census.get(t, {}).get("DELETE", 0) for t in DATA_TABLES}
    for table in DATA_TABLES:
        total = database.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]
        if total == alive[table] - gone[table]:
            continue
        rows = database.execute_sql(
            f"SELECT t.id FROM {table} t WHERE {engine_of(database).record_key_sql('t')} NOT IN "
            f"(SELECT record_id FROM audit_log WHERE table_name = {p} AND id >= {p}) LIMIT {LISTED + 1}",
            (table, since),
        ).fetchall()
        for (record_id,) in rows:
            found.append(Mismatch(table, str(record_id), "added without an audit record"))


def mismatches(database) -> list[Mismatch]:
    """Every way the data and the log disagree (read-only)."""
    found: list[Mismatch] = []
    with database.atomic():  # one snapshot for every query
        token = _SINCE.set(audit.baseline_from(database))
        try:
            census = _census(database)
            total = sum(sum(actions.values()) for actions in census.values())
            gone = dict.fromkeys(DATA_TABLES, 0)
            for table in DATA_TABLES:
                actions = census.get(table, {})
                scan = _scan(database, sum(actions.values()), total)
                if actions:
                    gone[table] = _newest(database, table, found, scan)
                if set(actions) - {"INSERT"}:
                    _histories(database, table, found, scan)
            if set(census) - set(DATA_TABLES):
                _stray_entries(database, found)
            _unlogged_rows(database, census, gone, found)
        finally:
            _SINCE.reset(token)
    return found


def problems(database) -> list[str]:
    """Plain sentences for the health report: the first :data:`LISTED` mismatches one by one, then a count."""
    found = mismatches(database)
    out = [m.sentence() for m in found[:LISTED]]
    if len(found) > LISTED:
        out.append(f"… and {len(found) - LISTED} more records that the audit log does not explain")
    return out

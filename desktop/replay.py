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
from dataclasses import dataclass

from desktop import audit
from desktop.schema import COLUMNS, DATA_TABLES

#: How many mismatches are listed one by one; the rest are counted.
LISTED = 20


@dataclass(frozen=True)
class Mismatch:
    table: str
    record_id: str
    kind: str  # "changed outside the log", "deleted outside the log", "no history", "broken history", …

    def sentence(self) -> str:
        return f"{self.table} record {self.record_id}: {self.kind}"


def _pg(database) -> bool:
    from desktop import db as dbmod

    return dbmod.engine_of(database).name == "postgres"


def _row_json(database, table: str) -> str:
    """The row as the audit trigger writes it, without ``version``."""
    if _pg(database):
        return "(to_jsonb(t) - 'version')"
    parts = ", ".join(f"'{c}', t.\"{c}\"" for c in COLUMNS[table] if c != "version")
    return f"json_object({parts})"


def _logged_json(database, expr: str) -> str:
    return f"({expr}::jsonb - 'version')" if _pg(database) else f"json_remove({expr}, '$.version')"


def _same_json(database, a: str, b: str) -> str:
    return f"({a} IS NOT DISTINCT FROM {b})" if _pg(database) else f"({a} IS {b})"


def _record_join(database) -> str:
    # SQLite converts the TEXT record id to the INTEGER key's affinity and uses the primary key; PostgreSQL wants
    # the types to agree.
    return "CAST(t.id AS TEXT) = l.record_id" if _pg(database) else "t.id = l.record_id"


def _baseline_from(database) -> int:
    """The first audit id replayed: the first baseline entry of an adopted database, else 1."""
    p = database.param
    row = database.execute_sql(
        f"SELECT min(a.id) FROM audit_log a JOIN audit_batch b ON b.batch_id = a.batch_id WHERE b.kind = {p}",
        (audit.ADOPT_KIND,),
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else 1


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


def _rows_against_log(database, table: str, since: int, found: list[Mismatch]) -> None:
    """Rules 1 and 2 for one table."""
    p = database.param
    row_json = _row_json(database, table)
    logged = _logged_json(database, "a.new_value")
    latest = (
        f"SELECT record_id, max(id) AS aid FROM audit_log WHERE table_name = {p} AND id >= {p} GROUP BY record_id"
    )
    # Rows whose newest entry is missing, a DELETE, or says something else; entries whose row is gone.
    sql = (
        f"SELECT l.record_id, a.action, t.id IS NOT NULL, {logged}, {row_json} "
        f"FROM ({latest}) l JOIN audit_log a ON a.id = l.aid LEFT JOIN {table} t ON {_record_join(database)} "
        f"WHERE (a.action = 'DELETE') = (t.id IS NOT NULL) "
        f"OR (t.id IS NOT NULL AND NOT {_same_json(database, logged, row_json)})"
    )
    for record_id, action, exists, logged_text, row_text in database.execute_sql(sql, (table, since)):
        if action == "DELETE":
            found.append(Mismatch(table, str(record_id), "exists although the log says it was deleted"))
        elif not exists:
            found.append(Mismatch(table, str(record_id), "deleted without an audit record"))
        elif _pg(database) or not _python_equal(logged_text, row_text):
            found.append(Mismatch(table, str(record_id), "changed without an audit record"))
    # Rows the log has never heard of (inserted with the triggers off).
    logged_rows = database.execute_sql(
        f"SELECT count(*) FROM ({latest}) l JOIN audit_log a ON a.id = l.aid "
        f"JOIN {table} t ON {_record_join(database)} WHERE a.action <> 'DELETE'",
        (table, since),
    ).fetchone()[0]
    total = database.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]
    if total != logged_rows:
        key = "CAST(t.id AS TEXT)"
        rows = database.execute_sql(
            f"SELECT t.id FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.table_name = {p} "
            f"AND a.id >= {p} AND a.record_id = {key}) LIMIT {LISTED + 1}",
            (table, since),
        ).fetchall()
        for (record_id,) in rows:
            found.append(Mismatch(table, str(record_id), "added without an audit record"))


def _history_breaks(database, since: int, found: list[Mismatch]) -> None:
    """Rules 3 and 4: each record's entries follow one another."""
    p = database.param
    tables = ", ".join(f"'{t}'" for t in DATA_TABLES)
    window = (
        "SELECT id, table_name, record_id, action, old_value IS NULL AS no_old, "
        "LAG(id) OVER w AS prev_id, LAG(action) OVER w AS prev_action "
        f"FROM audit_log WHERE id >= {p} WINDOW w AS (PARTITION BY table_name, record_id ORDER BY id)"
    )
    order = (
        f"SELECT table_name, record_id, action, prev_action FROM ({window}) x WHERE "
        f"table_name NOT IN ({tables}) OR action NOT IN ('INSERT', 'UPDATE', 'DELETE') "
        "OR (action = 'INSERT' AND (NOT no_old OR (prev_action IS NOT NULL AND prev_action <> 'DELETE'))) "
        "OR (action <> 'INSERT' AND (prev_action IS NULL OR prev_action = 'DELETE'))"
    )
    for table, record_id, action, prev_action in database.execute_sql(order, (since,)):
        if table not in DATA_TABLES or action not in ("INSERT", "UPDATE", "DELETE"):
            kind = f"an audit entry of an unknown kind ({action} on {table})"
        elif action == "INSERT":
            kind = "inserted twice without a delete between" if prev_action else "an INSERT entry with an old value"
        else:
            kind = f"an {action} entry for a record that did not exist"
        found.append(Mismatch(table, str(record_id), kind))
    old, prev_new = _logged_json(database, "a.old_value"), _logged_json(database, "b.new_value")
    pairs = (
        f"SELECT a.table_name, a.record_id, a.old_value, b.new_value FROM ({window}) x "
        "JOIN audit_log a ON a.id = x.id JOIN audit_log b ON b.id = x.prev_id "
        f"WHERE x.action IN ('UPDATE', 'DELETE') AND NOT {_same_json(database, old, prev_new)}"
    )
    for table, record_id, old_text, prev_text in database.execute_sql(pairs, (since,)):
        if _pg(database) or not _python_equal(old_text, prev_text):
            found.append(Mismatch(table, str(record_id), "its history skips a change (an entry's old value is "
                                                         "not the previous entry's new value)"))


def mismatches(database) -> list[Mismatch]:
    """Every way the data and the log disagree (read-only)."""
    since = _baseline_from(database)
    found: list[Mismatch] = []
    for table in DATA_TABLES:
        _rows_against_log(database, table, since, found)
    _history_breaks(database, since, found)
    return found


def problems(database) -> list[str]:
    """Plain sentences for the health report: the first :data:`LISTED` mismatches one by one, then a count."""
    found = mismatches(database)
    out = [m.sentence() for m in found[:LISTED]]
    if len(found) > LISTED:
        out.append(f"… and {len(found) - LISTED} more records that the audit log does not explain")
    return out

"""A child's audit log filtered to one table walks the child's rows, not every child's rows of that table: SQLite
without planner statistics (the app runs ANALYZE only on Optimize) preferred the table's index, and a child's cards
on a 3M-row log took 1.3–2.5 s to show (bench/audit_viewer.py --sizes). The rows shown are the same either way."""

from __future__ import annotations

from desktop import services
from desktop.store import db
from desktop.store.audit_log import LogFilter, fetch_log_page


def page_sql_plan(database, log_filter: LogFilter) -> tuple[list, str]:
    """The page's items and the query plan of the statement that chose its rows."""
    captured: list[tuple[str, tuple]] = []
    real = database.execute_sql

    def capture(sql, params=None, *args, **kwargs):
        captured.append((sql, params))
        return real(sql, params, *args, **kwargs)

    database.execute_sql = capture
    try:
        page = fetch_log_page(log_filter, group=False)
    finally:
        database.execute_sql = real
    sql, params = next((s, p) for s, p in captured if "substr" in s and "audit_log" in s)
    plan = " | ".join(row[-1] for row in real("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    return page.items, plan


def test_a_childs_cards_are_read_through_the_childs_index(ledger):
    children = [services.create_profile(f"Child {n} (孩子{n})")["id"] for n in range(3)]
    for pid in children:
        services.bulk_add_words(pid, [f"word {i}" for i in range(50)], "en")
        for i in range(4):
            services.add_card(pid, "basic", {"front": f"苹果 {i}", "back": "apple"})
    wanted = children[1]
    items, plan = page_sql_plan(db.current(), LogFilter(profile_id=wanted, table="approved_cards"))
    assert "idx_audit_log_profile" in plan and "idx_audit_log_table" not in plan, plan
    expected = [
        r[0]
        for r in db.current().execute_sql(
            "SELECT id FROM audit_log WHERE profile_id = ? AND table_name = 'approved_cards' ORDER BY id DESC",
            (wanted,),
        )
    ]
    assert [item.id for item in items] == expected and len(expected) == 4


def test_a_table_without_a_child_still_uses_the_tables_index(ledger):
    pid = services.create_profile("Child A (孩子甲)")["id"]
    services.add_card(pid, "basic", {"front": "猫", "back": "cat"})
    items, plan = page_sql_plan(db.current(), LogFilter(table="approved_cards"))
    assert "idx_audit_log_table" in plan, plan
    assert len(items) == 1

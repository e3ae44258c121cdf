"""The database the app creates is the migration plan's schema (tests/data/plan_schema.sql, copied verbatim from
the plan's ```sql blocks), compared by reading both back through PRAGMAs — never from the model classes."""

from __future__ import annotations

import re
from contextlib import closing
from pathlib import Path

import pytest

from desktop.store import cipher, db
from desktop.store.schema import DATA_TABLES, SCHEMA_VERSION

PLAN_SQL = (Path(__file__).parent.parent / "data" / "plan_schema.sql").read_text(encoding="utf-8")
PLAN_TABLES = (*DATA_TABLES, "audit_log")


def affinity(declared: str | None) -> str:
    """SQLite's column affinity rules (https://sqlite.org/datatype3.html §3.1), in order."""
    d = (declared or "").upper()
    if "INT" in d:
        return "INTEGER"
    if any(k in d for k in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if d == "" or "BLOB" in d:
        return "BLOB"
    if any(k in d for k in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def describe(con: cipher.dbapi.Connection) -> dict[str, dict]:
    """Every table's columns, AUTOINCREMENT, foreign keys and indexes, as SQLite reports them."""
    out = {}
    tables = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    for name, sql in tables.fetchall():
        columns = {
            r[1]: {"affinity": affinity(r[2]), "notnull": bool(r[3]), "default": r[4], "pk": r[5]}
            for r in con.execute(f'PRAGMA table_info("{name}")')
        }
        fks = {(r[3], r[2], r[4], r[6].upper()) for r in con.execute(f'PRAGMA foreign_key_list("{name}")')}
        indexes = {}
        for r in con.execute(f'PRAGMA index_list("{name}")').fetchall():
            cols = tuple(x[2] for x in con.execute(f'PRAGMA index_info("{r[1]}")'))
            indexes[r[1]] = {"unique": bool(r[2]), "columns": cols, "origin": r[3]}
        out[name] = {
            "columns": columns,
            "fks": fks,
            "indexes": indexes,
            "autoincrement": bool(re.search(r"\bAUTOINCREMENT\b", sql or "", re.I)),
        }
    return out


def plan_differences(plan: dict, have: dict) -> list[str]:
    """What ``have`` lacks or does differently from ``plan`` (additive columns/indexes/tables are fine)."""
    problems = []
    for table, p in plan.items():
        h = have.get(table)
        if h is None:
            problems.append(f"table {table} missing")
            continue
        for col, pc in p["columns"].items():
            hc = h["columns"].get(col)
            if hc is None:
                problems.append(f"{table}.{col} missing")
                continue
            for key in ("affinity", "notnull", "pk"):
                if hc[key] != pc[key]:
                    problems.append(f"{table}.{col} {key} {hc[key]!r}, plan {pc[key]!r}")
            if (hc["default"] or "").upper() != (pc["default"] or "").upper():
                problems.append(f"{table}.{col} default {hc['default']!r}, plan {pc['default']!r}")
        for col, hc in h["columns"].items():
            if col not in p["columns"] and hc["notnull"] and hc["default"] is None:
                problems.append(f"{table}.{col} is an added NOT NULL column without a default")
        if p["autoincrement"] != h["autoincrement"]:
            problems.append(f"{table} AUTOINCREMENT {h['autoincrement']}, plan {p['autoincrement']}")
        for fk in p["fks"] - h["fks"]:
            problems.append(f"{table} foreign key {fk} missing")
        for fk in h["fks"] - p["fks"]:
            problems.append(f"{table} foreign key {fk} not in the plan")
        for name, pi in p["indexes"].items():
            same_columns = [hi for hi in h["indexes"].values() if hi["columns"] == pi["columns"]]
            if not any(hi["unique"] == pi["unique"] for hi in same_columns):
                kind = "unique index" if pi["unique"] else "index"
                problems.append(f"{table}: no {kind} on {pi['columns']} (plan {name})")
            if pi["origin"] == "c" and name not in h["indexes"]:
                problems.append(f"{table}: index {name} missing by name")
    return problems


@pytest.fixture
def plan() -> dict:
    with closing(cipher.connect(":memory:")) as con:
        con.executescript(PLAN_SQL)
        return describe(con)


def read_back(path: Path) -> dict:
    with closing(cipher.connect(path)) as con:
        return describe(con)


def test_plan_file_holds_the_plans_six_tables(plan):
    assert set(plan) >= set(PLAN_TABLES)
    assert plan["mastered_words"]["fks"] == {("profile_id", "profiles", "id", "CASCADE")}
    assert any(
        i["unique"] and i["columns"] == ("profile_id", "word", "language")
        for i in plan["mastered_words"]["indexes"].values()
    )


def test_created_database_matches_the_plan(ledger, db_path, plan):
    db.close_database()
    have = read_back(db_path)
    assert plan_differences(plan, have) == []


def test_every_plan_detail_is_present(ledger, db_path):
    """Spot checks a reader can follow, on the app-created file."""
    db.close_database()
    have = read_back(db_path)
    words = have["mastered_words"]
    assert words["autoincrement"] and have["audit_log"]["autoincrement"]
    assert not have["profiles"]["autoincrement"]
    assert words["columns"]["id"]["pk"] == 1 and words["columns"]["id"]["affinity"] == "INTEGER"
    assert have["profiles"]["columns"]["id"]["affinity"] == "TEXT" and have["profiles"]["columns"]["id"]["pk"] == 1
    assert have["profiles"]["columns"]["mental_age"]["affinity"] == "REAL"
    assert words["columns"]["word"]["notnull"] and not words["columns"]["added_at"]["notnull"]
    assert words["columns"]["added_at"]["default"].upper() == "CURRENT_TIMESTAMP"
    for table in DATA_TABLES[1:]:
        assert ("profile_id", "profiles", "id", "CASCADE") in have[table]["fks"], table
    assert {
        "idx_mastered_words_profile",
        "idx_mastered_words_language",
        "idx_mastered_grammar_profile",
        "idx_approved_cards_profile",
        "idx_chat_messages_profile",
        "idx_chat_messages_timestamp",
        "idx_audit_log_table",
        "idx_audit_log_timestamp",
    } <= {name for t in have.values() for name in t["indexes"]}
    grammar_unique = [i for i in have["mastered_grammar"]["indexes"].values() if i["unique"]]
    assert [i["columns"] for i in grammar_unique] == [("profile_id", "grammar_uri")]


def test_schema_version_is_recorded(ledger, db_path):
    db.close_database()
    with closing(cipher.connect(db_path)) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_the_old_backends_plan_only_insert_still_works(ledger, db_path):
    """A program that knows only the plan's columns can still write (added columns have defaults)."""
    db.close_database()
    with closing(cipher.connect(db_path)) as con:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("INSERT INTO profiles (id, name) VALUES ('p1', 'Plan Child')")
        con.execute("INSERT INTO mastered_words (profile_id, word, language) VALUES ('p1', 'sun', 'en')")
        con.commit()
        assert con.execute("SELECT version FROM mastered_words").fetchone() == (1,)
        with pytest.raises(cipher.dbapi.IntegrityError):
            con.execute("INSERT INTO mastered_words (profile_id, word, language) VALUES ('p1', 'sun', 'en')")
        with pytest.raises(cipher.dbapi.IntegrityError):
            con.execute("INSERT INTO mastered_words (profile_id, word, language) VALUES ('nobody', 'x', 'en')")


def test_upgraded_plan_database_has_the_same_schema_as_a_fresh_one(tmp_path, db_path):
    """A database the old backend made from the plan's bare DDL ends up exactly like a freshly created one."""
    old = tmp_path / "old.db"
    with closing(cipher.connect(old)) as con:
        con.executescript(PLAN_SQL)
    db.open_database(db_path)
    db.close_database()
    db.open_database(old)
    db.close_database()
    fresh, upgraded = read_back(db_path), read_back(old)
    assert upgraded == fresh
    with closing(cipher.connect(old)) as a, closing(cipher.connect(db_path)) as b:
        triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        assert a.execute(triggers).fetchall() == b.execute(triggers).fetchall()
        assert a.execute("PRAGMA user_version").fetchone() == b.execute("PRAGMA user_version").fetchone()


# The comparison itself must notice each kind of difference, or the tests above could not fail.
MUTATIONS = {
    "autoincrement": (
        "id INTEGER PRIMARY KEY AUTOINCREMENT,\n    profile_id TEXT NOT NULL,\n    word",
        "id INTEGER PRIMARY KEY,\n    profile_id TEXT NOT NULL,\n    word",
    ),
    "cascade": (
        "REFERENCES profiles(id) ON DELETE CASCADE,\n    UNIQUE(profile_id, grammar_uri)",
        "REFERENCES profiles(id),\n    UNIQUE(profile_id, grammar_uri)",
    ),
    "unique": ("UNIQUE(profile_id, word, language)", "CHECK (1)"),
    "affinity": ("mental_age REAL", "mental_age TEXT"),
    "not null": ("card_type TEXT NOT NULL", "card_type TEXT"),
    "default": ("changed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP", "changed_at TIMESTAMP"),
    "index": ("CREATE INDEX idx_chat_messages_timestamp ON chat_messages(timestamp);", ""),
    "column": ("    neighborhood TEXT,\n", ""),
}


@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_comparison_notices_a_difference(kind, plan):
    before, after = MUTATIONS[kind]
    assert before in PLAN_SQL
    with closing(cipher.connect(":memory:")) as con:
        con.executescript(PLAN_SQL.replace(before, after, 1))
        assert plan_differences(plan, describe(con)) != []

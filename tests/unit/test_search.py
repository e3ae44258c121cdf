"""The audit log's text search through its index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL) returns exactly
the rows the old query (a LIKE / ILIKE scan of the log) returns, for hostile text on both sides: Chinese, emoji,
quotes, ``%``, ``_``, backslashes, FTS5 syntax (``"a" OR b*``, ``NEAR``, column filters), case. The user's text
is never read as FTS5 syntax. Rows the index does not cover yet, a damaged index and short texts keep exact
answers. Invented data only.
"""

from __future__ import annotations

import random
from contextlib import closing
from pathlib import Path

import pytest

from desktop import health, services
from desktop.backup.check import list_backups
from desktop.store import audit_log, cipher, db, search, upgrade
from desktop.store.audit_log import LogFilter
from desktop.store.engine import engine_of
from desktop.store.schema import PG_SEARCH_INDEXES

PLAN_SQL = (Path(__file__).parent.parent / "data" / "plan_schema.sql").read_text(encoding="utf-8")

#: Values written into the records (and so into the audit log's JSON), and texts searched for.
HOSTILE_VALUES = [
    '"a" OR b*',
    "NEAR(apple pear, 2)",
    "old_value: secret",
    "new_value:{x y} ^start",
    "50% off_the_shelf",
    "100%_sure",
    "back\\slash \\% \\_",
    "It's \"quoted\" ''twice''",
    "苹果和香蕉",
    "今天学了葡萄。",
    "🍎🍐😀 emoji 🎉",
    "ÉCOLE école Straße STRASSE",
    "MiXeD CaSe Apple",
    "a-b (c) [d] {e} + * : ^ ~",
    "line\nbreak\ttab",
    "ab",
    "x",
]
QUERIES = [
    '"a" OR b*',
    '"a"',
    "a* OR",
    "NEAR(apple",
    "NEAR(apple pear, 2)",
    "old_value:",
    "old_value: secret",
    "new_value:{x y}",
    "^start",
    "%",
    "_",
    "%_",
    "50%",
    "f_the",
    "0%_s",
    "\\",
    "\\%",
    "slash \\",
    "'",
    "''",
    '""',
    '"quoted"',
    "苹果",
    "果和香",
    "学了葡萄",
    "🍎🍐",
    "😀 e",
    "🎉",
    "école",
    "ÉCOLE",
    "Écol",
    "éCOLE",
    "straße",
    "apple",
    "APPLE",
    "mixed case",
    "(c) [d]",
    "+ * :",
    "\nbreak",
    "k\tt",
    "ab",
    "x",
    "zzqx",
    '"word":',
    "null",
    "id",
    '{"id": ',
    "AND",
    "NOT apple",
    "apple -pear",
    "a\0b",
    # two characters (most Chinese words): through the index's vocabulary, or the scan where it cannot be exact
    "苹果",
    "香蕉",
    "葡萄",
    "学了",
    "AP",
    "aP",
    "Ap",
    "pe",
    "Éc",
    "ße",
    "😀 ",
    "🍎🍐",
    '":',
    '"}',
    "e}",
    "}}",
    "1}",
    "{}",
    ", ",
    '\\"',
    "zq",
    "果和",
    # one character (a Chinese character, a letter): the same way, or the scan where it could end a value
    "苹",
    "萄",
    "和",
    "😀",
    "🎉",
    "a",
    "A",
    "x",
    "q",
    "e",
    "E",
    "l",
    "1",
    "0",
    '"',
    "{",
    "]",
    "}",
    ":",
    ",",
    "\\",
    "É",
    "ß",
]


def ascii_lower(text: str) -> str:
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


@pytest.fixture(params=["index", "race"])
def way(request, monkeypatch):
    """``index``: the index answers at once (the scan tried first is cut short at its first step); ``race``: as the
    app runs it (the scan first for a moment). Returns a count of the reads through the index."""
    calls = []
    if request.param == "index":
        monkeypatch.setattr(search, "TIME_LIMIT_STEPS", 1)
        monkeypatch.setattr(search, "SCAN_FIRST_SECONDS", -1.0)
    indexed = search.IndexedReads._indexed

    def spy(self, *args):
        calls.append(args)
        return indexed(self, *args)

    monkeypatch.setattr(search.IndexedReads, "_indexed", spy)
    return request.param, calls


def every_id(f: LogFilter) -> list[int]:
    """Every matching audit row's id, newest first, page by page (no batches grouped)."""
    ids: list[int] = []
    before = None
    while True:
        page = audit_log.fetch_log_page(f, before_id=before, limit=7, group=False)
        ids += [item.id for item in page.items]
        if page.exhausted:
            return ids
        before = page.before_id


def old_query(f: LogFilter, monkeypatch) -> list[int]:
    """The search as it was before the index: the scan (the index switched off)."""
    with monkeypatch.context() as m:
        m.setattr(search, "can_look_up", lambda text: False)
        return every_id(f)


def expected(database, text: str, table: str | None = None) -> list[int]:
    """What the search promises, computed in Python: the text in the old or new value, ASCII letters in any case."""
    rows = database.execute_sql("SELECT id, table_name, old_value, new_value FROM audit_log ORDER BY id DESC")
    want = ascii_lower(text)
    return [
        i
        for i, t, old, new in rows
        if (table is None or t == table) and any(v is not None and want in ascii_lower(v) for v in (old, new))
    ]


def write_hostile(seed: int = 5) -> None:
    """Records holding the hostile values, written by the app (each write audited)."""
    rng = random.Random(seed)
    pid = services.create_profile("Search Kid", school="Oak School")["id"]
    for value in HOSTILE_VALUES:
        services.add_chat_message(pid, "user", value)
        services.add_card(pid, "basic", {"front": value, "back": rng.choice(HOSTILE_VALUES)})
    services.bulk_add_words(pid, "苹果 香蕉 apple Apple pear", "zh")


@pytest.fixture
def hostile_ledger(any_ledger):
    write_hostile()
    return any_ledger


def test_the_index_search_equals_the_old_query_on_hostile_text(hostile_ledger, monkeypatch, way):
    database = hostile_ledger
    indexed = search.catch_up(database)
    if engine_of(database).name == "sqlite":
        assert (
            indexed > 0
            and search.covered(database) == database.execute_sql("SELECT max(id) FROM audit_log").fetchone()[0]
        )
    else:
        assert search.server_index_missing(database) == []  # pg_trgm is there: the planner may use it
    found_any = 0
    # a NUL: PostgreSQL refuses it in any query (before the index as now); SQLite's LIKE reads up to it
    sqlite = engine_of(database).name == "sqlite"
    for text in [q for q in QUERIES if sqlite or "\0" not in q]:
        for f in (LogFilter(text=text), LogFilter(text=text, table="chat_messages")):
            new = every_id(f)
            assert new == old_query(f, monkeypatch), (text, f.table)
            if "\0" not in text:  # SQLite's LIKE reads a pattern up to a NUL: no promise there but "as before"
                assert new == expected(database, text.strip(), f.table), (text, f.table)
            found_any += bool(new)
    assert found_any > len(QUERIES)  # the searches find rows: a test of empty answers would prove nothing
    if way[0] == "index" and engine_of(database).name == "sqlite":
        assert way[1]  # the index answered


def test_rows_the_index_does_not_cover_yet_are_found(ledger, monkeypatch, way):
    write_hostile()
    search.catch_up(ledger)
    covered = search.covered(ledger)
    pid = services.create_profile("Later Kid")["id"]
    services.add_chat_message(pid, "user", "written after the index caught up: 苹果和香蕉")
    assert search.covered(ledger) == covered  # the write path does not touch the index
    for text in ("苹果和香蕉", "caught up", "Later Kid", "apple"):
        f = LogFilter(text=text)
        new = every_id(f)
        assert new == old_query(f, monkeypatch) == expected(ledger, text)
        assert new
    assert max(every_id(LogFilter(text="caught up"))) > covered
    assert way[1] or way[0] == "race"


def test_with_other_conditions_both_ways_give_the_same_rows(ledger, monkeypatch):
    """A text with a table or child: the scan is tried first for a moment, then the index; both are exact."""
    write_hostile()
    search.catch_up(ledger)
    for seconds in (0.0, 60.0):  # the index at once; the scan all the way
        monkeypatch.setattr(search, "SCAN_FIRST_SECONDS", seconds)
        for text in ("apple", "苹果", '"a" OR b*', "zzqx"):
            f = LogFilter(text=text, table="approved_cards", action="INSERT")
            assert every_id(f) == old_query(f, monkeypatch) == expected(ledger, text, "approved_cards")


def test_trigram_queries_quote_the_users_text():
    assert search.trigram_match("ab") is None and search.trigram_match("a\0bc") is None
    assert search.trigram_match('"a" OR') == '"""a""" "a"" " """ O" " OR"'
    assert search.trigram_match("苹果和香蕉") == '"苹果和" "果和香" "和香蕉"'


def test_two_character_lookups_are_exact_or_left_to_the_scan(ledger):
    write_hostile()
    search.catch_up(ledger)
    assert search.short_prefix("AP") == "ap" and search.short_prefix("苹果") == "苹果"
    assert search.short_prefix("猫") == "猫" and search.short_prefix("A") == "a"
    # what may stand at a value's very end (a JSON object's last two characters: '…"}', '…1}', '…e}', '…l}', '{}');
    # a letter with case outside ASCII folds differently in FTS5
    for text in ("e}", "}", '"', "1", "9", "e", "E", "l", "L", "{", "]", "Éc", "ße", "É", "a\0", "\0", "abc", ""):
        assert search.short_prefix(text) is None, text
    # the index's own trigrams that start with the text, each quoted; none for a text no value holds
    assert set(search.index_match(ledger, "苹果").split(" OR ")) >= {'"苹果和"'}
    assert search.index_match(ledger, "zq") == ""
    # a quote in a trigram is doubled inside its quotes: '"a\\' (JSON's escaped quote) is written """a\"
    terms = search.index_match(ledger, '"a').split(" OR ")
    assert '"""a\\"' in terms and all(term.startswith('"""a') and term.endswith('"') for term in terms)
    assert search.index_match(ledger, "e}") is None


def test_a_character_that_only_ends_a_value_is_found(ledger, monkeypatch, way):
    """Another program's plain INSERT, logged by the trigger as '{…,"added_at":"yesterday","version":9}': its 9, 9}
    and y" stand only at the end of the value, where no trigram starts with them."""
    ledger.execute_sql("INSERT INTO profiles (id, name) VALUES ('kid', 'Plain Kid')")
    ledger.execute_sql(
        "INSERT INTO mastered_words (id, profile_id, word, language, added_at, version) "
        "VALUES (8, 'kid', 'w', 'en', 'yesterday', 9)"
    )
    (value,) = ledger.execute_sql("SELECT new_value FROM audit_log WHERE table_name = 'mastered_words'").fetchone()
    assert value.endswith('"yesterday","version":9}') and value.count("9") == 1
    search.catch_up(ledger)
    for text in ("9", "9}", 'y"', "y", "ye"):
        f = LogFilter(text=text)
        assert every_id(f) == old_query(f, monkeypatch) == expected(ledger, text) != [], text


def test_a_two_character_text_too_common_for_the_index_is_scanned(ledger, monkeypatch, way):
    write_hostile()
    search.catch_up(ledger)
    monkeypatch.setattr(search, "SHORT_TERMS", 1)
    assert search.index_match(ledger, '"a') is None and search.index_match(ledger, "zq") == ""
    for text in ('"a', "pp", "苹果", "zq"):
        f = LogFilter(text=text)
        assert every_id(f) == expected(ledger, text), text


def test_a_two_character_text_found_nowhere_never_reads_the_log(ledger, monkeypatch, way):
    """What makes "zq" fast on a big log: the index's vocabulary answers, no page of the log is read."""
    write_hostile()
    services.bulk_add_words(services.create_profile("Many Words")["id"], " ".join(f"词{i}" for i in range(3000)), "zh")
    search.catch_up(ledger)
    scans: list[object] = []
    reads = audit_log._PageReads._scan

    def counted(self, *args):
        rows = reads(self, *args)  # a scan cut short by the time limit raises before it is counted
        scans.append(args)
        return rows

    monkeypatch.setattr(audit_log._PageReads, "_scan", counted)
    for text in ("zq", "学了", "词2"):
        scans.clear()
        f = LogFilter(text=text)
        assert every_id(f) == expected(ledger, text), text
        if way[0] == "index":
            assert scans == [], text  # answered through the index: the log was never scanned
    assert expected(ledger, "词2") and not expected(ledger, "zq")


def test_the_old_backends_rows_are_searched_in_the_log(db_path, monkeypatch, way):
    """An adopted database keeps the old backend's audit rows, whose values can be any text (not JSON): a
    two-character text at such a value's very end has no trigram, so those rows are read from the log."""
    with closing(cipher.connect(db_path)) as con:
        con.executescript(PLAN_SQL)
        con.execute("INSERT INTO profiles (id, name) VALUES ('old-kid', 'Old Kid')")
        con.executemany(
            "INSERT INTO audit_log (table_name, record_id, action, old_value, new_value, changed_by) "
            "VALUES ('profiles', 'old-kid', 'UPDATE', ?, ?, 'system')",
            [("likes 葡萄", "xy"), (None, "ends in AP"), ("{}", '"just a string"')],
        )
        con.commit()
    database = db.open_database(db_path)
    services.add_chat_message("old-kid", "user", "葡萄 and xy, said after the upgrade")
    search.catch_up(database)
    assert search.covered(database) == database.execute_sql("SELECT max(id) FROM audit_log").fetchone()[0]
    for text in ("葡萄", "xy", "ap", "ng", "{}", "ol"):
        f = LogFilter(text=text)
        found = every_id(f)
        assert found == old_query(f, monkeypatch) == expected(database, text), text
    assert {1, 2} <= set(every_id(LogFilter(text="xy"))) | set(every_id(LogFilter(text="ap")))
    assert 1 in every_id(LogFilter(text="葡萄")) and 2 in every_id(LogFilter(text="AP"))
    db.close_database()


def test_a_damaged_index_costs_the_search_nothing(ledger, monkeypatch, way):
    write_hostile()
    search.catch_up(ledger)
    ledger.execute_sql("DELETE FROM audit_fts_data WHERE id > 10")  # another program breaks the index's pages
    for text in ("apple", "苹果和香蕉"):
        f = LogFilter(text=text)
        assert every_id(f) == old_query(f, monkeypatch) == expected(ledger, text)


def test_an_older_database_is_upgraded_with_its_index_built_after_a_backup(db_path, monkeypatch):
    database = db.open_database(db_path)
    write_hostile()
    before = database.execute_sql("SELECT * FROM audit_log ORDER BY id").fetchall()
    db.close_database()
    with closing(cipher.connect(db_path)) as con:  # schema 1: as the previous release left it
        con.execute("DROP TABLE audit_fts")
        con.execute("PRAGMA user_version = 1")
        con.commit()
    assert upgrade.needs_upgrade(db_path)
    database = db.open_database(db_path)
    assert not upgrade.needs_upgrade(db_path)
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == 2
    assert database.execute_sql("SELECT * FROM audit_log ORDER BY id").fetchall()[: len(before)] == before
    assert search.covered(database) == before[-1][0]
    assert any(b.reason == "before-upgrade" for b in list_backups())
    for text in ("apple", "苹果和香蕉", '"a" OR b*'):
        assert (
            every_id(LogFilter(text=text)) == old_query(LogFilter(text=text), monkeypatch) == expected(database, text)
        )
    assert health.check(database).healthy, health.check(database).problems
    db.close_database()


def test_an_older_server_database_gets_its_indexes(engine_target):
    if not engine_target.startswith("postgresql://"):
        pytest.skip("PostgreSQL only")
    database = db.open_database(engine_target)
    for name in PG_SEARCH_INDEXES:
        database.execute_sql(f"DROP INDEX {name}")
    database.execute_sql("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    assert search.server_index_missing(database) == list(PG_SEARCH_INDEXES)
    db.close_database()
    database = db.open_database(engine_target)
    assert search.server_index_missing(database) == []
    assert db.schema_version(database) == 2
    db.close_database()

"""The audit trail: every change to the five data tables is recorded with the whole row, who, which batch, which
child and when — including changes by other programs, cascades, and nothing for changes that change nothing.

Every test here runs on SQLite and, when MASTERY_LEDGER_TEST_PG names a server, on PostgreSQL (the module's
``ledger`` is conftest's ``any_ledger``). "Another program" is ``other_program``: a plain DB-API connection of the
same engine with none of our code, pragmas or audit context. The few statements that only exist in one engine's
SQL dialect skip on the other with the reason.
"""

from __future__ import annotations

import json
from contextlib import closing
from datetime import UTC, datetime, timedelta

import peewee
import pytest

from desktop import services
from desktop.errors import DuplicateError
from desktop.store import audit, cipher, db
from desktop.store.engine import engine_of
from desktop.store.schema import DATA_TABLES

TIME_SLACK = timedelta(seconds=2)  # changed_at has millisecond resolution; the bounds are the test's own clock


@pytest.fixture
def ledger(any_ledger):
    """These tests run on every engine: SQLite, and PostgreSQL when a server is configured."""
    return any_ledger


@pytest.fixture
def engine(ledger) -> str:
    """'sqlite' or 'postgres': the engine this run of the test is on."""
    return engine_of(ledger).name


@pytest.fixture
def other_program(ledger, engine, engine_target):
    """Another program writing to the same database: a plain DB-API connection of the same engine (SQLCipher's sqlite3 with the key, or
    psycopg2), with none of our functions, pragmas, settings or audit context. Use :func:`run` / :func:`fetch`."""
    if engine == "postgres":
        import psycopg2

        con = psycopg2.connect(engine_target)  # libpq reads the URL itself
    else:
        con = cipher.connect(engine_target)
    try:
        yield con
    finally:
        con.close()


def _execute(con, cursor, sql: str, params: tuple) -> None:
    if not isinstance(con, cipher.dbapi.Connection):
        sql = sql.replace("?", "%s")  # psycopg2's placeholder (our statements hold no literal '?')
    if params:
        cursor.execute(sql, params)
    else:
        cursor.execute(sql)  # no parameters: psycopg2 then leaves a literal '%' alone


def run(con, sql: str, params: tuple = ()) -> int:
    """Execute one statement (``?`` placeholders) as the other program and commit; the number of rows it touched.
    On an error the other program rolls back and the error propagates."""
    try:
        with closing(con.cursor()) as cursor:
            _execute(con, cursor, sql, params)
            count = cursor.rowcount
        con.commit()
    except Exception:
        con.rollback()
        raise
    return count


def fetch(con, sql: str, params: tuple = ()) -> list[tuple]:
    """Read as the other program, then end its transaction (an open read would block a TRUNCATE on PostgreSQL)."""
    try:
        with closing(con.cursor()) as cursor:
            _execute(con, cursor, sql, params)
            return [tuple(r) for r in cursor.fetchall()]
    finally:
        con.rollback()


def table_columns(con, table: str) -> list[str]:
    with closing(con.cursor()) as cursor:
        cursor.execute(f'SELECT * FROM "{table}" WHERE 1 = 0')
        names = [d[0] for d in cursor.description]
    con.rollback()
    return names


def read_row(table: str, row_id) -> dict | None:
    """The row exactly as stored (every column, the engine's own types), read through the open database."""
    database = db.current()
    cursor = database.execute_sql(f'SELECT * FROM "{table}" WHERE id = {database.param}', (row_id,))
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    return dict(zip(names, row, strict=True)) if row else None


def audit_rows(*where) -> list[audit.AuditEntry]:
    return audit.entries(db.current(), *where)


def last_audit_id() -> int:
    return db.current().execute_sql("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]


def assert_utc_iso(text: str, before: datetime, after: datetime) -> None:
    assert text.endswith("Z"), text
    moment = datetime.fromisoformat(text)
    assert moment.utcoffset() == timedelta(0)
    assert before - TIME_SLACK <= moment <= after + TIME_SLACK


@pytest.fixture
def child(ledger) -> dict:
    """One child with one record in every table (ids returned by table name)."""
    profile = services.create_profile(
        "Mei Lin Test",
        dob="2016-05-04",
        interests=["trains", "雨"],
        mental_age=6.5,
        extracted_data={"likes": "blocks"},
    )
    pid = profile["id"]
    return {
        "profiles": pid,
        "mastered_words": services.add_word(pid, "苹果", "zh")["id"],
        "mastered_grammar": services.add_grammar(pid, "grammar://zh/ba-construction")["id"],
        "approved_cards": services.add_card(pid, "basic", {"front": "猫", "back": "cat"})["id"],
        "chat_messages": services.add_chat_message(pid, "user", "hello @profile:mei", mentions=[pid])["id"],
    }


EDITS = {
    "profiles": {"school": "Sunny Hill School"},
    "mastered_words": {"word": "香蕉"},
    "mastered_grammar": {"grammar_uri": "grammar://zh/le-completion"},
    "approved_cards": {"content": {"front": "狗", "back": "dog"}},
    "chat_messages": {"content": "hello again"},
}


def perform(action: str, table: str, child: dict) -> int:
    """Do ``action`` on ``table`` through the service layer; return the record id it touched."""
    pid = child["profiles"]
    if action == "INSERT":
        return {
            "profiles": lambda: services.create_profile("Second Test Child", school="Elm")["id"],
            "mastered_words": lambda: services.add_word(pid, "grape", "en")["id"],
            "mastered_grammar": lambda: services.add_grammar(pid, "grammar://en/plural-s")["id"],
            "approved_cards": lambda: services.add_card(pid, "cloze", {"text": "{{c1::cat}}"})["id"],
            "chat_messages": lambda: services.add_chat_message(pid, "assistant", "Hi!")["id"],
        }[table]()
    row_id = child[table]
    if action == "UPDATE":
        services.update_row(table, row_id, read_row(table, row_id)["version"], EDITS[table])
    else:
        services.delete_rows(table, [row_id])
    return row_id


@pytest.mark.parametrize("action", ["INSERT", "UPDATE", "DELETE"])
@pytest.mark.parametrize("table", DATA_TABLES)
def test_every_table_and_action_is_audited_with_the_whole_row(child, other_program, table, action):
    columns = table_columns(other_program, table)
    start = last_audit_id()
    row_id = child[table] if action != "INSERT" else None
    before_row = read_row(table, row_id) if row_id is not None else None
    before = datetime.now(UTC)
    row_id = perform(action, table, child)
    after = datetime.now(UTC)
    after_row = read_row(table, row_id)

    mine = [e for e in audit_rows(audit.LOG.id > start) if e.table_name == table and e.record_id == str(row_id)]
    assert len(mine) == 1, mine
    entry = mine[0]
    assert entry.action == action
    # The JSON is the engine's own (json_object on SQLite, row_to_json on PostgreSQL, where 7.0 reads back as 7):
    # the rows are compared as values, which is what a reader of the history sees.
    if action == "INSERT":
        assert entry.old is None
        assert entry.new == after_row
    elif action == "UPDATE":
        assert entry.old == before_row
        assert entry.new == after_row
        assert entry.new["version"] == before_row["version"] + 1
        assert entry.changed_fields() and set(entry.changed_fields()) <= {*EDITS[table], "version", "updated_at"}
    else:
        assert after_row is None
        assert entry.old == before_row
        assert entry.new is None
    assert set((entry.old or entry.new).keys()) == set(columns)
    assert entry.changed_by == "user"
    assert entry.batch_id and len(entry.batch_id) == 32
    expected_profile = row_id if table == "profiles" else child["profiles"]
    assert entry.profile_id == expected_profile
    assert_utc_iso(entry.changed_at, before, after)


def test_actor_and_batch_come_from_the_write_block(child):
    start = last_audit_id()
    with audit.writing("migration") as batch:
        services.add_word(child["profiles"], "one", "en")
        services.add_word(child["profiles"], "two", "en")
        services.add_grammar(child["profiles"], "grammar://en/past")
    rows = audit_rows(audit.LOG.id > start)
    assert len(rows) == 3
    assert {(e.changed_by, e.batch_id) for e in rows} == {("migration", batch)}
    services.add_word(child["profiles"], "three", "en")
    later = audit_rows(audit.LOG.id > rows[-1].id)
    assert len(later) == 1 and later[0].batch_id != batch and later[0].changed_by == "user"


def test_unknown_actor_is_refused(ledger):
    with pytest.raises(ValueError), audit.writing("someone"):
        pass


def test_a_failed_write_block_leaves_no_audit_rows_and_no_context(child, engine):
    start = last_audit_id()
    with pytest.raises(RuntimeError), audit.writing("user"):
        services.add_word(child["profiles"], "lost", "en")
        raise RuntimeError("boom")
    assert audit_rows(audit.LOG.id > start) == []
    database = db.current()
    assert database.execute_sql("SELECT count(*) FROM audit_context").fetchone() == (0,)
    if engine == "postgres":  # the context travels in transaction-local settings there
        settings = database.execute_sql(
            "SELECT current_setting('mastery.actor', true), current_setting('mastery.batch', true)"
        ).fetchone()
        assert all(v in (None, "") for v in settings), settings
    assert services.profile_counts(child["profiles"])["en"] == 0


@pytest.mark.parametrize("action", ["INSERT", "UPDATE", "DELETE"])
def test_a_write_by_another_program_is_audited_as_external(child, other_program, action):
    start = last_audit_id()
    word_id = child["mastered_words"]
    statement = {
        "INSERT": (
            "INSERT INTO mastered_words (profile_id, word, language) VALUES (?, 'shell', 'en')",
            (child["profiles"],),
        ),
        "UPDATE": ("UPDATE mastered_words SET word = 'changed in the shell' WHERE id = ?", (word_id,)),
        "DELETE": ("DELETE FROM mastered_words WHERE id = ?", (word_id,)),
    }[action]
    assert run(other_program, *statement) == 1
    rows = audit_rows(audit.LOG.id > start)
    assert [(e.table_name, e.action, e.changed_by, e.batch_id) for e in rows] == [
        ("mastered_words", action, "external", None)
    ]
    assert rows[0].profile_id == child["profiles"]
    if action == "UPDATE":
        assert rows[0].old["word"] == "苹果" and rows[0].new["word"] == "changed in the shell"


def test_external_rows_are_sealed_by_the_apps_next_commit(child, other_program):
    run(other_program, "UPDATE mastered_words SET word = 'x' WHERE id = ?", (child["mastered_words"],))
    report = audit.verify_chain(db.current())
    assert report.ok and report.unsealed_rows == 1
    services.add_word(child["profiles"], "after", "en")
    report = audit.verify_chain(db.current())
    assert report.ok and report.unsealed_rows == 0


def test_external_rows_are_sealed_when_the_app_opens_the_database(child, other_program, engine_target):
    db.close_database()
    run(other_program, "DELETE FROM mastered_words WHERE id = ?", (child["mastered_words"],))
    run(
        other_program,
        "INSERT INTO mastered_words (profile_id, word, language) VALUES (?, 'outside', 'en')",
        (child["profiles"],),
    )
    database = db.open_database(engine_target)
    report = audit.verify_chain(database)
    assert report.ok and report.unsealed_rows == 0
    external = audit_rows(audit.LOG.changed_by == "external")
    assert [(e.action, e.table_name) for e in external] == [("DELETE", "mastered_words"), ("INSERT", "mastered_words")]
    assert report.sealed_rows == last_audit_id()


NO_OPS = [
    "UPDATE mastered_words SET word = word",
    "UPDATE profiles SET name = name, mental_age = mental_age, interests = interests",
    "UPDATE mastered_grammar SET grammar_uri = grammar_uri",
    "UPDATE approved_cards SET content = content, status = status",
    "UPDATE chat_messages SET content = content, mentions = mentions",
    "UPDATE mastered_words SET version = version + 1",  # bookkeeping only
]


@pytest.mark.parametrize("statement", NO_OPS)
def test_updates_that_change_nothing_write_nothing(child, other_program, statement):
    start = last_audit_id()
    assert run(other_program, statement) >= 1
    db.current().execute_sql(statement)
    assert audit_rows(audit.LOG.id > start) == []


def test_saving_unchanged_values_through_the_app_writes_nothing(child):
    start = last_audit_id()
    profile = services.get_profile(child["profiles"])
    services.update_profile(
        profile["id"], profile["version"], name=profile["name"], school=None, interests=["trains", "雨"], mental_age=6.5
    )
    word = read_row("mastered_words", child["mastered_words"])
    services.rename_word(word["id"], "苹果", word["version"])
    assert audit_rows(audit.LOG.id > start) == []


def test_a_real_change_next_to_an_unchanged_one_is_audited_once(child):
    start = last_audit_id()
    profile = services.get_profile(child["profiles"])
    services.update_profile(profile["id"], profile["version"], name=profile["name"], school="New School")
    rows = audit_rows(audit.LOG.id > start)
    assert len(rows) == 1 and rows[0].new["school"] == "New School" and rows[0].old["school"] is None


def test_cascade_delete_of_a_child_audits_every_removed_row_in_one_batch(ledger):
    keep = services.create_profile("Other Test Child")
    services.add_word(keep["id"], "stay", "en")
    pid = services.create_profile("Leaving Test Child")["id"]
    words = [services.add_word(pid, w, "en")["id"] for w in ("red", "green", "blue")]
    grammar = [services.add_grammar(pid, f"grammar://en/{n}")["id"] for n in ("a", "b")]
    cards = [services.add_card(pid, "basic", {"front": f, "back": f})["id"] for f in ("x", "y")]
    chat = [services.add_chat_message(pid, r, "hi")["id"] for r in ("user", "assistant")]
    snapshot = {
        (t, str(i)): read_row(t, i)
        for t, ids in (
            ("mastered_words", words),
            ("mastered_grammar", grammar),
            ("approved_cards", cards),
            ("chat_messages", chat),
            ("profiles", [pid]),
        )
        for i in ids
    }
    start = last_audit_id()

    services.delete_profile(pid)

    # SQLite audits the cascaded child rows before the profile row, PostgreSQL the profile row first: the set and
    # the one batch are the same.
    rows = audit_rows(audit.LOG.id > start)
    assert {(e.table_name, e.record_id) for e in rows} == set(snapshot)
    assert len(rows) == len(snapshot) == 10
    assert all(e.action == "DELETE" and e.new is None for e in rows)
    assert all(e.old == snapshot[(e.table_name, e.record_id)] for e in rows)
    assert len({e.batch_id for e in rows}) == 1 and rows[0].batch_id
    assert {e.profile_id for e in rows} == {pid} and {e.changed_by for e in rows} == {"user"}
    assert services.profile_counts(keep["id"])["en"] == 1
    assert services.profile_counts(pid) == {"zh": 0, "en": 0, "grammar": 0, "cards": 0, "chat": 0}


UPSERT_OK = cipher.dbapi.sqlite_version_info >= (3, 24, 0)  # ON CONFLICT … DO UPDATE (PostgreSQL has it too)

#: (statement, the only engine whose SQL has it, or None for both)
REFUSED = [
    ("UPDATE audit_log SET changed_by = 'nobody' WHERE id = 1", None),
    ("DELETE FROM audit_log WHERE id = 1", None),
    ("DELETE FROM audit_log", None),
    ("UPDATE audit_seal SET hash = 'x' WHERE id = 1", None),
    ("DELETE FROM audit_seal", None),
    (
        "INSERT INTO audit_log (id, table_name, record_id, action, changed_by) "
        "VALUES (1, 'profiles', 'x', 'INSERT', 'forged') ON CONFLICT (id) DO UPDATE SET changed_by = 'forged'",
        None,
    ),
    (
        "INSERT INTO audit_seal (id, first_id, last_id, row_count, prev_hash, hash, sealed_at) "
        "VALUES (1, 1, 1, 1, 'a', 'b', 'c') ON CONFLICT (id) DO UPDATE SET hash = 'b'",
        None,
    ),
    (
        "INSERT OR REPLACE INTO audit_log (id, table_name, record_id, action, changed_by) "
        "VALUES (1, 'profiles', 'x', 'INSERT', 'forged')",
        "sqlite",
    ),
    (
        "REPLACE INTO audit_seal (id, first_id, last_id, row_count, prev_hash, hash, sealed_at) "
        "VALUES (1, 1, 1, 1, 'a', 'b', 'c')",
        "sqlite",
    ),
    ("TRUNCATE audit_log", "postgres"),
    ("TRUNCATE audit_seal", "postgres"),
    ("TRUNCATE audit_batch", "postgres"),
]
ONLY_ON = {
    "sqlite": "INSERT OR REPLACE / REPLACE INTO is SQLite-only syntax (its silent delete needs its own guard there); "
    "on PostgreSQL the ON CONFLICT … DO UPDATE cases cover overwriting an audit row",
    "postgres": "TRUNCATE is PostgreSQL-only syntax (SQLite has no TRUNCATE; its 'DELETE FROM' without WHERE is "
    "covered above)",
}


def audit_snapshot(con) -> tuple[list, list]:
    return (fetch(con, "SELECT * FROM audit_log ORDER BY id"), fetch(con, "SELECT * FROM audit_seal ORDER BY id"))


@pytest.mark.parametrize("statement, only", REFUSED, ids=[" ".join(s.split()[:5]) for s, _ in REFUSED])
def test_editing_or_deleting_audit_rows_is_refused_from_any_program(child, other_program, engine, statement, only):
    if only is not None and only != engine:
        pytest.skip(ONLY_ON[only])
    if "ON CONFLICT" in statement and engine == "sqlite" and not UPSERT_OK:
        pytest.skip(f"SQLite {cipher.dbapi.sqlite_version} has no ON CONFLICT … DO UPDATE")
    before = audit_snapshot(other_program)
    # The same refusal on both engines: the driver's IntegrityError for another program, peewee's for the app.
    with pytest.raises(other_program.IntegrityError, match="append-only"):
        run(other_program, statement)
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        db.current().execute_sql(statement)
    assert audit_snapshot(other_program) == before
    assert audit.verify_chain(db.current()).ok


def test_seals_cover_every_row_the_app_wrote(child):
    services.bulk_add_words(child["profiles"], "a, b, c", "en")
    report = audit.verify_chain(db.current())
    assert report.ok
    assert report.unsealed_rows == 0
    assert report.sealed_rows == last_audit_id()
    assert report.seals >= 6  # one seal per committed write
    entry = audit_rows(audit.LOG.table_name == "approved_cards")[0]
    assert json.loads(entry.new["content"]) == {"front": "猫", "back": "cat", "card_type": "basic", "status": "pending"}


def reference_canonical_row(row: tuple) -> bytes:
    """The seal format as documented: the row as a compact JSON array (id as a number, the rest as text)."""
    values = [int(row[0])] + [None if v is None else str(v) for v in row[1:]]
    return (json.dumps(values, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "猫🍎é",
        'quote" back\\ slash',
        "ctrl\x00\x01\x1f\x7f\n\t",
        "\u2028\u2029",
        "",
        " ",
        '{"word": "dog", "n": [1, 2.5, null]}',
    ],
)
def test_seal_bytes_stay_the_documented_json(text):
    """Existing seals must keep verifying: the bytes hashed per row never change."""
    row = (123456789012, "mastered_words", text, "UPDATE", text, None, "2024-01-02T03:04:05.678Z", "user", None, text)
    assert audit.canonical_row(row) == reference_canonical_row(row)
    odd = (5, "profiles", 17, "INSERT", 2.5, None, True, "external", "b" * 32, "p")
    assert audit.canonical_row(odd) == reference_canonical_row(odd)


def test_bulk_inserts_are_audited_row_by_row_in_id_order(child):
    start = last_audit_id()
    result = services.bulk_add_words(child["profiles"], [f"w{i}" for i in range(1001)], "en")
    assert len(result.added) == 1001
    rows = audit_rows(audit.LOG.id > start)
    database = db.current()
    word_ids = [
        r[0]
        for r in database.execute_sql(
            f"SELECT id FROM mastered_words WHERE word LIKE {database.param} ORDER BY id", ("w%",)
        ).fetchall()
    ]
    assert [int(e.record_id) for e in rows] == word_ids
    assert [e.new["word"] for e in rows] == [f"w{i}" for i in range(1001)]


def test_a_duplicate_deep_in_a_bulk_insert_writes_nothing(child):
    before = last_audit_id()
    rows = [(child["profiles"], f"bulk{i}", "en", "2024-01-01") for i in range(700)]
    rows.append((child["profiles"], "bulk3", "en", "2024-01-01"))
    with pytest.raises(DuplicateError), audit.writing("migration"):
        services.insert_rows("mastered_words", ("profile_id", "word", "language", "added_at"), rows)
    assert last_audit_id() == before
    assert services.profile_counts(child["profiles"])["en"] == 0


def test_rows_with_every_awkward_character_seal_and_verify(ledger, engine, other_program):
    """Sealing may let SQLite write the JSON text (fast path); verification recomputes it in Python. Both must agree
    on every character a parent or another program could store — and a BLOB another program put in the log seals."""
    child = services.create_profile("Awkward 字符")
    awkward = ["".join(map(chr, range(1, 32))), '"quoted" \\back\\slash/', "😀 é 苹果 \u2028\u2029 \ufeff", "\x7f"]
    services.bulk_add_words(child["id"], awkward, "en")
    if engine == "sqlite":  # a data table refuses a BLOB (its trigger cannot write it as JSON); the log takes one
        run(
            other_program,
            "INSERT INTO audit_log (table_name, record_id, action, new_value, changed_by) "
            "VALUES (?, ?, ?, ?, 'external')",
            ("mastered_words", "1", "INSERT", b"\x00\xffraw"),
        )
    services.add_word(child["id"], "after", "en")  # the app's next commit seals the other program's row too
    report = audit.verify_chain(db.current())
    assert report.ok and report.unsealed_rows == 0, report.problems

"""Undo and "as it was on…" (desktop.history): inverse changes are new audited changes, a later change blocks an
undo and changes nothing, a child is rebuilt from the log and put back without touching any other child."""

from __future__ import annotations

import time
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest

from desktop import as_of, history, services
from desktop.backup.check import list_backups
from desktop.backup.manifest import read_backup
from desktop.errors import NotFoundError
from desktop.history import RevertBlocked
from desktop.store import audit, audit_log, cipher, db
from desktop.store.schema import DATA_TABLES


def sql(text: str, params: tuple = ()):
    """Run ``text`` (written with ``?``) on the open database, whichever engine."""
    database = db.current()
    return database.execute_sql(text.replace("?", database.param), params)


def all_rows() -> dict[str, list[tuple]]:
    """Every data row (version aside), for "nothing changed" comparisons."""
    out = {}
    for table in DATA_TABLES:
        cursor = sql(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in cursor.description]
        keep = [i for i, n in enumerate(names) if n != "version"]
        out[table] = [tuple(r[i] for i in keep) for r in cursor.fetchall()]
    return out


def audit_count() -> int:
    return sql("SELECT count(*) FROM audit_log").fetchone()[0]


def last_entry() -> audit.AuditEntry:
    return audit.entries(db.current())[-1]


def moment() -> datetime:
    """An instant strictly between two changes (the log has millisecond resolution)."""
    time.sleep(0.01)
    now = datetime.now(UTC)
    time.sleep(0.01)
    return now


@pytest.fixture
def mei(any_ledger) -> str:
    pid = services.create_profile("Mei", dob="2016-05-04", school="Sunny Hill")["id"]
    services.bulk_add_words(pid, "苹果 香蕉 橙子", "zh")
    services.add_grammar(pid, "grammar://zh/ba-construction")
    services.add_card(pid, "basic", {"front": "猫", "back": "cat"})
    services.add_chat_message(pid, "user", "你好")
    return pid


@pytest.fixture
def tom(mei) -> str:
    pid = services.create_profile("Tom")["id"]
    services.bulk_add_words(pid, "apple pear", "en")
    return pid


def word_id(pid: str, word: str) -> int:
    return sql("SELECT id FROM mastered_words WHERE profile_id = ? AND word = ?", (pid, word)).fetchone()[0]


# --------------------------------------------------------------------------------------------------------------
# Undo one change


def test_undo_an_edit_brings_the_old_value_back_as_a_new_audited_change(mei):
    wid = word_id(mei, "苹果")
    services.rename_word(wid, "苹果树", None)
    edit = last_entry()
    assert history.summarize(edit).text("UPDATE") == "苹果 → 苹果树"
    before = audit_count()

    result = history.revert_entry(edit.id)

    assert services.get_row("mastered_words", wid)["word"] == "苹果"
    assert audit_count() == before + 1
    undo = last_entry()
    assert (undo.action, undo.changed_by, undo.batch_id) == ("UPDATE", "user", result.batch_id)
    assert (undo.old["word"], undo.new["word"]) == ("苹果树", "苹果")
    note = audit.batch_notes(db.current(), [result.batch_id])[result.batch_id]
    assert note["kind"] == "revert" and note["note"]["entry"] == edit.id
    assert audit.verify_chain(db.current()).ok


def test_undo_blocked_by_a_later_change_explains_and_changes_nothing(mei):
    wid = word_id(mei, "苹果")
    services.rename_word(wid, "苹果树", None)
    first = last_entry()
    services.rename_word(wid, "大苹果", None)
    rows, count = all_rows(), audit_count()

    with pytest.raises(RevertBlocked) as caught:
        history.revert_entry(first.id)

    assert caught.value.code == "changed" and caught.value.value == "大苹果"
    assert "大苹果" in str(caught.value) and "Nothing was changed" in str(caught.value)
    assert all_rows() == rows and audit_count() == count


def test_undoing_twice_says_it_was_already_undone(mei):
    services.update_profile(mei, None, school="Elm Street")
    edit = last_entry()
    history.revert_entry(edit.id)
    assert services.get_profile(mei)["school"] == "Sunny Hill"
    with pytest.raises(RevertBlocked) as caught:
        history.revert_entry(edit.id)
    assert caught.value.code == "already"


def test_undo_an_insert_deletes_the_row_and_undo_a_delete_puts_it_back_with_its_id(mei):
    row = services.add_word(mei, "葡萄", "zh")
    history.revert_entry(last_entry().id)
    with pytest.raises(NotFoundError):
        services.get_row("mastered_words", row["id"])

    wid = word_id(mei, "香蕉")
    original = services.get_row("mastered_words", wid)
    services.delete_rows("mastered_words", [wid])
    history.revert_entry(last_entry().id)
    back = services.get_row("mastered_words", wid)
    assert {k: back[k] for k in ("id", "word", "added_at")} == {k: original[k] for k in ("id", "word", "added_at")}
    assert last_entry().action == "INSERT" and last_entry().changed_by == "user"


def test_undo_a_delete_is_blocked_when_the_word_was_added_again(mei):
    wid = word_id(mei, "香蕉")
    services.delete_rows("mastered_words", [wid])
    deletion = last_entry()
    services.add_word(mei, "香蕉", "zh")
    rows = all_rows()
    with pytest.raises(RevertBlocked) as caught:
        history.revert_entry(deletion.id)
    assert caught.value.code == "duplicate"
    assert all_rows() == rows


def test_undo_an_insert_of_a_row_deleted_since_is_blocked(mei):
    row = services.add_word(mei, "梨", "zh")
    insert = last_entry()
    services.delete_rows("mastered_words", [row["id"]])
    with pytest.raises(RevertBlocked) as caught:
        history.revert_entry(insert.id)
    assert caught.value.code == "gone"


def test_undo_a_childs_creation_is_refused_while_the_child_has_records(mei):
    insert = audit.entries(db.current(), audit.LOG.table_name == "profiles", audit.LOG.action == "INSERT")[0]
    with pytest.raises(RevertBlocked) as caught:
        history.revert_entry(insert.id)
    assert caught.value.code == "has_records" and caught.value.count == 6


def test_unknown_entry(any_ledger):
    with pytest.raises(history.EntryNotFound):
        history.revert_entry(12345)


# --------------------------------------------------------------------------------------------------------------
# Undo a batch


def test_undo_a_cascade_delete_brings_back_the_child_and_every_record(tom, mei):
    before = all_rows()
    services.delete_profile(mei)
    batch = last_entry().batch_id
    assert len(history.batch_entries(batch)) == 7

    result = history.revert_batch(batch)

    assert all_rows() == before
    assert result.reverted == 7 and result.backup_path is not None and result.backup_path.exists()
    assert read_backup(result.backup_path).reason == "before-undo"
    assert audit.verify_chain(db.current()).ok


def test_undo_a_bulk_paste_is_all_or_nothing(mei):
    services.bulk_add_words(mei, "一 二 三", "zh")
    batch = last_entry().batch_id
    services.rename_word(word_id(mei, "二"), "两", None)
    rows, count = all_rows(), audit_count()

    with pytest.raises(RevertBlocked) as caught:
        history.revert_batch(batch, backup=False)

    assert caught.value.code == "changed" and caught.value.value == "两"
    assert all_rows() == rows and audit_count() == count


def test_a_refused_batch_undo_makes_no_backup(mei):
    """With a backup asked for: the undo is refused (a word was renamed since), so nothing is changed, nothing
    is logged and no backup is made."""
    services.bulk_add_words(mei, "一 二 三", "zh")
    batch = last_entry().batch_id
    services.rename_word(word_id(mei, "二"), "两", None)
    rows, count = all_rows(), audit_count()

    with pytest.raises(RevertBlocked) as caught:
        history.revert_batch(batch)

    assert caught.value.code == "changed" and caught.value.value == "两"
    assert all_rows() == rows and audit_count() == count
    assert list_backups(verify=False) == []
    assert audit.verify_chain(db.current()).ok

    services.rename_word(word_id(mei, "两"), "二", None)  # out of the way: now it is undone, after one backup
    result = history.revert_batch(batch)
    assert [i.path for i in list_backups(verify=False)] == [result.backup_path]
    assert [r for r in all_rows()["mastered_words"] if r[2] in ("一", "二", "三")] == []


def test_undo_an_import_removes_the_child_after_its_records(any_ledger):
    with audit.writing("migration"):
        audit.note_batch("migration", {"archive": "legacy-2024.zip"})
        services.create_profile("Imported", actor="migration")
        services.bulk_add_words("imported", "猫 狗", "zh", actor="migration")
    batch = last_entry().batch_id
    history.revert_batch(batch, backup=False)
    assert services.list_profiles() == []
    assert sql("SELECT count(*) FROM mastered_words").fetchone()[0] == 0


# --------------------------------------------------------------------------------------------------------------
# As it was on…


def test_state_as_of_rebuilds_the_child_at_each_moment(tom, mei):
    t0 = moment()
    wid = word_id(mei, "苹果")
    services.rename_word(wid, "苹果树", None)
    t1 = moment()
    services.delete_rows("mastered_words", [word_id(mei, "香蕉")])
    services.update_profile(mei, None, school="Elm Street")
    services.add_word(mei, "葡萄", "zh")
    t2 = moment()

    then = as_of.state_as_of(mei, t0)
    assert sorted(w["word"] for w in then.words) == ["橙子", "苹果", "香蕉"]
    assert then.profile["school"] == "Sunny Hill" and then.counts()["cards"] == 1 and len(then.chat) == 1
    assert sorted(w["word"] for w in as_of.state_as_of(mei, t1).words) == ["橙子", "苹果树", "香蕉"]
    assert as_of.diff_with_now(as_of.state_as_of(mei, t2)).is_empty
    before_anything = as_of.state_as_of(mei, datetime(2000, 1, 1, tzinfo=UTC))
    assert not before_anything.exists and before_anything.words == []

    diff = as_of.diff_with_now(then)
    assert [w["word"] for w in diff.removed["mastered_words"]] == ["香蕉"]
    assert [w["word"] for w in diff.added["mastered_words"]] == ["葡萄"]
    assert [(c.then["word"], c.now["word"]) for c in diff.changed["mastered_words"]] == [("苹果", "苹果树")]
    assert diff.profile_changes == {"school": ("Sunny Hill", "Elm Street")}
    assert diff.counts()["words"] == {"added": 1, "removed": 1, "changed": 1}


def test_restore_child_brings_back_a_word_deleted_later_and_leaves_other_children_alone(tom, mei):
    services.add_word(tom, "plum", "en")
    t0 = moment()
    mei_then = all_rows()
    services.delete_rows("mastered_words", [word_id(mei, "香蕉")])
    services.add_word(mei, "葡萄", "zh")
    services.update_profile(mei, None, school="Elm Street")
    services.add_word(tom, "kiwi", "en")  # another child's later change stays
    tom_rows = [r for r in all_rows()["mastered_words"] if r[1] == tom]

    result = as_of.restore_child_to(mei, t0)

    now = all_rows()
    assert [r for r in now["mastered_words"] if r[1] == mei] == [r for r in mei_then["mastered_words"] if r[1] == mei]
    assert [r for r in now["mastered_words"] if r[1] == tom] == tom_rows
    assert services.get_profile(mei)["school"] == "Sunny Hill"
    assert result.backup_path is not None and read_backup(result.backup_path).reason == "before-child-restore"
    batch = audit.entries(db.current(), audit.LOG.batch_id == result.batch_id)
    assert {e.changed_by for e in batch} == {"restore"} and {e.profile_id for e in batch} == {mei}
    assert audit.batch_notes(db.current(), [result.batch_id])[result.batch_id]["kind"] == "restore-child"
    assert as_of.diff_with_now(as_of.state_as_of(mei, t0)).is_empty
    assert audit.verify_chain(db.current()).ok


def test_restore_a_deleted_child(tom, mei):
    t0 = moment()
    before = all_rows()
    services.delete_profile(mei)
    as_of.restore_child_to(mei, t0, backup=False)
    assert all_rows() == before


def test_restore_to_before_the_child_existed_is_refused(mei):
    with pytest.raises(RevertBlocked) as caught:
        as_of.restore_child_to(mei, datetime.now(UTC) - timedelta(days=3650), backup=False)
    assert caught.value.code == "not_yet"


def test_rows_from_before_the_log_began_are_part_of_every_moment(mei, db_path):
    """A database the old app made has rows without INSERT entries: they count as there all along."""
    if db.database_path() is None:
        pytest.skip("written with the sqlite3 shell")
    with closing(cipher.connect(db_path)) as con:
        for name in ("audit_mastered_words_insert",):
            con.execute(f"DROP TRIGGER {name}")
        con.execute("INSERT INTO mastered_words (profile_id, word, language) VALUES (?, '旧词', 'zh')", (mei,))
        con.execute("INSERT INTO mastered_words (profile_id, word, language) VALUES (?, '旧改', 'zh')", (mei,))
        con.commit()
    db.close_database()
    db.open_database(db_path)  # re-creates the trigger
    t0 = moment()
    services.rename_word(word_id(mei, "旧改"), "新改", None)
    words = sorted(w["word"] for w in as_of.state_as_of(mei, t0).words)
    assert "旧词" in words and "旧改" in words and "新改" not in words


# --------------------------------------------------------------------------------------------------------------
# Reading the log a page at a time


def test_a_batch_is_one_item_even_when_the_page_ends_inside_it(any_ledger):
    pid = services.create_profile("P")["id"]
    services.bulk_add_words(pid, [f"w{n}" for n in range(30)], "en")
    services.add_word(pid, "single", "en")
    page = audit_log.fetch_log_page(audit_log.LogFilter(), None, 2)
    assert [i.count for i in page.items] == [1, 30] and not page.exhausted
    assert page.items[1].same_child and page.items[1].same_table and page.items[1].same_action
    rest = audit_log.fetch_log_page(audit_log.LogFilter(), page.before_id, 10)
    assert [i.table_name for i in rest.items] == ["profiles"] and rest.exhausted
    rows = audit_log.fetch_log_page(audit_log.LogFilter(batch_id=page.items[1].batch_id), None, 100)
    assert len(rows.items) == 30 and all(i.count == 1 for i in rows.items)


def test_filters_and_batches_that_span_children(tom, mei):
    with audit.writing("migration"):
        services.add_word(mei, "一", "zh", actor="migration")
        services.add_word(tom, "one", "en", actor="migration")
        services.update_profile(tom, None, school="Elm", actor="migration")
    page = audit_log.fetch_log_page(audit_log.LogFilter())
    batch = page.items[0]
    assert batch.count == 3 and not batch.same_child and not batch.same_table and not batch.same_action
    only_tom = audit_log.fetch_log_page(audit_log.LogFilter(actor="migration", profile_id=tom)).items[0]
    assert only_tom.count == 2 and only_tom.same_child and not only_tom.same_table
    words = audit_log.fetch_log_page(audit_log.LogFilter(table="mastered_words", action="INSERT", text="one")).items
    assert [i.new["word"] for i in words] == ["one"]
    assert audit_log.count_log(audit_log.LogFilter(actor="migration")) == 3
    assert audit_log.count_log(audit_log.LogFilter(text="100%_")) == 0  # wildcards are taken literally
    later = audit_log.LogFilter(since=datetime.now(UTC) + timedelta(hours=1))
    assert audit_log.fetch_log_page(later).items == [] and audit_log.count_log(later) == 0
    exported = list(audit_log.iter_log(audit_log.LogFilter(profile_id=tom), chunk=2))
    assert [e.id for e in exported] == sorted((e.id for e in exported), reverse=True)
    assert len(exported) == audit_log.count_log(audit_log.LogFilter(profile_id=tom))


def test_a_batch_item_says_what_its_matching_rows_hold_under_every_filter(tom, mei):
    """Count, first row and 'same child / table / action' of each batch item are those of the batch's matching
    rows (as the export reads them), whatever the filter tests: what a batch shares, or the rows themselves."""
    with audit.writing("migration"):
        services.add_word(mei, "一", "zh", actor="migration")
        services.add_word(tom, "one", "en", actor="migration")
        services.add_word(tom, "two", "en", actor="migration")
        services.update_profile(tom, None, school="Elm one", actor="migration")
        services.add_word(mei, "二 one", "zh", actor="migration")
    services.bulk_add_words(tom, ["three", "four one"], "en")
    F = audit_log.LogFilter
    filters = [
        F(),
        F(actor="migration"),
        F(profile_id=tom),
        F(table="mastered_words"),
        F(text="one"),
        F(text="ONE", profile_id=tom),
        F(action="INSERT"),
        F(since=datetime.now(UTC) - timedelta(hours=1)),
        F(table="mastered_words", text="one"),
    ]
    batches = 0
    for f in filters:
        rows = list(audit_log.iter_log(f))
        for item in audit_log.fetch_log_page(f).items:
            if not item.is_batch:
                continue
            batches += 1
            mine = [e for e in rows if e.batch_id == item.batch_id and e.id <= item.id]
            assert (item.count, item.first_id) == (len(mine), min(e.id for e in mine)), f
            assert item.same_child == (len({e.profile_id for e in mine}) == 1), f
            assert item.same_table == (len({e.table_name for e in mine}) == 1), f
            assert item.same_action == (len({e.action for e in mine}) == 1), f
    assert batches >= len(filters)


def test_summaries(mei):
    services.update_profile(mei, None, school="Elm Street")
    summary = history.summarize(last_entry())
    assert summary.text("UPDATE") == "Mei · school: Sunny Hill → Elm Street"
    services.rename_word(word_id(mei, "香蕉"), "大香蕉", None)
    assert history.summarize(last_entry()).text("UPDATE") == "香蕉 → 大香蕉"

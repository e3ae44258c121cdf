"""A backup is judged by what its file holds, not by its manifest: crafted backups whose manifest matches the file's
size and SHA-256 (so only a content check can catch them) are refused before anything is swapped, with the live
database byte-identical; one whose audit trail does not verify is restored only by an explicit, audited choice.
Invented data only, written through :mod:`desktop.services` so every row is audited."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3 as std_sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from tests_support import PG_URL, reset_pg_schema

from desktop import server_backup, services
from desktop.backup.check import check_backup, check_content, list_backups
from desktop.backup.create import create_backup
from desktop.backup.files import file_sha256
from desktop.backup.manifest import (
    DAMAGED,
    UNUSABLE,
    UNVERIFIED,
    VERIFIED,
    BackupError,
    BackupInfo,
    BackupUnverifiedError,
    read_backup,
)
from desktop.backup.recover import recover_damaged
from desktop.backup.restore import restore_backup
from desktop.store import audit, cipher, db, sqlite
from desktop.store.schema import DATA_TABLES, SCHEMA_VERSION, SEARCH_TABLES

REPO = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------------------------------------------
# Helpers


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], cwd=REPO, capture_output=True, text=True, timeout=120
    )


def files_of(path: Path) -> dict[str, bytes]:
    """The database and any side files, byte for byte."""
    return {s: Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm", "-journal") if Path(f"{path}{s}").exists()}


def rows_of(path: Path, tables=None) -> dict[str, list[tuple]]:
    """Every row of the given tables (default: all), read-only."""
    with closing(cipher.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)) as con:
        if tables is None:
            tables = [
                r[0]
                for r in con.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
        # the search index is read through its own queries (its tables have no rowid order; the rows it indexes
        # are audit_log's, compared here)
        return {
            t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables if t not in SEARCH_TABLES
        }


def trigger_sql(name: str) -> str:
    """The app's CREATE statement of one audit trigger or guard."""
    return next(s for s in sqlite.trigger_sql() if s.startswith(f"CREATE TRIGGER {name} "))


def describe(path: Path, manifest: dict) -> dict:
    """``manifest`` made to match ``path``: size, SHA-256, row counts and audit head of the file as it is."""
    size, digest = file_sha256(path)
    manifest = dict(manifest, file=path.name, size=size, sha256=digest)
    with closing(cipher.connect(path.resolve().as_uri() + "?mode=ro", uri=True)) as con:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ]
        counted = [t for t in tables if t not in SEARCH_TABLES]  # as the app counts (not the search index)
        manifest["counts"] = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in counted}
        if "audit_seal" in tables:
            seal = con.execute("SELECT id, last_id, hash FROM audit_seal ORDER BY id DESC LIMIT 1").fetchone()
            manifest["audit_head"] = {
                "last_audit_id": con.execute("SELECT max(id) FROM audit_log").fetchone()[0],
                "last_seal_id": seal[0],
                "last_sealed_audit_id": seal[1],
                "last_seal_hash": seal[2],
            }
            manifest["chain_head"] = {"last_id": seal[1], "hash": seal[2]}
    return manifest


@pytest.fixture
def bdir(tmp_path) -> Path:
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder


@pytest.fixture
def good(ledger, db_path, bdir) -> BackupInfo:
    """A child with words, grammar, a card and chat (all audited), a verified backup of it, and then a change, so
    the live database differs from every backup. The database is closed afterwards (as the CLI finds it)."""
    pid = services.create_profile("Kid A", interests=["trains"], dob="2016-03-04")["id"]
    services.bulk_add_words(pid, "猫，狗、鸟", "zh")
    services.bulk_add_words(pid, "apple, banana, cherry", "en")
    services.add_grammar(pid, "grammar://a/ba")
    services.add_card(pid, "basic", {"front": "猫", "back": "cat"})
    services.add_chat_message(pid, "user", "hello")
    info = create_backup(reason="manual", dest_dir=bdir)
    services.create_profile("Kid B")
    db.close_database()
    return info


def craft(
    good: BackupInfo,
    name: str,
    change: Callable[[cipher.dbapi.Connection], None] | None = None,
    *,
    replace_with: Callable[[Path], None] | None = None,
    manifest_edit: Callable[[dict], None] | None = None,
) -> BackupInfo:
    """A backup beside ``good``: a copy of it changed by ``change`` (or a file written by ``replace_with``), with a
    manifest describing the result truthfully (size, hash, counts, audit head) except for ``manifest_edit``."""
    path = good.path.parent / f"ledger-{name}.db"
    if replace_with is not None:
        replace_with(path)
    else:
        shutil.copyfile(good.path, path)
        with closing(cipher.connect(path, isolation_level=None)) as con:
            change(con)
    manifest = json.loads(good.manifest_path.read_text(encoding="utf-8"))
    manifest = describe(path, manifest)
    if manifest_edit is not None:
        manifest_edit(manifest)
    path.with_suffix(".json").write_text(json.dumps(manifest), encoding="utf-8")
    info = read_backup(path)
    assert check_backup(info).status == VERIFIED  # size and fingerprint alone would pass it
    return info


# --------------------------------------------------------------------------------------------------------------
# The crafted backups


def foreign_file(path: Path) -> None:
    with closing(cipher.connect(path)) as con:
        con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
        con.execute("INSERT INTO recipes (title) VALUES ('invented soup')")
        con.commit()


def extra_table(con: cipher.dbapi.Connection) -> None:
    con.execute("CREATE TABLE stash (note TEXT)")
    con.execute("INSERT INTO stash VALUES ('left here by another program')")


def newer_schema(con: cipher.dbapi.Connection) -> None:
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def claims_current_schema(manifest: dict) -> None:
    manifest["schema_version"] = SCHEMA_VERSION


def silencing_trigger(con: cipher.dbapi.Connection) -> None:
    con.execute("CREATE TRIGGER x BEFORE INSERT ON audit_log BEGIN SELECT RAISE(IGNORE); END")


def broken_chain(con: cipher.dbapi.Connection) -> None:
    """A sealed audit row edited, with the guard dropped first and put back after."""
    con.execute("DROP TRIGGER audit_log_no_update")
    edited = con.execute(
        "UPDATE audit_log SET new_value = replace(new_value, 'banana', 'mango') "
        "WHERE table_name = 'mastered_words' AND new_value LIKE '%banana%'"
    )
    assert edited.rowcount == 1
    con.execute(trigger_sql("audit_log_no_update"))


def unaudited_change(con: cipher.dbapi.Connection) -> None:
    """A word changed with its audit trigger dropped, the trigger re-created after: the log never saw it."""
    con.execute("DROP TRIGGER audit_mastered_words_update")
    assert con.execute("UPDATE mastered_words SET word = 'mango' WHERE word = 'banana'").rowcount == 1
    con.execute(trigger_sql("audit_mastered_words_update"))


def lowered_schema_version(con: cipher.dbapi.Connection) -> None:
    """Our whole schema, audit tables included, claiming to be the plan's bare schema 0 (which is not checked for
    an audit trail of ours: it has none yet)."""
    con.execute("PRAGMA user_version = 0")


def one_word_more(manifest: dict) -> None:
    manifest["counts"]["mastered_words"] += 1


def damaged_index(con: cipher.dbapi.Connection) -> None:
    """Change a word inside the UNIQUE index's page only (table, counts and page structure stay sound), so only
    ``integrity_check`` can tell: count(*) and the table's rows are as described."""
    path = Path(con.execute("PRAGMA database_list").fetchone()[2])
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    with closing(std_sqlite3.connect(path)) as plain:  # the standard module's SQLite has dbstat; SQLCipher's not
        pages = [
            r[0] for r in plain.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_autoindex_mastered_words_1'")
        ]
    con.close()  # the rest is done to the file itself
    data = bytearray(path.read_bytes())
    for page in pages:
        start = (page - 1) * page_size
        at = data.find(b"banana", start, start + page_size)
        if at >= 0:
            data[at + 4] = ord("N")
            break
    else:
        raise AssertionError("the word is not in the index's pages")
    path.write_bytes(bytes(data))


UNUSABLE = [
    pytest.param(dict(replace_with=foreign_file), "another program", UNUSABLE, id="foreign-file"),
    pytest.param(dict(change=extra_table), "another program", UNUSABLE, id="foreign-table"),
    pytest.param(
        dict(change=newer_schema, manifest_edit=claims_current_schema),
        "newer version",
        UNUSABLE,
        id="newer-schema",
    ),
    pytest.param(dict(change=lambda con: None, manifest_edit=one_word_more), "row counts differ", DAMAGED, id="counts"),
    # plain: the damage is placed with SQLite's dbstat table, which the SQLCipher build lacks (an encrypted page
    # changed by one byte fails its HMAC instead: test_backup.py's flipped byte)
    pytest.param(dict(change=damaged_index), "damaged", DAMAGED, id="integrity-only", marks=pytest.mark.plain_database),
]

AUDIT_ONLY = [
    pytest.param(silencing_trigger, id="silencing-trigger"),
    pytest.param(broken_chain, id="broken-chain"),
    pytest.param(lowered_schema_version, id="lowered-schema-version"),
    pytest.param(unaudited_change, id="unaudited-change"),
]


def make(good: BackupInfo, how: dict) -> BackupInfo:
    return craft(good, "20000101-000000", **how)


def assert_one_sentence(message: str, name: str) -> None:
    assert name in message and "not changed" in message and "Traceback" not in message
    assert message.endswith(".") and not re.search(r"\.\s+\S", message), message


# --------------------------------------------------------------------------------------------------------------
# Unusable: refused before the swap, whatever the manifest says


@pytest.mark.parametrize(("how", "said", "status"), UNUSABLE)
def test_an_unusable_backup_is_refused_and_the_database_is_untouched(good, db_path, bdir, how, said, status):
    crafted = make(good, how)
    rows = rows_of(db_path)  # (reading it first: a reader may add an empty -wal and its -shm)
    before, listed = files_of(db_path), sorted(p.name for p in bdir.iterdir())

    checked = check_backup(crafted.path, integrity=True)
    assert checked.status == status and said in checked.detail and not checked.integrity_checked
    assert not checked.restorable and not checked.needs_acceptance

    for accept in (False, True):
        with pytest.raises(BackupError) as refused:
            restore_backup(crafted.name, db_path, backup_dir=bdir, accept_unverified=accept)
        assert not isinstance(refused.value, BackupUnverifiedError)
        assert said in str(refused.value)
        assert_one_sentence(str(refused.value), crafted.name)
        assert files_of(db_path) == before and rows_of(db_path) == rows  # byte-identical, same content
        assert sorted(p.name for p in bdir.iterdir()) == listed  # not even a before-restore backup
        assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(".ledger.db.restore")) == []

    # the command line: one sentence, exit 1, nothing changed — with or without --accept-unverified
    for extra in ((), ("--accept-unverified",)):
        done = run_cli("restore", crafted.name, "--db", str(db_path), "--dest", str(bdir), "--yes", *extra)
        assert done.returncode == 1 and done.stdout == ""
        assert_one_sentence(done.stderr.strip(), crafted.name)
        assert files_of(db_path) == before
    assert sorted(p.name for p in bdir.iterdir()) == listed

    # backups --check calls it what it is, and only the good one verified
    listing = run_cli("backups", "--dest", str(bdir), "--check")
    assert listing.returncode == 1, listing.stderr
    line = next(ln for ln in listing.stdout.splitlines() if ln.endswith(crafted.name))
    assert f"{status}: " in line and said in line and "verified" not in line
    good_line = next(ln for ln in listing.stdout.splitlines() if ln.endswith(good.name))
    assert "verified (contents checked)" in good_line
    assert "1 backup(s) cannot be used" in listing.stdout
    # without --check only size and fingerprint are looked at, and the listing does not call that "verified"
    quick = run_cli("backups", "--dest", str(bdir))
    assert quick.returncode == 0 and "verified" not in quick.stdout.replace("--check verifies", "")
    assert "fingerprint ok" in next(ln for ln in quick.stdout.splitlines() if ln.endswith(crafted.name))


@pytest.mark.plain_database  # dbstat (see UNUSABLE)
def test_the_integrity_only_damage_is_invisible_to_counts_and_quick_check(good, bdir):
    crafted = craft(good, "20000101-000000", damaged_index)
    with closing(cipher.connect(crafted.path.resolve().as_uri() + "?mode=ro", uri=True)) as con:
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in crafted.counts}
    assert counts == crafted.counts == good.counts


# --------------------------------------------------------------------------------------------------------------
# Audit-only: refused unless accepted; the acceptance is audited


@pytest.mark.parametrize("change", AUDIT_ONLY)
def test_a_backup_whose_audit_trail_does_not_verify_needs_an_explicit_audited_choice(good, db_path, bdir, change):
    crafted = craft(good, "20000101-000000", change)
    rows = rows_of(db_path)
    before, listed = files_of(db_path), sorted(p.name for p in bdir.iterdir())

    checked = check_backup(crafted.path, integrity=True)
    assert checked.status == UNVERIFIED, checked.detail
    assert checked.needs_acceptance and not checked.restorable and not checked.ok
    assert "audit trail does not verify" in checked.detail and checked.content.audit

    with pytest.raises(BackupUnverifiedError) as refused:
        restore_backup(crafted.name, db_path, backup_dir=bdir)
    assert_one_sentence(str(refused.value), crafted.name)
    assert files_of(db_path) == before and rows_of(db_path) == rows
    assert sorted(p.name for p in bdir.iterdir()) == listed

    listing = run_cli("backups", "--dest", str(bdir), "--check")
    assert listing.returncode == 1
    line = next(ln for ln in listing.stdout.splitlines() if ln.endswith(crafted.name))
    assert "unverified (contents checked): its audit trail does not verify" in line
    assert "--accept-unverified" in listing.stdout

    done = run_cli("restore", crafted.name, "--db", str(db_path), "--dest", str(bdir), "--yes")
    assert done.returncode == 1 and "--accept-unverified" in done.stderr and "Traceback" not in done.stderr
    assert files_of(db_path) == before and rows_of(db_path) == rows

    expected = rows_of(crafted.path, DATA_TABLES)
    done = run_cli("restore", crafted.name, "--db", str(db_path), "--dest", str(bdir), "--yes", "--accept-unverified")
    assert done.returncode == 0, done.stderr
    assert "audit trail does not verify" in done.stdout and "recorded in the audit log" in done.stdout
    assert rows_of(db_path, DATA_TABLES) == expected  # the backup's records, as they are in it
    notes = rows_of(db_path, ["audit_batch"])["audit_batch"]
    assert [(n[2], n[3]) for n in notes if n[3] == "restore-unverified"] == [("restore", "restore-unverified")]
    note = json.loads(next(n[4] for n in notes if n[3] == "restore-unverified"))
    assert note["backup"] == crafted.name and note["sha256"] == crafted.sha256
    assert note["found"] == checked.content.audit
    # the database it replaced was backed up first, as with every restore
    assert any(i.reason == "before-restore" for i in list_backups(bdir, verify=False))


def test_accepting_in_the_engine_records_the_choice_in_the_bound_database(good, db_path, bdir):
    crafted = craft(good, "20000101-000000", broken_chain)
    db.open_database(db_path)
    result = restore_backup(crafted, db_path, backup_dir=bdir, accept_unverified=True)
    assert result.ok, result.problems
    assert result.accepted and "recorded in the audit log" in result.summary()
    database = db.current()  # the app is bound to the restored database
    notes = [
        n
        for n in audit.batch_notes(
            database, [r[0] for r in database.execute_sql("SELECT batch_id FROM audit_batch")]
        ).values()
        if n["kind"] == "restore-unverified"
    ]
    assert len(notes) == 1 and notes[0]["actor"] == "restore" and notes[0]["note"]["found"] == result.accepted
    assert services.list_profiles()[0]["name"] == "Kid A"


# --------------------------------------------------------------------------------------------------------------
# The good case, manifests, old manifests


def test_a_sound_backup_passes_every_check_and_its_manifest_names_the_database_and_chain_head(good, db_path, bdir):
    checked = check_backup(good.path, integrity=True)
    assert checked.status == VERIFIED and checked.integrity_checked and checked.restorable
    assert checked.content.verified and checked.content.audit == []
    manifest = json.loads(good.manifest_path.read_text(encoding="utf-8"))
    with closing(cipher.connect(good.path)) as con:
        seal = con.execute("SELECT last_id, hash FROM audit_seal ORDER BY id DESC LIMIT 1").fetchone()
        stored_id = con.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()
    assert manifest["chain_head"] == {"last_id": seal[0], "hash": seal[1]}
    assert "database_id" in manifest and manifest["database_id"] == (stored_id[0] if stored_id else None)


def test_a_manifest_that_lies_about_the_chain_head_is_caught(good, bdir):
    def other_head(manifest):
        manifest["chain_head"] = {"last_id": manifest["chain_head"]["last_id"], "hash": "f" * 64}

    crafted = craft(good, "20000101-000000", lambda con: None, manifest_edit=other_head)
    checked = check_backup(crafted, integrity=True)
    assert checked.status == DAMAGED and "chain head" in checked.detail


def test_an_old_manifest_without_id_and_chain_head_still_verifies_and_restores(good, db_path, bdir):
    def old(manifest):
        del manifest["database_id"], manifest["chain_head"]

    crafted = craft(good, "20000101-000000", lambda con: None, manifest_edit=old)
    assert crafted.chain_head == {} and crafted.database_id is None
    assert check_backup(crafted, integrity=True).status == VERIFIED
    result = restore_backup(crafted.name, db_path, backup_dir=bdir)
    assert result.ok and rows_of(db_path, DATA_TABLES) == rows_of(good.path, DATA_TABLES)


def test_the_check_works_on_a_private_copy_and_leaves_the_backup_as_it_was(good, monkeypatch):
    before = good.path.read_bytes(), good.path.stat().st_mtime_ns
    opened = []
    real_connect = cipher.dbapi.connect

    def spy(target, *args, **kwargs):
        opened.append(str(target))
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(cipher.dbapi, "connect", spy)
    assert check_backup(good, integrity=True).status == VERIFIED
    assert opened and all("/mastery-ledger-check-" in t and "mode=ro" in t for t in opened)
    assert (good.path.read_bytes(), good.path.stat().st_mtime_ns) == before
    copies = {Path(t.split("?")[0].removeprefix("file://")).parent for t in opened}
    assert all(not folder.exists() for folder in copies)  # the private copy is gone


@pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server configured (MASTERY_LEDGER_TEST_PG)")
def test_a_server_backup_names_the_server_database_and_its_chain_head(bdir):
    reset_pg_schema(PG_URL)
    database = db.open_database(PG_URL)
    pid = services.create_profile("Kid S")["id"]
    services.bulk_add_words(pid, "apple, pear", "en")
    with db.write_transaction(database):
        server_id = audit.ensure_database_id(database)
    info = server_backup.create_server_backup(PG_URL, dest_dir=bdir)
    manifest = json.loads(info.manifest_path.read_text(encoding="utf-8"))
    last_id, seal_hash = audit.chain_head(database)
    assert last_id > 0 and manifest["chain_head"] == {"last_id": last_id, "hash": seal_hash}
    assert server_id and manifest["database_id"] == server_id  # the server's, not the snapshot file's own
    assert manifest["engine"] == "postgres"
    checked = check_backup(info.path, integrity=True)
    assert checked.status == VERIFIED and checked.integrity_checked, checked.detail


def test_restore_help_documents_accept_unverified():
    shown = run_cli("restore", "--help")
    assert shown.returncode == 0
    text = " ".join(shown.stdout.split())
    assert "--accept-unverified" in text and "audit trail does not verify" in text and "never restored" in text


def test_recovery_at_start_up_skips_what_the_content_check_refuses_and_never_accepts_by_itself(good, db_path, bdir):
    def later(minutes: int):
        """A manifest edit: made ``minutes`` after the good backup (so it is tried first)."""

        def edit(manifest):
            made = datetime.fromisoformat(manifest["created_at"].replace("Z", "+00:00")) + timedelta(minutes=minutes)
            manifest["created_at"] = made.isoformat(timespec="milliseconds").replace("+00:00", "Z")

        return edit

    def newer_claiming_current(manifest):
        claims_current_schema(manifest)
        later(2)(manifest)

    tampered = craft(good, "20000101-000000", broken_chain, manifest_edit=later(1))
    newer = craft(good, "20000102-000000", newer_schema, manifest_edit=newer_claiming_current)
    data = bytearray(db_path.read_bytes())  # break every b-tree page's header: the database cannot be opened
    page = int.from_bytes(data[16:18], "big") or 65536
    for start in range(page, len(data), page):
        data[start : start + 8] = b"\xff" * 8
    db_path.write_bytes(bytes(data))

    recovered = recover_damaged(db_path, backup_dir=bdir)
    assert recovered.restore.backup.name == good.name and not recovered.restore.accepted
    skipped = dict(recovered.skipped)
    assert list(skipped) == [newer.name, tampered.name]
    assert "newer version" in skipped[newer.name] and "audit trail does not verify" in skipped[tampered.name]
    assert rows_of(db_path, DATA_TABLES) == rows_of(good.path, DATA_TABLES)


def test_an_older_backup_is_not_a_log_cut_short_but_a_rewritten_history_is_caught(ledger, db_path):
    """Backups of one database in the app's folder: each is an earlier point of the same history, so a later
    backup's head does not make an older one suspect; a history rewritten and sealed anew does not pass through a
    head another backup recorded."""

    pid = services.create_profile("Kid A")["id"]
    older = create_backup(reason="manual")
    services.bulk_add_words(pid, "apple, banana", "en")
    newer = create_backup(reason="manual")
    assert older.chain_head["last_id"] < newer.chain_head["last_id"]
    for info in (older, newer):
        checked = check_backup(info.path, integrity=True)
        assert checked.status == VERIFIED, checked.detail

    def rewrite_and_reseal(con: cipher.dbapi.Connection) -> None:
        """Rename the child in the log (and the data, so they agree), then seal everything anew."""
        for name in ("audit_log_no_update", "audit_seal_no_delete"):
            con.execute(f"DROP TRIGGER {name}")
        con.execute("DROP TRIGGER audit_profiles_update")
        con.execute("UPDATE audit_log SET new_value = replace(new_value, 'Kid A', 'Kid Z')")
        con.execute("UPDATE profiles SET name = 'Kid Z'")
        con.execute("DELETE FROM audit_seal")
        path = con.execute("PRAGMA database_list").fetchone()[2]
        con.close()
        database = cipher.database(path)
        with database.atomic():
            audit.seal(database)
            for name in ("audit_log_no_update", "audit_seal_no_delete", "audit_profiles_update"):
                database.execute_sql(trigger_sql(name))
        database.close()

    forged = craft(newer, "20000101-000000", rewrite_and_reseal)
    checked = check_backup(forged.path, integrity=True)
    assert checked.status == UNVERIFIED
    assert any("rewritten" in p and older.name.replace(".db", ".json") in p for p in checked.content.audit)


def test_a_verdict_is_reused_only_for_the_very_same_file_and_manifest(good, monkeypatch):
    calls = []
    real_check = check_content

    def counting(*args, **kwargs):
        calls.append(1)
        return real_check(*args, **kwargs)

    monkeypatch.setattr("desktop.backup.check.check_content", counting)
    assert check_backup(good.path, integrity=True, reuse=True).status == VERIFIED
    again = check_backup(good.path, integrity=True, reuse=True)
    assert again.status == VERIFIED and again.integrity_checked and len(calls) == 1
    assert check_backup(good.path, integrity=True).status == VERIFIED and len(calls) == 2

    # a byte changed, with the size and modification time put back: its change time still tells
    st = good.path.stat()
    data = bytearray(good.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    good.path.write_bytes(bytes(data))
    os.utime(good.path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert good.path.stat().st_mtime_ns == st.st_mtime_ns and good.path.stat().st_size == st.st_size
    changed = check_backup(good.path, integrity=True, reuse=True)
    assert changed.status == DAMAGED and "fingerprint" in changed.detail and len(calls) == 3

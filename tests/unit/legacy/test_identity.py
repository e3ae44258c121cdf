"""Which records are "already imported" (the same child and the same content, never an old id or a derived slug),
verification that compares content record by record, one migration at a time, unique archives, a dry run that
writes nothing, and a report path checked before anything is written (issue 13, items 1–5).

Every folder here is generated in the test, with invented names and words.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from argparse import Namespace
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests_support import PG_URL, reset_pg_schema

from desktop import services
from desktop.cli import migrate as migrate_cli
from desktop.errors import LedgerError
from desktop.legacy import importer
from desktop.legacy.archive import archive_sources, check_archive, open_archive
from desktop.legacy.contract import ProfileKey, free_profile_id, profile_candidates, record_digest, resolve_profile
from desktop.legacy.read import read_legacy
from desktop.legacy.result import MigrationResult
from desktop.legacy.sealed import is_sealed
from desktop.store import cipher, db

from .test_importer import REPO, archives, q, run_cli

DATA_TABLES = ("profiles", "mastered_words", "mastered_grammar", "approved_cards", "chat_messages")


# ---------------------------------------------------------------------------------------------------------- helpers


def write_folder(
    root: Path, profiles: list[dict], cards: list[dict] | None = None, chats: list[dict] | None = None
) -> Path:
    """An old app's folder: data/profiles/child_profiles.json and data/content_db/{approved_cards,chat_history}."""
    (root / "data" / "profiles").mkdir(parents=True, exist_ok=True)
    (root / "data" / "content_db").mkdir(parents=True, exist_ok=True)
    files = {
        "profiles/child_profiles.json": profiles,
        "content_db/approved_cards.json": cards or [],
        "content_db/chat_history.json": chats or [],
    }
    for rel, items in files.items():
        (root / "data" / rel).write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    return root


def child(name: str, zh: list[str], en: list[str] | None = None, grammar: list[str] | None = None, **more) -> dict:
    return {
        "id": None,
        "name": name,
        "dob": "2016-05-04",
        "mastered_words": ", ".join(zh),
        "mastered_english_words": ", ".join(en or []),
        "mastered_grammar": ", ".join(grammar or []),
        **more,
    }


def card(legacy_id: str, front: str, back: str) -> dict:
    return {
        "id": legacy_id,
        "card_type": "basic",
        "front": front,
        "back": back,
        "status": "approved",
        "created_at": "2025-04-01T08:00:00+00:00",
    }


def message(legacy_id: str, role: str, content: str, minute: int) -> dict:
    return {"id": legacy_id, "role": role, "content": content, "timestamp": f"2025-04-01T08:{minute:02d}:00+00:00"}


def run(folder: Path, **kwargs) -> MigrationResult:
    kwargs.setdefault("assume_tz", "+08:00")
    kwargs.setdefault("backup_database", False)
    return importer.migrate(folder, **kwargs)


def profile_id(name: str) -> str:
    rows = q("SELECT id FROM profiles WHERE name = ?", (name,))
    assert len(rows) == 1, (name, rows)
    return rows[0][0]


def words(pid: str, lang: str = "zh") -> set[str]:
    return {w for (w,) in q("SELECT word FROM mastered_words WHERE profile_id = ? AND language = ?", (pid, lang))}


def card_rows(pid: str) -> dict[str, dict]:
    return {
        legacy_id: json.loads(content)
        for legacy_id, content in q("SELECT legacy_id, content FROM approved_cards WHERE profile_id = ?", (pid,))
    }


def chat_rows(pid: str) -> dict[str, str]:
    return dict(q("SELECT legacy_id, content FROM chat_messages WHERE profile_id = ?", (pid,)))


def table_counts() -> dict[str, int]:
    return {t: q(f"SELECT count(*) FROM {t}")[0][0] for t in (*DATA_TABLES, "audit_log")}


def folder_state(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (a new file, a changed byte or a removed file all show)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --------------------------------------------------------------------------------------------- the contract's rules


def test_names_resolve_before_ids_and_an_ambiguous_name_names_every_candidate() -> None:
    spaced, dashed = ProfileKey.of("a-b", "A B"), ProfileKey.of("a-b-2", "a-b")
    profiles = [spaced, dashed]
    assert resolve_profile("a-b", profiles) == "a-b-2"  # the child called "a-b", not the one whose id is a-b
    assert resolve_profile("A B", profiles) == "a-b"
    assert resolve_profile("a-b-2", profiles) == "a-b-2"
    assert resolve_profile("a b", profiles) is None  # the slug of both children
    assert profile_candidates("a b", profiles) == [spaced, dashed]
    assert profile_candidates("A\u00a0B ", profiles) == [spaced]  # the name as the contract normalises it


def test_record_digest_is_canonical_and_free_ids_count_on() -> None:
    assert record_digest("card", {"b": 1, "a": [1, "二"]}) == record_digest("card", {"a": [1, "二"], "b": 1})
    assert record_digest("card", {"a": 1}) != record_digest("card", {"a": "1"})
    assert record_digest("chat", "u", None) != record_digest("chat", "u", "")
    assert free_profile_id("a-b", {"a-b", "a-b-2"}) == "a-b-3"
    assert free_profile_id("c", {"a-b"}) == "c"


# ----------------------------------------------------------------------------------------------------- 1. identity


def family_one(root: Path) -> Path:
    return write_folder(
        root,
        [child("Amy Lin", ["苹果", "香蕉"], ["apple"])],
        [card("1", "苹果", "apple"), card("2", "香蕉", "banana"), card("3", "猫", "cat")],
        [message(f"m{i}", "user" if i % 2 == 0 else "assistant", f"Amy 的第 {i} 条", i) for i in range(10)],
    )


def family_two(root: Path) -> Path:
    """Another installation of the old app: it numbered its cards and messages from the start again."""
    return write_folder(
        root,
        [child("Bo Wang", ["月亮", "星星"], ["moon"])],
        [
            card("1", "月亮", "moon"),
            card("2", "星星", "star"),
            card("3", "猫", "cat"),
        ],  # the same card as Amy's #3, but Bo's: a record of another child
        [message(f"m{i}", "user" if i % 2 == 0 else "assistant", f"Bo 的第 {i} 条", i) for i in range(10)],
    )


def test_a_second_family_whose_old_ids_clash_is_imported_whole_and_the_clash_reported(any_ledger, tmp_path):
    first = run(family_one(tmp_path / "one"), assign_to="Amy Lin")
    assert first.status == "migrated", first.message
    second = run(family_two(tmp_path / "two"), assign_to="Bo Wang")
    assert second.status == "migrated", second.message
    assert second.new == {"profiles": 1, "zh": 2, "en": 1, "grammar": 0, "cards": 3, "chat": 10}
    amy, bo = profile_id("Amy Lin"), profile_id("Bo Wang")
    source_two = json.loads((tmp_path / "two/data/content_db/approved_cards.json").read_text(encoding="utf-8"))
    assert card_rows(bo) == {c["id"]: c for c in source_two}
    assert chat_rows(bo) == {f"m{i}": f"Bo 的第 {i} 条" for i in range(10)}
    assert chat_rows(amy) == {f"m{i}": f"Amy 的第 {i} 条" for i in range(10)}  # Amy's untouched
    clashes = [p for p in second.identity_problems if p.code.endswith("same_id_other_content")]
    assert sorted((p.code, p.file, p.record) for p in clashes) == sorted(
        [("card_same_id_other_content", "data/content_db/approved_cards.json", f'#{i} "{i}"') for i in (1, 2, 3)]
        + [("chat_same_id_other_content", "data/content_db/chat_history.json", f'#{i + 1} "m{i}"') for i in range(10)]
    )
    assert all("Same old id, different content" in p.message for p in clashes)
    report = json.loads(importer.report_json(second))
    assert sum(p["code"] == "chat_same_id_other_content" for p in report["problems"]) == 10
    # the proof: every record of the second folder compared with its row
    assert all(c.ok for c in second.checks)
    assert second.proof() == (1 + 2 + 1 + 3 + 10, 0, 1 + 2 + 1 + 3 + 10)
    # and a re-run of either folder finds everything imported
    again = run(tmp_path / "two", assign_to="Bo Wang")
    assert again.status == "nothing-new" and again.total_new == 0 and again.identity_problems == []
    assert all(c.ok and c.identical == c.source for c in again.checks)


def test_a_record_changed_in_the_old_app_since_is_new_and_reported(any_ledger, tmp_path):
    folder = family_one(tmp_path / "one")
    assert run(folder, assign_to="Amy Lin").status == "migrated"
    cards_file = folder / "data/content_db/approved_cards.json"
    cards = json.loads(cards_file.read_text(encoding="utf-8"))
    cards[1]["back"] = "banana (yellow)"
    cards_file.write_text(json.dumps(cards, ensure_ascii=False), encoding="utf-8")
    again = run(folder, assign_to="Amy Lin")
    assert again.status == "migrated" and again.new["cards"] == 1 and again.total_new == 1
    assert [(p.code, p.record) for p in again.identity_problems] == [("card_same_id_other_content", '#2 "2"')]
    backs = sorted(json.loads(c)["back"] for (c,) in q("SELECT content FROM approved_cards WHERE legacy_id = '2'"))
    assert backs == ["banana", "banana (yellow)"]


def slug_twins(root: Path, reverse: bool, extra: bool) -> Path:
    """Two children whose names give one slug; each has words of their own (and more when ``extra``)."""
    spaced = child("A B", ["甲一", "甲二"] + (["甲三"] if extra else []), ["alpha"])
    dashed = child("a-b", ["乙一", "乙二"] + (["乙三"] if extra else []), ["beta"])
    return write_folder(root, [dashed, spaced] if reverse else [spaced, dashed])


def test_slug_twins_keep_their_own_words_when_the_file_is_reordered(any_ledger, tmp_path):
    assert run(slug_twins(tmp_path / "first", reverse=False, extra=False)).status == "migrated"
    spaced, dashed = profile_id("A B"), profile_id("a-b")
    assert spaced != dashed
    again = run(slug_twins(tmp_path / "second", reverse=True, extra=True))
    assert again.status == "migrated", again.message
    assert again.new == {"profiles": 0, "zh": 2, "en": 0, "grammar": 0, "cards": 0, "chat": 0}
    assert (profile_id("A B"), profile_id("a-b")) == (spaced, dashed)
    assert words(spaced) == {"甲一", "甲二", "甲三"} and words(spaced, "en") == {"alpha"}
    assert words(dashed) == {"乙一", "乙二", "乙三"} and words(dashed, "en") == {"beta"}
    assert q("SELECT count(*) FROM profiles")[0][0] == 2


def test_a_new_child_whose_id_is_taken_gets_another_and_the_clash_is_reported(any_ledger, tmp_path):
    assert run(write_folder(tmp_path / "one", [child("A B", ["甲"])])).status == "migrated"
    second = run(write_folder(tmp_path / "two", [child("a-b", ["乙"])]))
    assert second.status == "migrated" and second.new["profiles"] == 1
    assert profile_id("A B") == "a-b" and profile_id("a-b") == "a-b-2"
    assert words("a-b") == {"甲"} and words("a-b-2") == {"乙"}
    [clash] = second.identity_problems
    assert (clash.code, clash.file, clash.record) == (
        "profile_id_clash",
        "data/profiles/child_profiles.json",
        '#1 "a-b"',
    )
    assert '"a-b-2"' in clash.message


def twins_with_cards(root: Path) -> Path:
    return write_folder(
        root, [child("A B", ["甲"]), child("a-b", ["乙"])], [card("1", "甲", "a")], [message("m1", "user", "你好", 1)]
    )


def test_assign_to_picks_the_child_by_name_before_an_id(any_ledger, tmp_path):
    result = run(twins_with_cards(tmp_path / "f"), assign_to="a-b")
    assert result.status == "migrated", result.message
    dashed = profile_id("a-b")
    assert dashed == "a-b-2"  # "A B" came first in the file and has the id a-b
    assert list(card_rows(dashed)) == ["1"] and list(chat_rows(dashed)) == ["m1"]
    assert card_rows(profile_id("A B")) == {}


def test_an_ambiguous_assign_to_is_refused_listing_the_candidates(any_ledger, tmp_path):
    folder = twins_with_cards(tmp_path / "f")
    result = run(folder, assign_to="a b", skip_invalid=True)
    assert result.status == "blocked"
    assert '"A B"' in result.message and '"a-b"' in result.message and "Nothing was written" in result.message
    assert all(n == 0 for n in table_counts().values())
    db.close_database()
    done = run_cli("migrate", str(folder), "--assign-to", "a b", "--db", str(tmp_path / "cli.db"))
    assert done.returncode == 1
    assert 'could be any of "A B", "a-b"' in done.stdout and "Profiles to choose from" in done.stdout


# ------------------------------------------------------------------------------------------------ 2. prove content


def corrupt_one(table: str, change):
    """A services.insert_rows that alters the first row it writes into ``table`` (a writer that loses content)."""
    original = services.insert_rows
    done = []

    def insert_rows(name, columns, rows, chunk=5000):
        rows = list(rows)
        if name == table and not done:
            done.append(True)
            values = dict(zip(columns, rows[0], strict=True))
            change(values)
            rows[0] = tuple(values[c] for c in columns)
        return original(name, columns, rows, chunk)

    return insert_rows


CORRUPTIONS = {
    "profiles": lambda v: v.update(dob="2016-05-05"),
    "mastered_words": lambda v: v.update(word=v["word"] + "了"),
    "mastered_grammar": lambda v: v.update(grammar_uri=v["grammar_uri"] + "x"),
    "approved_cards": lambda v: v.update(content=v["content"].replace("apple", "apples")),
    "chat_messages": lambda v: v.update(content=v["content"] + " "),
}


@pytest.mark.parametrize("table", list(CORRUPTIONS))
def test_a_row_written_with_other_content_fails_the_migration_and_nothing_is_kept(
    any_ledger, tmp_path, monkeypatch, table
):
    folder = write_folder(
        tmp_path / "f",
        [child("Amy Lin", ["苹果"], ["apple"], ["grammar:zh/le"])],
        [card("1", "苹果", "apple")],
        [message("m1", "user", "你好", 1)],
    )
    monkeypatch.setattr(services, "insert_rows", corrupt_one(table, CORRUPTIONS[table]))
    result = run(folder)
    assert result.status == "verification-failed" and not result.ok
    failed = [c for c in result.checks if not c.ok]
    assert len(failed) == 1 and failed[0].different == 1 and failed[0].differences
    assert all(n == 0 for n in table_counts().values())


def test_the_report_and_the_command_line_speak_from_the_comparison(tmp_path):
    folder = family_one(tmp_path / "one")
    db_file, report = tmp_path / "ledger.db", tmp_path / "report.json"
    done = run_cli("migrate", str(folder), "--db", str(db_file), "--report", str(report), "--assume-tz", "+08:00")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Checked record by record against the old files: 17 of 17 identical." in done.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    chat = next(c for c in data["verification"] if c["kind"] == "chat")
    assert chat == {
        "kind": "chat",
        "source": 10,
        "new": 10,
        "identical": 10,
        "kept": 0,
        "different": 0,
        "ok": True,
        "differences": [],
    }


# ------------------------------------------------------------------------------------------------ 3. one at a time


def test_two_migrations_started_together_import_once(engine_target, tmp_path):
    folder = write_folder(
        tmp_path / "f",
        [child("Amy Lin", [f"词{i}" for i in range(3000)], [f"word{i}" for i in range(500)])],
        [card(str(i), f"正面 {i}", f"back {i}") for i in range(300)],
        [message(str(i), "user", f"消息 {i}", i % 60) for i in range(300)],
    )
    db.open_database(engine_target)  # the database exists: what is attacked is the migration, not its creation
    db.close_database()
    args = [sys.executable, "-m", "desktop", "migrate", str(folder), "--db", engine_target, "--assume-tz", "+08:00"]
    runs = [
        subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outputs = [r.communicate(timeout=300) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    last = sorted(out.splitlines()[-1] for out, _ in outputs)
    assert last[0].startswith("Already imported — 0 new records. Nothing was written."), outputs
    assert last[1].startswith(
        "Imported 1 profiles, 3,000 Chinese words, 500 English words, 300 cards, 300 chat messages."
    ), outputs
    db.open_database(engine_target)
    assert {t: n for t, n in table_counts().items() if t != "audit_log"} == {
        "profiles": 1,
        "mastered_words": 3500,
        "mastered_grammar": 0,
        "approved_cards": 300,
        "chat_messages": 300,
    }
    assert q("SELECT count(DISTINCT legacy_id) FROM approved_cards")[0][0] == 300


def test_archives_made_in_the_same_second_are_each_whole(ledger, tmp_path, monkeypatch):
    folder = family_one(tmp_path / "one")
    parsed = read_legacy(folder, assume_tz="+08:00")
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment

    monkeypatch.setattr("desktop.legacy.archive.datetime", FrozenClock)
    made: list[tuple[Path, str]] = []
    start = threading.Barrier(2)

    def archive() -> None:
        start.wait()
        made.append(archive_sources(parsed))

    threads = [threading.Thread(target=archive) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 2 and made[0][0] != made[1][0]
    assert sorted(p.name for p in archives()) == sorted(p.name for p, _ in made)  # no temporary file left
    for path, sha in made:
        assert path.name.startswith("legacy-20260102-030405-")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
        assert is_sealed(path)
        with open_archive(path) as zf:
            assert zf.testzip() is None
            for entry in json.loads(zf.read("manifest.json"))["files"]:
                source = (folder / entry["path"]).read_bytes()
                assert zf.read(f"files/{entry['path']}") == source
        check_archive(path, sha, parsed)


def test_an_archive_changed_before_the_write_stops_the_migration(ledger, tmp_path, monkeypatch):
    folder = family_one(tmp_path / "one")
    original = archive_sources

    def damaged(read_result, dest_dir=None):
        path, sha = original(read_result, dest_dir)
        with open(path, "r+b") as fh:
            fh.seek(40)
            byte = fh.read(1)
            fh.seek(40)
            fh.write(bytes([byte[0] ^ 0xFF]))
        return path, sha

    monkeypatch.setattr(importer, "archive_sources", damaged)
    with pytest.raises(LedgerError, match="changed after it was written"):
        run(folder, assign_to="Amy Lin")
    assert all(n == 0 for n in table_counts().values())


# ------------------------------------------------------------------------------------------------ 4. dry run


def dry_run_cli(folder: Path, db_file: Path) -> subprocess.CompletedProcess:
    return run_cli(
        "migrate", str(folder), "--dry-run", "--db", str(db_file), "--assume-tz", "+08:00", "--assign-to", "Amy Lin"
    )


def test_a_dry_run_on_a_new_path_creates_nothing(tmp_path, ledger_home):
    folder, place = family_one(tmp_path / "one"), tmp_path / "place"
    place.mkdir()
    done = dry_run_cli(folder, place / "ledger.db")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Would import 1 profiles, 2 Chinese words, 1 English words, 3 cards, 10 chat messages." in done.stdout
    assert list(place.iterdir()) == []
    assert not (ledger_home / "backups").exists() and archives() == []


def test_a_dry_run_on_an_old_schema_database_leaves_it_byte_identical(tmp_path, ledger_home):
    from tests.unit.test_db_open import make_old_database

    folder, place = family_one(tmp_path / "one"), tmp_path / "place"
    place.mkdir()
    make_old_database(place / "ledger.db")
    before = folder_state(place)
    done = dry_run_cli(folder, place / "ledger.db")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Would import 1 profiles" in done.stdout
    assert folder_state(place) == before
    assert not (ledger_home / "backups").exists() and archives() == []


def test_a_dry_run_on_a_migrated_database_leaves_it_byte_identical(tmp_path, ledger_home):
    folder, place = family_one(tmp_path / "one"), tmp_path / "place"
    place.mkdir()
    first = run_cli(
        "migrate", str(folder), "--db", str(place / "ledger.db"), "--assume-tz", "+08:00", "--assign-to", "Amy Lin"
    )
    assert first.returncode == 0, first.stdout + first.stderr
    # another program wrote a word (an unsealed audit row) and dropped a trigger: opening would seal and repair
    with closing(cipher.connect(place / "ledger.db")) as other:
        other.execute("INSERT INTO mastered_words (profile_id, word, language) VALUES ('amy-lin', '梨', 'zh')")
        other.execute("DROP TRIGGER audit_mastered_grammar_insert")
        other.commit()
    state, made = folder_state(place), (sorted((ledger_home / "backups").iterdir()), archives())
    done = dry_run_cli(folder, place / "ledger.db")
    assert done.returncode == 0 and "Would import nothing. Already imported: 17 records." in done.stdout
    assert folder_state(place) == state
    assert (sorted((ledger_home / "backups").iterdir()), archives()) == made


# ------------------------------------------------------------------------------------------------ 5. the report path


def test_a_report_into_a_missing_folder_is_refused_before_anything_is_written(tmp_path, ledger_home):
    folder = family_one(tmp_path / "one")
    db_file = tmp_path / "ledger.db"
    done = run_cli(
        "migrate",
        str(folder),
        "--db",
        str(db_file),
        "--assume-tz",
        "+08:00",
        "--assign-to",
        "Amy Lin",
        "--report",
        str(tmp_path / "missing" / "report.json"),
    )
    assert done.returncode == 2
    assert "--report: the folder" in done.stderr and "does not exist" in done.stderr
    assert "Nothing was done." in done.stderr and "Traceback" not in done.stderr
    assert not db_file.exists() and archives() == [] and not (ledger_home / "backups").exists()


def test_a_report_that_fails_after_the_commit_says_the_migration_succeeded(tmp_path, ledger_home, monkeypatch, capsys):
    folder = family_one(tmp_path / "one")
    db_file = tmp_path / "ledger.db"

    real_replacing = migrate_cli.paths.replacing

    def full_disk(path, *args, **kwargs):  # only the report: backups write their manifests through it too
        if Path(path).name == "report.json":
            raise OSError(28, "No space left on device")
        return real_replacing(path, *args, **kwargs)

    monkeypatch.setattr(migrate_cli.paths, "replacing", full_disk)
    args = Namespace(
        source=str(folder),
        db=str(db_file),
        dry_run=False,
        assume_tz="+08:00",
        assign_to="Amy Lin",
        skip_invalid=False,
        report=str(tmp_path / "report.json"),
    )
    assert migrate_cli.run_migrate(args) == migrate_cli.EXIT_REPORT_FAILED == 3
    err = capsys.readouterr().err
    assert "The migration succeeded" in err and "Only the report could not be written" in err
    assert "No space left on device" in err
    db.open_database(db_file)
    assert table_counts()["chat_messages"] == 10 and table_counts()["approved_cards"] == 3
    help_text = run_cli("migrate", "--help").stdout
    assert "3  the migration succeeded" in help_text


def naive_folder(root: Path) -> Path:
    """Times written without a zone: their instant depends on the zone the user assumes."""
    return write_folder(
        root,
        [child("Amy Lin", ["苹果"])],
        [{**card("1", "苹果", "apple"), "created_at": "2025-04-01 08:00:00"}],
        [{**message("m1", "user", "你好", 1), "timestamp": "2025-04-01 08:01:00"}],
    )


def test_a_rerun_assuming_another_zone_finds_everything_imported(any_ledger, tmp_path):
    folder = naive_folder(tmp_path / "f")
    assert run(folder, assume_tz="+08:00").status == "migrated"
    assert q("SELECT timestamp FROM chat_messages") == [("2025-04-01T00:01:00.000000+00:00",)]
    again = run(folder, assume_tz="-05:00")
    assert again.status == "nothing-new" and again.total_new == 0 and all(c.ok for c in again.checks)


def test_a_naive_time_written_wrong_still_fails_the_verification(any_ledger, tmp_path, monkeypatch):
    folder = naive_folder(tmp_path / "f")
    monkeypatch.setattr(
        services,
        "insert_rows",
        corrupt_one("chat_messages", lambda v: v.update(timestamp="2025-04-01T08:01:00.000000+00:00")),
    )
    result = run(folder, assume_tz="+08:00")
    assert result.status == "verification-failed"
    assert [c.kind for c in result.checks if not c.ok] == ["chat"]
    assert all(n == 0 for n in table_counts().values())


def test_a_migration_waits_for_the_one_holding_the_lock_and_can_be_cancelled_meanwhile(any_ledger, tmp_path):
    folder = family_one(tmp_path / "one")
    waiting, cancel = threading.Event(), threading.Event()
    results: list[MigrationResult] = []

    def progress(done: int, total: int, stage: str) -> None:
        if stage == "Waiting for another migration to finish":
            waiting.set()

    def second() -> None:
        try:
            results.append(run(folder, assign_to="Amy Lin", progress=progress, cancel=cancel.is_set))
        finally:
            db.current().close()  # this thread's connection (peewee keeps one per thread)

    with importer.migration_lock():
        worker = threading.Thread(target=second)
        worker.start()
        assert waiting.wait(60), "the second migration did not wait for the lock"
        cancel.set()
        worker.join()
    [result] = results
    assert result.status == "cancelled" and "Nothing was written" in result.message
    assert all(n == 0 for n in table_counts().values()) and archives() == []


@pytest.mark.skipif(not PG_URL, reason="needs MASTERY_LEDGER_TEST_PG (a PostgreSQL server)")
def test_a_dry_run_on_an_empty_server_database_creates_no_schema(tmp_path, ledger_home):
    from desktop.store.postgres import make_database

    reset_pg_schema(PG_URL)
    done = run_cli("migrate", str(family_one(tmp_path / "one")), "--dry-run", "--db", PG_URL, "--assume-tz", "+08:00")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Would import 1 profiles" in done.stdout
    server = make_database(PG_URL)
    try:
        assert server.get_tables() == []
    finally:
        server.close()
    assert not (ledger_home / "backups").exists() and archives() == []

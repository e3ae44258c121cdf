"""The whole migration into a database: the sample against its expected.json, generated folders with every quirk,
re-runs, app edits a re-run must not undo, verification that can fail, cancel, and sources never modified.

Engine-neutral tests take ``any_ledger`` (SQLite, and PostgreSQL when MASTERY_LEDGER_TEST_PG is set). The helpers
at the top are shared with the other migration test modules.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop import paths, services
from desktop.legacy import importer
from desktop.legacy.result import MigrationResult
from desktop.models import ApprovedCard, ChatMessage, MasteredGrammar, MasteredWord, Profile
from desktop.store import audit, db

from .corpus import write_corpus

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "tests" / "data" / "sample-legacy"
SECRET_MARK = "sk-FAKE"
DATA_TABLES = ("profiles", "mastered_words", "mastered_grammar", "approved_cards", "chat_messages")
AUDIT_TABLES = ("audit_log", "audit_seal", "audit_batch")
PROFILE_TEXT = (
    "dob",
    "gender",
    "address",
    "school",
    "neighborhood",
    "verbal_fluency",
    "passive_language_level",
    "raw_input",
)
PROFILE_JSON = ("interests", "character_roster", "extracted_data")


# ---------------------------------------------------------------------------------------------------------- helpers


def tree_state(root: Path) -> dict[str, tuple[str, int]]:
    """SHA-256 and mtime of every file under ``root``: the sources must be the same after every migration."""
    return {
        p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@contextmanager
def untouched(root: Path) -> Iterator[None]:
    before = tree_state(root)
    assert before
    yield
    assert tree_state(root) == before, "a source file was modified"


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m desktop ARGS`` in a child process (it inherits this test's MASTERY_LEDGER_HOME)."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ),
    )


def file_digests(db_file: Path) -> dict[str, str | None]:
    """SHA-256 of the database file and its -wal (None when absent): byte-for-byte "untouched"."""
    out: dict[str, str | None] = {}
    for suffix in ("", "-wal"):
        path = Path(f"{db_file}{suffix}")
        out[suffix or "db"] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    return out


def q(sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of a query on the open database, written with ``?`` placeholders on every engine."""
    database = db.current()
    return [tuple(r) for r in database.execute_sql(sql.replace("?", database.param), params).fetchall()]


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every data and audit table of the open database, in id order."""
    return {t: q(f"SELECT * FROM {t} ORDER BY id") for t in (*DATA_TABLES, *AUDIT_TABLES)}


def counts() -> dict[str, int]:
    return {t: q(f"SELECT count(*) FROM {t}")[0][0] for t in (*DATA_TABLES, *AUDIT_TABLES)}


def archives() -> list[Path]:
    folder = paths.data_dir() / "migration-archives"
    return sorted(folder.iterdir()) if folder.exists() else []


def instant(text: str | None) -> datetime | None:
    if text is None:
        return None
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert value.tzinfo is not None, text
    return value.astimezone(UTC)


def slug(name: str) -> str:
    return re.sub(r"\s+", "-", name.strip().lower())


def words_of(pid: str, lang: str) -> list[str]:
    return [
        w
        for (w,) in q("SELECT word FROM mastered_words WHERE profile_id = ? AND language = ? ORDER BY id", (pid, lang))
    ]


def grammar_of(pid: str) -> list[str]:
    return [g for (g,) in q("SELECT grammar_uri FROM mastered_grammar WHERE profile_id = ? ORDER BY id", (pid,))]


def profile_row(pid: str) -> dict[str, Any]:
    row = services.get_row("profiles", pid)
    out = {k: row[k] for k in ("id", "name", *PROFILE_TEXT, "mental_age")}
    for key in PROFILE_JSON:
        out[key] = json.loads(row[key]) if row[key] is not None else None
    out["extra"] = json.loads(row["extra"]) if row["extra"] else {}
    return out


def all_text() -> str:
    """Every value of every table of the open database as one text (to look for secrets on any engine)."""
    return repr(snapshot())


def secret_free_files(home: Path) -> list[str]:
    """Files under the user-data folder that hold a secret from the sources. The source archive is left out: it is
    the original files, byte for byte (its manifest is checked)."""
    bad = []
    for path in sorted(home.rglob("*")):
        if path.is_file() and path.suffix != ".zip" and SECRET_MARK.encode() in path.read_bytes():
            bad.append(str(path))
        if path.is_file() and path.suffix == ".zip":
            with zipfile.ZipFile(path) as zf:
                if SECRET_MARK.encode() in zf.read("manifest.json"):
                    bad.append(f"{path} manifest")
    return bad


def migrate(source: Path | str, **kwargs: Any) -> MigrationResult:
    """importer.migrate, checking that no file under ``source`` changed (SHA-256 and mtime)."""
    kwargs.setdefault("assume_tz", "+08:00")
    with untouched(Path(source)):
        return importer.migrate(source, **kwargs)


# ---------------------------------------------------------------------------------------------- the sample folder


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))


def expected_differences(exp: dict[str, Any], source_chats: list[dict[str, Any]]) -> list[str]:
    """Everything in the open database that differs from expected.json (empty when the import is exact)."""
    bad: list[str] = []
    names = {name: pid for pid, name in q("SELECT id, name FROM profiles")}
    if sorted(names) != sorted(p["name"] for p in exp["profiles"]):
        bad.append(f"profiles {sorted(names)}")
    for ep in exp["profiles"]:
        pid = names.get(ep["name"])
        if pid is None:
            bad.append(f"profile {ep['name']} missing")
            continue
        if pid != (ep["id"] or slug(ep["name"])):
            bad.append(f"profile {ep['name']}: id {pid}")
        row = profile_row(pid)
        for key in (*PROFILE_TEXT, *PROFILE_JSON):
            if row[key] != ep[key] or type(row[key]) is not type(ep[key]):
                bad.append(f"profile {ep['name']}.{key}: {row[key]!r} != {ep[key]!r}")
        if (row["mental_age"] is None) != (ep["mental_age"] is None) or (
            ep["mental_age"] is not None and float(row["mental_age"]) != ep["mental_age"]
        ):
            bad.append(f"profile {ep['name']}.mental_age: {row['mental_age']!r}")
        if row["extra"]:
            bad.append(f"profile {ep['name']}: unexpected extra {row['extra']!r}")
        for lang in ("zh", "en"):
            if words_of(pid, lang) != ep[lang]:
                bad.append(f"profile {ep['name']}: {lang} words differ (order included)")
        if grammar_of(pid) != ep["grammar"]:
            bad.append(f"profile {ep['name']}: grammar differs")
    owner = names.get(exp["cards_go_to"])
    cards = q("SELECT profile_id, card_type, content, legacy_id, status, approved_at FROM approved_cards ORDER BY id")
    if len(cards) != len(exp["cards"]):
        bad.append(f"{len(cards)} cards")
    for (pid, card_type, content, legacy_id, status, approved_at), want in zip(cards, exp["cards"], strict=False):
        got = json.loads(content)
        if got != want or list(got) != list(want):
            bad.append(f"card {want['id']}: content (or its key order) differs")
        if (card_type, legacy_id, status, pid) != (want["card_type"], want["id"], want["status"], owner):
            bad.append(f"card {want['id']}: {(card_type, legacy_id, status, pid)!r}")
        if approved_at is None:
            bad.append(f"card {want['id']}: no approved_at")
    chats = q("SELECT profile_id, legacy_id, role, content, timestamp, mentions, extra FROM chat_messages ORDER BY id")
    if len(chats) != len(exp["chats"]):
        bad.append(f"{len(chats)} chat messages")
    source_by_id = {m["id"]: m for m in source_chats}
    for (pid, legacy_id, role, content, stamp, mentions, extra), want in zip(chats, exp["chats"], strict=False):
        got = (legacy_id, role, content, json.loads(mentions) if mentions else [], instant(stamp), pid)
        wanted = (
            want["id"],
            want["role"],
            want["content"],
            want["mentions"],
            instant(want["instant"]),
            names[want["profile_name"]],
        )
        if got != wanted:
            bad.append(f"chat {want['id']}: {got!r} != {wanted!r}")
        source = source_by_id[want["id"]]
        keep = {k: v for k, v in source.items() if k not in ("id", "role", "content", "timestamp", "mentions")}
        if want["had_api_key"]:
            assert "apiKey" in keep["config"]
            keep["config"] = {k: v for k, v in keep["config"].items() if k != "apiKey"}
        if (json.loads(extra) if extra else {}) != keep:
            bad.append(f"chat {want['id']}: extra {extra!r} != {keep!r}")
    return bad


def sample_source_chats(root: Path) -> list[dict[str, Any]]:
    return json.loads((root / "data" / "content_db" / "chat_history.json").read_text(encoding="utf-8"))


def test_sample_through_the_command_line_matches_expected(sample_legacy, tmp_path, ledger_home, expected):
    db_file, report = tmp_path / "ledger.db", tmp_path / "report.json"
    with untouched(sample_legacy):
        done = run_cli(
            "migrate",
            str(sample_legacy),
            "--assume-tz",
            expected["assume_tz"],
            "--assign-to",
            expected["cards_go_to"],
            "--db",
            str(db_file),
            "--report",
            str(report),
        )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert re.search(r"cards +12 of 12 +identical +OK", done.stdout), done.stdout
    # secrets: not in the database file (nor a -wal), the audit log, the report, the log, the archive's manifest
    for suffix in ("", "-wal"):
        path = Path(f"{db_file}{suffix}")
        assert not path.exists() or SECRET_MARK.encode() not in path.read_bytes()
    assert secret_free_files(ledger_home) == []
    assert (ledger_home / "logs" / "mastery-ledger.log").exists()
    text = report.read_text(encoding="utf-8")
    assert SECRET_MARK not in text and SECRET_MARK not in done.stdout + done.stderr
    data = json.loads(text)
    assert data["status"] == "migrated" and data["secrets_dropped"] == 2
    assert data["new"] == {"profiles": 2, "zh": 230, "en": 146, "grammar": 24, "cards": 12, "chat": 20}
    assert all(check["ok"] for check in data["verification"]) and len(data["verification"]) == 6
    archive = Path(data["archive"])
    assert hashlib.sha256(archive.read_bytes()).hexdigest() == data["archive_sha256"]
    assert Path(data["database_backup"]).exists()
    assert {p["file"] for p in data["problems"] if p["code"] == "side_file"} == {
        "data/profiles/anki_profiles.json",
        "data/profiles/prompt_templates.json",
    }

    verified = run_cli("verify", "--db", str(db_file))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    db.open_database(db_file)
    assert expected_differences(expected, sample_source_chats(sample_legacy)) == []
    assert SECRET_MARK not in all_text()
    # one batch, by the migration, and every row it wrote is in the audit log
    assert q("SELECT DISTINCT changed_by, batch_id FROM audit_log") == [("migration", data["batch_id"])]
    assert q("SELECT kind FROM audit_batch WHERE batch_id = ?", (data["batch_id"],)) == [("migration",)]
    assert q("SELECT count(*) FROM audit_log WHERE action = 'INSERT'")[0][0] == sum(data["new"].values())


def test_sample_matches_expected_on_each_engine(any_ledger, sample_legacy, expected):
    with untouched(sample_legacy):
        result = migrate(sample_legacy, assume_tz=expected["assume_tz"], assign_to=expected["cards_go_to"])
    assert result.status == "migrated" and result.ok, result.message
    assert expected_differences(expected, sample_source_chats(sample_legacy)) == []
    assert SECRET_MARK not in all_text()
    assert SECRET_MARK not in importer.report_json(result)


def test_the_comparison_finds_a_difference(any_ledger, sample_legacy, expected):
    """The expected.json comparison is not vacuous: a renamed word, a moved card and a shifted message are found."""
    migrate(sample_legacy, assume_tz=expected["assume_tz"], assign_to=expected["cards_go_to"])
    chats = sample_source_chats(sample_legacy)
    assert expected_differences(expected, chats) == []
    first, second = (slug(p["name"]) for p in expected["profiles"])
    word_id = q("SELECT id FROM mastered_words WHERE profile_id = ? ORDER BY id", (first,))[0][0]
    services.rename_word(word_id, "改过", None)
    card_id = q("SELECT id FROM approved_cards ORDER BY id")[0][0]
    assert expected["cards"][0]["card_type"] != "cloze"
    services.update_row("approved_cards", card_id, None, {"card_type": "cloze"})
    found = expected_differences(expected, chats)
    assert any("zh words differ" in d for d in found) and any("card " in d for d in found)
    q_id = q("SELECT id FROM chat_messages ORDER BY id")[0][0]
    with audit.writing("user"):
        ChatMessage.update(timestamp="2025-03-01T01:00:51.000000+00:00", profile=second).where(
            ChatMessage.id == q_id
        ).execute()
    assert any(d.startswith("chat ") for d in expected_differences(expected, chats))


# ----------------------------------------------------------------------------------- generated folders, every quirk

CORPORA: dict[str, dict[str, Any]] = {
    # \u-escaped profiles, raw UTF-8 elsewhere, older layout, arrays, a slug clash, HTML residue and NBSPs
    "escaped-root": dict(
        profiles=3, escaped={"profiles"}, layout="root", old_layout={2}, arrays={1}, slug_clash=True, dup_rate=0.15
    ),
    # BOMs on every file, a legacy id, cards without a type, unattributed chat (goes to assign_to), -05:00 zone
    "bom-data": dict(
        profiles=4,
        bom=True,
        escaped={"cards"},
        layout="data",
        arrays={0},
        legacy_ids={1},
        untyped_cards=2,
        unattributed_pairs=2,
        local_offset="-05:00",
        cards=15,
        chats=31,
    ),
    # the JSON files directly in one folder, one-line JSON, older layouts, only escaped chat
    "flat": dict(
        profiles=2, layout="flat", escaped={"chat"}, bom={"profiles"}, old_layout={0, 1}, indent=None, chats=9
    ),
}


def assert_database_holds(info: dict[str, Any], assign_to: str) -> None:
    """The open database holds exactly what write_corpus says a loss-free import gives."""
    assert q("SELECT count(*) FROM profiles")[0][0] == len(info["profiles"])
    for want in info["profiles"]:
        row = profile_row(want["id"])
        assert row["name"] == want["name"]
        for key, value in want["columns"].items():
            if key == "mental_age":
                assert (row[key] is None and value is None) or float(row[key]) == value, key
            else:
                assert row[key] == value, (want["name"], key)
        assert row["extra"] == want["extra"]
        assert words_of(want["id"], "zh") == want["zh"]
        assert words_of(want["id"], "en") == want["en"]
        assert grammar_of(want["id"]) == want["grammar"]
    cards = q("SELECT profile_id, card_type, content, legacy_id, approved_at FROM approved_cards ORDER BY id")
    assert len(cards) == len(info["cards"])
    for (pid, card_type, content, legacy_id, approved_at), want in zip(cards, info["cards"], strict=True):
        got = json.loads(content)
        assert got == want["content"] and list(got) == list(want["content"])
        assert (pid, card_type, legacy_id) == (assign_to, want["card_type"], want["legacy_id"])
        assert instant(approved_at) == instant(want["approved_at_utc"])
    chats = q("SELECT profile_id, legacy_id, role, content, timestamp, mentions, extra FROM chat_messages ORDER BY id")
    assert len(chats) == len(info["chats"])
    for (pid, legacy_id, role, content, stamp, mentions, extra), want in zip(chats, info["chats"], strict=True):
        assert (legacy_id, role, content) == (want["id"], want["role"], want["content"])
        assert json.loads(mentions) == want["mentions"]
        assert instant(stamp) == instant(want["instant"])
        assert pid == (want["profile_id"] or assign_to)
        assert (json.loads(extra) if extra else {}) == want["extra"]
    text = all_text()
    assert SECRET_MARK not in text
    assert not any(secret in text for secret in info["secret_values"])


@pytest.mark.parametrize("name", list(CORPORA))
def test_generated_folder_with_every_quirk(any_ledger, tmp_path, name):
    info = write_corpus(tmp_path / "src", seed=len(name), **CORPORA[name])
    assign_to = info["profiles"][0]["id"]
    with untouched(tmp_path / "src"):
        result = migrate(info["read_path"], assume_tz=info["assume_tz"], assign_to=info["profiles"][0]["name"])
    assert result.status == "migrated" and result.ok, result.message
    assert_database_holds(info, assign_to)
    read = result.read
    assert read is not None
    assert read.counts["duplicates_dropped"] == sum(sum(p["duplicates"].values()) for p in info["profiles"])
    assert read.secrets_dropped == info["secrets"] > 0
    report = json.loads(importer.report_json(result))
    assert report["secrets_dropped"] == info["secrets"] and SECRET_MARK not in json.dumps(report)
    assert sorted(p["file"] for p in report["problems"] if p["code"] == "side_file") == info["side_files"]
    assert result.new == {
        "profiles": len(info["profiles"]),
        "zh": sum(len(p["zh"]) for p in info["profiles"]),
        "en": sum(len(p["en"]) for p in info["profiles"]),
        "grammar": sum(len(p["grammar"]) for p in info["profiles"]),
        "cards": len(info["cards"]),
        "chat": len(info["chats"]),
    }
    dirty = {w for p in info["profiles"] for w in p["dirty_en"]}
    if dirty:  # reported, and stored exactly as written
        assert any(p.code in ("words_html", "words_odd") for p in read.problems)
        stored = {w for (w,) in q("SELECT word FROM mastered_words WHERE language = 'en'")}
        assert dirty <= stored


def test_several_profiles_and_no_choice_stops_and_asks(any_ledger, tmp_path):
    info = write_corpus(tmp_path / "src", profiles=2)
    before = snapshot()
    with untouched(tmp_path / "src"):
        result = migrate(info["read_path"])
    assert result.status == "blocked" and not result.ok
    assert any(p.code == "cards_need_profile" for p in result.read.problems)
    assert importer.profile_choices(result.read) == [(p["id"], p["name"]) for p in info["profiles"]]
    assert snapshot() == before and archives() == []


def test_dry_run_writes_nothing(any_ledger, tmp_path):
    info = write_corpus(tmp_path / "src", profiles=2)
    before = snapshot()
    with untouched(tmp_path / "src"):
        result = migrate(info["read_path"], assign_to=info["profiles"][1]["name"], dry_run=True)
    assert result.status == "dry-run" and result.ok
    assert result.new["cards"] == len(info["cards"]) and result.message.startswith("Would import")
    assert snapshot() == before and archives() == []


# ------------------------------------------------------------------------------------------------------ re-runs


def test_migrating_the_same_folder_again_adds_nothing(any_ledger, tmp_path):
    info = write_corpus(tmp_path / "src", profiles=3, arrays={2})
    kwargs = dict(assume_tz=info["assume_tz"], assign_to=info["profiles"][0]["name"])
    with untouched(tmp_path / "src"):
        first = migrate(info["read_path"], **kwargs)
        assert first.status == "migrated"
        before, kept = snapshot(), archives()
        again = migrate(info["read_path"], **kwargs)
    assert again.status == "nothing-new" and again.ok, again.message
    assert again.total_new == 0 and again.already == first.new
    assert all(c.ok for c in again.checks)
    assert snapshot() == before  # not one row, audit row or seal more
    assert archives() == kept


def _newer_copy(src: Path, dest: Path) -> dict[str, int]:
    """A later copy of the same legacy folder: some words, grammar, a profile, cards and messages added."""
    shutil.copytree(src, dest)
    profiles_path = dest / "data" / "profiles" / "child_profiles.json"
    profiles = json.loads(profiles_path.read_text(encoding="utf-8"))
    added = dict.fromkeys(("profiles", "zh", "en", "grammar", "cards", "chat"), 0)
    for i, profile in enumerate(profiles):
        new_zh = [f"新词{i}{n}" for n in range(3)]
        later_uri = "http://srs4autism.com/instance/gp-b1-later"
        if isinstance(profile["mastered_words"], list):  # a producer that wrote arrays
            profile["mastered_words"] += new_zh
            profile["mastered_english_words"].append(f"later word {i}")
            profile["mastered_grammar"].append(later_uri)
            added["en"] += 1
        else:
            profile["mastered_words"] += "，" + "、".join(new_zh)
            if profile.get("mastered_english_words"):
                profile["mastered_english_words"] += f", later word {i}"
                added["en"] += 1
            profile["mastered_grammar"] += "," + later_uri
        added["zh"] += 3
        added["grammar"] += 1
    profiles.append(
        {
            "id": None,
            "name": "Child Later (后来的孩子）",
            "mastered_words": "后来, 后来",
            "mastered_grammar": None,
            "interests": ["trains"],
        }
    )
    added["profiles"] += 1
    added["zh"] += 1
    profiles_path.write_text(json.dumps(profiles, ensure_ascii=False), encoding="utf-8")
    cards_path = dest / "data" / "content_db" / "approved_cards.json"
    cards = json.loads(cards_path.read_text(encoding="utf-8"))
    cards += [dict(cards[0], id=f"later-card-{n}", front=f"<b>后来 {n}</b>") for n in range(2)]
    added["cards"] += 2
    cards_path.write_text(json.dumps(cards, ensure_ascii=False), encoding="utf-8")
    chat_path = dest / "data" / "content_db" / "chat_history.json"
    chats = json.loads(chat_path.read_text(encoding="utf-8"))
    chats += [
        {
            "id": "1750000000000",
            "role": "user",
            "content": "@profile:child-later-(后来的孩子） 你好",
            "timestamp": "2025-06-15T08:00:00.500000+00:00",
            "mentions": [],
        },
        {
            "id": "resp_1750000060.0",
            "role": "assistant",
            "content": "好的",
            "timestamp": "2025-06-15 16:01:00",
            "mentions": [],
        },
    ]
    added["chat"] += 2
    chat_path.write_text(json.dumps(chats, ensure_ascii=False), encoding="utf-8")
    return added


def test_a_newer_copy_adds_only_what_is_new(any_ledger, tmp_path):
    info = write_corpus(tmp_path / "old", profiles=3, arrays={1})
    kwargs = dict(assume_tz=info["assume_tz"], assign_to=info["profiles"][0]["name"])
    first = migrate(tmp_path / "old", **kwargs)
    assert first.status == "migrated"
    before = {t: rows for t, rows in snapshot().items() if t in DATA_TABLES}
    added = _newer_copy(tmp_path / "old", tmp_path / "new")
    with untouched(tmp_path / "new"):
        second = migrate(tmp_path / "new", **kwargs)
    assert second.status == "migrated" and second.ok, second.message
    assert second.new == added
    assert second.already == first.new
    assert "Imported 1 profiles, 10 Chinese words" in second.message
    after = snapshot()
    for table, rows in before.items():  # every earlier row is still there, unchanged
        assert after[table][: len(rows)] == rows, table
        assert (
            len(after[table])
            == len(rows)
            + {
                "profiles": added["profiles"],
                "mastered_words": added["zh"] + added["en"],
                "mastered_grammar": added["grammar"],
                "approved_cards": added["cards"],
                "chat_messages": added["chat"],
            }[table]
        )
    later = slug("Child Later (后来的孩子）")
    assert words_of(later, "zh") == ["后来"]
    assert q("SELECT profile_id FROM chat_messages WHERE legacy_id = 'resp_1750000060.0'") == [(later,)]
    assert words_of(info["profiles"][0]["id"], "zh")[-3:] == ["新词00", "新词01", "新词02"]
    # the new rows are one more audited migration batch
    batches = q("SELECT DISTINCT batch_id FROM audit_log WHERE changed_by = 'migration'")
    assert len(batches) == 2
    assert migrate(tmp_path / "new", **kwargs).status == "nothing-new"


def test_edits_made_in_the_app_survive_a_re_run(any_ledger, tmp_path):
    info = write_corpus(tmp_path / "src", profiles=2)
    kwargs = dict(assume_tz=info["assume_tz"], assign_to=info["profiles"][0]["name"])
    assert migrate(info["read_path"], **kwargs).status == "migrated"
    first, second = info["profiles"][0], info["profiles"][1]
    renamed_from = first["zh"][0]
    word_id = q("SELECT id FROM mastered_words WHERE profile_id = ? AND word = ?", (first["id"], renamed_from))[0][0]
    services.rename_word(word_id, "改名了", None)
    deleted_word = second["en"][1]
    services.delete_rows(
        "mastered_words",
        [
            w
            for (w,) in q(
                "SELECT id FROM mastered_words WHERE profile_id = ? AND word = ?", (second["id"], deleted_word)
            )
        ],
    )
    services.delete_rows(
        "mastered_grammar", [q("SELECT id FROM mastered_grammar WHERE profile_id = ?", (second["id"],))[0][0]]
    )
    services.update_profile(first["id"], None, school="New School", raw_input=None)
    card_ids = [c for (c,) in q("SELECT id FROM approved_cards ORDER BY id")]
    services.delete_rows("approved_cards", [card_ids[0]])
    services.update_row("approved_cards", card_ids[1], None, {"status": "synced", "card_type": "cloze"})
    chat_ids = [c for (c,) in q("SELECT id FROM chat_messages ORDER BY id")]
    services.delete_rows("chat_messages", [chat_ids[0]])
    services.update_row("chat_messages", chat_ids[1], None, {"content": "edited in the app"})
    before = snapshot()

    with untouched(tmp_path / "src"):
        again = migrate(info["read_path"], **kwargs)
    assert again.status == "nothing-new" and again.ok, again.message
    assert snapshot() == before
    assert renamed_from not in words_of(first["id"], "zh") and "改名了" in words_of(first["id"], "zh")
    assert deleted_word not in words_of(second["id"], "en")
    assert profile_row(first["id"])["school"] == "New School" and profile_row(first["id"])["raw_input"] is None
    assert q("SELECT count(*) FROM approved_cards WHERE legacy_id = ?", (info["cards"][0]["legacy_id"],)) == [(0,)]
    assert q("SELECT count(*) FROM chat_messages WHERE legacy_id = ?", (info["chats"][0]["id"],)) == [(0,)]


def test_a_child_deleted_in_the_app_is_not_re_created(any_ledger, tmp_path):
    info = write_corpus(tmp_path / "src", profiles=3, chats=24)
    kwargs = dict(assume_tz=info["assume_tz"], assign_to=info["profiles"][0]["name"])
    first = migrate(info["read_path"], **kwargs)
    gone = info["profiles"][1]
    services.delete_profile(gone["id"])
    before = snapshot()
    again = migrate(info["read_path"], **kwargs)
    assert again.status == "nothing-new" and again.ok, again.message
    assert again.already == first.new
    assert snapshot() == before
    assert q("SELECT count(*) FROM profiles WHERE id = ?", (gone["id"],)) == [(0,)]
    assert not again.skipped


def test_records_without_ids_deleted_or_edited_in_the_app_are_not_re_added(any_ledger, tmp_path):
    src = tmp_path / "src"
    (src / "data" / "profiles").mkdir(parents=True)
    (src / "data" / "content_db").mkdir(parents=True)
    (src / "data" / "profiles" / "child_profiles.json").write_text(
        json.dumps([{"id": None, "name": "Solo Kid", "mastered_words": "猫, 狗"}]), encoding="utf-8"
    )
    (src / "data" / "content_db" / "approved_cards.json").write_text(
        json.dumps([{"card_type": "basic", "front": f"card {n}", "back": "x", "status": "pending"} for n in range(3)]),
        encoding="utf-8",
    )
    (src / "data" / "content_db" / "chat_history.json").write_text(
        json.dumps(
            [
                {"role": "user", "content": f"message {n}", "timestamp": f"2025-03-0{n + 1}T01:00:00+00:00"}
                for n in range(3)
            ]
        ),
        encoding="utf-8",
    )
    first = migrate(src)
    assert first.status == "migrated" and first.new["cards"] == 3 and first.new["chat"] == 3
    cards = [c for (c,) in q("SELECT id FROM approved_cards ORDER BY id")]
    services.delete_rows("approved_cards", [cards[0]])
    services.update_row("approved_cards", cards[1], None, {"content": {"front": "changed", "back": "y"}})
    chats = [c for (c,) in q("SELECT id FROM chat_messages ORDER BY id")]
    services.delete_rows("chat_messages", [chats[0]])
    services.update_row("chat_messages", chats[1], None, {"content": "changed too"})
    before = snapshot()
    with untouched(src):
        again = migrate(src)
    assert again.status == "nothing-new", again.message
    assert snapshot() == before


# ------------------------------------------------------------------------------------------ verification can fail


def _mutate_first(table: str, change: Callable[[list], None]) -> Callable:
    """A writer that changes the first row it writes into ``table`` (once)."""
    real = services.insert_rows
    done = []

    def insert_rows(name, columns, rows, chunk=5000):
        rows = [list(r) for r in rows]
        if name == table and rows and not done:
            done.append(True)
            change(rows, list(columns))
        return real(name, columns, [tuple(r) for r in rows], chunk)

    return insert_rows


def _set(column: str, value: Any) -> Callable:
    def change(rows: list, columns: list) -> None:
        rows[0][columns.index(column)] = value(rows[0][columns.index(column)]) if callable(value) else value

    return change


def _set_where(column: str, value: Any, where: str) -> Callable:
    def change(rows: list, columns: list) -> None:
        row = next(r for r in rows if r[columns.index(where)])
        row[columns.index(column)] = value

    return change


MUTATIONS: dict[str, tuple[str, Callable, str]] = {
    # name: (table, change, what the difference names)
    "a word dropped": ("mastered_words", lambda rows, cols: rows.pop(0), "Chinese words"),
    "a word changed": ("mastered_words", _set("word", lambda w: w + "x"), "Chinese words"),
    "a grammar point dropped": ("mastered_grammar", lambda rows, cols: rows.pop(0), "grammar points"),
    "a profile field changed": ("profiles", _set("school", "Other School"), "school differs"),
    "a card changed": ("approved_cards", _set("content", lambda c: c.replace("<b>", "<i>", 1)), "card #1"),
    "a card dropped": ("approved_cards", lambda rows, cols: rows.pop(0), "card #1"),
    "a card given to another child": ("approved_cards", _set("profile_id", "child-b-(孩子乙）"), "card #1"),
    "a card's type changed": ("approved_cards", _set("card_type", "cloze"), "card #1"),
    "a message's time shifted": (
        "chat_messages",
        _set("timestamp", "2030-01-01T00:00:00.000000+00:00"),
        "chat message #1",
    ),
    "a message's extra lost": ("chat_messages", _set_where("extra", None, "extra"), "chat message #1"),
    "a message's mentions changed": ("chat_messages", _set("mentions", '["someone-else"]'), "chat message #1"),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_a_writer_that_loses_something_fails_verification_and_writes_nothing(any_ledger, tmp_path, monkeypatch, name):
    table, change, named = MUTATIONS[name]
    info = write_corpus(tmp_path / "src", profiles=2, unattributed_pairs=0)
    services.create_profile("Already Here", interests=["maps"])  # the database is not empty
    before = snapshot()
    monkeypatch.setattr(services, "insert_rows", _mutate_first(table, change))
    with untouched(tmp_path / "src"):
        result = migrate(info["read_path"], assume_tz=info["assume_tz"], assign_to=info["profiles"][0]["name"])
    assert result.status == "verification-failed" and not result.ok
    assert result.batch_id is None
    assert "could not be verified" in result.message and "nothing was written" in result.message
    failed = [c for c in result.checks if not c.ok]
    assert failed and any(named in d for c in failed for d in c.differences), [c.differences for c in failed]
    assert snapshot() == before


def test_verification_failure_on_the_command_line_exits_1(ledger, db_path, tmp_path, monkeypatch, capsys):
    from desktop import cli

    info = write_corpus(tmp_path / "src", profiles=1)
    db.close_database()
    before = file_digests(db_path)
    monkeypatch.setattr(services, "insert_rows", _mutate_first("mastered_words", lambda rows, cols: rows.pop()))
    monkeypatch.setattr(cli, "setup_logging", lambda: None)
    with untouched(tmp_path / "src"):
        code = cli.main(["migrate", str(info["read_path"]), "--assume-tz", "+08:00", "--db", str(db_path)])
    out = capsys.readouterr()
    assert code == 1
    assert "DIFFERENT" in out.out and "could not be verified" in out.out
    assert "Traceback" not in out.out + out.err
    assert file_digests(db_path) == before


# ---------------------------------------------------------------------------------------------------------- cancel


@pytest.mark.parametrize(
    "stage", ["Writing profiles", "Writing words", "Writing grammar", "Writing cards", "Writing chat"]
)
def test_cancel_during_the_write_leaves_the_database_unchanged(any_ledger, tmp_path, stage):
    info = write_corpus(tmp_path / "src", profiles=2, zh_words=12_000, cards=400, chats=2_200)
    services.create_profile("Already Here")
    before = snapshot()
    flag: list[int] = []

    def progress(done: int, total: int, text: str) -> None:
        if text == stage and not flag:
            # the write has begun: rows of this migration are in the open transaction
            flag.append(
                Profile.select().count()
                + MasteredWord.select().count()
                + MasteredGrammar.select().count()
                + ApprovedCard.select().count()
                + ChatMessage.select().count()
            )

    with untouched(tmp_path / "src"):
        result = migrate(
            info["read_path"],
            assume_tz=info["assume_tz"],
            assign_to=info["profiles"][0]["name"],
            progress=progress,
            cancel=lambda: bool(flag),
        )
    assert flag and flag[0] > 1  # cancelled mid-write, not before it
    assert result.status == "cancelled" and not result.ok and result.batch_id is None
    assert "Nothing was written" in result.message
    assert snapshot() == before


def test_cancel_while_reading(any_ledger, tmp_path):
    info = write_corpus(tmp_path / "src", profiles=1)
    before = snapshot()
    result = migrate(info["read_path"], cancel=lambda: True)
    assert result.status == "cancelled" and snapshot() == before and archives() == []

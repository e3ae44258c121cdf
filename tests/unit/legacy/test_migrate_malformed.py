"""Malformed legacy folders through the whole migration: importer.migrate on each engine and the ``migrate``
command. Every case ends in a clean import or a clear refusal — exit 1, the message names the file, record and
field, no traceback — and a refused migration leaves the database byte for byte as it was and writes no archive.

The reader's own malformed cases (test_malformed.CASES: truncated files, wrong types at every level, invalid
UTF-8, huge strings, deep nesting, empty files, duplicate names, …) are reused here, plus cases that only a
database finds out (NUL characters, values too long to index, shared ids, unreadable times).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from desktop import cli, paths, services
from desktop.legacy import importer
from desktop.legacy.plan import UNREADABLE_CODES
from desktop.legacy.problems import MESSAGES
from desktop.store import db

from .test_importer import file_digests, run_cli, snapshot, untouched
from .test_malformed import CASES as READER_CASES
from .test_malformed import FILES, card, dumps, msg, prof


@dataclass
class MigrationCase:
    profiles: Any = field(default_factory=lambda: [prof()])
    cards: Any = None
    chat: Any = None
    outcome: str = "imported"  # or "blocked"
    errors: tuple[str, ...] = ()  # problem codes the refusal must name
    args: tuple[str, ...] = ()  # extra command-line arguments


def _reader_outcome(name: str) -> str:
    case = READER_CASES[name]
    if name == "huge_strings_10mb":
        return "blocked"  # a 10-million-character name cannot be a profile's id in any database
    return "blocked" if any(MESSAGES[code][0] == "error" for code, *_ in case.expect) else "imported"


CASES: dict[str, MigrationCase] = {
    f"reader:{name}": MigrationCase(case.profiles, case.cards, case.chat, _reader_outcome(name))
    for name, case in READER_CASES.items()
}
CASES.update(
    {
        "nul_in_a_word": MigrationCase(
            [prof(mastered_words="猫\u0000狗, 鱼")], outcome="blocked", errors=("text_has_nul",)
        ),
        "nul_in_a_name": MigrationCase(
            [prof(name="Kid\u0000"), prof(name="Other")],
            outcome="blocked",
            errors=("text_has_nul",),
            args=("--assign-to", "Other"),
        ),
        "nul_in_a_profile_field": MigrationCase(
            [prof(raw_input="Mother: \u0000")], outcome="blocked", errors=("text_has_nul",)
        ),
        "nul_in_chat_text": MigrationCase(
            chat=[msg(content="@profile:child-a-(孩子甲） \u0000")], outcome="blocked", errors=("text_has_nul",)
        ),
        "nul_in_a_card_id": MigrationCase(cards=[card(id="17\u000040")], outcome="blocked", errors=("text_has_nul",)),
        "nul_inside_a_card_is_fine": MigrationCase(cards=[card(front="a\u0000b", extra={"k\u0000": 1})]),
        "word_too_long_to_index": MigrationCase(
            [prof(mastered_english_words="x" * 5000 + ", ok")], outcome="blocked", errors=("value_too_long",)
        ),
        "name_too_long_for_an_id": MigrationCase(
            [prof(name="长" * 400)], outcome="blocked", errors=("value_too_long",)
        ),
        "card_id_too_long": MigrationCase(cards=[card(id="9" * 5000)], outcome="blocked", errors=("value_too_long",)),
        "chat_id_too_long": MigrationCase(chat=[msg(id="m" * 2000)], outcome="blocked", errors=("value_too_long",)),
        "long_but_storable_values": MigrationCase(
            [prof(mastered_words="字" * 300, raw_input="备" * 100_000)], cards=[card(id="7" * 900)]
        ),
        "two_messages_share_an_id": MigrationCase(
            chat=[msg(content="@profile:child-a-(孩子甲） one"), msg(content="@profile:child-a-(孩子甲） two")]
        ),
        "unreadable_chat_times": MigrationCase(chat=[msg(timestamp="soon"), msg(id="2", timestamp={"t": 1})]),
        "huge_numbers": MigrationCase(
            [prof(mental_age=10**30, dob=10**40, interests=[10**50])],
            cards=[card(id=10**30, n=10**40, f=1e308)],
            chat=[msg(id=2**70)],
        ),
        "nested_deep_but_allowed": MigrationCase(
            cards=[card(extra=json.loads("[" * 90 + "]" * 90))],
            chat=[msg(config={"a": json.loads('{"b":' * 80 + "1" + "}" * 80)})],
        ),
        "unknown_keys_everywhere": MigrationCase(
            [prof(favourite={"colour": ["blue"]}, 新键="值")],
            cards=[card(deck="x", **{"field__Other": "y"})],
            chat=[msg(model_used="m", attachments=[{"name": "a.png"}])],
        ),
        "all_files_empty_lists": MigrationCase([], cards=[], chat=[]),
        "only_the_profiles_file": MigrationCase([prof(), prof(name="Other")]),
        "several_profiles_no_choice": MigrationCase(
            [prof(), prof(name="Other")], cards=[card()], outcome="blocked", errors=("cards_need_profile",)
        ),
        "assign_to_nobody": MigrationCase(
            [prof(), prof(name="Other")],
            cards=[card()],
            outcome="blocked",
            errors=("assign_to_unknown",),
            args=("--assign-to", "Nobody"),
        ),
        "everything_wrong_at_once": MigrationCase(
            b'[{"name": "A", "mental_age": "old"}, 7, {"name": "A"}, {"name": "B", "mastered_words": {"x": 1}},'
            b' {"name": "C", "mastered_words": "\xe7\x8c\xab"}]',
            cards=b'[{"id": "1", "card_type": "basic"}, {"id": "2", "front": "\\ud800"}, "card"',
            chat=b'[{"id": "1", "role": 5, "content": null}, {"id": "2", "role": "user", "content": "hi"}]',
            outcome="blocked",
            args=("--assign-to", "C"),
        ),
    }
)


def test_there_are_at_least_thirty_cases():
    assert len(CASES) >= 30
    assert sum(c.outcome == "blocked" for c in CASES.values()) >= 30


def write_case(root: Path, case: MigrationCase) -> Path:
    for kind, value in (("profiles", case.profiles), ("cards", case.cards), ("chat", case.chat)):
        if value is not None:
            path = root / FILES[kind]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(value if isinstance(value, bytes) else dumps(value))
    return root


def add_existing_records() -> None:
    """The database the migration goes into already holds a child with words (so "unchanged" means something)."""
    pid = services.create_profile("Existing Kid (已有的孩子）", interests=["maps"])["id"]
    services.bulk_add_words(pid, "苹果, 香蕉", "zh")
    services.add_chat_message(pid, "user", "hello")


def import_args(case: MigrationCase) -> dict[str, Any]:
    args = dict(zip(case.args[::2], case.args[1::2], strict=True))
    return {"assign_to": args.get("--assign-to")}


def archives_and_backups() -> list[str]:
    home = paths.data_dir()
    return sorted(
        p.relative_to(home).as_posix()
        for folder in ("migration-archives", "backups")
        if (home / folder).exists()
        for p in (home / folder).iterdir()
    )


def assert_named(problems: list) -> None:
    """Every error names its file (and record, where it has one) in its sentence."""
    for p in problems:
        if p.severity != "error":
            continue
        assert p.file in FILES.values(), p
        assert p.file in p.message, p.message
        assert p.record is None or p.record in p.message, p.message
        assert len(p.message) < 1000 and "{" not in p.message


@pytest.mark.parametrize("name", list(CASES))
def test_case_through_the_importer(any_ledger, tmp_path, name):
    case = CASES[name]
    src = write_case(tmp_path / "src", case)
    add_existing_records()
    before = snapshot()
    with untouched(src):
        result = importer.migrate(src, assume_tz="+08:00", **import_args(case))
        assert result.read is not None
        assert_named(result.read.problems)
        codes = {p.code for p in result.read.problems if p.severity == "error"}
        assert set(case.errors) <= codes
        if case.outcome == "blocked":
            assert result.status == "blocked" and not result.ok, result.message
            assert "Nothing was written" in result.message
            assert snapshot() == before
            assert archives_and_backups() == []
        else:
            assert result.status == "migrated" or (result.status == "nothing-new" and not result.read.profiles)
            assert result.ok and all(c.ok for c in result.checks), result.message
            assert not codes
        # with "skip invalid records": the valid ones go in, every skipped one is listed
        skipping = importer.migrate(src, assume_tz="+08:00", skip_invalid=True, **import_args(case))
    assert skipping.status in ("migrated", "nothing-new") and skipping.ok, skipping.message
    read = skipping.read
    invalid = [r for r in (*read.profiles, *read.cards, *read.chats) if not r.valid]
    for record in invalid:
        assert any(record.label in line for line in skipping.skipped), (record.label, skipping.skipped)
    unreadable = [p for p in read.problems if p.severity == "error" and p.code in UNREADABLE_CODES]
    assert len(skipping.skipped) >= len(invalid) + len(unreadable)
    if case.outcome == "imported":
        assert skipping.status == "nothing-new" and skipping.total_new == 0
    else:
        valid_profiles = [p for p in read.profiles if p.valid and p.id]
        assert skipping.new["profiles"] == len(valid_profiles)


@pytest.fixture
def closed_db(db_path) -> Iterator[Path]:
    """A database file with records in it, closed (so its bytes are stable)."""
    db.open_database(db_path)
    add_existing_records()
    db.close_database()
    yield db_path


def run_in_process(argv: list[str], capsys) -> tuple[int, str, str]:
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        code = cli.main(argv)
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", list(CASES))
def test_case_through_the_command(closed_db, tmp_path, capsys, name):
    case = CASES[name]
    src = write_case(tmp_path / "src", case)
    before = file_digests(closed_db)
    report = tmp_path / "report.json"
    with untouched(src):
        code, out, err = run_in_process(
            ["migrate", str(src), "--assume-tz", "+08:00", "--db", str(closed_db), "--report", str(report), *case.args],
            capsys,
        )
    assert "Traceback" not in out + err and "Unexpected error" not in out + err
    data = json.loads(report.read_text(encoding="utf-8"))
    if case.outcome == "blocked":
        assert code == 1, out + err
        assert data["status"] == "blocked" and "Nothing was written" in out
        assert file_digests(closed_db) == before
        assert archives_and_backups() == []
        errors = [p for p in data["problems"] if p["severity"] == "error"]
        assert errors
        lines = out.splitlines()
        for p in errors:  # each printed on a line that names its file, record and field
            assert any(
                line.lstrip().startswith("ERROR")
                and p["file"] in line
                and (p["record"] is None or p["record"] in line)
                and (p["field"] is None or p["field"] in line)
                for line in lines
            ), (p, out[:2000])
    else:
        assert code == 0, out + err
        assert data["status"] in ("migrated", "nothing-new")
        assert all(check["ok"] for check in data["verification"])


SUBPROCESS_CASES = [
    "reader:profiles_truncated",
    "reader:invalid_utf8_cards_line_3",
    "reader:deep_top_level",
    "reader:huge_strings_10mb",
    "nul_in_chat_text",
    "everything_wrong_at_once",
    "reader:clean_minimal",
]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_case_through_python_m_desktop(closed_db, tmp_path, name):
    case = CASES[name]
    src = write_case(tmp_path / "src", case)
    before = file_digests(closed_db)
    with untouched(src):
        done = run_cli("migrate", str(src), "--assume-tz", "+08:00", "--db", str(closed_db), *case.args)
    assert "Traceback" not in done.stdout + done.stderr
    if case.outcome == "blocked":
        assert done.returncode == 1 and "ERROR" in done.stdout and "Nothing was written" in done.stdout
        assert file_digests(closed_db) == before and archives_and_backups() == []
    else:
        assert done.returncode == 0, done.stdout + done.stderr
    verified = run_cli("verify", "--db", str(closed_db))
    assert verified.returncode == 0, verified.stdout


def test_skip_invalid_on_the_command_line(closed_db, tmp_path):
    """--skip-invalid: the valid records are migrated, the skipped ones listed on screen and in the report."""
    src = write_case(tmp_path / "src", CASES["everything_wrong_at_once"])
    report = tmp_path / "report.json"
    with untouched(src):
        done = run_cli(
            "migrate",
            str(src),
            "--assume-tz",
            "+08:00",
            "--db",
            str(closed_db),
            "--assign-to",
            "C",
            "--skip-invalid",
            "--report",
            str(report),
        )
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["status"] == "migrated"
    assert data["new"] == {"profiles": 1, "zh": 1, "en": 0, "grammar": 0, "cards": 1, "chat": 1}
    skipped = data["skipped_invalid"]
    for label in ('profile #1 "A"', 'profile #3 "A"', 'profile #4 "B"', 'card #2 "2"', 'chat message #1 "1"'):
        assert any(label in line for line in skipped), (label, skipped)
    assert any("data/profiles/child_profiles.json" in line and "#2" in line for line in skipped)  # the 7
    assert any("data/content_db/approved_cards.json" in line and "ends in the middle" in line for line in skipped)
    for line in skipped:
        assert f"SKIPPED {line}" in done.stdout
    db.open_database(closed_db)
    try:
        assert [p["name"] for p in services.list_profiles()] == ["C", "Existing Kid (已有的孩子）"]
        assert services.profile_counts("c") == {"zh": 1, "en": 0, "grammar": 0, "cards": 1, "chat": 1}
    finally:
        db.close_database()


def test_no_legacy_data_or_bad_arguments(closed_db, tmp_path, capsys):
    """A folder without the old app's profiles file is refused with exit 1; a missing folder or a zone that is
    not one is a usage error (exit 2); the database is untouched either way."""
    before = file_digests(closed_db)
    (tmp_path / "empty").mkdir()
    code, out, err = run_in_process(["migrate", str(tmp_path / "empty"), "--db", str(closed_db)], capsys)
    assert code == 1 and "child_profiles.json" in out + err and str(tmp_path / "empty") in out + err
    code, out, err = run_in_process(["migrate", str(tmp_path / "missing"), "--db", str(closed_db)], capsys)
    assert code == 2 and "no such folder" in err
    src = write_case(tmp_path / "src", CASES["reader:clean_minimal"])
    code, out, err = run_in_process(
        ["migrate", str(src), "--assume-tz", "Mars/Olympus", "--db", str(closed_db)], capsys
    )
    assert code == 2 and "not a time zone" in err
    assert "Traceback" not in out + err
    assert file_digests(closed_db) == before and archives_and_backups() == []

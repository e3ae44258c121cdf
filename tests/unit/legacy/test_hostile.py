"""Hostile legacy files: numbers JSON forbids, broken characters, terminal escape codes, values the app's own editor
refuses, and unusual words — each reported by file, record and field, never a crash, never stored half-valid, and
never printed raw. Through the API and the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop import services
from desktop.errors import ValidationError
from desktop.legacy import contract, importer
from desktop.legacy.read import read_legacy
from desktop.store import db

from .test_importer import migrate, q, run_cli

PROFILES = "data/profiles/child_profiles.json"
CARDS = "data/content_db/approved_cards.json"
CHAT = "data/content_db/chat_history.json"


def write_source(root: Path, profiles: Any, cards: Any = (), chat: Any = ()) -> Path:
    """A legacy folder; a value given as bytes is written as it is (JSON that Python would not write)."""
    for rel, value in ((PROFILES, profiles), (CARDS, cards), (CHAT, chat)):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(value if isinstance(value, bytes) else json.dumps(list(value)).encode())
    return root


def strict_json(text: str) -> Any:
    """json.loads that refuses NaN and Infinity, as JSON (and every other JSON reader) does."""

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def problems_of(result, code: str) -> list:
    return [p for p in result.problems if p.code == code]


# ------------------------------------------------------------------------------------------------ NaN / Infinity


NOT_FINITE = (
    b'[{"name": "Amy", "mental_age": 6, "extracted_data": {"scores": [1, {"last": NaN}]}},'
    b' {"name": "Bo", "mental_age": -Infinity}, {"name": "Cy"}]'
)
NOT_FINITE_CARDS = (
    b'[{"id": "c1", "card_type": "basic", "front": "a", "meta": {"ease": [2.5, Infinity]}},'
    b' {"id": "c2", "card_type": "basic", "front": "b", "big": 1e999},'
    b' {"id": "c3", "card_type": "basic", "front": "c", "ease": 2.5}]'
)
NOT_FINITE_CHAT = (
    b'[{"id": "m1", "role": "user", "content": "hi", "timestamp": "2025-03-01T09:00:00+08:00",'
    b' "config": {"temperature": NaN}},'
    b' {"id": "m2", "role": "user", "content": "ok", "timestamp": "2025-03-01T09:01:00+08:00"}]'
)


def test_not_finite_numbers_anywhere_are_errors_naming_file_record_and_field(tmp_path):
    source = write_source(tmp_path / "src", NOT_FINITE, NOT_FINITE_CARDS, NOT_FINITE_CHAT)
    result = read_legacy(source, assume_tz="+08:00", assign_to="Cy")
    found = {(p.file, p.record, p.field, p.params["value"]) for p in problems_of(result, "record_not_finite")}
    assert found == {
        (PROFILES, '#1 "Amy"', "extracted_data.scores[1].last", "NaN"),
        (PROFILES, '#2 "Bo"', "mental_age", "-Infinity"),
        (CARDS, '#1 "c1"', "meta.ease[1]", "Infinity"),
        (CARDS, '#2 "c2"', "big", "Infinity"),
        (CHAT, '#1 "m1"', "config.temperature", "NaN"),
    }
    assert all(p.severity == "error" for p in problems_of(result, "record_not_finite"))
    assert [p.valid for p in result.profiles] == [False, False, True]
    assert [c.valid for c in result.cards] == [False, False, True]
    assert [m.valid for m in result.chats] == [False, True]
    # one message per field: not a second "not a number" complaint about the same mental age
    assert not [p for p in result.problems if p.field == "mental_age" and p.code != "record_not_finite"]


def test_not_finite_numbers_block_or_are_skipped_and_every_stored_value_is_json(any_ledger, tmp_path):
    source = write_source(tmp_path / "src", NOT_FINITE, NOT_FINITE_CARDS, NOT_FINITE_CHAT)
    blocked = migrate(source, assign_to="Cy")
    assert blocked.status == "blocked" and q("SELECT count(*) FROM approved_cards") == [(0,)]
    result = migrate(source, assign_to="Cy", skip_invalid=True)
    assert result.status == "migrated" and result.ok, result.message
    assert [pid for (pid,) in q("SELECT id FROM profiles")] == ["cy"]
    cards = [strict_json(text) for (text,) in q("SELECT content FROM approved_cards")]
    assert cards == [{"id": "c3", "card_type": "basic", "front": "c", "ease": 2.5}]
    assert [m for (m,) in q("SELECT legacy_id FROM chat_messages")] == ["m2"]
    for table, column in (
        ("profiles", "extracted_data"),
        ("profiles", "extra"),
        ("chat_messages", "extra"),
        ("audit_log", "new_value"),
    ):
        for (text,) in q(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL"):
            strict_json(text)
    assert set(result.skipped) >= {
        'profile #1 "Amy"',
        'profile #2 "Bo"',
        'card #1 "c1"',
        'card #2 "c2"',
        'chat message #1 "m1"',
    }


def test_not_finite_numbers_on_the_command_line(tmp_path):
    source = write_source(tmp_path / "src", NOT_FINITE, NOT_FINITE_CARDS, NOT_FINITE_CHAT)
    done = run_cli("migrate", str(source), "--db", str(tmp_path / "l.db"), "--assign-to", "Cy", "--assume-tz", "+08:00")
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    assert (
        f'{CARDS} · #1 "c1" · meta.ease[1]: The field meta.ease[1] of #1 "c1" in {CARDS} holds Infinity' in done.stdout
    )
    assert f'{CHAT} · #1 "m1" · config.temperature:' in done.stdout


# --------------------------------------------------------------------------------------- broken characters, escapes


BROKEN = b'[{"name": "Bo\\ud800b", "dob": "2015-01-01"}, {"name": "Cy", "dob": "2015-02-02"}]'
ESCAPES = json.dumps(
    [
        {"name": "Evil\x1b[2J\x1b]0;owned\x07\u202eTxt", "mastered_english_words": "a\x1b[31mred, fine"},
        {"name": "Cy"},
    ]
).encode()


def test_broken_character_is_a_problem_not_a_crash_in_output_and_report(tmp_path):
    source = write_source(tmp_path / "src", BROKEN)
    report = tmp_path / "report.json"
    done = run_cli("migrate", str(source), "--db", str(tmp_path / "l.db"), "--skip-invalid", "--report", str(report))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    line = next(x for x in done.stdout.splitlines() if "broken character" in x)
    assert f'{PROFILES} · #1 "Bo\\ud800b" · name:' in line
    assert 'SKIPPED profile #1 "Bo\\ud800b"' in done.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["status"] == "migrated" and data["new"]["profiles"] == 1
    problem = next(p for p in data["problems"] if p["code"] == "record_broken_text")
    assert (problem["file"], problem["record"], problem["field"]) == (PROFILES, '#1 "Bo\\ud800b"', "name")
    db.open_database(tmp_path / "l.db")
    assert q("SELECT id, name FROM profiles") == [("cy", "Cy")]


def test_escape_codes_are_shown_escaped_in_problems_and_on_the_terminal(tmp_path):
    source = write_source(tmp_path / "src", ESCAPES)
    result = read_legacy(source, assume_tz="+08:00")
    shown = [
        text
        for p in result.problems
        for text in (p.message, p.record or "", p.field or "", p.file, *(str(v) for v in p.params.values()))
    ]
    assert shown and not [t for t in shown if contract.show_text(t) != t]
    label = '#1 "Evil\\x1b[2J\\x1b]0;owned\\x07\\u202eTxt"'
    assert any(p.record == label for p in result.problems)
    done = run_cli("migrate", str(source), "--db", str(tmp_path / "l.db"), "--dry-run", "--assign-to", "Cy")
    assert done.returncode == 0, done.stdout + done.stderr
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in done.stdout and raw not in done.stderr
    assert label in done.stdout and "a\\x1b[31mred" in done.stdout


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain 中文 text", "plain 中文 text"),
        ("\x1b[2J", "\\x1b[2J"),
        ("a\tb\nc\rd", "a\\tb\\nc\\rd"),
        ("nul\x00del\x7fcsi\x9b", "nul\\x00del\\x7fcsi\\x9b"),
        ("half \ud83d pair", "half \\ud83d pair"),
        ("rtl \u202e \u2066x\u2069", "rtl \\u202e \\u2066x\\u2069"),
        ("emoji 👍🏽 and ZWJ 👩\u200d💻", "emoji 👍🏽 and ZWJ 👩\u200d💻"),
    ],
)
def test_show_text(text: str, shown: str) -> None:
    assert contract.show_text(text) == shown
    assert contract.show_text(shown) == shown  # showing twice changes nothing
    shown.encode("utf-8")


# ------------------------------------------------------------------------------------- values the editor refuses


def test_values_the_app_refuses_are_imported_and_listed_for_review(any_ledger, tmp_path):
    profiles = [
        {"name": "Future", "dob": "2099-05-01", "mental_age": 45},
        {"name": "Slashes", "dob": "2015/01/31", "mental_age": "-1"},
        {"name": "N" * (services.NAME_MAX + 1)},
        {"name": "Fine", "dob": "2015-01-31", "mental_age": 6.5},
    ]
    cards = [
        {"id": "1", "card_type": "basic", "status": "archived", "front": "x"},
        {"id": "2", "card_type": "basic", "status": "approved", "front": "y"},
    ]
    source = write_source(tmp_path / "src", profiles, cards)
    result = migrate(source, assign_to="Fine")
    assert result.status == "migrated" and result.ok, result.message
    read = result.read
    found = {
        (p.code, p.record, p.field)
        for p in read.problems
        if p.severity == "warning"
        and p.code in ("dob_future", "dob_not_date", "mental_age_out_of_range", "name_too_long")
    }
    assert found == {
        ("dob_future", '#1 "Future"', "dob"),
        ("mental_age_out_of_range", '#1 "Future"', "mental_age"),
        ("dob_not_date", '#2 "Slashes"', "dob"),
        ("mental_age_out_of_range", '#2 "Slashes"', "mental_age"),
        ("name_too_long", read.profiles[2].label, "name"),
    }
    status = problems_of(read, "card_unknown_status")
    assert len(status) == 1 and status[0].params["count"] == 1 and '"archived"' in status[0].message
    # imported as written, and the app's editor would indeed refuse each value
    assert q("SELECT dob, mental_age FROM profiles WHERE id = 'future'") == [("2099-05-01", 45.0)]
    assert q("SELECT dob FROM profiles WHERE id = 'slashes'") == [("2015/01/31",)]
    for check, value in (
        (services.validate_dob, "2099-05-01"),
        (services.validate_dob, "2015/01/31"),
        (services.validate_mental_age, 45),
        (services.validate_name, "N" * (services.NAME_MAX + 1)),
    ):
        with pytest.raises(ValidationError):
            check(value)
    report = json.loads(importer.report_json(result))
    assert {(p["code"], p["record"]) for p in report["problems"]} >= {("dob_future", '#1 "Future"')}
    assert "2099-05-01" in next(p["message"] for p in report["problems"] if p["code"] == "dob_future")
    assert not [p for p in read.problems if p.record == '#4 "Fine"']


# ---------------------------------------------------------------------------------------------- unusual words


def test_unusual_words_by_kind_with_every_word_listed(tmp_path):
    html = [f"<div>w{i}</div>" for i in range(7)]
    underscores = [f"snake_{i}" for i in range(50)]
    nbsp = ["ice\u00a0cream", "hot\u00a0dog", "plain\u00a0"]
    english = ", ".join([*html, *underscores, *nbsp, "apple"])
    source = write_source(
        tmp_path / "src", [{"name": "Amy", "mastered_english_words": english, "mastered_words": ["苹\u00a0果", "香蕉"]}]
    )
    report_file = tmp_path / "report.json"
    done = run_cli("migrate", str(source), "--db", str(tmp_path / "l.db"), "--report", str(report_file))
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(report_file.read_text(encoding="utf-8"))
    by_code = {(p["code"], p["field"]): p for p in report["problems"]}
    html_problem = by_code[("words_html", "mastered_english_words")]
    assert html_problem["words"] == html and html_problem["message"].startswith('7 English words of #1 "Amy"')
    odd = by_code[("words_odd", "mastered_english_words")]
    assert odd["words"] == underscores and odd["message"].startswith("50 English words")
    spaces = by_code[("words_nbsp", "mastered_english_words")]
    assert spaces["words"] == ["ice cream", "hot dog", "plain"] and "normalised to a plain space" in spaces["message"]
    assert "kept exactly as they are" not in spaces["message"]
    assert by_code[("words_nbsp", "mastered_words")]["words"] == ["苹 果"]
    # in Chinese the space left by normalising may separate two words: reported as such, on its own
    assert [(p["field"], p["words"]) for p in report["problems"] if p["code"] == "words_dirty"] == [
        ("mastered_words", ["苹 果"])
    ]
    for problem in (html_problem, odd, spaces):
        assert f"· {problem['field']}: {problem['message']}" in done.stdout
    # the §6 rules themselves are unchanged: NBSP → space, everything else kept as written
    db.open_database(tmp_path / "l.db")
    stored = [w for (w,) in q("SELECT word FROM mastered_words WHERE language = 'en' ORDER BY id")]
    assert stored == [*html, *underscores, "ice cream", "hot dog", "plain", "apple"]
    assert [w for (w,) in q("SELECT word FROM mastered_words WHERE language = 'zh' ORDER BY id")] == ["苹 果", "香蕉"]


def test_a_report_from_a_folder_whose_name_is_not_utf8_is_written(ledger, sample_legacy, tmp_path):
    """A folder name with a byte that is not UTF-8 reaches Python as a lone surrogate: the report still writes,
    as valid JSON that gives the name back."""
    import os
    import shutil

    folder = tmp_path / os.fsdecode(b"family-\xff")
    shutil.copytree(sample_legacy, folder)
    result = importer.migrate(str(folder), assume_tz="+08:00", assign_to="Test Child 1 (测试孩子1）")
    assert result.status == "migrated"
    report = tmp_path / "report.json"
    report.write_text(importer.report_json(result), encoding="utf-8")
    assert json.loads(report.read_text(encoding="utf-8"))["source"].startswith(str(folder))

"""Reading legacy folders: the sample against expected.json, and generated folders with every quirk."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop.errors import Cancelled
from desktop.legacy.parse import find_legacy_files
from desktop.legacy.problems import MESSAGES, LegacySourceError
from desktop.legacy.read import read_legacy
from desktop.legacy.records import LegacyReadResult

from .corpus import write_corpus

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-legacy"


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _tree_digest(root: Path) -> dict[str, tuple[str, int]]:
    return {
        p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# ----------------------------------------------------------------------------------------------------- the sample


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample(expected: dict[str, Any]) -> LegacyReadResult:
    return read_legacy(SAMPLE, assume_tz=expected["assume_tz"], assign_to=expected["cards_go_to"])


def test_sample_profiles_match_expected(sample: LegacyReadResult, expected: dict[str, Any]) -> None:
    assert [p.name for p in sample.profiles] == [p["name"] for p in expected["profiles"]]
    for got, want in zip(sample.profiles, expected["profiles"], strict=True):
        assert got.valid
        assert got.legacy_id is None and want["id"] is None
        assert got.id == got.name.lower().replace(" ", "-")
        for key, value in got.columns.items():
            assert value == want[key], key
            assert type(value) is type(want[key]), key
        assert set(got.columns) | {"id", "name", "zh", "en", "grammar"} == set(want)
        assert got.zh == want["zh"]
        assert got.en == want["en"]
        assert got.grammar == want["grammar"]
        assert got.extra == {}


def test_sample_cards_match_expected(sample: LegacyReadResult, expected: dict[str, Any]) -> None:
    assert [c.content for c in sample.cards] == expected["cards"]
    for got, want in zip(sample.cards, expected["cards"], strict=True):
        assert list(got.content) == list(want)  # key order kept
        assert got.card_type == want["card_type"]
        assert got.legacy_id == want["id"] == got.key
        assert got.status == want["status"]
        assert got.profile_id == sample.assign_to_id
        assert got.valid
        # created_at read in the confirmed zone
        naive = "+" not in want["created_at"] and not want["created_at"].endswith("Z")
        moment = datetime.fromisoformat(want["created_at"].replace(" ", "T"))
        if naive:
            moment = moment.replace(tzinfo=datetime.fromisoformat("2025-01-01T00:00:00+08:00").tzinfo)
        assert _instant(got.approved_at_utc) == moment.astimezone(UTC)


def test_sample_chats_match_expected(sample: LegacyReadResult, expected: dict[str, Any]) -> None:
    by_id = {p.id: p.name for p in sample.profiles}
    assert len(sample.chats) == len(expected["chats"])
    for got, want in zip(sample.chats, expected["chats"], strict=True):
        assert got.legacy_id == want["id"]
        assert got.role == want["role"]
        assert got.content == want["content"]
        assert got.mentions == want["mentions"]
        assert _instant(got.timestamp_utc) == _instant(want["instant"])
        assert len(got.timestamp_utc) == len("2025-03-01T01:00:00.000000+00:00")
        assert by_id[got.profile_id] == want["profile_name"]
        assert got.valid
        assert bool(got.secrets_dropped) == want["had_api_key"]
    assert sample.chats[0].extra == {"config": {"card_model": "model-x", "image_model": "model-y"}}


def test_sample_summary(sample: LegacyReadResult, expected: dict[str, Any]) -> None:
    assert not sample.has_errors
    assert sample.counts["profiles"] == 2
    assert sample.counts["zh"] == sum(len(p["zh"]) for p in expected["profiles"])
    assert sample.counts["en"] == sum(len(p["en"]) for p in expected["profiles"])
    assert sample.counts["grammar"] == sum(len(p["grammar"]) for p in expected["profiles"])
    assert sample.counts["cards"] == 12 and sample.counts["chat"] == 20
    assert sample.secrets_dropped == sum(c["had_api_key"] for c in expected["chats"])
    assert sample.assumed_zone == "+08:00"
    assert sample.source_root == SAMPLE.resolve()
    assert set(sample.files) == {"profiles", "cards", "chat"}
    for info in sample.files.values():
        assert info.path.is_absolute()
        assert info.size == info.path.stat().st_size
        assert info.sha256 == hashlib.sha256(info.path.read_bytes()).hexdigest()
        assert info.encoding == "utf-8"
    assert sample.files["cards"].relpath == "data/content_db/approved_cards.json"
    assert sorted(s.relpath for s in sample.side_files) == [
        "data/profiles/anki_profiles.json",
        "data/profiles/prompt_templates.json",
    ]
    codes = {p.code for p in sample.problems}
    assert {
        "side_file",
        "secrets_dropped",
        "timestamps_naive",
        "words_duplicates",
        "words_html",
        "words_nbsp",
        "words_odd",
    } <= codes
    naive_warnings = [p for p in sample.problems if p.code == "timestamps_naive"]
    assert len(naive_warnings) == 2  # one per file, with a count
    dirty = sample.profiles[1].dirty_words["en"]
    assert ('<font color="#ff0000">sleep</font>', "contains HTML markup") in dirty


def test_sample_holds_no_secret(sample: LegacyReadResult) -> None:
    assert "sk-FAKE" not in repr(sample)
    assert all("sk-FAKE" not in p.message and "sk-FAKE" not in repr(p.params) for p in sample.problems)


def test_problems_are_plain_sentences(sample: LegacyReadResult) -> None:
    for problem in sample.problems:
        assert problem.severity in ("error", "warning", "info")
        assert problem.code in MESSAGES and MESSAGES[problem.code][0] == problem.severity
        assert problem.message[-1] in ".)"
        assert "{" not in problem.message.replace("{n}", "")
        assert not problem.file.startswith("/")
    record = next(p for p in sample.problems if p.code == "words_html" and p.record.startswith("#2"))
    assert record.record == '#2 "Test Child 2 (测试孩子2）"'
    assert record.field == "mastered_english_words"
    assert record.file == "data/profiles/child_profiles.json"


def test_sample_without_choice_needs_one(expected: dict[str, Any]) -> None:
    result = read_legacy(SAMPLE, assume_tz="+08:00")
    assert result.has_errors
    assert {p.code for p in result.problems if p.severity == "error"} == {"cards_need_profile"}
    assert all(c.profile_id is None and not c.valid for c in result.cards)
    # every chat message of the sample is attributable without a choice
    assert all(c.profile_id is not None and c.valid for c in result.chats)


def test_assign_to_by_slug_or_unknown() -> None:
    result = read_legacy(SAMPLE, assume_tz="+08:00", assign_to="test-child-2-(测试孩子2）")
    assert result.assign_to_id == "test-child-2-(测试孩子2）"
    assert {c.profile_id for c in result.cards} == {result.assign_to_id}
    unknown = read_legacy(SAMPLE, assume_tz="+08:00", assign_to="Nobody")
    assert unknown.assign_to_id is None
    assert any(p.code == "assign_to_unknown" and p.severity == "error" for p in unknown.problems)


def test_bad_assume_tz_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        read_legacy(SAMPLE, assume_tz="Nowhere/Land")


def test_default_zone_is_the_computers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    result = read_legacy(SAMPLE, assign_to="Test Child 1 (测试孩子1）")
    assert result.assumed_zone == "Asia/Shanghai"
    assert result.chats[1].timestamp_utc == "2025-03-01T01:13:26.000000+00:00"


def test_sample_is_never_modified(tmp_path: Path) -> None:
    copy = tmp_path / "sample"
    shutil.copytree(SAMPLE, copy)
    before = _tree_digest(copy)
    read_legacy(copy, assume_tz="+08:00", assign_to="Test Child 1 (测试孩子1）")
    assert _tree_digest(copy) == before
    assert sorted(p.name for p in copy.rglob("*")) == sorted(p.name for p in SAMPLE.rglob("*"))


# ------------------------------------------------------------------------------------------------- finding files


@pytest.mark.parametrize("layout", ["root", "data", "flat"])
def test_find_legacy_files_layouts(tmp_path: Path, layout: str) -> None:
    info = write_corpus(tmp_path, layout=layout, backups=2)
    found = find_legacy_files(info["read_path"])
    assert found.profiles == info["files"]["profiles"].resolve()
    assert found.cards == info["files"]["cards"].resolve()
    assert found.chat == info["files"]["chat"].resolve()
    assert sorted(s.relpath for s in found.side_files) == info["side_files"]
    assert {s.kind for s in found.side_files} == {"anki_profiles", "prompt_templates", "backup"}
    if layout == "root":  # <root>/data is accepted too
        assert find_legacy_files(tmp_path / "data").profiles == found.profiles


def test_find_legacy_files_profiles_folder_or_file(tmp_path: Path) -> None:
    info = write_corpus(tmp_path)
    profiles = info["files"]["profiles"]
    for given in (profiles.parent, profiles):
        found = find_legacy_files(given)
        assert found.profiles == profiles.resolve()
        assert found.cards == info["files"]["cards"].resolve()


def test_profiles_alone_is_a_valid_source(tmp_path: Path) -> None:
    info = write_corpus(tmp_path, cards=0, chats=0, side_files=False, backups=0)
    result = read_legacy(info["read_path"], assume_tz="+08:00")
    assert result.cards == [] and result.chats == []
    assert set(result.files) == {"profiles"}
    assert [p.code for p in result.problems if p.code == "file_missing"] == ["file_missing", "file_missing"]
    assert not result.has_errors


@pytest.mark.parametrize("make", ["empty", "missing", "other_json", "a_file"])
def test_no_profiles_file_is_a_source_error(tmp_path: Path, make: str) -> None:
    target = tmp_path / "folder"
    if make != "missing":
        target.mkdir()
    if make == "other_json":
        (target / "approved_cards.json").write_text("[]", "utf-8")
    if make == "a_file":
        target = target / "notes.json"
        target.write_text("[]", "utf-8")
    with pytest.raises(LegacySourceError) as info:
        read_legacy(target, assume_tz="+08:00")
    assert "folder" in info.value.message or "file" in info.value.message
    assert str(target.name) in info.value.message


# ------------------------------------------------------------------------------------------ generated corpora


def _check_against(result: LegacyReadResult, info: dict[str, Any]) -> None:
    """The reader found exactly what the generator wrote."""
    assert [p.name for p in result.profiles] == [p["name"] for p in info["profiles"]]
    for got, want in zip(result.profiles, info["profiles"], strict=True):
        assert got.id == want["id"]
        assert got.legacy_id == want["legacy_id"]
        assert got.columns == want["columns"]
        assert got.extra == want["extra"]
        assert got.zh == want["zh"]
        assert got.en == want["en"]
        assert got.grammar == want["grammar"]
        assert {k: len(v) for k, v in got.dropped_duplicates.items()} == want["duplicates"]
        assert [w for w, _ in got.dirty_words["en"]] == want["dirty_en"]
    assert len(result.cards) == len(info["cards"])
    for card, want in zip(result.cards, info["cards"], strict=True):
        assert card.content == want["content"]
        assert list(card.content) == list(want["content"])
        assert card.card_type == want["card_type"]
        assert card.legacy_id == want["legacy_id"]
        assert card.approved_at_utc == want["approved_at_utc"]
    assert len(result.chats) == len(info["chats"])
    for chat, want in zip(result.chats, info["chats"], strict=True):
        assert (chat.legacy_id, chat.role, chat.content, chat.mentions) == (
            want["id"],
            want["role"],
            want["content"],
            want["mentions"],
        )
        assert chat.timestamp_utc == want["instant"]
        assert chat.profile_id == (want["profile_id"] or result.assign_to_id)
        assert chat.extra == want["extra"]
        assert bool(chat.secrets_dropped) == want["had_secret"]
    assert result.secrets_dropped == info["secrets"]
    text = repr(result)
    for secret in info["secret_values"]:
        assert secret not in text
    assert "sk-FAKE" not in text


CONFIGS = {
    "plain": {},
    "escaped_ascii": {"escaped": True},
    "bom_everywhere": {"bom": True},
    "escaped_with_bom": {"escaped": True, "bom": ["profiles", "chat"]},
    "older_layout": {"profiles": 3, "old_layout": [0, 2]},
    "arrays_instead_of_strings": {"profiles": 3, "arrays": [1, 2], "dup_rate": 0.3},
    "slug_clash": {"profiles": 3, "slug_clash": True, "chats": 40},
    "legacy_ids": {"profiles": 4, "legacy_ids": [1, 3], "chats": 30},
    "many_duplicates": {"dup_rate": 0.9, "seed": 7},
    "no_html_no_keys": {"html": False, "api_keys": False, "seed": 3},
    "untyped_cards": {"untyped_cards": 3, "cards": 9},
    "flat_layout": {"layout": "flat", "seed": 11},
    "data_layout_many_profiles": {"layout": "data", "profiles": 12, "zh_words": 30, "en_words": 20, "chats": 60},
    "everything": {
        "profiles": 5,
        "escaped": ["cards"],
        "bom": ["profiles"],
        "old_layout": [4],
        "arrays": [2],
        "legacy_ids": [3],
        "slug_clash": True,
        "untyped_cards": 2,
        "chats": 50,
        "seed": 42,
    },
}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_generated_corpus(tmp_path: Path, name: str) -> None:
    info = write_corpus(tmp_path, **CONFIGS[name])
    before = _tree_digest(tmp_path)
    result = read_legacy(info["read_path"], assume_tz=info["assume_tz"], assign_to=info["profiles"][0]["name"])
    _check_against(result, info)
    assert not result.has_errors, [p.message for p in result.problems if p.severity == "error"]
    assert _tree_digest(tmp_path) == before


def test_generated_encodings_are_reported(tmp_path: Path) -> None:
    info = write_corpus(tmp_path, escaped=["cards"], bom=["profiles"])
    result = read_legacy(info["read_path"], assume_tz="+08:00", assign_to=info["profiles"][0]["name"])
    assert result.files["profiles"].encoding == "utf-8-sig"
    assert result.files["cards"].encoding == "ascii"
    assert result.files["chat"].encoding == "utf-8"


def test_slug_clash_ids(tmp_path: Path) -> None:
    info = write_corpus(tmp_path, profiles=2, slug_clash=True)
    result = read_legacy(info["read_path"], assume_tz="+08:00", assign_to=info["profiles"][0]["name"])
    assert [p.id for p in result.profiles] == ["child-a-(孩子甲）", "child-b-(孩子乙）", "child-a-(孩子甲）-2"]
    assert all(p.valid for p in result.profiles)  # a slug clash is not a name clash
    again = read_legacy(info["read_path"], assume_tz="+08:00", assign_to=info["profiles"][0]["name"])
    assert [p.id for p in again.profiles] == [p.id for p in result.profiles]  # stable on a re-run


def test_unattributed_chat_needs_a_choice(tmp_path: Path) -> None:
    info = write_corpus(tmp_path, profiles=2, chats=10, unattributed_pairs=2)
    result = read_legacy(info["read_path"], assume_tz="+08:00")
    needs = [p for p in result.problems if p.code == "chat_needs_profile"]
    assert len(needs) == 1 and needs[0].severity == "error" and needs[0].params["count"] == 4
    assert [c.valid for c in result.chats[:5]] == [False, False, False, False, True]
    assert all(c.attribution == "unattributed" for c in result.chats[:4])
    picked = read_legacy(info["read_path"], assume_tz="+08:00", assign_to=info["profiles"][1]["id"])
    _check_against(picked, info)
    assert [c.attribution for c in picked.chats[:4]] == ["assign_to", "reply", "assign_to", "reply"]
    assert not picked.has_errors


def test_one_profile_takes_what_names_nobody(tmp_path: Path) -> None:
    info = write_corpus(tmp_path, profiles=1, unattributed_pairs=1, chats=4)
    result = read_legacy(info["read_path"], assume_tz="+08:00")
    only = result.profiles[0].id
    assert {c.profile_id for c in result.cards} == {only}
    # with one profile there is nothing to choose: chat that names nobody goes to it too
    assert [c.attribution for c in result.chats[:2]] == ["only_profile", "reply"]
    assert {c.profile_id for c in result.chats} == {only}
    assert not result.has_errors


def test_progress_and_cancel(tmp_path: Path) -> None:
    info = write_corpus(tmp_path, profiles=3, cards=120, chats=130, card_image_chars=10)
    calls: list[tuple[int, int, str]] = []
    read_legacy(
        info["read_path"],
        assume_tz="+08:00",
        assign_to=info["profiles"][0]["name"],
        progress=lambda d, t, s: calls.append((d, t, s)),
    )
    stages = list(dict.fromkeys(s for _, _, s in calls))
    assert stages[0] == "Finding the files" and stages[-1] == "Done"
    assert {"Checking profiles", "Checking cards", "Checking chat messages"} <= set(stages)
    assert all(0 <= d <= t for d, t, _ in calls)
    # a file is streamed: progress is in bytes of the file read, reported every 50 records and at the end
    size = info["files"]["cards"].stat().st_size
    cards = [(d, t) for d, t, s in calls if s == "Checking cards"]
    assert cards[0] == (0, size) and cards[-1] == (size, size) and len(cards) == 4  # start, 50, 100, end
    assert [d for d, _ in cards] == sorted(d for d, _ in cards)

    seen: list[str] = []

    def progress(done: int, total: int, stage: str) -> None:
        seen.append(stage)

    with pytest.raises(Cancelled):
        read_legacy(info["read_path"], assume_tz="+08:00", progress=progress, cancel=lambda: "Checking cards" in seen)
    assert "Checking chat messages" not in seen


def test_records_without_ids_get_content_keys(tmp_path: Path) -> None:
    info = write_corpus(tmp_path, cards=3, chats=2)
    cards_path = info["files"]["cards"]
    cards = json.loads(cards_path.read_text("utf-8"))
    del cards[1]["id"]
    cards_path.write_text(json.dumps(cards), "utf-8")
    first = read_legacy(info["read_path"], assume_tz="+08:00", assign_to=info["profiles"][0]["name"])
    second = read_legacy(info["read_path"], assume_tz="+08:00", assign_to=info["profiles"][0]["name"])
    assert first.cards[1].legacy_id is None
    assert first.cards[1].key.startswith("sha256:") and first.cards[1].key == second.cards[1].key
    assert any(p.code == "no_id" and p.severity == "info" for p in first.problems)


def test_corpus_writes_a_real_size_cards_file(tmp_path: Path) -> None:
    """The real cards file is 237 cards in 32 MB: the generator makes one and the reader reads it whole."""
    info = write_corpus(
        tmp_path,
        profiles=1,
        zh_words=5300,
        en_words=3100,
        grammar=76,
        cards=237,
        chats=106,
        card_image_chars=135_000,
        chat_image_chars=100_000,
        indent=None,
    )
    size = info["files"]["cards"].stat().st_size
    assert 31_000_000 < size < 34_000_000
    result = read_legacy(info["read_path"], assume_tz="+08:00")
    assert result.counts["cards"] == 237 and result.counts["chat"] == 106
    assert result.counts["zh"] == 5300 and result.counts["en"] == 3100 and result.counts["grammar"] == 76
    assert result.files["cards"].size == size
    _check_against(result, info)

"""Malformed legacy files: every case ends in a clear problem (file, record, field) or a clean read.

Never an exception, except LegacySourceError when there is no profiles file at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from desktop.legacy.problems import LegacySourceError, Problem
from desktop.legacy.read import read_legacy
from desktop.legacy.records import MAX_DEPTH, LegacyReadResult

FILES = {
    "profiles": "data/profiles/child_profiles.json",
    "cards": "data/content_db/approved_cards.json",
    "chat": "data/content_db/chat_history.json",
}
BOM = b"\xef\xbb\xbf"
DEEP = 100_000


def prof(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": None,
        "name": "Child A (孩子甲）",
        "dob": "2015-01-01",
        "gender": "female",
        "interests": ["Lego"],
        "mastered_words": "象子, 老友",
        "mental_age": 6.0,
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not ...}


def card(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "1740000000000",
        "card_type": "basic",
        "front": "<b>象</b>",
        "back": "x",
        "status": "pending",
        "created_at": "2025-03-01T01:00:00+00:00",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not ...}


def msg(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "1740000000000",
        "role": "user",
        "content": "@profile:child-a-(孩子甲） hi",
        "timestamp": "2025-03-01T01:00:00+00:00",
        "mentions": [],
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not ...}


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")


def truncated(value: Any, keep: float) -> bytes:
    data = dumps(value)
    return data[: int(len(data) * keep)]


@dataclass
class Case:
    """One malformed folder: file contents (bytes, or a value to dump) and the problems it must give."""

    profiles: Any = field(default_factory=lambda: [prof()])
    cards: Any = None
    chat: Any = None
    expect: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)  # code, file, record, field
    check: Any = None  # optional extra assertion on the result
    clean: bool = False  # no error at all


def deep_array(depth: int) -> str:
    return "[" * depth + "]" * depth


CASES: dict[str, Case] = {
    # ------------------------------------------------------------------ whole files
    "profiles_empty_file": Case(profiles=b"", expect=[("file_empty", "profiles", None, None)]),
    "profiles_whitespace_only": Case(profiles=b" \n\t ", expect=[("file_empty", "profiles", None, None)]),
    "profiles_bom_only": Case(profiles=BOM, expect=[("file_empty", "profiles", None, None)]),
    "cards_empty_file": Case(cards=b"", expect=[("file_empty", "cards", None, None)]),
    "chat_empty_file": Case(chat=b"", expect=[("file_empty", "chat", None, None)]),
    "profiles_truncated": Case(
        profiles=truncated([prof(name="A"), prof(name="B"), prof(name="C", raw_input="x" * 500)], 0.85),
        expect=[("json_truncated", "profiles", None, None)],
        check=lambda r: [p.name for p in r.profiles] == ["A", "B"],
    ),
    "cards_truncated": Case(
        cards=truncated([card(id=str(i), front="x" * 100) for i in range(10)], 0.55),
        expect=[("json_truncated", "cards", None, None)],
        check=lambda r: 0 < len(r.cards) < 10 and all(c.valid for c in r.cards),
    ),
    "chat_only_open_bracket": Case(
        chat=b"[", expect=[("json_truncated", "chat", None, None)], check=lambda r: r.chats == []
    ),
    "profiles_missing_comma": Case(
        profiles=b'[{"name": "A"},\n {"name": "B"}\n {"name": "C"}]',
        expect=[("json_invalid", "profiles", None, None)],
        check=lambda r: [p.name for p in r.profiles] == ["A", "B"] and _param(r, "json_invalid", "line") == 3,
    ),
    "trailing_garbage": Case(
        profiles=dumps([prof()]) + b"\nGARBAGE",
        expect=[("json_invalid", "profiles", None, None)],
        check=lambda r: len(r.profiles) == 1,
    ),
    "double_bom": Case(profiles=BOM + BOM + dumps([prof()]), expect=[("json_invalid", "profiles", None, None)]),
    "invalid_utf8_profiles": Case(
        profiles=b'[{"name": "A\xff\xfe"}]',
        expect=[("file_not_utf8", "profiles", None, None)],
        check=lambda r: (_param(r, "file_not_utf8", "line"), _param(r, "file_not_utf8", "column")) == (1, 13),
    ),
    "invalid_utf8_cards_line_3": Case(
        cards='[\n {"id": "1",\n  "front": "象'.encode() + b"\xc3\x28" + b'"}]',
        expect=[("file_not_utf8", "cards", None, None)],
        check=lambda r: (_param(r, "file_not_utf8", "line"), _param(r, "file_not_utf8", "column")) == (3, 14),
    ),
    "utf16_file": Case(profiles=json.dumps([prof()]).encode("utf-16"), expect=[("file_utf16", "profiles", None, None)]),
    "top_level_object": Case(profiles={"profiles": [prof()]}, expect=[("top_level_not_list", "profiles", None, None)]),
    "top_level_null": Case(cards=b"null", expect=[("top_level_not_list", "cards", None, None)]),
    "top_level_string": Case(chat=b'"[]"', expect=[("top_level_not_list", "chat", None, None)]),
    "top_level_number": Case(profiles=b"42", expect=[("top_level_not_list", "profiles", None, None)]),
    "deep_arrays_in_profiles": Case(
        profiles=('[{"name": "A"}, {"name": "B", "interests": ' + deep_array(DEEP) + "}]").encode(),
        expect=[("json_too_deep", "profiles", None, None)],
        check=lambda r: [p.name for p in r.profiles] == ["A"],
    ),
    "deep_objects_in_chat": Case(
        chat=(
            '[{"id": "1", "role": "user", "content": "x", "config": ' + '{"a":' * DEEP + "1" + "}" * DEEP + "}]"
        ).encode(),
        expect=[("json_too_deep", "chat", None, None)],
    ),
    "deep_top_level": Case(cards=deep_array(DEEP).encode(), expect=[("json_too_deep", "cards", None, None)]),
    "moderately_deep_card": Case(
        cards=('[{"id": "1", "card_type": "basic", "extra": ' + deep_array(MAX_DEPTH + 20) + "}]").encode(),
        expect=[("record_too_deep", "cards", '#1 "1"', None)],
        check=lambda r: not r.cards[0].valid,
    ),
    "huge_strings_10mb": Case(
        profiles=[prof(name="N" * 10_000_000, raw_input="备注" * 5_000_000)],
        cards=[card(image_data="data:image/png;base64," + "A" * 10_000_000)],
        chat=[msg(content="@profile:" + "n" * 10_000_000 + " " + "字" * 10_000_000)],
        expect=[("name_too_long", "profiles", None, "name")],  # a warning: imported as written
        check=lambda r: (
            not r.has_errors
            and len(r.profiles[0].columns["raw_input"]) == 10_000_000
            and len(r.profiles[0].label) < 80
            and len(r.cards[0].content["image_data"]) > 10_000_000
        ),
    ),
    "not_utf8_but_escaped_ascii_with_bom": Case(
        profiles=BOM + json.dumps([prof()], ensure_ascii=True).encode("ascii"),
        clean=True,
        check=lambda r: r.profiles[0].name == "Child A (孩子甲）" and r.files["profiles"].encoding == "utf-8-sig",
    ),
    # ------------------------------------------------------------------ records and fields
    "elements_not_objects": Case(
        profiles=[1, "x", None, [], True, prof()],
        expect=[("record_not_object", "profiles", f"#{i}", None) for i in range(1, 6)],
        check=lambda r: len(r.profiles) == 1 and r.profiles[0].index == 5 and r.profiles[0].valid,
    ),
    "profile_without_name": Case(
        profiles=[prof(name=...), prof()],
        expect=[("profile_no_name", "profiles", "#1", "name")],
        check=lambda r: not r.profiles[0].valid and r.profiles[1].valid,
    ),
    "profile_name_blank": Case(profiles=[prof(name="   ")], expect=[("profile_no_name", "profiles", "#1", "name")]),
    "profile_name_number": Case(profiles=[prof(name=42)], expect=[("profile_name_not_text", "profiles", "#1", "name")]),
    "profile_name_list": Case(
        profiles=[prof(name=["A"])], expect=[("profile_name_not_text", "profiles", "#1", "name")]
    ),
    "null_everything": Case(
        profiles=[
            {
                k: None
                for k in (
                    "id",
                    "name",
                    "dob",
                    "gender",
                    "address",
                    "school",
                    "neighborhood",
                    "interests",
                    "character_roster",
                    "verbal_fluency",
                    "passive_language_level",
                    "mental_age",
                    "raw_input",
                    "mastered_words",
                    "mastered_english_words",
                    "mastered_grammar",
                    "extracted_data",
                )
            },
            prof(),
        ],
        cards=[{k: None for k in ("id", "card_type", "front", "back", "status", "created_at", "tags")}],
        chat=[{k: None for k in ("id", "role", "content", "timestamp", "mentions")}],
        expect=[
            ("profile_no_name", "profiles", "#1", "name"),
            ("card_no_type", "cards", None, None),
            ("chat_bad_role", "chat", "#1", "role"),
            ("chat_no_content", "chat", "#1", "content"),
        ],
        check=lambda r: (
            r.profiles[0].columns["mental_age"] is None
            and r.profiles[0].zh == []
            and r.cards[0].card_type == "unknown"
            and r.cards[0].valid
            and r.chats[0].timestamp_utc is None
        ),
    ),
    "duplicate_names": Case(
        profiles=[prof(), prof(dob="2016-01-01"), prof(name="Child B")],
        expect=[("profile_duplicate_name", "profiles", "#2", "name")],
        check=lambda r: (
            [p.valid for p in r.profiles] == [True, False, True] and r.profiles[1].id == "child-a-(孩子甲）-2"
        ),
    ),
    "duplicate_legacy_ids": Case(
        profiles=[prof(id="p1"), prof(id="p1", name="B")], expect=[("profile_duplicate_id", "profiles", "#2", "id")]
    ),
    "profile_id_object": Case(profiles=[prof(id={"x": 1})], expect=[("profile_id_not_text", "profiles", "#1", "id")]),
    "profile_id_number": Case(
        profiles=[prof(id=7)],
        expect=[("field_converted", "profiles", "#1", "id")],
        check=lambda r: r.profiles[0].id == "7" and r.profiles[0].valid,
    ),
    "mental_age_text_garbage": Case(
        profiles=[prof(mental_age="abc")],
        expect=[("field_wrong_type", "profiles", "#1", "mental_age")],
        check=lambda r: not r.profiles[0].valid,
    ),
    "mental_age_text_number": Case(
        profiles=[prof(mental_age=" 6.5 ")],
        expect=[("field_converted", "profiles", "#1", "mental_age")],
        check=lambda r: r.profiles[0].columns["mental_age"] == 6.5 and r.profiles[0].valid,
    ),
    "mental_age_bool": Case(
        profiles=[prof(mental_age=True)], expect=[("field_wrong_type", "profiles", "#1", "mental_age")]
    ),
    "mental_age_nan_literal": Case(
        profiles=b'[{"name": "A", "mental_age": NaN}]', expect=[("record_not_finite", "profiles", "#1", "mental_age")]
    ),
    "mental_age_infinity_text": Case(
        profiles=[prof(mental_age="inf")], expect=[("field_wrong_type", "profiles", "#1", "mental_age")]
    ),
    "numbers_where_text_belongs": Case(
        profiles=[prof(dob=20150101, gender=1.5, raw_input=10000000000)],
        expect=[
            ("field_converted", "profiles", "#1", "dob"),
            ("field_converted", "profiles", "#1", "gender"),
            ("field_converted", "profiles", "#1", "raw_input"),
        ],
        check=lambda r: r.profiles[0].columns["dob"] == "20150101" and r.profiles[0].valid,
    ),
    "object_where_text_belongs": Case(
        profiles=[prof(address={"street": "x"}, school=["a"])],
        expect=[("field_wrong_type", "profiles", "#1", "address"), ("field_wrong_type", "profiles", "#1", "school")],
    ),
    "interests_wrong_types": Case(
        profiles=[prof(interests={"a": 1}), prof(name="B", interests="Lego, 画画", character_roster=[1, "x"])],
        expect=[
            ("field_wrong_type", "profiles", "#1", "interests"),
            ("field_converted", "profiles", "#2", "interests"),
            ("list_items_not_text", "profiles", "#2", "character_roster"),
        ],
        check=lambda r: r.profiles[1].columns["interests"] == ["Lego, 画画"] and r.profiles[1].valid,
    ),
    "word_lists_wrong_types": Case(
        profiles=[
            prof(mastered_words=12),
            prof(name="B", mastered_words={"a": 1}),
            prof(name="C", mastered_english_words=["ok", {"x": 1}]),
            prof(name="D", mastered_words=["象", None, 3, "象"], mastered_grammar=True),
        ],
        expect=[
            ("field_converted", "profiles", "#1", "mastered_words"),
            ("field_wrong_type", "profiles", "#2", "mastered_words"),
            ("field_wrong_type", "profiles", "#3", "mastered_english_words"),
            ("word_list_nulls", "profiles", "#4", "mastered_words"),
            ("field_converted", "profiles", "#4", "mastered_words"),
            ("words_duplicates", "profiles", "#4", "mastered_words"),
            ("field_wrong_type", "profiles", "#4", "mastered_grammar"),
        ],
        check=lambda r: r.profiles[0].zh == ["12"] and r.profiles[3].zh == ["象", "3"],
    ),
    "extracted_data_wrong_types": Case(
        profiles=[prof(extracted_data=[1]), prof(name="B", extracted_data='{"k": "v"}')],
        expect=[
            ("field_wrong_type", "profiles", "#1", "extracted_data"),
            ("field_converted", "profiles", "#2", "extracted_data"),
        ],
        check=lambda r: r.profiles[1].columns["extracted_data"] == {"k": "v"},
    ),
    "raw_control_characters_in_strings": Case(
        profiles=b'[{"name": "A", "mastered_english_words": "tab\there, ok"}]',
        expect=[("words_odd", "profiles", '#1 "A"', "mastered_english_words")],
        check=lambda r: r.profiles[0].en == ["tab\there", "ok"],
    ),
    "lone_surrogate_escape": Case(
        cards=b'[{"id": "1", "card_type": "basic", "front": "bad \\ud800 half"},'
        b' {"id": "2", "card_type": "basic", "front": "ok \\ud83d\\ude00"}]',
        expect=[("record_broken_text", "cards", '#1 "1"', "front")],
        check=lambda r: [c.valid for c in r.cards] == [False, True] and r.cards[1].content["front"] == "ok 😀",
    ),
    "duplicate_keys": Case(
        profiles=b'[{"name": "A", "name": "B", "gender": "x"}, {"name": "C", "extracted_data": {"k": 1, "k": 2}}]',
        expect=[("duplicate_key", "profiles", '#1 "B"', None), ("duplicate_key_nested", "profiles", None, None)],
        check=lambda r: r.profiles[0].name == "B" and r.profiles[1].columns["extracted_data"] == {"k": 2},
    ),
    "no_profiles_in_list": Case(
        profiles=[],
        cards=[card()],
        chat=[msg()],
        expect=[
            ("no_profiles", "profiles", None, None),
            ("cards_need_profile", "cards", None, None),
            ("chat_needs_profile", "chat", None, None),
        ],
    ),
    # ------------------------------------------------------------------ cards
    "card_types_missing_or_odd": Case(
        cards=[card(card_type=...), card(id="2", card_type=3, type="basic"), card(id="3", card_type="fancy")],
        expect=[("card_no_type", "cards", None, None), ("card_unknown_type", "cards", None, None)],
        check=lambda r: (
            [c.card_type for c in r.cards] == ["unknown", "unknown", "fancy"] and r.cards[1].content["card_type"] == 3
        ),
    ),
    "card_timestamps_bad": Case(
        cards=[card(created_at="yesterday"), card(id="2", created_at=1740000000), card(id="3", created_at=...)],
        expect=[
            ("timestamp_unreadable", "cards", '#1 "1740000000000"', "created_at"),
            ("timestamp_unreadable", "cards", '#2 "2"', "created_at"),
        ],
        check=lambda r: (
            [c.approved_at_utc for c in r.cards] == [None, None, None]
            and r.cards[0].content["created_at"] == "yesterday"
            and all(c.valid for c in r.cards)
        ),
    ),
    "card_ids_odd": Case(
        cards=[card(id=1740000000001), card(id=1740000000001), card(id=None), card(id={"x": 1})],
        expect=[("duplicate_record_id", "cards", '#2 "1740000000001"', "id"), ("no_id", "cards", None, None)],
        check=lambda r: (
            r.cards[0].legacy_id == "1740000000001"
            and r.cards[2].key.startswith("sha256:")
            and r.cards[2].key != r.cards[3].key
        ),
    ),
    "card_secret_everywhere": Case(
        cards=[card(apiKey="sk-FAKE-1", nested=[{"password": "sk-FAKE-2"}], Token=None)],
        expect=[("secrets_dropped", "cards", None, None)],
        check=lambda r: r.secrets_dropped == 3 and "sk-FAKE" not in repr(r) and r.cards[0].content["nested"] == [{}],
    ),
    # ------------------------------------------------------------------ chat
    "chat_roles_odd": Case(
        chat=[msg(role=...), msg(id="2", role=5), msg(id="3", role="system")],
        expect=[
            ("chat_bad_role", "chat", '#1 "1740000000000"', "role"),
            ("chat_bad_role", "chat", '#2 "2"', "role"),
            ("chat_unknown_role", "chat", '#3 "3"', "role"),
        ],
        check=lambda r: [c.valid for c in r.chats] == [False, False, True],
    ),
    "chat_content_odd": Case(
        chat=[msg(content=None), msg(id="2", content=["part"]), msg(id="3", content="")],
        expect=[
            ("chat_no_content", "chat", '#1 "1740000000000"', "content"),
            ("chat_no_content", "chat", '#2 "2"', "content"),
        ],
        check=lambda r: r.chats[2].valid and r.chats[2].content == "",
    ),
    "chat_mentions_odd": Case(
        chat=[
            msg(mentions={"a": 1}),
            msg(id="2", mentions="child-a-(孩子甲）", content="x"),
            msg(id="3", mentions=[1, "child-a-(孩子甲）"], content="x"),
            msg(id="4", mentions=["ghost"], content="y"),
        ],
        expect=[
            ("field_wrong_type", "chat", '#1 "1740000000000"', "mentions"),
            ("field_converted", "chat", '#2 "2"', "mentions"),
            ("list_items_not_text", "chat", '#3 "3"', "mentions"),
            ("chat_unknown_mentions", "chat", None, None),
        ],
        check=lambda r: r.chats[1].attribution == "mentions" and r.chats[2].profile_id == "child-a-(孩子甲）",
    ),
    "chat_timestamps_odd": Case(
        chat=[
            msg(timestamp="soon"),
            msg(id="2", timestamp=[2025]),
            msg(id="3", timestamp="2025-03-01 09:00:00"),
            msg(id="4", timestamp="2025-03-01T09:00:00"),
        ],
        expect=[
            ("timestamp_unreadable", "chat", '#1 "1740000000000"', "timestamp"),
            ("timestamp_unreadable", "chat", '#2 "2"', "timestamp"),
            ("timestamps_naive", "chat", None, None),
        ],
        check=lambda r: (
            r.chats[0].timestamp_raw == "soon"
            and r.chats[1].timestamp_raw == [2025]
            and _param(r, "timestamps_naive", "count") == 2
        ),
    ),
    "chat_several_mentions": Case(
        profiles=[prof(), prof(name="Child B")],
        chat=[msg(mentions=["child-b", "child-a-(孩子甲）"])],
        expect=[("chat_several_mentions", "chat", None, None)],
        check=lambda r: r.chats[0].profile_id == "child-b",
    ),
    "chat_secret_in_list_of_configs": Case(
        chat=[msg(config=[{"apiKey": "sk-FAKE-x", "model": "m"}], authorization="Bearer sk-FAKE-y")],
        expect=[("secrets_dropped", "chat", None, None)],
        check=lambda r: r.chats[0].extra == {"config": [{"model": "m"}]} and "sk-FAKE" not in repr(r),
    ),
    "clean_minimal": Case(cards=[card()], chat=[msg()], clean=True),
}


def _param(result: LegacyReadResult, code: str, name: str) -> Any:
    return next(p.params[name] for p in result.problems if p.code == code)


def _write(root: Path, kind: str, content: Any) -> None:
    if content is None:
        return
    path = root / FILES[kind]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else dumps(content))


def _matches(problem: Problem, code: str, kind: str, record: str | None, field_name: str | None) -> bool:
    return (
        problem.code == code
        and problem.file == FILES[kind]
        and (
            record is None
            or (problem.record is not None and (problem.record == record or problem.record.startswith(record + " ")))
        )
        and (field_name is None or problem.field == field_name)
    )


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", list(CASES))
def test_malformed_case(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    _write(tmp_path, "profiles", case.profiles)
    _write(tmp_path, "cards", case.cards)
    _write(tmp_path, "chat", case.chat)
    result = read_legacy(tmp_path, assume_tz="+08:00")
    for code, kind, record, field_name in case.expect:
        assert any(_matches(p, code, kind, record, field_name) for p in result.problems), (
            code,
            kind,
            record,
            field_name,
            [(p.code, p.file, p.record, p.field) for p in result.problems],
        )
    if case.clean:
        assert not result.has_errors, [p.message for p in result.problems if p.severity == "error"]
        assert not [p for p in result.problems if p.severity == "warning"], [p.message for p in result.problems]
    if case.expect and any(code_severity(c) == "error" for c, *_ in case.expect):
        assert result.has_errors
    for problem in result.problems:
        assert problem.file and not problem.file.startswith("/")
        assert "{" not in problem.message and problem.message.strip()
        assert len(problem.message) < 1000  # huge values never flood a message
    if case.check is not None:
        assert case.check(result)


def code_severity(code: str) -> str:
    from desktop.legacy.problems import MESSAGES

    return MESSAGES[code][0]


def test_profiles_file_as_a_folder_is_a_source_error(tmp_path: Path) -> None:
    (tmp_path / FILES["profiles"]).mkdir(parents=True)
    with pytest.raises(LegacySourceError):
        read_legacy(tmp_path, assume_tz="+08:00")


def test_cards_path_as_a_folder_counts_as_missing(tmp_path: Path) -> None:
    _write(tmp_path, "profiles", [prof()])
    (tmp_path / FILES["cards"]).mkdir(parents=True)
    result = read_legacy(tmp_path, assume_tz="+08:00")
    assert result.cards == [] and any(p.code == "file_missing" for p in result.problems)
    assert not result.has_errors


def test_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, "profiles", [prof()])
    _write(tmp_path, "cards", [card()])
    real_open = open

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith("approved_cards.json"):
            raise PermissionError(13, "Permission denied")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    result = read_legacy(tmp_path, assume_tz="+08:00")
    problem = next(p for p in result.problems if p.code == "file_unreadable")
    assert problem.file == FILES["cards"] and "Permission denied" in problem.message
    assert result.has_errors and result.cards == []

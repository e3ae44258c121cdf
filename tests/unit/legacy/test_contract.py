"""The pure rules of the importer contract (legacy-format.md §6)."""

from __future__ import annotations

import json
from datetime import UTC, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from desktop.legacy import contract
from desktop.legacy.contract import (
    ATTR_ASSIGN_TO,
    ATTR_CONTENT_TOKEN,
    ATTR_MENTIONS,
    ATTR_REPLY,
    ATTR_UNATTRIBUTED,
    ChatFacts,
    ProfileKey,
    assign_profile_ids,
    attribute_chats,
    card_owner,
    dirty_word_reason,
    resolve_profile,
    split_en,
    split_grammar,
    split_zh,
)
from desktop.legacy.secret_keys import is_secret_key, strip_secrets
from desktop.legacy.timezones import local_timezone, parse_timezone, timezone_label, to_utc_iso
from desktop.text import normalize_token, slugify

# ------------------------------------------------------------------------------------------------ slugs and ids


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Test Child 1 (测试孩子1）", "test-child-1-(测试孩子1）"),
        ("Child A (孩子甲）", "child-a-(孩子甲）"),
        ("  Amy   Li\t(小李) ", "amy-li-(小李)"),
        ("孩子", "孩子"),
        ("Cafe\u0301 Kid", "café-kid"),
        ("ÉLODIE", "élodie"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_assign_profile_ids_clash_and_legacy_ids() -> None:
    names = ["Amy Li", "amy  li", "AMY LI", "Bo"]
    assert assign_profile_ids(names) == ["amy-li", "amy-li-2", "amy-li-3", "bo"]
    # a legacy id is used as is and reserved first, so no slug takes it
    assert assign_profile_ids(["Amy Li", "Bo"], [None, "amy-li"]) == ["amy-li-2", "amy-li"]
    assert assign_profile_ids(["X", "Y"], ["p1", None]) == ["p1", "y"]
    # stable: the same input gives the same ids
    assert assign_profile_ids(names) == assign_profile_ids(list(names))


def test_assign_profile_ids_empty_names_and_length_check() -> None:
    assert assign_profile_ids([None, "  ", "profile"]) == ["profile", "profile-2", "profile-3"]
    with pytest.raises(ValueError):
        assign_profile_ids(["a"], [None, None])


# --------------------------------------------------------------------------------------------------- word lists


def test_split_zh_separators_duplicates_and_normalisation() -> None:
    kept, dropped = split_zh("象子, 老友短, 爸笔, 老友短, 学，妈昨熊、红；唱;师 猫\u00a0雨\u3000歌, ")
    assert kept == ["象子", "老友短", "爸笔", "学", "妈昨熊", "红", "唱", "师", "猫", "雨", "歌"]
    assert dropped == ["老友短"]


def test_split_zh_empty_and_none() -> None:
    assert split_zh(None) == ([], [])
    assert split_zh("") == ([], [])
    assert split_zh(" ,，、 ;; ") == ([], [])


def test_split_en_keeps_phrases_and_html() -> None:
    text = (
        "pencil0, (be) hungry, ice  cream, ice\u00a0cream, father\u00a0, father, <div>house</div>, "
        "a.m., hot_cold，thank you；I'm;;café, cafe\u0301 ,"
    )
    kept, dropped = split_en(text)
    assert kept == [
        "pencil0",
        "(be) hungry",
        "ice cream",
        "father",
        "<div>house</div>",
        "a.m.",
        "hot_cold",
        "thank you",
        "I'm",
        "café",
    ]
    assert dropped == ["ice cream", "father", "café"]


def test_split_en_is_case_sensitive() -> None:
    assert split_en("Dog, dog") == (["Dog", "dog"], [])


def test_split_arrays_elements_are_single_tokens() -> None:
    kept, dropped = split_zh(["象子", " 老友短 ", "学，妈昨熊", "", "象子"])
    assert kept == ["象子", "老友短", "学，妈昨熊"]
    assert dropped == ["象子"]
    assert split_en(["ice\u00a0cream", "ice cream", "a, b"]) == (["ice cream", "a, b"], ["ice cream"])
    with pytest.raises(TypeError):
        split_en(["ok", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        split_zh(42)  # type: ignore[arg-type]


def test_split_grammar_is_byte_exact() -> None:
    uri = "http://srs4autism.com/instance/gp-a1-012-%E5%9C%A8-location"
    decomposed = "http://x/cafe\u0301"
    kept, dropped = split_grammar(f"{uri}, {decomposed},{uri},,")
    assert kept == [uri, decomposed]  # not NFC-normalised
    assert dropped == [uri]
    assert split_grammar([f" {uri} ", uri]) == ([uri], [uri])


@pytest.mark.parametrize(
    ("word", "lang", "has_reason"),
    [
        ("<div>house</div>", "en", True),
        ('<img src="paste-abc.jpg"><br>tomorrow', "en", True),
        ('<font color="#ff0000">sleep</font>', "en", True),
        ("tom&amp;jerry", "en", True),
        ("ab\u200bc", "en", True),
        ("a\x07b", "en", True),
        ("line\nbreak", "en", True),
        ("bad\ufffd", "en", True),
        ("thin\u2009space", "en", True),
        ("hot_cold", "en", True),
        ("学，妈昨熊", "zh", True),
        ("x" * 51, "en", True),
        ("ice cream", "en", False),
        ("(be) hungry", "en", False),
        ("a.m.", "en", False),
        ("I'm", "en", False),
        ("café", "en", False),
        ("2 < 3", "en", False),
        ("象子", "zh", False),
        ("http://srs4autism.com/instance/gp-a1-000-you-possession", "grammar", False),
        ("not a uri", "grammar", True),
    ],
)
def test_dirty_word_reason(word: str, lang: str, has_reason: bool) -> None:
    reason = dirty_word_reason(word, lang)
    assert (reason is not None) == has_reason
    if reason is not None:
        assert isinstance(reason, str) and reason


# ---------------------------------------------------------------------------------------------------- time zones


def test_parse_timezone_forms() -> None:
    assert parse_timezone("+08:00").utcoffset(None) == timedelta(hours=8)
    assert parse_timezone("-0530").utcoffset(None) == -timedelta(hours=5, minutes=30)
    assert parse_timezone("+8").utcoffset(None) == timedelta(hours=8)
    assert parse_timezone("UTC+08:00").utcoffset(None) == timedelta(hours=8)
    assert parse_timezone("Z") is UTC
    assert parse_timezone("+00:00") is UTC
    assert isinstance(parse_timezone("Asia/Shanghai"), ZoneInfo)
    tz = timezone(timedelta(hours=3))
    assert parse_timezone(tz) is tz


@pytest.mark.parametrize("spec", ["", "garbage", "Mars/Olympus", "+25:00", "+08:61", "../../etc/passwd", "/etc"])
def test_parse_timezone_rejects_garbage(spec: str) -> None:
    with pytest.raises(ValueError, match="time zone|offset"):
        parse_timezone(spec)


def test_timezone_label() -> None:
    assert timezone_label(parse_timezone("+08:00")) == "+08:00"
    assert timezone_label(parse_timezone("-05:30")) == "-05:30"
    assert timezone_label(UTC) == "UTC"
    assert timezone_label(ZoneInfo("Europe/Paris")) == "Europe/Paris"


def test_local_timezone_prefers_tz_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    tz = local_timezone()
    assert isinstance(tz, ZoneInfo) and tz.key == "America/New_York"
    monkeypatch.setenv("TZ", ":Asia/Tokyo")
    assert timezone_label(local_timezone()) == "Asia/Tokyo"


def test_local_timezone_falls_back_without_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "not a zone")
    tz = local_timezone()
    assert tz.utcoffset(None) is not None or isinstance(tz, ZoneInfo)


@pytest.mark.parametrize(
    ("text", "tz", "expected", "naive"),
    [
        ("2025-03-01 09:00:00.123456", "+08:00", "2025-03-01T01:00:00.123456+00:00", True),
        ("2025-03-01T01:00:00.123456+00:00", "+08:00", "2025-03-01T01:00:00.123456+00:00", False),
        ("2025-03-01T09:00:00.123456", "+08:00", "2025-03-01T01:00:00.123456+00:00", True),
        ("2025-03-01T09:00:00", "+08:00", "2025-03-01T01:00:00.000000+00:00", True),
        ("2025-03-01T01:00:00Z", "+08:00", "2025-03-01T01:00:00.000000+00:00", False),
        ("2025-03-01T01:00:00.5z", None, "2025-03-01T01:00:00.500000+00:00", False),
        ("2025-03-01T06:30:00+05:30", "+08:00", "2025-03-01T01:00:00.000000+00:00", False),
        ("2025-03-01T06:30:00+0530", "+08:00", "2025-03-01T01:00:00.000000+00:00", False),
        ("2025-03-01 09:00", "+08:00", "2025-03-01T01:00:00.000000+00:00", True),
        ("2025-03-01T09:00:00.1234567", "+08:00", "2025-03-01T01:00:00.123456+00:00", True),
        ("2025-03-01 00:30:00", "+08:00", "2025-02-28T16:30:00.000000+00:00", True),
        # DST is right for historical dates in an IANA zone
        ("2024-07-01 12:00:00", "America/New_York", "2024-07-01T16:00:00.000000+00:00", True),
        ("2024-01-01 12:00:00", "America/New_York", "2024-01-01T17:00:00.000000+00:00", True),
    ],
)
def test_to_utc_iso(text: str, tz: str | None, expected: str, naive: bool) -> None:
    assert to_utc_iso(text, tz) == (expected, naive)


def test_to_utc_iso_text_order_is_time_order() -> None:
    stamps = ["2025-03-01T01:00:00Z", "2025-03-01 09:00:00.5", "2025-03-01T01:00:01+00:00", "2025-03-01T09:00:00.25"]
    converted = [to_utc_iso(s, "+08:00")[0] for s in stamps]
    assert sorted(converted) == [converted[0], converted[3], converted[1], converted[2]]
    assert all(len(c) == len(converted[0]) for c in converted)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "yesterday",
        "2025-13-01 09:00:00",
        "2025-02-30T09:00:00",
        "2025-03-01",
        "2025-03-01T25:00:00",
        "2025-03-01T09:00:00+99:00",
        "1740000000",
        "2025/03/01 09:00",
    ],
)
def test_to_utc_iso_garbage(text: str) -> None:
    with pytest.raises(ValueError) as info:
        to_utc_iso(text, "+08:00")
    assert str(info.value).endswith(".")


def test_to_utc_iso_not_text() -> None:
    with pytest.raises(ValueError):
        to_utc_iso(1740000000, "+08:00")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------------- secrets


@pytest.mark.parametrize(
    ("key", "secret"),
    [
        ("apiKey", True),
        ("api_key", True),
        ("API-KEY", True),
        ("openai_api_key", True),
        ("token", True),
        ("access_token", True),
        ("secret", True),
        ("client_secret", True),
        ("password", True),
        ("Authorization", True),
        ("secret_key", True),
        ("max_tokens", False),
        ("card_model", False),
        ("tokens_used", False),
        ("name", False),
        ("knowledge_points", False),
        (3, False),
    ],
)
def test_is_secret_key(key: object, secret: bool) -> None:
    assert is_secret_key(key) is secret


def test_strip_secrets_nested_keeps_order_and_never_reports_values() -> None:
    source = {
        "id": "1",
        "config": {"card_model": "m", "apiKey": "sk-FAKE-1", "nested": [{"token": "sk-FAKE-2"}, 3]},
        "Password": "sk-FAKE-3",
        "z": None,
        "a": [[{"x": 1, "Authorization": "Bearer sk-FAKE-4"}]],
    }
    before = json.dumps(source)
    clean, paths = strip_secrets(source)
    assert json.dumps(source) == before  # the input is not changed
    assert clean == {"id": "1", "config": {"card_model": "m", "nested": [{}, 3]}, "z": None, "a": [[{"x": 1}]]}
    assert list(clean) == ["id", "config", "z", "a"]  # type: ignore[arg-type]
    assert list(clean["config"]) == ["card_model", "nested"]  # type: ignore[index]
    assert sorted(paths) == ["Password", "a[0][0].Authorization", "config.apiKey", "config.nested[0].token"]
    assert "sk-FAKE" not in repr(paths)


def test_strip_secrets_scalars_and_no_secrets() -> None:
    assert strip_secrets("x") == ("x", [])
    assert strip_secrets(None) == (None, [])
    obj = {"a": [1, 2, {"b": "c"}]}
    clean, paths = strip_secrets(obj)
    assert clean == obj and clean is not obj and paths == []


def test_strip_secrets_survives_deep_nesting() -> None:
    deep: object = {"apiKey": "sk-FAKE-deep"}
    for _ in range(100_000):
        deep = [deep]
    clean, paths = strip_secrets(deep)
    assert len(paths) == 1 and paths[0].endswith("[0].apiKey")
    node = clean
    for _ in range(100_000):
        assert isinstance(node, list)
        node = node[0]
    assert node == {}


# --------------------------------------------------------------------------------------------------- attribution

A = ProfileKey.of("test-child-1-(测试孩子1）", "Test Child 1 (测试孩子1）")
B = ProfileKey.of("test-child-2-(测试孩子2）", "Test Child 2 (测试孩子2）")
L = ProfileKey.of("legacy-7", "Lin Lin")
PROFILES = [A, B, L]


def test_resolve_profile_by_id_slug_name_and_loosely() -> None:
    assert resolve_profile("test-child-1-(测试孩子1）", PROFILES) == A.id
    assert resolve_profile("Test Child 2 (测试孩子2）", PROFILES) == B.id
    assert resolve_profile("legacy-7", PROFILES) == L.id
    assert resolve_profile("lin-lin", PROFILES) == L.id  # slug of the name
    assert resolve_profile("Lin Lin", PROFILES) == L.id
    assert resolve_profile("LIN  lin", PROFILES) == L.id  # loose: case and spacing
    assert resolve_profile("nobody", PROFILES) is None
    assert resolve_profile("", PROFILES) is None
    assert resolve_profile(None, PROFILES) is None


def _run(messages: list[ChatFacts], assign_to: str | None = None) -> list[tuple[str | None, str]]:
    return [(a.profile_id, a.rule) for a in attribute_chats(messages, PROFILES, assign_to)]


def test_attribution_rules_in_order() -> None:
    messages = [
        ChatFacts("user", f"@profile:{B.slug} hi", [A.slug]),  # (1) mentions beat the token
        ChatFacts("assistant", "ok", [A.slug]),  # (1)
        ChatFacts("user", f"@profile:{B.slug} 请做", []),  # (2)
        ChatFacts("assistant", "好的", []),  # (3) reply to the user message
        ChatFacts("user", "Lin Lin 的卡片", ["Lin Lin"]),  # (1) by name
        ChatFacts("assistant", "a reply", ["someone else"]),  # unknown mention → (3)
        ChatFacts("user", "no profile here", []),  # (4) or unattributed
        ChatFacts("assistant", "reply to it", []),  # (3) follows the user's fate
    ]
    assert _run(messages) == [
        (A.id, ATTR_MENTIONS),
        (A.id, ATTR_MENTIONS),
        (B.id, ATTR_CONTENT_TOKEN),
        (B.id, ATTR_REPLY),
        (L.id, ATTR_MENTIONS),
        (L.id, ATTR_REPLY),
        (None, ATTR_UNATTRIBUTED),
        (None, ATTR_UNATTRIBUTED),
    ]
    picked = _run(messages, assign_to=A.id)
    assert picked[6] == (A.id, ATTR_ASSIGN_TO)
    assert picked[7] == (A.id, ATTR_REPLY)


def test_attribution_assistant_before_any_user_and_unknowns() -> None:
    result = attribute_chats([ChatFacts("assistant", "hello", ["ghost"])], PROFILES, None)
    assert result[0].profile_id is None and result[0].rule == ATTR_UNATTRIBUTED
    assert result[0].unknown_mentions == ("ghost",)
    several = attribute_chats([ChatFacts("user", "x", [B.id, A.id])], PROFILES, None)
    assert several[0].profile_id == B.id and several[0].several_mentioned


def test_attribution_content_token_edges() -> None:
    p1 = ProfileKey.of("amy", "Amy")
    p2 = ProfileKey.of("amy-2", "Amy 2")
    profiles = [p1, p2]
    facts = [
        ChatFacts("user", "@profile:amy, please", []),  # trailing punctuation
        ChatFacts("user", "@profile:amy-2 please", []),  # the longer slug wins
        ChatFacts("user", "@profile:amyx please", []),  # not a profile
        ChatFacts("user", "@profile:ghost then @profile:amy-2", []),  # the first token that names a profile
        ChatFacts("user", "@profile:AMY hi", []),  # loose match
        ChatFacts("user", "@word:苹果 only", []),
    ]
    got = [(a.profile_id, a.rule) for a in attribute_chats(facts, profiles, None)]
    assert got == [
        ("amy", ATTR_CONTENT_TOKEN),
        ("amy-2", ATTR_CONTENT_TOKEN),
        (None, ATTR_UNATTRIBUTED),
        ("amy-2", ATTR_CONTENT_TOKEN),
        ("amy", ATTR_CONTENT_TOKEN),
        (None, ATTR_UNATTRIBUTED),
    ]


def test_card_owner() -> None:
    assert card_owner(["a", "b"], "b") == "b"
    assert card_owner(["a"], None) == "a"
    assert card_owner(["a", "b"], None) is None
    assert card_owner([], None) is None


def test_attribution_with_one_profile_needs_no_choice() -> None:
    only = [A]
    result = attribute_chats([ChatFacts("assistant", "hi", []), ChatFacts("user", "x", ["ghost"])], only, None)
    assert [(r.profile_id, r.rule) for r in result] == [
        (A.id, contract.ATTR_ONLY_PROFILE),
        (A.id, contract.ATTR_ONLY_PROFILE),
    ]
    # a pick still wins
    assert attribute_chats([ChatFacts("user", "x", [])], [A, B], B.id)[0].profile_id == B.id


def test_normalize_token_fast_path_gives_the_full_rules_result():
    import random
    import re
    import unicodedata

    def full_rules(token: str) -> str:
        token = re.sub(r" {2,}", " ", token.replace("\u00a0", " ")).strip()
        return unicodedata.normalize("NFC", token)

    pool = list("ab苹果 \t\n\u00a0\u200b\u3000\u2028\u0301e\u00e9😀_")
    rng = random.Random(11)
    for _ in range(20_000):
        token = "".join(rng.choice(pool) for _ in range(rng.randint(0, 6)))
        assert normalize_token(token) == full_rules(token), repr(token)

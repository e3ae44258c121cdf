"""The service layer's rules, as a user meets them: every validation rule refuses a bad value with a sentence
naming the field and accepts a good one; duplicates are plain-language errors; a pasted word list is counted
correctly however messy it is, and lands as one audited batch."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import peewee
import pytest

from desktop import services
from desktop.errors import DuplicateError, NotFoundError, ValidationError
from desktop.store import audit, db


@pytest.fixture
def ledger(any_ledger):
    """These tests run on every engine: SQLite, and PostgreSQL when a server is configured."""
    return any_ledger


def audit_count() -> int:
    return db.current().execute_sql("SELECT count(*) FROM audit_log").fetchone()[0]


def data_counts() -> tuple[int, ...]:
    database = db.current()
    return tuple(
        database.execute_sql(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("profiles", "mastered_words", "mastered_grammar", "approved_cards", "chat_messages", "audit_log")
    )


@pytest.fixture
def kid(ledger) -> str:
    return services.create_profile("Test Kid")["id"]


def refused(call, field: str) -> ValidationError:
    """``call`` raises a ValidationError naming ``field`` and leaves the database (and its audit log) as it was."""
    before = data_counts()
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ") and len(str(info.value)) > len(field) + 5
    assert data_counts() == before
    return info.value


# --------------------------------------------------------------------------------------------------------------
# Profiles


@pytest.mark.parametrize("name", [None, "", "   ", "\n\t", 123, ["Ann"], "x" * 201, " " + "y" * 201])
def test_bad_names_are_refused(ledger, name):
    refused(lambda: services.create_profile(name), "name")


@pytest.mark.parametrize("name", ["A", "x" * 200, "王小明", "  Ann Lee  ", "Zoë O'Neil-Smith"])
def test_good_names_are_accepted(ledger, name):
    profile = services.create_profile(name)
    assert profile["name"] == name.strip()
    assert services.get_profile(profile["id"])["name"] == name.strip()


TOMORROW = (date.today() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    "dob",
    [
        "2015-02-30",
        "2015-13-01",
        "31/01/2015",
        "yesterday",
        "2015-1-32",
        TOMORROW,
        "9999-12-31",
        20150131,
        ["2015-01-31"],
    ],
)
def test_bad_dates_of_birth_are_refused(ledger, dob):
    refused(lambda: services.create_profile("Dob Kid", dob=dob), "dob")


@pytest.mark.parametrize(
    "dob, stored",
    [
        ("2015-01-31", "2015-01-31"),
        ("2016-02-29", "2016-02-29"),
        (" 2012-07-04 ", "2012-07-04"),
        (date.today().isoformat(), None),
        (None, None),
        ("", None),
    ],
)
def test_good_dates_of_birth_are_accepted(ledger, dob, stored):
    profile = services.create_profile("Dob Kid", dob=dob)
    assert profile["dob"] == (stored or (dob.strip() if dob else None))


@pytest.mark.parametrize("age", [-0.5, 30.01, 31, "abc", True, float("nan"), float("inf"), [5]])
def test_bad_mental_ages_are_refused(ledger, age):
    refused(lambda: services.create_profile("Age Kid", mental_age=age), "mental_age")


@pytest.mark.parametrize("age, stored", [(0, 0.0), (30, 30.0), (6.5, 6.5), ("7.5", 7.5), (None, None)])
def test_good_mental_ages_are_accepted(ledger, age, stored):
    assert services.create_profile("Age Kid", mental_age=age)["mental_age"] == stored


@pytest.mark.parametrize("field", ["interests", "character_roster"])
@pytest.mark.parametrize("value", ["not json", '{"a": 1}', {"a": 1}, [1, 2], "[1]", ["ok", None], '"text"'])
def test_list_json_fields_refuse_the_wrong_shape(ledger, field, value):
    refused(lambda: services.create_profile("Json Kid", **{field: value}), field)


@pytest.mark.parametrize("field", ["interests", "character_roster"])
@pytest.mark.parametrize("value", [["trains", "雨", "🚂"], '["trains"]', []])
def test_list_json_fields_accept_lists_of_text(ledger, field, value):
    stored = services.create_profile("Json Kid", **{field: value})[field]
    expected = json.loads(value) if isinstance(value, str) else value
    assert json.loads(stored) == expected


@pytest.mark.parametrize("value", ["[]", [1], "x", "{", 5, "null"])
def test_extracted_data_must_be_an_object(ledger, value):
    refused(lambda: services.create_profile("Json Kid", extracted_data=value), "extracted_data")


@pytest.mark.parametrize("value", [{}, {"likes": ["a"], "n": 1}, '{"likes": "blocks"}'])
def test_extracted_data_accepts_an_object(ledger, value):
    stored = services.create_profile("Json Kid", extracted_data=value)["extracted_data"]
    assert json.loads(stored) == (json.loads(value) if isinstance(value, str) else value)


def test_text_fields_must_be_text_and_unknown_fields_are_refused(ledger):
    refused(lambda: services.create_profile("Text Kid", school=12), "school")
    refused(lambda: services.create_profile("Text Kid", favourite_colour="red"), "favourite_colour")
    assert services.create_profile("Text Kid", school="Elm School")["school"] == "Elm School"


def test_edits_are_validated_like_new_profiles(kid):
    version = services.get_profile(kid)["version"]
    refused(lambda: services.update_profile(kid, version, name=""), "name")
    refused(lambda: services.update_profile(kid, version, dob=TOMORROW), "dob")
    refused(lambda: services.update_profile(kid, version, mental_age=99), "mental_age")
    refused(lambda: services.update_profile(kid, version, interests="[1]"), "interests")
    saved = services.update_profile(kid, version, mental_age=8, dob="2016-01-02")
    assert (saved["mental_age"], saved["dob"], saved["version"]) == (8.0, "2016-01-02", version + 1)


def test_duplicate_profile_name_is_refused(kid):
    with pytest.raises(DuplicateError, match="already a child called"):
        services.create_profile("Test Kid")
    with pytest.raises(DuplicateError, match="already a child called"):
        services.create_profile("  Test Kid ")
    other = services.create_profile("Other Kid")
    before = data_counts()
    with pytest.raises(DuplicateError, match="already a child called") as info:
        services.update_profile(other["id"], other["version"], name="Test Kid")
    assert info.value.field == "name"
    assert data_counts() == before
    assert services.get_profile(other["id"])["name"] == "Other Kid"
    assert services.update_profile(kid, None, name="Test Kid")["name"] == "Test Kid"  # keeping one's own name


# --------------------------------------------------------------------------------------------------------------
# Words, cards, chat


@pytest.mark.parametrize("language", ["fr", "ZH", "", None, "english"])
def test_unknown_languages_are_refused(kid, language):
    refused(lambda: services.add_word(kid, "cat", language), "language")
    refused(lambda: services.bulk_add_words(kid, "cat, dog", language), "language")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_known_languages_are_accepted(kid, language):
    assert services.add_word(kid, "cat", language)["language"] == language


@pytest.mark.parametrize("word", ["", "   ", "\u00a0", 42, None])
def test_empty_or_non_text_words_are_refused(kid, word):
    refused(lambda: services.add_word(kid, word, "en"), "word")


def test_a_duplicate_word_is_a_plain_duplicate_error(kid):
    services.add_word(kid, "apple", "en")
    for spelling in ("apple", "  apple ", "apple\u00a0"):
        before = data_counts()
        with pytest.raises(DuplicateError) as info:
            services.add_word(kid, spelling, "en")
        assert not isinstance(info.value, peewee.IntegrityError)
        assert "already mastered" in str(info.value) and "apple" in str(info.value)
        assert data_counts() == before
    assert services.add_word(kid, "apple", "zh")["word"] == "apple"  # same text, other language
    assert services.add_word(kid, "Apple", "en")["word"] == "Apple"  # no case folding


def test_renaming_a_word_onto_another_is_a_duplicate_error(kid):
    services.add_word(kid, "cat", "en")
    dog = services.add_word(kid, "dog", "en")
    before = data_counts()
    with pytest.raises(DuplicateError, match="already mastered"):
        services.rename_word(dog["id"], "cat", dog["version"])
    assert data_counts() == before
    assert services.get_row("mastered_words", dog["id"])["word"] == "dog"


def test_a_duplicate_grammar_point_is_a_duplicate_error(kid):
    services.add_grammar(kid, "grammar://en/plural")
    with pytest.raises(DuplicateError, match="already mastered"):
        services.add_grammar(kid, " grammar://en/plural ")
    refused(lambda: services.add_grammar(kid, "  "), "grammar_uri")


@pytest.mark.parametrize("card_type", ["flash", "", None, "Basic"])
def test_unknown_card_types_are_refused(kid, card_type):
    refused(lambda: services.add_card(kid, card_type, {"front": "a"}), "card_type")


@pytest.mark.parametrize("card_type", services.CARD_TYPES)
def test_known_card_types_are_accepted(kid, card_type):
    card = services.add_card(kid, card_type, {"front": "a", "back": "b"})
    assert card["card_type"] == card_type
    assert json.loads(card["content"])["front"] == "a"


@pytest.mark.parametrize("content", [None, "", [], ["front"], "not json", "[1, 2]", 7])
def test_card_content_must_be_an_object(kid, content):
    refused(lambda: services.add_card(kid, "basic", content), "content")


def test_card_status_and_edits_are_validated(kid):
    refused(lambda: services.add_card(kid, "basic", {"front": "a"}, status="lost"), "status")
    card = services.add_card(kid, "basic", '{"front": "a"}', status="approved")
    assert card["status"] == "approved" and json.loads(card["content"])["status"] == "approved"
    refused(lambda: services.update_row("approved_cards", card["id"], card["version"], {"card_type": "x"}), "card_type")
    saved = services.update_row("approved_cards", card["id"], card["version"], {"status": "synced"})
    assert saved["status"] == "synced" and json.loads(saved["content"])["status"] == "synced"


@pytest.mark.parametrize("mentions", ["kid", '{"a": 1}', {"a": 1}, [1], "[null]"])
def test_chat_mentions_must_be_a_list_of_text(kid, mentions):
    refused(lambda: services.add_chat_message(kid, "user", "hi", mentions=mentions), "mentions")


def test_chat_messages_are_validated(kid):
    refused(lambda: services.add_chat_message(kid, "robot", "hi"), "role")
    refused(lambda: services.add_chat_message(kid, "user", "   "), "content")
    message = services.add_chat_message(kid, "assistant", "hello", mentions=[kid, "别的孩子"])
    assert json.loads(message["mentions"]) == [kid, "别的孩子"]
    refused(
        lambda: services.update_row("chat_messages", message["id"], message["version"], {"mentions": "[1]"}), "mentions"
    )


ADDERS = {
    "word": lambda pid: services.add_word(pid, "orphan", "en"),
    "grammar": lambda pid: services.add_grammar(pid, "grammar://orphan"),
    "card": lambda pid: services.add_card(pid, "basic", {"front": "orphan"}),
    "chat": lambda pid: services.add_chat_message(pid, "user", "orphan"),
    "paste": lambda pid: services.bulk_add_words(pid, "orphan, lost", "en"),
}


@pytest.mark.parametrize("kind", sorted(ADDERS))
def test_adding_to_a_child_that_no_longer_exists_says_so(kid, kind):
    """E.g. another window deleted the child: the user is told, nothing is written, no database error leaks."""
    services.delete_profile(kid)
    before = data_counts()
    with pytest.raises(NotFoundError, match="no longer exists"):
        ADDERS[kind](kid)
    assert data_counts() == before


def test_editing_a_deleted_record_says_so(kid):
    word = services.add_word(kid, "gone", "en")
    services.delete_rows("mastered_words", [word["id"]])
    with pytest.raises(NotFoundError, match="no longer exists"):
        services.rename_word(word["id"], "back", word["version"])


# --------------------------------------------------------------------------------------------------------------
# Bulk paste


def test_a_small_chinese_paste_is_split_and_counted(kid):
    services.add_word(kid, "西瓜", "zh")
    result = services.bulk_add_words(kid, " 苹果、香蕉，橙子 葡萄；苹果\u00a0西瓜\n\n草莓;🍎、e\u0301clair ", "zh")
    assert result.added == ["苹果", "香蕉", "橙子", "葡萄", "草莓", "🍎", "éclair"]
    assert result.repeated == ["苹果"] and result.already == ["西瓜"] and result.empty == 0
    assert result.summary() == "7 added, 1 already mastered, 1 repeated in the list, 0 empty"


def test_a_list_of_words_is_counted_the_same_way(kid):
    result = services.bulk_add_words(kid, ["ice\u00a0cream", " ", "ice  cream", "cake", "", "\u00a0"], "en")
    assert (result.added, result.repeated, result.empty) == (["ice cream", "cake"], ["ice cream"], 3)


def test_an_english_list_pasted_one_word_per_line_is_split_by_line(kid):
    result = services.bulk_add_words(kid, "apple\nice cream\r\n\nbanana\u200b\n\u200b\n(be) hungry\n", "en")
    assert result.added == ["apple", "ice cream", "banana", "(be) hungry"]
    assert result.empty == 1  # blank lines only separate; a line holding an invisible zero-width space is empty


def make_nasty_paste(rng: random.Random, mastered: list[str]) -> tuple[str, dict]:
    """10,000 new English words in every awkward form, plus known repeats, already-mastered words and blanks,
    joined by ASCII and full-width separators; returns the text and what a correct split must report."""
    specials = {  # as pasted → as it must be stored (legacy-format.md §6: NBSP → space, space runs → one, NFC)
        "<b>bold</b>": "<b>bold</b>",
        "a&b": "a&b",
        "<script>alert(1)</script>": "<script>alert(1)</script>",
        "🍎": "🍎",
        "👩\u200d👧": "👩\u200d👧",
        "❤️": "❤️",
        "مرحبا": "مرحبا",
        "שלום עולם": "שלום עולם",
        "\u200frtl-mark": "\u200frtl-mark",
        "ice\u00a0cream": "ice cream",
        "new\u00a0\u00a0york": "new york",
        "tab\tword": "tab word",
        "two  \t spaces": "two spaces",
        "e\u0301te\u0301": "été",
        "ＦＵＬＬ": "ＦＵＬＬ",
        "中文词": "中文词",
        "O'Neil": "O'Neil",
        'a"quote': 'a"quote',
        "back\\slash": "back\\slash",
        "100%": "100%",
        "x" * 300: "x" * 300,
    }
    words = [f"word{i:05d}" for i in range(10_000 - len(specials))] + list(specials)
    rng.shuffle(words)
    expected_added = [specials.get(w, w) for w in words]
    tokens = list(words)
    repeats = []
    for _ in range(40):
        i = rng.randrange(len(words) - 1)
        variant = rng.choice(["{}", " {} ", "\u00a0{}", "{}\u00a0\u00a0"]).format(words[i])
        tokens.insert(rng.randrange(i + 1, len(tokens) + 1), variant)
        repeats.append(variant)
    for word in mastered:
        tokens.insert(rng.randrange(1, len(tokens)), word)
    blanks = [" ", "\u00a0", " \u00a0 ", "\t", "  \t "]
    for blank in blanks:
        tokens.insert(rng.randrange(1, len(tokens) - 1), blank)
    separators = [",", "，", ";", "；", ", ", "，\u00a0"]
    text = tokens[0] + "".join(rng.choice(separators) + t for t in tokens[1:])
    return text, {
        "added": len(expected_added),
        "added_words": expected_added,
        "already": len(mastered),
        "repeated": len(repeats),
        "empty": len(blanks),
    }


def test_a_huge_nasty_english_paste_is_counted_and_lands_in_one_batch(kid):
    mastered = ["already one", "déjà vu", "🙂", "already two"]
    for word in mastered:
        services.add_word(kid, word, "en")
    services.add_word(kid, "word00001", "zh")  # same text in the other language is not "already mastered"
    text, expected = make_nasty_paste(random.Random(20240611), mastered)
    start = db.current().execute_sql("SELECT max(id) FROM audit_log").fetchone()[0]

    result = services.bulk_add_words(kid, text, "en")

    assert len(result.added) == expected["added"] == 10_000
    assert sorted(result.added) == sorted(expected["added_words"])
    assert sorted(result.already) == sorted(mastered)
    assert len(result.repeated) == expected["repeated"]
    assert result.empty == expected["empty"]
    assert result.summary() == (
        f"10000 added, {len(mastered)} already mastered, "
        f"{expected['repeated']} repeated in the list, {expected['empty']} empty"
    )
    stored = {
        w.word
        for w in services.MasteredWord.select().where(
            (services.MasteredWord.profile == kid) & (services.MasteredWord.language == "en")
        )
    }
    assert stored == set(result.added) | set(mastered)
    assert "<b>bold</b>" in stored and "ice cream" in stored and "été" in stored and "👩\u200d👧" in stored
    rows = audit.entries(db.current(), audit.LOG.id > start)
    assert len(rows) == 10_000
    assert {(e.table_name, e.action, e.changed_by) for e in rows} == {("mastered_words", "INSERT", "user")}
    assert len({e.batch_id for e in rows}) == 1
    assert audit.verify_chain(db.current()).ok


def test_pasting_the_same_list_twice_adds_nothing_new(kid):
    first = services.bulk_add_words(kid, "one, two, three", "en")
    start = audit_count()
    second = services.bulk_add_words(kid, "one, two, three", "en")
    assert (len(first.added), len(second.added), len(second.already)) == (3, 0, 3)
    assert second.summary() == "0 added, 3 already mastered, 0 empty"
    assert audit_count() == start


def test_a_paste_nested_in_a_bigger_write_joins_its_batch(kid):
    with audit.writing("migration") as batch:
        services.bulk_add_words(kid, "a, b", "en")
        services.add_grammar(kid, "grammar://g")
    rows = audit.entries(db.current(), audit.LOG.batch_id == batch)
    assert len(rows) == 3 and {e.changed_by for e in rows} == {"migration"}


@pytest.mark.parametrize(
    "content",
    [
        {"front": "", "back": ""},
        {"front": "   ", "back": "\n"},
        {},
        {"tags": ["zh"], "id": "c1"},
        {"front": "<b> </b>", "back": "<p>&nbsp;</p>"},
        {"text_field": "", "image_data": "  "},
    ],
)
def test_an_empty_card_is_refused_and_nothing_is_written(kid, content):
    before = data_counts()
    with pytest.raises(ValidationError, match="empty") as caught:
        services.add_card(kid, "basic", content)
    assert caught.value.field == "content"
    assert data_counts() == before


@pytest.mark.parametrize(
    "content",
    [
        {"front": "猫", "back": ""},
        {"back": "cat"},
        {"text": "{{c1::cat}}"},
        {"text_field": "我[[c1::喜欢]]"},
        {"front": '<img src="data:image/png;base64,AAAA">'},
        {"image_data": "data:image/png;base64,AAAA"},
    ],
)
def test_a_card_with_any_face_is_accepted(kid, content):
    card = services.add_card(kid, "cloze", content)
    stored = json.loads(card["content"])
    assert {k: stored[k] for k in content} == content


def test_editing_a_card_into_an_empty_one_is_refused(kid):
    card = services.add_card(kid, "basic", {"front": "猫", "back": "cat"})
    with pytest.raises(ValidationError, match="empty"):
        services.update_row("approved_cards", card["id"], card["version"], {"content": {"front": " ", "back": ""}})
    assert json.loads(services.get_row("approved_cards", card["id"])["content"])["front"] == "猫"


def test_case_variants_finds_words_that_differ_only_in_case(kid):
    for word in ("Apple", "APPLE", "apple pie", "Äpfel", "苹果"):
        services.add_word(kid, word, "en")
    services.add_word(kid, "apple", "zh")  # the other language is not a variant
    assert services.case_variants(kid, " apple ", "en") == ["APPLE", "Apple"]
    assert services.case_variants(kid, "Apple", "en") == ["APPLE"]  # the word itself is not listed
    assert services.case_variants(kid, "äPFEL", "en") == ["Äpfel"]  # beyond ASCII too
    assert services.case_variants(kid, "苹果", "en") == []
    assert services.case_variants(kid, "pear", "en") == []
    with pytest.raises(ValidationError):
        services.case_variants(kid, "  ", "en")


def test_the_fast_path_of_normalize_token_changes_nothing():
    """Tokens already normal skip the rewriting: on 20,000 random tokens of awkward characters, the result is the
    same as the full rules'."""
    import random
    import re
    import unicodedata

    spaces = re.compile(r"[ \t\r\n\f\v]+")

    def full_rules(token: str) -> str:
        token = services._INVISIBLE.sub("", token.replace("\u00a0", " "))
        return unicodedata.normalize("NFC", spaces.sub(" ", token).strip())

    pool = list("ab苹果 \t\n\u00a0\u200b\u2060\ufeff\u3000\u2028\u0301e\u00e9😀\u200d_")
    rng = random.Random(7)
    for _ in range(20_000):
        token = "".join(rng.choice(pool) for _ in range(rng.randint(0, 6)))
        assert services.normalize_token(token) == full_rules(token), repr(token)


AGREED_NAMES = [
    "Zoe\u0301 Li",  # decomposed accent (NFD)
    "Zoé Li",  # the same name composed (NFC)
    "ＡＭＹ　Ｌｉｎ",  # full-width letters and an ideographic space
    "Test Child 1 (测试孩子1）",
    "  Amy\u00a0 Lin ",
]


@pytest.mark.parametrize("name", AGREED_NAMES)
def test_the_app_and_the_importer_agree_on_a_name(name, any_ledger):
    """One set of text rules: the app's are the importer's with stricter ones on top, so a child created in the app
    gets the id and name key the importer derives from the same name (NFC/NFD, full-width forms kept)."""
    from desktop.legacy import contract

    created = services.create_profile(name)
    assert created["id"] == contract.assign_profile_ids([name])[0]
    assert contract.name_key(created["name"]) == contract.name_key(name)


@pytest.mark.parametrize(
    "token", ["Zoe\u0301", "Zoé", "ｐｅａｒ", "苹果", " a\u00a0\u00a0b ", "ice  cream", "e\u0301\u00a0 x", ""]
)
def test_the_app_and_the_importer_agree_on_a_word(token):
    """What the importer accepts as it is, the app normalises alike; the app's stricter rules (zero-width spaces,
    tabs and line breaks) only ever narrow the result further, never undo the importer's."""
    from desktop import text

    assert services.normalize_token(token) == text.normalize_token(token)
    for stricter in (f"\u200b{token}", f"{token}\t\n", token.replace(" ", "\u2060 ")):
        assert text.normalize_token(services.normalize_token(stricter)) == services.normalize_token(stricter)


def test_the_fast_paths_give_the_full_rules_result():
    """Both fast paths (text already in normal form) equal the full rules, and so each other on such text."""
    from desktop import text

    for token in ("apple", "ice cream", "Zoé", "苹果", "ｐｅａｒ", "a b c"):
        assert services.normalize_token(token) == text.normalize_token(token) == token

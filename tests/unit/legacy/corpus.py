"""A generator of invented legacy data folders (legacy-format.md), with what a loss-free read must find.

Plain, importable, standard library only: the reader tests, the importer tests and the benchmarks share it.
Every value is invented.  The expectations are computed here from the *clean* values the generator starts from
(not with `desktop.legacy.contract`), so tests that compare the two check the contract rather than repeat it.

    info = write_corpus(tmp_path, profiles=3, cards=237, card_image_chars=135_000)   # a ~32 MB cards file
    result = read_legacy(info["read_path"], assume_tz=info["assume_tz"], assign_to=info["profiles"][0]["name"])
"""

from __future__ import annotations

import base64
import json
import random
import unicodedata
from collections.abc import Collection
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

__all__ = ["KINDS", "write_corpus", "utc_text"]

KINDS = ("profiles", "cards", "chat")
ZH_CHARS = (
    "象子老友短爸笔学妈昨熊红朋花唱师猫雨洗游歌狗车门大画长亮澡太星跑读窗后白汽外天草冷蓝觉看左喝习上右自书今包绿矮黑"
)
EN_BASE = [
    "pencil",
    "school",
    "tomorrow",
    "color",
    "father",
    "house",
    "write",
    "fast",
    "small",
    "evening",
    "mother",
    "teacher",
    "chair",
    "elephant",
    "blue",
    "yellow",
    "sing",
    "today",
    "swim",
    "morning",
    "sleep",
    "draw",
    "window",
    "table",
    "friend",
    "banana",
    "read",
    "red",
    "dog",
    "run",
    "jump",
    "apple",
    "green",
    "cat",
]
EN_SPECIAL = ["ice cream", "(be) hungry", "a.m.", "I'm", "thank you", "café", "hot_cold"]
LETTERS = "ABCDEFGHIJ"
CJK_ORDINALS = "甲乙丙丁戊己庚辛壬癸"
CARD_TYPES = ("basic", "basic_reverse", "cloze", "interactive_cloze")
STATUSES = ("pending", "approved", "synced")
FAKE_SECRET = "sk-FAKE-"


def utc_text(moment: datetime) -> str:
    """An instant as the reader reports it: ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _kinds(value: bool | Collection[str]) -> set[str]:
    if value is True:
        return set(KINDS)
    if not value:
        return set()
    return set(value)  # type: ignore[arg-type]


def _offset(spec: str) -> timezone:
    sign = -1 if spec.startswith("-") else 1
    hours, minutes = spec[1:].split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


class _Gen:
    def __init__(self, seed: int, local: str) -> None:
        self.rng = random.Random(seed)
        self.local = _offset(local)
        self.secrets: list[str] = []

    def secret(self) -> str:
        value = FAKE_SECRET + "".join(self.rng.choice("0123456789abcdef") for _ in range(16))
        self.secrets.append(value)
        return value

    # -- time: render an instant in one of the legacy forms (§2)
    def when(self, moment: datetime, form: str | None = None) -> str:
        form = form or self.rng.choice(["space_naive", "t_naive", "utc_offset", "z", "other_offset"])
        micro = moment.microsecond
        if form == "space_naive":
            local = moment.astimezone(self.local)
            return local.strftime("%Y-%m-%d %H:%M:%S.%f")
        if form == "t_naive":
            local = moment.astimezone(self.local)
            return local.strftime("%Y-%m-%dT%H:%M:%S") + (f".{micro:06d}" if micro else "")
        if form == "utc_offset":
            return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S") + (f".{micro:06d}" if micro else "") + "+00:00"
        if form == "z":
            return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S") + (f".{micro:06d}" if micro else "") + "Z"
        other = timezone(timedelta(hours=5, minutes=30))
        return moment.astimezone(other).strftime("%Y-%m-%dT%H:%M:%S") + (f".{micro:06d}" if micro else "") + "+05:30"

    # -- words
    def zh_words(self, n: int) -> list[str]:
        out: list[str] = []
        seen: set[str] = set()
        while len(out) < n:
            word = "".join(self.rng.choice(ZH_CHARS) for _ in range(self.rng.randint(1, 4)))
            if word not in seen:
                seen.add(word)
                out.append(word)
        return out

    def en_words(self, n: int, html: bool) -> list[str]:
        pool = list(EN_SPECIAL)
        if html:
            pool += [
                "<div>house</div>",
                '<font color="#ff0000">sleep</font>',
                f'<img src="paste-{self.rng.getrandbits(160):040x}.jpg"><br>swim',
            ]
        out: list[str] = []
        seen: set[str] = set()
        i = 0
        while len(out) < n:
            if pool and self.rng.random() < 0.25:
                word = pool.pop(0)
            else:
                word = self.rng.choice(EN_BASE) + (str(i) if self.rng.random() < 0.6 else "")
            i += 1
            if word not in seen:
                seen.add(word)
                out.append(word)
        return out

    def variant(self, word: str, lang: str) -> str:
        """A spelling of `word` that normalises back to it (NBSP, extra spaces, decomposed accents)."""
        choice = self.rng.randrange(5)
        if choice == 0:
            return word + "\u00a0"
        if choice == 1:
            return " " + word + " "
        if choice == 2 and lang == "en" and " " in word:
            return word.replace(" ", "  ")
        if choice == 3 and lang == "en" and " " in word:
            return word.replace(" ", "\u00a0")
        if choice == 4:
            return unicodedata.normalize("NFD", word)
        return word

    def dirty_string(self, clean: list[str], lang: str, dup_rate: float) -> tuple[str, int]:
        """Join `clean` the way the old app's lists look: mixed separators, duplicates, trailing separator."""
        if lang == "zh":
            seps = [", ", "，", "、", "; ", "；", " ", ",", ",\u00a0", "  ,  ", "\u3000"]
        else:
            seps = [", ", "，", ";", "；", " ; ", ",,", ", ", ",\u00a0"]
        tokens: list[str] = []
        dups = 0
        for i, word in enumerate(clean):
            tokens.append(self.variant(word, lang) if self.rng.random() < 0.2 else word)
            if i and self.rng.random() < dup_rate:
                tokens.append(self.variant(self.rng.choice(clean[:i]), lang))
                dups += 1
        text = ""
        for i, token in enumerate(tokens):
            text += token if i == 0 else self.rng.choice(seps) + token
        if self.rng.random() < 0.5:
            text += ", "
        if self.rng.random() < 0.3:
            text = ", " + text
        return text, dups

    def array_list(self, clean: list[str], lang: str, dup_rate: float) -> tuple[list[str], int]:
        out: list[str] = []
        dups = 0
        for i, word in enumerate(clean):
            out.append(self.variant(word, lang) if self.rng.random() < 0.2 else word)
            if i and self.rng.random() < dup_rate:
                out.append(self.variant(self.rng.choice(clean[:i]), lang))
                dups += 1
        return out, dups


def _profile_name(i: int) -> str:
    if i < len(LETTERS):
        return f"Child {LETTERS[i]} (孩子{CJK_ORDINALS[i]}）"
    return f"Child {i + 1} (孩子{i + 1}）"


def write_corpus(
    root: str | Path,
    *,
    profiles: int = 2,
    zh_words: int = 120,
    en_words: int = 80,
    grammar: int = 12,
    cards: int = 12,
    chats: int = 20,
    seed: int = 0,
    escaped: bool | Collection[str] = False,
    bom: bool | Collection[str] = False,
    layout: str = "root",
    old_layout: Collection[int] = (),
    arrays: Collection[int] = (),
    legacy_ids: Collection[int] = (),
    slug_clash: bool = False,
    api_keys: bool = True,
    html: bool = True,
    dup_rate: float = 0.1,
    untyped_cards: int = 0,
    unattributed_pairs: int = 0,
    card_image_chars: int = 2_000,
    chat_image_chars: int = 200,
    side_files: bool = True,
    backups: int = 1,
    local_offset: str = "+08:00",
    indent: int | None = 2,
) -> dict[str, Any]:
    """Write an invented legacy folder under `root` and return what a loss-free read must find.

    `layout`: ``root`` (root/data/profiles/…; read_path = root), ``data`` (read_path = root/data) or ``flat``
    (all JSON files in root).  `escaped`/`bom`: True, False or a set of file kinds (profiles, cards, chat).
    `old_layout`: profile indexes written in the older layout (no mental_age, no mastered_english_words).
    `arrays`: profile indexes whose word lists are JSON arrays.  `legacy_ids`: profile indexes with a non-null
    id.  `slug_clash`: add a profile whose name differs from the first only by case and spacing (its id gets
    ``-2``).  `unattributed_pairs`: chat pairs at the start that name no profile (they need `assign_to`).
    `card_image_chars`: length of each card's base64 image (135_000 × 237 cards ≈ the real 32 MB file).

    Returns a dict: ``read_path``, ``assume_tz``, ``files`` (kind → Path), ``side_files`` (relative paths),
    ``profiles`` (name, id, columns, extra, zh, en, grammar, duplicates, dirty_en), ``cards`` (content,
    card_type, legacy_id, approved_at_utc), ``chats`` (id, role, content, mentions, instant, profile_id — None
    means "goes to assign_to" —, extra, had_secret), ``secret_values`` and ``secrets`` (count of secret keys).
    """
    gen = _Gen(seed, local_offset)
    rng = gen.rng
    root = Path(root)
    escaped_kinds, bom_kinds = _kinds(escaped), _kinds(bom)
    if layout == "flat":
        profiles_dir = content_dir = root
        read_path = root
    elif layout in ("root", "data"):
        profiles_dir, content_dir = root / "data" / "profiles", root / "data" / "content_db"
        read_path = root if layout == "root" else root / "data"
    else:
        raise ValueError(f"unknown layout {layout!r}")
    profiles_dir.mkdir(parents=True, exist_ok=True)
    content_dir.mkdir(parents=True, exist_ok=True)
    secret_keys = 0

    def dump(kind: str, path: Path, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=kind in escaped_kinds, indent=indent)
        data = text.encode("utf-8")
        if kind in bom_kinds:
            data = b"\xef\xbb\xbf" + data
        path.write_bytes(data)

    # ---------------------------------------------------------------- profiles
    names = [_profile_name(i) for i in range(profiles)]
    ids = [name.lower().replace(" ", "-") for name in names]  # the contract's slug, for these simple names
    if slug_clash:
        names.append(names[0].upper().replace(" ", "  ", 1))  # same slug as the first profile
        ids.append(ids[0] if 0 in legacy_ids else ids[0] + "-2")
    for i in legacy_ids:
        ids[i] = f"legacy-profile-{i}"
    raw_profiles: list[dict[str, Any]] = []
    expected_profiles: list[dict[str, Any]] = []
    for i, name in enumerate(names):
        zh = gen.zh_words(zh_words)
        old = i in old_layout
        en = [] if old else gen.en_words(en_words, html)
        gram = [f"http://srs4autism.com/instance/gp-a{1 + i % 2}-{g:03d}-%E5%9C%A8-location" for g in range(grammar)]
        columns = {
            "dob": f"{2010 + i % 8}-0{1 + i % 9}-15",
            "gender": rng.choice(["male", "female"]),
            "address": f"示例市示例区测试路{i + 1}号",
            "school": rng.choice(["测试小学", "Sample School"]),
            "neighborhood": "示例街道",
            "interests": ["Lego", "画画", "美食"][: 1 + i % 3],
            "character_roster": ["snow white", "Zootopia", "Peppa pig"],
            "verbal_fluency": rng.choice([None, "developing", "fluent"]),
            "passive_language_level": "intermediate",
            "mental_age": None if old else round(5 + i * 0.5, 1),
            "raw_input": f"Father: 测试父亲 Mobile: 1000000000{i % 10}\nMother: 测试母亲",
            "extracted_data": {"notes": "invented"} if i == 0 else {},
        }
        raw: dict[str, Any] = {"id": ids[i] if i in legacy_ids else None, "name": name}
        for key in (
            "dob",
            "gender",
            "address",
            "school",
            "neighborhood",
            "interests",
            "character_roster",
            "verbal_fluency",
            "passive_language_level",
            "raw_input",
        ):
            raw[key] = columns[key]
        as_array = i in arrays
        dups = {"zh": 0, "en": 0, "grammar": 0}
        if as_array:
            raw["mastered_words"], dups["zh"] = gen.array_list(zh, "zh", dup_rate)
        else:
            raw["mastered_words"], dups["zh"] = gen.dirty_string(zh, "zh", dup_rate)
        gram_tokens = list(gram)
        if gram:
            gram_tokens.insert(len(gram) // 2, gram[0])
            dups["grammar"] = 1
        raw["mastered_grammar"] = gram_tokens if as_array else ",".join(gram_tokens) + ","
        raw["extracted_data"] = dict(columns["extracted_data"])
        if api_keys and i == 0:
            raw["extracted_data"]["api_key"] = gen.secret()
            secret_keys += 1
        if not old:
            raw["mental_age"] = columns["mental_age"]
            if as_array:
                raw["mastered_english_words"], dups["en"] = gen.array_list(en, "en", dup_rate)
            else:
                raw["mastered_english_words"], dups["en"] = gen.dirty_string(en, "en", dup_rate)
        extra = {}
        if i % 2 == 1:
            extra = {"favourite_colour": "blue", "notes_v2": {"kept": True}}
            raw.update(extra)
        raw_profiles.append(raw)
        expected_profiles.append(
            {
                "name": name,
                "id": ids[i],
                "legacy_id": ids[i] if i in legacy_ids else None,
                "columns": columns,
                "extra": extra,
                "zh": zh,
                "en": en,
                "grammar": gram,
                "duplicates": dups,
                "dirty_en": [w for w in en if "<" in w or "_" in w],
            }
        )
    profiles_path = profiles_dir / "child_profiles.json"
    dump("profiles", profiles_path, raw_profiles)

    # ---------------------------------------------------------------- cards
    blob_len = max(card_image_chars, 4)
    blob = base64.b64encode(rng.randbytes(blob_len * 3 // 4 + 3)).decode("ascii")[:blob_len]
    start = datetime(2025, 3, 1, 1, 0, tzinfo=UTC)
    raw_cards: list[dict[str, Any]] = []
    expected_cards: list[dict[str, Any]] = []
    for i in range(cards):
        moment = start + timedelta(
            minutes=37 * i, seconds=rng.randrange(60), microseconds=rng.choice([0, 0, rng.randrange(1_000_000)])
        )
        card_id = (
            str(1740000000000 + i)
            if i % 3 == 0
            else "-".join(f"{rng.getrandbits(4 * n):0{n}x}" for n in (8, 4, 4, 4, 12))
        )
        card: dict[str, Any] = {"id": card_id}
        typed = i >= untyped_cards
        if typed:
            card["card_type"] = CARD_TYPES[i % len(CARD_TYPES)]
        else:
            card["type"] = "basic"  # the key the old script wrongly read: must not be used
        word = "".join(rng.choice(ZH_CHARS) for _ in range(2))
        card.update(
            {
                "front": f"<b>{word}</b>",
                "back": f'{rng.choice(EN_BASE)} <img src="data:image/png;base64,{blob[:64]}">',
                "note_type": "CUMA - Basic",
                "tags": rng.choice([["vocab", "zh"], "vocab,zh", []]),
                "created_at": gen.when(moment),
                "status": STATUSES[i % 3],
            }
        )
        if card_image_chars:
            card["image_data"] = "data:image/png;base64," + blob[i % 7 :] + blob[: i % 7]
            card["image_generated"] = i % 2 == 0
        if i % 4 == 1:
            card["text_field"] = f"我喜欢[[c1::{word}]]"
            card["cloze_text"] = None
        if i % 5 == 2:
            card["field__Remarks"] = "第一行\n第二行"
            card["knowledge_points"] = ["kp:苹果--is_a--水果"]
        expected_content = json.loads(json.dumps(card))
        if api_keys and i == 0:
            card["generation"] = {"model": "model-x", "settings": {"Authorization": "Bearer " + gen.secret()}}
            expected_content["generation"] = {"model": "model-x", "settings": {}}
            secret_keys += 1
        raw_cards.append(card)
        expected_cards.append(
            {
                "content": expected_content,
                "legacy_id": card_id,
                "card_type": card["card_type"] if typed else "unknown",
                "approved_at_utc": utc_text(moment),
            }
        )
    cards_path = content_dir / "approved_cards.json"
    if cards:
        dump("cards", cards_path, raw_cards)

    # ---------------------------------------------------------------- chat
    image = base64.b64encode(rng.randbytes(chat_image_chars)).decode("ascii")[:chat_image_chars]
    raw_chats: list[dict[str, Any]] = []
    expected_chats: list[dict[str, Any]] = []
    moment = datetime(2025, 3, 1, 1, 0, 50, tzinfo=UTC)
    modes = ["mentions", "token", "mentions_name", "token_reply_mentions"]
    for pair in range((chats + 1) // 2):
        owner = rng.randrange(len(names))
        mode = "none" if pair < unattributed_pairs else modes[pair % len(modes)]
        ref = {
            "mentions": ids[owner],
            "token": ids[owner],
            "mentions_name": names[owner],
            "token_reply_mentions": ids[owner],
            "none": None,
        }[mode]
        if slug_clash and owner == len(names) - 1 and mode == "mentions_name":
            ref = names[owner]
        user_id = str(1740000000000 + pair * 2000)
        user_mentions = [ref] if mode in ("mentions", "mentions_name") else []
        prefix = f"@profile:{ref} " if mode in ("token", "token_reply_mentions") else ""
        user: dict[str, Any] = {
            "id": user_id,
            "role": "user",
            "content": f"{prefix}请做 {pair + 3} 张卡片 **{rng.choice(ZH_CHARS)}**",
            "timestamp": gen.when(moment, rng.choice(["utc_offset", "z", "space_naive", "t_naive"])),
            "mentions": user_mentions,
        }
        had_secret = api_keys and pair % 5 == 0
        extra: dict[str, Any] = {}
        if pair % 5 == 0:
            user["config"] = {"card_model": "model-x", "image_model": "model-y"}
            extra = {"config": {"card_model": "model-x", "image_model": "model-y"}}
            if had_secret:
                user["config"]["apiKey"] = gen.secret()
                secret_keys += 1
        expected_owner = None if mode == "none" else ids[owner]
        raw_chats.append(user)
        expected_chats.append(
            {
                "id": user_id,
                "role": "user",
                "content": user["content"],
                "mentions": user_mentions,
                "instant": utc_text(moment),
                "profile_id": expected_owner,
                "extra": extra,
                "had_secret": had_secret,
            }
        )
        if len(raw_chats) >= chats:
            break
        moment += timedelta(minutes=12, seconds=rng.randrange(60))
        reply_mentions = [ref] if mode in ("mentions", "mentions_name", "token_reply_mentions") else []
        reply = {
            "id": f"resp_{moment.timestamp():.6f}",
            "role": "assistant",
            "content": f"好的！\n\n- {rng.choice(ZH_CHARS)}\n- café\n\n![Generated Image](data:image/png;base64,{image})",
            "timestamp": gen.when(moment, rng.choice(["t_naive", "space_naive", "utc_offset", "other_offset"])),
            "mentions": reply_mentions,
        }
        raw_chats.append(reply)
        expected_chats.append(
            {
                "id": reply["id"],
                "role": "assistant",
                "content": reply["content"],
                "mentions": reply_mentions,
                "instant": utc_text(moment),
                "profile_id": expected_owner,
                "extra": {},
                "had_secret": False,
            }
        )
        moment += timedelta(minutes=13, seconds=rng.randrange(60))
    chat_path = content_dir / "chat_history.json"
    if chats:
        dump("chat", chat_path, raw_chats)

    # ---------------------------------------------------------------- side files
    side: list[str] = []
    if side_files:
        anki = profiles_dir / "anki_profiles.json"
        anki.write_text(json.dumps([{"name": "Default", "deck_name": "CUMA", "is_active": True}] * 2), "utf-8")
        templates = profiles_dir / "prompt_templates.json"
        templates.write_text(
            json.dumps([{"id": "1", "name": "默认", "template_text": "Make {n} cards"}], ensure_ascii=False), "utf-8"
        )
        side += [anki.relative_to(read_path).as_posix(), templates.relative_to(read_path).as_posix()]
    backups_dir = (root if layout == "flat" else root / "data") / "backups"
    for b in range(backups):
        folder = backups_dir / f"json_backup_2025030{1 + b}_090000"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "child_profiles.json").write_text("[]", "utf-8")
        side.append(folder.relative_to(read_path).as_posix())

    return {
        "read_path": read_path,
        "assume_tz": local_offset,
        "files": {
            "profiles": profiles_path,
            "cards": cards_path if cards else None,
            "chat": chat_path if chats else None,
        },
        "side_files": sorted(side),
        "profiles": expected_profiles,
        "cards": expected_cards,
        "chats": expected_chats,
        "secret_values": gen.secrets,
        "secrets": secret_keys,
    }

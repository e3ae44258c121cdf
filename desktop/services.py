"""The only write path for the UI and the CLI: validated create / update / delete of every record.

Every public write runs in one audited transaction (:func:`desktop.store.audit.writing`). Validation raises one
:class:`~desktop.errors.ValidationError` naming the field; a duplicate word is a :class:`DuplicateError`, not an
IntegrityError. Edits carry the ``version`` they were read at: if the row changed meanwhile (another window,
another process) the save raises :class:`~desktop.errors.ConflictError` and nothing is overwritten.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, cast

import peewee

from desktop import text as text_rules
from desktop.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from desktop.grammar import is_legacy_address
from desktop.models import (
    MODEL_BY_TABLE,
    ApprovedCard,
    ChatMessage,
    MasteredGrammar,
    MasteredWord,
    Profile,
)
from desktop.store import audit, bulk, db
from desktop.store.schema import DATA_TABLES

LANGUAGES = ("zh", "en")
CARD_TYPES = ("basic", "basic_reverse", "cloze", "interactive_cloze")
CARD_STATUSES = ("pending", "approved", "synced")
ROLES = ("user", "assistant")
NAME_MAX = 200
MENTAL_AGE_RANGE = (0.0, 30.0)
PROFILE_TEXT_FIELDS = (
    "gender",
    "address",
    "school",
    "neighborhood",
    "verbal_fluency",
    "passive_language_level",
    "raw_input",
)
PROFILE_FIELDS = (
    "name",
    "dob",
    *PROFILE_TEXT_FIELDS,
    "interests",
    "character_roster",
    "mental_age",
    "extracted_data",
    "extra",
)


def now_iso() -> str:
    """The current instant as UTC ISO-8601 with microseconds (text order is time order)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


# --------------------------------------------------------------------------------------------------------------
# Text rules: the importer's (desktop.text, legacy-format.md §6) with the app's stricter ones on top.

_SPACES = re.compile(r"[ \t\r\n\f\v]+")
# A pasted list splits like the legacy lists, and also one word per line in English.
SPLIT_PATTERNS = {"zh": re.compile(r"[,，、;；\s]+"), "en": re.compile(r"[,，;；\r\n]+")}
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")  # zero-width space, word joiner, BOM (not ZWJ: emoji use it)


#: A token that is already normal: no whitespace but single inner spaces, nothing invisible (checked first: most are).
_PLAIN = re.compile(r"[^\s\u00a0\u200b\u2060\ufeff]+(?: [^\s\u00a0\u200b\u2060\ufeff]+)*")


def normalize_token(token: str) -> str:
    """The importer's rules (:func:`desktop.text.normalize_token`: NBSP → space, runs of spaces → one, strip, NFC)
    after the app's stricter ones: zero-width spaces removed and every whitespace run (tabs, line breaks) one space."""
    if _PLAIN.fullmatch(token) and unicodedata.is_normalized("NFC", token):
        return token
    return text_rules.normalize_token(_SPACES.sub(" ", _INVISIBLE.sub("", token)))


def split_words(text: str, language: str) -> tuple[list[str], int]:
    """Split pasted text into normalised words; returns (tokens in order, number of empty tokens)."""
    raw = SPLIT_PATTERNS[language].split(text.strip())
    tokens = [normalize_token(t) for t in raw if t != ""]
    return [t for t in tokens if t], sum(1 for t in tokens if not t)


# --------------------------------------------------------------------------------------------------------------
# Validation.


def _require_choice(field_name: str, value, choices: Sequence[str]) -> str:
    if value not in choices:
        raise ValidationError(field_name, code="not_one_of", choices=", ".join(choices), value=repr(value))
    return value


def validate_name(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("name", code="name_required")
    value = value.strip()
    if len(value) > NAME_MAX:
        raise ValidationError("name", code="name_too_long", length=len(value), limit=NAME_MAX)
    return value


def validate_dob(value) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValidationError("dob", code="dob_format")
    try:
        parsed = date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError("dob", code="date_not_real", value=repr(value)) from None
    if parsed > date.today():
        raise ValidationError("dob", code="dob_in_future")
    return parsed.isoformat()


def validate_mental_age(value) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError("mental_age", code="not_a_number", value=repr(value)) from None
    if isinstance(value, bool) or not MENTAL_AGE_RANGE[0] <= number <= MENTAL_AGE_RANGE[1]:
        raise ValidationError("mental_age", code="mental_age_range")
    return number


def _json_text(field_name: str, value, kind: type, allow_none: bool = True) -> str | None:
    """Accept a Python value or JSON text of the right shape; return canonical JSON text."""
    if value is None or value == "":
        if allow_none:
            return None
        raise ValidationError(field_name, code="value_required")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise ValidationError(field_name, code="not_json") from None
    if not isinstance(value, kind):
        raise ValidationError(field_name, code="must_be_list" if kind is list else "must_be_object")
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        raise ValidationError(field_name, code="entries_must_be_text")
    return json.dumps(value, ensure_ascii=False)


def validate_profile_fields(changes: dict) -> dict:
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], code="not_a_profile_field")
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            out[key] = validate_name(value)
        elif key == "dob":
            out[key] = validate_dob(value)
        elif key == "mental_age":
            out[key] = validate_mental_age(value)
        elif key in ("interests", "character_roster"):
            out[key] = _json_text(key, value, list)
        elif key in ("extracted_data", "extra"):
            out[key] = _json_text(key, value, dict)
        else:
            if value is not None and not isinstance(value, str):
                raise ValidationError(key, code="must_be_text")
            out[key] = value if value not in ("",) else None
    return out


def validate_word(value, language: str) -> str:
    _require_choice("language", language, LANGUAGES)
    if not isinstance(value, str):
        raise ValidationError("word", code="word_not_text")
    word = normalize_token(value)
    if not word:
        raise ValidationError("word", code="word_empty")
    return word


#: The fields of a card's content that a person reads (front, back, cloze text, picture); a card needs one of them.
CARD_FACES = ("front", "back", "text", "text_field", "cloze_text", "image_data")
_TAGS = re.compile(r"<[^>]*>")
_IMAGE_TAG = re.compile(r"<img\b", re.IGNORECASE)


def card_is_empty(content: dict) -> bool:
    """True when no face of the card shows anything: every face missing, or only markup, ``&nbsp;`` and spaces
    (a picture counts as something)."""
    for key in CARD_FACES:
        value = content.get(key)
        if not isinstance(value, str):
            continue
        if _IMAGE_TAG.search(value) or (key == "image_data" and value.strip()):
            return False
        if normalize_token(_TAGS.sub(" ", value).replace("&nbsp;", " ")):
            return False
    return True


def validate_card(card_type=None, content=None, status=None, partial: bool = False) -> dict:
    out: dict[str, Any] = {}
    if card_type is not None or not partial:
        out["card_type"] = _require_choice("card_type", card_type, CARD_TYPES)
    if content is not None or not partial:
        out["content"] = _json_text("content", content, dict, allow_none=False)
        if card_is_empty(json.loads(out["content"])):
            raise ValidationError("content", code="card_empty")
    if status is not None:
        out["status"] = _require_choice("status", status, CARD_STATUSES)
    return out


# --------------------------------------------------------------------------------------------------------------
# Generic row operations.


def _model(table: str):
    if table not in DATA_TABLES:
        raise ValueError(f"unknown table {table!r}")
    return MODEL_BY_TABLE[table]


def get_row(table: str, row_id) -> dict:
    model = _model(table)
    row = model.select().where(model._meta.primary_key == row_id).dicts().first()
    if row is None:
        raise NotFoundError(code="record_gone", table=table, row_id=row_id)
    return _rename_fk(row)


def _rename_fk(row: dict) -> dict:
    if "profile" in row:
        row["profile_id"] = row.pop("profile")
    return row


def _versioned_update(table: str, row_id, expected_version: int | None, changes: dict) -> dict:
    """UPDATE … SET changes, version = version + 1 WHERE id AND version; ConflictError if the version moved."""
    model = _model(table)
    pk = model._meta.primary_key
    columns = {model._meta.columns[c] if c in model._meta.columns else getattr(model, c): v for c, v in changes.items()}
    columns[model.version] = model.version + 1
    query = model.update(columns).where(pk == row_id)
    if expected_version is not None:
        query = query.where(model.version == expected_version)
    try:
        count = query.execute()
    except peewee.IntegrityError as exc:
        raise _integrity(table, changes) from exc
    if count == 0:
        if model.select().where(pk == row_id).exists():
            raise ConflictError(table, row_id)
        raise NotFoundError(code="record_gone", table=table, row_id=row_id)
    return get_row(table, row_id)


def _integrity(table: str, values: dict) -> ValidationError:
    if table == "mastered_words":
        return DuplicateError("word", code="word_mastered", word=values.get("word", ""))
    if table == "mastered_grammar":
        return DuplicateError("grammar_uri", code="grammar_mastered")
    if table == "profiles":
        return DuplicateError("id", code="profile_id_taken")
    return ValidationError("profile_id", code="child_missing")


def update_row(table: str, row_id, expected_version: int | None, changes: dict, actor: str = "user") -> dict:
    """Validate and save ``changes`` to one row of ``table`` (any data table)."""
    changes = validate_changes(table, row_id, changes)
    if not changes:
        return get_row(table, row_id)
    with audit.writing(actor):
        # Saving values that are already there changes nothing: no version bump, no updated_at, no audit row.
        current = get_row(table, row_id)
        if all(current.get(k) == v for k, v in changes.items() if k != "updated_at"):
            return current
        return _versioned_update(table, row_id, expected_version, changes)


def validate_changes(table: str, row_id, changes: dict) -> dict:
    if table == "profiles":
        out = validate_profile_fields(changes)
        out["updated_at"] = now_iso()
        return out
    if table == "mastered_words":
        current = get_row(table, row_id)
        language = changes.get("language", current["language"])
        out = {}
        if "word" in changes:
            out["word"] = validate_word(changes["word"], language)
        if "language" in changes:
            out["language"] = _require_choice("language", language, LANGUAGES)
        return out
    if table == "mastered_grammar":
        return {"grammar_uri": validate_grammar_uri(changes.get("grammar_uri"))}
    if table == "approved_cards":
        out = validate_card(changes.get("card_type"), changes.get("content"), changes.get("status"), partial=True)
        if "status" in out:
            content = json.loads(out.get("content") or get_row(table, row_id)["content"])
            content["status"] = out["status"]
            out["content"] = json.dumps(content, ensure_ascii=False)
        return out
    if table == "chat_messages":
        out = {}
        if "content" in changes:
            if not isinstance(changes["content"], str) or not changes["content"].strip():
                raise ValidationError("content", code="message_empty")
            out["content"] = changes["content"]
        if "role" in changes:
            out["role"] = _require_choice("role", changes["role"], ROLES)
        if "mentions" in changes:
            out["mentions"] = _json_text("mentions", changes["mentions"], list)
        return out
    raise ValueError(table)


def check_versions(table: str, expected_versions: dict) -> None:
    """Raise :class:`ConflictError` if a row of ``table`` was changed since it was read at the given version (a
    deleted row is not in the way). Run before a safety backup, so a refused action makes none; the write itself
    checks again in its transaction."""
    model = _model(table)
    for row_id, version in expected_versions.items():
        row = model.get_or_none(model._meta.primary_key == row_id)
        if row is not None and row.version != version:
            raise ConflictError(table, row_id)


def delete_rows(table: str, row_ids: Iterable, actor: str = "user", expected_versions: dict | None = None) -> int:
    """Delete rows of one table in one audited batch; returns how many were deleted."""
    model = _model(table)
    ids = list(row_ids)
    if not ids:
        return 0
    with audit.writing(actor):
        if expected_versions:
            check_versions(table, expected_versions)
        deleted = 0
        for chunk in peewee.chunked(ids, 500):
            deleted += model.delete().where(model._meta.primary_key.in_(chunk)).execute()
        return deleted


# --------------------------------------------------------------------------------------------------------------
# Profiles.


def unique_profile_id(name: str) -> str:
    """The importer's slug of ``name`` (:func:`desktop.text.slugify`), made free with ``-2``, ``-3`` …"""
    base = text_rules.slugify(name) or "child"
    candidate, n = base, 1
    while Profile.select().where(Profile.id == candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def create_profile(name: str, actor: str = "user", profile_id: str | None = None, **fields) -> dict:
    values = validate_profile_fields({"name": name, **fields})
    stamp = now_iso()
    with audit.writing(actor):
        if Profile.select().where(Profile.name == values["name"]).exists():
            raise DuplicateError("name", code="child_name_taken", name=values["name"])
        pid = profile_id or unique_profile_id(values["name"])
        Profile.insert(id=pid, created_at=stamp, updated_at=stamp, **values).execute()
    return get_row("profiles", pid)


def update_profile(profile_id: str, expected_version: int | None, actor: str = "user", **changes) -> dict:
    if "name" in changes:
        name = validate_name(changes["name"])
        clash = Profile.select().where((Profile.name == name) & (Profile.id != profile_id)).exists()
        if clash:
            raise DuplicateError("name", code="child_name_taken", name=name)
    return update_row("profiles", profile_id, expected_version, changes, actor)


def delete_profile(profile_id: str, expected_version: int | None = None, actor: str = "user") -> None:
    """Delete a child and (by cascade) every record of theirs; every removed row is audited."""
    versions = {profile_id: expected_version} if expected_version is not None else None
    if not delete_rows("profiles", [profile_id], actor, versions):
        raise NotFoundError(code="child_gone")


def _require_profile(profile_id: str) -> None:
    """Inside a write block: refuse a record for a child that was deleted meanwhile (another window or program),
    instead of letting the foreign key failure surface as a database error or a misleading "already mastered"."""
    if not Profile.select().where(Profile.id == profile_id).exists():
        raise NotFoundError(code="child_gone")


def get_profile(profile_id: str) -> dict:
    return get_row("profiles", profile_id)


def tuples(query: Any) -> Iterator[tuple[Any, ...]]:
    """A select's rows as plain tuples, streamed (peewee-stubs type ``.tuples()`` as model rows)."""
    return iter(query.tuples())


def list_profiles(search: str | None = None) -> list[dict]:
    query = Profile.select(Profile.id, Profile.name, Profile.dob, Profile.version).order_by(Profile.name)
    if search:
        query = query.where(Profile.name.contains(search))
    return list(cast(Iterable[dict], query.dicts()))  # peewee-stubs type .dicts() as model rows


def profile_counts(profile_id: str) -> dict[str, int]:
    counts = {lang: 0 for lang in LANGUAGES}
    for lang, n in tuples(
        MasteredWord.select(MasteredWord.language, peewee.fn.COUNT(MasteredWord.id))
        .where(MasteredWord.profile == profile_id)
        .group_by(MasteredWord.language)
    ):
        counts[lang] = n
    counts["grammar"] = MasteredGrammar.select().where(MasteredGrammar.profile == profile_id).count()
    counts["cards"] = ApprovedCard.select().where(ApprovedCard.profile == profile_id).count()
    counts["chat"] = ChatMessage.select().where(ChatMessage.profile == profile_id).count()
    return counts


# --------------------------------------------------------------------------------------------------------------
# Words, grammar, cards, chat.


def add_word(profile_id: str, word: str, language: str, actor: str = "user") -> dict:
    word = validate_word(word, language)
    with audit.writing(actor):
        _require_profile(profile_id)
        exists = (
            MasteredWord.select()
            .where(
                (MasteredWord.profile == profile_id) & (MasteredWord.language == language) & (MasteredWord.word == word)
            )
            .exists()
        )
        if exists:
            raise DuplicateError("word", code="word_mastered", word=word)
        try:
            row_id = MasteredWord.insert(profile=profile_id, word=word, language=language, added_at=now_iso()).execute()
        except peewee.IntegrityError as exc:
            raise _integrity("mastered_words", {"word": word}) from exc
    return get_row("mastered_words", row_id)


def case_variants(profile_id: str, word: str, language: str) -> list[str]:
    """The child's words of ``language`` that differ from ``word`` only in upper and lower case ("Apple" for
    "apple"), so the window can ask before adding a near-duplicate. The exact word itself is not listed."""
    word = validate_word(word, language)
    if word.lower() == word.upper():  # no letter with a case (Chinese, digits): nothing to confuse it with
        return []
    folded = word.casefold()
    query = MasteredWord.select(MasteredWord.word).where(
        (MasteredWord.profile == profile_id) & (MasteredWord.language == language)
    )
    if word.isascii():  # SQL's LOWER folds ASCII on every engine; other letters are compared here
        query = query.where(peewee.fn.LOWER(MasteredWord.word) == word.lower())
    return sorted({w for (w,) in tuples(query) if w != word and w.casefold() == folded})


def rename_word(word_id: int, new_word: str, expected_version: int | None, actor: str = "user") -> dict:
    return update_row("mastered_words", word_id, expected_version, {"word": new_word}, actor)


@dataclass
class BulkAddResult:
    """What a pasted list did: the summary a user sees ("42 added, 3 already mastered, 1 empty")."""

    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    empty: int = 0

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.already)} already mastered"]
        if self.repeated:
            parts.append(f"{len(self.repeated)} repeated in the list")
        parts.append(f"{self.empty} empty")
        return ", ".join(parts)


def bulk_add_words(profile_id: str, text: str | Sequence[str], language: str, actor: str = "user") -> BulkAddResult:
    """Add every word of a pasted list (split like the legacy lists) in one audited batch."""
    _require_choice("language", language, LANGUAGES)
    if isinstance(text, str):
        tokens, empty = split_words(text, language)
    else:
        normalized = [normalize_token(t) for t in text]
        tokens, empty = [t for t in normalized if t], sum(1 for t in normalized if not t)
    result = BulkAddResult(empty=empty)
    with audit.writing(actor):
        if not Profile.select().where(Profile.id == profile_id).exists():
            raise NotFoundError(code="child_gone")
        existing = {
            w
            for (w,) in tuples(
                MasteredWord.select(MasteredWord.word).where(
                    (MasteredWord.profile == profile_id) & (MasteredWord.language == language)
                )
            )
        }
        seen: set[str] = set()
        for token in tokens:
            if token in existing:
                result.already.append(token)
            elif token in seen:
                result.repeated.append(token)
            else:
                seen.add(token)
                result.added.append(token)
        stamp = now_iso()
        insert_rows(
            "mastered_words",
            ("profile_id", "word", "language", "added_at"),
            ((profile_id, w, language, stamp) for w in result.added),
        )
    return result


#: From this many rows on, :func:`insert_rows` audits set-wise (desktop.store.bulk) on SQLite: dropping and making
#: the triggers again costs about as much as auditing a few hundred rows one by one.
SETWISE_ROWS = 1000


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence], chunk: int = 5000) -> int:
    """Fast multi-row insert for bulk paths (import, paste): at most ``chunk`` rows per statement. Must run inside
    :func:`audit.writing`."""
    if audit.current_batch() is None:
        raise RuntimeError("insert_rows must run inside audit.writing()")
    database = db.current()
    if table in bulk.SETWISE_TABLES and table not in bulk.setwise_tables():
        rows = rows if isinstance(rows, Sequence) else list(rows)
        if len(rows) >= SETWISE_ROWS:  # a big paste: the audit rows in one statement, not a trigger per row
            with bulk.setwise_audit(database, (table,)) as setwise_on:
                if setwise_on:  # (PostgreSQL: no; its triggers audit as always, below)
                    return insert_rows(table, columns, rows, chunk)
    p = database.param
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    one_row = f"({', '.join([p] * len(columns))})"
    # Many rows per statement, not executemany's one statement per row: a statement that fires the audit triggers
    # opens a statement journal, and paying for one per row made audited inserts ~3x slower. 999 parameters is
    # the lowest limit any SQLite build has.
    per_statement = max(1, min(chunk, 999 // len(columns)))
    total = 0
    setwise = table in bulk.setwise_tables()  # a bulk load: the audit rows are written below, in one statement
    before = bulk.last_id(database, table) if setwise else 0
    cursor = database.cursor()
    for batch in peewee.chunked(rows, per_statement):
        sql = head + ", ".join([one_row] * len(batch))
        try:
            with peewee.__exception_wrapper__:  # type: ignore[attr-defined]  # missing from peewee-stubs
                cursor.execute(sql, [value for row in batch for value in row])
        except peewee.IntegrityError as exc:
            raise _integrity(table, {}) from exc
        total += len(batch)
    if setwise and total:
        bulk.audit_inserted(database, table, before)
    return total


def validate_grammar_uri(value) -> str:
    """A grammar point's address, stripped: it must have the old app's form (``http://host/…/gp-a1-001-…``), so
    free text ("not a grammar point") is refused."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("grammar_uri", code="grammar_required")
    uri = value.strip()
    if not is_legacy_address(uri):
        raise ValidationError("grammar_uri", code="grammar_not_an_address")
    return uri


def add_grammar(profile_id: str, grammar_uri: str, actor: str = "user") -> dict:
    uri = validate_grammar_uri(grammar_uri)
    with audit.writing(actor):
        _require_profile(profile_id)
        exists = (
            MasteredGrammar.select()
            .where((MasteredGrammar.profile == profile_id) & (MasteredGrammar.grammar_uri == uri))
            .exists()
        )
        if exists:
            raise DuplicateError("grammar_uri", code="grammar_mastered")
        row_id = MasteredGrammar.insert(profile=profile_id, grammar_uri=uri, added_at=now_iso()).execute()
    return get_row("mastered_grammar", row_id)


def add_card(profile_id: str, card_type: str, content: dict, status: str = "pending", actor: str = "user") -> dict:
    values = validate_card(card_type, content, status)
    card = json.loads(values["content"])
    card.setdefault("card_type", card_type)
    card["status"] = status
    with audit.writing(actor):
        _require_profile(profile_id)
        row_id = ApprovedCard.insert(
            profile=profile_id,
            card_type=card_type,
            content=json.dumps(card, ensure_ascii=False),
            approved_at=now_iso(),
            legacy_id=card.get("id"),
            status=status,
        ).execute()
    return get_row("approved_cards", row_id)


def add_chat_message(
    profile_id: str,
    role: str,
    content: str,
    timestamp: str | None = None,
    mentions: list[str] | None = None,
    actor: str = "user",
) -> dict:
    _require_choice("role", role, ROLES)
    if not isinstance(content, str) or not content.strip():
        raise ValidationError("content", code="message_empty")
    with audit.writing(actor):
        _require_profile(profile_id)
        row_id = ChatMessage.insert(
            profile=profile_id,
            role=role,
            content=content,
            timestamp=timestamp or now_iso(),
            mentions=_json_text("mentions", mentions, list) if mentions is not None else None,
        ).execute()
    return get_row("chat_messages", row_id)

"""The migration engine's writing half: archive the sources, write everything in one audited transaction,
verify against the parsed source, and report.

The path, once: :func:`desktop.legacy.read.read_legacy` (files → typed records + problems) → :func:`migrate`
(archive → one transaction under the ``migration`` actor and one batch → verify inside that transaction, so a
failed verification rolls everything back) → a :class:`MigrationResult` the wizard and the CLI both render. The
dry run is the same path stopped before the archive.

Re-runs import only what is new. A record is "already imported" when the database holds it, or when an earlier
migration imported it and someone removed or changed it in the app since (the audit log says so): edits made
in the app are never overwritten by a re-run.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from desktop import __version__, audit, db, paths, services
from desktop.errors import LedgerError
from desktop.legacy import read as legacy_read
from desktop.legacy.read import CardRecord, ChatRecord, LegacyReadResult, Problem, ProfileRecord
from desktop.models import ApprovedCard, ChatMessage, MasteredGrammar, MasteredWord, Profile

KINDS = ("profiles", "zh", "en", "grammar", "cards", "chat")
KIND_LABELS = {
    "profiles": "profiles", "zh": "Chinese words", "en": "English words", "grammar": "grammar points",
    "cards": "cards", "chat": "chat messages",
}
Progress = Callable[[int, int, str], None]


class Cancelled(LedgerError):
    def __init__(self) -> None:
        super().__init__("The migration was cancelled. Nothing was written to the database.")


class VerificationFailed(LedgerError):
    """Raised inside the write transaction so that it rolls back; carries the checks."""

    def __init__(self, checks: list[KindCheck]) -> None:
        self.checks = checks
        super().__init__("The migration could not be verified, so nothing was written: " + "; ".join(
            d for c in checks for d in c.differences[:3]
        ))


@dataclass
class KindCheck:
    """Verification of one kind: ``verified`` of ``source`` records are in the database exactly."""

    kind: str
    source: int
    database: int
    verified: int
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences and self.verified == self.source

    def line(self) -> str:
        mark = "OK" if self.ok else "DIFFERENT"
        return f"{KIND_LABELS[self.kind]:<15} verified {self.verified:>7} of {self.source:<7} {mark}"


@dataclass
class MigrationResult:
    """What a migration (or dry run) found and did. ``status``: dry-run, blocked, migrated, nothing-new,
    cancelled, verification-failed."""

    status: str
    read: LegacyReadResult | None
    new: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    checks: list[KindCheck] = field(default_factory=list)
    archive: Path | None = None
    archive_sha256: str | None = None
    database_backup: Path | None = None
    batch_id: str | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("dry-run", "migrated", "nothing-new") and all(c.ok for c in self.checks)

    @property
    def total_new(self) -> int:
        return sum(self.new.values())

    def to_json(self) -> dict:
        read = self.read
        return {
            "status": self.status,
            "message": self.message,
            "source": str(read.source_root) if read else None,
            "counts": read.counts if read else {},
            "new": self.new,
            "already_imported": self.already,
            "skipped_invalid": self.skipped,
            "verification": [
                {"kind": c.kind, "source": c.source, "database": c.database, "verified": c.verified,
                 "ok": c.ok, "differences": c.differences}
                for c in self.checks
            ],
            "problems": [
                {"severity": p.severity, "file": p.file, "record": p.record, "field": p.field, "message": p.message,
                 "code": p.code}
                for p in (read.problems if read else [])
            ],
            "secrets_dropped": read.secrets_dropped if read else 0,
            "archive": str(self.archive) if self.archive else None,
            "archive_sha256": self.archive_sha256,
            "database_backup": str(self.database_backup) if self.database_backup else None,
            "batch_id": self.batch_id,
        }


# --------------------------------------------------------------------------------------------------------------
# The source archive.


def archives_dir() -> Path:
    return paths.make_private_dir(paths.data_dir() / "migration-archives")


def archive_sources(read: LegacyReadResult, dest_dir: Path | None = None) -> tuple[Path, str]:
    """Zip every legacy JSON file that was read, with a manifest (relative path, size, SHA-256); owner-only.
    Each file's bytes are checked against the checksum taken when it was parsed: if a file changed between the
    check and now, the archive is refused (the migration would not match what the user saw)."""
    dest_dir = Path(dest_dir) if dest_dir else archives_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = dest_dir / f"legacy-{stamp}.zip"
    n = 1
    while target.exists():
        n += 1
        target = dest_dir / f"legacy-{stamp}-{n}.zip"
    tmp = target.with_suffix(".zip.tmp")
    manifest = {"app_version": __version__, "created_at": datetime.now(UTC).isoformat(), "files": []}
    try:
        # compresslevel 1: the inline base64 images hardly compress better at 6, which takes twice as long
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for info in read.files.values():
                data = Path(info.path).read_bytes()
                digest = hashlib.sha256(data).hexdigest()
                if digest != info.sha256:
                    raise LedgerError(
                        f"{info.relpath} changed while it was being migrated. Nothing was written; please try again."
                    )
                zf.writestr(f"files/{info.relpath}", data)
                manifest["files"].append({"path": info.relpath, "size": len(data), "sha256": digest})
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        paths.make_private(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise LedgerError(f"The backup copy of the old files could not be written: {exc.strerror}.") from exc
    return target, hashlib.sha256(target.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------------------------
# What is new.


@dataclass
class _Plan:
    profile_map: dict[str, str] = field(default_factory=dict)  # source profile id → database profile id
    new_profiles: list[ProfileRecord] = field(default_factory=list)
    words: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (db profile, lang) → new words
    grammar: dict[str, list[str]] = field(default_factory=dict)
    cards: list[tuple[str, CardRecord]] = field(default_factory=list)
    chats: list[tuple[str, ChatRecord]] = field(default_factory=list)
    new: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    already: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    skipped: list[str] = field(default_factory=list)
    deleted: set[str] = field(default_factory=set)  # source profile ids imported before and deleted in the app since


#: Reader errors that leave no record behind (a whole file, a damaged tail, an element that is not an object).
UNREADABLE_CODES = frozenset((
    "file_unreadable", "file_empty", "file_utf16", "file_not_utf8", "json_truncated", "json_invalid", "json_too_deep",
    "top_level_not_list", "record_not_object",
))


def _migrated_rows(table: str, keys: tuple[str, ...]):
    """``keys`` of every row an earlier migration inserted into ``table``, as inserted (from the audit log), even if
    the row was changed or deleted in the app since. The database reads the values out of the audit JSON (a
    re-run over a tutor's 400,000 words would spend seconds in json.loads). Every key is a text column."""
    database = db.current()
    p = database.param
    if db.engine_of(database).name == "sqlite":
        fields = ", ".join(f"json_extract(new_value, '$.{k}')" for k in keys)
    else:
        fields = ", ".join(f"(new_value::json ->> '{k}')" for k in keys)
    cursor = database.execute_sql(
        f"SELECT {fields} FROM audit_log WHERE table_name = {p} AND action = 'INSERT' AND changed_by = 'migration'",
        (table,),
    )
    while rows := cursor.fetchmany(5000):
        yield from map(tuple, rows)


def _migrated_before(table: str, keys: tuple[str, ...]) -> set[tuple]:
    """Keys of rows an earlier migration inserted (from the audit log), even if they were changed since."""
    return set(_migrated_rows(table, keys))


def _column_set(sql: str, params: tuple) -> set:
    """The values of a one-column query (``?`` placeholders), without building a model row per value."""
    database = db.current()
    return {v for (v,) in database.execute_sql(sql.replace("?", database.param), params).fetchall()}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: Ids, words, grammar URIs and legacy ids are indexed; an index entry over ~2.7 KB is refused by PostgreSQL, so
#: longer values are refused on every engine (a ledger can always move to a server).
MAX_KEY_BYTES = 1000


def _too_long(values) -> str | None:
    """The first value longer than MAX_KEY_BYTES in UTF-8 (a cheap length test first: at most 4 bytes a char)."""
    for value in values:
        if isinstance(value, str) and len(value) * 4 > MAX_KEY_BYTES and len(value.encode("utf-8")) > MAX_KEY_BYTES:
            return value
    return None


def _has_nul(values) -> bool:
    return any(isinstance(v, str) and "\x00" in v for v in values)


def check_storable(read: LegacyReadResult) -> list[Problem]:
    """Values the reader accepts but no database can store as they are: a NUL character in text (PostgreSQL
    refuses it) and indexed values longer than MAX_KEY_BYTES. Each is an error on its record, which becomes
    invalid (so "skip invalid records" skips it); the problems are added to ``read.problems`` and returned."""
    found: list[Problem] = []

    def add(kind: str, record, field_name: str, code: str, long: str | None = None) -> None:
        info = read.files.get(kind)
        rel = info.relpath if info else kind
        where = f"{field_name} of {record.label} in {rel}"
        if code == "text_has_nul":
            message = f"The field {where} contains a NUL character (\\u0000), which a database cannot store as text."
        else:
            assert long is not None
            message = (f"The field {where} holds a value of {len(long):,} characters (\"{long[:20]}…\"); ids, words "
                       f"and grammar points longer than {MAX_KEY_BYTES} bytes cannot be stored.")
        found.append(Problem("error", rel, record.label, field_name, message, code))
        record.valid = False

    for record in read.profiles:
        if not record.valid or record.id is None:
            continue
        if _too_long([record.id]):
            add("profiles", record, "id" if record.legacy_id is not None else "name", "value_too_long", record.id)
        for field_name, value in (("id", record.id), ("name", record.name), *record.columns.items()):
            if _has_nul([value]):
                add("profiles", record, field_name, "text_has_nul")
        for kind, field_name in (("zh", "mastered_words"), ("en", "mastered_english_words"),
                                 ("grammar", "mastered_grammar")):
            words = getattr(record, kind)
            if _has_nul(["".join(words)]):
                add("profiles", record, field_name, "text_has_nul")
            long = _too_long(words)
            if long is not None:
                add("profiles", record, field_name, "value_too_long", long)
    for kind, records, fields in (("cards", read.cards, ("legacy_id", "card_type", "status")),
                                  ("chat", read.chats, ("legacy_id", "role", "content"))):
        for record in records:
            if not record.valid:
                continue
            for field_name in fields:
                if _has_nul([getattr(record, field_name)]):
                    add(kind, record, "id" if field_name == "legacy_id" else field_name, "text_has_nul")
            if _too_long([record.legacy_id]):
                add(kind, record, "id", "value_too_long", record.legacy_id)
    read.problems.extend(found)
    return found


def _owner(record: CardRecord | ChatRecord, plan: _Plan) -> str | None:
    return plan.profile_map.get(record.profile_id) if record.profile_id else None


def plan_migration(read: LegacyReadResult, skip_invalid: bool) -> _Plan:
    """Compare the parsed source with the open database: what would be new, what is already there."""
    plan = _Plan()
    # Parts of the files that gave no record at all (a damaged tail, an element that is not an object): with
    # "skip invalid records" they are skipped too, and listed.
    plan.skipped.extend(f"{p.file}: {p.message}" for p in read.problems
                        if p.severity == "error" and p.code in UNREADABLE_CODES)
    by_name = {name: pid for pid, name in Profile.select(Profile.id, Profile.name).tuples()}
    existing_ids = set(by_name.values())
    earlier_profiles = {pid for (pid,) in _migrated_before("profiles", ("id",))}
    for record in read.profiles:
        if not record.valid or record.id is None:
            plan.skipped.append(f"profile {record.label}")
            continue
        if record.id not in existing_ids and record.name not in by_name and record.id in earlier_profiles:
            # imported before and deleted in the app since: not re-created, nor anything of theirs
            plan.deleted.add(record.id)
            plan.already["profiles"] += 1
            for kind in ("zh", "en", "grammar"):
                plan.already[kind] += len(getattr(record, kind))
            continue
        if record.id in existing_ids:
            plan.profile_map[record.id] = record.id
            plan.already["profiles"] += 1
        elif record.name in by_name:
            plan.profile_map[record.id] = by_name[record.name]
            plan.already["profiles"] += 1
        else:
            plan.profile_map[record.id] = record.id
            plan.new_profiles.append(record)
            plan.new["profiles"] += 1

    # what earlier migrations wrote is read from the audit log only when some source entry is not in the database
    earlier: dict[str, set[tuple]] = {}

    def migrated_before(table: str, keys: tuple[str, ...]) -> set[tuple]:
        if table not in earlier:
            earlier[table] = _migrated_before(table, keys)
        return earlier[table]

    for record in read.profiles:
        target = plan.profile_map.get(record.id or "")
        if target is None:
            continue
        for lang in ("zh", "en"):
            have = _column_set("SELECT word FROM mastered_words WHERE profile_id = ? AND language = ?", (target, lang))
            new = [w for w in getattr(record, lang) if w not in have]
            if new:
                done = migrated_before("mastered_words", ("profile_id", "language", "word"))
                new = [w for w in new if (target, lang, w) not in done]
            plan.words[(target, lang)] = new
            plan.new[lang] += len(new)
            plan.already[lang] += len(getattr(record, lang)) - len(new)
        have_g = _column_set("SELECT grammar_uri FROM mastered_grammar WHERE profile_id = ?", (target,))
        new_g = [g for g in record.grammar if g not in have_g]
        if new_g:
            done = migrated_before("mastered_grammar", ("profile_id", "grammar_uri"))
            new_g = [g for g in new_g if (target, g) not in done]
        plan.grammar[target] = new_g
        plan.new["grammar"] += len(new_g)
        plan.already["grammar"] += len(record.grammar) - len(new_g)

    have_cards = {k for (k,) in ApprovedCard.select(ApprovedCard.legacy_id).tuples() if k}
    have_card_content = {_sha(c) for (c,) in
                         ApprovedCard.select(ApprovedCard.content).where(ApprovedCard.legacy_id.is_null()).tuples()}
    for legacy_id, content in _migrated_rows("approved_cards", ("legacy_id", "content")):
        if legacy_id:
            have_cards.add(legacy_id)
        elif content is not None:
            have_card_content.add(_sha(content))
    for card in read.cards:
        owner = _owner(card, plan)
        if card.valid and card.profile_id in plan.deleted:
            plan.already["cards"] += 1
            continue
        if not card.valid or owner is None:
            plan.skipped.append(f"card {card.label}")
            continue
        # a card without an id is known by its content (hashed only then: the JSON of inline images is big)
        known = (card.legacy_id in have_cards) if card.legacy_id else (_sha(_card_json(card)) in have_card_content)
        if known:
            plan.already["cards"] += 1
            continue
        plan.cards.append((owner, card))
        plan.new["cards"] += 1

    have_chat = {k for (k,) in ChatMessage.select(ChatMessage.legacy_id).tuples() if k}
    have_chat_plain = set(
        ChatMessage.select(ChatMessage.role, ChatMessage.timestamp, ChatMessage.content)
        .where(ChatMessage.legacy_id.is_null()).tuples()
    )
    for legacy_id, role, stamp, content in _migrated_rows("chat_messages", ("legacy_id", "role", "timestamp", "content")):
        if legacy_id:
            have_chat.add(legacy_id)
        else:
            have_chat_plain.add((role, stamp, content))
    for chat in read.chats:
        owner = _owner(chat, plan)
        if chat.valid and chat.profile_id in plan.deleted:
            plan.already["chat"] += 1
            continue
        if not chat.valid or owner is None:
            plan.skipped.append(f"chat message {chat.label}")
            continue
        known = (chat.legacy_id and chat.legacy_id in have_chat) or (
            not chat.legacy_id and (chat.role, chat.timestamp_utc, chat.content) in have_chat_plain
        )
        if known:
            plan.already["chat"] += 1
            continue
        plan.chats.append((owner, chat))
        plan.new["chat"] += 1
    return plan


def _card_json(card: CardRecord) -> str:
    return json.dumps(card.content, ensure_ascii=False)


def _chat_extra(chat: ChatRecord) -> str | None:
    extra = chat.extra
    if chat.timestamp_utc is None and chat.timestamp_raw is not None:
        # a time that could not be read is kept as it was written (the timestamp column holds instants only)
        extra = {**extra, "timestamp": chat.timestamp_raw}
    return json.dumps(extra, ensure_ascii=False) if extra else None


# --------------------------------------------------------------------------------------------------------------
# Writing.


def _write(plan: _Plan, progress: Progress | None, cancel: Callable[[], bool] | None, stamp: str) -> None:
    total = sum(plan.new.values()) or 1
    done = 0

    def step(n: int, stage: str) -> None:
        nonlocal done
        if cancel and cancel():
            raise Cancelled()
        done += n
        if progress:
            progress(done, total, stage)

    profile_cols = ("id", "name", "dob", "gender", "address", "school", "neighborhood", "interests",
                    "character_roster", "verbal_fluency", "passive_language_level", "mental_age", "raw_input",
                    "extracted_data", "created_at", "updated_at", "extra")
    rows = []
    for record in plan.new_profiles:
        c = record.columns
        rows.append((
            record.id, record.name, c.get("dob"), c.get("gender"), c.get("address"), c.get("school"),
            c.get("neighborhood"), _json_or_none(c.get("interests")), _json_or_none(c.get("character_roster")),
            c.get("verbal_fluency"), c.get("passive_language_level"), c.get("mental_age"), c.get("raw_input"),
            _json_or_none(c.get("extracted_data")), stamp, stamp,
            json.dumps(record.extra, ensure_ascii=False) if record.extra else None,
        ))
    services.insert_rows("profiles", profile_cols, rows)
    step(len(rows), "Writing profiles")
    for (pid, lang), words in plan.words.items():
        for chunk_start in range(0, len(words), 5000):
            chunk = words[chunk_start:chunk_start + 5000]
            services.insert_rows(
                "mastered_words", ("profile_id", "word", "language", "added_at"),
                [(pid, w, lang, stamp) for w in chunk],
            )
            step(len(chunk), "Writing words")
    for pid, uris in plan.grammar.items():
        services.insert_rows(
            "mastered_grammar", ("profile_id", "grammar_uri", "added_at"), [(pid, g, stamp) for g in uris]
        )
        step(len(uris), "Writing grammar")
    for chunk_start in range(0, len(plan.cards), 200):
        chunk = plan.cards[chunk_start:chunk_start + 200]
        services.insert_rows(
            "approved_cards", ("profile_id", "card_type", "content", "approved_at", "legacy_id", "status"),
            [(pid, c.card_type, _card_json(c), c.approved_at_utc or stamp, c.legacy_id, c.status) for pid, c in chunk],
        )
        step(len(chunk), "Writing cards")
    for chunk_start in range(0, len(plan.chats), 1000):
        chunk = plan.chats[chunk_start:chunk_start + 1000]
        services.insert_rows(
            "chat_messages", ("profile_id", "role", "content", "timestamp", "legacy_id", "mentions", "extra"),
            [(pid, m.role, m.content, m.timestamp_utc, m.legacy_id,
              json.dumps(m.mentions, ensure_ascii=False) if m.mentions is not None else None, _chat_extra(m))
             for pid, m in chunk],
        )
        step(len(chunk), "Writing chat")


def _json_or_none(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


# --------------------------------------------------------------------------------------------------------------
# Verification: re-read the database and compare with the parsed source, record by record.


def verify(read: LegacyReadResult, plan: _Plan) -> list[KindCheck]:
    checks = {k: KindCheck(k, 0, 0, 0) for k in KINDS}
    new_ids = {r.id for r in plan.new_profiles}
    database = db.current()
    for record in read.profiles:
        target = plan.profile_map.get(record.id or "")
        if target is None:
            continue
        check = checks["profiles"]
        check.source += 1
        row = Profile.get_or_none(Profile.id == target)
        if row is None:
            check.differences.append(f"profile {record.label} is missing")
            continue
        if record.id in new_ids:
            diffs = _profile_differences(record, row)
            check.differences.extend(f"profile {record.label}: {d}" for d in diffs)
            check.verified += 0 if diffs else 1
        else:
            check.verified += 1  # kept as it is in the app (edits are never overwritten)
        for lang in ("zh", "en"):
            wanted = getattr(record, lang)
            checks[lang].source += len(wanted)
            planned = plan.words.get((target, lang), [])
            have = _column_set("SELECT word FROM mastered_words WHERE profile_id = ? AND language = ?",
                               (target, lang)) if planned else set()
            missing = [w for w in planned if w not in have]
            checks[lang].verified += len(wanted) - len(missing)
            if missing:
                checks[lang].differences.append(
                    f"{len(missing)} {KIND_LABELS[lang]} of {record.label} are missing (e.g. {missing[0]!r})"
                )
        planned_g = plan.grammar.get(target, [])
        have_g = _column_set("SELECT grammar_uri FROM mastered_grammar WHERE profile_id = ?", (target,)) \
            if planned_g else set()
        missing_g = [g for g in planned_g if g not in have_g]
        checks["grammar"].source += len(record.grammar)
        checks["grammar"].verified += len(record.grammar) - len(missing_g)
        if missing_g:
            checks["grammar"].differences.append(f"{len(missing_g)} grammar points of {record.label} are missing")

    # Cards are compared by the SHA-256 of their stored JSON text, which is exactly the text written (holding every
    # card's content, images and all, next to the parsed source would double the memory a migration needs).
    new_cards = {id(c) for _, c in plan.cards}
    db_cards: dict[str, list[tuple]] = {}
    cursor = database.execute_sql("SELECT legacy_id, content, card_type, profile_id FROM approved_cards")
    while rows := cursor.fetchmany(500):
        for legacy_id, content, card_type, pid in rows:
            digest = _sha(content)
            db_cards.setdefault(legacy_id or digest, []).append((digest, card_type, pid))
    for card in read.cards:
        if not card.valid or _owner(card, plan) is None:
            continue
        check = checks["cards"]
        check.source += 1
        if id(card) not in new_cards:
            check.verified += 1
            continue
        digest = _sha(_card_json(card))
        wanted = (digest, card.card_type, _owner(card, plan))
        found = wanted in db_cards.get(card.legacy_id or digest, [])
        if found:
            check.verified += 1
        else:
            check.differences.append(f"card {card.label} is not in the database exactly as in the file")

    # Several messages may share one id (the reader keeps both), and messages without an id are found by their
    # role, time and text: every key maps to the list of stored messages.
    new_chats = {id(m) for _, m in plan.chats}
    db_chat: dict[tuple, list[tuple]] = {}
    for legacy_id, role, content, stamp, pid, mentions, extra in database.execute_sql(
        "SELECT legacy_id, role, content, timestamp, profile_id, mentions, extra FROM chat_messages"
    ).fetchall():
        key = ("id", legacy_id) if legacy_id else ("plain", role, stamp, content)
        db_chat.setdefault(key, []).append((role, content, stamp, pid, json.loads(mentions) if mentions else None,
                                            json.loads(extra) if extra else None))
    for chat in read.chats:
        owner = _owner(chat, plan)
        if not chat.valid or owner is None:
            continue
        check = checks["chat"]
        check.source += 1
        if id(chat) not in new_chats:
            check.verified += 1
            continue
        extra = _chat_extra(chat)
        wanted = (chat.role, chat.content, chat.timestamp_utc, owner, chat.mentions,
                  json.loads(extra) if extra else None)
        key = ("id", chat.legacy_id) if chat.legacy_id else ("plain", chat.role, chat.timestamp_utc, chat.content)
        if wanted in db_chat.get(key, []):
            check.verified += 1
        else:
            check.differences.append(f"chat message {chat.label} is not in the database exactly as in the file")
    checks["profiles"].database = Profile.select().count()
    checks["zh"].database = MasteredWord.select().where(MasteredWord.language == "zh").count()
    checks["en"].database = MasteredWord.select().where(MasteredWord.language == "en").count()
    checks["grammar"].database = MasteredGrammar.select().count()
    checks["cards"].database = ApprovedCard.select().count()
    checks["chat"].database = ChatMessage.select().count()
    return [checks[k] for k in KINDS]


def _profile_differences(record: ProfileRecord, row: Profile) -> list[str]:
    diffs = []
    if row.name != record.name:
        diffs.append("name differs")
    c = record.columns
    for key in ("dob", "gender", "address", "school", "neighborhood", "verbal_fluency", "passive_language_level",
                "raw_input"):
        if getattr(row, key) != c.get(key):
            diffs.append(f"{key} differs")
    if (row.mental_age is None) != (c.get("mental_age") is None) or (
        row.mental_age is not None and abs(float(row.mental_age) - float(c["mental_age"])) > 1e-9
    ):
        diffs.append("mental_age differs")
    for key in ("interests", "character_roster", "extracted_data"):
        stored = getattr(row, key)
        if (json.loads(stored) if stored is not None else None) != c.get(key):
            diffs.append(f"{key} differs")
    stored_extra = json.loads(row.extra) if row.extra else {}
    if stored_extra != (record.extra or {}):
        diffs.append("other fields differ")
    return diffs


# --------------------------------------------------------------------------------------------------------------
# The whole migration.


def migrate(
    source: str | os.PathLike,
    *,
    assume_tz: str | None = None,
    assign_to: str | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    backup_database: bool = True,
    archive_dir: Path | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> MigrationResult:
    """Migrate the legacy folder ``source`` into the open database (see the module doc). Never raises for bad
    input: problems are in the result; a LegacySourceError (no profiles file) becomes status ``blocked``."""
    try:
        read = legacy_read.read_legacy(source, assume_tz=assume_tz, assign_to=assign_to, progress=progress,
                                       cancel=cancel)
    except legacy_read.LegacySourceError as exc:
        return MigrationResult("blocked", None, message=exc.message)
    except legacy_read.Cancelled:
        return MigrationResult("cancelled", None, message=str(Cancelled()))
    except ValueError as exc:  # an unknown time zone
        return MigrationResult("blocked", None, message=str(exc))

    check_storable(read)
    if read.has_errors and not skip_invalid:
        n = len(read.problems_of("error"))
        return MigrationResult(
            "blocked", read,
            message=f"{n} problem(s) must be fixed first (or choose to skip invalid records). Nothing was written.",
        )
    plan = plan_migration(read, skip_invalid)
    result = MigrationResult("dry-run", read, new=dict(plan.new), already=dict(plan.already), skipped=plan.skipped)
    if dry_run:
        result.message = _summary(result)
        return result
    if not any(plan.new.values()):
        result.status = "nothing-new"
        result.checks = verify(read, plan)
        result.message = "Already imported — 0 new records. Nothing was written."
        return result

    result.archive, result.archive_sha256 = archive_sources(read, archive_dir)
    if backup_database:
        result.database_backup = _backup_before_migration()
    try:
        with audit.writing("migration") as batch:
            result.batch_id = batch
            audit.note_batch("migration", {
                "archive": result.archive.name, "archive_sha256": result.archive_sha256,
                "source": str(read.source_root), "new": plan.new, "assumed_zone": read.assumed_zone,
                "imported_at": (stamp := services.now_iso()),  # the date words and grammar get: desktop.import_dates
            })
            with _bulk_load(sum(plan.new.values())):
                _write(plan, progress, cancel, stamp)
            if progress:
                progress(0, 1, "Verifying")
            result.checks = verify(read, plan)
            if not all(c.ok for c in result.checks):
                raise VerificationFailed(result.checks)
    except Cancelled as exc:
        result.status, result.message, result.batch_id = "cancelled", str(exc), None
        return result
    except VerificationFailed as exc:
        result.status, result.message, result.batch_id = "verification-failed", str(exc), None
        return result
    result.status = "migrated"
    result.message = _summary(result)
    return result


#: From this many new rows on, a migration into a (nearly) empty database drops the plain secondary indexes of the
#: big tables first and builds them again at the end, in the same transaction: building an index once is several
#: times cheaper than updating it row by row. Unique indexes stay, so duplicates are still refused as they arrive.
BULK_ROWS = 20_000
BULK_TABLES = ("mastered_words", "audit_log")


@contextmanager
def _bulk_load(new_rows: int) -> Iterator[None]:
    database = db.current()
    if db.engine_of(database).name != "sqlite" or new_rows < BULK_ROWS:
        yield
        return
    existing = database.execute_sql("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
    if existing > new_rows:
        yield  # rebuilding would cost more than it saves
        return
    marks = ", ".join("?" * len(BULK_TABLES))
    indexes = database.execute_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks}) AND sql IS NOT NULL "
        "AND sql NOT LIKE 'CREATE UNIQUE%'",
        BULK_TABLES,
    ).fetchall()
    for name, _ in indexes:
        database.execute_sql(f'DROP INDEX "{name}"')
    yield  # an error or a cancel rolls the whole transaction back, the dropped indexes with it
    for _, sql in indexes:
        database.execute_sql(sql)


def _backup_before_migration() -> Path | None:
    """A verified backup of the database as it is before the migration (the wizard's Undo restores it)."""
    from desktop import backup, server_backup

    path = db.database_path()
    if path is None:  # a server database: the same backup file format, from one consistent snapshot
        return server_backup.create_server_backup(reason="before-migration").path
    return backup.create_backup(database_path=path, reason="before-migration").path


def _summary(result: MigrationResult) -> str:
    new = ", ".join(f"{n} {KIND_LABELS[k]}" for k, n in result.new.items() if n) or "nothing"
    already = sum(result.already.values())
    verb = "Would import" if result.status == "dry-run" else "Imported"
    text = f"{verb} {new}."
    if already:
        text += f" Already imported: {already} records."
    return text


def profile_choices(read: LegacyReadResult) -> list[tuple[str, str]]:
    """(id, name) of the source's profiles, for "which child gets the cards?" questions."""
    return [(p.id, p.name) for p in read.profiles if p.id and p.name]


def report_json(result: MigrationResult) -> str:
    buffer = io.StringIO()
    json.dump(result.to_json(), buffer, ensure_ascii=False, indent=1)
    return buffer.getvalue()

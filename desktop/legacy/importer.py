"""The migration engine's writing half: archive the sources, write everything in one audited transaction,
verify against the parsed source, and report.

The path, once: :func:`desktop.legacy.read.read_legacy` (files → typed records + problems) → :func:`migrate`
(archive → one transaction under the ``migration`` actor and one batch → verify inside that transaction, so a
failed verification rolls everything back) → a :class:`MigrationResult` the wizard and the CLI both render. The
dry run is the same path stopped before the archive.

Re-runs import only what is new. A record is "already imported" when it is the same record — the same child (known
by name, never by the id derived from it) and the same normalised content (a digest built alike from the file, a
row and an audit row) — and the database holds it, or an earlier migration imported it and someone removed or
changed it in the app since (the audit log says so): edits made in the app are never overwritten by a re-run. An
old id seen again with other content is a new record, reported. Verification compares every record of the file
with its row by the same digests, so "N of N identical" is a statement about content, not counts.

One migration runs at a time per database (:func:`migration_lock`); a dry run only reads.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from desktop import __version__, paths, services
from desktop.errors import MESSAGES, Cancelled, LedgerError
from desktop.legacy import contract
from desktop.legacy import read as legacy_read
from desktop.legacy.contract import show_text
from desktop.legacy.read import CardRecord, ChatRecord, LegacyReadResult, Problem, ProfileRecord
from desktop.models import Profile
from desktop.store import audit, db
from desktop.store.engine import engine_of

KINDS = ("profiles", "zh", "en", "grammar", "cards", "chat")
KIND_LABELS = {
    "profiles": "profiles",
    "zh": "Chinese words",
    "en": "English words",
    "grammar": "grammar points",
    "cards": "cards",
    "chat": "chat messages",
}
Progress = Callable[[int, int, str], None]


CANCELLED = MESSAGES["migration_cancelled"]


class VerificationFailed(LedgerError):
    """Raised inside the write transaction so that it rolls back; carries the checks."""

    def __init__(self, checks: list[KindCheck]) -> None:
        self.checks = checks
        super().__init__(
            code="migration_unverified", differences="; ".join(d for c in checks for d in c.differences[:3])
        )


@dataclass
class KindCheck:
    """Verification of one kind, record by record: of ``source`` records in the file (that have a child),
    ``identical`` are in the database exactly (per-record digest), ``kept`` were imported earlier and changed or
    removed in the app since (never overwritten); ``new`` of them were added by this migration."""

    kind: str
    source: int = 0
    new: int = 0
    identical: int = 0
    kept: int = 0
    differences: list[str] = field(default_factory=list)
    different: int = 0

    @property
    def ok(self) -> bool:
        return not self.different and self.identical + self.kept == self.source

    def difference(self, text: str) -> None:
        self.different += 1
        if len(self.differences) < MAX_DIFFERENCES:
            self.differences.append(text)
        elif len(self.differences) == MAX_DIFFERENCES:
            self.differences.append("… and more (only the first are listed)")

    def line(self) -> str:
        text = f"{KIND_LABELS[self.kind]:<15} {self.identical:>9,} of {self.source:<9,} identical"
        if self.kept:
            text += f", {self.kept:,} kept as changed in the app"
        return f"{text}  {'OK' if self.ok else 'DIFFERENT'}"


@dataclass
class MigrationResult:
    """What a migration (or dry run) found and did. ``status``: dry-run, blocked, migrated, nothing-new,
    cancelled, verification-failed. ``new`` counts what this migration added (or would add)."""

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

    @property
    def identity_problems(self) -> list[Problem]:
        """What only the comparison with the database found: same old id with other content, an id clash."""
        return [p for p in (self.read.problems if self.read else []) if p.code in IDENTITY_CODES]

    def proof(self) -> tuple[int, int, int]:
        """(identical, kept, source) over every kind: "N of N identical"."""
        return (
            sum(c.identical for c in self.checks),
            sum(c.kept for c in self.checks),
            sum(c.source for c in self.checks),
        )

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
                {
                    "kind": c.kind,
                    "source": c.source,
                    "new": c.new,
                    "identical": c.identical,
                    "kept": c.kept,
                    "different": c.different,
                    "ok": c.ok,
                    "differences": c.differences,
                }
                for c in self.checks
            ],
            "problems": [
                {
                    "severity": p.severity,
                    "file": p.file,
                    "record": p.record,
                    "field": p.field,
                    "message": p.message,
                    "code": p.code,
                    **({"words": p.params["words"]} if "words" in p.params else {}),
                }
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
    check and now, the archive is refused (the migration would not match what the user saw). The archive and its
    temporary file have names no other run can take (a random part, not only the second), and the archive is on
    disk (fsync'd) when its SHA-256 is taken from what was written."""
    dest_dir = Path(dest_dir) if dest_dir else archives_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = dest_dir / f"legacy-{stamp}-{secrets.token_hex(4)}.zip"
    manifest = {"app_version": __version__, "created_at": datetime.now(UTC).isoformat(), "files": []}
    tmp: Path | None = None
    try:
        handle, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".zip.tmp", dir=dest_dir)
        tmp = Path(tmp_name)
        with os.fdopen(handle, "w+b") as fh:
            # compresslevel 1: the inline base64 images hardly compress better at 6, which takes twice as long
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                for info in read.files.values():
                    data = Path(info.path).read_bytes()
                    digest = hashlib.sha256(data).hexdigest()
                    if digest != info.sha256:
                        raise LedgerError(code="source_changed", file=info.relpath)
                    zf.writestr(f"files/{info.relpath}", data)
                    manifest["files"].append({"path": info.relpath, "size": len(data), "sha256": digest})
                for path, rel in _side_files(read):  # the old app's other files: archived too, so a rollback is whole
                    manifest["files"].append(_archive_file(zf, path, rel))
                zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            fh.flush()
            os.fsync(fh.fileno())
            fh.seek(0)
            sha256 = hashlib.file_digest(fh, "sha256").hexdigest()
        paths.make_private(tmp)
        os.replace(tmp, target)
        _fsync_folder(dest_dir)
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise LedgerError(code="legacy_backup_unwritable", reason=exc.strerror) from exc
    except LedgerError:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    return target, sha256


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def check_archive(path: Path, sha256: str, read: LegacyReadResult) -> None:
    """Raise LedgerError unless the archive on disk is the one written: the same SHA-256, a readable zip whose
    manifest lists every file read (and the old app's side files), each stored whole (size and CRC)."""
    try:
        with open(path, "rb") as fh:
            if hashlib.file_digest(fh, "sha256").hexdigest() != sha256:
                raise LedgerError(code="legacy_backup_changed", name=path.name)
        with zipfile.ZipFile(path) as zf:
            listed = {f["path"]: f["size"] for f in json.loads(zf.read("manifest.json"))["files"]}
            stored = {
                i.filename.removeprefix("files/"): i.file_size for i in zf.infolist() if i.filename.startswith("files/")
            }
            bad = zf.testzip()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LedgerError(code="legacy_backup_unreadable", name=path.name) from exc
    if bad is not None or listed != stored or not {info.relpath for info in read.files.values()} <= set(listed):
        raise LedgerError(code="legacy_backup_incomplete", name=path.name)


def _side_files(read: LegacyReadResult) -> Iterator[tuple[Path, str]]:
    """(path, relative path) of every side file, and of every file in the old app's backup folders (links are not
    followed: they may lead out of the data folder)."""
    for side in read.side_files:
        if not side.is_dir:
            if not side.path.is_symlink():
                yield side.path, side.relpath
            continue
        for folder, dirs, files in os.walk(side.path):
            dirs[:] = sorted(d for d in dirs if not Path(folder, d).is_symlink())
            for name in sorted(files):
                path = Path(folder, name)
                if not path.is_symlink():
                    yield path, f"{side.relpath}/{path.relative_to(side.path).as_posix()}"


def _archive_file(zf: zipfile.ZipFile, path: Path, rel: str) -> dict:
    """Stream one file into the archive under ``files/<rel>``; its manifest entry."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as src, zf.open(f"files/{rel}", "w", force_zip64=True) as dst:
        while chunk := src.read(1 << 20):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    return {"path": rel, "size": size, "sha256": digest.hexdigest()}


# --------------------------------------------------------------------------------------------------------------
# What is new.


@dataclass
class _Plan:
    profile_map: dict[str, str] = field(default_factory=dict)  # source profile id → database profile id
    new_profiles: list[tuple[str, ProfileRecord]] = field(default_factory=list)  # (database id, record)
    words: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (db profile, zh/en/grammar) → new ones
    present: dict[tuple[str, str], int] = field(default_factory=dict)  # (db profile, kind) → in the database now
    cards: list[tuple[str, CardRecord]] = field(default_factory=list)
    chats: list[tuple[str, ChatRecord]] = field(default_factory=list)
    #: every card and message with an owner: (record, its digest or None for a deleted child's, new?)
    considered: dict[str, list[tuple]] = field(default_factory=lambda: {"cards": [], "chat": []})
    stored: dict[str, set[str]] = field(default_factory=dict)  # digests of the cards / messages stored when planned
    new: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    already: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    kept: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    skipped: list[str] = field(default_factory=list)
    deleted: set[str] = field(default_factory=set)  # source profile ids imported before and deleted in the app since
    problems: list[Problem] = field(default_factory=list)  # found while comparing with the database
    earlier: _Earlier = field(default_factory=lambda: _Earlier())


#: Reader errors that leave no record behind (a whole file, a damaged tail, an element that is not an object).
UNREADABLE_CODES = frozenset(
    (
        "file_unreadable",
        "file_empty",
        "file_utf16",
        "file_not_utf8",
        "json_truncated",
        "json_invalid",
        "json_too_deep",
        "top_level_not_list",
        "record_not_object",
    )
)
#: Problems the comparison with the database finds (the reader cannot: they depend on what is stored).
IDENTITY_CODES = ("profile_id_clash", "card_same_id_other_content", "chat_same_id_other_content")


def _migrated_rows(table: str, keys: tuple[str, ...]):
    """``keys`` of every row an earlier migration inserted into ``table``, as inserted (from the audit log), even if
    the row was changed or deleted in the app since. The database reads the values out of the audit JSON (a
    re-run over a tutor's 400,000 words would spend seconds in json.loads). Every key is a text column."""
    database = db.current()
    p = database.param
    if engine_of(database).name == "sqlite":
        fields = ", ".join(f"json_extract(new_value, '$.{k}')" for k in keys)
    else:
        fields = ", ".join(f"(new_value::json ->> '{k}')" for k in keys)
    cursor = database.execute_sql(
        f"SELECT {fields} FROM audit_log WHERE table_name = {p} AND action = 'INSERT' AND changed_by = 'migration'",
        (table,),
    )
    while rows := cursor.fetchmany(5000):
        yield from map(tuple, rows)


def _column_set(sql: str, params: tuple) -> set:
    """The values of a one-column query (``?`` placeholders), without building a model row per value."""
    database = db.current()
    return {v for (v,) in database.execute_sql(sql.replace("?", database.param), params).fetchall()}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------------------------
# Identity: a record is the same record when it belongs to the same child and its normalised content is the same,
# compared as a digest (contract.record_digest) built the same way from the parsed file, a stored row and an audit
# row. Words and grammar points are their own content: (child, language, word) is compared as it is.

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
CARD_COLUMNS = ("profile_id", "card_type", "approved_at", "legacy_id", "status", "content")
CHAT_COLUMNS = ("profile_id", "role", "content", "timestamp", "legacy_id", "mentions", "extra")
KIND_TABLES = {"cards": ("approved_cards", CARD_COLUMNS), "chat": ("chat_messages", CHAT_COLUMNS)}
NOUNS = {"cards": "card", "chat": "chat message"}


def _profile_digest(name: str | None, texts: dict, mental_age, lists: dict, extra: dict) -> str:
    return contract.record_digest(
        "profile", name, texts, None if mental_age is None else float(mental_age), lists, extra
    )


def _source_profile_digest(record: ProfileRecord) -> str:
    c = record.columns
    return _profile_digest(
        record.name,
        {k: c.get(k) for k in PROFILE_TEXT},
        c.get("mental_age"),
        {k: c.get(k) for k in PROFILE_JSON},
        record.extra or {},
    )


def _stored_profile_digest(row: Profile) -> str:
    lists = {k: json.loads(v) if (v := getattr(row, k)) is not None else None for k in PROFILE_JSON}
    return _profile_digest(
        row.name,
        {k: getattr(row, k) for k in PROFILE_TEXT},
        row.mental_age,
        lists,
        json.loads(row.extra) if row.extra else {},
    )


def _card_digests(owner, card_type, approved_at, legacy_id, status, content_sha: str) -> tuple[str, str]:
    """The card's digest, and the same without its time (see `_source_digests`)."""
    return (
        contract.record_digest("card", owner, card_type, approved_at, legacy_id, status, content_sha),
        contract.record_digest("card", owner, card_type, None, legacy_id, status, content_sha),
    )


def _chat_digests(owner, role, content, timestamp, legacy_id, mentions, extra) -> tuple[str, str]:
    """The message's digest, and the same without its time (see `_source_digests`)."""
    return (
        contract.record_digest("chat", owner, role, content, timestamp, legacy_id, mentions, extra),
        contract.record_digest("chat", owner, role, content, None, legacy_id, mentions, extra),
    )


def _time_is_assumed(raw: object) -> bool:
    """A time written without a zone: the instant stored depends on the zone the user chose, not on the record."""
    if not isinstance(raw, str):
        return False
    try:
        return contract.to_utc_iso(raw, UTC)[1]
    except ValueError:
        return False


def _source_digests(kind: str, owner: str, record: CardRecord | ChatRecord) -> tuple[str, str]:
    """(exact, identity) digests of a card or message of the file. ``exact`` is what its row must hold after the
    write; ``identity`` says whether it was imported before, and leaves out a time the file does not fix: one
    written without a zone (a re-run may assume another zone) or a card without a time (stored with the time of its
    import). Stored rows give both their digest and their digest without the time."""
    if kind == "cards":
        assert isinstance(record, CardRecord)
        exact, timeless = _card_digests(
            owner, record.card_type, record.approved_at_utc, record.legacy_id, record.status, _sha(_card_json(record))
        )
        loose = record.approved_at_utc is None or _time_is_assumed(record.content.get("created_at"))
    else:
        assert isinstance(record, ChatRecord)
        exact, timeless = _chat_digests(
            owner,
            record.role,
            record.content,
            record.timestamp_utc,
            record.legacy_id,
            record.mentions,
            _chat_extra_value(record),
        )
        loose = _time_is_assumed(record.timestamp_raw)
    return exact, timeless if loose else exact


def _row_digests(kind: str, rows) -> Iterator[tuple[str, str | None]]:
    """(digest, legacy id) of stored or audited rows (columns as in KIND_TABLES): each gives two digests, with and
    without its time."""
    for row in rows:
        if kind == "cards":
            pid, card_type, approved_at, legacy_id, status, content = row
            digests = _card_digests(pid, card_type, approved_at, legacy_id, status, _sha(content or ""))
        else:
            pid, role, content, stamp, legacy_id, mentions, extra = row
            digests = _chat_digests(
                pid,
                role,
                content,
                stamp,
                legacy_id,
                json.loads(mentions) if mentions else None,
                json.loads(extra) if extra else None,
            )
        for digest in digests:
            yield digest, legacy_id


def _stored_rows(kind: str):
    table, columns = KIND_TABLES[kind]
    cursor = db.current().execute_sql(f"SELECT {', '.join(columns)} FROM {table}")
    while rows := cursor.fetchmany(500):
        yield from rows


def _stored_digests(kind: str) -> set[str]:
    return {digest for digest, _ in _row_digests(kind, _stored_rows(kind))}


def _stored_words(pid: str, kind: str) -> set[str]:
    if kind == "grammar":
        return _column_set("SELECT grammar_uri FROM mastered_grammar WHERE profile_id = ?", (pid,))
    return _column_set("SELECT word FROM mastered_words WHERE profile_id = ? AND language = ?", (pid, kind))


class _Earlier:
    """What earlier migrations inserted (from the audit log), even where the app changed or removed it since: read
    once, and only when some record of the file is not in the database as it is."""

    def __init__(self) -> None:
        self._loaded: dict[str, object] = {}

    def _get(self, name: str, load: Callable[[], object]):
        if name not in self._loaded:
            self._loaded[name] = load()
        return self._loaded[name]

    def words(self) -> set[tuple[str, str, str]]:
        def load() -> set[tuple[str, str, str]]:
            found = set(_migrated_rows("mastered_words", ("profile_id", "language", "word")))
            found.update(
                (pid, "grammar", uri) for pid, uri in _migrated_rows("mastered_grammar", ("profile_id", "grammar_uri"))
            )
            return found

        return self._get("words", load)

    def records(self, kind: str) -> tuple[set[str], set[str]]:
        """(digests, legacy ids) of the cards or chat messages earlier migrations inserted."""

        def load() -> tuple[set[str], set[str]]:
            digests: set[str] = set()
            ids: set[str] = set()
            table, columns = KIND_TABLES[kind]
            for digest, legacy_id in _row_digests(kind, _migrated_rows(table, columns)):
                digests.add(digest)
                if legacy_id:
                    ids.add(legacy_id)
            return digests, ids

        return self._get(kind, load)


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
            message = (
                f'The field {where} holds a value of {len(long):,} characters ("{show_text(long[:20])}…"); '
                f"ids, words and grammar points longer than {MAX_KEY_BYTES} bytes cannot be stored."
            )
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
        for kind, field_name in (
            ("zh", "mastered_words"),
            ("en", "mastered_english_words"),
            ("grammar", "mastered_grammar"),
        ):
            words = getattr(record, kind)
            if _has_nul(["".join(words)]):
                add("profiles", record, field_name, "text_has_nul")
            long = _too_long(words)
            if long is not None:
                add("profiles", record, field_name, "value_too_long", long)
    for kind, records, fields in (
        ("cards", read.cards, ("legacy_id", "card_type", "status")),
        ("chat", read.chats, ("legacy_id", "role", "content")),
    ):
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


def _relpath(read: LegacyReadResult, kind: str) -> str:
    info = read.files.get(kind)
    return (
        info.relpath
        if info
        else {"profiles": legacy_read.PROFILES_FILE, "cards": legacy_read.CARDS_FILE, "chat": legacy_read.CHAT_FILE}[
            kind
        ]
    )


def plan_migration(read: LegacyReadResult, skip_invalid: bool) -> _Plan:
    """Compare the parsed source with the open database: what would be new, what is already there (the same child,
    the same content), and the problems only the comparison finds. Runs under the migration lock."""
    plan = _Plan()
    # Parts of the files that gave no record at all (a damaged tail, an element that is not an object): with
    # "skip invalid records" they are skipped too, and listed.
    plan.skipped.extend(
        f"{p.file}: {p.message}" for p in read.problems if p.severity == "error" and p.code in UNREADABLE_CODES
    )
    _plan_profiles(read, plan)
    _plan_words(read, plan)
    for kind in ("cards", "chat"):
        _plan_records(read, plan, kind)
    return plan


def _plan_profiles(read: LegacyReadResult, plan: _Plan) -> None:
    """A child is known by name (contract.name_key), never by the id derived from it: a new child whose id is taken
    gets a free one (``-2``, ``-3`` …) and the clash is reported."""
    stored = list(Profile.select(Profile.id, Profile.name).tuples())
    taken = {pid for pid, _ in stored}
    by_name: dict[str, str] = {}
    for pid, name in stored:
        by_name.setdefault(contract.name_key(name), pid)
    earlier: dict[str, str] = {}  # children an earlier migration created, by the name they had then
    for pid, name in _migrated_rows("profiles", ("id", "name")):
        if isinstance(name, str):
            earlier.setdefault(contract.name_key(name), pid)
    rel = _relpath(read, "profiles")
    for record in read.profiles:
        if not record.valid or record.id is None or record.name is None:
            plan.skipped.append(f"profile {record.label}")
            continue
        key = contract.name_key(record.name)
        target = by_name.get(key)
        if target is None and key in earlier:
            target = earlier[key]  # renamed in the app since
            if target not in taken:
                # imported before and deleted in the app since: not re-created, nor anything of theirs
                plan.deleted.add(record.id)
                for kind, n in (
                    ("profiles", 1),
                    ("zh", len(record.zh)),
                    ("en", len(record.en)),
                    ("grammar", len(record.grammar)),
                ):
                    plan.already[kind] += n
                    plan.kept[kind] += n
                continue
        if target is not None:
            plan.profile_map[record.id] = target
            plan.already["profiles"] += 1
            continue
        target = contract.free_profile_id(record.id, taken)
        wanted = record.legacy_id or contract.slugify(record.name)
        if target != wanted:
            plan.problems.append(
                Problem(
                    "warning",
                    rel,
                    record.label,
                    "name" if record.legacy_id is None else "id",
                    f'Profile {record.label} in {rel} would get the id "{wanted}", which another child already has; it '
                    f'is a different child, so it is added with the id "{target}".',
                    "profile_id_clash",
                    {"id": wanted, "new_id": target},
                )
            )
        taken.add(target)
        by_name[key] = target
        plan.profile_map[record.id] = target
        plan.new_profiles.append((target, record))
        plan.new["profiles"] += 1


def _plan_words(read: LegacyReadResult, plan: _Plan) -> None:
    for record in read.profiles:
        target = plan.profile_map.get(record.id or "")
        if target is None:
            continue
        for kind in ("zh", "en", "grammar"):
            wanted = getattr(record, kind)
            have = _stored_words(target, kind)
            new = [w for w in wanted if w not in have]
            present = len(wanted) - len(new)
            if new:
                done = plan.earlier.words()
                still = [w for w in new if (target, kind, w) not in done]
                plan.kept[kind] += len(new) - len(still)
                new = still
            plan.words[(target, kind)] = new
            plan.present[(target, kind)] = present
            plan.new[kind] += len(new)
            plan.already[kind] += len(wanted) - len(new)


def _plan_records(read: LegacyReadResult, plan: _Plan, kind: str) -> None:
    """Cards or chat messages: already imported when one with the same digest is stored, or was inserted by an
    earlier migration (changed or removed in the app since). An old id seen again on other content (another
    family's folder: the old app numbered records per installation) is a new record, and reported."""
    records = read.cards if kind == "cards" else read.chats
    noun = NOUNS[kind]
    plan.stored[kind] = stored = _stored_digests(kind)
    stored_ids: set[str] | None = None
    rel = _relpath(read, kind)
    for record in records:
        owner = _owner(record, plan)
        if record.valid and record.profile_id in plan.deleted:
            plan.already[kind] += 1
            plan.kept[kind] += 1
            plan.considered[kind].append((record, None, False))
            continue
        if not record.valid or owner is None:
            plan.skipped.append(f"{noun} {record.label}")
            continue
        exact, digest = _source_digests(kind, owner, record)
        if digest in stored:
            plan.already[kind] += 1
            plan.considered[kind].append((record, digest, False))
            continue
        earlier_digests, earlier_ids = plan.earlier.records(kind)
        if digest in earlier_digests:
            plan.already[kind] += 1
            plan.kept[kind] += 1
            plan.considered[kind].append((record, digest, False))
            continue
        if record.legacy_id:
            if stored_ids is None:
                table = KIND_TABLES[kind][0]
                stored_ids = _column_set(f"SELECT DISTINCT legacy_id FROM {table} WHERE legacy_id IS NOT NULL", ())
            if record.legacy_id in stored_ids or record.legacy_id in earlier_ids:
                plan.problems.append(
                    Problem(
                        "warning",
                        rel,
                        record.label,
                        "id",
                        f"Same old id, different content: {noun} {record.label} in {rel} has the id of a {noun} imported "
                        f"before, but not its content (or not its child), so it is imported as a new {noun}.",
                        f"{'card' if kind == 'cards' else 'chat'}_same_id_other_content",
                        {"id": record.legacy_id},
                    )
                )
        (plan.cards if kind == "cards" else plan.chats).append((owner, record))
        plan.considered[kind].append((record, exact, True))
        plan.new[kind] += 1


def _card_json(card: CardRecord) -> str:
    return json.dumps(card.content, ensure_ascii=False)


def _chat_extra_value(chat: ChatRecord) -> dict | None:
    extra = chat.extra
    if chat.timestamp_utc is None and chat.timestamp_raw is not None:
        # a time that could not be read is kept as it was written (the timestamp column holds instants only)
        extra = {**extra, "timestamp": chat.timestamp_raw}
    return extra or None


def _chat_extra(chat: ChatRecord) -> str | None:
    extra = _chat_extra_value(chat)
    return json.dumps(extra, ensure_ascii=False) if extra else None


# --------------------------------------------------------------------------------------------------------------
# Writing.


def _write(plan: _Plan, progress: Progress | None, cancel: Callable[[], bool] | None, stamp: str) -> None:
    total = sum(plan.new.values()) or 1
    done = 0

    def step(n: int, stage: str) -> None:
        nonlocal done
        if cancel and cancel():
            raise Cancelled(code="migration_cancelled")
        done += n
        if progress:
            progress(done, total, stage)

    profile_cols = (
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
        "extracted_data",
        "created_at",
        "updated_at",
        "extra",
    )
    rows = []
    for target, record in plan.new_profiles:
        c = record.columns
        rows.append(
            (
                target,
                record.name,
                c.get("dob"),
                c.get("gender"),
                c.get("address"),
                c.get("school"),
                c.get("neighborhood"),
                _json_or_none(c.get("interests")),
                _json_or_none(c.get("character_roster")),
                c.get("verbal_fluency"),
                c.get("passive_language_level"),
                c.get("mental_age"),
                c.get("raw_input"),
                _json_or_none(c.get("extracted_data")),
                stamp,
                stamp,
                json.dumps(record.extra, ensure_ascii=False) if record.extra else None,
            )
        )
    services.insert_rows("profiles", profile_cols, rows)
    step(len(rows), "Writing profiles")
    for (pid, lang), words in plan.words.items():
        if lang == "grammar":
            continue
        for chunk_start in range(0, len(words), 5000):
            chunk = words[chunk_start : chunk_start + 5000]
            services.insert_rows(
                "mastered_words",
                ("profile_id", "word", "language", "added_at"),
                [(pid, w, lang, stamp) for w in chunk],
            )
            step(len(chunk), "Writing words")
    for (pid, kind), uris in plan.words.items():
        if kind != "grammar" or not uris:
            continue
        services.insert_rows(
            "mastered_grammar", ("profile_id", "grammar_uri", "added_at"), [(pid, g, stamp) for g in uris]
        )
        step(len(uris), "Writing grammar")
    for chunk_start in range(0, len(plan.cards), 200):
        chunk = plan.cards[chunk_start : chunk_start + 200]
        services.insert_rows(
            "approved_cards",
            ("profile_id", "card_type", "content", "approved_at", "legacy_id", "status"),
            [(pid, c.card_type, _card_json(c), c.approved_at_utc or stamp, c.legacy_id, c.status) for pid, c in chunk],
        )
        step(len(chunk), "Writing cards")
    for chunk_start in range(0, len(plan.chats), 1000):
        chunk = plan.chats[chunk_start : chunk_start + 1000]
        services.insert_rows(
            "chat_messages",
            ("profile_id", "role", "content", "timestamp", "legacy_id", "mentions", "extra"),
            [
                (
                    pid,
                    m.role,
                    m.content,
                    m.timestamp_utc,
                    m.legacy_id,
                    json.dumps(m.mentions, ensure_ascii=False) if m.mentions is not None else None,
                    _chat_extra(m),
                )
                for pid, m in chunk
            ],
        )
        step(len(chunk), "Writing chat")


def _json_or_none(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


# --------------------------------------------------------------------------------------------------------------
# Verification: every record of the file against its row, by content.

#: Differences listed per kind (the count of the rest is given).
MAX_DIFFERENCES = 50


def verify(read: LegacyReadResult, plan: _Plan, written: bool) -> list[KindCheck]:
    """Compare every record of the file that has a child with the database: identical (the row holds exactly the
    normalised record: the same digest, or for words the same child, language and word), kept (imported earlier
    and changed or removed in the app since, or a child already there whose details the app keeps), or a
    difference. After a write everything is read back from the database; when nothing was written, the
    comparison the plan made under the migration lock is the verification."""
    checks = {k: KindCheck(k, new=plan.new[k]) for k in KINDS}
    new_ids = {target for target, _ in plan.new_profiles}
    rows = {row.id: row for row in Profile.select()} if plan.profile_map else {}
    for record in read.profiles:
        if record.id in plan.deleted:
            for kind, n in (
                ("profiles", 1),
                ("zh", len(record.zh)),
                ("en", len(record.en)),
                ("grammar", len(record.grammar)),
            ):
                checks[kind].source += n
                checks[kind].kept += n
            continue
        target = plan.profile_map.get(record.id or "")
        if target is None:
            continue
        check = checks["profiles"]
        check.source += 1
        row = rows.get(target)
        if row is None:
            check.difference(f"profile {record.label} is missing")
        elif _stored_profile_digest(row) == _source_profile_digest(record):
            check.identical += 1
        elif target in new_ids:
            check.difference(f"profile {record.label}: " + ", ".join(_profile_differences(record, row)))
        else:
            check.kept += 1  # the child was already there: the app's details are kept, never overwritten
        for kind in ("zh", "en", "grammar"):
            _verify_words(checks[kind], record, target, kind, plan, written)
    for kind in ("cards", "chat"):
        check = checks[kind]
        stored = _stored_digests(kind) if written and plan.new[kind] else plan.stored[kind]
        for record, digest, is_new in plan.considered[kind]:
            check.source += 1
            if digest is None:
                check.kept += 1  # its child was imported before and deleted in the app since
            elif digest in stored:
                check.identical += 1
            elif not is_new and digest in plan.earlier.records(kind)[0]:
                check.kept += 1
            else:
                check.difference(f"{NOUNS[kind]} {record.label} is not in the database exactly as in the file")
    return [checks[k] for k in KINDS]


def _verify_words(check: KindCheck, record: ProfileRecord, target: str, kind: str, plan: _Plan, written: bool) -> None:
    wanted = getattr(record, kind)
    check.source += len(wanted)
    if not (written and plan.words.get((target, kind))):
        present = plan.present.get((target, kind), 0)
        check.identical += present
        check.kept += len(wanted) - present - len(plan.words.get((target, kind), ()))
        return
    have = _stored_words(target, kind)
    missing = [w for w in wanted if w not in have]
    check.identical += len(wanted) - len(missing)
    if missing:
        done = plan.earlier.words()
        gone = [w for w in missing if (target, kind, w) not in done]
        check.kept += len(missing) - len(gone)
        if gone:
            check.difference(f"{len(gone)} {KIND_LABELS[kind]} of {record.label} are missing (e.g. {gone[0]!r})")


def _profile_differences(record: ProfileRecord, row: Profile) -> list[str]:
    diffs = []
    if row.name != record.name:
        diffs.append("name differs")
    c = record.columns
    for key in PROFILE_TEXT:
        if getattr(row, key) != c.get(key):
            diffs.append(f"{key} differs")
    if (row.mental_age is None) != (c.get("mental_age") is None) or (
        row.mental_age is not None and float(row.mental_age) != float(c["mental_age"])
    ):
        diffs.append("mental_age differs")
    for key in PROFILE_JSON:
        stored = getattr(row, key)
        if (json.loads(stored) if stored is not None else None) != c.get(key):
            diffs.append(f"{key} differs")
    stored_extra = json.loads(row.extra) if row.extra else {}
    if stored_extra != (record.extra or {}):
        diffs.append("other fields differ")
    return diffs or ["its content differs"]


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
    input: problems are in the result; a LegacySourceError (no profiles file) becomes status ``blocked``. A dry
    run only reads the database (the caller may open it read-only: see :func:`open_for_dry_run`); a migration
    plans, archives, backs up, writes and verifies under the migration lock, so two at once run one after the
    other, and the second finds what the first imported."""
    try:
        read = legacy_read.read_legacy(
            source, assume_tz=assume_tz, assign_to=assign_to, progress=progress, cancel=cancel
        )
    except legacy_read.LegacySourceError as exc:
        return MigrationResult("blocked", None, message=exc.message)
    except Cancelled:
        return MigrationResult("cancelled", None, message=CANCELLED)
    except ValueError as exc:  # an unknown time zone
        return MigrationResult("blocked", None, message=str(exc))

    check_storable(read)
    ambiguous = [p for p in read.problems if p.code == "assign_to_ambiguous"]
    if ambiguous:  # a choice the user made is never skipped over, even with "skip invalid records"
        return MigrationResult("blocked", read, message=ambiguous[0].message + " Nothing was written.")
    if read.has_errors and not skip_invalid:
        n = len(read.problems_of("error"))
        return MigrationResult(
            "blocked",
            read,
            message=f"{n} problem(s) must be fixed first (or choose to skip invalid records). Nothing was written.",
        )
    if dry_run:
        return _planned(read, plan_migration(read, skip_invalid))
    try:
        with migration_lock(progress, cancel):
            return _migrate_locked(read, skip_invalid, backup_database, archive_dir, progress, cancel)
    except Cancelled as exc:
        return MigrationResult("cancelled", read, message=str(exc))


def _planned(read: LegacyReadResult, plan: _Plan) -> MigrationResult:
    read.problems.extend(plan.problems)
    result = MigrationResult("dry-run", read, new=dict(plan.new), already=dict(plan.already), skipped=plan.skipped)
    result.message = _summary(result)
    return result


def _migrate_locked(
    read: LegacyReadResult,
    skip_invalid: bool,
    backup_database: bool,
    archive_dir: Path | None,
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
) -> MigrationResult:
    if progress:
        progress(0, 1, "Comparing with the database")
    plan = plan_migration(read, skip_invalid)
    result = _planned(read, plan)
    if not any(plan.new.values()):
        result.status = "nothing-new"
        result.checks = verify(read, plan, written=False)
        if not all(c.ok for c in result.checks):
            result.status = "verification-failed"
        result.message = _summary(result)
        return result

    result.archive, result.archive_sha256 = archive_sources(read, archive_dir)
    if backup_database:
        result.database_backup = _backup_before_migration()
    check_archive(result.archive, result.archive_sha256, read)
    try:
        with audit.writing("migration") as batch:
            result.batch_id = batch
            audit.note_batch(
                "migration",
                {
                    "archive": result.archive.name,
                    "archive_sha256": result.archive_sha256,
                    "source": str(read.source_root),
                    "new": plan.new,
                    "assumed_zone": read.assumed_zone,
                    "imported_at": (
                        stamp := services.now_iso()
                    ),  # the date words and grammar get: desktop.import_dates
                },
            )
            with _bulk_load(sum(plan.new.values())):
                _write(plan, progress, cancel, stamp)
            if progress:
                progress(0, 1, "Verifying")
            result.checks = verify(read, plan, written=True)
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


#: The PostgreSQL advisory lock ("MLMG") one migration at a time holds; SQLite files use a lock file beside them.
MIGRATION_LOCK_KEY = 0x4D4C4D47
LOCK_POLL_SECONDS = 0.2


@contextmanager
def migration_lock(progress: Progress | None = None, cancel: Callable[[], bool] | None = None) -> Iterator[None]:
    """Hold the open database's migration lock for the block: a second migration into the same database (another
    process, or another window) waits here, saying so, until the first has committed or rolled back; ``cancel``
    stops the wait (Cancelled). The lock goes with the process, so a killed migration never leaves it held."""
    database = db.current()
    path = db.database_path(database)
    if path is None:

        def acquire() -> bool:
            return bool(database.execute_sql("SELECT pg_try_advisory_lock(%s)", (MIGRATION_LOCK_KEY,)).fetchone()[0])

        def release() -> None:
            database.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
    else:
        lock_file = path.with_name(path.name + ".migration-lock")
        try:
            fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise LedgerError(code="migration_lock_unavailable", path=str(lock_file), reason=exc.strerror) from exc

        def acquire() -> bool:
            return _try_lock_file(fd)

        def release() -> None:
            os.close(fd)  # closing the file releases its lock

    try:
        waiting = False
        while not acquire():
            if cancel and cancel():
                raise Cancelled(code="migration_cancelled")
            if progress and not waiting:
                progress(0, 0, "Waiting for another migration to finish")
            waiting = True
            time.sleep(LOCK_POLL_SECONDS)
        yield
    finally:
        release()


def _try_lock_file(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


#: From this many new rows on, a migration into a (nearly) empty database drops the plain secondary indexes of the
#: big tables first and builds them again at the end, in the same transaction: building an index once is several
#: times cheaper than updating it row by row. Unique indexes stay, so duplicates are still refused as they arrive.
BULK_ROWS = 20_000
BULK_TABLES = ("mastered_words", "audit_log")


@contextmanager
def _bulk_load(new_rows: int) -> Iterator[None]:
    database = db.current()
    if engine_of(database).name != "sqlite" or new_rows < BULK_ROWS:
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
    new = ", ".join(f"{n:,} {KIND_LABELS[k]}" for k, n in result.new.items() if n) or "nothing"
    already = sum(result.already.values())
    if result.status == "dry-run":
        text = f"Would import {new}."
    elif result.status == "nothing-new":
        text = "Already imported — 0 new records. Nothing was written."
    else:
        text = f"Imported {new}."
    if already and result.status != "nothing-new":
        text += f" Already imported: {already:,} records."
    if result.checks:
        identical, kept, source = result.proof()
        text += f" Checked record by record against the old files: {identical:,} of {source:,} identical"
        text += f", {kept:,} kept as changed in the app." if kept else "."
    return text


def profile_choices(read: LegacyReadResult) -> list[tuple[str, str]]:
    """(id, name) of the source's profiles, for "which child gets the cards?" questions."""
    return [(p.id, p.name) for p in read.profiles if p.id and p.name]


def report_json(result: MigrationResult) -> str:
    """The report as JSON text that any file can hold: a broken character (a lone surrogate, e.g. from a folder name
    that is not UTF-8) is written as its JSON escape instead of failing the write."""
    buffer = io.StringIO()
    json.dump(result.to_json(), buffer, ensure_ascii=False, indent=1)
    return buffer.getvalue().encode("utf-8", "backslashreplace").decode("utf-8")

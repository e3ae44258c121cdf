"""What a backup is: ``ledger-YYYYMMDD-HHMMSS.db`` (UTC time; ``-2``, ``-3`` … on a collision) plus a manifest
``ledger-YYYYMMDD-HHMMSS.json`` beside it: time, reason, app and schema version, size, SHA-256, row counts per
table and the audit chain head. Here: the names, the manifest read back into a :class:`BackupInfo`, the facts a
manifest records (read from a SQLite file), and the errors of backups."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import peewee

from desktop import paths
from desktop.backup.files import (
    CancelFn,
    FolderMissingError,
    aware,
    backup_folder,
    connect_live,
    privatize_side_files,
    read_only_uri,
    storage_error,
    storage_errors,
)
from desktop.errors import DatabaseDamagedError, LedgerError
from desktop.store import audit, cipher, db
from desktop.store.cipher import dbapi
from desktop.store.schema import SCHEMA_VERSION, SEARCH_TABLES

log = logging.getLogger(__name__)

#: Why a backup was made (its manifest's ``reason``): by you, automatically, or just before an action that could
#: need undoing (``before-*``; those are kept at least ``BackupPolicy.safety_days``). The window labels each one.
REASONS = (
    "manual",
    "auto",
    "before-migration",
    "before-restore",
    "before-upgrade",
    "before-bulk-delete",
    "before-delete-child",
    "before-undo",
    "before-undo-import",
    "before-child-restore",
    "before-optimize",
    "before-encryption",
)

SAFETY_PREFIX = "before-"

NAME_RE = re.compile(r"^ledger-(\d{8})-(\d{6})(?:-(\d+))?\.db$")

MANIFEST_FORMAT = 1

MANIFEST_KIND = "mastery-ledger-backup"


VERIFIED, DAMAGED, UNREADABLE, UNCHECKED = "verified", "damaged", "unreadable", "unchecked"

UNUSABLE = "unusable"  # a sound SQLite file, but not one this app can restore (foreign tables, a newer schema)

UNVERIFIED = "unverified"  # sound, but its audit trail does not verify: restored only by an explicit choice

LOCKED = "locked"  # encrypted with a key this computer does not store: restored with its recovery key


class BackupError(LedgerError):
    """A backup could not be made, checked or restored."""


class BackupDamagedError(BackupError):
    """The backup fails its checks (hash, size, integrity, contents) or has no readable manifest."""


class BackupUnverifiedError(BackupError):
    """The backup is sound but its audit trail does not verify; it is restored only when that is accepted."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.name, self.problems = name, list(problems)
        super().__init__(code="backup_unverified", name=name, problems="; ".join(self.problems[:3]))


class NoGoodBackupError(BackupError):
    """No backup passed its checks, so nothing could be restored."""


@dataclass
class ContentCheck:
    """What :func:`check_content` found in a backup file.

    ``kind`` is empty when the file can be restored, else why not: ``changed`` (size, fingerprint, row counts or
    audit head differ from the manifest), ``damaged`` (not a SQLite file, or ``integrity_check`` fails),
    ``foreign`` (not our tables) or ``newer`` (a schema newer than this app's); ``unusable`` says it as the end of
    a sentence. ``audit`` holds the health check's problems (audit triggers, chain, data against the log) of a file
    that is otherwise sound: such a backup is restored only when the user accepts them."""

    kind: str = ""
    unusable: str = ""
    audit: list[str] = field(default_factory=list)
    schema_version: int | None = None

    @property
    def usable(self) -> bool:
        return not self.kind

    @property
    def verified(self) -> bool:
        return self.usable and not self.audit

    @property
    def status(self) -> str:
        if self.kind == LOCKED:
            return LOCKED
        if self.kind in ("foreign", "newer"):
            return UNUSABLE
        if self.kind:
            return DAMAGED
        return UNVERIFIED if self.audit else VERIFIED

    @property
    def detail(self) -> str:
        if self.kind:
            return self.unusable
        if self.audit:
            return f"its audit trail does not verify ({'; '.join(self.audit[:3])})"
        return "contents checked"


@dataclass
class BackupInfo:
    """One backup file with its manifest and the outcome of its last check."""

    path: Path
    created_at: datetime  # UTC
    reason: str = "unknown"
    size: int | None = None
    sha256: str | None = None
    app_version: str | None = None
    schema_version: int | None = None
    engine: str | None = None
    source: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    audit_head: dict[str, Any] = field(default_factory=dict)
    database_id: str | None = None
    chain_head: dict[str, Any] = field(default_factory=dict)  # {"last_id", "hash"}; empty in manifests older than it
    key_id: str | None = None  # the id of the key an encrypted backup needs (never the key); None: plain
    manifest: dict[str, Any] | None = None
    status: str = UNCHECKED
    detail: str = ""
    integrity_checked: bool = False  # the whole content check ran (not only size and fingerprint)
    content: ContentCheck | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def manifest_path(self) -> Path:
        return self.path.with_suffix(".json")

    @property
    def local_time(self) -> datetime:
        return self.created_at.astimezone()

    @property
    def is_safety(self) -> bool:
        return self.reason.startswith(SAFETY_PREFIX)

    @property
    def ok(self) -> bool:
        return self.status == VERIFIED

    @property
    def restorable(self) -> bool:
        return self.ok and self.schema_version is not None and self.schema_version <= SCHEMA_VERSION

    @property
    def needs_acceptance(self) -> bool:
        """Sound, but its audit trail does not verify: restored only when the user accepts that."""
        return self.status == UNVERIFIED

    @property
    def head_key(self) -> tuple[Any, ...] | None:
        return head_key(self.audit_head) if self.manifest is not None else None


def head_key(audit_head: dict[str, Any] | None) -> tuple[Any, ...] | None:
    """What identifies a database's content state: the last audit row and the last seal."""
    if not audit_head:
        return None
    return (audit_head.get("last_audit_id"), audit_head.get("last_seal_hash"))


def resolve_database(database_path: Path | str | None) -> Path:

    if database_path is None:
        database_path = db.database_path() or paths.default_db_path()
    if db.is_server_url(database_path):
        raise BackupError(code="server_backups_unavailable")
    return Path(database_path).expanduser().resolve()


def sqlite_facts(connection: dbapi.Connection, stop: CancelFn | None = None, integrity: bool = True) -> dict[str, Any]:
    """Integrity, schema version, row counts per table and audit chain head of an open SQLite connection.
    ``stop()`` returning True interrupts the integrity check (dbapi.OperationalError "interrupted")."""
    facts: dict[str, Any] = {}
    if integrity:
        if stop is not None:
            connection.set_progress_handler(lambda: 1 if stop() else 0, 100_000)
        try:
            rows = [r[0] for r in connection.execute("PRAGMA integrity_check").fetchall()]
        finally:
            connection.set_progress_handler(None, 0)
        facts["integrity"] = "ok" if rows == ["ok"] else "; ".join(str(r) for r in rows[:3])
    facts["schema_version"] = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = [
        r[0]
        for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    # the search index is not counted: derived from audit_log, and counting it reads the whole log again
    counted = [t for t in tables if t not in SEARCH_TABLES]
    facts["counts"] = {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in counted}
    facts["audit_head"] = _sqlite_head(connection, tables)
    return facts


def _sqlite_head(connection: dbapi.Connection, tables: Iterable[str] | None = None) -> dict[str, Any]:
    """The audit chain head: the last audit row's id and the last seal (id, last row it covers, hash)."""
    if tables is None:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    tables = set(tables)
    head = {"last_audit_id": None, "last_seal_id": None, "last_sealed_audit_id": None, "last_seal_hash": None}
    if "audit_log" in tables:
        head["last_audit_id"] = connection.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    if "audit_seal" in tables:
        row = connection.execute("SELECT id, last_id, hash FROM audit_seal ORDER BY id DESC LIMIT 1").fetchone()
        if row:
            head["last_seal_id"], head["last_sealed_audit_id"], head["last_seal_hash"] = row
    return head


def audit_head(database_path: Path | str | None = None) -> dict[str, Any]:
    """The audit chain head of a database file (read-only; works while the app has it open)."""
    path = resolve_database(database_path)
    with storage_errors("read the database", path):
        connection = None
        try:
            connection = connect_live(path)
            return _sqlite_head(connection)
        except dbapi.DatabaseError as exc:
            if isinstance(exc, dbapi.OperationalError) and storage_error(exc, "read", path):
                raise
            raise DatabaseDamagedError(str(path), str(exc)) from exc
        finally:
            if connection is not None:
                connection.close()
            privatize_side_files(path)


def _time_from_name(name: str) -> datetime | None:
    m = NAME_RE.match(name)
    if not m:
        return None
    try:
        return datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def free_name(folder: Path, when: datetime) -> str:
    stem = f"ledger-{when:%Y%m%d-%H%M%S}"
    n = 1
    while True:
        name = stem if n == 1 else f"{stem}-{n}"
        if not (folder / f"{name}.db").exists() and not (folder / f"{name}.json").exists():
            return name
        n += 1


def info_from_manifest(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    created = datetime.fromisoformat(manifest["created_at"].replace("Z", "+00:00"))
    return BackupInfo(
        path=path,
        created_at=aware(created).astimezone(UTC),
        reason=str(manifest.get("reason", "unknown")),
        size=int(manifest["size"]),
        sha256=str(manifest["sha256"]),
        app_version=manifest.get("app_version"),
        schema_version=manifest.get("schema_version"),
        engine=manifest.get("engine"),
        source=manifest.get("source"),
        counts=dict(manifest.get("counts") or {}),
        audit_head=dict(manifest.get("audit_head") or {}),
        database_id=manifest.get("database_id"),
        chain_head=dict(manifest.get("chain_head") or {}),
        key_id=manifest.get("key_id"),
        manifest=manifest,
    )


def read_backup(path: Path | str) -> BackupInfo:
    """A backup's description from its manifest, without checking the file (status ``unchecked``), or
    ``unreadable`` with the reason in ``detail``."""
    path = Path(path)
    fallback = _time_from_name(path.name) or datetime.fromtimestamp(0, UTC)
    try:
        with open(path.with_suffix(".json"), encoding="utf-8") as fh:
            manifest = json.load(fh)
        if manifest.get("kind") != MANIFEST_KIND:
            raise ValueError("not a backup manifest")
        return info_from_manifest(path, manifest)
    except FileNotFoundError:
        detail = "its description file (manifest) is missing"
    except OSError as exc:
        detail = f"its description file cannot be read ({exc.strerror})"
    except (ValueError, KeyError, TypeError, AttributeError):
        detail = "its description file (manifest) is damaged"
    return BackupInfo(path=path, created_at=fallback, status=UNREADABLE, detail=detail)


def read_only_database(path: Path) -> peewee.SqliteDatabase:
    """A peewee database on a file nobody writes (a backup, a private copy): read-only, immutable."""
    return cipher.database(read_only_uri(path, immutable=True), cipher.secret_for(path), uri=True)


def database_identity(path: Path, tables: Iterable[str]) -> tuple[str | None, tuple[int, str]]:
    """(database id, audit chain head) of a database file, for the manifest (see :mod:`desktop.audit`)."""

    tables = set(tables)
    database = read_only_database(path)
    try:
        database_id = audit.database_id(database) if "meta" in tables else None
        head = audit.chain_head(database) if "audit_seal" in tables else (0, audit.GENESIS_HASH)
    finally:
        database.close()
    return database_id, head


def find_backup(backup: BackupInfo | Path | str, directory: Path | str | None = None) -> BackupInfo:
    """A backup given as a BackupInfo, a path, or a file name in the backup folder."""
    if isinstance(backup, BackupInfo):
        return backup
    candidate = Path(backup).expanduser()
    if not candidate.is_absolute() and candidate.parent == Path(".") and not candidate.exists():
        folder = backup_folder(directory)
        name = candidate.name if candidate.suffix == ".db" else f"{candidate.name}.db"
        candidate = folder / name
    if not candidate.exists():
        if not candidate.parent.exists():
            raise FolderMissingError(code="backup_folder_gone", path=str(candidate))
        raise BackupError(code="backup_not_found", name=candidate.name, folder=str(candidate.parent))
    return read_backup(candidate.resolve())

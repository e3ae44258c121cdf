"""What a migration returns: per kind of record, what was found, added, kept and verified (:class:`MigrationResult`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.errors import MESSAGES, LedgerError
from desktop.legacy.problems import Problem
from desktop.legacy.records import LegacyReadResult

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

#: Problems the comparison with the database finds (the reader cannot: they depend on what is stored).
IDENTITY_CODES = ("profile_id_clash", "card_same_id_other_content", "chat_same_id_other_content")

#: Differences listed per kind (the count of the rest is given).
MAX_DIFFERENCES = 50

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

    def to_json(self) -> dict[str, Any]:
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

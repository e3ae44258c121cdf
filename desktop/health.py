"""Database health: integrity, foreign keys, schema version, the audit machinery, the audit chain, the data replayed
against the log and the anchors outside the file, in one report that the ``verify`` command prints and the health
page shows; and :func:`open_check`, what the window checks in the background each time it opens a database.
Read-only."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import peewee

from desktop import replay
from desktop.store import anchors, audit, audit_log, cipher, db, search
from desktop.store.engine import engine_of
from desktop.store.schema import SCHEMA_VERSION


@dataclass
class HealthReport:
    target: str
    integrity: str = "not checked"
    foreign_keys: str = "not checked"
    schema_version: int = 0
    machinery: list[str] = field(default_factory=list)
    chain: audit.ChainReport | None = None
    replay: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    size_bytes: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def triggers_missing(self) -> list[str]:
        """Names of missing audit triggers (kept for the health page's summary)."""
        return [p.split()[2] for p in self.machinery if p.startswith("audit trigger ") and p.endswith("missing")]

    def lines(self) -> list[str]:
        chain = self.chain.summary() if self.chain else "not checked"
        schema = f"{self.schema_version}" + (" (current)" if self.schema_version == SCHEMA_VERSION else "")
        machinery = "as installed by the app" if not self.machinery else f"{len(self.machinery)} difference(s)"
        replay_line = "every row is explained by the log" if not self.replay else f"{len(self.replay)} problem(s)"
        anchors = "the chain extends every anchor" if not self.anchors else f"{len(self.anchors)} problem(s)"
        out = [
            f"Database:        {self.target}",
            f"Size:            {self.size_bytes / 1_048_576:.1f} MB",
            f"Integrity:       {self.integrity}",
            f"Foreign keys:    {self.foreign_keys}",
            f"Schema version:  {schema}",
            f"Audit machinery: {machinery}",
            f"Audit chain:     {chain}",
            f"Data vs log:     {replay_line}",
            f"Anchors:         {anchors}",
        ]
        out += [f"Repaired:        {r}" for r in self.repairs]
        out.append("Result:          " + ("healthy" if self.healthy else f"{len(self.problems)} problem(s)"))
        return out


def check(database, progress=None) -> HealthReport:
    report = HealthReport(target=db.display_name(database))
    engine = engine_of(database)
    report.integrity, intact = engine.integrity_check(database)
    if not intact:
        report.problems.append(f"integrity check failed: {report.integrity}")
    bad_fk = engine.foreign_key_problems(database)
    report.foreign_keys = "ok" if not bad_fk else f"{bad_fk} rows point to a missing child"
    if bad_fk:
        report.problems.append(report.foreign_keys)
    try:
        report.schema_version = db.schema_version(database)
    except peewee.DatabaseError:
        report.schema_version = 0
    if report.schema_version != SCHEMA_VERSION:
        report.problems.append(f"schema version {report.schema_version}, expected {SCHEMA_VERSION}")
    report.machinery = engine.machinery_problems(database) + search.index_problems(database)
    report.problems.extend(report.machinery)
    missing_tables = {p.split()[1] for p in report.machinery if p.startswith("table ") and p.endswith("is missing")}
    if missing_tables & {"audit_log", "audit_seal", "audit_batch", "meta"}:
        report.problems.append("the audit history cannot be checked: " + ", ".join(sorted(missing_tables)) + " missing")
    else:
        report.chain = audit.verify_chain(database, progress=progress)
        if not report.chain.ok:
            report.problems.extend(report.chain.problems)
        report.replay = replay.problems(database)
        report.problems.extend(report.replay)
        report.anchors = anchors.anchor_problems(database)
        report.problems.extend(report.anchors)
        report.flagged = audit_log.noted_problems(database)
        report.problems.extend(report.flagged)
        report.repairs = audit_log.repairs(database)
    report.size_bytes = db.file_size(database)
    return report


@dataclass
class OpenCheck:
    """What :func:`open_check` found. ``damage``: the file's pages are damaged (the quick check's complaint, or the
    error a read met); ``problems``: the audit history's (chain, anchors, rows other programs wrote)."""

    damage: str | None = None
    chain: audit.ChainReport | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return self.damage is None and not self.problems


def open_check(database, progress=None) -> OpenCheck:
    """The checks that used to make opening slow, for the window to run in the background on its own read
    connection (writes go on meanwhile): every page of the file (SQLite's quick check), the audit chain recomputed,
    the anchors and the flagged rows. The rest of :func:`check` (integrity, replay) stays on the health page."""
    result = OpenCheck()
    try:
        result.damage = db.page_check(database)
        if result.damage is None:
            result.chain = audit.verify_chain(database, progress=progress)
            result.problems += result.chain.problems
            result.problems += anchors.anchor_problems(database)
            result.problems += audit_log.noted_problems(database)
    except (
        peewee.DatabaseError,
        sqlite3.DatabaseError,
        cipher.dbapi.DatabaseError,
    ) as exc:  # a page a read could not use (rows stream raw)
        if "interrupt" in str(exc):
            raise
        result.damage = str(exc)
    return result

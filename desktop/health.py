"""Database health: integrity, foreign keys, schema version, audit triggers and the audit chain, in one report
that the ``verify`` command prints and the health page shows. Read-only."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop import audit, db
from desktop.schema import SCHEMA_VERSION


@dataclass
class HealthReport:
    target: str
    integrity: str = "not checked"
    foreign_keys: str = "not checked"
    schema_version: int = 0
    triggers_missing: list[str] = field(default_factory=list)
    chain: audit.ChainReport | None = None
    size_bytes: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        chain = self.chain.summary() if self.chain else "not checked"
        schema = f"{self.schema_version}" + (" (current)" if self.schema_version == SCHEMA_VERSION else "")
        triggers = "all present" if not self.triggers_missing else f"{len(self.triggers_missing)} missing"
        return [
            f"Database:        {self.target}",
            f"Size:            {self.size_bytes / 1_048_576:.1f} MB",
            f"Integrity:       {self.integrity}",
            f"Foreign keys:    {self.foreign_keys}",
            f"Schema version:  {schema}",
            f"Audit triggers:  {triggers}",
            f"Audit chain:     {chain}",
            "Result:          " + ("healthy" if self.healthy else f"{len(self.problems)} problem(s)"),
        ]


def check(database, progress=None) -> HealthReport:
    report = HealthReport(target=db.display_name(database))
    engine = db.engine_of(database)
    if engine.name == "sqlite":
        rows = [r[0] for r in database.execute_sql("PRAGMA integrity_check").fetchall()]
        report.integrity = "ok" if rows == ["ok"] else "; ".join(rows[:3])
        if rows != ["ok"]:
            report.problems.append(f"integrity check failed: {report.integrity}")
        bad_fk = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    else:
        report.integrity = "ok (server-managed)"
        bad_fk = engine.foreign_key_check(database)
    report.foreign_keys = "ok" if not bad_fk else f"{len(bad_fk)} rows point to a missing child"
    if bad_fk:
        report.problems.append(report.foreign_keys)
    report.schema_version = db.schema_version(database)
    if report.schema_version != SCHEMA_VERSION:
        report.problems.append(f"schema version {report.schema_version}, expected {SCHEMA_VERSION}")
    expected = db.expected_trigger_names() if engine.name == "sqlite" else engine.expected_trigger_names()
    report.triggers_missing = sorted(expected - engine.trigger_names(database))
    if report.triggers_missing:
        report.problems.append("audit triggers missing: " + ", ".join(report.triggers_missing[:4]))
    report.chain = audit.verify_chain(database, progress=progress)
    if not report.chain.ok:
        report.problems.extend(report.chain.problems)
    report.size_bytes = db.file_size(database)
    return report

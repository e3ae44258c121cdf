"""``verify``: integrity, foreign keys, schema version, audit triggers and chain."""

from __future__ import annotations

import sqlite3

import peewee

from desktop import health
from desktop.cli import EXIT_OK, EXIT_PROBLEMS
from desktop.errors import DatabaseDamagedError
from desktop.store import db


def add_parsers(sub, common) -> None:
    p = sub.add_parser("verify", parents=[common], help="check a database: integrity, foreign keys, audit chain")
    p.set_defaults(handler=run_verify)


def check(target) -> health.HealthReport:
    """``verify``'s report on ``target`` (opened without repairing, closed after). The file is opened without the
    quick check: the report's integrity check reads every page anyway (a quick check first read them twice, a
    quarter of verify's time). A damaged file raises DatabaseDamagedError, as opening it would."""
    database = db.open_database(target, create=False, repair=False, check=False)
    try:
        report = health.check(database)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:  # a damaged page the later checks could not read
        raise DatabaseDamagedError(db.display_name(database), str(exc)) from exc
    finally:
        db.close_database()
    return report


def run_verify(args) -> int:
    report = check(args.db or None)
    for line in report.lines():
        print(line)
    for problem in report.problems:
        print(f"PROBLEM: {problem}")
    if any(p.startswith("integrity check failed") for p in report.problems):
        raise DatabaseDamagedError(report.target, report.integrity)  # the restore hint, as a damaged open gives
    return EXIT_OK if report.healthy else EXIT_PROBLEMS

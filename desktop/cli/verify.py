"""``verify``: integrity, foreign keys, schema version, audit triggers and chain."""

from __future__ import annotations

from desktop import health
from desktop.cli import EXIT_OK, EXIT_PROBLEMS
from desktop.store import db


def add_parsers(sub, common) -> None:
    p = sub.add_parser("verify", parents=[common], help="check a database: integrity, foreign keys, audit chain")
    p.set_defaults(handler=run_verify)


def run_verify(args) -> int:
    target = args.db or None
    database = db.open_database(target, create=False, repair=False)
    try:
        report = health.check(database)
    finally:
        db.close_database()
    for line in report.lines():
        print(line)
    for problem in report.problems:
        print(f"PROBLEM: {problem}")
    return EXIT_OK if report.healthy else EXIT_PROBLEMS

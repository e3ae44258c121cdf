"""``migrate``, ``export-json`` and ``rollback``: the legacy JSON files in and out."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop import paths
from desktop.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from desktop.legacy import export, importer
from desktop.legacy.contract import show_text
from desktop.legacy.result import MigrationResult
from desktop.legacy.timezones import parse_timezone
from desktop.store import db

#: The migration did what it should (migrated and verified, or nothing new), but the --report file failed.
EXIT_REPORT_FAILED = 3
MIGRATE_EPILOG = """exit codes:
  0  migrated and verified record by record (or already imported, or a dry run)
  1  nothing was written: a problem to fix, a failed verification, or a cancel
  2  usage error: no such folder, not a time zone, a --report path that cannot be written
  3  the migration succeeded (the records are in the database and verified), only the --report file could not be
     written; the message says why"""


def add_parsers(sub, common) -> None:
    p = sub.add_parser(
        "migrate",
        parents=[common],
        help="import the old app's JSON files (checked, all-or-nothing)",
        epilog=MIGRATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("source", help="the old app's folder: <root>, <root>/data, or the folder holding the JSON files")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="check and report only; write nothing (the database is only read, never created or upgraded)",
    )
    p.add_argument(
        "--assume-tz",
        metavar="ZONE",
        help="time zone of old timestamps without one: IANA name or ±HH:MM (default: this computer's)",
    )
    p.add_argument(
        "--assign-to",
        metavar="PROFILE",
        help="the child (its name, else its id) that gets the cards and messages that name none; a name "
        "that could be several children is refused",
    )
    p.add_argument("--skip-invalid", action="store_true", help="migrate the valid records, list the skipped ones")
    p.add_argument(
        "--report",
        metavar="FILE.json",
        help="write the whole report as JSON (its folder must exist; checked before anything is written)",
    )
    p.set_defaults(handler=run_migrate)

    p = sub.add_parser("export-json", parents=[common], help="export the database back into the old app's layout")
    p.add_argument("out_dir", metavar="OUT_DIR")
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="write over the old app's files in OUT_DIR (each is kept as <name>.bak first)",
    )
    p.set_defaults(handler=run_export)

    p = sub.add_parser("rollback", help="restore the original JSON files byte-for-byte from a migration archive")
    p.add_argument("archive", metavar="ARCHIVE")
    p.add_argument("out_dir", metavar="OUT_DIR")
    p.set_defaults(handler=run_rollback)


def _progress():
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, text: str) -> None:
        print(f"\r{done * 100 // max(total, 1):3d}% {text[:40]:<40}", end="", file=sys.stderr, flush=True)

    return show


def run_migrate(args) -> int:
    if args.assume_tz:
        try:
            parse_timezone(args.assume_tz)
        except ValueError:
            print(
                f"--assume-tz: {args.assume_tz!r} is not a time zone (use e.g. Asia/Shanghai or +08:00).",
                file=sys.stderr,
            )
            return EXIT_USAGE
    if not Path(args.source).exists():
        print(f"{show_text(args.source)}: no such folder.", file=sys.stderr)
        return EXIT_USAGE
    if args.report:
        problem = report_path_problem(args.report)
        if problem:
            print(f"--report: {problem} Nothing was done.", file=sys.stderr)
            return EXIT_USAGE
    if args.dry_run:
        db.open_read_only(args.db or None)
    else:
        db.open_database(args.db or None)
    try:
        result = importer.migrate(
            args.source,
            assume_tz=args.assume_tz,
            assign_to=args.assign_to,
            skip_invalid=args.skip_invalid,
            dry_run=args.dry_run,
            progress=_progress(),
        )
    finally:
        db.close_database()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print_result(result)
    code = EXIT_OK if result.ok else EXIT_PROBLEMS
    if args.report:
        try:
            with paths.replacing(args.report, "w", encoding="utf-8") as out:  # owner-only, even over an old report
                out.write(importer.report_json(result))
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            if result.status == "migrated" and result.ok:
                print(
                    f"The migration succeeded: the records are in the database and were verified. Only the "
                    f"report could not be written to {args.report} ({reason}).",
                    file=sys.stderr,
                )
            else:
                print(f"The report could not be written to {args.report} ({reason}).", file=sys.stderr)
            return EXIT_REPORT_FAILED if result.ok else code
    return code


def report_path_problem(report: str) -> str | None:
    """Why the report cannot be written to ``report`` (checked before the migration writes anything), or None."""
    path = Path(report).expanduser()
    folder = path.parent
    if path.is_dir():
        return f"{report} is a folder; give a file name such as {path / 'report.json'}."
    if not folder.is_dir():
        return f"the folder {folder} does not exist."
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} cannot be written to."
    return None


def print_result(result: MigrationResult) -> None:
    """The result as lines of text; everything quoted from the source goes through show_text, so a name holding
    an escape sequence or a broken character is printed escaped (and printing never fails on it)."""
    read = result.read
    if read is not None:
        print(f"Source: {show_text(read.source_root)}")
        c = read.counts
        print(
            f"Found: {c['profiles']} profiles, {c['zh']} Chinese words, {c['en']} English words, "
            f"{c['grammar']} grammar points, {c['cards']} cards, {c['chat']} chat messages"
        )
        for problem in read.problems:
            where = " · ".join(show_text(x) for x in (problem.file, problem.record, problem.field) if x)
            print(f"  {problem.severity.upper():<7} {where}: {show_text(problem.message)}")
        if any(
            p.code in ("cards_need_profile", "chat_needs_profile", "assign_to_ambiguous", "assign_to_unknown")
            for p in read.problems
        ):
            print("Profiles to choose from (--assign-to NAME or ID):")
            for pid, name in importer.profile_choices(read):
                print(f"  {show_text(pid)}    {show_text(name)}")
    for line in result.skipped:
        print(f"  SKIPPED {show_text(line)}")
    for check in result.checks:
        print(f"  {check.line()}")
        for difference in check.differences:
            print(f"    - {show_text(difference)}")
    if result.archive:
        print(f"Original files archived in {show_text(result.archive)} (sha256 {result.archive_sha256})")
    if result.database_backup:
        print(f"Database backed up first to {show_text(result.database_backup)}")
    print(show_text(result.message))


def run_export(args) -> int:
    db.open_database(args.db or None, create=False)
    try:
        written = export.export_legacy(args.out_dir, overwrite=args.overwrite)
    finally:
        db.close_database()
    for path in written.values():
        print(show_text(path))
    print("Secrets (API keys, passwords, tokens) were not kept: these files hold none.")
    print(export.PLAIN_TEXT_WARNING, file=sys.stderr)
    return EXIT_OK


def run_rollback(args) -> int:
    for path in export.rollback(args.archive, args.out_dir):
        print(show_text(path))
    print("The original files were restored and checked against the archive's manifest.")
    return EXIT_OK

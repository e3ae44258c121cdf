"""``transfer``: copy a whole ledger between a SQLite file and a PostgreSQL server, verified."""

from __future__ import annotations

import sys

from desktop import transfer
from desktop.cli import EXIT_OK, EXIT_PROBLEMS


def add_parsers(sub, common) -> None:
    p = sub.add_parser(
        "transfer", help="copy everything (audit log included) between a database file and a PostgreSQL server"
    )
    p.add_argument("--from", dest="source", required=True, metavar="DB", help="source: a .db path or postgresql:// URL")
    p.add_argument("--to", dest="dest", required=True, metavar="DB", help="target: a .db path or postgresql:// URL")
    p.add_argument("--merge", action="store_true", help="add to a non-empty target only what it lacks")
    p.set_defaults(handler=run_transfer)


def run_transfer(args) -> int:
    last = [-1]

    def progress(done: int, total: int, text: str) -> None:
        pct = done * 100 // max(total, 1)
        if pct != last[0] and sys.stderr.isatty():
            print(f"\r{pct:3d}% {text:<20}", end="", file=sys.stderr, flush=True)
            last[0] = pct

    result = transfer.transfer(args.source, args.dest, merge=args.merge, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if result.merged:
        print(f"Merged into {result.target}: " + ", ".join(f"{n} {t}" for t, n in result.copied.items()))
        return EXIT_OK
    for line in result.lines():
        print(line)
    return EXIT_OK if result.ok else EXIT_PROBLEMS

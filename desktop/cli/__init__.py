"""The command line: one subcommand per engine, for scripting and support.

Nothing here imports Qt, so commands start fast. Exit codes: 0 success, 1 problems (or a verification that
failed), 2 usage errors. Errors are plain sentences; a traceback goes only to the log file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback

from desktop import __version__, paths
from desktop.errors import DatabaseDamagedError, KeyNeeded, LedgerError, NewerSchemaError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

#: Subcommand modules, each with ``add_parsers(subparsers, common)``; a module not (yet) present is skipped.
COMMAND_MODULES = (
    "desktop.cli.verify",
    "desktop.cli.migrate",
    "desktop.cli.backup",
    "desktop.cli.transfer",
    "desktop.cli.encrypt",
)

log = logging.getLogger("desktop.cli")


def add_secret_arguments(parser: argparse.ArgumentParser) -> None:
    """``--recovery-key``, ``--recovery-key-file``, ``--passphrase-file``: on every command (the common parser)."""
    group = parser.add_argument_group("encrypted databases and backups")
    group.add_argument(
        "--recovery-key", metavar="KEY", help="the recovery key (MLK1-…) of an encrypted database or backup"
    )
    group.add_argument("--recovery-key-file", metavar="PATH", help="a file holding the recovery key")
    group.add_argument("--passphrase-file", metavar="PATH", help="a file holding the passphrase (passphrase mode)")


def common_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="PATH", help="database file or postgresql:// URL (default: ledger.db in the data folder)"
    )
    add_secret_arguments(common)
    return common


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without ``commands``, only the options that open the window (no subcommand module
    is imported, and with it no engine: see :func:`parse_args`)."""
    common = common_parser()
    parser = argparse.ArgumentParser(
        prog="mastery-ledger",
        description="Mastery Ledger: children's learning records, kept safe. "
        "Without a command, the app's window opens.",
        parents=[common],
        add_help=commands,
    )
    parser.add_argument("--version", action="version", version=f"Mastery Ledger {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the app on a fresh copy of invented sample data")
    parser.add_argument("--selftest", action="store_true", help="run the built-in self-test headless and exit")
    parser.add_argument("--lang", choices=("en", "zh_CN"), help="user-interface language (default: the system's)")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.add_parsers(sub, common)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    """``argv`` parsed. Arguments that only open the window (the double-click, ``--db``, ``--lang``, ``--demo``) are
    parsed without importing the subcommands' modules, which import the engines (backup, encryption, migration):
    ~0.1 s the window would otherwise wait for. Anything else (a command, ``--help``) gets the whole parser."""
    window, rest = build_parser(commands=False).parse_known_args(argv)
    return window if not rest else build_parser().parse_args(argv)


def private_traceback(exc_type, exc, tb) -> str:
    """A traceback without exception messages (each exception's type and frames only): a message can quote a
    child's data (a word, a name, a server's DETAIL line) or a secret, so it never goes to the log or a report."""
    chain, seen = [], set()
    current = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    if not chain:
        return f"{getattr(exc_type, '__qualname__', exc_type)} (message not shown)"
    out = []
    for i, item in enumerate(reversed(chain)):
        if i:
            out.append("\nwhich led to:\n\n")
        frames = tb if item is exc else item.__traceback__
        if frames is not None:
            out.append("Traceback (most recent call last):\n")
            out.extend(traceback.format_tb(frames))
        kind = type(item)
        out.append(f"{kind.__module__}.{kind.__qualname__} (message not shown)\n")
    return "".join(out).rstrip("\n")


class PrivateFormatter(logging.Formatter):
    """Log lines whose tracebacks leave out exception messages (see :func:`private_traceback`)."""

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return private_traceback(*ei)

    def format(self, record: logging.LogRecord) -> str:
        saved, record.exc_text = record.exc_text, None  # never reuse another handler's full traceback
        try:
            return super().format(record)
        finally:
            record.exc_text = saved


def setup_logging() -> None:
    """Log to a file in the data folder (no personal data is ever logged). Once per process."""
    root = logging.getLogger()
    if any(getattr(h, "_mastery_ledger", False) for h in root.handlers):
        return
    try:
        handler = logging.FileHandler(paths.logs_dir() / "mastery-ledger.log", encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._mastery_ledger = True  # type: ignore[attr-defined]  # a tag: this handler is ours (see above)
    paths.make_private(paths.logs_dir() / "mastery-ledger.log")
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def damaged_hint(exc: DatabaseDamagedError) -> str:
    return (
        f"{exc}\nTo restore the newest good backup: mastery-ledger backups --db {exc.path}  then  "
        f"mastery-ledger restore BACKUP --db {exc.path}   (the damaged file is kept as *.damaged)"
    )


def run(args: argparse.Namespace) -> int:
    # why: deferred like the parser's options (a cycle at import time: the command modules import this one)
    from desktop.cli.encrypt import apply_secret

    try:
        apply_secret(args)
        return args.handler(args)
    except KeyNeeded as exc:
        print(
            f"{exc} Give it with --recovery-key KEY, --recovery-key-file FILE or --passphrase-file FILE.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    except DatabaseDamagedError as exc:
        print(damaged_hint(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    except (NewerSchemaError, LedgerError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("Interrupted; nothing was half-written.", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception:  # a bug: the user gets a sentence, the log gets the traceback
        log.exception("unexpected error in command %s", getattr(args, "command", "?"))
        print(
            f"Unexpected error. Nothing was half-written. Details are in {paths.logs_dir() / 'mastery-ledger.log'}",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand (tests and scripts call this; ``python -m desktop`` goes through desktop.__main__)."""
    paths.use_private_umask()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    setup_logging()
    return run(args)

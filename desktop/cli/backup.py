"""``backup``, ``backups`` and ``restore``: verified backups from the command line."""

from __future__ import annotations

import sys

from desktop import server_backup
from desktop.backup.check import list_backups
from desktop.backup.create import create_backup
from desktop.backup.files import backup_folder
from desktop.backup.manifest import REASONS, UNVERIFIED, VERIFIED, BackupInfo, BackupUnverifiedError, find_backup
from desktop.backup.recover import recover_interrupted
from desktop.backup.restore import restore_backup
from desktop.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from desktop.store import db
from desktop.store.schema import DATA_TABLES


def add_parsers(sub, common) -> None:
    p = sub.add_parser("backup", parents=[common], help="make a verified backup of the database now")
    p.add_argument("--dest", metavar="DIR", help="backup folder (default: backups/ in the data folder)")
    p.add_argument("--reason", choices=REASONS, default="manual", help="why (recorded in the manifest)")
    p.set_defaults(handler=run_backup)

    p = sub.add_parser("backups", parents=[common], help="list the backups and check them")
    p.add_argument("--dest", metavar="DIR", help="backup folder (default: backups/ in the data folder)")
    p.add_argument(
        "--check",
        action="store_true",
        help="also check what every backup holds: a Mastery Ledger database of this version or older, "
        "integrity, row counts as described, and an audit trail that verifies",
    )
    p.set_defaults(handler=run_backups)

    p = sub.add_parser("restore", parents=[common], help="replace the database with a backup (it is saved first)")
    p.add_argument("backup", metavar="BACKUP", help="a backup file, or its name in the backup folder")
    p.add_argument("--dest", metavar="DIR", help="backup folder (default: backups/ in the data folder)")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument(
        "--accept-unverified",
        action="store_true",
        help="restore a sound backup even though its audit trail does not verify (e.g. a backup of a "
        "database another program tampered with); the choice and what was found are recorded in the "
        "restored database's audit log. A damaged, foreign or newer backup is never restored.",
    )
    p.set_defaults(handler=run_restore)


class _Bar:
    """A one-line progress display on a terminal (silent otherwise)."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()
        self.last: str | None = None

    def __call__(self, done: int, total: int, text: str) -> None:
        if not self.live:
            return
        percent = 100 * done // total if total else 100
        line = f"\r{percent:3d}%  {text[:60]:<60}"
        if line != self.last:
            sys.stderr.write(line)
            sys.stderr.flush()
            self.last = line

    def done(self) -> None:
        if self.live and self.last is not None:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()


def _size(n: int | None) -> str:
    if n is None:
        return "?"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1_048_576:.1f} MB"


def _counts(info: BackupInfo) -> str:
    short = {
        "profiles": "children",
        "mastered_words": "words",
        "mastered_grammar": "grammar",
        "approved_cards": "cards",
        "chat_messages": "messages",
        "audit_log": "audit",
    }
    parts = [f"{short[t]} {info.counts[t]}" for t in (*DATA_TABLES, "audit_log") if t in info.counts]
    return ", ".join(parts) or "-"


def run_backup(args) -> int:
    bar = _Bar()
    try:
        if db.is_server_url(args.db):
            info = server_backup.create_server_backup(args.db, reason=args.reason, dest_dir=args.dest, progress=bar)
        else:
            recover_interrupted(args.db)
            info = create_backup(args.db, reason=args.reason, dest_dir=args.dest, progress=bar)
    finally:
        bar.done()
    print(f"Backup made and checked: {info.local_time:%Y-%m-%d %H:%M:%S}, {_size(info.size)}, {_counts(info)}")
    print(f"SHA-256: {info.sha256}")
    print(info.path)
    return EXIT_OK


def run_backups(args) -> int:
    bar = _Bar()
    try:
        infos = list_backups(args.dest, verify=True, integrity=args.check, progress=bar)
    finally:
        bar.done()
    folder = backup_folder(args.dest)
    if not infos:
        print(f"No backups yet in {folder}.")
        return EXIT_OK
    print(f"Backups in {folder} (newest first, local time):")
    rows = [("time", "reason", "size", "contents", "status", "file")]
    for info in infos:
        if info.status == VERIFIED:
            # "verified" only when what the file holds was checked; otherwise only its size and fingerprint were
            status = "verified (contents checked)" if info.integrity_checked else "fingerprint ok"
        else:
            status = info.status + (" (contents checked)" if info.integrity_checked else "") + f": {info.detail}"
        rows.append(
            (f"{info.local_time:%Y-%m-%d %H:%M:%S}", info.reason, _size(info.size), _counts(info), status, info.name)
        )
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) if i < 5 else cell for i, cell in enumerate(row)).rstrip())
    if not args.check:
        print("Only sizes and fingerprints were checked; --check verifies what each backup holds.")
    unverified = [i for i in infos if i.status == UNVERIFIED]
    bad = [i for i in infos if i.status not in (VERIFIED, UNVERIFIED)]
    if bad:
        print(f"PROBLEM: {len(bad)} backup(s) cannot be used (damaged, unusable or unreadable).")
    if unverified:
        print(
            f"PROBLEM: {len(unverified)} backup(s) have an audit trail that does not verify; restore one only "
            "with --accept-unverified."
        )
    return EXIT_PROBLEMS if bad or unverified else EXIT_OK


def run_restore(args) -> int:
    server = db.is_server_url(args.db)
    if server and args.accept_unverified:
        print(
            "--accept-unverified is for restoring into a database file; a server database is restored only from a "
            "backup that verifies.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not server:
        recover_interrupted(args.db)
    info = find_backup(args.backup, args.dest)
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                "restore replaces the database; add --yes to confirm when not running interactively.", file=sys.stderr
            )
            return EXIT_USAGE
        answer = input(
            f"Replace the database with the backup {info.name}? The current database is backed up first. [y/N] "
        )
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return EXIT_PROBLEMS
    bar = _Bar()
    try:
        if server:
            counts = server_backup.restore_server_backup(info, args.db, progress=bar, backup_dir=args.dest)
            print(
                f"Restored {info.name} into {db.describe(args.db)}: " + ", ".join(f"{t} {n}" for t, n in counts.items())
            )
            return EXIT_OK
        result = restore_backup(
            info,
            args.db,
            progress=bar,
            backup_dir=args.dest,
            accept_unverified=args.accept_unverified,
            secret=getattr(args, "secret", None),
        )
    except BackupUnverifiedError as exc:
        print(
            f"{exc} To restore it anyway, add --accept-unverified (the choice is recorded in its audit log).",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    finally:
        bar.done()
    print(result.summary())
    print(result.database_path)
    return EXIT_OK if result.ok else EXIT_PROBLEMS

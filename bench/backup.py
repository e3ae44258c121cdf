"""Backup and restore speed on a ~200 MB database.

Builds the database through the real schema (audit triggers present: every chat message is written to audit_log
and sealed), then times in the same run:

- ``create_backup`` — online copy, integrity_check, row counts, SHA-256, fsync, manifest, rename;
- ``cp`` + fsync of the same file (``shutil.copyfile`` then ``os.fsync``), the floor it is measured against;
- ``restore_backup`` — verify (hash + integrity_check), copy next to the database, before-restore backup,
  swap, reopen and count.

Prints the times and the backup / cp ratio next to the goal (≤ 5). Never asserts on time.

    python3 bench/backup.py [--mb 200] [--repeat 3] [--dir DIR]

Invented data only; everything is written to a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL = 5.0
TEXT = "这是一段用来测试的中文内容，没有真实的人。 An invented sentence for a benchmark, nothing more. " * 6


def build(path: Path, megabytes: int) -> dict:
    from desktop import services
    from desktop.store import audit, db

    db.open_database(path)
    try:
        pids = [services.create_profile(f"Bench Child {n:02d}", interests=["trains"])["id"] for n in range(10)]
        for pid in pids:
            services.bulk_add_words(pid, [f"word-{n:05d}" for n in range(2000)], "en")
        n = 0
        while path.stat().st_size + _wal_size(path) < megabytes * 1_048_576:
            with audit.writing("migration"):
                services.insert_rows(
                    "chat_messages",
                    ("profile_id", "role", "content", "timestamp"),
                    (
                        (pids[i % 10], "user" if i % 2 else "assistant", f"{i} {TEXT}", services.now_iso())
                        for i in range(n, n + 10_000)
                    ),
                )
            n += 10_000
            db.current().execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # so the file size is the real size
        database = db.current()
        facts = {
            "chat messages": database.execute_sql("SELECT count(*) FROM chat_messages").fetchone()[0],
            "audit rows": database.execute_sql("SELECT count(*) FROM audit_log").fetchone()[0],
        }
    finally:
        db.close_database()
    facts["file MB"] = round(path.stat().st_size / 1_048_576, 1)
    return facts


def _wal_size(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def cp_fsync(source: Path, target: Path) -> float:
    started = time.perf_counter()
    shutil.copyfile(source, target)
    with open(target, "r+b") as fh:
        os.fsync(fh.fileno())
    elapsed = time.perf_counter() - started
    target.unlink()
    return elapsed


def timed_backup(path: Path, dest: Path):
    from desktop.backup.create import create_backup

    started = time.perf_counter()
    info = create_backup(path, reason="manual", dest_dir=dest)
    return time.perf_counter() - started, info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="database size to build (MB)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing (the best is reported)")
    parser.add_argument("--dir", help="where to build (default: the system's temp folder)")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="ledger-bench-backup-", dir=args.dir))
    os.environ["MASTERY_LEDGER_HOME"] = str(folder / "home")
    from desktop import paths
    from desktop.backup.restore import restore_backup

    paths.use_private_umask()
    try:
        path = folder / "ledger.db"
        started = time.perf_counter()
        facts = build(path, args.mb)
        print(f"built in {time.perf_counter() - started:.1f} s: " + ", ".join(f"{k} {v}" for k, v in facts.items()))
        dest = folder / "backups"
        dest.mkdir()

        backups, copies, infos = [], [], []
        for _ in range(args.repeat):  # interleaved, so both see the same cache and disk state
            copies.append(cp_fsync(path, folder / "copy.db"))
            elapsed, info = timed_backup(path, dest)
            backups.append(elapsed)
            infos.append(info)
        best_backup, best_cp = min(backups), min(copies)
        ratio = best_backup / best_cp

        restores = []
        for n in range(args.repeat):
            started = time.perf_counter()
            result = restore_backup(infos[n % len(infos)], path, backup_dir=dest)
            restores.append(time.perf_counter() - started)
            assert result.ok, result.problems
            if result.safety_backup:  # keep the folder from growing during the bench
                result.safety_backup.path.unlink()
                result.safety_backup.manifest_path.unlink()

        size_mb = path.stat().st_size / 1_048_576
        print(f"database: {size_mb:.1f} MB; {args.repeat} run(s) each, best shown")
        print(
            f"backup (copy + integrity_check + counts + SHA-256 + fsync): {best_backup:6.2f} s   "
            f"[runs: {', '.join(f'{t:.2f}' for t in backups)}]"
        )
        print(
            f"cp + fsync of the same file:                               {best_cp:6.2f} s   "
            f"[runs: {', '.join(f'{t:.2f}' for t in copies)}]"
        )
        print(
            f"ratio backup / cp (best / best):                           {ratio:6.2f}     (goal ≤ {GOAL:g}: "
            f"{'met' if ratio <= GOAL else 'NOT met'}; per run: "
            f"{', '.join(f'{b / c:.2f}' for b, c in zip(backups, copies, strict=True))})"
        )
        print(
            f"restore (verify + copy + before-restore backup + swap + reopen): {min(restores):6.2f} s   "
            f"[runs: {', '.join(f'{t:.2f}' for t in restores)}]"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

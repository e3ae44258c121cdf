"""The cost of encryption at rest: migration and backup time, encrypted ÷ plain (goal ≤ 1.25×).

- **Migration**: ``importer.migrate`` end to end (reading, the sealed source archive, the before-migration backup,
  the audited write, verification) of bench/migrate.py's tutor corpus (``--scale`` of its children, cards and
  messages) into a fresh database, in a child process each run: once with new databases encrypted (the app's
  default), once plain (``cipher.ENCRYPT_NEW_DATABASES = False``; the archive is sealed in both, so its cost shows
  in both).
- **Backup**: ``create_backup`` (online copy, integrity_check, counts, SHA-256, fsync, manifest) of a database of
  ``--mb`` MB built through the real schema, encrypted and plain, in this process.

Runs alternate plain / encrypted so both see the same machine; each figure is the median and the spread (min–max)
of ``--runs`` runs (3 unless told), wall clock and CPU (``time.process_time``, steadier on a shared machine); the
ratio is the median of the per-run ratios. Prints the figures next to the goal; asserts nothing.

    python3 bench/encryption.py [--scale 0.2] [--mb 50] [--runs 3] [--dir DIR]

Invented data only; everything is written to a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.stats import RUNS, Clock, median, spread  # noqa: E402

GOAL = 1.25
TEXT = "这是一段用来测试的中文内容，没有真实的人。 An invented sentence for a benchmark, nothing more. " * 6

MIGRATE = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from desktop.store import cipher, db
from desktop.legacy import importer
cipher.ENCRYPT_NEW_DATABASES = sys.argv[5] == "encrypted"
db.open_database(sys.argv[3])
start, cpu = time.perf_counter(), time.process_time()
result = importer.migrate(sys.argv[2], assume_tz="+08:00", assign_to=sys.argv[4])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
assert result.ok, result.status
assert cipher.is_encrypted(sys.argv[3]) == (sys.argv[5] == "encrypted")
db.close_database()
print(json.dumps({"wall": seconds, "cpu": cpu}))
"""


def migration_run(corpus: dict, work: Path, mode: str, n: int) -> dict[str, float]:
    from bench.migrate import ASSIGN_TO

    home = work / f"home-{mode}-{n}"
    env = dict(os.environ, MASTERY_LEDGER_HOME=str(home), MASTERY_LEDGER_KEY_STORAGE="file")
    db_path = work / f"ledger-{mode}-{n}.db"
    out = subprocess.run(
        [sys.executable, "-c", MIGRATE, str(REPO), corpus["read_path"], str(db_path), ASSIGN_TO, mode],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    shutil.rmtree(home, ignore_errors=True)
    for suffix in ("", "-wal", "-shm", ".migration-lock"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def build(path: Path, megabytes: int, encrypted: bool) -> None:
    from desktop import services
    from desktop.store import audit, cipher, db

    cipher.ENCRYPT_NEW_DATABASES = encrypted
    db.open_database(path)
    try:
        pids = [services.create_profile(f"Bench Child {n:02d}")["id"] for n in range(10)]
        for pid in pids:
            services.bulk_add_words(pid, [f"word-{n:05d}" for n in range(2000)], "en")
        n = 0
        while path.stat().st_size < megabytes * 1_048_576:
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
    finally:
        db.close_database()
        cipher.ENCRYPT_NEW_DATABASES = True
    assert cipher.is_encrypted(path) == encrypted


def backup_run(path: Path, dest: Path) -> dict[str, float]:
    from desktop.backup.create import create_backup

    with Clock() as clock:
        info = create_backup(path, reason="manual", dest_dir=dest)
    info.path.unlink()
    info.manifest_path.unlink()
    return {"wall": clock.wall, "cpu": clock.cpu}


def report(name: str, plain: list[dict[str, float]], encrypted: list[dict[str, float]]) -> None:
    print(f"{name}:")
    for clock in ("wall", "cpu"):
        p, e = [r[clock] for r in plain], [r[clock] for r in encrypted]
        ratios = [b / a for a, b in zip(p, e, strict=True) if a > 0]
        verdict = "meets" if median(ratios) <= GOAL else "MISSES"
        print(
            f"  {clock:4}  plain {spread(p)}   encrypted {spread(e)}   "
            f"encrypted ÷ plain {spread(ratios, '×')}  — {verdict} the goal ≤ {GOAL}×"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.2, help="of bench/migrate.py's tutor corpus (default 0.2)")
    parser.add_argument("--mb", type=int, default=50, help="database size for the backup figure (MB, default 50)")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs of each (default {RUNS})")
    parser.add_argument("--dir", help="where to work (default: the system's temp folder)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="ledger-bench-encryption-", dir=args.dir))
    os.environ["MASTERY_LEDGER_HOME"] = str(work / "home")
    os.environ["MASTERY_LEDGER_KEY_STORAGE"] = "file"  # never the keychain of the machine running the bench
    from bench.migrate import corpus_sizes, make_corpus
    from desktop import paths

    paths.use_private_umask()
    try:
        sizes = corpus_sizes(args.scale)
        corpus = make_corpus(work / "corpus", 20_000, sizes)
        megabytes = sum(Path(f).stat().st_size for f in corpus["files"]) / 1_048_576
        print(
            f"migration corpus: {sizes['profiles']} children, {sizes['cards']} cards, {sizes['chats']} messages "
            f"({megabytes:.1f} MB of JSON); backup database: {args.mb} MB; {args.runs} runs each"
        )
        plain: list[dict[str, float]] = []
        encrypted: list[dict[str, float]] = []
        for n in range(args.runs):  # interleaved
            plain.append(migration_run(corpus, work, "plain", n))
            encrypted.append(migration_run(corpus, work, "encrypted", n))
        report("migration (importer.migrate end to end)", plain, encrypted)

        paths_ = {"plain": work / "plain.db", "encrypted": work / "encrypted.db"}
        for mode, path in paths_.items():
            build(path, args.mb, mode == "encrypted")
        dest = work / "backups"
        dest.mkdir()
        plain, encrypted = [], []
        for _ in range(args.runs):
            plain.append(backup_run(paths_["plain"], dest))
            encrypted.append(backup_run(paths_["encrypted"], dest))
        sizes_mb = {m: p.stat().st_size / 1_048_576 for m, p in paths_.items()}
        report(
            f"backup (create_backup; plain {sizes_mb['plain']:.0f} MB, encrypted {sizes_mb['encrypted']:.0f} MB)",
            plain,
            encrypted,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

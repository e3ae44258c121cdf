"""Time to migrate a tutor-sized legacy folder, next to the floor, and the migration's peak memory.

The corpus (tests/unit/legacy/corpus.py, every quirk of legacy-format.md): 50 children × 5,000 Chinese + 3,000
English words and 100 grammar points each, 2,000 cards, 5,000 chat messages. Real cards inline a ~135 KB image
each; 2,000 of those would be 270 MB of JSON, so the cards here carry ~20 KB images (``--image-chars``).

    python bench/migrate.py                 # generates the corpus in a temporary folder
    python bench/migrate.py --keep DIR      # ... in DIR, reused by later runs

Migration: ``importer.migrate(...)`` end to end into a fresh SQLite database — reading and checking the files,
the source archive, the database backup before migration, the audited write, verification — in a child process
whose peak RSS (VmHWM, or ru_maxrss off Linux) is the memory figure. Floor, in the same run: ``json.loads`` of the same files plus
``executemany`` of the same rows into the plan's tables without triggers, in one transaction. Prints the figures
and the goals (time ratio ≤ 3, peak memory ≤ 4 × the source files); asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.legacy.write import written_columns  # noqa: E402
from desktop.store.schema import DATA_TABLES, PLAN_TABLES_SQL  # noqa: E402
from tests.unit.legacy.corpus import write_corpus  # noqa: E402

SIZES = {"profiles": 50, "zh_words": 5_000, "en_words": 3_000, "grammar": 100, "cards": 2_000, "chats": 5_000}
ASSIGN_TO = "Child A (孩子甲）"  # the first generated profile gets the cards and the unattributed chat
TABLE_COLUMNS = {table: written_columns(table) for table in DATA_TABLES}  # what a migration writes

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
from desktop.store import db
from desktop.legacy import importer

def peak_kb():
    # VmHWM: this process image's peak RSS (Linux's ru_maxrss also counts the parent's pages it was forked with)
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

db.open_database(sys.argv[3])
ready_kb = peak_kb()
start, cpu = time.perf_counter(), time.process_time()
result = importer.migrate(sys.argv[2], assume_tz="+08:00", assign_to=sys.argv[4])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
maxrss_kb = peak_kb()
start = time.perf_counter()
again = importer.migrate(sys.argv[2], assume_tz="+08:00", assign_to=sys.argv[4])
rerun = time.perf_counter() - start
db.close_database()
print(json.dumps({"seconds": seconds, "cpu": cpu, "status": result.status, "new": result.new, "ok": result.ok,
                  "maxrss_kb": maxrss_kb, "ready_kb": ready_kb, "rerun": rerun, "rerun_status": again.status}))
"""


def make_corpus(folder: Path, image_chars: int) -> dict:
    """Generate the corpus in a child process (so that this process stays small), once per folder."""
    marker = folder / "corpus.json"
    if not marker.exists():
        subprocess.run(
            [sys.executable, __file__, "--generate", str(folder), "--image-chars", str(image_chars)], check=True
        )
    return json.loads(marker.read_text())


def generate(folder: Path, image_chars: int) -> None:
    marker = folder / "corpus.json"
    info = write_corpus(
        folder,
        **SIZES,
        card_image_chars=image_chars,
        old_layout={3},
        arrays={4},
        escaped={"profiles"},
        bom={"chat"},
        slug_clash=False,
        unattributed_pairs=3,
        seed=11,
    )
    files = [str(p) for p in info["files"].values() if p is not None]
    marker.write_text(json.dumps({"read_path": str(info["read_path"]), "files": files}))


def run_migration(read_path: str, db_path: Path, home: Path) -> dict:
    env = dict(os.environ, MASTERY_LEDGER_HOME=str(home))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(REPO), read_path, str(db_path), ASSIGN_TO],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def rows_of(db_path: Path) -> dict[str, list[tuple]]:
    """The rows the migration wrote, to insert the same rows again for the floor (read outside the timing)."""
    con = sqlite3.connect(db_path)
    try:
        return {
            t: con.execute(f"SELECT {', '.join(c)} FROM {t} ORDER BY rowid").fetchall()
            for t, c in TABLE_COLUMNS.items()
        }
    finally:
        con.close()


def floor(files: list[str], rows: dict[str, list[tuple]], db_path: Path) -> tuple[float, float, float]:
    """Seconds to json.loads the files and to executemany the same rows into bare plan tables (no triggers), and
    the CPU seconds of the executemany part (json.loads is all CPU)."""
    start = time.perf_counter()
    for name in files:
        json.loads(Path(name).read_bytes().decode("utf-8-sig"))
    parsed = time.perf_counter() - start
    cpu = time.process_time()
    con = sqlite3.connect(db_path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = wal")
        con.execute("PRAGMA synchronous = full")
        con.execute("PRAGMA foreign_keys = 1")
        con.executescript(PLAN_TABLES_SQL)
        start = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        for table, columns in TABLE_COLUMNS.items():
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            con.executemany(sql, rows[table])
        con.execute("COMMIT")
        written = time.perf_counter() - start
    finally:
        con.close()
    return parsed, written, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", metavar="DIR", help="generate (or reuse) the corpus in DIR")
    parser.add_argument("--image-chars", type=int, default=20_000, help="base64 characters per card image")
    parser.add_argument("--generate", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(Path(args.generate), args.image_chars)
        return
    with tempfile.TemporaryDirectory(prefix="ml-bench-") as tmp:
        work = Path(tmp)
        corpus_dir = Path(args.keep) if args.keep else work / "corpus"
        corpus_dir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        corpus = make_corpus(corpus_dir, args.image_chars)
        source_bytes = sum(Path(f).stat().st_size for f in corpus["files"])
        print(
            f"corpus: {SIZES['profiles']} profiles × {SIZES['zh_words']:,} zh + {SIZES['en_words']:,} en words, "
            f"{SIZES['grammar']} grammar each, {SIZES['cards']:,} cards (~{args.image_chars // 1000} KB images), "
            f"{SIZES['chats']:,} chat messages; {source_bytes / 1e6:.1f} MB of JSON "
            f"(ready in {time.perf_counter() - started:.1f} s)"
        )

        db_path = work / "ledger.db"
        result = run_migration(corpus["read_path"], db_path, work / "home")
        print(
            f"migration: status {result['status']}, verified {'OK' if result['ok'] else 'NOT OK'}, "
            f"new {sum(result['new'].values()):,} records {result['new']}"
        )
        rows = rows_of(db_path)
        parsed, written, written_cpu = floor(corpus["files"], rows, work / "floor.db")
        total_floor = parsed + written
        ratio = result["seconds"] / total_floor
        cpu_ratio = result["cpu"] / (parsed + written_cpu)
        peak, ready = result["maxrss_kb"] * 1024, result["ready_kb"] * 1024
        print(
            f"migration (read, archive, backup, audited write, verify): {result['seconds']:7.2f} s "
            f"(CPU {result['cpu']:.2f} s)"
        )
        print(
            f"floor (json.loads {parsed:.2f} s + executemany without triggers {written:.2f} s): "
            f"{total_floor:7.2f} s (CPU {parsed + written_cpu:.2f} s)"
        )
        print(
            f"ratio: {ratio:.2f}  (goal ≤ 3: {'met' if ratio <= 3 else 'MISSED'}); CPU-time ratio {cpu_ratio:.2f} "
            f"(less sensitive to other processes on the machine)"
        )
        print(f"re-run of the same folder ({result['rerun_status']}): {result['rerun']:.2f} s")
        print(
            f"peak memory of the migrating process (VmHWM): {peak / 1e6:.0f} MB = "
            f"{peak / source_bytes:.2f} × the source files (goal ≤ 4: {'met' if peak <= 4 * source_bytes else 'MISSED'})"
            f"; of which {ready / 1e6:.0f} MB before reading anything (interpreter, app, open database)"
        )


if __name__ == "__main__":
    main()

"""Time to migrate a tutor-sized legacy folder, next to the floor, and the migration's peak memory.

The corpus (tests/unit/legacy/corpus.py, every quirk of legacy-format.md): 50 children × 5,000 Chinese + 3,000
English words and 100 grammar points each, 2,000 cards, 5,000 chat messages (``--scale`` multiplies the number of
children, cards and messages). The cards here carry ~20 KB images (``--image-chars``); real cards inline a ~135 KB
image each and a real ``approved_cards.json`` is ~32 MB for 237 cards: ``--realistic`` writes that file (237 cards of
135 KB images), so that the memory figure is measured on the hard case.

    python bench/migrate.py                 # generates the corpus in a temporary folder
    python bench/migrate.py --keep DIR      # ... in DIR, reused by later runs
    python bench/migrate.py --scale 0.2 --realistic --runs 3

Migration: ``importer.migrate(...)`` end to end into a fresh SQLite database — reading and checking the files,
the source archive, the database backup before migration, the audited write, verification — in a child process
whose peak RSS (VmHWM, or ru_maxrss off Linux) is the memory figure. Floor, in this process: ``json.loads`` of the
same files plus ``executemany`` of the same rows into the plan's tables without triggers, in one transaction, with
the indexes the migration drops for a bulk load (importer.BULK_TABLES) dropped before and rebuilt after, like the
migration does. Both sides are timed from the same point (the database open, its tables made) with the wall clock
and with the CPU clock (``time.process_time``). Each side runs ``--runs`` times (3 unless told), each on a fresh
database; every figure is the median and the spread (min–max). Prints the figures and the goals (time ratio ≤ 3,
peak memory ≤ 4 × the source files); asserts nothing.
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

from bench.stats import RUNS, median, spread  # noqa: E402
from desktop.legacy.importer import BULK_INDEXES_SQL, BULK_ROWS, BULK_TABLES  # noqa: E402
from desktop.legacy.write import written_columns  # noqa: E402
from desktop.store.schema import DATA_TABLES, PLAN_TABLES_SQL  # noqa: E402
from tests.unit.legacy.corpus import write_corpus  # noqa: E402

SIZES = {"profiles": 50, "zh_words": 5_000, "en_words": 3_000, "grammar": 100, "cards": 2_000, "chats": 5_000}
SCALED = ("profiles", "cards", "chats")  # what --scale multiplies (each child keeps a tutor's word lists)
REALISTIC = {"cards": 237, "image_chars": 135_000}  # a real approved_cards.json: ~32 MB
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


def corpus_sizes(scale: float = 1.0, realistic: bool = False) -> dict[str, int]:
    """The corpus's counts: the tutor corpus, ``scale`` times as many children, cards and messages; with
    ``realistic``, the real card file's 237 cards (whatever the scale: the file is what is hard)."""
    sizes = {k: max(1, round(v * scale)) if k in SCALED else v for k, v in SIZES.items()}
    if realistic:
        sizes["cards"] = REALISTIC["cards"]
    return sizes


def make_corpus(folder: Path, image_chars: int, sizes: dict[str, int] | None = None) -> dict:
    """Generate the corpus in a child process (so that this process stays small), once per folder and shape."""
    sizes = sizes or dict(SIZES)
    if sizes != SIZES or image_chars != 20_000:  # the tutor corpus keeps the folder it always had
        folder = folder / ("corpus-" + "-".join(str(sizes[k]) for k in SCALED) + f"-{image_chars}")
    marker = folder / "corpus.json"
    if not marker.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, __file__, "--generate", str(folder), "--image-chars", str(image_chars)]
            + ["--corpus-sizes", json.dumps(sizes)],
            check=True,
        )
    return json.loads(marker.read_text())


def generate(folder: Path, image_chars: int, sizes: dict[str, int]) -> None:
    marker = folder / "corpus.json"
    info = write_corpus(
        folder,
        **sizes,
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


def rows_of(db_path: Path, home: Path) -> dict[str, list[tuple]]:
    """The rows the migration wrote, to insert the same rows again for the floor (read outside the timing). The
    database is encrypted (the app's default) with the key the run stored in its data folder."""
    from desktop.store import cipher

    key = next((home / "keys").glob("*.key"), None)
    con = cipher.connect(db_path, bytes.fromhex(key.read_text()) if key else None)
    try:
        return {
            t: con.execute(f"SELECT {', '.join(c)} FROM {t} ORDER BY rowid").fetchall()
            for t, c in TABLE_COLUMNS.items()
        }
    finally:
        con.close()


def floor(files: list[str], rows: dict[str, list[tuple]], db_path: Path) -> dict[str, float]:
    """The cheapest correct way to the same rows: json.loads the files, then executemany the rows into bare plan
    tables (no triggers) in one transaction, dropping the indexes the migration drops for a bulk load and rebuilding
    them after. Timed from the open database with its tables made (where the migration's timing starts too), wall
    and CPU clock; returns {"wall", "cpu", "parse", "write", "reindex"} (the last three wall seconds)."""
    con = sqlite3.connect(db_path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = wal")
        con.execute("PRAGMA synchronous = full")
        con.execute("PRAGMA foreign_keys = 1")
        con.executescript(PLAN_TABLES_SQL)
        bulk = sum(len(r) for r in rows.values()) >= BULK_ROWS  # the migration's own rule (an empty database)
        start, cpu = time.perf_counter(), time.process_time()
        for name in files:
            json.loads(Path(name).read_bytes().decode("utf-8-sig"))
        parsed = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        indexes = con.execute(BULK_INDEXES_SQL, BULK_TABLES).fetchall()
        indexes = indexes if bulk else []
        for name, _ in indexes:
            con.execute(f'DROP INDEX "{name}"')
        for table, columns in TABLE_COLUMNS.items():
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            con.executemany(sql, rows[table])
        written = time.perf_counter()
        for _, sql in indexes:
            con.execute(sql)
        con.execute("COMMIT")
        end, cpu = time.perf_counter(), time.process_time() - cpu
    finally:
        con.close()
    return {
        "wall": end - start,
        "cpu": cpu,
        "parse": parsed - start,
        "write": written - parsed,
        "reindex": end - written,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", metavar="DIR", help="generate (or reuse) the corpus in DIR")
    parser.add_argument("--image-chars", type=int, help="base64 characters per card image (20,000 unless --realistic)")
    parser.add_argument(
        "--realistic", action="store_true", help="real card files: 237 cards of ~135 KB images (~32 MB)"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="times the tutor's children, cards and messages")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of the migration and of the floor")
    parser.add_argument("--generate", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--corpus-sizes", help=argparse.SUPPRESS)
    args = parser.parse_args()
    image_chars = args.image_chars or (REALISTIC["image_chars"] if args.realistic else 20_000)
    if args.generate:
        generate(Path(args.generate), image_chars, json.loads(args.corpus_sizes) if args.corpus_sizes else dict(SIZES))
        return
    sizes = corpus_sizes(args.scale, args.realistic)
    with tempfile.TemporaryDirectory(prefix="ml-bench-") as tmp:
        work = Path(tmp)
        corpus_dir = Path(args.keep) if args.keep else work / "corpus"
        corpus_dir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        corpus = make_corpus(corpus_dir, image_chars, sizes)
        file_sizes = {Path(f).name: Path(f).stat().st_size for f in corpus["files"]}
        source_bytes, largest = sum(file_sizes.values()), max(file_sizes.items(), key=lambda kv: kv[1])
        print(
            f"corpus: {sizes['profiles']} profiles × {sizes['zh_words']:,} zh + {sizes['en_words']:,} en words, "
            f"{sizes['grammar']} grammar each, {sizes['cards']:,} cards (~{image_chars // 1000} KB images), "
            f"{sizes['chats']:,} chat messages; {source_bytes / 1e6:.1f} MB of JSON, the largest file "
            f"{largest[0]} {largest[1] / 1e6:.1f} MB (ready in {time.perf_counter() - started:.1f} s)"
        )

        results = [
            run_migration(corpus["read_path"], work / f"ledger-{i}.db", work / f"home-{i}") for i in range(args.runs)
        ]
        result = results[0]
        print(
            f"migration: status {result['status']}, verified {'OK' if all(r['ok'] for r in results) else 'NOT OK'}, "
            f"new {sum(result['new'].values()):,} records {result['new']}; {args.runs} runs of each side, "
            f"median (min–max)"
        )
        rows = rows_of(work / "ledger-0.db", work / "home-0")
        floors = [floor(corpus["files"], rows, work / f"floor-{i}.db") for i in range(args.runs)]
        wall, cpu = [r["seconds"] for r in results], [r["cpu"] for r in results]
        floor_wall, floor_cpu = [f["wall"] for f in floors], [f["cpu"] for f in floors]
        ratio = median(wall) / median(floor_wall)
        print(f"migration (read, archive, backup, audited write, verify): {spread(wall)}, CPU {spread(cpu)}")
        print(
            f"floor (json.loads {median([f['parse'] for f in floors]):.2f} s + executemany without triggers, "
            f"{len(BULK_TABLES)} tables' indexes dropped, {median([f['write'] for f in floors]):.2f} s + indexes "
            f"rebuilt {median([f['reindex'] for f in floors]):.2f} s): {spread(floor_wall)}, CPU {spread(floor_cpu)}"
        )
        print(
            f"ratio: {ratio:.2f}  (goal ≤ 3: {'met' if ratio <= 3 else 'MISSED'}); CPU-time ratio "
            f"{median(cpu) / median(floor_cpu):.2f} (less sensitive to other processes on the machine)"
        )
        print(f"re-run of the same folder ({result['rerun_status']}): {spread([r['rerun'] for r in results])}")
        peaks = [r["maxrss_kb"] * 1024 for r in results]
        above = [(r["maxrss_kb"] - r["ready_kb"]) * 1024 for r in results]
        peak = median(peaks)
        print(
            f"peak memory of the migrating process (VmHWM): {spread([p / 1e6 for p in peaks], 'MB', 0)} = "
            f"{peak / source_bytes:.2f} × the source files (goal ≤ 4: {'met' if peak <= 4 * source_bytes else 'MISSED'})"
            f"; above the {median([r['ready_kb'] for r in results]) * 1024 / 1e6:.0f} MB before reading anything "
            f"(interpreter, app, open database): {spread([a / 1e6 for a in above], 'MB', 0)} = "
            f"{median(above) / largest[1]:.2f} × the largest source file"
        )


if __name__ == "__main__":
    main()

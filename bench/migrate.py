"""Time to migrate a tutor-sized legacy folder, next to the floor, and the migration's peak memory.

The corpus (tests/unit/legacy/corpus.py, every quirk of legacy-format.md): 50 children × 5,000 Chinese + 3,000
English words and 100 grammar points each, 2,000 cards, 5,000 chat messages (``--scale`` multiplies the number of
children, cards and messages). The cards here carry ~20 KB images (``--image-chars``); real cards inline a ~135 KB
image each and a real ``approved_cards.json`` is ~32 MB for 237 cards: ``--realistic`` writes that file (237 cards of
135 KB images), so that the memory figure is measured on the hard case.

    python bench/migrate.py                 # generates the corpus in a temporary folder
    python bench/migrate.py --keep DIR      # ... in DIR, reused by later runs
    python bench/migrate.py --scale 0.2 --realistic --runs 3
    python bench/migrate.py --sizes --keep DIR          # growth: 1×, 3× and 10× (~4M records); add --runs 1 if slow

Migration: ``importer.migrate(...)`` end to end into a fresh SQLite database — reading and checking the files,
the source archive, the database backup before migration, the audited write, verification — in a child process
whose peak RSS (VmHWM, or ru_maxrss off Linux) is the memory figure, taken above what the process held once the
database was open. Floor, in this process: ``json.loads`` of the same files plus ``executemany`` of the same rows
into the plan's tables without triggers, in one transaction, each run both with every index live (as the migration
writes) and with the plain indexes of mastered_words dropped before and rebuilt after, the cheaper way counting
(the floor is the cheapest correct way, whatever the app does). Both sides are timed from the same
point (the database open, its tables made) with the wall clock and with the CPU clock (``time.process_time``). Each
side runs ``--runs`` times (3 unless told), each on a fresh database; every figure is the median and the spread
(min–max). Prints the figures and the goals (CPU time ≤ 2.5 × the floor's; peak memory above idle ≤ 1 × the largest
source file); with ``--sizes``, the log-log slope of time and memory against the records migrated (goals: time ≤ 1.1,
memory flat). Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.stats import RUNS, median, spread  # noqa: E402
from desktop.legacy.write import written_columns  # noqa: E402
from desktop.store.schema import DATA_TABLES, PLAN_TABLES_SQL  # noqa: E402
from tests.unit.legacy.corpus import write_corpus  # noqa: E402

SIZES = {"profiles": 50, "zh_words": 5_000, "en_words": 3_000, "grammar": 100, "cards": 2_000, "chats": 5_000}
SCALED = ("profiles", "cards", "chats")  # what --scale multiplies (each child keeps a tutor's word lists)
REALISTIC = {"cards": 237, "image_chars": 135_000}  # a real approved_cards.json: ~32 MB
GROWTH = (1, 3, 10)  # --sizes: these times --scale (10× the tutor corpus: ~4M records)
GOAL_RATIO = 2.5  # the migration's CPU time, at most this many times the floor's
ASSIGN_TO = "Child A (孩子甲）"  # the first generated profile gets the cards and the unattributed chat
TABLE_COLUMNS = {table: written_columns(table) for table in DATA_TABLES}  # what a migration writes
#: The floor's other way to the same rows: the plain (non-unique) indexes of the biggest table dropped before the
#: inserts and built again after; each run takes whichever way costs it less CPU.
DROPPED_INDEXES_SQL = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mastered_words' "
    "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
)

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


def key_of(home: Path) -> bytes | None:
    """The key the migrating run stored in its data folder (the app encrypts new databases; file key storage, as on
    a machine without a keychain), or None for a plain database."""
    key = next((home / "keys").glob("*.key"), None)
    return bytes.fromhex(key.read_text()) if key else None


def rows_of(db_path: Path, key: bytes | None) -> dict[str, list[tuple]]:
    """The rows the migration wrote, to insert the same rows again for the floor (read outside the timing)."""
    from desktop.store import cipher  # after sys.path has the checkout (see the top of this file)

    con = cipher.connect(db_path, key)
    try:
        return {
            t: con.execute(f"SELECT {', '.join(c)} FROM {t} ORDER BY rowid").fetchall()
            for t, c in TABLE_COLUMNS.items()
        }
    finally:
        con.close()


def floor(
    files: list[str], rows: dict[str, list[tuple]], db_path: Path, key: bytes | None, drop: bool
) -> dict[str, float]:
    """A correct way to the same rows without the app: json.loads the files, then executemany the rows into bare
    plan tables (no triggers) in one transaction — with every index live, or (``drop``) with the plain indexes of
    ``mastered_words`` dropped before and built again after; encrypted with ``key`` like the app's database
    (SQLCipher), plain when None. Timed from the open database with its tables made (where the migration's timing
    starts too), wall and CPU clock; returns {"wall", "cpu", "parse", "write", "reindex", "drop"} (the middle three
    wall seconds)."""
    from desktop.store import cipher  # after sys.path has the checkout (see the top of this file)

    con = cipher.connect(db_path, key, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = wal")
        con.execute("PRAGMA synchronous = full")
        con.execute("PRAGMA foreign_keys = 1")
        con.executescript(PLAN_TABLES_SQL)
        start, cpu = time.perf_counter(), time.process_time()
        for name in files:
            json.loads(Path(name).read_bytes().decode("utf-8-sig"))
        parsed = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        indexes = con.execute(DROPPED_INDEXES_SQL).fetchall() if drop else []
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
        "drop": drop,
    }


def measure(
    corpus_dir: Path, work: Path, sizes: dict[str, int], image_chars: int, runs: int, plain_floor: bool = False
) -> dict[str, float]:
    """One corpus size: the migration and the floor ``runs`` times each, printed; the medians returned."""
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
    results, key = [], None
    for i in range(runs):
        results.append(run_migration(corpus["read_path"], work / f"ledger-{i}.db", work / f"home-{i}"))
        if not i:
            key = key_of(work / "home-0")
        shutil.rmtree(work / f"home-{i}", ignore_errors=True)  # its archive and backup: keep the disk free
        if i:  # one database is kept for the floor's rows
            (work / f"ledger-{i}.db").unlink()
    result = results[0]
    print(
        f"migration: status {result['status']}, verified {'OK' if all(r['ok'] for r in results) else 'NOT OK'}, "
        f"new {sum(result['new'].values()):,} records {result['new']}; {runs} runs of each side, median (min–max)"
    )
    rows = rows_of(work / "ledger-0.db", key)
    (work / "ledger-0.db").unlink()
    floors = []
    for i in range(runs):
        ways = []
        for drop in (False, True):  # the cheaper of the two ways is this run's floor
            ways.append(floor(corpus["files"], rows, work / f"floor-{i}.db", None if plain_floor else key, drop))
            for leftover in work.glob(f"floor-{i}.db*"):
                leftover.unlink()
        floors.append(min(ways, key=lambda way: way["cpu"]))
    del rows
    wall, cpu = [r["seconds"] for r in results], [r["cpu"] for r in results]
    floor_wall, floor_cpu = [f["wall"] for f in floors], [f["cpu"] for f in floors]
    ratio = median(cpu) / median(floor_cpu)
    print(f"migration (read, archive, backup, audited write, verify): {spread(wall)}, CPU {spread(cpu)}")
    print(
        f"floor (json.loads {median([f['parse'] for f in floors]):.2f} s + executemany without triggers, "
        f"{median([f['write'] for f in floors]):.2f} s + indexes rebuilt {median([f['reindex'] for f in floors]):.2f} s; "
        f"the cheaper of indexes live or dropped, dropped in {sum(bool(f['drop']) for f in floors)} of {len(floors)} "
        f"runs): {spread(floor_wall)}, CPU {spread(floor_cpu)}"
    )
    print(
        f"CPU-time ratio: {ratio:.2f} (goal ≤ {GOAL_RATIO}: {'met' if ratio <= GOAL_RATIO else 'MISSED'}); "
        f"wall-time ratio {median(wall) / median(floor_wall):.2f} (more sensitive to other processes on the machine)"
    )
    print(f"re-run of the same folder ({result['rerun_status']}): {spread([r['rerun'] for r in results])}")
    peaks = [r["maxrss_kb"] * 1024 for r in results]
    above = [(r["maxrss_kb"] - r["ready_kb"]) * 1024 for r in results]
    times_largest = median(above) / largest[1]
    print(
        f"peak memory of the migrating process (VmHWM): {spread([p / 1e6 for p in peaks], 'MB', 0)} "
        f"= {median(peaks) / source_bytes:.2f} × the source files; above the "
        f"{median([r['ready_kb'] for r in results]) * 1024 / 1e6:.0f} MB before reading anything (interpreter, app, "
        f"open database): {spread([a / 1e6 for a in above], 'MB', 0)} = {times_largest:.2f} × the largest source "
        f"file (goal ≤ 1: {'met' if times_largest <= 1 else 'MISSED'})"
    )
    records = sum(result["new"].values())
    return {
        "records": records,
        "cpu": median(cpu),
        "wall": median(wall),
        "floor_cpu": median(floor_cpu),
        "above": median(above),
        "largest": largest[1],
    }


def slope(xs: list[float], ys: list[float]) -> float:
    """The least-squares slope of log(y) against log(x): 1 is linear growth, 0 flat."""
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-9)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", metavar="DIR", help="generate (or reuse) the corpus in DIR")
    parser.add_argument("--image-chars", type=int, help="base64 characters per card image (20,000 unless --realistic)")
    parser.add_argument(
        "--realistic", action="store_true", help="real card files: 237 cards of ~135 KB images (~32 MB)"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="times the tutor's children, cards and messages")
    parser.add_argument(
        "--sizes", action="store_true", help=f"growth: the corpus at {', '.join(f'{s:g}×' for s in GROWTH)} --scale"
    )
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of the migration and of the floor (each size)")
    parser.add_argument(
        "--plain-floor",
        action="store_true",
        help="a plain SQLite floor (the app's database is encrypted: the ratio then includes SQLCipher's cost)",
    )
    parser.add_argument("--generate", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--corpus-sizes", help=argparse.SUPPRESS)
    args = parser.parse_args()
    image_chars = args.image_chars or (REALISTIC["image_chars"] if args.realistic else 20_000)
    if args.generate:
        generate(Path(args.generate), image_chars, json.loads(args.corpus_sizes) if args.corpus_sizes else dict(SIZES))
        return
    scales = [args.scale * g for g in GROWTH] if args.sizes else [args.scale]
    with tempfile.TemporaryDirectory(prefix="ml-bench-") as tmp:
        work = Path(tmp)
        corpus_dir = Path(args.keep) if args.keep else work / "corpus"
        corpus_dir.mkdir(parents=True, exist_ok=True)
        found = []
        for scale in scales:
            if args.sizes:
                print(f"\n== {scale:g}× the tutor corpus ==")
            found.append(
                measure(corpus_dir, work, corpus_sizes(scale, args.realistic), image_chars, args.runs, args.plain_floor)
            )
    if len(found) > 1:
        print("\ngrowth (log-log slope against the records migrated; goal: time ≤ 1.1, memory flat):")
        for f, scale in zip(found, scales, strict=True):
            print(
                f"  {scale:>4g}×  {f['records']:>10,} records  CPU {f['cpu']:7.2f} s  (floor {f['floor_cpu']:6.2f} s, "
                f"ratio {f['cpu'] / f['floor_cpu']:.2f})  wall {f['wall']:7.2f} s  memory above idle "
                f"{f['above'] / 1e6:6.0f} MB = {f['above'] / f['largest']:.2f} × the largest file"
            )
        records = [f["records"] for f in found]
        print(
            f"  slope of CPU time {slope(records, [f['cpu'] for f in found]):.2f}, of wall time "
            f"{slope(records, [f['wall'] for f in found]):.2f}, of the floor's CPU time "
            f"{slope(records, [f['floor_cpu'] for f in found]):.2f}, of memory above idle "
            f"{slope(records, [f['above'] for f in found]):.2f} (and of the largest file "
            f"{slope(records, [f['largest'] for f in found]):.2f})"
        )


if __name__ == "__main__":
    main()

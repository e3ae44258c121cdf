"""What ``verify`` costs next to a plain ``PRAGMA integrity_check`` of the same file (goal: ≤ 3×).

The database is the ``bench/migrate.py`` tutor corpus migrated by the app (50 children, ~409,000 records, the
migration's audit rows and seals), so the audit log holds one entry per record. ``verify`` is the command's own
``desktop.cli.verify.check`` (open without repair, ``health.check``): integrity_check, foreign keys, the audit
machinery compared letter by letter, the hash chain recomputed, the data replayed against the log and the anchors.
The chain and the replay are timed on their own too, so the note can say where the time goes. Both sides run in one
process per run, ``--runs`` times (3 unless told); the figures are the median and the spread (min–max), wall
clock and CPU.

Each run is a fresh process (so its memory is its own): the peak resident memory above the process's idle
baseline (after the imports, before opening) is printed too. With ``--sizes`` the corpus is measured at 1×, 3× and
10× the tutor's (10× ≈ 4M audit rows, ~3.5 GB: generated once per folder, minutes) and the log-log slopes of cost
against records are printed (goal: ≤ 1.1, so cost grows linearly) with the memory at each size (goal: flat).

    python bench/verify.py                  # generates the corpus and the database in a temporary folder
    python bench/verify.py --keep DIR       # ... in DIR, reused by later runs
    python bench/verify.py --scale 0.2      # a fifth of the children, cards and messages
    python bench/verify.py --sizes --keep DIR [--big-runs 1]   # 1×, 3×, 10× (10×: --big-runs runs, 1 unless told)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import migrate as migrate_bench  # noqa: E402
from bench.stats import RUNS, median, spread  # noqa: E402
from desktop.store import cipher  # noqa: E402


def build(folder: Path, scale: float = 1.0) -> Path:
    """The migrated corpus (made once per folder and scale, by bench/migrate.py's generator and the app's
    importer)."""
    db_path = folder / ("verify-bench.db" if scale == 1.0 else f"verify-bench-{scale:g}.db")
    if db_path.exists():
        return db_path
    corpus = migrate_bench.make_corpus(folder / "corpus", 20_000, migrate_bench.corpus_sizes(scale))
    env = dict(os.environ, MASTERY_LEDGER_HOME=str(folder / "home"))
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from desktop.store import db; from desktop.legacy import importer; "
        "db.open_database(sys.argv[3]); "
        "r = importer.migrate(sys.argv[2], assume_tz='+08:00', assign_to=sys.argv[4]); print(r.status)"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(REPO), corpus["read_path"], str(db_path), migrate_bench.ASSIGN_TO],
        env=env,
        check=True,
    )
    return db_path


#: One measured run in a fresh process: argv = repo, database; prints JSON with CPU and wall seconds of
#: integrity_check and of verify (open without repair + health.check), two of verify's parts timed again alone
#: (after the peak memory was read), and memory (kB).
CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from desktop import replay
from desktop.cli import verify
from desktop.store import audit, cipher, db
from desktop.store.engine import engine_of

def rss(field):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field))

def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return [time.perf_counter() - wall, time.process_time() - cpu], out

def integrity():
    con = cipher.connect(sys.argv[2])  # the app's database is encrypted: the integrity check decrypts every page too
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()

base = rss("VmRSS:")
plain, _ = timed(integrity)
ours, report = timed(lambda: verify.check(sys.argv[2]))
assert report.healthy, report.problems
peak = rss("VmHWM:")
database = db.open_database(sys.argv[2], create=False, repair=False, check=False)
parts = {}
for name, fn in (("chain", lambda: audit.verify_chain(database)), ("replay", lambda: replay.problems(database))):
    parts[name] = timed(fn)[0][1]
db.close_database()
print(json.dumps({"integrity": plain, "verify": ours, "parts": parts, "base_kb": base, "peak_kb": peak}))
"""


def measure(db_path: Path, home: Path) -> dict:
    env = dict(os.environ, MASTERY_LEDGER_HOME=str(home))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(REPO), str(db_path)], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def audit_rows(db_path: Path) -> int:
    con = cipher.connect(db_path)
    try:
        return con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        con.close()


def report_size(db_path: Path, runs: list[dict]) -> dict[str, float]:
    """Print one size's figures; return its medians (CPU seconds, MB above the baseline)."""
    plain_cpu, ours_cpu = [r["integrity"][1] for r in runs], [r["verify"][1] for r in runs]
    for label, idx in (("wall", 0), ("CPU", 1)):
        a, b = [r["integrity"][idx] for r in runs], [r["verify"][idx] for r in runs]
        print(
            f"  {label:4} integrity_check {spread(a)}   verify {spread(b)}   ratio {median(b) / median(a):.2f}"
            " (goal ≤ 3)"
        )
    above = [(r["peak_kb"] - r["base_kb"]) / 1024 for r in runs]
    parts = {k: [r["parts"][k] for r in runs] for k in runs[0]["parts"]}
    print(
        "  verify's own parts (CPU): "
        + ", ".join(f"{k} {spread(v)}" for k, v in parts.items())
        + f"; peak memory above the idle process {spread(above, 'MB', 0)}"
    )
    return {"integrity": median(plain_cpu), "verify": median(ours_cpu), "memory": median(above)}


def slope(xs: list[float], ys: list[float]) -> float:
    """The least-squares slope of log(y) against log(x): 1 is linear growth."""
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-9)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", metavar="DIR", help="generate (or reuse) the corpus and database in DIR")
    parser.add_argument("--scale", type=float, default=1.0, help="times the tutor's children, cards and messages")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of each side")
    parser.add_argument("--sizes", action="store_true", help="1×, 3× and 10× the tutor corpus, and the slopes")
    parser.add_argument("--big-runs", type=int, default=1, help="runs at 10× with --sizes (each takes minutes)")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ml-verify-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["MASTERY_LEDGER_HOME"] = str(folder / "home")
    scales = (1.0, 3.0, 10.0) if args.sizes else (args.scale,)
    rows, figures = [], []
    for scale in scales:
        db_path = build(folder, scale)
        rows.append(audit_rows(db_path))
        runs = args.big_runs if scale >= 10 else args.runs
        print(
            f"{scale:g}× — database {db_path.stat().st_size / 1_048_576:,.0f} MB, {rows[-1]:,} audit rows, "
            f"{runs} run(s)"
        )
        figures.append(report_size(db_path, [measure(db_path, folder / "home") for _ in range(runs)]))
    if len(scales) > 1:
        cost = {k: slope(rows, [f[k] for f in figures]) for k in ("integrity", "verify")}
        ratios = ", ".join(f"{s:g}× {f['verify'] / f['integrity']:.2f}" for s, f in zip(scales, figures, strict=True))
        memory = ", ".join(f"{s:g}× {f['memory']:.0f} MB" for s, f in zip(scales, figures, strict=True))
        print(
            f"log-log slope of CPU against audit rows: verify {cost['verify']:.2f}, integrity_check "
            f"{cost['integrity']:.2f} (goal ≤ 1.1)\nCPU ratio by size: {ratios} (goal ≤ 3 at 10×)\n"
            f"peak memory above the idle process by size: {memory} (goal: flat)"
        )


if __name__ == "__main__":
    main()

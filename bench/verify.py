"""What ``verify`` costs next to a plain ``PRAGMA integrity_check`` of the same file (goal: ≤ 3×).

The database is the ``bench/migrate.py`` tutor corpus migrated by the app (50 children, ~409,000 records, the
migration's audit rows and seals), so the audit log holds one entry per record. ``verify`` is ``health.check`` as the
command runs it: integrity_check, foreign keys, the audit machinery compared letter by letter, the hash chain
recomputed, the data replayed against the log and the anchors. Each is timed on its own too, so the note can say
where the time goes. Both sides run in this process on a freshly opened connection, ``--runs`` times (3 unless
told); the figures are the median and the spread (min–max), wall clock and CPU.

    python bench/verify.py                  # generates the corpus and the database in a temporary folder
    python bench/verify.py --keep DIR       # ... in DIR, reused by later runs
    python bench/verify.py --scale 0.2      # a fifth of the children, cards and messages
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
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


def timed(fn) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def integrity(db_path: Path) -> None:
    con = cipher.connect(db_path)  # the app's database: encrypted
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


def verify(db_path: Path, parts: dict[str, list[float]]) -> tuple[float, float]:
    """``verify`` as the command runs it (open without repair + health.check), timed; then each part alone."""
    from desktop import health, replay
    from desktop.store import audit, db
    from desktop.store.engine import engine_of

    reports = []
    spent = timed(lambda: reports.append(health.check(db.open_database(db_path, create=False, repair=False))))
    database = db.current()
    try:
        assert reports[0].healthy, reports[0].problems
        for name, fn in (
            ("machinery", lambda: engine_of(database).machinery_problems(database)),
            ("chain", lambda: audit.verify_chain(database)),
            ("replay", lambda: replay.problems(database)),
            ("anchors", lambda: audit.anchor_problems(database)),
        ):
            parts.setdefault(name, []).append(timed(fn)[1])
    finally:
        db.close_database()
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", metavar="DIR", help="generate (or reuse) the corpus and database in DIR")
    parser.add_argument("--scale", type=float, default=1.0, help="times the tutor's children, cards and messages")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of each side")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ml-verify-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["MASTERY_LEDGER_HOME"] = str(folder / "home")
    db_path = build(folder, args.scale)
    con = cipher.connect(db_path)
    rows = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    con.close()
    print(f"database: {db_path.stat().st_size / 1_048_576:.0f} MB, {rows:,} audit rows")
    plain: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    parts: dict[str, list[float]] = {}
    for _ in range(args.runs):
        plain.append(timed(lambda: integrity(db_path)))
        ours.append(verify(db_path, parts))
    for label, idx in (("wall", 0), ("CPU", 1)):
        a, b = [p[idx] for p in plain], [o[idx] for o in ours]
        print(
            f"{label:5} integrity_check {spread(a)}   verify {spread(b)}   ratio {median(b) / median(a):.2f} (goal ≤ 3)"
        )
    print(
        "verify's parts besides integrity_check (CPU, median (min–max)): "
        + ", ".join(f"{k} {spread(v)}" for k, v in parts.items())
    )


if __name__ == "__main__":
    main()

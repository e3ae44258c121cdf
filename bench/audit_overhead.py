"""Audit overhead: 200,000 mastered words written (a) through the app's layer — services.bulk_add_words, so every
row is validated, written by triggers into audit_log and sealed into the hash chain at each commit — and (b) with
plain ``executemany`` into the plan's bare tables (no triggers, no extra indexes), same pragmas, same
number of transactions. Both sides are timed from the same point (the database open, its tables made, the words in
memory) with the wall clock and the CPU clock (``time.process_time``). Each side runs ``--repeat`` times (3 unless
told), each in a fresh folder; prints every run, then the median and the spread (min–max) of each side and the
ratio of the medians next to the floor it is measured against (≤ 2.5), and the CPU the search index's catch-up
of those audit rows costs later (off the write path).

    python3 bench/audit_overhead.py [--profiles 20] [--words 10000] [--repeat 3]

Invented data only; everything is written to a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.stats import RUNS, Clock, median, spread  # noqa: E402
from desktop.store.cipher import dbapi  # noqa: E402

FLOOR = 2.5  # issue 16: audited writes ≤ 2.5× plain executemany (CPU)


def words_for(profile: int, count: int) -> list[str]:
    return [f"word-{profile:02d}-{i:05d}" for i in range(count)]


def stamp() -> str:
    from desktop.services import now_iso

    return now_iso()


def run_audited(folder: Path, profiles: int, words: int) -> tuple[Clock, dict]:
    from desktop import services
    from desktop.store import audit, db, search

    path = folder / "audited.db"
    db.open_database(path)
    batches = [words_for(p, words) for p in range(profiles)]
    with Clock() as elapsed:
        for p, batch in enumerate(batches):
            pid = services.create_profile(f"Bench Child {p:02d}")["id"]
            result = services.bulk_add_words(pid, batch, "en")
            assert len(result.added) == words
    database = db.current()
    # The search index is caught up off the write path (the audit-log viewer does it in the background): timed
    # apart, so both figures show — what a write costs, and what indexing its audit rows costs later.
    with Clock() as indexing:
        search.catch_up(database)
    facts = {
        "index catch-up s CPU": round(indexing.cpu, 2),
        "audit rows": database.execute_sql("SELECT count(*) FROM audit_log").fetchone()[0],
        "seals": database.execute_sql("SELECT count(*) FROM audit_seal").fetchone()[0],
    }
    report = audit.verify_chain(database)
    facts["chain"] = report.summary()
    db.close_database()
    facts["file MB"] = round(path.stat().st_size / 1_048_576, 1)
    return elapsed, facts


def run_plain(folder: Path, profiles: int, words: int) -> tuple[Clock, dict]:
    from desktop import keys
    from desktop.store import cipher
    from desktop.store.schema import PLAN_TABLES_SQL
    from desktop.store.sqlite import BUSY_TIMEOUT_SECONDS, PRAGMAS

    path = folder / "plain.db"  # plain = no triggers; encrypted like the app's database, so the ratio is the audit's
    with closing(cipher.connect(path, keys.new_key(), timeout=BUSY_TIMEOUT_SECONDS)) as con:
        for name, value in PRAGMAS.items():
            con.execute(f"PRAGMA {name} = {value}")
        con.executescript(PLAN_TABLES_SQL)
        batches = [words_for(p, words) for p in range(profiles)]
        with Clock() as elapsed:
            for p, batch in enumerate(batches):
                pid = f"bench-child-{p:02d}"
                now = stamp()
                with con:
                    con.execute(
                        "INSERT INTO profiles (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                        (pid, f"Bench Child {p:02d}", now, now),
                    )
                now = stamp()
                with con:
                    con.executemany(
                        "INSERT INTO mastered_words (profile_id, word, language, added_at) VALUES (?, ?, 'en', ?)",
                        ((pid, w, now) for w in batch),
                    )
        rows = con.execute("SELECT count(*) FROM mastered_words").fetchone()[0]
    return elapsed, {"rows": rows, "file MB": round(path.stat().st_size / 1_048_576, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=20)
    parser.add_argument("--words", type=int, default=10_000, help="words per profile")
    parser.add_argument("--repeat", type=int, default=RUNS, help="runs of each; the median and min–max are shown")
    args = parser.parse_args()

    total = args.profiles * args.words
    print(
        f"audit overhead: {total:,} words ({args.profiles} profiles x {args.words:,}), SQLCipher's SQLite "
        f"{dbapi.sqlite_version}, both sides encrypted"
    )
    audited_runs, plain_runs, index_runs = [], [], []
    for run in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="ledger-bench-") as tmp:
            folder = Path(tmp)
            os.environ["MASTERY_LEDGER_HOME"] = str(folder / "home")
            plain, plain_facts = run_plain(folder, args.profiles, args.words)
            audited, audited_facts = run_audited(folder, args.profiles, args.words)
        plain_runs.append(plain)
        audited_runs.append(audited)
        index_runs.append(audited_facts["index catch-up s CPU"])
        print(f"  run {run + 1}: plain   {plain.wall:6.2f} s wall {plain.cpu:6.2f} s CPU  {plain_facts}")
        print(f"         audited {audited.wall:6.2f} s wall {audited.cpu:6.2f} s CPU  {audited_facts}")
    plains_cpu = [r.cpu for r in plain_runs]
    auditeds_cpu = [r.cpu for r in audited_runs]
    for kind in ("wall", "cpu"):
        plains = [getattr(r, kind) for r in plain_runs]
        auditeds = [getattr(r, kind) for r in audited_runs]
        plain, audited = median(plains), median(auditeds)
        label = "wall" if kind == "wall" else "CPU "
        print(
            f"{label}: plain executemany (no triggers) {spread(plains)} ({total / plain:,.0f} rows/s); "
            f"services.bulk_add_words (audited, sealed) {spread(auditeds)} ({total / audited:,.0f} rows/s); "
            f"ratio {audited / plain:.2f} (floor <= {FLOOR}: {'within' if audited / plain <= FLOOR else 'ABOVE'})"
        )
    plain_cpu, audited_cpu, index_cpu = (median(v) for v in (plains_cpu, auditeds_cpu, index_runs))
    print(
        f"search index catch-up of those audit rows (later, off the write path): {spread(index_runs)} CPU; "
        f"audited + catch-up {(audited_cpu + index_cpu) / plain_cpu:.2f}x plain (CPU)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

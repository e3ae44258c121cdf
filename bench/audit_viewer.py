"""How fast the audit-log viewer opens and filters on a large log.

Builds (once, cached in the temp folder unless --fresh) a database whose audit log holds 1,000,000 rows spread over
two years: one migration batch of 150,000 rows, bulk pastes and bulk deletes of 20–2,000 rows, and single edits
by the app and by other programs, for 60 children. The rows are inserted straight into ``audit_log`` with the
guard triggers in place (appending is what they allow), then sealed like the app seals.

Then, offscreen, it measures the time from ``open_audit_log()`` to the first rows painted, and from changing a
filter to the filtered rows painted, against the goal of 300 ms each. The viewer is measured as users get it: it
verifies the whole hash chain in the background while those first paints happen (``verify=True``, the app's
default), and the database has no planner statistics (the app runs ANALYZE only on Optimize; statistics left by an
earlier ``--analyze`` run are dropped first). ``--no-verify --analyze`` measures the old, flattering way. Each
figure is the median and the spread (min–max) of ``--runs`` runs (3 unless told)::

    QT_QPA_PLATFORM=offscreen python3 bench/audit_viewer.py [--rows 1000000] [--fresh] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.stats import RUNS, median, spread  # noqa: E402
from desktop.store import cipher  # noqa: E402

GOAL_MS = 300
#: Issue 16: a text search paints its result within this, on 1M audit rows, found or not.
SEARCH_GOAL_MS = 150
CHILDREN = 60
WORDS = ["苹果", "香蕉", "橙子", "葡萄", "西瓜", "猫", "狗", "鱼", "鸟", "马", "apple", "pear", "dog", "cat", "tree"]


def build(path: Path, rows: int, seed: int = 7) -> None:
    """A database with ``rows`` audit rows (and the children they name)."""
    from desktop import services
    from desktop.store import audit, db

    if path.exists():
        path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    database = db.open_database(path)
    rng = random.Random(seed)
    pids = [services.create_profile(f"Child {n:02d}", actor="migration")["id"] for n in range(CHILDREN)]
    for pid in pids[:40]:
        services.bulk_add_words(pid, " ".join(rng.sample(WORDS, 8)), "zh")
    start = datetime(2024, 1, 1, tzinfo=UTC)
    span = timedelta(days=730).total_seconds()
    sql = (
        "INSERT INTO audit_log (table_name, record_id, action, old_value, new_value, changed_at, changed_by, "
        "batch_id, profile_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    existing = database.execute_sql("SELECT count(*) FROM audit_log").fetchone()[0]
    todo = rows - existing
    made = 0
    next_id = 100_000
    clock = 0.0
    connection = database.connection()
    # One write transaction: rows go in batch after batch, in time order, like the app writes them.
    with db.write_transaction(database):
        buffer: list[tuple] = []
        while made < todo:
            clock = min(span, clock + rng.expovariate(1.0) * span * 21 / max(todo, 1))
            at = start + timedelta(seconds=clock)
            size, actor, kind = _batch_shape(rng, made, todo)
            size = min(size, todo - made)
            batch = None if actor == "external" else uuid.uuid4().hex
            pid = rng.choice(pids)
            for k in range(size):
                next_id += 1
                table = rng.choice(["mastered_words"] * 6 + ["mastered_grammar", "approved_cards", "chat_messages"])
                word = rng.choice(WORDS)
                buffer.append(
                    _audit_row(kind, table, _row(table, next_id, pid, k, word, at), word, at, k, actor, batch)
                )
            made += size
            if len(buffer) >= 20_000:
                connection.executemany(sql, buffer)
                buffer.clear()
                print(f"\r  {existing + made:,} audit rows", end="", flush=True)
        if buffer:
            connection.executemany(sql, buffer)
        audit.seal(database)
    print(f"\r  {existing + made:,} audit rows, sealed")
    catch_up_index(database)
    db.close_database()


def catch_up_index(database) -> None:
    """Bring the search index up to the log, as the viewer does in the background whenever it opens (the build
    writes straight into audit_log, past the app)."""
    from desktop.store import search

    clock = time.process_time()
    indexed = search.catch_up(database)
    if indexed:
        print(f"  search index caught up: {indexed:,} rows in {time.process_time() - clock:.1f} s CPU")


def statistics_as(path: Path, analyze: bool) -> None:
    """Planner statistics as asked: made by ANALYZE, or none (as before the user's first Optimize)."""
    con = cipher.connect(path)  # the app's database: encrypted
    try:
        if analyze:
            con.execute("ANALYZE")
        else:
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'").fetchall():
                con.execute(f"DELETE FROM {name}")
        con.commit()
    finally:
        con.close()


def _batch_shape(rng: random.Random, made: int, todo: int) -> tuple[int, str, str]:
    """(size, actor, action) of the next batch: the import first, then edits by the user, the app, other programs."""
    r = rng.random()
    if made == 0:
        return min(150_000, todo), "migration", "INSERT"
    if r < 0.02:
        return rng.randint(20, 2000), "user", rng.choice(["INSERT", "DELETE"])
    if r < 0.10:
        return 1, "external", "UPDATE"
    return 1, rng.choice(["user", "user", "user", "system"]), rng.choice(["INSERT", "UPDATE", "UPDATE", "DELETE"])


def _row(table: str, row_id: int, pid: str, k: int, word: str, at: datetime) -> dict:
    if table == "mastered_grammar":
        return {
            "id": row_id,
            "profile_id": pid,
            "grammar_uri": f"grammar://zh/gp-{k % 90:03d}",
            "added_at": at.isoformat(),
            "version": 1,
        }
    if table == "approved_cards":
        return {
            "id": row_id,
            "profile_id": pid,
            "card_type": "basic",
            "status": "approved",
            "content": json.dumps({"front": word, "back": "…"}, ensure_ascii=False),
            "version": 1,
        }
    if table == "chat_messages":
        return {"id": row_id, "profile_id": pid, "role": "user", "content": f"今天学了{word}。", "version": 1}
    return {"id": row_id, "profile_id": pid, "word": word, "language": "zh", "added_at": at.isoformat(), "version": 1}


def _values(kind: str, table: str, row: dict, word: str) -> tuple[dict | None, dict | None]:
    """(old, new) values of an audit row of this action."""
    if kind == "INSERT":
        return None, row
    if kind == "DELETE":
        return row, None
    new = dict(row, version=2)
    if table == "mastered_words":
        new["word"] = word + "树"
    elif "content" in row:
        new["content"] = row["content"] + "!"
    else:
        new["grammar_uri"] = row["grammar_uri"] + "-x"
    return row, new


def _audit_row(
    kind: str, table: str, row: dict, word: str, at: datetime, k: int, actor: str, batch: str | None
) -> tuple:
    """One audit_log row (the columns of build's INSERT) for ``row``, the ``k``-th of its batch."""
    old, new = _values(kind, table, row, word)
    stamp = (at + timedelta(microseconds=k)).strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"
    return (
        table,
        str(row["id"]),
        kind,
        json.dumps(old, ensure_ascii=False) if old else None,
        json.dumps(new, ensure_ascii=False) if new else None,
        stamp,
        actor,
        batch,
        row["profile_id"],
    )


class PaintClock:
    """Milliseconds from :meth:`start` to the viewer's first paint after its rows are loaded."""

    def __init__(self, app) -> None:
        from PySide6.QtCore import QElapsedTimer, QEvent, QObject

        self.app, self.timer, self.viewer = app, QElapsedTimer(), None
        self.state: dict[str, float | None] = {"loaded": None, "painted": None}
        state, timer = self.state, self.timer

        class PaintWatch(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt override
                if event.type() == QEvent.Type.Paint and state["loaded"] is not None and state["painted"] is None:
                    state["painted"] = timer.nsecsElapsed() / 1e6
                return False

        self.watch = PaintWatch()

    def attach(self, viewer) -> None:
        self.viewer = viewer
        viewer.model.loading_changed.connect(self.loaded)
        viewer.table.viewport().installEventFilter(self.watch)

    def loaded(self, loading: bool) -> None:
        if not loading:
            self.state["loaded"] = self.timer.nsecsElapsed() / 1e6

    def start(self) -> None:
        self.app.processEvents()
        self.state.update(loaded=None, painted=None)
        self.timer.restart()

    def until_painted(self) -> float:
        from PySide6.QtCore import QEventLoop, QTimer

        viewer, state = self.viewer, self.state
        if not viewer.model.loading and state["loaded"] is None:
            state["loaded"] = self.timer.nsecsElapsed() / 1e6  # done synchronously (expanding a batch)
        deadline = time.monotonic() + 60
        # Sleep in the event loop between events (a busy loop would take the GIL from the reading thread).
        tick = QTimer()
        tick.start(5)
        while state["painted"] is None and time.monotonic() < deadline:
            if state["loaded"] is not None:
                viewer.table.viewport().update()
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        tick.stop()
        return state["painted"] if state["painted"] is not None else float("nan")


def filter_steps(viewer, pids: list[str]) -> list[tuple[str, Callable[[], object]]]:
    """The filters timed, in order, each as (name, action)."""
    from PySide6.QtCore import QDate

    day = QDate(2025, 3, 1)
    return [
        ("filter: one child", lambda: viewer.filters.set_child(pids[7])),
        ("filter: + table = card", lambda: viewer.filters.set_table("approved_cards")),
        ("filter: + action = deleted", lambda: viewer.filters.set_action("DELETE")),
        (
            "filter: all children, what = word",
            lambda: (viewer.clear_filters(), viewer.filters.set_table("mastered_words")),
        ),
        ("filter: who = another program", lambda: (viewer.clear_filters(), viewer.filters.set_actor("external"))),
        (
            "filter: who = import (one batch of 150,000)",
            lambda: (viewer.clear_filters(), viewer.filters.set_actor("migration")),
        ),
        ("filter: one week", lambda: (viewer.clear_filters(), viewer.filters.set_dates(day, day.addDays(6)))),
        ("filter: one year", lambda: (viewer.clear_filters(), viewer.filters.set_dates(day.addYears(-1), day))),
        (
            "filter: one child, one month",
            lambda: (
                viewer.clear_filters(),
                viewer.filters.set_child(pids[3]),
                viewer.filters.set_dates(day, day.addMonths(1)),
            ),
        ),
        (
            "filter: text 葡萄 (2 letters, found, through the index)",
            lambda: (viewer.clear_filters(), viewer.filters.set_text("葡萄")),
        ),
        (
            "filter: text 今天学了 (found, through the index)",
            lambda: (viewer.clear_filters(), viewer.filters.set_text("今天学了")),
        ),
        (
            "filter: text found nowhere",
            lambda: (viewer.clear_filters(), viewer.filters.set_text("zzqx")),
        ),
        (
            "filter: text of 2 letters found nowhere",
            lambda: (viewer.clear_filters(), viewer.filters.set_text("zq")),
        ),
        (
            "filter: text 萄 (1 letter, found, through the index)",
            lambda: (viewer.clear_filters(), viewer.filters.set_text("萄")),
        ),
        (
            "filter: text of 1 letter found nowhere",
            lambda: (viewer.clear_filters(), viewer.filters.set_text("龘")),
        ),
        ("clear every filter", viewer.clear_filters),
    ]


def measure(path: Path, verify: bool) -> tuple[list[tuple[str, float]], int]:
    """Milliseconds from each action to the first paint of its result (rows, or the empty table), and how many of
    the actions were timed while the background verification of the chain was still running."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from desktop.store import audit_log, db
    from desktop.ui.audit.viewer import open_audit_log

    app = QApplication.instance() or QApplication([])
    db.open_database(path)
    clock = PaintClock(app)
    results: list[tuple[str, float]] = []
    app.processEvents()
    clock.start()
    viewer = open_audit_log(None, verify=verify)
    clock.attach(viewer)
    results.append(("open the viewer → first rows painted", clock.until_painted()))
    overlapped = int(verify and viewer.chain_ok is None)
    for name, step in filter_steps(viewer, sorted(audit_log.profile_names())):
        clock.start()
        step()
        results.append((name, clock.until_painted()))
        overlapped += int(verify and viewer.chain_ok is None)
    viewer.clear_filters()
    viewer.filters.set_actor("migration")
    while viewer.model.loading:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    big = max(range(len(viewer.model.rows)), key=lambda r: viewer.model.rows[r].item.count)
    size = viewer.model.rows[big].item.count
    clock.start()
    viewer.model.toggle(big)
    results.append((f"expand the import batch ({size:,} rows)", clock.until_painted()))
    viewer.wait_idle()
    viewer.close()
    db.close_database()
    return results, overlapped


def prepare(path: Path, rows: int, fresh: bool) -> None:
    """The database of ``rows`` audit rows at ``path``: built if missing (or ``fresh``), opened once by the app
    (which upgrades an older cached file: a backup, then its search index) and its index caught up."""
    from desktop.store import db

    if fresh or not path.exists():
        print(f"building {path} ({rows:,} audit rows)…")
        t = time.perf_counter()
        build(path, rows)
        print(f"  built in {time.perf_counter() - t:.1f} s")
    catch_up_index(db.open_database(path))
    db.close_database()


def peak_rss_mb() -> float:
    """This process's peak resident memory, MB."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1_048_576


def slope(sizes: list[float], values: list[float]) -> float:
    """The log-log slope (least squares) of ``values`` against ``sizes``: 1 is linear growth, 0 flat."""
    xs, ys = [math.log(x) for x in sizes], [math.log(max(y, 1e-9)) for y in values]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else float("nan")


#: The figures --sizes follows across sizes (by the step's name as measure() reports it).
GROWTH_STEPS = (
    ("open", "open the viewer"),
    ("text found (index)", "filter: text 今天学了"),
    ("text found nowhere", "filter: text found nowhere"),
    ("2 letters, nowhere", "filter: text of 2 letters"),
    ("2 letters, found", "filter: text 葡萄"),
    ("1 letter, nowhere", "filter: text of 1 letter"),
    ("1 letter, found", "filter: text 萄"),
)


def run_sizes(args: argparse.Namespace, home: Path) -> int:
    """Each size in its own processes (a build, then the measurement: its peak memory is the viewer's alone)."""
    factors = [float(f) for f in args.sizes.split(",")]
    results = []
    for factor in factors:
        rows = int(args.rows * factor)
        out = home / f"sizes-{rows}.json"
        common = [sys.executable, __file__, "--rows", str(rows), "--runs", str(args.runs)]
        common += ["--fresh"] if args.fresh else []
        subprocess.run([*common, "--prepare-only"], check=True)
        out.unlink(missing_ok=True)
        subprocess.run([*common, "--json", str(out)], check=False)  # exit 1: a goal missed; the figures stand
        results.append((rows, json.loads(out.read_text(encoding="utf-8"))))
    print(
        f"\ngrowth: {', '.join(f'{rows:,}' for rows, _ in results)} audit rows (median (min–max) of {args.runs} runs)"
    )
    sizes = [float(rows) for rows, _ in results]
    for label, prefix in GROWTH_STEPS:
        cells, medians = [], []
        for _rows, figures in results:
            found = next(v for name, v in figures["steps"].items() if name.startswith(prefix))
            cells.append(spread(found, "ms", 0))
            medians.append(median(found))
        print(f"  {label:<20} " + "  ".join(f"{c:>22}" for c in cells) + f"   slope {slope(sizes, medians):.2f}")
    memory = [figures["peak_rss_mb"] for _rows, figures in results]
    print(
        f"  {'peak memory':<20} " + "  ".join(f"{m:>19.0f} MB" for m in memory) + f"   slope {slope(sizes, memory):.2f}"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--fresh", action="store_true", help="build the database again even if it is cached")
    parser.add_argument("--db", type=Path, help="where the benchmark database is kept")
    parser.add_argument("--runs", type=int, default=RUNS, help="each figure is the median of this many runs")
    parser.add_argument(
        "--no-verify", action="store_true", help="open the viewer without its background chain check (not the app)"
    )
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE first (the app does only on Optimize)")
    parser.add_argument("--sizes", help="multiples of --rows to measure one after the other, e.g. 1,3,10")
    parser.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    home = Path(tempfile.gettempdir()) / "mastery-ledger-bench-audit"
    os.environ.setdefault("MASTERY_LEDGER_HOME", str(home / "home"))
    home.mkdir(parents=True, exist_ok=True)
    if args.sizes:
        return run_sizes(args, home)
    path = args.db or home / f"audit-{args.rows}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    prepare(path, args.rows, args.fresh)
    if args.prepare_only:
        return 0
    statistics_as(path, args.analyze)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"database: {path} ({path.stat().st_size / 1_048_576:.0f} MB); {os.cpu_count()} CPUs, load average {load:.1f}"
    )
    verify = not args.no_verify
    print(
        f"viewer opened with verify={verify} ({'the chain checked in the background' if verify else 'no chain check'})"
        ", planner statistics: "
        f"{'ANALYZE run first' if args.analyze else 'none (no ANALYZE, as the app until Optimize)'}"
    )
    print(f"time from each action to the first paint of its result, median (min–max) of {args.runs} runs:")
    measured = [measure(path, verify) for _ in range(max(1, args.runs))]
    runs = [run for run, _ in measured]
    worst = 0.0
    steps: dict[str, list[float]] = {}
    for i, (name, _ms) in enumerate(runs[0]):
        figures = [run[i][1] for run in runs]
        steps[name] = figures
        goal = SEARCH_GOAL_MS if name.startswith("filter: text") else GOAL_MS
        worst = max(worst, median(figures) / goal)
        verdict = "ok" if median(figures) <= goal else "SLOW"
        print(f"  {name:<52} {spread(figures, 'ms', 1):>26}  goal ≤ {goal} ms  {verdict}")
    if verify:
        print(
            "  actions timed while the chain was still being verified in the background: "
            + ", ".join(str(n) for _, n in measured)
        )
    print(f"  peak memory of this process: {peak_rss_mb():.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({"steps": steps, "peak_rss_mb": peak_rss_mb()}), encoding="utf-8")
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""The window on a large child: 100,000 Chinese words and 20,000 chat messages (offscreen).

    python bench/gui_tables.py [--words 100000] [--chat 20000] [--repeat 5]

Prints, next to the goal each is measured against (figures only; nothing is asserted):
- selecting the child → first rows of the Chinese-words table painted (goal ≤ 200 ms);
- typing a filter → filtered rows painted (goal ≤ 150 ms; the filter box waits 250 ms after the last key, which
  is not counted: this is the time from applying the filter to the rows on screen), and to the count shown (it is
  counted off the GUI thread, after the rows are on screen);
- memory growth after scrolling the table to its last row (goal ≤ 50 MB);
- the longest single stall while scrolling: from a scroll step to the rows painted, so the page read (fetchMore)
  and the layout and paint that follow it (goal ≤ 100 ms); the page read alone for context; other figures for
  context.

Every figure is taken ``--repeat`` times (5 unless told; the scroll to the end at least 3 times, each from a fresh
selection of the child) and printed as the median and the spread (min–max).

The data is invented and lives in a temporary user-data folder.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.stats import median, spread  # noqa: E402

CHARS = (
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后"
    "小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长"
)


def rss_mb() -> float:
    """Resident memory now (Linux /proc), else the peak from getrusage."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576
    except (OSError, ValueError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1_048_576 if sys.platform == "darwin" else 1024)


def build(words: int, chat: int) -> tuple[str, str]:
    from desktop import services
    from desktop.store import audit

    big = services.create_profile("大数据 Benchmark 孩子", dob="2015-06-01")["id"]
    small = services.create_profile("Amy", dob="2017-01-01")["id"]
    services.bulk_add_words(small, "猫, 狗, 鱼", "zh")
    rng = random.Random(7)
    start = datetime(2022, 1, 1, tzinfo=UTC)
    seen: set[str] = set()
    rows = []
    while len(rows) < words:
        word = "".join(rng.choice(CHARS) for _ in range(rng.randint(1, 3))) + str(len(rows))
        if word in seen:
            continue
        seen.add(word)
        rows.append((big, word, "zh", (start + timedelta(minutes=15 * len(rows))).isoformat()))
    messages = []
    for i in range(chat):
        role = "user" if i % 2 == 0 else "assistant"
        length = rng.choice((20, 60, 200, 600))
        text = "".join(rng.choice(CHARS) for _ in range(length))
        messages.append((big, role, f"{i}: {text}", (start + timedelta(minutes=40 * i)).isoformat()))
    with audit.writing("system"):
        services.insert_rows("mastered_words", ("profile_id", "word", "language", "added_at"), rows)
        services.insert_rows("chat_messages", ("profile_id", "role", "content", "timestamp"), messages)
    return big, small


class PaintProbe:
    """Records when a widget's viewport is next painted while its model has rows, and times until that paint is
    done."""

    def __init__(self, view) -> None:
        from PySide6.QtCore import QEvent, QObject

        probe = self

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt override
                if event.type() == QEvent.Type.Paint and view.model() is not None and view.model().rowCount() > 0:
                    if probe.painted_at is None:
                        probe.painted_at = time.perf_counter()
                return False

        self.painted_at: float | None = None
        self.filter = Filter()
        view.viewport().installEventFilter(self.filter)

    def arm(self) -> None:
        self.painted_at = None

    def wait(self, app, since: float, timeout: float = 10.0) -> float:
        """Milliseconds from ``since`` to the end of the paint: the filter sees the paint event before the view
        handles it, so the clock stops when the round of events that held the paint is done."""
        while self.painted_at is None and time.perf_counter() - since < timeout:
            app.processEvents()
        return (time.perf_counter() - since) * 1000


class Scroll:
    """One scroll to the end: the seconds it took, each stall (scroll step → rows painted, ms), each page read
    (fetchMore alone, ms), and how many steps painted nothing within a second (counted as a one-second stall)."""

    def __init__(self, seconds: float, stalls: list[float], reads: list[float], unpainted: int) -> None:
        self.seconds, self.stalls, self.reads, self.unpainted = seconds, stalls, reads, unpainted


def scroll_to_end(app, view, model, probe: PaintProbe) -> Scroll:
    """Scroll like a user dragging to the bottom until every row is loaded, timing each step from the scroll to
    the paint that shows its rows: the page read (fetchMore), the layout of the new rows and the paint."""
    stalls: list[float] = []
    reads: list[float] = []
    unpainted = 0
    original = model.fetchMore

    def timed(parent=None):
        t = time.perf_counter()
        original() if parent is None else original(parent)
        reads.append((time.perf_counter() - t) * 1000)

    model.fetchMore = timed
    started = time.perf_counter()
    try:
        while model.canFetchMore():
            probe.arm()
            step = time.perf_counter()
            view.scrollToBottom()  # fetchMore runs here, when the scroll bar reaches its end
            stalls.append(probe.wait(app, step, timeout=1.0))
            unpainted += probe.painted_at is None
        view.scrollToBottom()
        app.processEvents()
    finally:
        del model.fetchMore
    return Scroll(time.perf_counter() - started, stalls, reads, unpainted)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def scroll_figures(app, window, view, model, big: str, small: str, repeat: int) -> tuple[list[Scroll], list[float]]:
    """``repeat`` (at least 3) scrolls to the end, each after selecting the child afresh; and the memory growth of
    each (MB)."""
    probe = PaintProbe(view)
    scrolls, growth = [], []
    for _ in range(max(3, repeat)):
        window.profiles.select(small)
        window.profiles.select(big)
        for _ in range(5):
            app.processEvents()
        gc.collect()
        before = rss_mb()
        scrolls.append(scroll_to_end(app, view, model, probe))
        gc.collect()
        growth.append(rss_mb() - before)
    return scrolls, growth


def grown(growth: list[float]) -> str:
    """The memory growth of the first scroll (the figure: later scrolls reuse what the first one took), then all."""
    return f"+{growth[0]:.1f} MB on the first scroll (each scroll: {', '.join(f'+{g:.1f}' for g in growth)} MB)"


def describe(scrolls: list[Scroll]) -> list[str]:
    """Lines on the stalls of several scrolls to the end: per scroll, the longest, the 95th percentile, the median."""
    first = scrolls[0]
    longest = [max(s.stalls, default=float("nan")) for s in scrolls]
    lines = [
        f"{len(first.stalls)} steps; stall (scroll step → rows painted: read, layout, paint): longest "
        f"{spread(longest, 'ms', 1)}, 95% ≤ {spread([percentile(s.stalls, 0.95) for s in scrolls], 'ms', 1)}, "
        f"median {spread([median(s.stalls) for s in scrolls], 'ms', 1)}",
        f"page read alone (fetchMore): longest {spread([max(s.reads, default=float('nan')) for s in scrolls], 'ms', 1)}"
        f", median {spread([median(s.reads) for s in scrolls], 'ms', 1)}; "
        f"{spread([s.seconds for s in scrolls], 's', 1)} to the end",
    ]
    if any(s.unpainted for s in scrolls):
        lines.append(f"steps that painted nothing within 1 s: {[s.unpainted for s in scrolls]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--chat", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5, help="times each timing is taken (median and min–max shown)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="ml-bench-gui-")
    os.environ["MASTERY_LEDGER_HOME"] = home
    try:
        return run(args)
    finally:
        shutil.rmtree(home, ignore_errors=True)


class Timer:
    """Times an action until its view paints: ``repeat`` runs, each after ``reset``; figures as median (min–max)."""

    def __init__(self, app, repeat: int) -> None:
        self.app, self.repeat = app, repeat

    def __call__(self, action, probe, reset=None) -> list[float]:
        out = []
        for _ in range(self.repeat):
            if reset is not None:
                reset()
                for _ in range(3):
                    self.app.processEvents()
            probe.arm()
            started = time.perf_counter()
            action()
            out.append(probe.wait(self.app, started))
        return sorted(out)


def figure(values: list[float]) -> str:
    return spread(values, "ms", 1)


def run(args) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.settings import Settings
    from desktop.store import db
    from desktop.ui.app import create_application
    from desktop.ui.main_window import TAB_KEYS, MainWindow

    app = create_application()
    db.open_database(None)
    t = time.perf_counter()
    big, small = build(args.words, args.chat)
    # As after the import that made it: the write-ahead log folded into the file.
    db.current().execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    print(
        f"built {args.words:,} words and {args.chat:,} chat messages in {time.perf_counter() - t:.1f} s "
        f"(database {db.file_size(db.current()) / 1_048_576:.0f} MB)"
    )

    window = MainWindow(Settings())
    window.resize(1200, 760)
    window.show()
    window.profiles.select(small)
    window.tabs.setCurrentIndex(TAB_KEYS.index("zh"))
    for _ in range(5):
        app.processEvents()
    timed = Timer(app, args.repeat)
    words_figures(app, window, timed, big, small)
    window.tabs.setCurrentIndex(TAB_KEYS.index("chat"))
    chat_figures(app, window, timed, big, small)
    children_and_overview(app, window, args, big, small)
    window.jobs.wait()
    window.overview.profile = None
    window.close()
    db.close_database()
    QApplication.processEvents()
    return 0


def counted(app, page, timeout: float = 60.0) -> None:
    """Let the page's row count (a background read) arrive."""
    end = time.perf_counter() + timeout
    while page.model.counting and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def words_figures(app, window, timed: Timer, big: str, small: str) -> None:
    """1–4: the words tab: select a child, filter, sort, scroll to the end."""
    page = window.pages["zh"]
    probe = PaintProbe(page.view)
    times = timed(lambda: window.profiles.select(big), probe, reset=lambda: window.profiles.select(small))
    counted(app, page)
    print(
        f"select child → first rows painted:  {figure(times)}   (goal ≤ 200 ms; {page.model.total:,} words, "
        f"{page.model.rowCount()} loaded)"
    )

    def apply(text: str) -> None:
        page.filter_box.setText(text)
        page.filter_box.apply()

    def clear() -> None:
        page.filter_box.clear()

    times = timed(lambda: apply("学"), probe, reset=clear)
    counted(app, page)
    print(f'filter applied → rows painted:      {figure(times)}   (goal ≤ 150 ms; {page.model.total:,} match "学")')
    waits = []
    for _ in range(len(times)):
        clear()
        counted(app, page)
        start = time.perf_counter()
        apply("学")
        counted(app, page)
        waits.append((time.perf_counter() - start) * 1000)
    print(f"  … the count shown (counted off the GUI thread, the rows shown before it): {figure(waits)}")
    times = timed(lambda: apply("12345"), probe, reset=clear)
    counted(app, page)
    print(f'  a rare filter → rows painted:     {figure(times)}   ({page.model.total:,} match "12345")')
    clear()
    app.processEvents()

    order = page.view.horizontalHeader().sortIndicatorOrder()  # sorting (context)
    for column, label in ((0, "sort by word"), (1, "sort by date added")):
        times = timed(
            lambda column=column: page.view.sortByColumn(column, order),
            probe,
            reset=lambda column=column: page.view.sortByColumn(1 - column, order),
        )
        print(f"  {label + ' → painted:':33} {figure(times)}")

    scrolls, growth = scroll_figures(app, window, page.view, page.model, big, small, timed.repeat)
    print(f"scroll to the last of {page.model.rowCount():,} words: memory {grown(growth)}   (goal ≤ 50 MB)")
    lines = describe(scrolls)
    print(f"  {lines[0]} (goal ≤ 100 ms)")
    for line in lines[1:]:
        print(f"  {line}")


def chat_figures(app, window, timed: Timer, big: str, small: str) -> None:
    """5: the chat tab's bubbles: select a child, scroll to the end."""
    chat = window.pages["chat"]
    chat_probe = PaintProbe(chat.view)
    times = timed(lambda: window.profiles.select(big), chat_probe, reset=lambda: window.profiles.select(small))
    counted(app, chat)
    print(f"chat tab: select child → bubbles painted: {figure(times)}   ({chat.model.total:,} messages)")
    scrolls, growth = scroll_figures(app, window, chat.view, chat.model, big, small, timed.repeat)
    print(f"chat: scroll to the last of {chat.model.rowCount():,} messages: memory {grown(growth)}")
    for line in describe(scrolls):
        print(f"  {line}")


def children_and_overview(app, window, args, big: str, small: str) -> None:
    """6: the children list (read again after every add or delete); 7: the Overview tab of the big child."""
    from desktop.ui.main_window import TAB_KEYS

    reads = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        window.profiles.reload()
        reads.append((time.perf_counter() - started) * 1000)
    print(f"children list with word counts read: {spread(reads, 'ms', 1)} (GUI thread; goal ≤ 100 ms)")
    window.tabs.setCurrentIndex(TAB_KEYS.index("overview"))
    app.processEvents()
    tiles = window.overview.tiles["zh"].number

    def until(text: str, started: float) -> None:
        while tiles.text() != text and time.perf_counter() - started < 10:
            app.processEvents()

    forms, shown = [], []
    for _ in range(max(3, args.repeat)):
        window.overview.load(small)  # the other child's counts first, so that the big child's are seen to arrive
        until("3", time.perf_counter())
        started = time.perf_counter()
        window.overview.load(big)
        forms.append((time.perf_counter() - started) * 1000)
        until(f"{args.words:,}", started)
        shown.append((time.perf_counter() - started) * 1000)
    print(
        f"overview: form shown in {spread(forms, 'ms', 1)} (GUI thread); counts and the chart over {args.words:,} "
        f"words read in the background, shown after {spread(shown, 'ms', 1)}"
    )


if __name__ == "__main__":
    sys.exit(main())

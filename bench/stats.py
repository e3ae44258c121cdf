"""What every bench prints for a figure measured several times: the median and the spread (min–max)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence

RUNS = 3  # the default number of times each measurement is taken


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: Sequence[float], unit: str = "s", digits: int = 2) -> str:
    """``"1.23 s (1.10–1.40)"``: the median, then the fastest and the slowest run."""
    if not values:
        return "no runs"
    return f"{median(values):.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"


class Clock:
    """Wall and CPU seconds of a block, both read from the same starting point (CPU: ``time.process_time``, all of
    this process's threads; steadier than wall time when other programs share the machine)."""

    wall: float
    cpu: float

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

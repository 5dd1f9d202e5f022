"""How the benchmarks time their work: a call's median or best of several runs, in seconds.
(The scripts run as `python bench/NAME.py`, so this folder is on their path.)"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def _times(work: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def median(work: Callable[[], object], runs: int) -> float:
    return statistics.median(_times(work, runs))


def best(work: Callable[[], object], runs: int) -> float:
    return min(_times(work, runs))

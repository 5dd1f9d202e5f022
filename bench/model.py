"""Read + layout + model of each seed, best of 20 runs: `python bench/model.py`."""

from __future__ import annotations

import time
from pathlib import Path

from bplint import model, read

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

for path in sorted(EXAMPLES.glob("0*.txt")):
    best = float("inf")
    for _ in range(20):
        start = time.perf_counter()
        model.build(read.read_path(str(path)))
        best = min(best, time.perf_counter() - start)
    print(f"{path.name[:3]}  {best * 1000:6.1f} ms")

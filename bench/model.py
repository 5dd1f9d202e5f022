"""Read + layout + model of each seed, best of 20 runs: `python bench/model.py`."""

from __future__ import annotations

from pathlib import Path

from timing import best

from bplint import extract, read

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

for path in sorted(EXAMPLES.glob("0*.txt")):
    took = best(lambda path=path: extract.build(read.read_path(str(path))), 20)
    print(f"{path.name[:3]}  {took * 1000:6.1f} ms")

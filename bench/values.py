"""Benchmark (run by hand): grammar build, one value, all seed values, reading a seed.

.venv/bin/python bench/values.py
"""

from __future__ import annotations

import time
from pathlib import Path

from timing import best

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    start = time.perf_counter()
    from bplint import extract, read, values

    values._parser()
    print(f"import + grammar build: {(time.perf_counter() - start) * 1000:.1f} ms")

    fixture = ROOT / "tests" / "fixtures" / "seed_values.tsv"
    rows = [line.split("\t") for line in fixture.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    raws = [raw for _, raw, count, *_ in rows for _ in range(int(count))]
    total = best(lambda: [values.parse_value(raw) for raw in raws], 5)
    print(f"all {len(raws)} seed values: {total * 1000:.1f} ms ({total / len(raws) * 1e6:.0f} µs per value)")

    for path in sorted((ROOT / "examples").glob("0*.txt")):
        source = read.read_path(path)
        took = best(lambda source=source: extract.build(source), 5)
        print(f"{path.name}: read + layout + model {took * 1000:.1f} ms")


if __name__ == "__main__":
    main()

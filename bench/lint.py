"""Each seed linted with every built-in rule after start-up, medians of 21 runs, beside its floor
measured in the same run, reading and modelling it without the rules: `python bench/lint.py`."""

from __future__ import annotations

import time
from pathlib import Path

from timing import median

from bplint import extract, read
from bplint.catalog import load_rules
from bplint.lint import lint_path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


start = time.perf_counter()
rules = load_rules()
print(f"loading and compiling {len(rules)} rules: {(time.perf_counter() - start) * 1000:.1f} ms")
for path in sorted(EXAMPLES.glob("0*.txt")):
    lint_path(str(path), rules, "zh")  # first use: the value grammar, patterns compiled once
    took = median(lambda path=path: lint_path(str(path), rules, "zh"), 21)
    floor = median(lambda path=path: extract.build(read.read_path(str(path))), 21)
    ratio = took / floor
    print(
        f"{path.name[:3]}  {took * 1000:6.1f} ms   floor (read, model) {floor * 1000:5.1f} ms   ×{ratio:4.1f}"
    )

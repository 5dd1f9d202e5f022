"""Lint each seed with every built-in rule, best of 20 runs after start-up: `python bench/lint.py`."""

from __future__ import annotations

import time
from pathlib import Path

from bplint.catalog import load_rules
from bplint.lint import lint_path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

start = time.perf_counter()
rules = load_rules()
print(f"loading and compiling {len(rules)} rules: {(time.perf_counter() - start) * 1000:.1f} ms")
for path in sorted(EXAMPLES.glob("0*.txt")):
    best = float("inf")
    for _ in range(20):
        start = time.perf_counter()
        lint_path(str(path), rules, "zh")
        best = min(best, time.perf_counter() - start)
    print(f"{path.name[:3]}  {best * 1000:6.1f} ms")

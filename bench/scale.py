"""One document n times larger (001 repeated, projects renamed): `python bench/scale.py [n ...]`.

Prints the CPU time to read, model and lint it after start-up, and its ratio to n × the single
document: 1.0 is linear.  CPU time, not wall time: the ratio is read on a shared machine too.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bplint.catalog import load_rules
from bplint.limits import Limits
from bplint.lint import lint_path

SEED = Path(__file__).resolve().parent.parent / "examples" / "001_c31f8c30d2e8c20d.txt"
rules = load_rules()
text = SEED.read_text(encoding="utf-8")
BEYOND = Limits(text_chars=10**9, text_lines=10**8)  # 001 × 100 is past the bounds on one document


def timed(n: int) -> float:
    # Renamed, so that each copy is a project of its own, not a copy the rules would flag as one.
    big = "".join(text.replace("绩效目标表", f"绩效目标表{k}") for k in range(n))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
        handle.write(big)
    start = time.process_time()
    lint_path(handle.name, rules, "zh", limits=BEYOND)
    took = time.process_time() - start
    Path(handle.name).unlink()
    return took


one = min(timed(1) for _ in range(5))
print(f"×1     {one:7.3f} s")
for n in [int(x) for x in sys.argv[1:]] or [10, 100]:
    took = timed(n)
    # A copy's cost at each size: flat is linear (the ratio to ×1 also carries ×1's own noise).
    print(f"×{n:<5} {took:7.3f} s   {took / (n * one):5.2f} of linear   {1000 * took / n:6.1f} ms a copy")

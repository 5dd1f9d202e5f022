"""Whole-process CPU times beside their floors, alternated run by run: `python bench/startup.py [runs]`.

The floors are issue 30's: a Python that starts and exits for `bplint --version` (the console
script answers it before loading the command line), and a Python importing the five libraries
bplint is built on (`click, lark, yaml, regex, jinja2`) for a lint. CPU seconds (user + system of
the child), not wall time, so that a machine shared with other work still reads; each figure is
the median of the runs, and the ratio the median of each run's ratio to the floor run beside it.

Bytecode is written before timing, whatever PYTHONDONTWRITEBYTECODE says in this shell: an
installed bplint has its .pyc files (pip compiles them), and a run that compiles every module from
source would time the compiler, not bplint; and the cache (bplint.cache) is this run's own, filled by
a first run. Then a phase breakdown of one lint in-process.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "001_c31f8c30d2e8c20d.txt"
PYTHON = sys.executable
# A cache of this run's own, filled by a first run, as a user's is after their first lint (a
# developer's own cache holds every rule file they ever edited).
CACHE = tempfile.mkdtemp(prefix="bplint-bench-cache-")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"BPLINT_CACHE_DIR": CACHE}
FLOOR = [PYTHON, "-c", "import click, lark, yaml, regex, jinja2"]
RUNS = int(sys.argv[1]) if sys.argv[1:2] and sys.argv[1].isdigit() else 9


def cpu(argv: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, capture_output=True, check=False, env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired(argv: list[str], floor: list[str]) -> tuple[float, float, float]:
    took, least, ratios = [], [], []
    for _ in range(RUNS):
        took.append(cpu(argv))
        least.append(cpu(floor))
        ratios.append(took[-1] / least[-1])
    return statistics.median(took), statistics.median(least), statistics.median(ratios)


def phases() -> str:
    """One lint of 001 in this process, by phase (CPU): what the whole-process figure is made of."""
    marks = [time.process_time()]
    from bplint import cli, lint  # noqa: F401  (what `bplint FILE` imports before it reads)

    marks.append(time.process_time())
    from bplint.catalog import load_rules

    rules = load_rules()
    marks.append(time.process_time())
    lint.lint_path(str(SEED), rules, "zh")
    marks.append(time.process_time())
    lint.lint_path(str(SEED), rules, "zh")
    marks.append(time.process_time())
    names = ("import bplint", "rules", "first lint", "second lint")
    spans = zip(names, marks, marks[1:], strict=False)
    return "   ".join(f"{name} {(end - start) * 1000:.0f} ms" for name, start, end in spans)


if sys.argv[1:] == ["--phases"]:
    print(phases())
    sys.exit()
cpu([PYTHON, "-m", "bplint", str(SEED)])  # writes the bytecode and the rules' cache
rows = [
    ("bplint --version", [PYTHON, "-m", "bplint", "--version"], [PYTHON, "-c", "pass"]),
    ("bplint 001 (text)", [PYTHON, "-m", "bplint", str(SEED)], FLOOR),
    ("bplint examples/ (text)", [PYTHON, "-m", "bplint", str(SEED.parent)], FLOOR),
]
for name, argv, floor in rows:
    took, least, ratio = paired(argv, floor)
    print(f"{name:<24} {took * 1000:5.0f} ms CPU   floor {least * 1000:4.0f} ms   ×{ratio:4.2f}")
for _ in range(3):  # in a fresh process each time: the first lint is what a command line pays
    phase = subprocess.run([PYTHON, __file__, "--phases"], capture_output=True, text=True, env=ENV)
    print(phase.stdout.strip())

"""Whole-process times, medians of 9 runs, beside their floors: `python bench/startup.py`.

The floor of `bplint --version` is a Python that starts and exits (the console script answers it
before loading the command line); the floor of a lint is a Python importing bplint's pipeline and
doing nothing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from timing import median

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "001_c31f8c30d2e8c20d.txt"
PYTHON = sys.executable


def run(argv: list[str]) -> float:
    return median(lambda: subprocess.run(argv, capture_output=True, check=False), 9)


rows = [
    ("bplint --version", [PYTHON, "-m", "bplint", "--version"], [PYTHON, "-c", "pass"]),
    ("bplint 001 (text)", [PYTHON, "-m", "bplint", str(SEED)], [PYTHON, "-c", "import bplint.api"]),
    (
        "bplint examples/ (text)",
        [PYTHON, "-m", "bplint", str(SEED.parent)],
        [PYTHON, "-c", "import bplint.api"],
    ),
]
for name, argv, floor in rows:
    took, least = run(argv), run(floor)
    print(f"{name:<26} {took * 1000:7.0f} ms   floor {least * 1000:5.0f} ms   ×{took / least:4.1f}")

"""A folder of n seed copies, serial and with every core: `python bench/batch.py [n]` (default 1000).

Prints documents a second and the report process's peak memory for `--jobs 1` and the default.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
seeds = sorted(EXAMPLES.glob("0*.txt"))
with tempfile.TemporaryDirectory() as folder:
    for k in range(n):
        shutil.copy(seeds[k % len(seeds)], Path(folder) / f"{k:05}.txt")
    for jobs in (["--jobs", "1"], []):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bplint", *jobs, "--format", "json", "-o",
                        f"{folder}.json", folder], check=False)  # fmt: skip
        took = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{' '.join(jobs) or 'default jobs':<14} {n / took:6.1f} documents/s   peak {peak:6.0f} MB")
    Path(f"{folder}.json").unlink()

"""A folder of n seed copies, serial and with every core: `python bench/batch.py [n]` (default 1000).

Prints documents a second and the report process's peak memory for `--jobs 1` and the default,
beside the floor measured in the same run: the same files linted one after another in this
process, with no workers and no report.
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
    from bplint.catalog import load_rules
    from bplint.lint import lint_path

    rules = load_rules()
    start = time.perf_counter()
    for path in sorted(Path(folder).iterdir()):
        lint_path(str(path), rules, "zh")
    floor = n / (time.perf_counter() - start)
    print(f"{'floor':<14} {floor:6.1f} documents/s   (in this process, one after another)")
    for jobs in (["--jobs", "1"], []):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bplint", *jobs, "--format", "json", "-o",
                        f"{folder}.json", folder], check=False)  # fmt: skip
        took = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rate = n / took
        print(f"{' '.join(jobs) or 'default jobs':<14} {rate:6.1f} documents/s   peak {peak:6.0f} MB   "
              f"×{rate / floor:4.2f} of the floor")  # fmt: skip
    Path(f"{folder}.json").unlink()

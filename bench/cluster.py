"""The Dask path against the command line on this machine: `python bench/cluster.py [n]` (default
200) seed files linted by `bplint --jobs 2` (the floor) and by `bplint.cluster.lint_all` with Dask's
processes scheduler and with a dask.distributed LocalCluster, two processes each; seconds, and the
ratio to the floor (the goal: within 1.3×).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    from dask.distributed import Client, LocalCluster

    from bplint import cluster
    from bplint.config import Config

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seeds = sorted(EXAMPLES.glob("0*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        for k in range(n):
            shutil.copy(seeds[k % len(seeds)], Path(folder) / f"{k:05}.txt")
        command = [sys.executable, "-m", "bplint", "-q", "--jobs", "2", "--format", "json", "-o",
                   f"{folder}.json", folder]  # fmt: skip
        floor = timed(lambda: subprocess.run(command, check=False))
        print(f"{'bplint --jobs 2':<34} {floor:6.2f} s   {n / floor:5.1f} documents/s")
        took = timed(lambda: cluster.lint_all([folder], Config(), scheduler="processes", num_workers=2))
        print(f"{'Dask, processes scheduler':<34} {took:6.2f} s   ×{took / floor:4.2f} of --jobs 2")
        start = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as local, Client(local):
            ready = time.perf_counter() - start
            took = timed(lambda: cluster.lint_all([folder], Config()))
        print(f"{'Dask, LocalCluster (2 processes)':<34} {took:6.2f} s   ×{took / floor:4.2f} of --jobs 2 "
              f"(+{ready:.1f} s starting the cluster)")  # fmt: skip
        Path(f"{folder}.json").unlink()


if __name__ == "__main__":
    main()

"""What creating bplint's frozen dataclasses costs a start: `python bench/classes.py [runs]` (default 5).

Each run is a fresh Python that imports what `bplint FILE` imports and loads the rules, with
`dataclasses._process_class` (the work behind `@dataclass`) and `dataclasses._create_fn` (the
`exec` of each generated method, Python 3.11 and 3.12) timed.  Medians of the runs: the share of a
start that no change to bplint's own code can remove while its model stays frozen dataclasses.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys

PROBE = r"""
import dataclasses, gc, json, time
gc.disable()  # as `bplint` imports: its collector paused (bplint.console)
timed = {"classes": [0, 0.0], "methods": [0, 0.0]}
def clock(name, fn):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            timed[name][0] += 1
            timed[name][1] += time.perf_counter() - start
    return wrapper
dataclasses._process_class = clock("classes", dataclasses._process_class)
if hasattr(dataclasses, "_create_fn"):
    dataclasses._create_fn = clock("methods", dataclasses._create_fn)
start = time.perf_counter()
import bplint.api, bplint.cli
from bplint.catalog import load_rules
load_rules()
timed["start"] = [0, time.perf_counter() - start]
print(json.dumps(timed))
"""

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
subprocess.run([sys.executable, "-c", "import bplint.api, bplint.cli"], check=True, env=ENV)  # .pyc written


def probe() -> dict[str, list[float]]:
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=ENV)
    return json.loads(run.stdout)


runs = [probe() for _ in range(RUNS)]
WHAT = {
    "start": "importing bplint and loading its rules",
    "classes": "creating dataclasses",
    "methods": "exec of their generated methods",
}
for name, what in WHAT.items():
    count = runs[0][name][0]
    took = statistics.median(run[name][1] for run in runs) * 1000
    print(f"{what:<40} {took:6.1f} ms" + (f"   ({count})" if count else ""))

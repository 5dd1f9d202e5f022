"""Hostile sizes (issue 30, R6), each built here and linted by `bplint` as a whole process, with
its wall time, peak memory and what bplint said: `python bench/hostile.py`.

The floor beside them is the same command on the five seeds (a quick, ordinary run).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.hostile builds the inputs

from tests import hostile  # noqa: E402

SENTENCE = "本部门2026年一般公共预算支出5,876.67万元，比上年增加123.61万元，增长2.1%，原因是人员增加。"


def inputs(folder: Path) -> dict[str, Path]:
    made = {
        "a 10 MB line.txt": (SENTENCE * (10 * 1024 * 1024 // len(SENTENCE.encode()))).encode(),
        "a million lines.txt": "".join(f"{i}. 支出{i % 1000}.00万元。\n" for i in range(1_000_000)).encode(),
        "a page ruled 300x300.pdf": hostile.ruled(300),
        "20 MB of NUL after %PDF.pdf": b"%PDF-1.4\n" + b"\0" * (20 * 1024 * 1024),
        "20 MB of NUL after a PDF.pdf": hostile.one_page(hostile.TEXT) + b"\0" * (20 * 1024 * 1024),
        "one 1 MB string in 1000 cells.xlsx": hostile.repeated_string(1000, 1),
    }
    paths = {}
    for name, data in made.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


# The run in a process of its own, which prints its children's peak memory (a process's children's
# peak is the largest of all it ever waited for: each input needs a fresh parent).
_TIMED = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=False)
took = time.perf_counter() - start
print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
print(done.stdout)
"""


def run(paths: list[Path]) -> tuple[float, float, str]:
    command = [sys.executable, "-c", _TIMED, sys.executable, "-m", "bplint", "-q", *map(str, paths)]
    out = subprocess.run(command, capture_output=True, text=True, check=False).stdout.splitlines()
    took, peak = map(float, out[0].split())
    said = next((line for line in out[1:] if "BP0" in line), out[-1])
    return took, peak, said.split("] ", 1)[-1][:90]


with tempfile.TemporaryDirectory() as folder:
    took, _, _ = run(sorted((ROOT / "examples").glob("0*.txt")))
    print(f"{'the five seeds (floor)':<36} {took:6.2f} s")
    for name, path in inputs(Path(folder)).items():
        took, peak, said = run([path])
        print(f"{name:<36} {took:6.2f} s  {peak:6.0f} MB  {said}")

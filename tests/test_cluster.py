"""The Dask path (issue 30, item 10): slim results, memory flat in the number of documents, the
`dask` extra brings what a cluster needs, and the survey script of docs/usage.md runs against a scheduler."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bplint.config import Config
from tests.conftest import EXAMPLES, ROOT

pytest.importorskip("dask")

MEMORY = """
import resource, sys
from pathlib import Path
from bplint import cluster
from bplint.config import Config

if __name__ == "__main__":
    folder, count = Path(sys.argv[1]), int(sys.argv[2])
    text = "\\n".join(Path(sys.argv[3]).read_text(encoding="utf-8").split("\\n")[:30])
    for k in range(count):  # each its own agency: no two alike
        (folder / f"{k:05}.txt").write_text(text.replace("机关事务", f"机关事务{k}"), encoding="utf-8")
    results = cluster.lint_all([str(folder)], Config(), scheduler="sync")
    assert len(results) == count
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_a_survey_returns_each_files_slim_result():
    from bplint import cluster

    results = cluster.lint_all([str(EXAMPLES)], Config(), scheduler="sync")
    assert [r.document for r in results] == [None] * 5 and all(r.lines == () for r in results)
    assert results[1].meta.agency == "青龙满族自治县机关事务服务中心" and results[1].stats["projects"] == 12
    seed = str(EXAMPLES / "004_8721c97b826db2ec.txt")
    (shown,) = cluster.lint_all([seed], Config(), True, scheduler="sync")
    assert len(shown.lines) > 400


def _peak(tmp_path: Path, count: int) -> int:
    """The peak memory, in KB, of a process that lints `count` small documents with Dask."""
    folder = tmp_path / str(count)
    folder.mkdir()
    script = tmp_path / "memory.py"
    script.write_text(MEMORY, encoding="utf-8")
    seed = EXAMPLES / "002_4e43ee59af2b6a59.txt"
    done = subprocess.run([sys.executable, script, folder, str(count), seed], capture_output=True, text=True,
                          check=True)  # fmt: skip
    return int(done.stdout.split()[-1])


def test_memory_is_flat_in_the_number_of_documents(tmp_path):
    """Whole results (each with its model) grew 79 MB from 200 to 2,000 documents of 30 lines."""
    few, many = _peak(tmp_path, 200), _peak(tmp_path, 2000)
    assert many - few < 20 * 1024, (few, many)


def test_the_extra_brings_a_cluster():
    extras = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^dask = \[.*"distributed>=', extras, re.M)


def test_the_docs_survey_script_runs_against_a_scheduler(tmp_path):
    from dask.distributed import LocalCluster

    readme = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    script = next(block for block in re.findall(r"```python\n(.*?)```", readme, re.S) if "Client(" in block)
    (tmp_path / "survey.py").write_text(script, encoding="utf-8")
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as local:
        done = subprocess.run([sys.executable, "survey.py", local.scheduler_address, str(EXAMPLES)],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    files = json.loads((tmp_path / "survey.json").read_text(encoding="utf-8"))["files"]
    assert [Path(f["path"]).name for f in files] == sorted(p.name for p in EXAMPLES.glob("0*.txt"))
    assert sum(len(f["findings"]) for f in files) > 50

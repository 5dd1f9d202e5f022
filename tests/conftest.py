"""Shared fixtures: the five real seed documents in examples/."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from bplint import extract, read

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = {path.name[:3]: path for path in sorted(EXAMPLES.glob("0*.txt"))}
# The run's cache (bplint.cache) in a folder of its own, not the user's ~/.cache, removed at exit.
if "BPLINT_CACHE_DIR" not in os.environ:
    os.environ["BPLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="bplint-test-cache-")
    atexit.register(shutil.rmtree, os.environ["BPLINT_CACHE_DIR"], ignore_errors=True)


@pytest.fixture(scope="session")
def documents():
    """Each seed's Document, built once for the whole run."""
    return {seed: extract.build(read.read_path(path)) for seed, path in SEEDS.items()}


def pytest_terminal_summary(terminalreporter) -> None:
    """Say how many tests did not run for want of the shared PDFs: a clone outside this workspace
    must see that part of the suite was skipped, not that it passed."""
    skipped = terminalreporter.stats.get("skipped", [])
    external = [report for report in skipped if "external" in getattr(report, "keywords", {})]
    if external:
        terminalreporter.write_line(
            f"{len(external)} tests that read ../shared/external/ were skipped: the folder is absent"
        )

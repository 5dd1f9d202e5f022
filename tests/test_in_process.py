"""One text file is linted in the command line's own process (issue 30, item 10): no worker is
forked for it (a sixth of a one-document run, and a profile saw nothing), its timeout and memory
bound still hold; a lone PDF or Office file, read by C libraries, still gets a worker."""

from __future__ import annotations

import pytest

import bplint
from bplint import runner
from bplint.config import Config
from bplint.limits import Limits
from tests import hostile
from tests.conftest import SEEDS


@pytest.fixture
def forks(monkeypatch) -> list[str]:
    """The paths a worker was started for."""
    started: list[str] = []
    real = runner._Worker.give

    def give(self, index, path, timeout):
        started.append(path)
        return real(self, index, path, timeout)

    monkeypatch.setattr(runner._Worker, "give", give)
    return started


def test_a_lone_text_file_is_linted_here(forks):
    (result,) = bplint.run([SEEDS["001"]], config=Config(), jobs=1)
    assert forks == [] and result.stats["projects"] == 12
    assert result.findings == bplint.lint_file(SEEDS["001"]).findings


# The timer may ring inside hypothesis's gc callback, where Python swallows (and pytest reports) what
# the handler raises: the file is overdue all the same (the next test shows it on purpose).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_its_timeout_holds_here(forks):
    (result,) = bplint.run([SEEDS["001"]], config=Config(limits=Limits(timeout=0.01)), jobs=1)
    assert forks == [] and [f.rule for f in result.findings] == ["BP001"]
    assert "处理超过 0.01 秒仍未完成" in result.findings[0].message


def test_a_lone_pdf_and_a_batch_still_get_workers(forks, tmp_path):
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(hostile.one_page(hostile.TEXT))
    list(bplint.run([pdf], config=Config(), jobs=1))
    list(bplint.run([SEEDS["001"], SEEDS["002"]], config=Config(), jobs=1))
    assert forks == [str(pdf), str(SEEDS["001"]), str(SEEDS["002"])]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_its_timeout_holds_where_python_swallows_the_timers_exception(forks, monkeypatch):
    """The timer rang inside hypothesis's gc callback, where Python swallows what a handler raises
    (the full suite saw 001 linted whole under a 0.01 s timeout): the file is overdue all the same."""
    import gc
    import time

    done = bplint.lint_file(SEEDS["002"])
    slept: list[str] = []

    def sleepy(phase, info):
        if phase == "start" and not slept:
            slept.append("asleep")
            time.sleep(0.03)  # the timer rings here; what its handler raises goes nowhere
            slept.append("woke")

    def swallowed(path, settings, stdin):
        gc.callbacks.append(sleepy)
        try:
            gc.collect()
        finally:
            gc.callbacks.remove(sleepy)
        return done

    monkeypatch.setattr(runner, "_lint", swallowed)
    (result,) = bplint.run([SEEDS["002"]], config=Config(limits=Limits(timeout=0.01)), jobs=1)
    assert slept == ["asleep"]  # the ring cut the callback short, and nothing else heard it
    assert forks == [] and [f.rule for f in result.findings] == ["BP001"]

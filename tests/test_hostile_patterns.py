"""Patterns from rules, bounded everywhere (issue 30, S9): every function that takes a pattern searches
for at most a second, and a pattern the rule writes out is checked when the rule loads."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import SEEDS
from tests.packs import one_rule

BPLINT = [sys.executable, "-m", "bplint"]
RULE = one_rule(message="m")


def bplint(*args, timeout=120, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([*BPLINT, *map(str, args)], capture_output=True, timeout=timeout, **kwargs)
    assert b"Traceback" not in result.stderr + result.stdout, result.stderr.decode(errors="replace")
    return result


@pytest.mark.parametrize(
    "call", ["number_in(name, '(a|aa)+$')", "text_in(name, '(a|aa)+$')", "stated(name, '(a|aa)+$')"]
)
def test_every_function_that_takes_a_pattern_stops_after_a_second(tmp_path, call):
    """A pattern that backtracks without end, through each function that takes one: the text is
    searched for a second and the file finishes (unbounded it takes the file's whole timeout)."""
    probe = (
        "import time; from bplint.engine import functions as fx; started = time.monotonic(); "
        f"fx.{call.split('(')[0]}('a' * 40 + '!', '(a|aa)+$'); print(time.monotonic() - started)"
    )
    took = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=30, text=True)
    assert took.returncode == 0 and float(took.stdout) < 5, took


@pytest.mark.parametrize(
    ("when", "said"),
    [
        ("stated(name, '预算(') != null", "正则表达式 '(?:预算()"),
        ("number_in(name, '[0-9') != null", "正则表达式 '[0-9' 有误"),
        ("text_in(name, '(?P<y') != null", "正则表达式 '(?P<y' 有误"),
        ("name matches '(?<名'", "正则表达式 '(?<名' 有误"),
    ],
)
def test_a_pattern_that_does_not_compile_is_a_load_error(tmp_path, when, said):
    pack = tmp_path / "pack.yaml"
    pack.write_text(RULE.replace('when: "WHEN"', f'when: "{when}"'), encoding="utf-8")
    result = bplint("--rules", pack, SEEDS["002"])
    assert result.returncode == 2 and said in result.stderr.decode(), result.stderr.decode()


def test_a_figures_pattern_that_does_not_compile_is_a_load_error(tmp_path):
    rule = RULE.replace(
        "select: projects\n",
        "select: figures\nparams:\n  figures:\n    - '收入(合计 → 《收支总表》收入总计'\n",
    )
    rule = rule.replace('when: "WHEN"', "identities:\n  - 本数 = 对应表格数")
    pack = tmp_path / "pack.yaml"
    pack.write_text(rule, encoding="utf-8")
    result = bplint("--rules", pack, SEEDS["002"])
    assert result.returncode == 2 and "params.figures 中正则表达式 '收入(合计' 有误" in result.stderr.decode()

"""Compiled patterns kept between runs (bplint.regexes): a second start parses none of the patterns
the first compiled, and what it gives back is, field for field, what compiling gives."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from bplint import cache, regexes
from tests.conftest import ROOT, SEEDS

# Counts the patterns regex parses while bplint imports its pipeline and loads its rules.
_COUNT_PARSED = """
import regex._main as main
parsed = []
compile_ = main._compile
main._compile = lambda pattern, *rest: parsed.append(pattern) or compile_(pattern, *rest)
import bplint.cli, bplint.lint
from bplint.catalog import load_rules
load_rules()
print(len(parsed))
"""


def _parsed_at_start(folder: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "BPLINT_CACHE_DIR"} | {"BPLINT_CACHE_DIR": folder}
    out = subprocess.run([sys.executable, "-c", _COUNT_PARSED], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return int(out.stdout)


@pytest.fixture
def store(monkeypatch, tmp_path):
    """This test's own cache folder, read afresh, and no pattern held in memory."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("BPLINT_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "PATTERNS", cache.Store("patterns"))
    monkeypatch.setattr(regexes, "_memory", {})
    return folder


def test_a_second_start_parses_no_pattern(tmp_path):
    assert _parsed_at_start("off") > 300  # what every start cost before patterns were kept
    folder = str(tmp_path / "cache")
    _parsed_at_start(folder)
    assert _parsed_at_start(folder) <= 1  # regexes' own probe of regex's pickler: ""


def _kept(folder: Path) -> dict[str, list]:
    (kept,) = folder.glob("patterns-*.json")
    return json.loads(kept.read_text(encoding="utf-8"))


def test_every_kept_pattern_comes_back_and_finds_what_compiling_finds(store, monkeypatch):
    """Restored without parsing, each kept pattern finds on every line of two seeds what the same
    pattern compiled here finds (regex's code for a pattern may differ byte for byte between two
    processes, by the order patterns were compiled in; what it finds may not)."""
    env = os.environ | {"BPLINT_CACHE_DIR": str(store)}
    subprocess.run(
        [sys.executable, "-m", "bplint", str(SEEDS["001"])], capture_output=True, env=env, check=False
    )
    kept = _kept(store)
    assert len(kept) > 300
    keys = [key.split(":", 4) for key in kept]
    fresh = [regex.compile(pattern, int(flags)) for _, _, _, flags, pattern in keys]

    def parse(*args):
        raise AssertionError("a kept pattern was parsed again")

    with monkeypatch.context() as patch:
        patch.setattr(regexes.regex, "compile", parse)
        restored = [regexes.compile(pattern, int(flags)) for _, _, _, flags, pattern in keys]
    assert [regexes._REDUCE(r)[1] for r in restored] == [regexes._from_json(data) for data in kept.values()]
    lines = [line for seed in ("001", "003") for line in SEEDS[seed].read_text(encoding="utf-8").splitlines()]
    for mine, theirs in zip(restored, fresh, strict=True):
        found = [[m.span() for m in mine.finditer(line)] for line in lines]
        assert found == [[m.span() for m in theirs.finditer(line)] for line in lines], mine.pattern


def test_patterns_act_the_same_from_the_cache(store):
    written = [
        r"(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>万元|元)",
        r"^[一二三四五六七八九十]+、",
        r"\p{Han}{2,}",
    ]
    texts = ["项目预算4.5万元，其中12元", "一、收支预算总体情况", "abc 部门预算 x"]
    before = [[m.groupdict() or m[0] for t in texts for m in regexes.compile(p).finditer(t)] for p in written]
    cache.save()
    regexes._memory.clear()
    cache.PATTERNS = cache.Store("patterns")
    after = [[m.groupdict() or m[0] for t in texts for m in regexes.compile(p).finditer(t)] for p in written]
    assert after == before
    assert before[0] == [{"amount": "4.5", "unit": "万元"}, {"amount": "12", "unit": "元"}]


def test_a_damaged_entry_is_compiled_anew(store):
    cache.PATTERNS.put(regexes._entry("a+b", 0), ["a+b", 0, "not hex", {}, [], [], 0, [], 0, 0])
    assert regexes.compile("a+b").findall("aab ab b") == ["aab", "ab"]


def test_an_entry_for_another_pattern_is_not_taken(store):
    other = regexes._json(regexes._REDUCE(regex.compile("b"))[1])
    cache.PATTERNS.put(regexes._entry("a", 0), other)
    assert regexes.compile("a").findall("ab") == ["a"]


def test_a_pattern_built_from_a_document_is_not_kept(store):
    regexes.compile("预算单位（一）", keep=False)
    regexes.compile("预算单位（二）")
    cache.save()
    (kept,) = store.glob("patterns-*.json")
    assert [key.rsplit(":", 1)[1] for key in json.loads(kept.read_text(encoding="utf-8"))] == [
        "预算单位（二）"
    ]


def _compiled_at_module_level(path: Path) -> list[int]:
    """Lines of `path` that call regex.compile outside any function: at every import, uncached."""
    lines = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            in_function = True
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "regex.compile" and not in_function:
            lines.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_function)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return lines


def test_no_module_compiles_its_patterns_outside_the_cache():
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "linter").rglob("*.py"))
        if path.name != "regexes.py" and (lines := _compiled_at_module_level(path))
    }
    assert found == {}, "compile module-level patterns with bplint.regexes.compile"

"""Rendering the HTML report, best of 10 after start-up: `python bench/report.py`."""

from __future__ import annotations

from pathlib import Path

from timing import best

from bplint.catalog import load_rules
from bplint.lint import lint_path
from bplint.report import html

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
rules = load_rules()
seeds = sorted(EXAMPLES.glob("0*.txt"))
for name, paths in (("001", [EXAMPLES / seeds[1].name]), ("all five", seeds)):
    results = [lint_path(str(p), rules, "zh") for p in paths]
    html.render(results, rules, "zh")
    took = best(lambda results=results: html.render(results, rules, "zh"), 10)
    report = html.render(results, rules, "zh")
    print(f"{name}: {took * 1000:.1f} ms, {len(report.encode('utf-8')) / 1024:.0f} KiB")

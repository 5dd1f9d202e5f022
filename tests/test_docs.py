"""docs/rules.md is written from rules/*.yaml (bplint.docs) and must say what the rules say now."""

from __future__ import annotations

from bplint import docs
from bplint.catalog import builtin_rules
from tests.conftest import ROOT

PAGE = ROOT / "docs" / "rules.md"


def test_the_rules_page_is_current():
    """Fails when a rule's YAML changed and `python -m bplint.docs` was not run again."""
    assert PAGE.read_text(encoding="utf-8") == docs.render(builtin_rules()), "run: python -m bplint.docs"


def test_the_page_lists_every_rule_in_its_table_and_in_full():
    text = PAGE.read_text(encoding="utf-8")
    for rule in builtin_rules():
        anchor = f"{rule.id.lower()}-{rule.name}"
        assert f"| [{rule.id}](#{anchor}) | {rule.name} | {rule.severity} |" in text
        assert f"\n### {rule.id} {rule.name}\n" in text


def test_the_check_says_stale(tmp_path, capsys):
    page = tmp_path / "rules.md"
    assert docs.main([str(page)]) == 0 and docs.main([str(page), "--check"]) == 0
    page.write_text(page.read_text(encoding="utf-8").replace("BP105", "BP150", 1), encoding="utf-8")
    assert docs.main([str(page), "--check"]) == 1
    assert "stale" in capsys.readouterr().err

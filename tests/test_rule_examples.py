"""Every rule's bad example fires it and its good example does not (one test for all rules)."""

from __future__ import annotations

import pytest

from bplint.catalog import load_rules
from bplint.lint import lint_path, lint_source
from bplint.read import decode
from tests.conftest import EXAMPLES

# The built-in rules and the example pack a user would copy (examples/rules-satisfaction.yaml).
PACKS = tuple(str(p) for p in sorted(EXAMPLES.glob("rules-*.yaml")))
RULES = load_rules(PACKS)


def _rules_fired(example: dict, tmp_path) -> set[str]:
    if "bytes" in example:
        path = tmp_path / "example.txt"
        path.write_bytes(example["bytes"].encode("latin-1"))
        result = lint_path(str(path), RULES, "zh")
    else:
        result = lint_source(decode(example["text"].encode("utf-8"), "example.txt"), RULES, "zh")
    return {finding.rule for finding in result.findings}


def test_the_example_pack_is_there():
    assert "QL001" in RULES and RULES["QL001"].check is not None


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.id)
def test_bad_example_fires_and_good_does_not(rule, tmp_path):
    assert rule.id in _rules_fired(rule.examples["bad"], tmp_path)
    assert rule.id not in _rules_fired(rule.examples["good"], tmp_path)

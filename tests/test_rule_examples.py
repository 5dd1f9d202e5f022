"""Every rule's bad example fires it and its good example does not (one test for all rules)."""

from __future__ import annotations

import pytest

from bplint.catalog import builtin_rules, load_rules
from bplint.lint import lint_path, lint_source
from bplint.read import decode

RULES = load_rules()


def _rules_fired(example: dict, tmp_path) -> set[str]:
    if "bytes" in example:
        path = tmp_path / "example.txt"
        path.write_bytes(example["bytes"].encode("latin-1"))
        result = lint_path(str(path), RULES, "zh")
    else:
        result = lint_source(decode(example["text"].encode("utf-8"), "example.txt"), RULES, "zh")
    return {finding.rule for finding in result.findings}


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda rule: rule.id)
def test_bad_example_fires_and_good_does_not(rule, tmp_path):
    assert rule.id in _rules_fired(rule.examples["bad"], tmp_path)
    assert rule.id not in _rules_fired(rule.examples["good"], tmp_path)

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


SPEC = EXAMPLES.parent.parent / "shared" / "spec" / "rules.md"
SEVERITY = {"E": "error", "W": "warning", "I": "info"}


def _catalogue() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("BP") and cells[0][2:].isdigit():
            rows[cells[0]] = (cells[1], SEVERITY[cells[2]])
    return rows


@pytest.mark.skipif(not SPEC.exists(), reason="the shared rule catalogue is not next to this checkout")
def test_rules_keep_the_public_catalogue():
    """Ids, names and severities are a public contract (../shared/spec/rules.md)."""
    catalogue = _catalogue()
    shipped = {rule.id: (rule.name, rule.severity) for rule in RULES.values() if rule.id.startswith("BP")}
    assert {rid: shipped[rid] for rid in catalogue} == catalogue  # every rule of it, as it says
    # Rules added since take new ids and are listed in the README, as the catalogue asks.
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    for rid in sorted(set(shipped) - set(catalogue)):
        assert f"`{rid}`" in readme, f"{rid} is not listed in the README"

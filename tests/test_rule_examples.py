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


# What any fragment of a disclosure fires: the parts a whole one would have (categories, tables,
# explanations, something bplint recognises, checks it could run, a cover saying what it is).
FRAGMENT = {"BP002", "BP007", "BP008", "BP204", "BP211", "BP601", "BP603", "BP701"}


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.id)
def test_bad_example_fires_and_good_fires_no_other_rule(rule, tmp_path):
    """The good example is the bad one with the rule's advice applied: it fires neither this rule
    nor any other (BP107's old advice, a percentage for a cost indicator, was BP102's error)."""
    assert rule.id in _rules_fired(rule.examples["bad"], tmp_path)
    assert _rules_fired(rule.examples["good"], tmp_path) - FRAGMENT == set()


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


def _fired(text: str) -> dict[str, str]:
    result = lint_source(decode(text.encode("utf-8"), "example.txt"), RULES, "zh")
    return {f.rule: f.message for f in result.findings if f.rule not in FRAGMENT}


SHEET = (
    "1.置业大厦运转费绩效目标表\n{goal}"
    "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n{row}\n"
)


def test_where_two_rules_meet_their_advice_agrees():
    """BP107 on a cost indicator given money advises renaming it (a percentage would be BP102);
    BP207 on a satisfaction goal of 100% advises changing the goal (100% would be BP104). Each
    advice applied, no rule fires."""
    cost = SHEET.format(goal="", row="成本指标\t经济成本指标\t{name}\t节约成本\t≤900.90万元\t年初计划")
    found = _fired(cost.format(name="预算执行率"))
    assert set(found) == {"BP107"} and "请把三级指标改名为金额" in found["BP107"]
    assert _fired(cost.format(name="预算执行金额")) == {}
    goal = "绩效目标\t1、确保职工满意度达到{goal}\n"
    row = "满意度指标\t服务对象满意度指标\t职工满意度\t职工满意程度\t≥95%\t问卷调查"
    found = _fired(SHEET.format(goal=goal.format(goal="100%"), row=row))
    assert set(found) == {"BP207"} and "请把绩效目标改为与指标值一致" in found["BP207"]
    assert _fired(SHEET.format(goal=goal.format(goal="95%"), row=row)) == {}

"""The full findings of each seed, pinned.  Every finding in tests/snapshots/ was read
against its document; why each is right is beside them, in tests/snapshots/README.md.

After a deliberate change: `BPLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_findings_snapshot.py`,
then read the diff line by line before committing it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from bplint.catalog import load_rules
from bplint.lint import lint_path
from tests.conftest import SEEDS

SNAPSHOTS = Path(__file__).parent / "snapshots"
RULES = load_rules()


def _findings(seed: str) -> list[dict]:
    result = lint_path(str(SEEDS[seed]), RULES, "zh")
    return [{k: v for k, v in f.to_json().items() if k != "excerpt"} for f in result.findings]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_findings_match_snapshot(seed):
    path = SNAPSHOTS / f"{seed}.json"
    found = _findings(seed)
    if os.environ.get("BPLINT_UPDATE_SNAPSHOTS"):
        path.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert found == json.loads(path.read_text(encoding="utf-8"))


def test_a_value_finding_spans_exactly_its_value_cell():
    """In every layout (Word's cells a line apart, tab-separated rows) a finding about an 指标值 points
    at the value's first character and ends at its last: the text between is the value quoted."""
    spans = 0
    for seed in SEEDS:
        lines = SEEDS[seed].read_text(encoding="utf-8").splitlines()
        for finding in lint_path(str(SEEDS[seed]), RULES, "zh").findings:
            raw = finding.value.raw if finding.value is not None else None
            if not raw:
                continue
            first, last = finding.line - 1, finding.end_line - 1
            if first == last:
                text = lines[first][finding.column - 1 : finding.end_column]
            else:
                text = "\n".join(
                    [
                        lines[first][finding.column - 1 :],
                        *lines[first + 1 : last],
                        lines[last][: finding.end_column],
                    ]
                )
            assert text.replace("\n", "").replace(" ", "") == raw.replace(" ", ""), (seed, finding)
            spans += 1
    assert spans == 86


def test_an_arithmetic_finding_spans_the_figure_it_doubts():
    """The figure as printed, with its unit (a narrative's `640.93万元`), or the table cell (`267.41`);
    a sheet's title or an empty total stays a point."""
    spans = {}
    for seed in ("001", "003"):
        lines = SEEDS[seed].read_text(encoding="utf-8").splitlines()
        for f in lint_path(str(SEEDS[seed]), RULES, "zh").findings:
            if f.rule in ("BP401", "BP407", "BP501", "BP503", "BP202"):
                spans[(seed, f.rule, f.line)] = (
                    lines[f.line - 1][f.column - 1 : f.end_column] if f.end_column else ""
                )
    assert spans == {
        ("001", "BP407", 1416): "267.41", ("001", "BP202", 1815): "", ("001", "BP202", 1926): "",
        ("003", "BP501", 54): "640.93万元", ("003", "BP503", 68): "8万元",
        ("003", "BP401", 536): "", ("003", "BP401", 553): "",
    }  # fmt: skip


def test_counts_per_rule_per_seed():
    """The same snapshot at a glance: how many findings of each rule each seed has."""
    counts = {seed: dict(sorted(Counter(f["rule"] for f in _findings(seed)).items())) for seed in SEEDS}
    assert counts == {
        "000": {"BP101": 1, "BP102": 1, "BP103": 1, "BP104": 7, "BP106": 3, "BP109": 2, "BP111": 12,
                "BP114": 9, "BP301": 3},
        "001": {"BP101": 1, "BP104": 1, "BP111": 4, "BP201": 1, "BP202": 2, "BP203": 1, "BP206": 2,
                "BP208": 1, "BP407": 1},
        "002": {"BP107": 6, "BP505": 1},
        "003": {"BP104": 3, "BP107": 14, "BP108": 17, "BP111": 1, "BP114": 4, "BP209": 1, "BP210": 1,
                "BP401": 2, "BP501": 1, "BP503": 1, "BP601": 1},
        # 004 line 57: `确保水、电用量至少比上年节省10%` over 节电量 and 节水量 of ≥5百分比 (lines 71, 78).
        "004": {"BP114": 2, "BP204": 6, "BP207": 11},
    }  # fmt: skip


def test_no_false_alarm_of_the_obvious_kinds():
    everything = {seed: _findings(seed) for seed in SEEDS}
    # A cost cap equal to the budget (002: ≤150万元 on 150.00) is not BP201/BP202.
    assert not [f for f in everything["002"] if f["rule"] in ("BP201", "BP202")]
    # A plan that reaches 100% early and leaves later months blank (004, 000 周转用房) is no BP301.
    assert not [f for f in everything["004"] if f["rule"].startswith("BP3")]
    assert not [f for f in everything["000"] if f["rule"] == "BP301" and f["project"] == "县级领导周转用房"]
    # 效果指标 as the older name of 效益指标 (003) is no hierarchy error.
    assert not [f for seed in SEEDS for f in everything[seed] if f["rule"] == "BP205"]


def test_the_2021_tree_is_valid(tmp_path):
    """成本指标 as 一级 with 经济成本指标 (the 2021 tree) is neither a hierarchy error nor a missing cost."""
    from bplint.lint import lint_source
    from bplint.read import decode

    text = (
        "1.保洁费绩效目标表\n一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
        "产出指标\t数量指标\t保洁面积\t保洁面积\t≥5000平方米\t合同\n"
        "产出指标\t质量指标\t保洁达标率\t卫生达标\t≥95%\t合同\n"
        "产出指标\t时效指标\t完成时间\t按期完成\t2024年12月底前\t合同\n"
        "成本指标\t经济成本指标\t保洁服务费\t合同金额\t≤50万元\t合同\n"
        "效益指标\t社会效益指标\t办公环境\t环境整洁\t≥95%\t工作要求\n"
        "满意度指标\t服务对象满意度指标\t职工满意度\t满意程度\t≥90%\t问卷\n"
    )
    result = lint_source(decode(text.encode("utf-8"), "t.txt"), RULES, "zh")
    assert [f.rule for f in result.findings] == []


def test_the_contract_fields_of_every_finding_are_typed():
    """`value`, the arithmetic working (`expected`, `actual`, `difference`, `tolerance`, `terms`) and
    `page` are typed fields of a Finding (bplint.findings), not an untyped dict: every key of a
    finding's JSON beyond the fixed ones comes from one of them."""
    from dataclasses import fields

    from bplint.findings import Comparison, Finding, Sum, Term, ValueDetail

    assert "details" not in {f.name for f in fields(Finding)}
    fixed = {"rule", "name", "severity", "message", "line", "column", "end_line", "end_column", "project",
             "table", "excerpt", "fingerprint", "location"}  # fmt: skip
    kinds = set()
    for seed in SEEDS:
        for finding in lint_path(str(SEEDS[seed]), RULES, "zh").findings:
            contract = set(finding.to_json()) - fixed
            typed = {"value"} if finding.value is not None else set()
            typed |= set(finding.working.to_json()) if finding.working is not None else set()
            assert contract == typed, (seed, finding.rule, contract)
            assert finding.value is None or isinstance(finding.value, ValueDetail)
            if finding.working is not None:
                kinds.add(type(finding.working))
                assert all(isinstance(t, Term) for t in finding.working.terms or ())
    assert kinds == {Sum, Comparison}


def test_the_reasoning_beside_the_pins_counts_what_is_pinned():
    """tests/snapshots/README.md says why each pinned finding is right, seed by seed and rule by rule
    (`- **BP104 ×7**: …`): its counts are the pins' own, so a pin that moves moves its reasoning."""
    import re

    said: dict[str, Counter] = {}
    seed = None
    for line in (SNAPSHOTS / "README.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"## (\d{3}) \((\d+)\)", line)
        if heading:
            seed = heading[1]
            said[seed] = Counter()
            continue
        group = re.match(r"- \*\*(BP\d{3}) ×(\d+)\*\*", line)
        if group and seed:
            said[seed][group[1]] = int(group[2])
    pinned = {
        seed: Counter(f["rule"] for f in json.loads((SNAPSHOTS / f"{seed}.json").read_text(encoding="utf-8")))
        for seed in SEEDS
    }
    assert said == pinned

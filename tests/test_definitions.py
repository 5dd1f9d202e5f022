"""The shared definitions of rules/definitions.yaml, tested on real cells of the seeds.

Chinese has no word boundaries, so each pattern is checked on the cells it must and must not match.
"""

from __future__ import annotations

import pytest

from bplint.catalog import builtin_packs
from bplint.engine.expr import Definitions, Scope, compile_expr
from bplint.engine.vocabulary import Env
from bplint.model.document import Indicator
from bplint.values import parse_value

SHARED = Definitions({name: text for pack in builtin_packs() for name, (text, _) in pack.definitions.items()})


def holds(documents, seed: str, line: int, name: str) -> bool:
    document = documents[seed]
    project = next(p for p in document.projects for i in p.indicators if i.line == line)
    indicator = next(i for i in project.indicators if i.line == line)
    fn = compile_expr(name, Scope("indicator", "indicator", {}, SHARED))
    return bool(fn(Env(indicator, indicator, project, document, {})))


@pytest.mark.parametrize(
    ("seed", "line", "name", "expected"),
    [
        # 服务对象满意度指标, and 满意 in a 描述 under 社会效益指标 (003 `反应维修效果满意情况`).
        ("000", 151, "satisfaction", True),
        ("003", 284, "satisfaction", True),
        ("001", 2023, "satisfaction", False),  # 日常工作有效运转率
        # A rate named by its 描述 (`资金支付及时率`) or 三级 (`公共文化服务设施覆盖率`); 效率 is no rate.
        ("003", 294, "rate_name", True),
        ("002", 366, "rate_name", True),
        ("000", 304, "rate_name", False),  # 提高工作效率
        ("001", 1995, "rate_name", False),  # 会务人员的培训人次
        # Total cost caps: money, not per unit, not a lower bound.
        ("003", 177, "cost_cap", True),  # 13 万元
        ("001", 2452, "cost_cap", True),  # 5万元
        ("001", 2118, "cost_cap", False),  # ≤650元/套
        ("001", 2125, "cost_cap", False),  # 18元/天/人
        ("000", 250, "cost_cap", False),  # ≥25万元
        ("000", 197, "cost", True),  # ≤162次 under 成本指标 is a cost indicator, not a cap
        ("000", 197, "cost_cap", False),
        # Percentages are shares unless they name growth.
        ("001", 2438, "share", True),
        ("003", 180, "share", True),
        ("003", 178, "share", False),  # 50 万人
    ],
)
def test_definitions_on_real_cells(documents, seed, line, name, expected):
    assert holds(documents, seed, line, name) is expected


def test_growth_is_no_share():
    fn = compile_expr("growth", Scope("indicator", "indicator", {}, SHARED))
    grown = Indicator("效益指标", "经济效益指标", "收入增长率", "", "≥120%", parse_value("≥120%"), "", 1)
    plain = Indicator("产出指标", "质量指标", "验收合格率", "", "≥120%", parse_value("≥120%"), "", 1)
    assert fn(Env(grown, grown, None, None, {})) is True
    assert fn(Env(plain, plain, None, None, {})) is False


def _holds(name: str, level1: str, level2: str, level3: str, raw: str) -> bool:
    fn = compile_expr(name, Scope("indicator", "indicator", {}, SHARED))
    indicator = Indicator(level1, level2, level3, "", raw, parse_value(raw), "", 1)
    return bool(fn(Env(indicator, indicator, None, None, {})))


@pytest.mark.parametrize(
    ("name", "cells", "expected"),
    [
        # 社会成本 is a harm, not money: a rate filed there owes no amount (福州 p.27) …
        ("cost", ("成本指标", "社会成本指标", "行政处罚案件完成及时率", "≥90%"), False),
        # … but money filed there is a cost all the same (长沙 p.24: 基本支出 ≤386.73万元).
        ("cost", ("成本指标", "社会成本指标", "基本支出", "≤386.73万元"), True),
        ("cost", ("成本指标", "经济成本指标", "预算执行率", "≥95%"), True),
        # Spending against its budget may pass 100%: `≤100%` caps it (福州 p.38).
        ("share", ("成本指标", "经济成本指标", "项目支出预算控制率", "≤100%"), False),
        # So may spending against a planned cost or the funds (福州民政 pp.28–52).
        ("share", ("成本指标", "经济成本指标", "总支出成本控制率", "≤100%"), False),
        ("share", ("成本指标", "经济成本指标", "资金控制率", "≤100%"), False),
        ("share", ("产出指标", "质量指标", "验收合格率", "≤100%"), True),
        # A cost named per unit caps a unit, not the budget (西安办公厅 p.35: ≤70 元 a box, 4130 boxes).
        ("cost_cap", ("成本指标", "经济成本", "档案整理每箱所需经费（元）", "≤70元"), False),
        ("cost_cap", ("成本指标", "经济成本", "培训每人每天所需经费（万元）", "≤0.04万元"), False),
        ("cost_cap", ("成本指标", "经济成本", "每年运维经费", "≤20万元"), True),
    ],
)
def test_what_counts_as_a_cost_and_a_share(name, cells, expected):
    assert _holds(name, *cells) is expected

"""BP603: which of the required explanations a disclosure's text gives, in the words real ones use."""

from __future__ import annotations

import pytest

from bplint.catalog import load_rules
from bplint.lint import lint_source
from bplint.read import decode

RULES = load_rules()
TEXT = """一、部门职责及机构设置情况
二、部门预算安排的总体情况
2024年预算收入100.00万元。
三、机关运行经费安排情况
四、财政拨款“三公”经费预算情况：“三公”经费支出预算4万元{said}。
五、部门整体绩效目标
六、政府采购预算情况
七、国有资产信息
"""


def _missing(said: str) -> str:
    source = decode(TEXT.format(said=said).encode("utf-8"), "example.txt")
    findings = [f for f in lint_source(source, RULES, "zh").findings if f.rule == "BP603"]
    return " ".join(f.message for f in findings)


@pytest.mark.parametrize(
    "said",
    [
        "，与上年预算数相同",
        "，与上年持平",
        "，比上年减少1万元，主要原因是压减公务接待",
        "，与上年一致",
        "，较上年增加1万元",
    ],
)
def test_the_change_of_the_three_public_costs_said_in_any_of_its_words_is_an_explanation(said):
    """苏州 and 无锡 write `与上年预算数相同` (four documents warned of a missing explanation)."""
    assert "三公经费增减变化原因" not in _missing(said)


def test_the_three_public_costs_stated_without_a_word_of_their_change_lack_it():
    assert "三公经费增减变化原因" in _missing("")


SPENDING = """部门预算支出总表
单位：万元
序号\t功能分类科目\t\t合计\t基本支出\t项目支出
\t科目编码\t科目名称\t\t\t
1\t\t合计\t50.00\t30.00\t20.00
1.维修费绩效目标表
项目名称\t维修费
预算规模及资金用途\t预算数\t{budget}\t其中：财政资金\t{budget}\t其他资金
"""


@pytest.mark.parametrize(
    ("budget", "said"), [("12.00", "比20.00万元少8.00万元"), ("30.00", "比20.00万元多10.00万元")]
)
def test_a_sum_off_says_which_side_is_more_never_a_negative_difference(budget, said):
    """`相差-2000.00万元` (福州科技's BP406) leaves the reader to work out which side is larger."""
    source = decode(SPENDING.format(budget=budget).encode("utf-8"), "example.txt")
    (finding,) = [f for f in lint_source(source, RULES, "zh").findings if f.rule == "BP406"]
    assert said in finding.message and "-" not in finding.message

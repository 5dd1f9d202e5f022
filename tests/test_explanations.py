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

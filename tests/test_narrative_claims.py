"""What the narrative claims, as small fixtures: a change stated twice, a total broken down in the
sentence after it (`财政拨款支出预算中，…`)."""

from __future__ import annotations

import pytest

from bplint.catalog import load_rules
from bplint.lint import lint_source
from bplint.read import decode

RULES = load_rules()


def findings(text: str, *rules: str):
    result = lint_source(decode(text.encode("utf-8"), "t.txt"), RULES, "zh", set(rules))
    return [(f.rule, f.line, f.message) for f in result.findings if f.rule in rules]


_TWICE = """2026年部门预算
一、收入说明
2026年一般公共预算拨款收入2,838.42万元，较上年增加145.22万元。
二、支出说明
2026年一般公共预算拨款支出2,838.42万元，较上年增加{first}万元。
三、一般公共预算拨款支出情况
本部门当年一般公共预算拨款支出2,838.42万元，{versus}增加{second}万元。
"""


def test_a_change_stated_twice_differently_is_reported():
    text = _TWICE.format(first="145.22", versus="较上年", second="154.22")
    ((rule, line, message),) = findings(text, "BP512")
    assert (rule, line) == ("BP512", 7)
    assert "本部门当年一般公共预算拨款支出的增减额" in message and "第5行" in message
    assert "9.00万元" in message


@pytest.mark.parametrize(
    ("versus", "second"),
    [
        ("较上年", "145.22"),  # the same change, twice
        ("比上年执行数", "154.22"),  # against last year's outturn, not its budget: another figure
        ("比2025年预算", "145.22"),  # 2025 is the year before 2026: 上年预算 is the same basis
    ],
)
def test_a_change_stated_twice_alike_or_against_another_figure_is_not(versus, second):
    text = _TWICE.format(first="145.22", versus=versus, second=second)
    assert findings(text, "BP512") == []


def test_income_and_spending_of_one_fund_are_not_one_figure():
    # 收入 145.22 and 支出 154.22: last year's 结转 may make them differ; only the 支出 are compared.
    text = _TWICE.format(first="154.22", versus="较上年", second="154.22")
    assert findings(text, "BP512") == []


_NAMED = """2025年部门预算
一、财政拨款支出预算
2025年，本部门支出预算9,101.68万元，其中：财政拨款支出预算9,101.68万元，比2024年预算减少2,389.52万元。\
{name}中，一般公共预算拨款支出预算{level}万元，比2024年预算减少{change}万元；政府性基金拨款支出预算0万元，\
比2024年预算持平；国有资本经营预算拨款支出预算0万元，比2024年预算持平。
"""


def test_a_total_named_again_before_its_parts_is_divided_by_them():
    """上海's `财政拨款支出预算中，…`: the parts of the total the sentence before ends with, and their
    changes the parts of its change."""
    text = _NAMED.format(name="财政拨款支出预算", level="9,101.68", change="2,389.52")
    assert findings(text, "BP501", "BP503") == []
    level_off = _NAMED.format(name="财政拨款支出预算", level="9,108.68", change="2,389.52")
    assert [f[:2] for f in findings(level_off, "BP501")] == [("BP501", 3)]
    change_off = _NAMED.format(name="财政拨款支出预算", level="9,101.68", change="2,398.52")
    assert [f[:2] for f in findings(change_off, "BP503")] == [("BP503", 3)]


def test_a_sentence_naming_another_word_before_中_divides_nothing():
    text = _NAMED.format(name="在会务服务工作", level="9,108.68", change="2,398.52")
    assert findings(text, "BP501", "BP503") == []

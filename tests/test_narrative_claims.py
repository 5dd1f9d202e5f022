"""What the narrative claims, as small fixtures: a change stated twice, a total broken down in the
sentence after it (`财政拨款支出预算中，…`)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bplint import numerals
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
    # The first statement is said where it is, never as bplint's line 5.
    assert "本部门当年一般公共预算拨款支出的增减额" in message and "“二、支出说明”一节的" in message
    assert "行" not in message.split("同一个数")[0].replace("执行", "")
    assert "9.00万元" in message


def test_a_change_stated_twice_says_where_in_english_without_chinese_joining_words():
    text = _TWICE.format(first="145.22", versus="较上年", second="154.22")
    result = lint_source(decode(text.encode("utf-8"), "t.txt"), RULES, "en", {"BP512"})
    (message,) = [f.message for f in result.findings if f.rule == "BP512"]
    assert "but section “二、支出说明” “2026年一般公共预算拨款支出” (its change) gives it as" in message
    assert "的" not in message.replace("的增减额", "") and "的增减额" not in message


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


_SANGONG = """2026年部门预算
三、“三公”经费预算情况
“三公”经费预算{total}万元，比上年减少{total_change}万元。其中：
1．因公出国（境）费{abroad}万元，比上年减少{abroad_change}万元，主要原因是{abroad_reason}。
2．公务用车运行维护费{car}万元，比上年减少{car_change}万元，主要原因是{car_reason}。
3．公务接待费{host}万元，比上年减少{host_change}万元，主要原因是{host_reason}。
"""
_FAIR = dict(total="10.4", total_change="1.6", abroad="2", abroad_change="0.4", abroad_reason="出访团组减少",
             car="5.6", car_change="0.8", car_reason="公务用车数量减少", host="2.8", host_change="0.4",
             host_reason="严格控制接待标准")  # fmt: skip


def test_items_with_their_own_figures_and_reasons_are_not_copies():
    assert findings(_SANGONG.format(**_FAIR), "BP519", "BP501", "BP503") == []


def test_an_item_repeating_the_item_befores_amount_and_change_is_reported():
    text = _SANGONG.format(**{**_FAIR, "car": "2", "car_change": "0.4", "host": "6.4", "host_change": "0.8"})
    ((rule, line, message),) = findings(text, "BP519")
    assert (rule, line) == ("BP519", 5)
    assert "公务用车运行维护费”为2万元，比上年减少0.4万元" in message and "因公出国（境）费”" in message


def test_items_of_zero_alike_are_not_copies():
    zeros = {**_FAIR, "abroad": "0", "abroad_change": "0", "car": "0", "car_change": "0"}
    assert findings(_SANGONG.format(**zeros), "BP519") == []


@pytest.mark.parametrize(
    ("item", "reason", "line", "other"),
    [
        ("host_reason", "公务用车数量减少", 6, "公务用车"),
        ("car_reason", "出访团组减少", 5, "因公出国（境）"),
        ("abroad_reason", "严格控制接待标准", 4, "公务接待"),
    ],
)
def test_a_reason_that_speaks_of_another_item_is_reported(item, reason, line, other):
    ((rule, at, message),) = findings(_SANGONG.format(**{**_FAIR, item: reason}), "BP519")
    assert (rule, at) == ("BP519", line)
    assert f"说的是{other}，不是这一项" in message


def test_a_reason_that_speaks_of_its_own_item_too_is_not():
    # 接待 named beside 车: the reason is the item's own (a car for hosting guests).
    text = _SANGONG.format(**{**_FAIR, "host_reason": "接待用车减少"})
    assert findings(text, "BP519") == []


@pytest.mark.parametrize(
    ("written", "value"),
    [("三十五", "35"), ("三万五千", "35000"), ("三万零五百", "30500"), ("一点五", "1.5"),
     ("一亿二千万", "120000000"), ("两千", "2000"), ("十", "10"), ("一千零五", "1005")],
)  # fmt: skip
def test_chinese_numerals_give_amounts(written, value):
    assert numerals.chinese_amount(written) == Decimal(value)


def test_an_amount_in_chinese_numerals_is_a_figure_like_any_other():
    text = "2026年部门预算\n“三公”经费三十五万元，其中：公务接待费二十万元、公务用车运行维护费十万元。\n"
    ((rule, line, message),) = findings(text, "BP501")
    assert (rule, line) == ("BP501", 2) and "30万元" in message and "35万元" in message
    assert findings(text.replace("十万元。", "十五万元。"), "BP501") == []


@pytest.mark.parametrize("words", ["数百万元的项目", "上万元的设备", "推进预算管理一元化", "第一万元"])
def test_words_that_only_look_like_chinese_amounts_are_not_figures(words):
    source = decode(f"2026年部门预算\n{words}。\n".encode(), "t.txt")
    assert [f for s in lint_source(source, RULES, "zh", set()).document.narrative for f in s.figures] == []


def test_a_label_printed_a_character_apart_is_closed_up():
    line = "（3）公共安全支出（类）司 法 （ 款 ） 行 政 运 行 （ 项 ）8,553.80 万元。"
    source = decode(f"2026年部门预算\n{line}\n".encode(), "t.txt")
    (figure,) = [f for s in lint_source(source, RULES, "zh", set()).document.narrative for f in s.figures]
    assert figure.label == "（3）公共安全支出（类）司法（款）行政运行（项）"
    assert (figure.line, figure.column) == (2, 36)  # columns count the line as printed, spaces and all


_TOLD_AGAIN = """2026年部门预算
三、部门预算支出情况
本单位预算3,703.39万元，包括在职人员经费1,190.00万元、公用经费323.92万元、项目支出2,189.47万元。
（一）在职人员经费{staff}万元，主要是在职人员工资福利和社保缴费等相关支出。
（二）公用经费323.92万元，主要包括公用综合定额经费。
{heading}（三）项目支出{projects}万元。
"""


def test_items_that_take_up_a_breakdowns_parts_again_must_agree_with_them():
    """深圳's `…包括在职人员经费 1,190.00 万元、…` then `（一）在职人员经费 1,190.00 万元，…`."""
    assert findings(_TOLD_AGAIN.format(staff="1,190.00", heading="", projects="2,189.47"), "BP512") == []
    ((rule, line, message),) = findings(
        _TOLD_AGAIN.format(staff="1,109.00", heading="", projects="2,189.47"), "BP512"
    )
    assert (rule, line) == ("BP512", 4) and "前文的“在职人员经费”" in message


def test_a_part_named_again_under_another_section_may_be_another_scope():
    # 苏州: 财政拨款基本支出's 人员经费 in 六、, 一般公共预算基本支出's in 八、: two figures.
    text = _TOLD_AGAIN.format(staff="1,190.00", heading="四、一般公共预算支出情况\n", projects="1,000.00")
    assert findings(text, "BP512") == []


@pytest.mark.parametrize(
    ("line", "quoted"),
    [
        ("公务接待费10万元，比上年增加（减少）2万元。", "增加（减少）"),
        ("培训费5万元，比上年下降（增长）10%。", "下降（增长）"),
        ("会议费3万元，比上年减少1万元，主要原因是。", "主要原因是。"),
        ("20XX年，我部门机关运行经费共计安排××万元。", "20XX年"),
    ],
)
def test_a_template_remnant_is_quoted_in_the_finding(line, quoted):
    ((rule, _, message),) = findings(f"2026年部门预算\n{line}\n", "BP506")
    assert rule == "BP506" and f"模板文字“{quoted}”" in message


@given(st.text(alphabet="零〇一二三四五六七八九十百千万亿两点", max_size=20))
def test_chinese_numerals_give_an_amount_or_say_they_are_none(written):
    try:
        amount = numerals.chinese_amount(written)
    except ValueError:
        return
    assert amount >= 0


@given(st.integers(min_value=1, max_value=99_999_999), st.sampled_from(["万元", "元", "亿元"]))
def test_an_amount_in_chinese_numerals_reads_as_its_digits(value, unit):
    assume(value % 10000 or unit == "元")  # nobody writes 五万万元
    source = decode(f"2026年部门预算\n会议费{_chinese(value)}{unit}。\n".encode(), "t.txt")
    figures = [f for s in lint_source(source, RULES, "zh", set()).document.narrative for f in s.figures]
    expected = [(Decimal(value), unit)]
    if unit == "元" and value < 10:
        expected = []  # `五元` alone reads as a word (一元化): a yuan amount needs 十, 百, 千 or 万
    elif unit == "元" and value % 10000 == 0:
        expected = [(Decimal(value // 10000), "万元")]  # 五万元: 5 万元
    assert [(f.amount, f.unit) for f in figures] == expected


def _chinese(value: int) -> str:
    """`value` in Chinese numerals as a finance office writes them (35000 三万五千, 30500 三万零五百)."""
    high, low = divmod(value, 10000)
    if not high:
        return _group(low, leading=True)
    return _group(high, leading=True) + "万" + ("零" if 0 < low < 1000 else "") + _group(low, leading=False)


def _group(n: int, leading: bool) -> str:
    """0 < n < 10000 (or 0, nothing): 1005 一千零五, 110 一百一十, and leading 15 十五."""
    parts, zero = [], False
    for power, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // power % 10
        if digit:
            parts += ["零"] if zero and parts else []
            parts.append("零一二三四五六七八九"[digit] + name)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if leading and text.startswith("一十") else text


def test_parts_in_another_unit_are_quoted_as_printed():
    text = "2026年部门预算\n支出预算1.20亿元，其中：基本支出8,000万元、项目支出4,100万元。\n"
    ((rule, _, message),) = findings(text, "BP501")
    assert rule == "BP501" and "基本支出8000万元与项目支出4100万元合计1.2100亿元" in message  # not 0.8000亿元
    # 1.2亿元 is printed to a tenth: 0.05亿元 either way, so 1.21亿元 is within its rounding.
    assert findings(text.replace("1.20亿元", "1.2亿元"), "BP501") == []


def _labels(text: str) -> list[tuple[str, Decimal]]:
    source = decode(f"2026年部门预算\n{text}\n".encode(), "t.txt")
    return [
        (f.label, f.amount)
        for s in lint_source(source, RULES, "zh", set()).document.narrative
        for f in s.figures
    ]


_SANGONG_RESPECTIVELY = (
    "“三公”经费预算4.5万元，其中因公出国（境）费、公务用车购置及运行维护费、公务接待费"
    "分别为0万元、3.5万元、{host}万元。"
)


def test_names_listed_before_分别为_name_the_figures_after_it():
    assert _labels(_SANGONG_RESPECTIVELY.format(host="1"))[1:] == [
        ("因公出国（境）费", Decimal("0")),
        ("公务用车购置及运行维护费", Decimal("3.5")),
        ("公务接待费", Decimal("1")),
    ]
    assert _labels("会议费和培训费分别为2万元和3万元。") == [
        ("会议费", Decimal("2")),
        ("培训费", Decimal("3")),
    ]
    # Two names, one figure and a change: not one figure per name, so nothing is named.
    assert [label for label, _ in _labels("收入、支出分别为5万元，比上年增加1万元。")] == [
        "支出分别",
        "支出分别",
    ]


def test_a_三公_total_over_parts_named_by_分别为_is_checked():
    text = "2026年部门预算\n" + _SANGONG_RESPECTIVELY.format(host="1.5") + "\n"
    ((rule, line, _),) = findings(text, "BP501")
    assert (rule, line) == ("BP501", 2)


def test_a_line_that_opens_with_an_amount_finishes_the_line_before():
    """福州 p.21: `（三）2080505- 机关事业单位基本养老保险缴费支出` / `553.54 万元。…`: one sentence, named by
    its code (a space after the code's dash does not end the name)."""
    labels = _labels(
        "（三）2080505- 机关事业单位基本养老保险缴费支出\n553.54 万元。主要用于在编人员基本养老保险缴费支出。"
    )
    assert labels == [("（三）2080505- 机关事业单位基本养老保险缴费支出", Decimal("553.54"))]


def test_the_main_items_listed_after_主要包括_may_fall_short_of_the_total():
    """深圳 p.12: `区财政安排项目 1,012.29 万元，主要包括：食品安全管理工作 471.06 万元，…` and more items
    after it: the main parts, not all of them (BP511, not BP501)."""
    items = "食品安全管理工作471.06万元、综合事务工作519.23万元"
    text = f"2026年部门预算\n区财政安排项目1,012.29万元，主要包括：{items}。\n"
    assert findings(text, "BP501", "BP511") == []
    over = text.replace("519.23", "619.23")
    assert [rule for rule, _, _ in findings(over, "BP501", "BP511")] == ["BP511"]


_TWO_SCOPES = """部门预算支出总表
单位：万元
科目编码	科目名称	合计	基本支出	项目支出
	合计	150.00	100.00	50.00
部门预算一般公共预算财政拨款基本支出表
单位：万元
序号	支出部门经济分类科目		一般公共预算基本支出
	科目编码	科目名称	合计	人员经费	公用经费
1		合计	80.00	50.00	30.00
二、基本支出情况
2024年基本支出{amount}万元。
"""


@pytest.mark.parametrize("amount", ["100.00", "80.00"])
def test_a_figure_any_of_its_tables_holds_is_right(amount):
    """基本支出 of all funds (支出总表) or of the 一般公共预算 (基本支出表): where neither the words nor the
    heading say which (`二、基本支出情况`), the text may mean either."""
    assert findings(_TWO_SCOPES.format(amount=amount), "BP502") == []


def test_a_figure_none_of_its_tables_holds_is_checked_against_the_first():
    ((rule, line, message),) = findings(_TWO_SCOPES.format(amount="90.00"), "BP502")
    assert (rule, line) == ("BP502", 11) and "表中为100.00万元" in message


# The words the narrative readers look for, joined at random (split at spaces; `_` is a space).
_WORDS = """其中： 包括 主要包括： 分别为 、 和 ， 。 ； 中， 财政拨款支出预算 一般公共预算拨款 三十五万元
一点五亿元 12.5万元 0万元 比上年增加 减少 持平 主要原因是 公务接待费 公务用车 因公出国（境）费 （一） 1. 七、
2,838.42万元 较2025年预算增加 增长5% 支_出_（_款_） 2080505-_ （项） 基本支出 人员经费
收入预算 十 万 元 亿 点""".split()
_WORDS = [word.replace("_", " ") for word in _WORDS] + ["\n"]


@given(st.lists(st.sampled_from(_WORDS), max_size=60))
def test_the_narrative_readers_never_raise_on_their_own_words(words):
    """Every reader this file tests, on any sentence made of the words they look for."""
    source = decode(("2026年部门预算\n" + "".join(words) + "\n").encode(), "t.txt")
    result = lint_source(source, RULES, "zh")
    assert all(f.rule != "BP001" for f in result.findings)

"""The value grammar: every 指标值 of the seeds, the forms finance offices write, and its errors."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from bplint import units
from bplint.catalog import load_rules
from bplint.model.dump import value_json
from bplint.values import (
    Deadline,
    Empty,
    Qualitative,
    Quantity,
    Range,
    UnitMismatch,
    ValueParseError,
    parse_value,
)

FIXTURE = Path(__file__).parent / "fixtures" / "seed_values.tsv"


def _seed_values() -> list[list[str]]:
    with FIXTURE.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [row + [""] * (7 - len(row)) for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _expected(value) -> tuple[str, ...]:
    data = value_json(value)
    if data["kind"] == "quantity":
        return ("quantity", data["op"] or "", data["amount"], data["unit"] or "")
    if data["kind"] == "deadline":
        return ("deadline", str(data["year"]), str(data["month"]), str(data["day"] or ""))
    return (data["kind"], "", "", "")


@pytest.mark.parametrize("row", _seed_values(), ids=lambda row: f"{row[0]}:{row[1]}")
def test_every_seed_value_parses_as_checked_by_hand(row):
    _seed, raw, _count, *expected = row
    assert _expected(parse_value(raw)) == tuple(expected)


def test_fixture_holds_exactly_the_values_of_the_seeds(documents):
    fixture = {(seed, raw): int(count) for seed, raw, count, *_ in _seed_values()}
    found: dict[tuple[str, str], int] = {}
    for seed, document in documents.items():
        for indicator in document.indicators:
            found[(seed, indicator.raw)] = found.get((seed, indicator.raw), 0) + 1
    assert found == fixture


def test_no_seed_value_is_unparsed(documents):
    for document in documents.values():
        assert [p for p in document.problems if p.rule == "BP003"] == []
        assert all(indicator.value is not None for indicator in document.indicators)


@pytest.mark.parametrize(
    ("text", "op", "amount", "unit"),
    [
        ("≥90%", "≥", "90", "%"),
        (">=90%", "≥", "90", "%"),
        ("＞＝90％", "≥", "90", "%"),
        ("≧90%", "≥", "90", "%"),
        ("不少于4次", "≥", "4", "次"),
        ("不低于95%", "≥", "95", "%"),
        ("至少2次", "≥", "2", "次"),
        ("大于200次", ">", "200", "次"),
        ("高于80%", ">", "80", "%"),
        ("超过3天", ">", "3", "天"),
        ("不超过12万元", "≤", "12", "万元"),
        ("不高于5%", "≤", "5", "%"),
        ("不大于60平方米", "≤", "60", "平方米"),
        ("低于2%", "<", "2", "%"),
        ("小于60平米", "<", "60", "平米"),
        ("95%以上", "≥", "95", "%"),
        ("5%以下", "≤", "5", "%"),
        ("3天以内", "≤", "3", "天"),
        ("达到100%", "≥", "100", "%"),
        ("=100%", "=", "100", "%"),
        ("１２３台", None, "123", "台"),
        ("1,000元", None, "1000", "元"),
        ("1，000元", None, "1000", "元"),
        ("百分之百", None, "100", "%"),
        ("百分之九十五", None, "95", "%"),
        ("两次", None, "2", "次"),
        ("十二个月", None, "12", "个月"),
        ("一百二十人", None, "120", "人"),
        ("12次/月", None, "12", "次/月"),
        ("1次/年", None, "1", "次/年"),
        ("18元/天/人", None, "18", "元/天/人"),
        ("≤650元/套", "≤", "650", "元/套"),
        ("≥100百分 比", "≥", "100", "百分比"),
        ("≥ 50 万人", "≥", "50", "万人"),
        ("100 %", None, "100", "%"),
        ("1 50次", None, "150", "次"),
        ("≤0.5万元", "≤", "0.5", "万元"),
        ("3千元", None, "3", "千元"),
        ("1.2亿元", None, "1.2", "亿元"),
        ("8小时", None, "8", "小时"),
        ("2周", None, "2", "周"),
        ("1季度", None, "1", "季度"),
        ("5亩", None, "5", "亩"),
        ("20㎡", None, "20", "㎡"),
        ("3公里", None, "3", "公里"),
        ("1.2毫米", None, "1.2", "毫米"),
    ],
)
def test_written_forms(text, op, amount, unit):
    value = parse_value(text)
    assert isinstance(value, Quantity)
    assert (value.op, value.amount, value.unit.symbol) == (op, Decimal(amount), unit)
    assert value.raw == text


@pytest.mark.parametrize("text", ["90%-100%", "90%～100%", "90～100%", "90%~100%", "90-100%"])
def test_ranges(text):
    value = parse_value(text)
    assert isinstance(value, Range)
    assert (value.low.amount, value.high.amount, value.high.unit.symbol) == (90, 100, "%")


@pytest.mark.parametrize(
    ("text", "year", "month", "day"),
    [
        ("2023年12月底之前", 2023, 12, None),
        ("2023年12月31日前", 2023, 12, 31),
        ("12月底前", None, 12, None),
        ("2024年6月底前", 2024, 6, None),
        ("2023年底前", 2023, 12, None),
        ("6月30日前", None, 6, 30),
    ],
)
def test_deadlines(text, year, month, day):
    assert parse_value(text) == Deadline(month=month, year=year, day=day)


@pytest.mark.parametrize(
    "text", ["健全", "达标", "及时", "显著", "良好", "有效", "是", "否", "全年不发生食品安全事故"]
)
def test_qualitative(text):
    assert parse_value(text) == Qualitative(text)


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_empty(text):
    assert isinstance(parse_value(text), Empty)


@pytest.mark.parametrize(
    "text", ["≥12abc", "≥9547平方米；≥36次", "≥", "12次/", "≥90%以下", "13月底前", "90%-100次"]
)
def test_not_a_value(text):
    with pytest.raises(ValueParseError) as caught:
        parse_value(text)
    assert caught.value.raw == text


def test_units_convert_and_compare():
    assert parse_value("≤0.5万元") == parse_value("≤5000元")
    assert parse_value("≤0.5万元") != parse_value("≥5000元")
    assert parse_value("0.5万元").to("元") == Decimal("5000")
    assert parse_value("1亩").to("平方米") == Decimal(2000) / Decimal(3)
    assert parse_value("50万人").to("人") == 500_000
    assert parse_value("2年").to("月") == 24
    assert parse_value("≥90%") < parse_value("95百分比")
    assert parse_value("12万元") > parse_value("9000元")
    with pytest.raises(TypeError):
        _ = parse_value("12万元") < parse_value("12次")
    with pytest.raises(TypeError):
        parse_value("2天").to("月")


def test_every_unit_of_the_unit_list_is_read_by_the_grammar():
    for symbol in units.BASE_UNITS:
        assert parse_value(f"1{symbol}").unit.symbol == symbol


def test_units_a_province_adds_are_data():
    """长沙 writes `38.61万立方` and `≥30分钟`: entries of units.yaml, read without a code change."""
    assert parse_value("38.61万立方").to("立方米") == 386_100
    assert parse_value("≤30分钟") < parse_value("1小时")
    assert parse_value("≥12场次").unit.symbol == "场次"


def test_one_value_written_once_per_metric_is_that_value():
    """Xi'an's `≤1次；≤1次`: the 三级 names two metrics with the same target."""
    value = parse_value("≤1次；≤1次")
    assert value == parse_value("≤1次") and value.raw == "≤1次；≤1次"
    with pytest.raises(ValueParseError, match="几个不同的指标值"):
        parse_value("≥9547平方米；≥9547平方米；≥36次")


# Values in forms the grammar does not know, read by their shape (bplint.valueforms).
@pytest.mark.parametrize(
    "text, amount, unit, op",
    [
        ("万元≤184.94", "184.94", "万元", "≤"),  # the unit first
        ("满意度≥92%", "92", "%", "≥"),  # the measure's name first
        ("正确率 100%", "100", "%", None),
        ("全年执法≥12 次", "12", "次", "≥"),
        ("每月站点正常运行率≥95%", "95", "%", "≥"),
        ("收到后5个工作日内", "5", "个工作日", "≤"),  # a time after an event
        ("≤任务下达后3日", "3", "日", "≤"),
        ("全年 366 天实时监测", "366", "天", None),  # words after the figure
        ("增加降水量≥10%，受到普遍好评", "10", "%", "≥"),  # a comment beside it
        ("≥95%(暂定)", "95", "%", "≥"),  # a remark in brackets
    ],
)
def test_values_in_forms_the_grammar_does_not_know(text, amount, unit, op):
    value = parse_value(text)
    assert (value.amount, str(value.unit), value.op) == (Decimal(amount), unit, op)
    assert value.raw == text


def test_a_unit_bplint_never_met_is_carried_as_written_and_compares_only_with_itself():
    plots = parse_value("≥3宗地")
    assert (plots.amount, str(plots.unit), plots.op) == (Decimal(3), "宗地", "≥")
    assert parse_value("5宗地") > plots
    with pytest.raises(UnitMismatch):
        plots.compare(parse_value("≥3宗"))


@pytest.mark.parametrize(
    "text, year, month",
    [
        ("2022年6-9月", 2022, 9),
        ("2022年1月-6月", 2022, 6),
        ("2022年12月底前完成", 2022, 12),
    ],
)
def test_a_span_of_months_is_due_by_its_last(text, year, month):
    assert parse_value(text) == Deadline(month=month, year=year)


def test_a_named_span_of_months_is_a_range():
    assert parse_value("网站1月-12月") == Range(
        Quantity(Decimal(1), units.unit("月")), Quantity(Decimal(12), units.unit("月"))
    )


def test_figures_in_no_form_are_still_unparsed():
    for text in ("≥12abc", "12次/", "60期，2800条", "飞机增雨 10 次/年；火箭增雨 12 次/年"):
        with pytest.raises(ValueParseError):
            parse_value(text)


def test_a_target_with_a_further_condition_is_checked_by_its_money():
    value = parse_value("2%，且≤2000万元/项目")
    assert (value.amount, str(value.unit), value.op, value.unit.is_money) == (
        Decimal(2000),
        "万元/项目",
        "≤",
        True,
    )


def test_a_value_that_is_its_measures_name_holds_no_value():
    """`及时率` under 影视节目传输及时率 names the measure: BP003; `达标` under 确保达标 is a value."""
    from bplint.lint import lint_source
    from bplint.read import decode

    head = "1.气象服务经费绩效目标表\n一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
    rows = (
        "产出指标\t时效指标\t影视节目传输及时率\t传输\t及时率\t计划\n"
        "产出指标\t质量指标\t确保达标\t验收\t达标\t计划\n"
    )
    result = lint_source(decode((head + rows).encode("utf-8"), "t.txt"), load_rules(), "zh")
    (unparsed,) = [f for f in result.findings if f.rule == "BP003"]
    assert "“及时率”" in unparsed.message and "写的是指标的名称，没有写目标值" in unparsed.message
    assert [i.value for i in result.document.indicators] == [None, Qualitative("达标")]


def test_a_funds_block_reads_figures_printed_with_their_unit():
    """西安's 专项资金总体 sheet: `实施期资金总额： | 2400万元 | 年度资金总额： | 100万元` (the unit in
    the cell, the label with its colon); and a rate beside a cap is no BP107."""
    from bplint.lint import lint_source
    from bplint.read import decode

    text = (
        "1.工业发展专项资金绩效目标表\n项目名称\t工业发展专项资金\t\t\n"
        "资金金额（万元）\t实施期资金总额：\t2400万元\t年度资金总额：\t100万元\n"
        "\t其中：财政拨款\t2400万元\t其中：财政拨款\t100万元\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "成本指标\t经济成本指标\t按投资额的一定比例奖补\t2%，且≤2000万元/项目\n"
    )
    result = lint_source(decode(text.encode("utf-8"), "t.txt"), load_rules(), "zh")
    (project,) = result.document.projects
    assert (project.budget.total, project.budget.fiscal, project.budget.unit) == (
        Decimal(2400),
        Decimal(2400),
        "万元",
    )
    assert "BP107" not in {f.rule for f in result.findings}


def test_a_unit_of_alternatives_is_a_written_unit():
    """福州民政: `≥325人、户` (people or households), `≥4个、所`."""
    value = parse_value("≥325人、户")
    assert (value.amount, str(value.unit), value.op) == (Decimal(325), "人、户", "≥")

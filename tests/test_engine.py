"""The rule expression language: what compiles, what it means, and the errors a rule author sees."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bplint import extract
from bplint.catalog import CatalogError, load_file, load_rules
from bplint.engine.expr import Definitions, ExprError, Scope, compile_expr
from bplint.engine.vocabulary import Env
from bplint.read import decode
from bplint.values import Quantity

SHEET = (
    "2024年部门预算\n1.维修费绩效目标表\n项目名称\t维修费\n"
    "预算规模及资金用途\t预算数\t12.00\t其中：财政资金\t12.00\t其他资金\n"
    "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
    "产出指标\t数量指标\t维修面积\t屋面维修\t≥442平方米\t测量\n"
    "产出指标\t成本指标\t材料费\t材料费用\t≤0.5万元\t预算\n"
    "产出指标\t成本指标\t人工费\t人工费用\t≤6000元\t预算\n"
    "满意度指标\t服务对象满意度指标\t职工满意度\t满意程度\t90%-100%\t问卷\n"
)
DOCUMENT = extract.build(decode(SHEET.encode("utf-8"), "sheet.txt"))
PROJECT = DOCUMENT.projects[0]
DEFINITIONS = Definitions({"cost": "level2 matches '成本'", "loop": "loop and true"})


def evaluate(text: str, item=None, kind: str = "indicator", params: dict | None = None):
    item = PROJECT.indicators[1] if item is None else item
    scope = Scope(kind, kind, {k: "list[text]" for k in params or {}}, DEFINITIONS)
    return compile_expr(text, scope)(Env(item, item, PROJECT, DOCUMENT, params or {}))


def test_comparisons_convert_units():
    assert evaluate("value == 5000元") is True
    assert evaluate("value < 1万元 and value > 4999元") is True
    assert evaluate("value.op in ['≤', '<']") is True
    # 万元 with 次: a comparison across dimensions is false, never an error.
    assert evaluate("value > 3次") is False
    assert evaluate("value.money and not value.per") is True


def test_missing_values_compare_false():
    empty_budget = evaluate("project.budget.other > 0万元")
    assert empty_budget is False
    assert evaluate("project.budget.other == null") is True


def test_aggregates_filters_and_scopes():
    total = evaluate("sum(project.indicators where cost, value)")
    assert total == Quantity(Decimal("1.1"), _unit("万元"))
    assert total.op is None  # a sum is an amount, not a bound
    assert evaluate("count(project.indicators where level2 matches '数量|质量')") == 1
    # `it` is the rule's item inside a filter; bare names are the element's fields.
    assert evaluate("count(project.indicators where line < it.line)") == 1
    assert evaluate("first(project.indicators where cost).level3") == "材料费"
    assert evaluate("any(project.indicators, value.percent)") is True  # a range reads as its upper end


def test_ranges_expose_their_ends():
    satisfaction = PROJECT.indicators[3]
    assert evaluate("value.low == 90% and value.high == 100%", satisfaction) is True
    assert evaluate("value.amount", satisfaction) == Decimal("100")


def test_params_if_and_text():
    params = {"required": ["数量指标", "质量指标"]}
    assert evaluate("count(params.required where item in ['数量指标'])", params=params) == 1
    assert evaluate("if(cost, '成本' + level3, 'other')") == "成本材料费"
    stated = evaluate("stated('项目预算4万元，其中财政资金4元', '财政资金')")
    assert stated == Quantity(Decimal(4), _unit("元"))


def test_budget_amounts_carry_the_document_unit():
    assert evaluate("budget.total", PROJECT, "project") == Quantity(Decimal("12.00"), _unit("万元"))
    assert evaluate("budget.total == 120000元", PROJECT, "project") is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("value.amout > 1", "value 没有字段 amout"),
        ("budgt.total > 1", "未知的名称 budgt"),
        ("sumx(indicators)", "未知的函数 sumx"),
        ("value >", "语法错误"),
        ("level3 matches '(['", "正则表达式"),
        ("value > 3斤", "未知的单位"),
        ("count(level3)", "应当是列表"),
        ("loop", "引用了它自己"),
        ("params.missing", "规则没有参数 missing"),
    ],
)
def test_compile_errors_say_what_is_wrong(text, message):
    with pytest.raises(ExprError, match=message):
        evaluate(text)


RULE = """\
id: X101
name: my-rule
severity: warning
title: 测试规则
select: indicators
when: "{when}"
message: {{zh: "测试 {{indicator}}"}}
explain: {{what: 测试}}
examples: {{bad: {{text: ""}}, good: {{text: ""}}}}
"""


def _pack(tmp_path, text: str) -> str:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_rule_naming_a_missing_field_is_an_error_with_file_and_line(tmp_path):
    pack = _pack(tmp_path, "# my pack\n" + RULE.format(when="value.amout > 1"))
    with pytest.raises(CatalogError) as error:
        load_rules((pack,))
    assert str(error.value).startswith(f"{pack}:2: 规则 X101：when：value 没有字段 amout")


def test_unknown_selector_and_keys_are_errors(tmp_path):
    with pytest.raises(CatalogError, match="select 应为"):
        load_rules((_pack(tmp_path, RULE.format(when="true").replace("indicators", "sheets")),))
    with pytest.raises(CatalogError, match="未知的字段 wehn"):
        load_rules((_pack(tmp_path, RULE.format(when="true").replace("when:", "wehn:")),))


def test_definitions_are_shared_across_packs(tmp_path):
    pack = _pack(tmp_path, RULE.format(when="satisfaction and value < 90%"))
    rules = load_rules((pack,))
    assert rules["X101"].check is not None
    with pytest.raises(CatalogError, match="定义 cost 已在"):
        load_rules((_pack(tmp_path, "define: {cost: 'true'}\n"),))


def test_builtin_rules_all_compile():
    rules = load_rules()
    checked = {rule.id for rule in rules.values() if rule.check is not None}
    assert {f"BP1{n:02}" for n in range(1, 15)} <= checked
    assert {f"BP2{n:02}" for n in range(1, 12)} <= checked
    assert {"BP301", "BP302", "BP303"} <= checked
    assert load_file("define: {x: 'true'}\n", "p.yaml").definitions == {"x": ("true", "p.yaml:1")}


def _unit(symbol: str):
    from bplint import units

    return units.unit(symbol)


def test_a_broken_identity_is_an_error_with_file_and_line(tmp_path):
    check = 'select: indicators\nwhen: "true"'
    rule = RULE.format(when="true").replace(check, "select: tables\nidentities: ['合计 = + 小计']")
    pack = _pack(tmp_path, rule)
    expected = r"pack.yaml:1: 规则 X101：恒等式“合计 = \+ 小计”第 \d+ 个字符处无法解析"
    with pytest.raises(CatalogError, match=expected):
        load_rules((pack,))


@pytest.mark.parametrize(
    ("goals", "name", "expected"),
    [
        # 004 line 57, over its 节电量 and 节水量 of ≥5百分比.
        ("2、对水、电设备进行定期检修，确保水、电用量至少比上年节省10%", "节电量", "10"),
        ("2、对水、电设备进行定期检修，确保水、电用量至少比上年节省10%", "节水量", "10"),
        ("全年用电较上年降低3.5%", "年度节电量", "3.5"),
        ("确保电子政务运行成本降低10%", "节电量", None),  # 电 of 电子 is no electricity used
        ("用电量降低5%；电耗减少8%", "节电量", None),  # two savings of it: which one is meant?
        ("资金拨付率达到100%", "节电量", None),
        ("确保水、电用量至少比上年节省10%", "资金拨付率", None),
    ],
)
def test_a_saving_metric_finds_its_goal(goals, name, expected):
    from bplint.engine.functions import goal_figure

    found = goal_figure(goals, name)
    assert (None if found is None else str(found.amount)) == expected


def test_a_saving_metric_is_told_by_its_name():
    from bplint.engine.functions import saving_metric

    assert [saving_metric(n) for n in ("节电量", "年度节水量", "节约用油率", "资金拨付率", None)] == [
        True, True, True, False, False]  # fmt: skip


def test_each_rule_runs_once_on_a_document_read_reliably(monkeypatch):
    """The table arithmetic (BP401–BP403) runs first, to judge the reading (selfcheck); where no
    table is marked unread, its findings are the rules' own and the rules do not run again."""
    from bplint.engine import check
    from bplint.lint import lint_path
    from tests.conftest import SEEDS

    rules = load_rules()
    ran: list[str] = []
    real = check.run
    monkeypatch.setattr(check, "run", lambda rule, *args: ran.append(rule.id) or real(rule, *args))
    result = lint_path(str(SEEDS["003"]), rules, "zh")
    assert not any(t.unread for t in result.document.tables)
    assert {"BP401", "BP402", "BP403"} <= set(ran) and len(ran) == len(set(ran))
    assert [f.rule for f in result.findings if f.rule == "BP401"] == ["BP401"] * 2  # found once, kept


def test_a_sum_over_its_figure_by_one_term_names_that_term():
    """福州科技's projects add up to 2000 万元 more than its 项目支出: the 转移支付 project's budget.
    The message names it, the first place a reviewer looks; a gap no one term makes names none."""
    from bplint.catalog import load_rules
    from bplint.lint import lint_source
    from bplint.read import decode

    def sheet(n: int, name: str, budget: str) -> str:
        return (f"{n}.{name}绩效目标表\n项目名称\t{name}\n"
                f"预算规模及资金用途\t预算数\t{budget}\t其中：财政资金\t{budget}\t其他资金\n"
                "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n")  # fmt: skip

    table = ("部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n"
             "\t科目编码\t科目名称\t\t\t\n1\t\t合计\t{total}\t30.00\t{projects}\n")  # fmt: skip
    sheets = sheet(1, "维修费", "12.00") + sheet(2, "印刷费", "8.00") + sheet(3, "转移支付项目", "5.00")
    rules = load_rules()

    def said(projects: str) -> list[str]:
        text = table.format(total=f"{30 + float(projects):.2f}", projects=projects) + sheets
        return [f.message for f in lint_source(decode(text.encode(), "t.txt"), rules, "zh").findings
                if f.rule == "BP406"]  # fmt: skip

    (one,) = said("20.00")
    assert "比20.00万元多5.00万元，正是“转移支付项目”一项；" in one
    (none,) = said("21.00")
    assert "多4.00万元；" in none and "正是" not in none


def test_rows_printed_for_an_unnamed_carry_over_are_terms_of_the_total():
    """支出总计 = 本年支出合计 + 年终结转结余?: where the table prints neither name, the rows between
    本年支出合计 and 支出总计 (西安: 结转下年, 未安排支出的实户资金) are its terms, listed and added with
    the rounding of their figures; a `其中` row under them is not added again."""
    from bplint.catalog import load_rules
    from bplint.lint import lint_source
    from bplint.read import decode

    def said(unplanned: str, below: str = "") -> list[tuple[str, str]]:
        text = ("部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n"
                "1\t本年收入合计\t100.00\t本年支出合计\t100.00\n2\t上年结转结余\t20.00\t结转下年\t15.00\n"
                f"3\t\t\t未安排支出的实户资金\t{unplanned}\n{below}"
                "4\t收入总计\t120.00\t支出总计\t120.00\n")  # fmt: skip
        findings = lint_source(decode(text.encode(), "t.txt"), load_rules(), "zh").findings
        return [(f.rule, f.message) for f in findings if f.rule in ("BP404", "BP407")]

    assert said("5.00") == []
    (gap,) = said("4.00")
    assert (
        gap[0] == "BP404"
        and "结转下年15.00万元和未安排支出的实户资金4.00万元合计119.00万元，比120.00万元少1.00万元" in gap[1]
    )
    assert [rule for rule, _ in said("5.01")] == ["BP407"]
    assert said("5.00", "3\t\t\t其中：财政拨款结转\t3.00\n") == []

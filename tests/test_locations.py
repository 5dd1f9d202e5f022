"""Where a finding is, said the way the document says it (issue 28, item 1): page as printed and in
the file, the table as the document numbers and titles it, the row's label and the column's header,
the heading over a paragraph, the project; in each report and language; never bplint's own line
numbers in a message."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bplint.catalog import load_rules
from bplint.cli import main
from bplint.lint import lint_source
from bplint.location import Location, Style, render
from bplint.read import decode
from tests.conftest import SEEDS

RULES = load_rules()


def lint(text: str, name: str = "doc.txt", lang: str = "zh"):
    return lint_source(decode(text.encode("utf-8"), name), RULES, lang)


def test_a_location_is_said_in_each_language():
    where = Location("a.pdf", 571, 12, 13, "表3", "本年支出总体情况表", "行政运行", "基本支出")
    assert render(where, "zh") == "第12页（PDF 第13页） 表3 本年支出总体情况表 “行政运行”行 “基本支出”列"
    assert render(where, "en") == (
        "p. 12 (PDF p. 13), table 3 本年支出总体情况表, row “行政运行”, column “基本支出”"
    )
    assert render(where, "zh", Style.SHORT) == "第12页（PDF 第13页） 表3 本年支出总体情况表 “行政运行”行"
    cover = Location("a.pdf", 1, None, 1, heading="一、部门概况")
    assert render(cover, "zh") == "PDF 第1页 “一、部门概况”一节"
    assert render(cover, "en") == "PDF p. 1, section “一、部门概况”"
    sheet = Location("a.xlsx", 4, sheet="收支总表", sheet_row=4, project="接待费", row="接待次数")
    assert render(sheet, "zh") == "工作表“收支总表” 第4行 项目“接待费” “接待次数”行"
    assert "571" not in render(where, "zh") + render(where, "en")


# A text export's table numbered on the line above its title (深圳's `表3` / `支出总表`), and one
# numbered in its title (苏州's `公开02表 收入总表`): a finding in it names the document's number.
_NUMBERED = """2026年部门预算

一、部门收支总体情况
2026年收入预算1,000.00万元。

表3
支出总表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
201\t一般公共服务支出\t100.00\t60.00\t40.00
20101\t行政运行\t100.00\t60.00\t30.00
"""


def test_a_table_is_named_by_the_number_the_document_prints():
    result = lint(_NUMBERED)
    wrong = next(f for f in result.findings if f.rule.startswith("BP4"))
    where = wrong.location
    assert (where.table_number, where.table) == ("表3", "支出总表")
    assert where.row in ("一般公共服务支出", "行政运行") and where.column
    said = wrong.where("zh")
    assert said.startswith("表3 支出总表 “") and said.endswith("”列")
    titled = lint(_NUMBERED.replace("表3\n支出总表", "公开03表 支出总表"))
    located = next(f for f in titled.findings if f.rule.startswith("BP4")).location
    assert (located.table_number, located.table) == ("公开03表", "支出总表")


def test_a_paragraph_is_named_by_its_heading_and_the_text_report_keeps_lines_for_a_text_export():
    result = lint(SEEDS["003"].read_text(encoding="utf-8"), "003.txt")
    stated = next(f for f in result.findings if f.rule == "BP501")
    assert stated.location.heading == "2、支出说明"
    out = CliRunner().invoke(main, [str(SEEDS["003"])]).output
    line = next(x for x in out.splitlines() if " BP501 " in x)
    # A text export's lines are the file's own: path:line:col leads, the place follows in brackets.
    assert line.startswith(f"{SEEDS['003']}:{stated.line}:") and line.endswith("[“2、支出说明”一节]")
    assert "[错误]" in line  # the severity in the language of the messages
    english = CliRunner().invoke(main, ["--lang", "en", str(SEEDS["003"])]).output
    assert "BP501 [error]" in english and "[section “2、支出说明”]" in english


def test_messages_name_places_never_line_numbers():
    """BP206, BP210 and BP512 pointed at `第2234行`; they say where the other indicator or statement is."""
    for seed, rule in (("001", "BP206"), ("003", "BP210")):
        result = lint(SEEDS[seed].read_text(encoding="utf-8"), f"{seed}.txt")
        messages = [f.message for f in result.findings if f.rule == rule]
        assert messages and not any(("第" in m and "行的" in m) or "line" in m for m in messages), messages
    assert any("项目“县委秘书组办公经费” “受益人数”行" in f.message
               for f in lint(SEEDS["003"].read_text(encoding="utf-8")).findings)  # fmt: skip


def test_json_carries_the_location_as_data_and_said():
    data = json.loads(CliRunner().invoke(main, ["--format", "json", str(SEEDS["003"])]).output)
    finding = next(f for f in data["files"][0]["findings"] if f["rule"] == "BP210")
    assert finding["line"] == 297  # bplint's own line, for tools
    assert finding["location"]["project"] == "密码业务经费" and finding["location"]["row"] == "受益人数"
    assert finding["location"]["said"] == "项目“密码业务经费” “受益人数”行"


# 杭州's 支出总表: its label column headed `功能分类科目名称` over a `**` mark, its columns over their
# numbers (`** | 1 | 2 | 3`); a finding on its 合计 row said `“项目支出/4”列`, with no row at all.
_COLUMN_NUMBERS = """2026年部门预算

一、部门收支总体情况
2026年收入预算1,000.00万元。

表3
支出总表
单位：万元
功能分类科目名称\t合计\t基本支出\t项目支出
**\t1\t2\t3
合计\t100.00\t60.00\t30.00
一般公共服务支出\t100.00\t60.00\t40.00
"""


def test_a_row_is_named_by_its_first_cell_and_a_column_without_its_number():
    wrong = next(f for f in lint(_COLUMN_NUMBERS).findings if f.rule.startswith("BP4"))
    assert (wrong.location.row, wrong.location.column) == ("合计", "合计")
    assert wrong.where("zh") == "表3 支出总表 “合计”行 “合计”列"


def test_a_cost_total_over_the_budget_points_at_the_first_cost_target():
    """BP201 named the sheet's title as its row (`“科技特派员专项项目绩效目标表”行`, 福州科技): it is
    reported on the first cost target's row, where the reader has to look."""
    text = (
        "1.维修费绩效目标表\n项目名称\t维修费\n预算规模及资金用途\t预算数\t12.00\t其中：财政资金\t12.00\t其他资金\n"
        "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
        "产出指标\t数量指标\t维修次数\t维修\t≥2次\t计划\n"
        "产出指标\t成本指标\t材料费\t材料费用\t≤9万元\t预算\n产出指标\t成本指标\t人工费\t人工费用\t≤8万元\t预算\n"
    )
    (found,) = [
        f for f in lint_source(decode(text.encode(), "t.txt"), RULES, "zh").findings if f.rule == "BP201"
    ]
    assert found.line == 6 and found.location.row == "材料费"


def test_a_two_sided_tables_cell_is_named_by_the_label_on_its_own_side():
    """A 收支总表's 支出 column was said to be in row “本年收入合计”, the label printed on its left
    (深圳口岸, 广州: BP407 on 本年支出合计)."""
    text = (
        "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n"
        "1\t一、一般公共预算拨款收入\t55.00\t一、基本支出\t30.01\n2\t\t\t二、项目支出\t25.00\n"
        "3\t本年收入合计\t55.00\t本年支出合计\t55.00\n"
    )
    result = lint_source(decode(text.encode(), "t.txt"), RULES, "zh")
    (found,) = [f for f in result.findings if f.rule == "BP407"]
    assert (found.location.row, found.location.column) == ("本年支出合计", "支出/预算数")

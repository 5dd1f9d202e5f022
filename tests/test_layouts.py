"""Layouts of other provinces, as small fixtures: page furniture, titles inside the grid, meta lines,
tables continued over pages, column-number rows, the document's own 目录 (BP006, BP007)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import regex

from bplint.catalog import load_rules
from bplint.extract.changes import changes
from bplint.extract.lexicon import LEXICON, OTHER_KIND
from bplint.extract.text import ENUMERATOR
from bplint.formats.furniture import furniture
from bplint.layout import ACROSS, DOWN, Row
from bplint.lint import lint_path, lint_source
from bplint.read import decode, read_path
from tests.documents import print_pdf
from tests.tools import CHROMIUM

RULES = load_rules()


def lint_text(text: str, rules, lang: str):
    return lint_source(decode(text.encode("utf-8"), "t.txt"), rules, lang)


def rules_of(text: str) -> list[str]:
    return [f.rule for f in lint_text(text, RULES, "zh").findings]


def test_running_headers_and_page_numbers_are_furniture():
    pages = [["苏州市审计局2026年度部门预算公开", f"正文{n}", f"- {n} -"] for n in range(1, 6)]
    found = furniture(pages)
    assert found[0] == {2}  # the header's first appearance is kept
    assert all(found[n] == {0, 2} for n in range(1, 5))
    # A bare number is a page number only where it counts up with the pages.
    counted = furniture([[f"正文{n}", str(n + 2)] for n in range(4)])
    assert counted == [{1}] * 4
    codes = furniture([["正文1", "208"], ["正文2", "210"], ["正文3", "208"], ["正文4", "12"]])
    assert codes == [set()] * 4
    # Two pages repeating a line is not yet a running header.
    assert furniture([["某局", "a"], ["某局", "b"], ["正文", "c"]]) == [set(), set(), set()]


def test_a_page_is_named_by_the_number_it_prints():
    """A cover and a contents page print no number; the third page prints `- 1 -`: a finding there
    says 第1页 (PDF 第3页), as the reader of the printed page sees it."""
    from bplint.formats.furniture import page_numbers
    from bplint.formats.pdf import _where
    from bplint.location import Location, render

    pages = [["封面"], ["目录"]] + [[f"正文{n}", f"- {n} -"] for n in range(1, 5)]
    assert page_numbers(pages) == [None, None, 1, 2, 3, 4]
    assert page_numbers([["正文", "共 9 页 第 3 页"]]) == [3]  # the 第, not the 共
    assert page_numbers([[f"正文{n}", f"共 9 页 第 {n} 页"] for n in range(1, 4)]) == [1, 2, 3]
    places = [_where(3, 1, True), _where(1, None, True), _where(4, 4, True), _where(2, None, False)]
    assert [render(Location("a.pdf", 1, p.printed, p.page), "zh") for p in places] == [
        "第1页（PDF 第3页）",
        "PDF 第1页",
        "第4页",
        "第2页",
    ]


def test_table_kinds_are_data():
    assert LEXICON.kind("2026年部门收支总体情况表") == "收支总表"
    assert LEXICON.kind("基本支出总表") == "基本支出表"
    assert LEXICON.kind("项目支出总表") == "项目支出表"
    assert LEXICON.kind("财政拨款基本支出表（经济科目）") == "财政拨款基本支出表"
    assert LEXICON.kind("部门预算一般公共预算财政拨款基本支出表") == "基本支出表"
    assert LEXICON.kind("一般公共预算机关运行经费支出预算表") == "机关运行经费"
    assert LEXICON.kind("培训费明细表") == OTHER_KIND
    assert LEXICON.kind("公开02表") is None and LEXICON.kind("部门预算表") is None
    assert LEXICON.kind("是否空表") is None


SHEET_2021 = """\
1.业务运转经费绩效目标表
一级指标	二级指标	三级指标	绩效指标描述	指标值	指标值确定依据
产出指标	数量	办件数量	全年办件	≥500件	工作计划
产出指标	质量指标	办结率	按期办结	≥95%	工作计划
产出指标	时效指标	完成时间	年底前完成	2026年12月底前	工作计划
成本指标	经济成本	办公费	办公费用	≤12万元	预算
效果指标	社会效益指标	群众知晓率	宣传覆盖	≥90%	工作计划
满意度指标	社会公众满意度指标	群众满意度	问卷调查	≥90%	问卷调查
"""


def test_the_indicator_tree_is_data_the_readers_and_rules_share():
    """One tree in lexicon.yaml: BP205 (a 二级 under the wrong 一级), BP204 (the categories a sheet
    covers) and the reader placing a row whose merged 一级 was left blank all read it."""
    assert LEXICON.parents("经济效益指标") == ("效益指标", "效果指标")
    assert LEXICON.parents("成本指标") == ("产出指标", "成本指标")
    assert LEXICON.in_tree("成本指标", "经济成本") and LEXICON.in_tree("产出指标", "数量")
    assert not LEXICON.in_tree("产出指标", "社会效益指标")
    assert LEXICON.categories("社会公众满意度指标") == ["社会公众满意度指标", "满意度指标"]
    # 数量 for 数量指标, 经济成本 (2021 tree) for 成本指标, 效果指标 for 效益指标, a 满意度 the tree does
    # not name: all placed and all counted, so neither BP204 nor BP205.
    assert not {"BP204", "BP205"} & set(rules_of(SHEET_2021))
    wrong = SHEET_2021.replace("效果指标\t社会效益指标", "产出指标\t社会效益指标")
    assert rules_of(wrong).count("BP205") == 1
    missing = SHEET_2021.replace("成本指标\t经济成本\t办公费\t办公费用\t≤12万元\t预算\n", "")
    assert "BP204" in rules_of(missing)


JIANGSU = """\
公开03表
支出总表
部门：某某局 单位：万元
科目编码	科目名称	合计	基本支出	项目支出
合计		100.00	80.00	20.00
201	一般公共服务支出	100.00	80.00	20.00
20108	审计事务	100.00	80.00	20.00
2010801	行政运行	80.00	80.00
2010802	一般行政管理事务	20.00		20.00
"""


def test_a_meta_line_of_another_province_keeps_the_table():
    document = lint_text(JIANGSU, RULES, "zh").document
    (table,) = document.tables
    assert (table.kind, table.unit, len(table.rows)) == ("支出总表", "万元", 5)
    assert [m.text for m in table.meta] == ["部门：某某局单位：万元"]
    # A fragment of one table: only the completeness rules speak (the other tables and texts are missing).
    assert rules_of(JIANGSU) == ["BP601", "BP603"]
    wrong = JIANGSU.replace("2010801\t行政运行\t80.00\t80.00", "2010801\t行政运行\t70.00\t70.00")
    assert "BP403" in rules_of(wrong)


def test_a_title_inside_the_grid_starts_the_table_and_ends_the_one_before():
    text = (
        "收入总表\n部门代码\t部门名称\t合计\n合计\t\t10.00\n"
        "公开03表\t\t\n支出总表\t\t\n科目编码\t科目名称\t合计\n合计\t\t10.00\n201\t一般公共服务支出\t10.00\n"
    )
    document = lint_text(text, RULES, "zh").document
    assert [(t.kind, len(t.rows)) for t in document.tables] == [("收入总表", 2), ("支出总表", 2)]


def test_a_table_continued_with_its_title_and_meta_repeated_is_one_table():
    page = "表1\n收支总表\n部门名称：某某局 单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
    text = (
        page + "一、财政拨款\t10.00\t一、一般公共服务支出\t6.00\n\t\t行政运行\t6.00\n"
        + page + "\t\t二、教育支出\t4.00\n本年收入合计\t10.00\t本年支出合计\t10.00\n"
    )  # fmt: skip
    document = lint_text(text, RULES, "zh").document
    (table,) = document.tables
    assert len(table.rows) == 4
    assert [f for f in rules_of(text) if f.startswith("BP40")] == []
    second = text.rindex("部门名称：某某局")
    other_unit = text[:second] + text[second:].replace("某某局", "某某中心", 1)
    assert len(lint_text(other_unit, RULES, "zh").document.tables) == 2


def test_a_row_of_column_numbers_is_a_header():
    text = "政府性基金预算支出表\n单位：万元\n科目名称\t合计\t基本支出\t项目支出\n**\t1\t2\t3\n合计\t\t\t\n"
    (table,) = lint_text(text, RULES, "zh").document.tables
    assert table.figures == ()
    assert "BP408" not in rules_of(text)
    # After a mark one column is enough (杭州's one-column 国有资本经营 table, p.36); a row of one
    # figure with no mark is data.
    one = "国有资本经营预算支出表\n单位：万元\n科目名称\t项目支出\n**\t1\n合计\t\n"
    (table,) = lint_text(one, RULES, "zh").document.tables
    assert table.figures == () and table.columns == ("科目名称/**", "项目支出/1")
    data = "国有资本经营预算支出表\n单位：万元\n科目名称\t项目支出\n合计\t1\n"
    (table,) = lint_text(data, RULES, "zh").document.tables
    assert [c.amount for c in table.figures] == [1]


CONTENTS = """\
某某局2026年部门预算公开
目 录
第二部分 2026年度部门预算表
一、收支总表..............12
二、收入总表..............13
三、政府性基金预算支出表（空表）
"""
TABLES = """\
收支总表
单位：万元
收入\t\t支出\t
项目\t预算数\t项目\t预算数
收入总计\t10.00\t支出总计\t10.00
政府性基金预算支出表
单位：万元
科目名称\t合计
合计\t
"""


def test_every_table_the_contents_list_is_owed_a_reading():
    document = lint_text(CONTENTS + TABLES, RULES, "zh").document
    assert [(e.title, e.kind, e.empty, e.table_line is not None) for e in document.contents] == [
        ("收支总表", "收支总表", False, True),
        ("收入总表", "收入总表", False, False),
        ("政府性基金预算支出表（空表）", "政府性基金", True, True),
    ]
    found = lint_text(CONTENTS + TABLES, RULES, "zh").findings
    (unread,) = [f for f in found if f.rule == "BP006"]
    assert unread.line == 5 and "《收入总表》" in unread.message and unread.severity == "error"
    # The 目录 marks the 政府性基金 table empty: its empty grid is explained.
    assert "BP602" not in [f.rule for f in found]


def test_a_list_of_tables_under_a_part_heading_is_a_contents():
    """杭州 lists its tables under `四、2026 年预算公开表`, not a 目录; the tables' own titles further
    on, each followed by its meta line, are the tables, not more entries."""
    listing = "四、2026 年预算公开表\n表1.部门预算收支总表\n表2.部门预算收入总表\n\n"
    document = lint_text(listing + TABLES, RULES, "zh").document
    assert [(e.title, e.table_line is not None) for e in document.contents] == [
        ("部门预算收支总表", True), ("部门预算收入总表", False)]  # fmt: skip
    result = lint_text(listing + TABLES, RULES, "zh")
    assert (result.stats["tables_listed"], result.stats["tables_listed_read"]) == (2, 1)


def test_a_disclosure_of_which_nothing_was_read_is_not_checked():
    (finding,) = lint_text(CONTENTS, RULES, "zh").findings
    assert finding.rule == "BP007" and finding.severity == "error" and "未经检查" in finding.message
    assert rules_of("会议通知\n请各单位按时参加。\n") == ["BP002"]


# -- project sheets in other forms -----------------------------------------------------------------

LIST_HEADER = (
    "单位编码\t单位（项目）名称\t资金总额\t绩效目标\t绩效指标\t\t\t\t\t\n"
    "\t\t\t\t一级指标\t二级指标\t三级指标\t指标值\t度量单位\t指标值类型\n"
)
PROJECT_LIST = (
    "2026年项目支出绩效目标表\n单位名称：某某中心 单位：万元\n" + LIST_HEADER
    + "合计\t\t300.00\t\t\t\t\t\t\t\n"
    "201056\t某某中心\t300.00\t\t\t\t\t\t\t\n"
    "201056\t水电费\t270.00\t保障运转\t成本指标\t经济成本指标\t水费\t120\t万元\t＝\n"
    "\t\t\t\t\t社会成本指标\t\t\t\t\n"
    "\t\t\t\t产出指标\t数量指标\t用水量\t38.61\t万立方\t＝\n"
    "201056\t培训费\t30.00\t完成培训\t产出指标\t数量指标\t培训人次\t500\t人次\t≥\n"
    "\n2026年项目支出绩效目标表\n单位名称：某某中心 单位：万元\n" + LIST_HEADER
    + "201056\t培训费\t30.00\t完成培训\t满意度指标\t服务对象满意度指标\t学员满意度\t90\t%\t≥\n"
)  # fmt: skip


# As the PDF reader writes its rows: each cell followed by a tab.
PROJECT_LIST = "\n".join(line + "\t" if "\t" in line else line for line in PROJECT_LIST.split("\n"))


def test_a_project_list_reads_a_project_per_row_and_joins_its_next_page():
    """长沙's form: project cells left of the indicators, 合计 and unit rows above the projects, the
    list printed again on the next page with the project's row repeated."""
    document = lint_text(PROJECT_LIST, RULES, "zh").document
    assert [(p.name, p.code, str(p.budget.total), p.goals) for p in document.projects] == [
        ("水电费", "201056", "270.00", "保障运转"),
        ("培训费", "201056", "30.00", "完成培训"),
    ]
    water, training = document.projects
    # The comparator in 指标值类型, the unit in its own column; an empty 社会成本指标 row is no indicator.
    assert [i.raw for i in water.indicators] == ["＝120万元", "＝38.61万立方"]
    assert [i.level3 for i in training.indicators] == ["培训人次", "学员满意度"]
    assert "BP003" not in [f.rule for f in lint_text(PROJECT_LIST, RULES, "zh").findings]


def test_a_sheet_whose_table_goes_on_under_its_title_again_is_one_project():
    sheet = (
        "1.会议费绩效目标表\n项目名称\t会议费\n"
        "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
        "产出指标\t数量指标\t会议次数\t全年会议\t≥4次\t计划\n"
        "\t成本指标\t会议经费\t全年支出\t≤3万元\t预算\n"
    )
    rest = (
        "1.会议费绩效目标表\n"
        "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
        "满意度指标\t服务对象满意度指标\t参会人员满意度\t满意程度\t≥90%\t问卷\n"
    )
    document = lint_text(sheet + "\n" + rest, RULES, "zh").document
    assert [(p.name, len(p.indicators)) for p in document.projects] == [("会议费", 3)]


def test_a_value_under_a_header_cell_spanning_blank_columns_is_the_value():
    """西安 heads four columns 指标值 in one merged cell; a row drawn with a rule more prints its
    value one column right, under the same header (two false BP108 and two rows run together)."""
    sheet = (
        "1.会议费绩效目标表\n项目名称\t会议费\n"
        "一级指标\t二级指标\t三级指标\t指标值\t\t\t指标值确定依据\n"
        "产出指标\t数量指标\t会议次数\t≥4次\t\t\t计划\n"
        "\t质量指标\t会议合格率\t\t≥99%\t\t计划\n"
        "\t\t会议覆盖率\t\t≥98%\t\t计划\n"
    )
    result = lint_text(sheet, RULES, "zh")
    (project,) = result.document.projects
    assert [(i.level3, i.raw) for i in project.indicators] == [
        ("会议次数", "≥4次"),
        ("会议合格率", "≥99%"),
        ("会议覆盖率", "≥98%"),
    ]
    assert "BP108" not in [f.rule for f in result.findings]


def test_a_sheet_printed_blank_is_no_project():
    """西安's 专项资金总体绩效目标表, a template with nothing filled in: not eleven BP108."""
    blank = (
        "专项资金总体绩效目标表\n项目名称\t\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "成本指标\t经济成本\t\t\n\t社会成本\t\t\n产出指标\t数量指标\t\t\n"
    )
    result = lint_text(blank, RULES, "zh")
    assert result.document.projects == () and "BP108" not in [f.rule for f in result.findings]


def test_a_list_of_projects_with_amount_and_goals_is_checked_against_project_spending():
    """杭州's 项目支出绩效表: one row per project, no indicator columns (so no BP211), and the
    projects' amounts against the 支出总表's 项目支出 (BP406)."""
    spending = (
        "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n"
        "\t科目编码\t科目名称\t\t\t\n1\t\t合计\t{total}\t30.00\t{projects}\n"
    )
    listing = (
        "表11：2026年市级部门项目支出绩效表\n部门名称：某某局 单位:万元\n"
        "单位名称\t项目名称\t金额\t绩效目标\n"
        "某某局\t日常保障运行\t12.00\t保障机关运转\n"
        "某某中心\t日常保障运行\t8.00\t保障中心运转\n"
    )
    document = lint_text(spending.format(total="50.00", projects="20.00") + listing, RULES, "zh").document
    assert [(p.name, p.details, str(p.budget.total)) for p in document.projects] == [
        ("日常保障运行", (("单位名称", "某某局"),), "12.00"),
        ("日常保障运行", (("单位名称", "某某中心"),), "8.00"),
    ]
    project_rules = {"BP211", "BP406"}  # the 目录-less fixture is no full disclosure: BP601/BP603 aside
    assert project_rules & set(rules_of(spending.format(total="50.00", projects="20.00") + listing)) == set()
    assert project_rules & set(rules_of(spending.format(total="55.00", projects="25.00") + listing)) == {
        "BP406"
    }


def test_a_table_whose_rows_do_not_fit_its_header_is_one_finding_and_unchecked():
    header = "部门预算支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    fitting = "\t合计\t50.00\t30.00\t20.00\n201\t一般公共服务支出\t50.00\t30.00\t20.00\n"
    # Each row two cells wider than the header: which figure is whose cannot be known.
    shifted = "".join(f"2010{n}\t事务{n}\t\t5.00\t3.00\t2.00\t1.00\n" for n in (1, 2, 3))
    result = lint_text(header + fitting + shifted, RULES, "zh")
    (finding,) = [f for f in result.findings if f.rule == "BP004"]
    assert finding.line == 1 and "有 3 行无法与表头对齐" in finding.message and "未作核算" in finding.message
    assert result.document.tables[0].unread
    assert not [f for f in result.findings if f.rule.startswith("BP4")]  # no sum claimed on it
    # One row off is said for that row, and the table is still checked.
    one = lint_text(header + fitting + shifted.split("\n")[0] + "\n", RULES, "zh")
    assert [f.line for f in one.findings if f.rule == "BP004"] == [6]
    assert not one.document.tables[0].unread


def test_a_list_of_key_projects_in_the_text_gives_projects_not_summed_to_project_spending():
    """广州's `七、重点项目预算绩效目标情况`: a list with no sheet title, its header on every page."""
    text = (
        "七、重点项目预算绩效目标情况\n2026年，本部门重点项目绩效目标情况如下：\n"
        "项目\t预算数（单位：万元）\t绩效目标\t\n公共交通财政补贴\t300,000\t保障公交运营\t\n"
        "项目\t预算数（单位：万元）\t绩效目标\t\n机构运行辅助经费\t560\t保障运转\t\n"
    )
    projects = lint_text(text, RULES, "zh").document.projects
    assert [(p.name, str(p.budget.total), p.selected) for p in projects] == [
        ("公共交通财政补贴", "300000", True), ("机构运行辅助经费", "560", True)]  # fmt: skip


# -- a PDF printed by Chromium with the features of published PDFs ------------------------------------


def _spending_rows(count: int, wrong: int) -> str:
    total = sum(1000 + i * 10 for i in range(count))
    rows = [f"<tr><td></td><td>合计</td><td>{total:,.2f}</td><td>{total:,.2f}</td><td>0.00</td></tr>"]
    for i in range(count):
        amount = f"{1000 + i * 10:,.2f}"
        basic = "1,000.01" if i == wrong else amount
        rows.append(
            f"<tr><td>20{101 + i:03d}</td><td>事务{i}</td><td>{amount}</td><td>{basic}</td><td>0.00</td></tr>"
        )
    return "".join(rows)


def ruled_page(body: str) -> str:
    """An HTML page whose tables are ruled as published tables are, for Chromium to print."""
    assert CHROMIUM.exists(), "run `python -m tests.tools` first (the README's test command does)"
    style = ("body{font-family:'WenQuanYi Micro Hei',sans-serif;font-size:12px}"
             "table{border-collapse:collapse} td,th{border:1px solid #000;padding:3px 6px}")  # fmt: skip
    return f"<html><head><meta charset='utf-8'><style>{style}</style></head><body>{body}</body></html>"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> str:
    """A running header and `- N -` on every page, a sentence in a ruled box, a meta line, a table of
    61 rows with thousands separators printed over three pages with its header repeated, a 注."""
    page = ruled_page(
        "<p>第一部分 部门预算说明</p><table><tr><td>2026 年本单位支出预算 77,700.00 万元。</td></tr></table>"
        "<p style='page-break-before:always'>表3 部门支出总表</p><p>部门名称：某某局　单位：万元</p>"
        "<table><thead><tr><th>科目编码</th><th>科目名称</th><th>合计</th><th>基本支出</th><th>项目支出</th>"
        f"</tr></thead><tbody>{_spending_rows(60, wrong=45)}</tbody></table>"
        "<p>注：本表反映部门本年度支出情况。</p>"
    )
    centred = "<div style='font-size:9px;width:100%;text-align:center'>{}</div>"
    data = print_pdf(page, centred.format("某某局2026年部门预算公开"),
                     centred.format("- <span class='pageNumber'></span> -"))  # fmt: skip
    path = tmp_path_factory.mktemp("published") / "published.pdf"
    path.write_bytes(data)
    return str(path)


def test_a_published_pdf_layout_is_read_as_the_document_prints_it(published):
    result = lint_path(published, RULES, "zh")
    (table,) = result.document.tables
    # One table over three pages: the repeated header is no data row, the page furniture no row.
    assert (table.kind, table.unit, len(table.rows)) == ("支出总表", "万元", 61)
    assert table.rows[0].cells[2].amount == Decimal("77700.00") and table.note.startswith("注")
    lines = read_path(published).lines
    assert sum("某某局2026年部门预算公开" in line for line in lines) == 1  # the running header, once
    assert not any(line.strip() in ("- 2 -", "- 3 -") for line in lines)
    # The boxed sentence is a sentence, its figure read.
    assert [f.amount for s in result.document.narrative for f in s.figures] == [Decimal("77700.00")]
    # The one wrong figure, on the page it is printed on.
    (wrong,) = [f for f in result.findings if f.rule.startswith("BP4")]
    assert wrong.rule == "BP402" and "事务45" in wrong.message and wrong.page == 4


def test_a_pdf_header_merged_across_and_down_is_read_from_its_rules(tmp_path):
    """上海's 三公 table: a header band of three rows whose second starts with 合计 (a word that
    starts data rows elsewhere), cells spanning columns and rows; the spans come from the rules."""
    page = ruled_page(
        "<p>2026年部门“三公”经费和机关运行经费预算表</p><p>编制单位：某某局　单位：万元</p><table>"
        "<tr><td colspan='6'>“三公”经费预算数</td><td rowspan='3'>机关运行经费预算数</td></tr>"
        "<tr><td rowspan='2'>合计</td><td rowspan='2'>因公出国(境)费</td><td rowspan='2'>公务接待费</td>"
        "<td colspan='3'>公务用车购置及运行费</td></tr><tr><td>小计</td><td>购置费</td><td>运行费</td></tr>"
        "<tr><td>43.14</td><td>9.14</td><td>20.00</td><td>14.00</td><td>0.00</td><td>14.00</td>"
        "<td>1,673.72</td></tr></table>"
    )
    path = tmp_path / "sangong.pdf"
    path.write_bytes(print_pdf(page))
    rows = [block for block in read_path(path).blocks if isinstance(block, Row)]
    assert [(c.value, c.span) for c in rows[0].cells][:2] == [("“三公”经费预算数", 6), ("", 1)]
    assert rows[0].cells[1].covered == ACROSS and rows[2].cells[0].covered == DOWN
    assert {row.page for row in rows} == {1} and len({row.grid for row in rows}) == 1
    result = lint_path(str(path), RULES, "zh")
    (table,) = result.document.tables
    assert table.columns == (
        "“三公”经费预算数/合计", "“三公”经费预算数/因公出国(境)费", "“三公”经费预算数/公务接待费",
        "“三公”经费预算数/公务用车购置及运行费/小计", "“三公”经费预算数/公务用车购置及运行费/购置费",
        "“三公”经费预算数/公务用车购置及运行费/运行费", "机关运行经费预算数",
    )  # fmt: skip
    assert len(table.rows) == 1 and table.rows[0].cells[6].amount == Decimal("1673.72")


def test_table_rows_no_reader_takes_are_said_once_never_dropped():
    """An untitled table of figures is one BP004 naming how many numbers and the first; a list of units
    (words only) is kept in the Document and shown by dump, not reported; a 目录's rows are the
    contents' own, entries for parts and sheets included."""
    text = (
        "目录\n第一部分 部门概况\n一、部门职责\t1\t\n二、机构设置\t2\t\n第二部分 绩效目标\n"
        "1.公车改革经费绩效目标表\t6\t\n2.接待费绩效目标表\t8\t\n第一部分\n部门概况\n一、部门职责\n负责本县接待工作。\n"
        + JIANGSU
        + "机构设置：\n单位名称\t单位性质\t经费保障形式\t\n某某局本级\t行政单位\t财政拨款\t\n"
        "二、其他情况\n科目\t上年\t本年\t\n办公费\t12.50\t13.00\t\n印刷费\t3.00\t2.80\t\n"
    )
    result = lint_text(text, RULES, "zh")
    found = [f for f in result.findings if f.rule == "BP004"]
    assert len(found) == 1, found
    # Said as bplint's own reading, the department asked for nothing (issue 25, item 3).
    assert found[0].message == (
        "bplint 未能读取一张表格中的 4 个数字（第一个在“12.50”中），这些数字未经检查，请对照原表人工核对"
    )
    assert (found[0].line, found[0].excerpt) == (26, "办公费 | 12.50 | 13.00")
    units = [left for left in result.document.leftovers if not left.figures]
    assert [(left.rows, left.first) for left in units] == [(2, "单位名称 | 单位性质 | 经费保障形式")]
    assert len(result.document.leftovers) == 2  # the 目录's rows are none of them


def test_a_sheet_in_other_words_is_read_through_the_lexicon():
    """Sheet labels are data (lexicon.yaml `sheet_labels`, `fund_labels`, `indicator_columns`):
    目标值 for 指标值 and 其中财政拨款 without its colon read as Hebei's words do."""
    sheet = (
        "1.会议费项目绩效目标表\n项目名称\t会议费\n"
        "预算数\t3\t其中财政拨款\t3\t其他资金\t0\n"
        "一级指标\t二级指标\t三级指标\t目标值\n"
        "产出指标\t数量指标\t会议次数\t≥4次\n"
    )
    (project,) = lint_text(sheet, RULES, "zh").document.projects
    assert (project.name, project.budget.total, project.budget.fiscal) == ("会议费", Decimal(3), Decimal(3))
    assert [(i.level3, i.raw) for i in project.indicators] == [("会议次数", "≥4次")]


@pytest.mark.parametrize(
    ("text", "opens"),
    [("一、收支预算总表", True), ("（二）项目支出", True), ("(3)培训费", True), ("第二部分 预算表", True),
     ("1.2026年收入预算总表", True), ("12、会议费", True), ("1.5万元用于培训", False), ("12.50万元", False),
     ("2026年", False)],
)  # fmt: skip
def test_one_enumerator_pattern_opens_items_never_a_decimal(text, opens):
    assert bool(regex.match(ENUMERATOR, text)) is opens


def test_an_identity_reads_the_table_of_its_kind_that_has_the_row():
    """福州 prints 基本支出表 by function, then by economic class: 三公's 公务用车运行维护费 is
    compared with the one that has the row (BP405), not given up at the first."""
    text = (
        "“三公”经费支出预算表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n"
        "1\t“三公”经费小计\t3.00\t3.00\n2\t公务用车运行维护费\t3.00\t3.00\n"
        "一般公共预算基本支出表（按功能分类）\n单位：万元\n序号\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
        "1\t\t合计\t10.00\t8.70\t1.30\n2\t2010301\t行政运行\t10.00\t8.70\t1.30\n"
        "一般公共预算基本支出表（按经济分类）\n单位：万元\n序号\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
        "1\t\t合计\t10.00\t8.70\t1.30\n2\t301\t工资福利支出\t8.70\t8.70\t\n"
        "3\t302\t商品和服务支出\t1.30\t\t1.30\n4\t30231\t公务用车运行维护费\t1.30\t\t1.30\n"
    )
    found = [f for f in lint_text(text, RULES, "zh").findings if f.rule.startswith("BP4")]
    assert [(f.rule, f.line) for f in found] == [("BP405", 5)]
    assert "基本支出表：公务用车运行维护费1.30万元" in found[0].message


def test_the_project_sheets_a_contents_lists_are_owed_a_reading():
    """000's 目录 lists its eight sheets, all read; a listed sheet the document does not hold is
    BP006 naming the project, and the read line counts them."""
    seed = lint_path("examples/000_9d52ecbd56ee9879.txt", RULES, "zh")
    assert (seed.stats["sheets_listed"], seed.stats["sheets_listed_read"]) == (8, 8)
    assert [e.title for e in seed.document.sheets_listed][:2] == [
        "公车改革经费绩效目标表",
        "接待费绩效目标表",
    ]
    text = (
        "目 录\n1.会议费绩效目标表\t3\n2.培训费绩效目标表\t5\n\n正文\n"
        "1.会议费绩效目标表\n项目名称\t会议费\n"
        "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
        "产出指标\t数量指标\t会议次数\t全年会议\t≥4次\t计划\n"
    )
    result = lint_text(text, RULES, "zh")
    (unread,) = [f for f in result.findings if f.rule == "BP006"]
    assert (unread.line, unread.project) == (3, "培训费")
    assert "《培训费绩效目标表》未能读取" in unread.message
    assert (result.stats["sheets_listed"], result.stats["sheets_listed_read"]) == (2, 1)


@pytest.mark.parametrize(("value", "flagged"), [("≥18次", True), ("≤1次", False), ("0次", False)])
def test_a_capped_count_of_failures_is_a_quality_target(value, flagged):
    """西安 p.36: `因设备维修不到位引起的事件每年不得超过次数 ≤1次` under 质量指标 is quality, not a
    misfiled 数量指标 (BP114); `开展医保宣传活动次数 ≥18次` there is (福州 p.27)."""
    sheet = (
        "1.物业管理服务绩效目标表\n项目名称\t物业管理服务\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        f"产出指标\t质量指标\t影响工作秩序的事件次数\t{value}\n"
    )
    assert ("BP114" in rules_of(sheet)) is flagged


@pytest.mark.parametrize(
    ("text", "remnant"),
    [("公务接待费32万元，比上年增加（减少）8万元。", True), ("公务接待费32万元，比上年下降X%。", True),
     ("三公经费增加（减少）的主要原因是压减开支。", True), ("公务接待费减少8万元，主要原因是。", True),
     ("本表增加（减少）栏反映变化。", False), ("公务接待费减少8万元，主要原因是压减接待。", False)],
)  # fmt: skip
def test_a_template_choice_or_an_empty_reason_is_left_template_text(text, remnant):
    """The remnants reviewers keep finding in published text (BP506): the writer's choice of
    增加（减少） left in with a figure, X%, and `主要原因是。` with no reason."""
    assert ("BP506" in rules_of(text + "\n")) is remnant


@pytest.mark.parametrize(
    ("name", "value", "flagged"), [("接待费支出", "≥25万元", True), ("人均财政补助标准", "≥800元", False)]
)
def test_a_policy_floor_is_no_cost_lower_bound(name, value, flagged):
    """福州 p.31: `居民医保人均财政补助标准 ≥800元` under 经济成本指标 is a floor policy sets; BP101's
    advice to write `≤800元` would contradict it."""
    sheet = (
        "1.医保补助绩效目标表\n项目名称\t医保补助\n一级指标\t二级指标\t三级指标\t指标值\n"
        f"成本指标\t经济成本指标\t{name}\t{value}\n"
    )
    assert ("BP101" in rules_of(sheet)) is flagged


def _wrapped(*lines: str, page_break: bool = False) -> str:
    """Lines of one paragraph, each stretched to the margin as a wrapped line is (each nearly fills
    it, so the stretch adds no spaces)."""
    style = "width:26em;text-align:justify;text-align-last:justify"
    if page_break:
        style += ";page-break-after:always"
    return f"<p style='{style}'>{'<br>'.join(lines)}</p>"


def _wrapping_pdf(tmp_path, rate: str) -> str:
    page = ruled_page(
        "<p>一、收入说明</p><p>2026 年预算收入 500.00 万元，与上年持平。</p>"
        + _wrapped("（1）一般公共服务支出（类）社会工作事务（款）其",
                   "他社会工作事务支出（项）0.19 万元，主要用于党建事",
                   "务支出。比上年执行数增加 0.09 万元，增长 90.0%，主",
                   "要原因是上级补助资金增加。采购预算总额 7 万元，其",
                   "中，货物类采购预算 0 万元；工程类采购预算 0 万元；",
                   "服务类采购预算 7 万元。2026 年“三公”经费预算数为",
                   "413.68 万元，按照过紧日子要求从严控制，比上年预算", page_break=True)
        + f"<p>数增加 14.18 万元，增长 {rate}%，具体如下：</p>"
        + "<p>1.公务接待费：2026 年安排公务接待费预算 74.00 万元，与上年预算数持平。</p>"
    )  # fmt: skip
    path = tmp_path / f"wrapped-{rate}.pdf"
    path.write_bytes(print_pdf(page))
    return str(path)


def test_a_pdf_line_that_reaches_the_margin_goes_on_in_the_next(tmp_path):
    """杭州's 科目 paragraphs wrap inside the 科目 path (`…社会工作事务（款）其` / `他…（项）0.19 万元`),
    a sentence wraps over a page break (`比上年预算` / footer / `数增加 14.18 万元`) and a line ends at
    the margin with `；`: the text goes on.  A heading that stops short of the margin is its own."""
    result = lint_path(_wrapping_pdf(tmp_path, "3.5"), RULES, "zh")
    figures = {f.label: f for s in result.document.narrative for f in s.figures}
    assert "2026 年预算收入" in figures  # not `收入说明2026 年预算收入`, nor without its year
    item = figures["（1）一般公共服务支出（类）社会工作事务（款）其他社会工作事务支出（项）"]
    assert item.amount == Decimal("0.19")
    # The change opening the next sentence is the item's: its rate is checked against 0.19 − 0.09.
    found = [c for s in result.document.narrative for c in changes(s)]
    assert [(c.level.amount, c.change.amount, c.consistent) for c in found] == [
        (Decimal("0.19"), Decimal("0.09"), True),
        (Decimal("413.68"), Decimal("14.18"), True),
    ]
    (listed,) = result.document.breakdowns
    assert [part.amount for part in listed.parts] == [0, 0, 7]
    # The 三公 total's change is explained item by item below it (具体如下): no BP507.
    assert not [f for f in result.findings if f.rule.startswith("BP5")]
    wrong = lint_path(_wrapping_pdf(tmp_path, "9.5"), RULES, "zh")
    assert [f.rule for f in wrong.findings if f.rule.startswith("BP5")] == ["BP509"]


SANGONG_COLUMNS = """\
2026年部门预算
“三公”经费支出预算表
单位：万元
单位名称\t“三公”经费合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费
\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t
合计\t12.00\t0.00\t10.00\t6.00\t4.00\t2.00
某某局\t12.00\t0.00\t10.00\t6.00\t4.00\t2.00
2026年“三公”经费预算数12.00万元，其中：公务接待费预算2.50万元，公务用车运行维护费4.00万元。
"""


def test_a_sangong_table_with_its_items_as_columns_is_read_in_its_total_row():
    """杭州's, 苏州's, 上海's layout: the 三公 items are columns and the 合计 row holds the figures.
    The text's 公务接待费 2.50 against the table's 2.00 is BP502; 12.00 and 4.00 agree."""
    found = [f for f in lint_text(SANGONG_COLUMNS, RULES, "zh").findings if f.rule == "BP502"]
    assert [f.message for f in found] == [
        "文字说明写“公务接待费预算”为2.50万元，而表中为2.00万元（《三公》公务接待费），相差0.50万元；请核对两处，改正有误的一处"
    ]
    # A row per year (深圳): the budget year's row is read, not last year's.
    by_year = SANGONG_COLUMNS.replace("合计\t12.00\t0.00\t10.00\t6.00\t4.00\t2.00\n", "")
    by_year = by_year.replace(
        "某某局\t12.00", "某某局\t2025年\t9.00\t0.00\t7.00\t3.00\t4.00\t2.00\n\t2026年\t12.00"
    )
    by_year = by_year.replace("单位名称\t", "单位名称\t年度\t").replace("\n\t\t\t小计", "\n\t\t\t\t小计")
    found = [f for f in lint_text(by_year, RULES, "zh").findings if f.rule == "BP502"]
    assert [(f.line, f.message[:21]) for f in found] == [
        (8, "文字说明写“公务接待费预算”为2.50万元")
    ]  # not 9.00 of 2025


def test_pdfium_reads_the_published_layout_as_pdfminer_does(published, monkeypatch):
    """PDFium gives pdfplumber the characters and ruling lines its own parser (pdfminer) would: the
    model read both ways is the same, table for table, sentence for sentence."""
    from bplint.model.dump import to_json

    fast = to_json(lint_path(published, RULES, "zh").document)
    monkeypatch.setenv("BPLINT_PDF_ENGINE", "pdfminer")
    assert to_json(lint_path(published, RULES, "zh").document) == fast


def test_the_narratives_words_are_data():
    """The words a sentence is read by (a change's direction, a comparison, a list's opening, 持平)
    come from lexicon.yaml: each listed word is what its reader recognises, and nothing else is."""
    from bplint.extract import breakdown, changes, narrative

    for word in LEXICON.change_up + LEXICON.change_down:
        assert narrative._CHANGE.search(f"比上年{word}") is not None
    assert set(LEXICON.change_down) == set(narrative._DOWN) and "增加" not in narrative._DOWN
    assert all(breakdown._MARKER.fullmatch(w) for w in LEXICON.breakdown_markers)
    assert all(breakdown.STEADY.fullmatch(w) for w in LEXICON.steady_words)
    assert all(changes._COMPARES.fullmatch(w) for w in LEXICON.compare_words)
    assert not breakdown._MARKER.search("合计") and not changes._COMPARES.search("上年")
    assert LEXICON.sentence_words == narrative.WORDS

"""Layouts of other provinces, as small fixtures: page furniture, titles inside the grid, meta lines,
tables continued over pages, column-number rows, the document's own 目录 (BP006, BP007)."""

from __future__ import annotations

from bplint.catalog import load_rules
from bplint.formats.furniture import furniture
from bplint.lint import lint_source
from bplint.model.lexicon import LEXICON, OTHER_KIND
from bplint.read import decode

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


def test_a_disclosure_of_which_nothing_was_read_is_not_checked():
    (finding,) = lint_text(CONTENTS, RULES, "zh").findings
    assert finding.rule == "BP007" and finding.severity == "error" and "未经检查" in finding.message
    assert rules_of("会议通知\n请各单位按时参加。\n") == ["BP002"]

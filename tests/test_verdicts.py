"""Verdicts that tell the truth (issue 25, item 6): a file that is no disclosure says so and is not
checked as one; a disclosure bplint read no table of is 未经检查, never 需修改; findings about bplint's
own reading never make a file 需修改."""

from __future__ import annotations

import regex

from bplint.catalog import load_rules
from bplint.lint import lint_source
from bplint.read import decode
from bplint.report import html

RULES = load_rules()
_VERDICT = regex.compile(r'id="verdict"[^>]*>([^<]*)<')


def _lint(text: str):
    return lint_source(decode(text.encode("utf-8"), "t.txt"), RULES, "zh")


def _verdict(result) -> str:
    return _VERDICT.search(html.render([result], RULES, "zh")).group(1)


# An evaluation report: pages of prose about a project, and a table of its spending that is no
# budget table (项目支出情况表), with a sum that does not add up and a year long past.
REPORT = (
    "长沙市某局2020年度财政项目支出绩效评价报告\n"
    + "".join(
        f"评价组于2020年{n % 12 + 1}月走访了第{n}个受益单位，资金使用规范，结余210万元，其中调剂20万元。\n"
        for n in range(1, 50)
    )
    + "项目支出情况表\n单位：万元\n序号\t项目名称\t预算批复\t实际执行\t\n1\t某项目\t100.00\t98.00\t\n"
)


def test_a_whole_document_that_is_no_disclosure_is_said_to_be_none_and_not_checked():
    result = _lint(REPORT)
    assert [f.rule for f in result.findings] == ["BP002"]
    assert _verdict(result) == "这不是预算（决算）公开文件：没有找到预算表或绩效目标表，未作检查"


def test_a_disclosure_of_which_no_table_was_read_is_unchecked_not_to_correct():
    text = "某局2026年部门预算公开\n目录\n一、部门收支总表\t3\t\n二、部门收入总表\t4\t\n" + "说明文字。\n" * 3
    result = _lint(text)
    assert "BP007" in {f.rule for f in result.findings}
    assert _verdict(result).startswith("有 1 个文件未经检查")


def test_a_part_bplint_could_not_read_is_said_and_the_rest_is_judged_without_it():
    """An untitled table of figures (BP004) alone: nothing to correct, the part unread said."""
    text = (
        "部门预算支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "\t合计\t50.00\t30.00\t20.00\n201\t一般公共服务支出\t50.00\t30.00\t20.00\n"
        "二、其他情况\n科目\t上年\t本年\t\n办公费\t12.50\t13.00\t\n"
    )
    result = _lint(text)
    assert sorted(f.rule for f in result.findings if f.severity in ("error", "warning")) == [
        "BP004",
        "BP601",
        "BP603",
    ]
    # BP601/BP603 (tables and explanations missing) are the document's warnings; BP004 is bplint's
    # own reading: counted as the report's totals count it (a new user saw "有 2 处警告" over "警告 3"),
    # and said to be a part not checked.
    assert _verdict(result) == (
        "未发现须修改的问题；有 3 处警告，建议核对后发布"
        "（其中 1 处是 bplint 未能读取的部分，未经检查，请人工核对）"
    )

"""Final accounts (决算, issue 26): the kind of a document, which rules run on it, a blank template.

Fixtures are text exports built here; the 决算 of the national template is in tests/accounts.py."""

from __future__ import annotations

import json

import pytest

from bplint.catalog import CatalogError, load_file, load_rules
from bplint.lint import lint_source
from bplint.model.kind import DocumentKind
from bplint.read import decode
from bplint.report import json_report
from tests.accounts import accounts

RULES = load_rules()


def linted(text: str, *rules: str):
    return lint_source(decode(text.encode("utf-8"), "t.txt"), RULES, "zh", set(rules) or None)


@pytest.mark.parametrize(
    ("cover", "kind"),
    [
        ("某某局2026年部门预算", DocumentKind.DEPARTMENT_BUDGET),
        ("某某中心2026年单位预算公开", DocumentKind.UNIT_BUDGET),
        ("西安市卫生健康委员会（汇总）\n2022年度部门决算", DocumentKind.DEPARTMENT_ACCOUNTS),
        ("上海市某某研究所 2024 年度单位决算", DocumentKind.UNIT_ACCOUNTS),
        # No cover: the titles its 目录 lists say it (two at least), 一般公共预算 a fund, not a budget.
        ("目录\n一、收入支出决算总表\n二、一般公共预算财政拨款支出决算表", DocumentKind.DEPARTMENT_ACCOUNTS),
        ("目录\n一、部门收支预算总表\n二、政府采购预算表", DocumentKind.DEPARTMENT_BUDGET),
        ("某某局情况说明\n2023年决算数为100万元。", DocumentKind.UNKNOWN),
        ("目录\n一、收入支出决算总表\n二、部门收支预算总表", DocumentKind.UNKNOWN),
        # A table of no disclosure's kind alone (an evaluation report's) says neither.
        ("项目支出情况表\n单位：万元\n项目名称\t预算数\n某某项目\t100.00", DocumentKind.UNKNOWN),
    ],
)
def test_the_kind_is_read_from_what_the_document_says_of_itself(cover, kind):
    assert linted(cover + "\n本单位主要职责是负责全市的某项工作。\n").meta.kind is kind


_BUDGET_TABLE = (
    "二、部门预算安排的总体情况\n部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n"
    "\t项目\t预算数\t项目\t预算数\n1\t收入总计\t100.00\t支出总计\t100.00\n"
)


def test_a_document_of_unclear_kind_says_so_once_and_its_kind_is_in_the_json():
    unclear = linted("目录\n一、收入支出决算总表\n" + _BUDGET_TABLE)
    assert [f.rule for f in unclear.findings].count("BP008") == 1
    accounts = linted("某某局2024年度部门决算\n本单位主要职责是负责全市的某项工作。\n")
    assert "BP008" not in {f.rule for f in accounts.findings}
    document = json.loads(json_report.render([accounts]))["files"][0]["document"]
    assert (document["kind"], document["template"]) == ("部门决算", False)


def test_budget_only_rules_never_run_on_a_final_accounts():
    """BP601 asks a budget for the nine budget tables; a 决算 has its own set (BP701)."""
    budget = linted("某某局2024年部门预算\n" + _BUDGET_TABLE, "BP601", "BP603")
    assert {f.rule for f in budget.findings} == {"BP601", "BP603"}
    accounts = linted("某某局2024年度部门决算\n" + _BUDGET_TABLE, "BP601", "BP603")
    assert not accounts.findings


@pytest.mark.parametrize("documents", ["[结算]", "[]", "7"])
def test_a_rule_naming_no_kind_of_document_is_refused(documents):
    pack = f"id: X1\nname: x\nseverity: info\ntitle: x\nmessage: {{zh: x}}\ndocuments: {documents}\n"
    pack += "explain: {what: x}\nexamples: {bad: {text: x}, good: {text: x}}\n"
    pack += "select: document\nwhen: 'true'\n"
    with pytest.raises(CatalogError, match="documents 应为 预算、决算"):
        load_file(pack, "pack.yaml")


_TEMPLATE = (
    "上海市 XX 局\n2024 年度部门决算\n"
    + "".join(
        f"{n}、上海市 XX 局本年收入合计 XXX 万元，其中：财政拨款收入 XXX 万元，占 XX%。主要原因：XXXXXXXX。\n"
        for n in "一二三四五六七八九十"
    )
    + "截至 2024 年 12 月 31 日，XX 部门（单位）共有车辆 XX 辆。\n"
)


def test_a_blank_template_says_so_once_and_each_kind_of_placeholder_once():
    result = linted(_TEMPLATE)
    assert result.meta.template and [f.rule for f in result.findings if f.rule == "BP009"] == ["BP009"]
    quoted = [f.message.split("“")[1].split("”")[0] for f in result.findings if f.rule == "BP506"]
    assert quoted == ["XX 局", "XX 部门"]  # the cover (and ten paragraphs after it), the last
    assert "全文共 11 段有这种占位符" in next(f.message for f in result.findings if f.rule == "BP506")


# The 决算 of the national template (tests/accounts.py), and each problem a reviewer planted in one.
def errors_and_warnings(text: str) -> list[tuple[str, int, str]]:
    return [(f.rule, f.line, f.message) for f in linted(text).findings if f.severity in ("error", "warning")]


def test_the_accounts_of_the_template_are_read_as_such_and_hold_together():
    result = linted(accounts())
    assert result.meta.kind is DocumentKind.DEPARTMENT_ACCOUNTS and result.meta.year == 2024
    kinds = [t.kind for t in result.document.tables]
    assert kinds == ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表",
                     "基本支出表", "三公", "政府性基金", "国有资本经营"]  # fmt: skip
    assert (result.stats["tables_listed"], result.stats["tables_listed_read"]) == (9, 9)
    # 行次 is a line number, not money: 本年收入合计's 27 is no sum of 1, 2 and 5 (西安: BP401 ×4 before).
    assert errors_and_warnings(accounts()) == []


@pytest.mark.parametrize(
    ("planted", "rule", "says"),
    [
        ({"drop": "收入决算表"}, "BP006", "目录列出的《收入决算表》未能读取"),  # removed, still listed
        ({"drop": "收入决算表"}, "BP701", "缺少这些表：收入决算表"),
        ({"cover": "XX局"}, "BP506", "模板文字“XX局”"),  # a placeholder left in the title
        ({"sangong_row": ""}, "BP602", "《财政拨款“三公”经费支出决算表》没有任何数字"),  # 三公 emptied
        ({"heading_year": "2023"}, "BP705", "文字却写“2023年度部门决算”"),  # last year in a heading
        ({"year_end": "2023"}, "BP705", "文字却写“截至2023年12月31日”；应为2024年"),
        # 收支总计 0 in the text: its change on last year makes last year negative (BP502 cannot tell
        # whose 总计 a bare `收入、支出总计` is: 西安 p.10 says it of 财政拨款).
        ({"total": "0"}, "BP514", "本年0万元，比上年增加10.00万元，上年数就是-10.00万元"),
        ({"said": "小于"}, "BP704", "文字说“决算数小于预算数”，而它写的年初预算为70.00万元、决算为80.00万元"),
        ({"rate": "104.29"}, "BP703", "完成预算的比例应为114.29%，而文字写的是104.29%"),
        ({"carry": "20.00"}, "BP702", "本年收入合计100.00万元与年初结转和结余20.00万元合计为120.00万元"),
    ],
)
def test_each_planted_problem_is_caught(planted, rule, says):
    found = [message for r, _, message in errors_and_warnings(accounts(**planted)) if r == rule]
    assert len(found) == 1 and says in found[0], errors_and_warnings(accounts(**planted))


def test_a_subject_s_budget_in_a_final_accounts_is_not_its_table_row():
    """西安 p.12: `年初预算0万元，支出决算56万元` — the table prints 56, the 决算; the 0 is the budget
    (27 false BP510 before)."""
    sentence = "2.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。"
    stated = "年初预算20.00万元，支出决算30.00万元，决算数大于年初预算数的主要原因是人员增加。"
    text = accounts().replace("六、国有资产", sentence + stated + "\n六、国有资产")
    assert [r for r, _, _ in errors_and_warnings(text)] == []

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

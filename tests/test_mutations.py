"""Mutation tests: change one printed figure of seed 001 and bplint must report the right rule
at the right line.  001's tables and narrative are consistent (only one BP407 where rounding
shows), so every new finding comes from the change.
"""

from __future__ import annotations

import pytest

from bplint.catalog import load_rules
from bplint.engine import tablefigures as tf
from bplint.lint import lint_source
from bplint.model.document import Document
from bplint.read import decode
from tests.conftest import SEEDS

RULES = load_rules()
TEXT = SEEDS["001"].read_text(encoding="utf-8")
ARITHMETIC = {f"BP40{n}" for n in range(1, 9)} | {"BP501", "BP502", "BP503"}


def _lint(text: str):
    return lint_source(decode(text.encode("utf-8"), "001.txt"), RULES, "zh")


BASELINE = _lint(TEXT)
DOCUMENT: Document = BASELINE.document


def cell_line(kind: str, label: str, column: str) -> int:
    """The line of a table cell, found by table kind, row label (or code) and column."""
    table = next(t for t in DOCUMENT.tables if t.kind == kind)
    for row in table.rows:
        for side in tf.sides(table):
            if label in (row.code, tf.normalize(tf.row_label(row, side))):
                index = tf.find_column(table, column)
                if index is not None and (side.label is None or side.label < index):
                    found = row.cells[index]
                    if found.text:
                        return found.line
    raise LookupError((kind, label, column))


def mutate(line: int, old: str, new: str) -> str:
    lines = TEXT.split("\n")
    assert old in lines[line - 1], (line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def new_findings(text: str) -> set[tuple[str, int]]:
    before = {(f.rule, f.line, f.message) for f in BASELINE.findings}
    return {(f.rule, f.line) for f in _lint(text).findings if (f.rule, f.line, f.message) not in before}


def test_the_baseline_has_no_arithmetic_error():
    arithmetic = [(f.rule, f.line) for f in BASELINE.findings if f.rule in ARITHMETIC]
    assert arithmetic == [("BP407", cell_line("基本支出表", "301", "合计"))]


CASES = [
    # (what is changed: table kind, row, column, old, new) -> the (rule, line of the total) it must raise
    ("收支总表 本年收入合计", ("收支总表", "本年收入合计", "收入/预算数", "1238.81", "1238.91"),
     [("BP401", ("收支总表", "本年收入合计", "收入/预算数")),
      ("BP404", ("收支总表", "收入总计", "收入/预算数")),
      ("BP405", ("收支总表", "本年收入合计", "收入/预算数"))]),
    ("收入总表 201 合计", ("收入总表", "201", "合计", "1354.98", "1355.98"),
     [("BP402", ("收入总表", "201", "合计")), ("BP403", ("收入总表", "201", "合计"))]),
    ("支出总表 201 基本支出", ("支出总表", "201", "基本支出", "1222.87", "1223.87"),
     [("BP402", ("支出总表", "201", "合计")), ("BP403", ("支出总表", "201", "基本支出"))]),
    ("财政拨款收支总表 一般公共预算拨款",
     ("财政拨款收支总表", "一般公共预算拨款", "收入/金额", "1038.81", "1039.81"),
     [("BP401", ("财政拨款收支总表", "本年收入合计", "收入/金额")),
      ("BP405", ("收支总表", "一般公共预算拨款收入", "收入/预算数"))]),
    ("一般公共预算支出表 2010303 项目支出", ("一般公共预算支出表", "2010303", "项目支出", "129.43", "129.53"),
     [("BP402", ("一般公共预算支出表", "2010303", "合计")),
      ("BP403", ("一般公共预算支出表", "20103", "项目支出"))]),
    ("基本支出表 30101 合计", ("基本支出表", "30101", "合计", "117.68", "117.78"),
     [("BP402", ("基本支出表", "30101", "合计")), ("BP403", ("基本支出表", "301", "合计"))]),
    ("政府性基金 21208 合计", ("政府性基金", "21208", "合计", "200.00", "210.00"),
     [("BP402", ("政府性基金", "21208", "合计")), ("BP403", ("政府性基金", "212", "合计"))]),
    ("三公 公务用车购置及运维费", ("三公", "公务用车购置及运维费", "资金性质/合计", "1.30", "1.50"),
     [("BP401", ("三公", "“三公”经费小计", "资金性质/合计")),
      ("BP401", ("三公", "公务用车购置及运维费", "资金性质/合计")),
      ("BP402", ("三公", "公务用车购置及运维费", "资金性质/合计"))]),
    ("政府采购 本级小计", ("政府采购", "青龙满族自治县机关事务服务中心本级小计", "合计",
                         "772.85", "782.85"),
     [("BP401", ("政府采购", "合计", "合计")),
      ("BP401", ("政府采购", "青龙满族自治县机关事务服务中心本级小计", "合计")),
      ("BP402", ("政府采购", "青龙满族自治县机关事务服务中心本级小计", "合计"))]),
    ("国有资产 房屋", ("国有资产", "房屋（平方米）", "价值（金额单位：万元）", "13822.92", "13823.92"),
     [("BP401", ("国有资产", "资产总额", "价值（金额单位：万元）"))]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_changed_table_figure_is_reported(name, change, expected):
    kind, label, column, old, new = change
    found = new_findings(mutate(cell_line(kind, label, column), old, new))
    wanted = {(rule, cell_line(*where)) for rule, where in expected}
    assert wanted <= found, name
    assert {rule for rule, _ in found} <= ARITHMETIC, found


def _narrative_line(text: str) -> int:
    return next(i for i, line in enumerate(TEXT.split("\n"), 1) if text in line)


def test_a_changed_narrative_part_breaks_its_sum_and_the_table():
    line = _narrative_line("包括人员经费275.16万元")
    found = new_findings(mutate(line, "人员经费275.16万元", "人员经费275.26万元"))
    assert found == {("BP501", line), ("BP502", line)}


def test_a_changed_narrative_change_breaks_the_change_arithmetic():
    line = _narrative_line("项目支出减少121.26万元")
    found = new_findings(mutate(line, "减少121.26万元", "减少121.36万元"))
    assert found == {("BP503", _narrative_line("较2023年预算增加15.99万元"))}


def test_a_narrative_figure_restating_a_table_wrongly():
    line = _narrative_line("机关运行经费共计安排1019.03万元")
    found = new_findings(mutate(line, "共计安排1019.03万元", "共计安排1091.03万元"))
    assert found == {("BP502", line)}


def test_a_change_within_rounding_gives_only_bp407():
    # 30101 基本工资 合计 117.68 → 117.69: its row is now 0.01 off (two printed terms, ±0.01),
    # and 301 sums 0.02 off its subcodes (nine printed terms, ±0.045): rounding, not errors.
    line = cell_line("基本支出表", "30101", "合计")
    found = new_findings(mutate(line, "117.68", "117.69"))
    assert {rule for rule, _ in found} == {"BP407"}
    assert ("BP407", line) in found


def test_tables_in_yuan_and_text_in_wan_yuan_are_converted():
    text = (
        "部门预算一般公共预算财政拨款基本支出表\n单位：元\n"
        "序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n"
        "\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
        "1\t\t合计\t1000000.00\t600000.00\t400000.00\n"
        "三、机关运行经费安排情况\n2024年，我部门机关运行经费共计安排40.00万元。\n"
    )
    assert [f.rule for f in _lint(text).findings if f.rule in ARITHMETIC] == []
    wrong = text.replace("共计安排40.00万元", "共计安排44.00万元")
    assert [f.rule for f in _lint(wrong).findings if f.rule in ARITHMETIC] == ["BP502"]

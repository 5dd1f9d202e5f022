"""Mutation tests: change one printed figure of seed 001 and bplint must report the right rule
at the right line.  001's tables and narrative are consistent (only one BP407 where rounding
shows), so every new finding comes from the change.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import regex

from bplint.catalog import load_rules
from bplint.engine import tablefigures as tf
from bplint.layout import strip_markers
from bplint.lint import lint_source
from bplint.model.document import Document
from bplint.read import decode
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow  # every narrative figure of two seeds changed and linted again

RULES = load_rules()
TEXT = SEEDS["001"].read_text(encoding="utf-8")
ARITHMETIC = {f"BP40{n}" for n in range(1, 9)} | {"BP501", "BP502", "BP503"}


def _lint_as(text: str, seed: str):
    return lint_source(decode(text.encode("utf-8"), f"{seed}.txt"), RULES, "zh")


def _lint(text: str):
    return _lint_as(text, "001")


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


# -- every narrative figure of 001 and 003 ------------------------------------------------------

_AMOUNT = regex.compile(r"\d[\d,]*(?:\.\d+)?")
# The narrative figures no rule can check, each read against its page: (seed, line, figure's label,
# whether it is a change).
UNCHECKABLE = {
    # A change against last year's amount, printed nowhere (the 三公 tables have no 上年 column).
    ("001", 1773, "公务接待费", True): "公务接待费0.00万元，同比减少0.2万元",
    ("003", 68, "公务接待费", True): "公务接待费32万元，与2019年相比减少8万元",
    # Planned purchases of fixed assets: no table of the document holds them.
    ("001", 3304, "本年度拟购置固定资产总额", False): "本年度拟购置固定资产总额为0.00万元",
    ("003", 544, "本年度我部门拟购置固定资产", False): "本年度我部门拟购置固定资产共计 55 万元",
    # The main parts of a change (主要为): others may have fallen, so even their sum says nothing.
    ("003", 60, "人员经费支出较去年", True): "主要为人员经费支出较去年增加199.12万元",
    ("003", 60, "日常公用较去年", True): "日常公用较去年增加89.16万元",
    # 003 prints no 基本支出表 or 机关运行经费 table; 机关运行经费 equals 日常公用经费 only for an
    # administrative unit, which bplint cannot know.
    ("003", 64, "我部门机关运行经费", False): "我部门机关运行经费共计安排155.91万元",
    # The tables' totals are printed blank (BP401 says so): nothing to compare with.
    ("003", 524, "我部门安排政府采购预算", False): "政府采购预算55万元（政府采购表的合计为空）",
    ("003", 542, "中共河北省大城县委办公室上年末固定资产金额", False): "资产总额为空",
}


# 003 beside 001: the other seed whose narrative restates its figures.
TEXT_003 = SEEDS["003"].read_text(encoding="utf-8")
SEED_RUNS = {"001": (TEXT, BASELINE), "003": (TEXT_003, _lint_as(TEXT_003, "003"))}
NARRATIVE_RULES = ARITHMETIC | {"BP504", "BP508", "BP509", "BP510", "BP511", "BP512"}


def _narrative_cases():
    for seed, (text, result) in SEED_RUNS.items():
        lines = text.split("\n")
        for sentence in result.document.narrative:
            for figure in sentence.figures:
                if figure.unit == "%":
                    continue  # the 绩效指标 of 001's prose restate nothing; shares are BP508's
                # Columns count in the line without Word's bookmark markers.
                printed = _AMOUNT.match(strip_markers(lines[figure.line - 1]), figure.column - 1)
                yield pytest.param(seed, figure.line, (figure.label, figure.change != 0), printed,
                                   id=f"{seed}:{figure.line}:{figure.column}")  # fmt: skip


@pytest.mark.parametrize(("seed", "line", "label", "printed"), list(_narrative_cases()))
def test_every_checkable_narrative_figure_changed_is_noticed(seed, line, label, printed):
    """Each money figure of 001's and 003's narrative, raised by seven units of its last digit
    (past any rounding): a new finding, unless it restates, decomposes or changes nothing the
    document prints (UNCHECKABLE, each with its reason)."""
    text, base = SEED_RUNS[seed]
    amount = Decimal(printed[0].replace(",", ""))
    step = Decimal(1).scaleb(amount.as_tuple().exponent)
    lines = text.split("\n")
    source = strip_markers(lines[line - 1])
    lines[line - 1] = source[: printed.start()] + str(amount + 7 * step) + source[printed.end() :]
    mutated = _lint_as("\n".join(lines), seed)
    before = {(f.rule, f.line, f.message) for f in base.findings}
    new = {(f.rule, f.line) for f in mutated.findings if (f.rule, f.line, f.message) not in before}
    if (seed, line, *label) in UNCHECKABLE:
        assert not new, new  # if one is noticed now, move it out of UNCHECKABLE
    else:
        assert new, f"{seed} 行{line} {printed[0]} changed, nothing noticed"
        assert {rule for rule, _ in new} <= NARRATIVE_RULES


def test_main_parts_may_fall_short_of_their_total_but_never_exceed_it():
    """001 line 1771: 机关运行经费1019.03万元，主要用于办公费2.52万元、… (the eight add up to 1019.03)."""
    line = _narrative_line("主要用于办公费2.52万元")
    assert new_findings(mutate(line, "物业管理费940.17万元", "物业管理费900.17万元")) == set()
    assert new_findings(mutate(line, "物业管理费940.17万元", "物业管理费941.17万元")) == {("BP511", line)}


def test_a_comparison_with_the_budget_year_itself_is_a_slip():
    """001 line 1769 compares the 2024 budget with 2023's; with 2024's it is BP513's slip."""
    line = _narrative_line("较2023年预算增加15.99万元")
    assert new_findings(mutate(line, "较2023年预算", "较2024年预算")) == {("BP513", line)}


def _fill_empty_table(text: str) -> str:
    """001's 国有资本经营 table (lines 1617–1650, empty, `注：…空表列示。`) with one row of figures."""
    lines = text.split("\n")
    assert lines[1641:1647] == ["\t"] * 6 and lines[1649].startswith("注：")
    lines[1641:1647] = ["\t1", "\t2230199", "\t其他国有资本经营预算支出", "\t12.34", "\t", "\t12.34"]
    return "\n".join(lines)


def test_a_figure_in_a_table_noted_empty_is_reported():
    """The note says `空表列示`: a row of figures in that table is BP602, quoting the note."""
    assert not [f for f in BASELINE.findings if f.rule == "BP602"]
    found = [f for f in _lint(_fill_empty_table(TEXT)).findings if f.rule == "BP602"]
    assert [(f.line, f.message) for f in found] == [
        (1617, "《部门预算国有资本经营预算财政拨款支出表》有不为零的数字，却写明“注：无国有资本经营"
               "预算财政拨款预算，空表列示。”；请核对：确无此项资金就删去表中的数字，"
               "否则删去或改正这句说明")]  # fmt: skip


def test_a_figure_in_a_table_the_text_says_there_is_none_of_is_reported():
    """With no note, the explanation's `本部门没有使用国有资本经营预算拨款安排的支出` is quoted instead;
    a note that only says what an empty table would mean (长沙: `此表如无数字则…`) is no such word."""
    filled = _fill_empty_table(TEXT).replace("注：无国有资本经营预算财政拨款预算，空表列示。", "")
    assert not [f for f in _lint(filled).findings if f.rule == "BP602"]
    said = filled.replace("部门职责：\n", "部门职责：\n本部门没有使用国有资本经营预算拨款安排的支出。\n", 1)
    assert said != filled
    (finding,) = [f for f in _lint(said).findings if f.rule == "BP602"]
    assert "却写明“本部门没有使用国有资本经营预算拨款安排的支出”" in finding.message
    conditional = _fill_empty_table(TEXT).replace(
        "注：无国有资本经营预算财政拨款预算，空表列示。", "注：此表如无数字则表示单位无该项支出。"
    )
    assert not [f for f in _lint(conditional).findings if f.rule == "BP602"]


def test_a_change_that_makes_last_year_negative_is_reported():
    """001 line 1773: `公务接待费0.00万元，同比减少0.2万元` (last year 0.2); written as 增加, last year would
    be −0.2 (BP514).  The change of 收支 (line 1769) is of 1630.30; its parts (`其中：基本支出增加137.25万元`)
    are not changes of 1630.30, so raising them past it says nothing of last year."""
    assert not [f for f in BASELINE.findings if f.rule == "BP514"]
    flipped = [
        f for f in _lint(mutate(1773, "同比减少0.2万元", "同比增加0.2万元")).findings if f.rule == "BP514"
    ]
    assert [(f.line, f.message) for f in flipped] == [
        (
            1773,
            "文字写“公务接待费”本年0.00万元，比上年增加0.2万元，上年数就是-0.20万元，是负数，这不可能；"
            "请核对本年数、增减额和增减幅度",
        )
    ]
    part = mutate(1769, "基本支出增加137.25万元", "基本支出增加1637.25万元")
    assert not [f for f in _lint(part).findings if f.rule == "BP514"]
    total = mutate(1769, "较2023年预算增加15.99万元", "较2023年预算增加1715.99万元")
    assert [f.line for f in _lint(total).findings if f.rule == "BP514"] == [1769]


def test_an_old_name_of_a_subject_the_tables_print_renamed_is_reported():
    """001's tables print 卫生健康支出 and 行政事业单位养老支出 (lines 105, 395); a sentence naming them by
    their old names is BP516; an old name whose new one no table prints (自然资源海洋气象等支出) is not."""
    said = TEXT.replace(
        "部门职责：\n",
        "部门职责：\n医疗卫生与计划生育支出20.00万元，行政事业单位离退休15.00万元。\n国土海洋气象等支出3.00万元。\n",
        1,
    )
    found = [(f.line, f.message) for f in _lint(said).findings if f.rule == "BP516"]
    assert found == [
        (1736, "文字用了科目的旧名称“医疗卫生与计划生育支出”（表中为“卫生健康支出”）、“行政事业单位离退休”"
               "（表中为“行政事业单位养老支出”）；请改用表中的名称")]  # fmt: skip

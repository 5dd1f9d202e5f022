"""The model of each seed: meta, every project's name, code, budget, schedule and indicator count.

tests/fixtures/projects.json was generated from the model and then read line by line
against the documents (sheet titles, 项目编码/项目名称 rows, 预算数 rows, 资金支出计划 rows).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from bplint import extract, layout
from bplint.extract.changes import changes
from bplint.extract.lexicon import LEXICON
from bplint.extract.narrative import _FIGURE
from bplint.extract.text import label
from bplint.layout import Row
from bplint.read import decode
from bplint.values import Qualitative, Quantity
from tests.conftest import SEEDS

PINNED = json.loads((Path(__file__).parent / "fixtures" / "projects.json").read_text(encoding="utf-8"))


def _summary(document) -> dict:
    def amount(value):
        return None if value is None else str(value)

    return {
        "meta": {"agency": document.meta.agency, "year": document.meta.year, "unit": document.meta.unit},
        "projects": [
            {
                "line": p.line,
                "code": p.code,
                "name": p.name,
                "budget": [amount(p.budget.total), amount(p.budget.fiscal), amount(p.budget.other)]
                if p.budget
                else None,
                "schedule": [point.raw for point in p.schedule.points] if p.schedule else None,
                "schedule_missing": list(p.schedule.missing) if p.schedule else None,
                "indicators": len(p.indicators),
            }
            for p in document.projects
        ],
    }


@pytest.mark.parametrize("seed", sorted(PINNED))
def test_projects_as_checked_against_the_document(documents, seed):
    assert _summary(documents[seed]) == PINNED[seed]


def test_project_counts(documents):
    assert {seed: len(d.projects) for seed, d in documents.items()} == {
        "000": 8, "001": 12, "002": 6, "003": 30, "004": 6,
    }  # fmt: skip


def test_name_from_sheet_title_when_no_project_name_row(documents):
    first = documents["003"].projects[0]
    assert (first.name, first.code, first.budget, first.schedule) == ("县委秘书组办公经费", None, None, None)


def test_pdf_row_cut_by_a_page_break_is_joined(documents):
    # 000 lines 94-96: `⇥成本指标⇥不超出公车改革经费指⇥…`, a repeated header, then `⇥⇥标⇥⇥⇥`.
    cost = documents["000"].projects[0].indicators[5]
    assert (cost.level2, cost.level3, cost.raw, cost.line) == (
        "成本指标",
        "不超出公车改革经费指标",
        "≤2万元",
        117,
    )
    # 000 lines 226-229 (维修费): `经济效益指` / `标` across the page break.
    row = documents["000"].projects[4].indicators[8]
    assert (row.level2, row.level3, row.basis) == (
        "经济效益指标",
        "加强节能创建工作，倡导绿色发展理念",
        "三定方案单位职责",
    )
    assert row.value == Quantity(Decimal("98"), row.value.unit, "≥")


def test_word_row_split_by_an_empty_paragraph_is_joined(documents):
    row = documents["002"].projects[0].indicators[4]
    assert (row.level1, row.level2, row.basis, row.line) == ("效益指标", "可持续影响指标", "历史标准", 126)
    assert row.value == Qualitative("提升机关工作人员安全感、幸福感")


def test_schedule_with_a_lost_column_and_shifted_figures(documents):
    projects = documents["000"].projects
    assert projects[0].schedule.missing == ("12月底",)
    assert [p.percent for p in projects[0].schedule.points] == [20, 50, 75]
    # 县乡视频会议系统: figures one field right of their months; read in order, 12月底 blank.
    assert [p.percent for p in projects[7].schedule.points] == [20, 50, 75, None]


def test_indicator_lines_point_at_the_value(documents):
    first = documents["001"].projects[0].indicators[0]
    assert (first.level1, first.level2, first.level3, first.raw, first.line) == (
        "产出指标", "数量指标", "公务用车数量", "≤500台", 1863,
    )  # fmt: skip
    # In a Word export a row's cells are lines apart: the row starts at 1859, its 指标值 is on 1863.
    assert (first.column, first.end) == (2, (1863, 6))
    assert documents["001"].projects[0].budget.purpose.startswith("项目预算10.17万元，其中财政资金10.17万元")


def test_no_extraction_problem_in_the_seeds(documents):
    assert {seed: [p.rule for p in d.problems] for seed, d in documents.items()} == {s: [] for s in documents}


def test_narrative_sentences_keep_their_figures(documents):
    spending = next(s for s in documents["003"].narrative if s.text.startswith("2020年支出预算"))
    assert spending.line == 54
    assert [(f.label, str(f.amount), f.unit) for f in spending.figures] == [
        ("2020年支出预算", "1465.35", "万元"),
        ("基本支出", "640.93", "万元"),
        ("人员经费", "485.05", "万元"),
        ("日常公用经费", "155.91", "万元"),
    ]
    assert {"基本支出", "包括"} <= set(spending.words)
    sangong = next(s for s in documents["003"].narrative if s.line == 68 and "持平" in s.words)
    assert sangong.figures[0].label == "因公出国（境）费"


SHEET_LABELS = {
    "项目编码", "项目名称", "预算数", "其他资金", "资金用途", "绩效目标", "一级指标", "二级指标", "三级指标",
    "绩效指标描述", "指标描述", "指标内容", "指标值", "指标值确定依据",
    "预算规模及资金用途", "3月底", "6月底", "10月底", "12月底",
}  # fmt: skip


def _project_texts(project) -> str:
    parts = [project.name, project.code or "", project.title, project.goals]
    if project.budget:
        budget = project.budget
        amounts = (budget.total, budget.fiscal, budget.other)
        parts += [budget.purpose] + [str(x) for x in amounts if x is not None]
    if project.schedule:
        parts += [point.raw for point in project.schedule.points]
    for ind in project.indicators:
        parts += [ind.level1, ind.level2, ind.level3, ind.description, ind.raw, ind.basis]
        parts += [text for _, text in ind.extra]
    return label("\n".join(parts))


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_no_sheet_cell_is_lost(documents, seed):
    """Every non-empty cell of a project sheet is a label, a heading, in the project, or reported."""
    document = documents[seed]
    blocks = list(layout.blocks(SEEDS[seed].read_text(encoding="utf-8").splitlines()))
    reported = {(p.line, p.column) for p in document.problems if p.rule in ("BP003", "BP004")}
    for project in document.projects:
        texts = _project_texts(project)
        for block in blocks:
            if not (isinstance(block, Row) and project.line <= block.line <= project.end_line):
                continue
            for cell in block.filled:
                words = label(cell.text)
                known = (
                    words in SHEET_LABELS
                    or words.startswith(("资金支出计划", "其中"))
                    or LEXICON.sheet_heading_cell.match(words)
                    or words in texts
                    or (cell.line, cell.column) in reported
                )
                assert known, (project.name, cell)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_amount_in_running_text_is_a_narrative_figure(documents, seed):
    """Each `…万元` / `…%` printed in a paragraph outside the tables is a figure of some sentence."""
    document = documents[seed]
    tables = [(t.line, t.end_line) for t in document.tables]
    printed = set()
    for block in layout.blocks(SEEDS[seed].read_text(encoding="utf-8").splitlines()):
        if isinstance(block, layout.Paragraph) and not any(a <= block.line <= b for a, b in tables):
            printed |= {(block.line, m.start() + 1) for m in _FIGURE.finditer(block.text)}
    found = {(f.line, f.column) for s in document.narrative for f in s.figures}
    # A figure PDF export wrapped over two lines is found only in the joined paragraph:
    # 003 line 54 ends `项目支出824.42`, line 56 begins `万元，全部为本级支出`.
    wrapped = {"003": {(54, 138)}}.get(seed, set())
    assert found == printed | wrapped
    # 004 has none: its five `2、…10%` lines are the second items of 绩效目标 cells.
    assert len(found) == {"000": 12, "001": 53, "002": 1, "003": 31, "004": 0}[seed]


def test_breakdowns_of_the_narrative(documents):
    """Every 其中/包括 breakdown of 001 and 003, read against the text (001 lines 1765-1773, 003 50-70),
    and the lists of main parts (主要为/主要用于: not complete)."""

    def show(b):
        return (b.line, b.kind, b.total.label, str(b.total.signed),
                [(p.label, str(p.signed)) for p in b.parts], list(b.steady), b.complete)  # fmt: skip

    assert [show(b) for b in documents["003"].breakdowns] == [
        (50, "level", "2020年预算收入", "1465.35",
         [("一般公共预算收入", "1465.35"), ("基金预算收入", "0"),
          ("财政专户核拨收入", "0"), ("其他来源收入", "0")], [], True),
        (54, "level", "2020年支出预算", "1465.35",
         [("基本支出", "640.93"), ("项目支出", "824.42")], [], True),
        (54, "level", "基本支出", "640.93", [("人员经费", "485.05"), ("日常公用经费", "155.91")], [], True),
        (60, "change", "2020年预算收支", "423.1", [("基本支出", "288.28"), ("项目支出", "134.82")], [], True),
        (60, "change", "基本支出", "288.28", [("人员经费支出较去年", "199.12"), ("日常公用较去年", "89.16")],
         [], False),
        (68, "level", "我部门财政拨款“三公”经费预算", "35.5",
         [("因公出国（境）费", "0"), ("公务用车购置及运维费", "3.5"), ("公务接待费", "32")], [], True),
        (68, "level", "公务用车购置及运维费", "3.5",
         [("公务用车购置费", "0"), ("公务用车运维费", "3.5")], [], True),
        (68, "change", "公务用车购置及运维费", "-8",
         [("公车运维费", "-14")], ["公务用车购置费0万元与2019年持平"], True),
    ]  # fmt: skip
    assert [(b.line, b.kind, str(b.total.signed), len(b.parts), b.complete)
            for b in documents["001"].breakdowns] == [
        (1765, "level", "1630.30", 6, True), (1767, "level", "1630.30", 2, True),
        (1767, "level", "1294.19", 2, True), (1769, "change", "15.99", 2, True),
        (1771, "level", "1019.03", 8, False),  # 机关运行经费…主要用于办公费2.52万元、…
        (1773, "level", "1.30", 3, True), (1773, "level", "1.30", 2, True),
    ]  # fmt: skip
    assert [documents[s].breakdowns for s in ("000", "002", "004")] == [(), (), ()]


def test_unknown_indicator_columns_are_kept_and_reported_once():
    from bplint import extract
    from bplint.messages import Message
    from bplint.model.dump import to_dict
    from bplint.read import decode

    text = (
        "1.接待费绩效目标表\n一级指标\t二级指标\t三级指标\t佐证材料\t指标值\t分值权重（90分）\n"
        "产出指标\t数量指标\t接待次数\t接待记录\t≥50次\t10\n"
        "产出指标\t质量指标\t接待合格率\t评价表\t≥95%\t20\n"
    )
    document = extract.build(decode(text.encode("utf-8"), "t.txt"))
    weight = "分值权重（90分）"
    assert [ind.extra for ind in document.indicators] == [
        (("佐证材料", "接待记录"), (weight, "10")), (("佐证材料", "评价表"), (weight, "20"))]  # fmt: skip
    # A weight column is known and needs no check; an unknown column is reported once.
    (problem,) = document.problems
    assert (problem.rule, problem.line, problem.raw) == ("BP004", 3, "接待记录")
    assert problem.message == Message.of("BP004.unknown_column", name="佐证材料")
    # The dump names its key and says it in both languages.
    said = to_dict(document)["problems"][0]
    assert (said["message"], said["zh"], said["en"]) == (
        "BP004.unknown_column",
        "“佐证材料”列不是 bplint 认识的指标列：其内容已读取但不检查",
        "column '佐证材料' is not an indicator column bplint knows: read, not checked",
    )


def test_a_value_split_over_comparator_and_unit_columns():
    """Other provinces print `≥ | 95 | %` in three columns, and 指标值类型 beside them."""
    from bplint import extract
    from bplint.read import decode
    from bplint.values import parse_value

    text = (
        "1.接待费绩效目标表\n一级指标\t二级指标\t三级指标\t指标值类型\t指标方向\t指标值\t度量单位\n"
        "产出指标\t质量指标\t接待合格率\t定量\t≥\t95\t%\n"
        "产出指标\t数量指标\t接待次数\t定量\t≥\t50\t次\n"
    )
    document = extract.build(decode(text.encode("utf-8"), "t.txt"))
    assert [i.value for i in document.indicators] == [parse_value("≥95%"), parse_value("≥50次")]
    assert document.problems == ()
    # 定量 is no comparator: kept as the cell it is, beside the 指标方向 that is one.
    assert document.indicators[0].extra == (("指标值类型", "定量"),)


def test_the_only_rows_no_reader_takes_are_the_tables_of_units(documents):
    """Every row of the seeds is read by a table, a sheet or the 目录, except the 部门机构设置情况
    table of 001 and 003 (单位名称 | 单位性质 | 单位规格 | 经费保障形式: words, so no BP004)."""
    found = {
        seed: [(left.line, left.rows, left.figures) for left in doc.leftovers]
        for seed, doc in documents.items()
    }
    assert found == {"000": [], "001": [(1751, 2, 0)], "002": [], "003": [(41, 2, 0)], "004": []}


def test_a_change_and_its_rate_are_read_with_the_amount_they_change():
    """广州 p.81: the change after a closed bracket is of the amount before the bracket (567.72, not
    337.17 inside it); its rate 8.9% meets 46.49 ÷ (567.72 − 46.49) within the printed rounding."""
    text = (
        "公务用车购置及运行维护费567.72万元（公务用车购置费230.55万元，比上年增加49.45万元；公务用车运行维护费"
        "337.17万元，比上年减少2.96万元。）比上年增加46.49万元，增长8.9%，主要原因是购置公务用车。\n"
        "公务接待费32万元，比上年减少8万元，下降30%，主要原因是压减接待。\n"
    )
    document = extract.build(decode(text.encode("utf-8"), "t.txt"))
    found = [c for s in document.narrative for c in changes(s)]
    assert [(c.level.amount, c.change.signed, c.rate.amount, c.consistent) for c in found] == [
        (Decimal("567.72"), Decimal("46.49"), Decimal("8.9"), True),
        # 8 ÷ 40 is 20%, 8 ÷ 32 is 25%: 30% meets neither reading.
        (Decimal("32"), Decimal("-8"), Decimal("30"), False),
    ]
    assert (found[1].prior, found[1].expected) == (Decimal("40"), Decimal("-20.00"))


def test_parts_that_each_state_their_change_break_down_the_totals_change():
    """广州 p.81: `三公经费627万元，比上年增加46.49万元…其中：因公出国（境）费40万元，比上年增加0万元；
    公务用车…567.72万元（…）比上年增加46.49万元…；公务接待费19.28万元，比上年增加0万元` — the level
    breakdown's parts each state a change, so they break down the total's (持平 counts 0: 上海数据局)."""
    text = (
        "三公经费627万元，比上年增加46.49万元，增长8%。其中：因公出国（境）费40万元，比上年增加0万元；"
        "公务用车购置及运行维护费567.72万元，比上年增加46.49万元；公务接待费19.28万元，与上年持平。\n"
    )
    document = extract.build(decode(text.encode("utf-8"), "t.txt"))
    (found,) = [b for b in document.breakdowns if b.kind == "change"]
    assert (found.total.signed, [p.signed for p in found.parts], found.steady) == (
        Decimal("46.49"), [Decimal("0"), Decimal("46.49")], ("公务接待费",))  # fmt: skip
    wrong = extract.build(decode(text.replace("比上年增加0万元", "比上年增加3万元").encode("utf-8"), "t.txt"))
    (found,) = [b for b in wrong.breakdowns if b.kind == "change"]
    assert sum(p.signed for p in found.parts) == Decimal("49.49")


def test_a_change_named_by_a_word_of_the_sentence_before_is_of_its_amount():
    """长沙 p.4: `收入较去年增加 24.17 万元，上升 3.82%。` is a change of the 656.73 of `本单位收入预算`,
    the first amount of the paragraph before whose label has 收入 (not 上年结转's 0.00 that ends it);
    a word no label has gives no amount."""
    paragraphs = [
        "2026 年本单位收入预算 656.73 万元，其中，一般公共预算拨款 656.73 万元，上年结转 0.00 万元。",
        "收入较去年增加 24.17 万元，上升 3.82%。",
        "经费较去年增加 24.17 万元，上升 3.82%。",
    ]
    document = extract.build(decode("\n".join(paragraphs).encode("utf-8"), "t.txt"))
    found = [(c.level.amount, c.change.amount, c.rate.amount, c.consistent) for s in document.narrative
             for c in changes(s)]  # fmt: skip
    assert found == [(Decimal("656.73"), Decimal("24.17"), Decimal("3.82"), True)]


@pytest.mark.parametrize(
    ("text", "this_year", "consistent"),
    [
        # 西安 p.10 with its change raised: 1.84 ÷ 46.69 is 3.94%; only 1.84 ÷ 48.53, reading 48.53 as
        # last year's, gives the 3.79% printed, and the order of the words rules that reading out.
        ("公务员医疗补助48.53万元，较上年增加1.84万元，增长3.79%。", True, False),
        ("公务员医疗补助48.53万元，较上年增加1.77万元，增长3.79%。", True, True),
        ("行政运行8,553.80 万元。比上年执行数增加 50.57 万元，增长 0.6%。", True, True),
        ("与上年相比：支出预算总计 48.53 万元，与上年相比增加 1.84 万元，增长3.79%。", True, False),
        # Named for last year, or with another subject between: either reading may be meant.
        ("上年执行数48.53万元，较上年增加1.84万元，增长3.79%。", False, True),
        ("2025年预算48.53万元，2026年比上年增加1.84万元，增长3.79%。", False, True),
    ],
)
def test_a_level_followed_at_once_by_its_comparison_is_this_years(text, this_year, consistent):
    document = extract.build(decode(text.encode("utf-8"), "t.txt"))
    (found,) = [c for s in document.narrative for c in changes(s)]
    assert (found.this_year, found.consistent) == (this_year, consistent)


def test_a_class_named_bare_is_the_figures_subject():
    """`一般公共服务支出 12,868.19 万元` (杭州 p.5) names the 类 without （类）; 其他支出 is also an
    economic class, so a bare `其他支出` is no 科目; a change is never a 科目's amount."""
    from bplint.extract.narrative import passages, read_narrative
    from bplint.layout import Paragraph

    text = "支出预算中，（1）一般公共服务支出 12,868.19 万元，其他支出 5.00 万元，教育支出比上年增加3万元。"
    (sentence,) = read_narrative(passages([Paragraph(text, 1)]))
    assert [(f.label, f.subject) for f in sentence.figures] == [
        ("（1）一般公共服务支出", ("一般公共服务支出",)),
        ("其他支出", ()),
        ("教育支出比上年", ()),
    ]


def test_a_quoted_subject_gives_its_levels():
    """上海: `“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1202.95万元`."""
    from bplint.extract.subjects import quoted

    assert quoted("“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目") == (
        "一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行")  # fmt: skip
    assert quoted("1.“卫生健康支出”科目") == ("卫生健康支出",)
    assert quoted("“培训费”科目") == ()  # an economic class, not a 类 of spending by function


def test_a_subject_named_by_its_code_is_found_by_its_code_and_name():
    """福州: `（一）2080501-行政单位离退休 178.51 万元`, the 项 by code and name. The row of that code
    is the figure's, and only while it bears that name; a year or a number is no code."""
    from bplint.catalog import load_rules
    from bplint.lint import lint_source
    from bplint.read import decode

    table = (
        "一般公共预算拨款支出预算表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "合计\t\t242.91\t242.91\t\n208\t社会保障和就业支出\t242.91\t242.91\t\n"
        "20805\t行政事业单位养老支出\t242.91\t242.91\t\n2080501\t行政单位离退休\t178.51\t178.51\t\n"
        "2080502\t事业单位离退休\t64.40\t64.40\t\n"
    )

    def found(text: str) -> tuple[list[tuple[str, ...]], list[str]]:
        result = lint_source(decode((table + text).encode("utf-8"), "t.txt"), load_rules(), "zh")
        subjects = [f.subject for s in result.document.narrative for f in s.figures]
        return subjects, [f.message for f in result.findings if f.rule == "BP510"]

    assert found("（一）2080501-行政单位离退休 178.51 万元。\n（二）2080502事业单位离退休 64.40 万元。") == (
        [("2080501-行政单位离退休",), ("2080502-事业单位离退休",)], [])  # fmt: skip
    said = found("（一）2080501-行政单位离退休 178.58 万元。")[1]
    assert said == ["文字说明“（一）2080501-行政单位离退休”为178.58万元，而《一般公共预算拨款支出预算表》"
                    "“行政单位离退休”一行为178.51万元，相差0.07万元；请核对两处，改正有误的一处"]  # fmt: skip
    assert found("（一）2080501-事业单位离退休 64.40 万元。")[1] == []  # that code names another row
    assert found("2026年预算 64.40 万元。")[0] == [()]


def _itemised(*paragraphs: str) -> list[tuple[str, list[str], bool]]:
    from bplint.extract.itemised import read_itemised
    from bplint.extract.narrative import passages
    from bplint.layout import Paragraph

    found = read_itemised(passages([Paragraph(text, n) for n, text in enumerate(paragraphs, 1)]))
    return [(str(b.total.amount), [str(p.amount) for p in b.parts], b.complete) for b in found]


def test_parts_written_as_numbered_items_are_a_breakdown():
    """福州 p.23: `基本支出 7841.26 万元，其中：` over `（一）人员经费 7263.35 万元，主要包括：…` and
    `（二）公用经费 577.91 万元，…`; 深圳 p.12: `（五）项目支出 2,089.48 万元，具体包括：` over 1. to 5., each
    with lines of its own between, ended by the next item of （五）'s level."""
    assert _itemised(
        "2026 年度一般公共预算拨款基本支出 7841.26 万元，其中：",
        "（一）人员经费 7263.35 万元，主要包括：基本工资、津贴补贴。",
        "（二）公用经费 577.91 万元，主要包括：办公费、印刷费。",
        "三、政府采购情况",
        "（一）货物 5.00 万元。",
    ) == [("7841.26", ["7263.35", "577.91"], True)]
    assert _itemised(
        "（五）项目支出 2,089.48 万元，具体包括：",
        "1.区财政安排项目 1,012.29 万元，主要包括：食品安全管理工作 471.06 万元；",
        "519.23 万元，用于辖区质量监督管理。",
        "（1）细项 3.00 万元。",
        "2.食品安全监管事务 1,077.19 万元，主要用于检查。",
        "（六）其他 8.00 万元。",
        "3.又一项 9.00 万元。",
    ) == [("2089.48", ["1012.29", "1077.19"], True)]
    assert _itemised("主要支出 10 万元，主要包括：", "1.甲 6 万元。", "2.乙 3 万元。") == [
        ("10", ["6", "3"], False)
    ]
    # 苏州 p.5: `包括：` alone after the total; `1．本年收入合计` alone, its lower items its parts.
    assert _itemised(
        "（一）收入预算总计 4,651.67 万元。包括：",
        "1．本年收入合计 4,651.67 万元。",
        "（1）一般公共预算拨款收入 4,651.60 万元，与上年相比增加47.15 万元，增长 1.02%。",
        "（2）政府性基金预算拨款收入 0.07 万元，与上年预算数相同。",
        "2．上年结转结余为 0 万元。与上年预算数相同。",
        "（二）支出预算总计 4,651.67 万元。",
    ) == [("4651.67", ["4651.67", "0"], True), ("4651.67", ["4651.60", "0.07"], True)]
    # 上海 p.13: the total and its change, then `其中：` alone; the items' amounts are levels.
    assert _itemised(
        "2026年“三公”经费预算数为143.14万元，比2025年预算减少20.36万元。其中：",
        "（一）因公出国（境）费109.14万元，比2025年预算增加4.14万元。",
        "（二）公务用车购置及运行费14.00万元，比2025年预算减少24.50万元。",
        "（三）公务接待费20.00万元，与2025年预算持平。",
    ) == [("143.14", ["109.14", "14.00", "20.00"], True)]


@pytest.mark.parametrize(
    "paragraphs",
    [
        ("基本支出 10 万元，其中：", "（一）人员经费 6 万元。"),  # one item names a part, not the whole
        (
            "基本支出 10 万元，其中：",
            "（二）人员经费 6 万元。",
            "（三）公用经费 4 万元。",
        ),  # not from the first
        (
            "基本支出 10 万元，其中：",
            "（一）人员经费，主要包括工资 6 万元。",
            "（二）公用经费 4 万元。",
        ),  # no amount
        ("基本支出 10 万元，项目支出 8 万元，其中：", "（一）人员经费 6 万元。", "（二）公用经费 4 万元。"),
        ("比上年增加 2 万元，基本支出 10 万元。其中：", "（一）人员经费 6 万元。", "（二）公用经费 4 万元。"),
        ("基本支出 10 万元，其中：", "附表如下", "（一）人员经费 6 万元。", "（二）公用经费 4 万元。"),
        ("（一）基本支出 10 万元，其中：", "（二）人员经费 6 万元。", "（三）公用经费 4 万元。"),
        # A 合计 that says more than its amount, or whose next items are not below it.
        ("1．本年收入合计 10 万元，主要是拨款。", "（1）拨款 6 万元。", "（2）其他 4 万元。"),
        ("（一）收入合计 10 万元。", "（二）拨款 6 万元。", "（三）其他 4 万元。"),
        # 苏州 p.7: the total seen from both sides, not divided.
        (
            "收入、支出预算总计 4,651.67 万元，包括：",
            "（一）收入预算总计 4,651.67 万元。",
            "（二）支出预算总计 4,651.67 万元。",
        ),
        # 无锡 p.60: `具体情况如下：` alone after the last of three parts.
        (
            "公务接待费支出 100.37 万元，占41.62%。具体情况如下：",
            "1．因公出国（境）费 0 万元。",
            "2．公务用车购置及运行维护费 140.8 万元。",
        ),
    ],
)
def test_numbered_items_bplint_is_unsure_of_are_no_breakdown(paragraphs):
    assert _itemised(*paragraphs) == []


def test_a_generic_label_is_the_item_named_before_it():
    """深圳: `2.公务接待费。2026 年预算数 0.16 万元` and `公务用车购置费 2026 年预算数 36.00 万元`; 福州: the
    heading `（二）公务接待费` over `2026 年预算安排 5.00 万元`."""
    from bplint.extract.narrative import passages, read_narrative
    from bplint.layout import Paragraph

    text = "2.公务接待费。2026 年预算数 0.16 万元；其中：公务用车购置费 2026 年预算数 36.00 万元。"
    labels = [f.label for s in read_narrative(passages([Paragraph(text, 1)])) for f in s.figures]
    assert labels == ["公务接待费", "公务用车购置费"]
    under = read_narrative(
        passages([Paragraph("（二）公务接待费", 1), Paragraph("2026 年预算安排 5.00 万元，与上年持平。", 2)])
    )
    assert [f.label for s in under for f in s.figures] == ["公务接待费"]


def test_a_word_cell_with_an_empty_paragraph_between_its_items_is_one_cell(documents):
    """004's 绩效目标 cells are `1、…`, an empty paragraph, `2、…`: the blank line Word writes for the
    empty paragraph does not end the row; the second item is the goal's, not narrative."""
    water = documents["004"].projects[0]
    assert water.name == "机关事务管理局水电费"
    assert water.goals.startswith("1、按月、按季向供电公司") and water.goals.endswith("至少比上年节省10%")
    assert not [s for s in documents["004"].narrative if "对水、电设备进行定期检修" in s.text]


def test_a_year_compared_with_is_never_the_budget_year():
    """With no title year, the year a text keeps naming is the budget year, but not one it compares
    with: `与2019年相比` three times makes no 2019 budget (BP513 would then call each one a slip)."""
    from bplint.extract.meta import _year

    compared = ["公车运维费3.5万元，与2019年相比减少14万元", "较2019年增加2万元", "比 2019 年减少1万元"]
    assert _year(compared) is None
    assert _year([*compared, "2020年预算", "2020年计划", "2020年完成"]) == 2020

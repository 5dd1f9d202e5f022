"""The project-sheet reader as a table of row kinds (issue 31, item 2): each row is classified by its
label cells into RowKinds, the reader's state is a SheetState, and no function of the sheet reader
is 40 lines or longer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bplint.extract.sheetrows import RowKind, SheetState, row_kinds
from bplint.extract.sheets import SheetReader, read_projects
from bplint.layout import WORD, Cell, Paragraph, Row

READER = Path(__file__).resolve().parent.parent / "linter" / "extract"


def _row(*texts: str, line: int = 10) -> Row:
    return Row(tuple(Cell(text, line, 1 + 8 * i) for i, text in enumerate(texts)), line, line, WORD)


def test_no_function_of_the_sheet_reader_is_40_lines_or_longer():
    paths = sorted(READER.glob("sheet*.py"))
    assert {path.name for path in paths} >= {"sheets.py", "sheetrows.py", "sheetparts.py"}
    long = [
        f"{path.name}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in paths
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno >= 40
    ]
    assert long == []


@pytest.mark.parametrize(
    ("texts", "kinds", "not_kinds"),
    [
        (("项目编码", "A001", "项目名称", "某某专项"), {RowKind.CODE, RowKind.NAME}, {RowKind.REMARK}),
        (("项目名称", "某某专项"), {RowKind.NAME, RowKind.FILLED}, {RowKind.CODE}),
        (("一级指标", "二级指标", "三级指标", "指标值"), {RowKind.INDICATOR_HEADER}, {RowKind.BUDGET}),
        (("二级指标", "指标内容", "指标值"), {RowKind.INDICATOR_HEADER}, set()),
        (("三级指标", "指标值"), set(), {RowKind.INDICATOR_HEADER}),  # neither 一级 nor 二级
        (("备注", "无"), {RowKind.REMARK, RowKind.DETAIL, RowKind.FILLED}, {RowKind.GOALS}),
        (("主管部门", "某某局"), {RowKind.DETAIL}, {RowKind.REMARK}),
        (("年度目标", "完成某某任务"), {RowKind.GOALS}, {RowKind.UNLABELLED}),
        (("年度主要任务", "任务名称", "金额"), {RowKind.TASKS_HEADER}, {RowKind.GOALS}),
        (("资金支出计划（%）", "3月底", "6月底"), {RowKind.SCHEDULE_HEADER}, set()),
        (("", "目标1：完成某某"), {RowKind.UNLABELLED, RowKind.FILLED}, {RowKind.GOALS}),
        (("430001 某某单位本级", "单位：万元"), {RowKind.HEADING}, {RowKind.UNLABELLED}),
        (("", ""), {RowKind.ROW, RowKind.HEADING}, {RowKind.FILLED, RowKind.UNLABELLED}),
    ],
)
def test_a_row_is_classified_by_its_label_cells(texts, kinds, not_kinds):
    found = row_kinds(_row(*texts))
    assert RowKind.ROW in found
    assert kinds <= found
    assert not (not_kinds & found)


def test_the_readers_state_follows_the_sheets_parts():
    """A sheet's rows move the reader through its states; a row no sheet is open for is not taken."""
    reader = SheetReader()
    assert reader.state is SheetState.NO_SHEET
    assert reader.row(_row("某某", "12.00", line=1)) is False  # no sheet open: a budget table's row
    assert reader.paragraph(Paragraph("某某专项绩效目标表", 2)) is True
    assert reader.state is SheetState.OPEN
    steps = [
        (("项目名称", "某某专项"), SheetState.NAME),
        (("主管部门", "某某局"), SheetState.OPEN),  # the row after the name ends the name's wait
        (("预算数", "100.00"), SheetState.PURPOSE),
        (("", "用于某某"), SheetState.OPEN),
        (("年度目标", "完成某某"), SheetState.GOALS),
        (("一级指标", "二级指标", "三级指标", "指标值"), SheetState.INDICATORS),
        (("产出指标", "数量指标", "完成数", "≥5个"), SheetState.INDICATORS),
    ]
    for line, (texts, state) in enumerate(steps, start=3):
        assert reader.row(_row(*texts, line=line)) is True
        assert reader.state is state, texts
    projects, blank = reader.build()
    (project,) = projects
    assert (project.name, project.goals, blank) == ("某某专项", "完成某某", [])
    assert project.budget is not None and project.budget.purpose == "用于某某"
    assert [(i.level3, i.raw) for i in project.indicators] == [("完成数", "≥5个")]
    assert project.details == (("主管部门", "某某局"),)


def test_a_row_of_several_kinds_goes_to_the_first_its_state_takes():
    """备注 is a detail label too: the remark's own entry, earlier in the table, takes it; under an
    indicator table a row of another kind (资金总额) is an indicator row."""
    blocks = [
        Paragraph("某某专项绩效目标表", 1),
        _row("项目名称", "某某专项", line=2),
        _row("备注", "说明", line=3),
        _row("一级指标", "二级指标", "三级指标", "指标值", line=4),
        _row("产出指标", "数量指标", "预算数", "≥5个", line=5),
    ]
    read = read_projects(blocks)
    (project,) = read.projects
    assert project.details == (("备注", "说明"),)
    assert [i.level3 for i in project.indicators] == ["预算数"]
    assert project.budget is None

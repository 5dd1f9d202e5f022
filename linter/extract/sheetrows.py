"""What a row of a project sheet is, and what a sheet being read expects next.

A row is known by its label cells, never by its position (merged cells shift positions from one
export to another): `row_kinds` says every kind a row's cells make it, and the sheet reader
(bplint.extract.sheets) takes a row by the first kind, in its table's order, that the sheet's state
lets it take.  A row may be of several kinds: a 备注 row is also a row with text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from bplint.extract import funds, projectlist
from bplint.extract.lexicon import LEXICON
from bplint.extract.sheettitle import row_title
from bplint.layout import Cell, Row
from bplint.model.document import Budget, Project, Schedule

CODE, NAME = LEXICON.sheet_labels["code"], LEXICON.sheet_labels["name"]
BUDGET, GOALS = LEXICON.sheet_labels["budget"], LEXICON.sheet_labels["goals"]


class RowKind(Enum):
    """The kinds of row a sheet prints, by what its label cells say."""

    LIST_HEADER = "list header"  # a list of projects without indicators: name | amount | goals
    CODE = "code"  # 项目编码 …: opens a sheet
    NAME = "name"  # 项目名称 …: opens a sheet under its title
    TITLE = "title"  # the sheet's title printed as the first row of its table (福州)
    HEADING = "heading"  # every cell a line above the sheet (`430001 某某单位本级`, `单位：万元`)
    INDICATOR_HEADER = "indicator header"  # 一级/二级指标 … 指标值
    LIST_UPPER = "list upper header"  # a list's header row above its indicator header
    REMARK = "remark"  # 备注
    BUDGET = "budget"  # 资金总额 …
    FUNDS = "funds"  # 财政拨款 / 其他资金 under the budget
    DETAIL = "detail"  # 主管部门, 实施单位 …
    SCHEDULE_HEADER = "schedule header"  # 资金支出计划（%）
    TASKS_HEADER = "tasks header"  # 年度主要任务
    GOALS = "goals"  # 年度目标, 绩效目标
    UNLABELLED = "unlabelled"  # text, its label cell blank (merged into the one above)
    FILLED = "filled"  # any text at all
    ROW = "row"  # every row


class SheetState(Enum):
    """What the reader expects next: no sheet is open, or a sheet is open and expects a part."""

    NO_SHEET = "no sheet"
    OPEN = "open"  # nothing in particular
    NAME = "name"  # the name's rest, cut by a page break
    PURPOSE = "purpose"  # 资金用途 under the budget row
    SCHEDULE = "schedule"  # the schedule's figures under its header
    INDICATORS = "indicators"  # indicator rows under their header
    GOALS = "goals"  # the goals' own rows under their merged label
    TASKS = "tasks"  # a whole sheet's task rows


def _first(labels: list[str]) -> str:
    return labels[0] if labels else ""


def indicator_header(labels: list[str]) -> bool:
    """An indicator table's header: a 指标值 column and a 一级 or 二级 指标 column."""
    named = {LEXICON.indicator_columns.get(text) for text in labels}
    return "value" in named and not named.isdisjoint({"level1", "level2"})


_SHAPES: dict[RowKind, Callable[[Row, list[str]], bool]] = {
    RowKind.LIST_HEADER: lambda row, labels: projectlist.plain_header(row) is not None,
    RowKind.CODE: lambda row, labels: not CODE.isdisjoint(labels),
    RowKind.NAME: lambda row, labels: not NAME.isdisjoint(labels),
    RowKind.TITLE: lambda row, labels: row_title(row) is not None,
    RowKind.HEADING: lambda row, labels: all(LEXICON.sheet_heading_cell.match(t) for t in labels if t),
    RowKind.INDICATOR_HEADER: lambda row, labels: indicator_header(labels),
    RowKind.LIST_UPPER: lambda row, labels: projectlist.is_header(labels),
    RowKind.REMARK: lambda row, labels: bool(labels) and funds.key(labels[0]) == "备注",
    RowKind.BUDGET: lambda row, labels: not BUDGET.isdisjoint(map(funds.key, labels)),
    RowKind.FUNDS: lambda row, labels: funds.is_fund_row(labels),
    RowKind.DETAIL: lambda row, labels: bool(labels) and funds.key(labels[0]) in LEXICON.detail_labels,
    RowKind.SCHEDULE_HEADER: lambda row, labels: (
        bool(labels) and bool(LEXICON.schedule_label.match(labels[0]))
    ),
    RowKind.TASKS_HEADER: lambda row, labels: bool(labels) and funds.key(labels[0]) in LEXICON.task_labels,
    RowKind.GOALS: lambda row, labels: bool(labels) and labels[0] in GOALS,
    RowKind.UNLABELLED: lambda row, labels: not _first(labels) and bool(row.filled),
    RowKind.FILLED: lambda row, labels: bool(row.filled),
    RowKind.ROW: lambda row, labels: True,
}


def labels_of(row: Row) -> list[str]:
    return list(row.labels)


def is_kind(kind: RowKind, row: Row, labels: list[str]) -> bool:
    """Whether the row is of this kind; asked only as the reader needs (a row no sheet can take
    is not classified further)."""
    return _SHAPES[kind](row, labels)


def shape(kind: RowKind) -> Callable[[Row, list[str]], bool]:
    """The test `is_kind` asks for this kind, for a reader that keeps it rather than look it up
    at every row (a kind's hash is Python code)."""
    return _SHAPES[kind]


def row_kinds(row: Row) -> frozenset[RowKind]:
    """Every kind the row is of."""
    labels = labels_of(row)
    return frozenset(kind for kind in RowKind if is_kind(kind, row, labels))


@dataclass
class Draft:
    """A sheet being read; frozen into a Project by the reader's `build`."""

    title: str
    line: int
    name: str = ""
    code: str | None = None
    budget: Budget | None = None
    schedule: Schedule | None = None
    goals: str = ""
    goals_line: int | None = None
    columns: dict[str, int] = field(default_factory=dict)
    spans: dict[str, range] = field(default_factory=dict)  # field -> the columns its header cell spans
    unknown: dict[int, str] = field(default_factory=dict)  # column index -> header bplint does not check
    known_extra: set[str] = field(default_factory=set)  # of those, ones it knows need no check (分值权重)
    reported: set[str] = field(default_factory=set)
    header_width: int = 0
    # Indicator rows by field (level1, value …), mapped with the header in force when read.
    rows: list[dict[str, Cell]] = field(default_factory=list)
    expect: SheetState = SheetState.OPEN
    schedule_header: Row | None = None
    short_row: Row | None = None
    after_page_break: bool = False
    end_line: int = 0
    details: list[tuple[str, str]] = field(default_factory=list)
    unit: str | None = None  # `单位：万元` above the sheet
    listing: projectlist.Listing | None = None  # a project per row (长沙)
    recent: list[Row] = field(default_factory=list)  # the rows above: a header's upper rows
    owner: str | None = None  # in a list, the unit a project belongs to
    selected: bool = False  # a list of some projects (重点项目), not of all

    @property
    def fresh(self) -> bool:
        """Nothing of a sheet read under it yet: a title alone."""
        return not (self.name or self.code or self.budget or self.rows or self.goals or self.end_line)

    @property
    def empty(self) -> bool:
        """A heading (`1.项目支出绩效目标表`) over the sheets, no sheet itself."""
        return not (self.name or self.code or self.budget or self.rows or self.end_line)


def goes_on(before: Draft, sheet: Draft) -> bool:
    """A sheet that goes on from the one before over a page break: its title printed again,
    then either its project row again (长沙's lists) or only indicator rows (a full sheet)."""
    if sheet.title != before.title or not sheet.rows or not before.rows:
        return False
    if sheet.listing is not None:
        return (sheet.name, sheet.code, sheet.owner) == (before.name, before.code, before.owner)
    return not (sheet.goals or (sheet.budget and sheet.budget.total is not None) or sheet.schedule)


def has_budget(project: Project) -> bool:
    return project.budget is not None and project.budget.total is not None

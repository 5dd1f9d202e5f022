"""Stage 3, model: the typed Document that rules read.

Everything here is frozen: rules look, never touch.  The readers that fill it are bplint.extract;
what a Document works out for itself (the tables rules check, its indicators, indexes by name) is
arithmetic over its own fields, never a reading of text.  Every element carries
the 1-based line of the input where it starts, so findings can point there.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from decimal import Decimal

from bplint.layout import Paragraph
from bplint.messages import Message
from bplint.model.breakdowns import Breakdown
from bplint.model.coverage import Coverage
from bplint.model.evaluation import Evaluation
from bplint.model.execution import Execution
from bplint.model.kind import DocumentKind
from bplint.model.sentences import Passage, Sentence
from bplint.values import Value


@dataclass(frozen=True)
class Meta:
    agency: str | None = None
    year: int | None = None
    unit: str | None = None
    kind: DocumentKind = DocumentKind.UNKNOWN  # 部门预算 … 单位决算 (bplint.model.kind)
    template: bool = False  # a blank template: placeholders in its text, no figure in its tables


@dataclass(frozen=True)
class Indicator:
    """One row of a 绩效指标 table."""

    level1: str
    level2: str
    level3: str
    description: str
    raw: str
    value: Value | None  # None when the raw text did not parse (reported as BP003)
    basis: str
    line: int  # where the 指标值 cell starts (in a Word export, the row's cells are lines apart)
    column: int = 1
    # Cells under headers bplint does not check (分值权重, 指标值类型 …), kept as (header, text).
    extra: tuple[tuple[str, str], ...] = ()
    end: tuple[int, int] = (0, 0)  # the 指标值 cell's last line and column: a finding's range


@dataclass(frozen=True)
class Budget:
    """预算数 and its sources, in the sheet's unit (usually 万元)."""

    total: Decimal | None
    fiscal: Decimal | None
    other: Decimal | None
    purpose: str
    line: int
    purpose_line: int | None = None
    unit: str | None = None  # the sheet's own unit (`资金金额（万元）`, `单位：万元`) where it prints one


@dataclass(frozen=True)
class SchedulePoint:
    """One cumulative figure of 资金支出计划（%）; percent is None for a blank cell."""

    label: str
    percent: Decimal | None
    raw: str
    line: int


@dataclass(frozen=True)
class Schedule:
    points: tuple[SchedulePoint, ...]
    line: int
    # Months the header printed no column for (000's sheet that stops at 10月底).
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Project:
    name: str
    code: str | None
    title: str
    line: int
    budget: Budget | None
    schedule: Schedule | None
    goals: str
    goals_line: int | None
    indicators: tuple[Indicator, ...]
    end_line: int = 0  # the last line of the sheet's table
    details: tuple[tuple[str, str], ...] = ()  # 主管部门, 实施单位 …: (label, text)
    # A sheet of a department's whole spending (部门整体支出绩效目标表), not one project's.
    whole: bool = False
    # False for a project of a list that prints no indicator columns (杭州's 项目支出绩效表).
    indicator_table: bool = True
    # One of the key projects a text lists (重点项目), not of a list of all: not summed to 项目支出.
    selected: bool = False

    @functools.cached_property
    def signature(self) -> str:
        """The indicator rows other than cost, as one text: equal texts mean copied rows.
        Computed once: a rule compares every project with every one before it."""
        rows = (i for i in self.indicators if "成本" not in i.level2 and "成本" not in i.level1)
        return "\n".join(f"{i.level2}|{i.level3}|{i.description}|{i.raw}" for i in rows)


@dataclass(frozen=True)
class TableCell:
    """One cell of a budget table: its text, its figure when it is one, where it stands."""

    text: str
    line: int
    column: int  # character column in the line (1-based)
    index: int = 0  # position in the row, after the header's columns
    header: str = ""  # the column's header path: `本年收入/财政拨款收入`
    label: str = ""  # the row's label to the left of the cell (科目名称, 项目)
    amount: Decimal | None = None


@dataclass(frozen=True)
class TableRow:
    line: int
    number: str  # 序号
    code: str  # 科目编码
    label: str  # 科目名称 / 项目
    cells: tuple[TableCell, ...]

    @property
    def figures(self) -> tuple[TableCell, ...]:
        return tuple(c for c in self.cells if c.amount is not None)

    def amount(self, header: str) -> Decimal | None:
        """The figure under the column whose header path ends with `header`."""
        cell = self.cell(header)
        return cell.amount if cell else None

    def cell(self, header: str) -> TableCell | None:
        return next((c for c in self.cells if c.header == header or c.header.endswith("/" + header)), None)


@dataclass(frozen=True)
class Table:
    """A budget table (收支总表 … 国有资产): title, unit, headers and rows, with lines."""

    kind: str  # 收支总表, 收入总表 …, the key rules and findings use
    title: str
    line: int
    end_line: int
    unit: str | None
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    meta: tuple[TableCell, ...] = ()  # agency, 预算年度, 单位, 截止时间 above the header
    headers: tuple[TableCell, ...] = ()  # the header cells as printed, 栏次 included
    note: str = ""  # `注：无…，空表列示。`
    note_line: int | None = None
    unread: bool = False  # too many rows fit no header: no rule does arithmetic on it (BP004 says so)

    @property
    def figures(self) -> tuple[TableCell, ...]:
        return tuple(c for row in self.rows for c in row.figures)


@dataclass(frozen=True)
class Listed:
    """A table (or project sheet, kind 绩效目标表) the document's own 目录 lists, and the line of
    the table or sheet read for it."""

    title: str
    kind: str
    line: int
    empty: bool = False  # the list marks it empty (`是否空表：是`, `空表`)
    table_line: int | None = None

    def read(self, table_line: int | None) -> Listed:
        return replace(self, table_line=table_line)


@dataclass(frozen=True)
class Problem:
    """Something the extractor could not understand: becomes BP002–BP007.  What it says is a key of
    the message catalogue and its parameters (bplint.messages), said in the run's language when the
    finding is made; None where the rule's own message says all (BP002)."""

    rule: str
    line: int
    column: int
    message: Message | None = None
    project: str | None = None
    table: str | None = None
    raw: str | None = None


@dataclass(frozen=True)
class Leftover:
    """Table rows no reader took, on one page or in one run: where, how many, the first of them."""

    line: int
    column: int
    page: int | None
    rows: int
    first: str
    figures: int  # cells holding a figure after the first column


@dataclass(frozen=True)
class Document:
    path: str
    meta: Meta
    projects: tuple[Project, ...] = ()
    narrative: tuple[Sentence, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()  # every line of running text, for the text rules
    tables: tuple[Table, ...] = ()
    contents: tuple[Listed, ...] = ()  # the tables its 目录 lists, matched with those read
    sheets_listed: tuple[Listed, ...] = ()  # the project sheets its 目录 lists, matched likewise
    problems: tuple[Problem, ...] = field(default=())
    leftovers: tuple[Leftover, ...] = ()  # table rows no reader took
    # A 决算's statements of spending against its budget (`年初预算为A万元，支出决算为B万元`).
    executions: tuple[Execution, ...] = ()
    # A 决算's self-evaluation sheets (项目支出/部门整体支出绩效自评表).
    evaluations: tuple[Evaluation, ...] = ()
    # The numbers printed on each page, and what was taken of them.
    coverage: Coverage = field(default_factory=Coverage)
    # The running text's paragraphs as printed (lines a PDF wrapped joined back), each with its
    # figures, and their text joined (`…与 2025 年持` + `平，…` read as one): the text rules read these.
    passages: tuple[Passage, ...] = ()
    text: str = ""

    def listing(self, table: Table) -> Listed | None:
        """What the document's 目录 says of this table, if it lists it."""
        return next((entry for entry in self.contents if entry.table_line == table.line), None)

    @functools.cached_property
    def checked_tables(self) -> tuple[Table, ...]:
        """The tables rules check: not those whose rows fit no header (Table.unread)."""
        return tuple(table for table in self.tables if not table.unread)

    @functools.cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(ind for project in self.projects for ind in project.indicators)

    def projects_signed(self, signature: str) -> tuple[Project, ...]:
        """The document's projects whose indicator rows read the same (Project.signature), in order."""
        return self._by_signature.get(signature, ())

    @functools.cached_property
    def _by_signature(self) -> dict[str, tuple[Project, ...]]:
        return _grouped(self.projects, lambda project: project.signature)

    def indicators_named(self, level3: str) -> tuple[Indicator, ...]:
        """The document's indicators with this 三级指标 name, in document order."""
        return self._by_level3.get(level3, ())

    @functools.cached_property
    def _by_level3(self) -> dict[str, tuple[Indicator, ...]]:
        return _grouped(self.indicators, lambda indicator: indicator.level3)


def _grouped(items, key) -> dict:
    """Items by `key`, each group in document order: the indexes that keep rules linear."""
    groups: dict = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return {name: tuple(group) for name, group in groups.items()}

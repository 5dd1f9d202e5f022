"""Project sheets (项目绩效目标表): code, name, budget, schedule, goals, indicators.

A sheet starts at its title (`3.全县节约型机关创建行动专项经费绩效目标表`) or at a
项目编码/项目名称 row, and ends where the next one starts.  Rows inside a sheet
are recognised by their label cells, never by position, because merged cells
shift positions from one export to another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from bplint.extract import funds, indicators, projectlist, schedule
from bplint.extract.lexicon import LEXICON
from bplint.extract.sheetparts import SheetParts
from bplint.extract.sheetrows import (
    Draft,
    RowKind,
    SheetState,
    has_budget,
    labels_of,
    shape,
)
from bplint.extract.sheettitle import row_title, sheet_title, wraps_into
from bplint.layout import Block, Paragraph, Row
from bplint.model.document import Problem, Project


class SheetReader(SheetParts):
    """Reads project sheets from the blocks handed to it in document order: each row taken by the
    first entry of `_TABLE` whose kind it is and whose state the reader is in."""

    def __init__(self) -> None:
        super().__init__()
        # The paragraph just before, for a title wrapped onto the next line.
        self.held: Paragraph | None = None

    def paragraph(self, block: Paragraph) -> bool:
        """Take a paragraph; True when it belonged to a sheet."""
        held, self.held = self.held, block
        name = sheet_title(block.text)
        if name is not None and wraps_into(held, block):
            name = sheet_title(held.text + block.text) or name  # a title wrapped over two lines
        if name is not None:
            self.finish()
            self.sheet = Draft(title=name, line=block.line)
            return True
        if self.sheet is None:
            return False
        self.sheet.unit = funds.unit_in([block.text]) or self.sheet.unit
        self._flush_short_row()
        if self.sheet.expect is SheetState.INDICATORS and self.sheet.rows:
            # Running text after the indicator table: the sheet is over.
            self.finish()
            return False
        return True

    def row(self, row: Row) -> bool:
        """Take a table row; True when it belonged to a sheet."""
        self.held = None
        taken = self._take(row)
        if taken and self.sheet is not None:
            self.sheet.end_line = row.end_line
            self.sheet.recent = [*self.sheet.recent[-2:], row]
        return taken

    @property
    def state(self) -> SheetState:
        return SheetState.NO_SHEET if self.sheet is None else self.sheet.expect

    def _take(self, row: Row) -> bool:
        """The first entry of the table whose state is the reader's and whose kind the row is takes
        it; a handler that finds the row is not its after all (None) passes it on."""
        labels = labels_of(row)
        state = self.state
        for test, states, handler in _ENTRIES:
            if (states is None or state in states) and test(row, labels):
                taken = handler(self, row, labels)
                if taken is not None:
                    return taken
                state = self.state  # a handler that passes the row on may have moved the sheet on
        return True

    def _open(self) -> Draft:
        if self.sheet is None:  # the table's entries after NO_SHEET's are read with a sheet open
            raise RuntimeError("no sheet is open")
        return self.sheet

    # -- the handlers: one a kind of row, each True (taken), False (not a sheet's) or None (pass on)

    def _on_list_header(self, row: Row, labels: list[str]) -> bool | None:
        listing = projectlist.plain_header(row)
        if listing is None:
            return None
        if self.sheet is None:
            # A list of key projects in the text (`七、重点项目预算绩效目标情况`): some of the
            # projects, not all, so not summed against 项目支出.
            self.sheet = Draft(title="", line=row.line, selected=True)
        if not self.sheet.rows:
            self._list_header(self.sheet, row, listing)
        return True  # or the list's header printed again on its next page

    def _on_code(self, row: Row, labels: list[str]) -> bool | None:
        """项目编码 opens a sheet anywhere."""
        sheet = self.sheet
        if sheet is None or sheet.name or sheet.rows:
            self.finish()
            sheet = self.sheet = Draft(title="", line=row.line)
        self._identify(sheet, row, labels)
        return True

    def _on_name(self, row: Row, labels: list[str]) -> bool | None:
        """项目名称 alone opens a sheet only under a sheet title, since budget tables (政府采购) have
        a 项目名称 column too."""
        if self.sheet is None or self.sheet.name or self.sheet.rows:
            return None
        self._identify(self.sheet, row, labels)
        return True

    def _on_title(self, row: Row, labels: list[str]) -> bool | None:
        """福州 prints the sheet's title as the first row of its table."""
        title = row_title(row)
        if title is None:
            return None
        self.finish()
        self.sheet = Draft(title=title, line=row.line)
        return True

    def _on_no_sheet(self, row: Row, labels: list[str]) -> bool | None:
        return False

    def _on_name_rest(self, row: Row, labels: list[str]) -> bool | None:
        """The row after the name: the name's rest where a page break cut it, else read as any row."""
        sheet = self._open()
        sheet.expect = SheetState.OPEN
        if not labels[0] and len(row.filled) == 1 and sheet.name:
            sheet.name += row.filled[0].clean
            return True
        return None

    def _on_heading(self, row: Row, labels: list[str]) -> bool | None:
        """`430001 某某单位本级` and `单位：万元` above the sheet."""
        sheet = self._open()
        sheet.unit = funds.unit_in(labels) or sheet.unit
        return True

    def _on_indicator_header(self, row: Row, labels: list[str]) -> bool | None:
        self._indicator_header(self._open(), row, labels)
        return True

    def _on_list_upper(self, row: Row, labels: list[str]) -> bool | None:
        """The upper row of a list's header (单位编码 | 单位名称 | 年度预算申请 …), before any row."""
        return None if self._open().rows else True

    def _on_remark(self, row: Row, labels: list[str]) -> bool | None:
        self._open().details += [("备注", "\n".join(c.clean for c in row.cells[1:] if c.value))]
        return True

    def _on_indicator(self, row: Row, labels: list[str]) -> bool | None:
        self._indicator_row(self._open(), row)
        return True

    def _on_budget(self, row: Row, labels: list[str]) -> bool | None:
        sheet = self._open()
        sheet.budget, problems = funds.budget_row(row, labels, self._name())
        self.problems += problems
        sheet.expect = SheetState.PURPOSE
        return True

    def _on_funds(self, row: Row, labels: list[str]) -> bool | None:
        sheet = self._open()
        sheet.budget = funds.funds(sheet.budget, row)
        return True

    def _on_detail(self, row: Row, labels: list[str]) -> bool | None:
        self._open().details += funds.details(row)
        return True

    def _on_schedule_header(self, row: Row, labels: list[str]) -> bool | None:
        sheet = self._open()
        sheet.schedule_header, sheet.expect = row, SheetState.SCHEDULE
        return True

    def _on_schedule(self, row: Row, labels: list[str]) -> bool | None:
        sheet = self._open()
        if sheet.schedule_header is None:
            return None
        sheet.schedule, problems = schedule.read(sheet.schedule_header, row, self._name())
        self.problems += problems
        sheet.expect = SheetState.OPEN
        return True

    def _on_tasks_header(self, row: Row, labels: list[str]) -> bool | None:
        sheet = self._open()
        sheet.expect = SheetState.TASKS
        sheet.details.append((funds.key(labels[0]), " | ".join(c.clean for c in row.filled[1:])))
        return True

    def _on_goals(self, row: Row, labels: list[str]) -> bool | None:
        sheet = self._open()
        sheet.goals = "\n".join(cell.clean for cell in row.cells[1:] if cell.value)
        sheet.goals_line = row.line
        sheet.expect = SheetState.GOALS
        return True

    def _on_goals_more(self, row: Row, labels: list[str]) -> bool | None:
        """The goals' own rows under their merged label (实施期总目标 | 年度目标, then 目标1：…)."""
        sheet = self._open()
        sheet.goals = "\n".join([sheet.goals, *(cell.clean for cell in row.filled)]).strip()
        return True

    def _on_task(self, row: Row, labels: list[str]) -> bool | None:
        """`保运转 | 保障人员薪酬等基本支出 | 1932.81 | 1932.81`, up to `金额合计`."""
        self._open().details.append(("任务", " | ".join(c.clean for c in row.filled)))
        return True

    def _on_purpose(self, row: Row, labels: list[str]) -> bool | None:
        """The 资金用途 text under the budget row (expected once it is read); its label cell is
        merged into the one above."""
        sheet = self._open()
        if sheet.budget is None or (labels[0] and len(row.cells) != 1):
            return None
        self._purpose(sheet, sheet.budget, row)
        return True

    def _on_resumed(self, row: Row, labels: list[str]) -> bool | None:
        """Its title printed again over the next page, and no header."""
        resumed = self._resumed(self._open())
        if resumed is None:
            return None
        self._indicator_row(resumed, row)
        return True

    def _on_unread(self, row: Row, labels: list[str]) -> bool | None:
        """Its numbers, if any, are said once for its grid (leftover.unread_numbers)."""
        self.unread_rows.add(row.line)
        return True

    def _on_empty(self, row: Row, labels: list[str]) -> bool | None:
        return True

    def build(self) -> tuple[list[Project], list[tuple[str, int]]]:
        """The sheets read, as projects, and the titles of those printed blank (a template is no
        project, but it was there to read)."""
        self.finish()
        projects, blank = [], []
        for sheet in self.sheets:
            project = self._project(sheet)
            if sheet.name or project.indicators or has_budget(project) or project.schedule:
                projects.append(project)
            else:
                blank.append((sheet.title, sheet.line))
        return projects, blank

    def _project(self, sheet: Draft) -> Project:
        name = sheet.name or sheet.title
        return Project(
            name=name,
            code=sheet.code,
            title=sheet.title,
            line=sheet.line,
            end_line=max(sheet.end_line, sheet.line),
            budget=replace(sheet.budget, unit=sheet.budget.unit or sheet.unit) if sheet.budget else None,
            schedule=sheet.schedule,
            goals=sheet.goals,
            goals_line=sheet.goals_line,
            indicators=tuple(indicators.read(sheet.rows, name, self.problems)),
            details=tuple(sheet.details) + ((("单位名称", sheet.owner),) if sheet.owner else ()),
            whole=bool(LEXICON.whole_sheet.search(sheet.title)),
            indicator_table=bool(sheet.columns),
            selected=sheet.selected,
        )


_ANY = None  # an entry read in every state (the first ones open a sheet; after NO_SHEET's one is open)
_S = SheetState
_K = RowKind
_Handler = Callable[[SheetReader, Row, list[str]], "bool | None"]
# The table, in the order a row is tried: a kind, the states it is read in, its handler.
_TABLE: tuple[tuple[RowKind, frozenset[SheetState] | None, _Handler], ...] = (
    (_K.LIST_HEADER, _ANY, SheetReader._on_list_header),
    (_K.CODE, _ANY, SheetReader._on_code),
    (_K.NAME, _ANY, SheetReader._on_name),
    (_K.TITLE, _ANY, SheetReader._on_title),
    (_K.ROW, frozenset({_S.NO_SHEET}), SheetReader._on_no_sheet),
    (_K.ROW, frozenset({_S.NAME}), SheetReader._on_name_rest),
    (_K.HEADING, frozenset({_S.OPEN}), SheetReader._on_heading),
    (_K.INDICATOR_HEADER, _ANY, SheetReader._on_indicator_header),
    (_K.LIST_UPPER, frozenset({_S.OPEN}), SheetReader._on_list_upper),
    (_K.REMARK, _ANY, SheetReader._on_remark),
    (_K.ROW, frozenset({_S.INDICATORS}), SheetReader._on_indicator),
    (_K.BUDGET, _ANY, SheetReader._on_budget),
    (_K.FUNDS, _ANY, SheetReader._on_funds),
    (_K.DETAIL, _ANY, SheetReader._on_detail),
    (_K.SCHEDULE_HEADER, _ANY, SheetReader._on_schedule_header),
    (_K.ROW, frozenset({_S.SCHEDULE}), SheetReader._on_schedule),
    (_K.TASKS_HEADER, _ANY, SheetReader._on_tasks_header),
    (_K.GOALS, _ANY, SheetReader._on_goals),
    (_K.UNLABELLED, frozenset({_S.GOALS}), SheetReader._on_goals_more),
    (_K.FILLED, frozenset({_S.TASKS}), SheetReader._on_task),
    (_K.ROW, frozenset({_S.PURPOSE}), SheetReader._on_purpose),
    (_K.FILLED, frozenset({_S.OPEN}), SheetReader._on_resumed),
    (_K.FILLED, _ANY, SheetReader._on_unread),
    (_K.ROW, _ANY, SheetReader._on_empty),
)


# The table as `_take` walks it at every row: each kind's test and each entry's states looked up
# once here (a kind's and a state's hash is Python code; a tuple is searched by identity first).
_ENTRIES = tuple(
    (shape(kind), None if states is None else tuple(states), handler) for kind, states, handler in _TABLE
)


class SheetsRead(NamedTuple):
    projects: list[Project]
    problems: list[Problem]
    rows_left: list[Row]  # the rows no sheet took
    blank: list[tuple[str, int]]  # title and line of each sheet printed blank
    unread_rows: frozenset[int] = frozenset()  # rows a sheet took but could not place
    unread_cells: frozenset[tuple[int, int]] = frozenset()


def read_projects(blocks: list[Block]) -> SheetsRead:
    """The projects, the problems reading them, the rows no sheet took, the blank sheets."""
    reader = SheetReader()
    left: list[Row] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            reader.paragraph(block)
        elif not reader.row(block):
            left.append(block)
    projects, blank = reader.build()
    return SheetsRead(projects, reader.problems, left, blank, frozenset(reader.unread_rows),
                      frozenset(reader.unread_cells))  # fmt: skip

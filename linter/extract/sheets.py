"""Project sheets (项目绩效目标表): code, name, budget, schedule, goals, indicators.

A sheet starts at its title (`3.全县节约型机关创建行动专项经费绩效目标表`) or at a
项目编码/项目名称 row, and ends where the next one starts.  Rows inside a sheet
are recognised by their label cells, never by position, because merged cells
shift positions from one export to another.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import NamedTuple

from bplint.extract import funds, indicators, projectlist, schedule
from bplint.extract.lexicon import LEXICON
from bplint.extract.sheettitle import row_title, sheet_title, wraps_into
from bplint.extract.text import clean, label
from bplint.layout import PDF, Block, Cell, Paragraph, Row
from bplint.model.document import Budget, Problem, Project, Schedule

_CODE, _NAME = LEXICON.sheet_labels["code"], LEXICON.sheet_labels["name"]
_BUDGET, _GOALS = LEXICON.sheet_labels["budget"], LEXICON.sheet_labels["goals"]


@dataclass
class _Sheet:
    """A sheet being read; frozen into a Project by `finish`."""

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
    expect: str | None = None  # "purpose", "schedule" or "indicators"
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


class SheetReader:
    """Reads project sheets from the blocks handed to it in document order."""

    def __init__(self) -> None:
        self.sheets: list[_Sheet] = []
        self.problems: list[Problem] = []
        self.sheet: _Sheet | None = None
        # What a sheet took but could not place: rows and cells whose numbers no rule reads.
        self.unread_rows: set[int] = set()
        self.unread_cells: set[tuple[int, int]] = set()
        self.held: Paragraph | None = (
            None  # the paragraph just before, for a title wrapped onto the next line
        )

    def paragraph(self, block: Paragraph) -> bool:
        """Take a paragraph; True when it belonged to a sheet."""
        held, self.held = self.held, block
        name = sheet_title(block.text)
        if name is not None and wraps_into(held, block):
            name = sheet_title(held.text + block.text) or name  # a title wrapped over two lines
        if name is not None:
            self.finish()
            self.sheet = _Sheet(title=name, line=block.line)
            return True
        if self.sheet is None:
            return False
        self.sheet.unit = funds.unit_in([block.text]) or self.sheet.unit
        self._flush_short_row()
        if self.sheet.expect == "indicators" and self.sheet.rows:
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

    def _take(self, row: Row) -> bool:
        labels = [label(cell.text) for cell in row.cells]
        if (listing := projectlist.plain_header(row)) is not None:
            if self.sheet is None:
                # A list of key projects in the text (`七、重点项目预算绩效目标情况`): some of the
                # projects, not all, so not summed against 项目支出.
                self.sheet = _Sheet(title="", line=row.line, selected=True)
            if not self.sheet.rows:
                self._list_header(self.sheet, row, listing)
            return True  # or the list's header printed again on its next page
        # 项目编码 opens a sheet anywhere; 项目名称 alone only under a sheet title,
        # since budget tables (政府采购) have a 项目名称 column too.
        opens = not _CODE.isdisjoint(labels) or (
            not _NAME.isdisjoint(labels)
            and self.sheet is not None
            and not self.sheet.name
            and not self.sheet.rows
        )
        if opens:
            sheet = self.sheet
            if sheet is None or sheet.name or sheet.rows:
                self.finish()
                sheet = self.sheet = _Sheet(title="", line=row.line)
            self._identify(sheet, row, labels)
            return True
        title = row_title(row)
        if title is not None:
            # Fuzhou prints the sheet's title as the first row of its table.
            self.finish()
            self.sheet = _Sheet(title=title, line=row.line)
            return True
        sheet = self.sheet
        if sheet is None:
            return False
        if sheet.expect == "name":
            sheet.expect = None
            if not labels[0] and len(row.filled) == 1 and sheet.name:
                sheet.name += clean(row.filled[0].text)  # the name cut by a page break
                return True
        if sheet.expect is None and all(LEXICON.sheet_heading_cell.match(text) for text in labels if text):
            sheet.unit = funds.unit_in(labels) or sheet.unit
            return True  # `430001 某某单位本级` and `单位：万元` above the sheet
        if _indicator_header(labels):
            self._indicator_header(sheet, row, labels)
        elif sheet.expect is None and not sheet.rows and projectlist.is_header(labels):
            pass  # the upper row of a list's header (单位编码 | 单位名称 | 年度预算申请 …)
        elif labels and funds.key(labels[0]) == "备注":
            sheet.details += [("备注", "\n".join(clean(c.text) for c in row.cells[1:] if c.value))]
        elif sheet.expect == "indicators":
            self._indicator_row(sheet, row)
        elif not _BUDGET.isdisjoint(map(funds.key, labels)):
            sheet.budget, problems = funds.budget_row(row, labels, self._name())
            self.problems += problems
            sheet.expect = "purpose"
        elif funds.is_fund_row(labels):
            sheet.budget = funds.funds(sheet.budget, row)
        elif labels and funds.key(labels[0]) in LEXICON.detail_labels:
            sheet.details += funds.details(row)
        elif labels and LEXICON.schedule_label.match(labels[0]):
            sheet.schedule_header, sheet.expect = row, "schedule"
        elif sheet.expect == "schedule" and sheet.schedule_header is not None:  # set together
            sheet.schedule, problems = schedule.read(sheet.schedule_header, row, self._name())
            self.problems += problems
            sheet.expect = None
        elif labels and funds.key(labels[0]) in LEXICON.task_labels:
            sheet.expect = "tasks"
            sheet.details.append((funds.key(labels[0]), " | ".join(clean(c.text) for c in row.filled[1:])))
        elif labels and labels[0] in _GOALS:
            sheet.goals = "\n".join(clean(cell.text) for cell in row.cells[1:] if cell.value)
            sheet.goals_line = row.line
            sheet.expect = "goals"
        elif sheet.expect == "goals" and not labels[0] and row.filled:
            # The goals' own rows under their merged label (实施期总目标 | 年度目标, then 目标1：…).
            sheet.goals = "\n".join([sheet.goals, *(clean(cell.text) for cell in row.filled)]).strip()
        elif sheet.expect == "tasks" and row.filled:
            # `保运转 | 保障人员薪酬等基本支出 | 1932.81 | 1932.81`, up to `金额合计`.
            sheet.details.append(("任务", " | ".join(clean(c.text) for c in row.filled)))
        elif (
            sheet.expect == "purpose" and sheet.budget is not None and (not labels[0] or len(row.cells) == 1)
        ):
            # The 资金用途 text under the budget row (expected once it is read); its label cell is
            # merged into the one above.
            self._purpose(sheet, sheet.budget, row)
        elif row.filled and sheet.expect is None and (resumed := self._resumed(sheet)):
            # Its title printed again over the next page, and no header.
            self._indicator_row(resumed, row)
        elif row.filled:
            # Its numbers, if any, are said once for its grid (leftover.unread_numbers).
            self.unread_rows.add(row.line)
        return True

    def _resumed(self, sheet: _Sheet) -> _Sheet | None:
        """A title alone, then rows with no header of their own: the sheet before, under the same
        title, goes on (its title was printed on every page).  Becomes the sheet read."""
        before = self.sheets[-1] if self.sheets else None
        fresh = not (sheet.name or sheet.code or sheet.budget or sheet.rows or sheet.goals or sheet.end_line)
        if before is None or not fresh or before.title != sheet.title or before.expect != "indicators":
            return None
        self.sheet = self.sheets.pop()
        return self.sheet

    def finish(self) -> None:
        if self.sheet is None:
            return
        self._flush_short_row()
        sheet, self.sheet = self.sheet, None
        if not (sheet.name or sheet.code or sheet.budget or sheet.rows or sheet.end_line):
            return  # a heading (`1.项目支出绩效目标表`) over the sheets, no sheet itself
        if self.sheets and _goes_on(self.sheets[-1], sheet):
            self.sheets[-1].rows += sheet.rows
            self.sheets[-1].end_line = sheet.end_line
        else:
            self.sheets.append(sheet)

    def build(self) -> tuple[list[Project], list[tuple[str, int]]]:
        """The sheets read, as projects, and the titles of those printed blank (a template is no
        project, but it was there to read)."""
        self.finish()
        projects, blank = [], []
        for sheet in self.sheets:
            project = self._project(sheet)
            if sheet.name or project.indicators or _has_budget(project) or project.schedule:
                projects.append(project)
            else:
                blank.append((sheet.title, sheet.line))
        return projects, blank

    def _project(self, sheet: _Sheet) -> Project:
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

    # -- the parts of a sheet ------------------------------------------------

    def _identify(self, sheet: _Sheet, row: Row, labels: list[str]) -> None:
        code = next((funds.text_after(row, labels, key) for key in _CODE if key in labels), "")
        name = next((funds.text_after(row, labels, key) for key in _NAME if key in labels), "")
        if code:
            sheet.code = label(code)
        if name:
            sheet.name = clean(name)
            sheet.expect = "name"

    @staticmethod
    def _purpose(sheet: _Sheet, budget: Budget, row: Row) -> None:
        text = "\n".join(clean(cell.text) for cell in row.filled)
        line = row.filled[0].line if row.filled else row.line
        sheet.budget = Budget(budget.total, budget.fiscal, budget.other, text, budget.line, line)
        sheet.expect = None

    def _indicator_header(self, sheet: _Sheet, row: Row, labels: list[str]) -> None:
        self._flush_short_row()
        fields = LEXICON.indicator_columns
        columns = {fields[text]: i for i, text in enumerate(labels) if text in fields}
        if "level1" not in columns and columns.get("level2", 0) > 0 and not labels[columns["level2"] - 1]:
            # 西安's 部门整体支出 sheet heads 二级指标 | 指标内容 | 指标值 and leaves the 一级 column's
            # header blank: the blank column right before 二级指标 holds the 一级 (产出指标 …).
            columns["level1"] = columns["level2"] - 1
        first = columns.get("level1", 0)
        sheet.listing = projectlist.header(row, sheet.recent, first) if first else None
        if sheet.listing is not None:
            sheet.budget = None  # what read as a 资金总额 row was the list's header
        start = first if sheet.listing else 0
        sheet.unknown = {
            i: text for i, text in enumerate(labels) if i >= start and text and text not in fields
        }
        sheet.known_extra = {name for name in sheet.unknown.values() if LEXICON.indicator_extra.match(name)}
        # The same header again after rows: a page break repeated it.
        sheet.after_page_break = bool(sheet.rows)
        sheet.columns, sheet.header_width, sheet.expect = columns, len(row.cells), "indicators"
        sheet.spans = indicators.spans(columns, labels)

    @staticmethod
    def _list_header(sheet: _Sheet, row: Row, listing: projectlist.Listing) -> None:
        """A list of projects with no indicator columns: every row a project, its goals its text."""
        sheet.listing, sheet.columns, sheet.unknown = listing, {}, {}
        sheet.header_width, sheet.expect = len(row.cells), "indicators"

    def _unknown_column(self, cell: Cell, name: str) -> None:
        zh = f"“{name}”列不是 bplint 认识的指标列：其内容已读取但不检查"
        en = f"column {name!r} is not an indicator column bplint knows: read, not checked"
        self._problem(cell, "BP004", zh, en)

    def _indicator_row(self, sheet: _Sheet, row: Row) -> None:
        if row.layout != PDF and len(row.cells) < sheet.header_width:
            if sheet.short_row is None:
                sheet.short_row = row
                return
            first, sheet.short_row = sheet.short_row, None
            if len(first.cells) + len(row.cells) == sheet.header_width:
                # A Word cell with an empty paragraph split the row at a blank line.
                row = Row(first.cells + row.cells, first.line, row.end_line, row.layout)
            else:
                self._misaligned(first, sheet.header_width)
        self._flush_short_row()
        cells = list(row.cells)
        width = sheet.header_width
        for extra in cells[width:]:
            if extra.value:
                self.unread_cells.add((extra.line, extra.column))
        cells = cells[:width] + [Cell("", row.line, 1)] * (width - len(cells))
        blank = Cell("", row.line, 1)
        mapped = indicators.spanned(cells, sheet.columns, sheet.spans) | {"row": blank}
        if sheet.listing is not None:
            to = self._list_row(sheet, sheet.listing, row, cells, mapped)
            if to is None:
                return
            sheet = to
        mapped |= {f"extra:{name}": cells[i] for i, name in sheet.unknown.items() if cells[i].value}
        for i, name in sheet.unknown.items():
            if cells[i].value and name not in sheet.reported and name not in sheet.known_extra:
                sheet.reported.add(name)
                self._unknown_column(cells[i], name)
        if row.layout == PDF and sheet.rows and indicators.continues(sheet.rows[-1], mapped):
            previous = sheet.rows[-1]
            keys = list(previous) + [key for key in mapped if key not in previous]
            sheet.rows[-1] = {
                key: indicators.join(previous.get(key, blank), mapped.get(key, blank)) for key in keys
            }
        else:
            sheet.rows.append(mapped)
        sheet.after_page_break = False

    def _list_row(
        self,
        sheet: _Sheet,
        listing: projectlist.Listing,
        row: Row,
        cells: list[Cell],
        mapped: dict[str, Cell],
    ) -> _Sheet | None:
        """The project cells of a list's row: a new project, the same one again (after a page
        break), or a 合计 / unit row over the projects (None: no indicator row).  The sheet the
        row's indicators go to."""
        printed = listing.project(cells)
        if not printed.get("name"):
            return sheet  # the project's next indicator row
        if not (printed.get("goals") or any(c.value for c in mapped.values())):
            return None  # 合计, or a unit's row: its figures are the projects'
        if (printed["name"], printed.get("code") or None, printed.get("unit")) == (
            sheet.name,
            sheet.code,
            sheet.owner,
        ):
            return sheet
        new = sheet
        if sheet.name:
            self.finish()
            new = self.sheet = _Sheet(
                title=sheet.title, line=row.line, unit=sheet.unit, listing=listing, expect="indicators",
                columns=sheet.columns, unknown=sheet.unknown, known_extra=sheet.known_extra,
                reported=sheet.reported, header_width=sheet.header_width, selected=sheet.selected,
            )  # fmt: skip
        new.name, new.code, new.owner = printed["name"], printed.get("code") or None, printed.get("unit")
        new.goals, new.goals_line = printed.get("goals", ""), row.line
        total = listing.budget(cells)
        new.budget = Budget(total, None, None, "", row.line) if total is not None else None
        new.details += listing.detail_pairs(cells)
        return new

    def _flush_short_row(self) -> None:
        if self.sheet is not None and self.sheet.short_row is not None:
            row, self.sheet.short_row = self.sheet.short_row, None
            self._misaligned(row, self.sheet.header_width)

    def _misaligned(self, row: Row, width: int) -> None:
        self.unread_rows.add(row.line)
        cell = row.filled[0] if row.filled else row.cells[0]
        self._problem(
            cell,
            "BP004",
            f"指标行只有 {len(row.cells)} 个单元格，表头有 {width} 列，无法对齐",
            f"indicator row has {len(row.cells)} cells, the header {width}",
        )

    def _name(self) -> str | None:
        return (self.sheet.name or self.sheet.title) if self.sheet else None

    def _problem(self, cell: Cell, rule: str, zh: str, en: str) -> None:
        self.problems.append(
            Problem(rule, cell.line, cell.column, zh, en, project=self._name(), raw=cell.value)
        )


def _indicator_header(labels: list[str]) -> bool:
    """An indicator table's header: a 指标值 column and a 一级 or 二级 指标 column."""
    named = {LEXICON.indicator_columns.get(text) for text in labels}
    return "value" in named and not named.isdisjoint({"level1", "level2"})


def _goes_on(before: _Sheet, sheet: _Sheet) -> bool:
    """A sheet that goes on from the one before over a page break: its title printed again,
    then either its project row again (长沙's lists) or only indicator rows (a full sheet)."""
    if sheet.title != before.title or not sheet.rows or not before.rows:
        return False
    if sheet.listing is not None:
        return (sheet.name, sheet.code, sheet.owner) == (before.name, before.code, before.owner)
    return not (sheet.goals or (sheet.budget and sheet.budget.total is not None) or sheet.schedule)


def _has_budget(project: Project) -> bool:
    return project.budget is not None and project.budget.total is not None


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

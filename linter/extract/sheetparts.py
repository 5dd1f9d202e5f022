"""The parts of a project sheet being read: its identity, its budget's purpose, its indicator
table (header, rows, rows a page break or a Word export split) and a list's projects, and the
sheets finished one after another.  The rows are dispatched to these by bplint.extract.sheets."""

from __future__ import annotations

from bplint.extract import funds, indicators, projectlist
from bplint.extract.lexicon import LEXICON
from bplint.extract.sheetrows import CODE, NAME, Draft, SheetState, goes_on
from bplint.extract.text import clean, label
from bplint.layout import PDF, Cell, Row
from bplint.messages import Message
from bplint.model.document import Budget, Problem


class SheetParts:
    """What the sheet reader knows, and how it reads each part of a sheet."""

    def __init__(self) -> None:
        self.sheets: list[Draft] = []
        self.problems: list[Problem] = []
        self.sheet: Draft | None = None
        # What a sheet took but could not place: rows and cells whose numbers no rule reads.
        self.unread_rows: set[int] = set()
        self.unread_cells: set[tuple[int, int]] = set()

    def _resumed(self, sheet: Draft) -> Draft | None:
        """A title alone, then rows with no header of their own: the sheet before, under the same
        title, goes on (its title was printed on every page).  Becomes the sheet read."""
        before = self.sheets[-1] if self.sheets else None
        if (
            before is None
            or not sheet.fresh
            or before.title != sheet.title
            or before.expect is not SheetState.INDICATORS
        ):
            return None
        self.sheet = self.sheets.pop()
        return self.sheet

    def finish(self) -> None:
        if self.sheet is None:
            return
        self._flush_short_row()
        sheet, self.sheet = self.sheet, None
        if sheet.empty:
            return
        if self.sheets and goes_on(self.sheets[-1], sheet):
            self.sheets[-1].rows += sheet.rows
            self.sheets[-1].end_line = sheet.end_line
        else:
            self.sheets.append(sheet)

    def _identify(self, sheet: Draft, row: Row, labels: list[str]) -> None:
        code = next((funds.text_after(row, labels, key) for key in CODE if key in labels), "")
        name = next((funds.text_after(row, labels, key) for key in NAME if key in labels), "")
        if code:
            sheet.code = label(code)
        if name:
            sheet.name = clean(name)
            sheet.expect = SheetState.NAME

    @staticmethod
    def _purpose(sheet: Draft, budget: Budget, row: Row) -> None:
        text = "\n".join(cell.clean for cell in row.filled)
        line = row.filled[0].line if row.filled else row.line
        sheet.budget = Budget(budget.total, budget.fiscal, budget.other, text, budget.line, line)
        sheet.expect = SheetState.OPEN

    def _indicator_header(self, sheet: Draft, row: Row, labels: list[str]) -> None:
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
        sheet.columns, sheet.header_width, sheet.expect = columns, len(row.cells), SheetState.INDICATORS
        sheet.spans = indicators.spans(columns, labels)

    @staticmethod
    def _list_header(sheet: Draft, row: Row, listing: projectlist.Listing) -> None:
        """A list of projects with no indicator columns: every row a project, its goals its text."""
        sheet.listing, sheet.columns, sheet.unknown = listing, {}, {}
        sheet.header_width, sheet.expect = len(row.cells), SheetState.INDICATORS

    def _unknown_column(self, cell: Cell, name: str) -> None:
        self._problem(cell, "BP004", Message.of("BP004.unknown_column", name=name))

    def _indicator_row(self, sheet: Draft, row: Row) -> None:
        whole = self._whole_row(sheet, row)
        if whole is None:
            return
        row = whole
        self._flush_short_row()
        cells = self._cells(sheet, row)
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
        self._keep(sheet, row, mapped, blank)

    def _whole_row(self, sheet: Draft, row: Row) -> Row | None:
        """The row whole: a Word row a cell's empty paragraph split at a blank line is joined back;
        None while its first part waits for the rest."""
        if row.layout == PDF or len(row.cells) >= sheet.header_width:
            return row
        if sheet.short_row is None:
            sheet.short_row = row
            return None
        first, sheet.short_row = sheet.short_row, None
        if len(first.cells) + len(row.cells) == sheet.header_width:
            return Row(first.cells + row.cells, first.line, row.end_line, row.layout)
        self._misaligned(first, sheet.header_width)
        return row

    def _cells(self, sheet: Draft, row: Row) -> list[Cell]:
        """The row's cells to the header's width: those past it kept as unread, blanks added."""
        cells = list(row.cells)
        width = sheet.header_width
        for extra in cells[width:]:
            if extra.value:
                self.unread_cells.add((extra.line, extra.column))
        return cells[:width] + [Cell("", row.line, 1)] * (width - len(cells))

    @staticmethod
    def _keep(sheet: Draft, row: Row, mapped: dict[str, Cell], blank: Cell) -> None:
        """A row of the indicators, or in a PDF the rest of the one before, cut by a page break."""
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
        sheet: Draft,
        listing: projectlist.Listing,
        row: Row,
        cells: list[Cell],
        mapped: dict[str, Cell],
    ) -> Draft | None:
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
            new = self.sheet = Draft(
                title=sheet.title, line=row.line, unit=sheet.unit, listing=listing,
                expect=SheetState.INDICATORS,
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
        said = Message.of("BP004.short_indicator_row", cells=len(row.cells), width=width)
        self._problem(cell, "BP004", said)

    def _name(self) -> str | None:
        return (self.sheet.name or self.sheet.title) if self.sheet else None

    def _problem(self, cell: Cell, rule: str, said: Message) -> None:
        problem = Problem(rule, cell.line, cell.column, said, project=self._name(), raw=cell.value)
        self.problems.append(problem)

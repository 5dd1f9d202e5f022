"""A finding's Location (bplint.location) from its line: the page its reader saw the line on, and
what the model knows of the line (the table it is in, as the document numbers and titles it; the
row and the column; the project's sheet; the heading over a paragraph).  Built once per document."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bplint import regexes
from bplint.extract.lexicon import LEXICON
from bplint.extract.text import ENUMERATOR, clean, label
from bplint.language import Lang
from bplint.location import Location, Place, Style, render
from bplint.model.document import Document, Table, TableCell, TableRow

# A heading over running text: `一、收支预算总体情况`, `（二）一般公共预算…`, `第二部分 …`, `1.…`.
_HEADING = regexes.compile(rf"^\s*(?:{ENUMERATOR})\s*\S")
_HEADING_END = regexes.compile(r"[。：:；;]")
_CLAUSE = regexes.compile(r"[，,]")  # a heading has none: `1.按照…分类，本部门…` is a sentence
_HEADING_LENGTH = 30  # longer than this, an enumerated line is an item of the text, not a heading
_NUMBER_BELOW = 3  # lines between a title and its grid where its number may stand (`公开01表`)
_LABEL_LENGTH = 24  # a row's label as said: the first characters of its first cell
_TABLE_PREFIX = regexes.compile(
    rf"^\s*(?P<number>{LEXICON.table_number.pattern.strip('^$')})\s*[:：、.．]?\s*"
)


class Locator:
    """Locations for the lines of one read document."""

    def __init__(self, path: str, lines: Sequence[str], places: Sequence[Place], document: Document) -> None:
        self.path, self.lines, self.places = path, lines, places
        self.tables = sorted(document.tables, key=lambda t: t.line)
        self.starts = [t.line for t in self.tables]
        self.first: dict[int, int] = {}  # a start line's first table: its place in `tables`
        for n, table in enumerate(self.tables):
            self.first.setdefault(table.line, n)
        # Project sheets and a 决算's self-evaluation sheets: (first line, last line, name).
        sheets = [(p.line, max(p.end_line, p.line), p.name) for p in document.projects]
        sheets += [(e.line, max(e.end_line, e.line), e.name) for e in document.evaluations]
        self.projects = sorted(sheets)
        self.project_starts = [start for start, _, _ in self.projects]
        self.cells: dict[int, list[tuple[TableCell, TableRow]]] = {}
        self.rows: dict[int, TableRow] = {}
        for table in self.tables:
            for row in table.rows:
                self.rows.setdefault(row.line, row)
                for cell in row.cells:
                    self.cells.setdefault(cell.line, []).append((cell, row))
        self.indicators = {i.line: i for i in document.indicators}
        self.headings = [(p.line, h) for p in document.paragraphs if (h := _heading(p.text))]
        self.heading_lines = [line for line, _ in self.headings]
        self.numbers = {t.line: self._numbered(t) for t in self.tables}

    def at(self, line: int, column: int = 1, end_column: int | None = None,
           project: str | None = None) -> Location:  # fmt: skip
        """Where line `line` (column `column`) is; `project` as the finding names it."""
        place = self.places[line - 1] if 0 < line <= len(self.places) else Place()
        fields: dict[str, Any] = {  # Location's fields by name
            "page": place.printed,
            "pdf_page": place.page,
            "sheet": place.sheet,
            "sheet_row": place.sheet_row,
            "paragraph": place.paragraph,
            "cell": (place.grid, place.row, place.cell) if place.grid and place.row and place.cell else None,
            "text": self._text(line, column, end_column),
            "part": place.source,
            "part_line": place.source_line,
        }
        table = self._table(line)
        sheet = self._project(line)
        if table is not None:
            number, title = self.numbers[table.line]
            fields |= {"table_number": number, "table": title, **self._row(table, line, column)}
        elif sheet is not None or project:
            fields |= {"project": project or sheet, "row": self._sheet_row(line)}
        elif place.sheet is None:
            fields["heading"] = self._heading(line)
        return Location(self.path, line, **fields)

    def phrase(self, line: int, lang: Lang, here: Location | None = None) -> str:
        """Line `line` said in a message: `第5页 表3 收支总表 “合计”行`, what it shares with `here`
        (the finding's own location: its page, its table, its project) left out; `前文` where
        nothing else is known of it but that it came before."""
        there = self.at(line)
        if here is not None:
            same_page = there.pdf_page == here.pdf_page and there.sheet == here.sheet
            if same_page:
                there = replace(there, page=None, pdf_page=None, sheet=None, sheet_row=None)
            if (there.table, there.table_number) == (here.table, here.table_number) and here.table:
                there = replace(there, table=None, table_number=None)
            if there.project == here.project:
                there = replace(there, project=None)
            if there.part == here.part:
                there = replace(there, part=None)
            if there.heading == here.heading:
                there = replace(there, heading=None)
        said = render(there, lang, Style.SHORT)
        return said or ("前文" if lang == "zh" else "earlier in the text")

    # -- parts --------------------------------------------------------------------------------

    def _table(self, line: int) -> Table | None:
        index = bisect_right(self.starts, line) - 1
        if index < 0:
            return None
        table = self.tables[index]
        return table if line <= table.end_line else None

    def _project(self, line: int) -> str | None:
        """The name of the sheet `line` is on."""
        index = bisect_right(self.project_starts, line) - 1
        if index < 0:
            return None
        _, end, name = self.projects[index]
        return name if line <= end else None

    def _row(self, table: Table, line: int, column: int) -> dict:
        """The row's label and the column's header where `line` is a row of `table`."""
        hits = self.cells.get(line, [])
        cell = max((c for c in hits if c[0].column <= column), key=lambda c: c[0].column, default=None)
        row = cell[1] if cell else self.rows.get(line) or (hits[0][1] if hits else None)
        if row is None:
            return {"row": self._first_cell(line)} if line != table.line else {}
        # The label on the cell's own side: a 收支总表's 支出 column is in row 本年支出合计, not the
        # 本年收入合计 printed on its left (深圳口岸).
        said = _shorten((cell[0].label if cell else "") or row.label or row.code or row.number)
        shown = said or self._first_cell(line)  # a label the model did not take (`合计` under a `**` mark)
        return {"row": shown or None, "column": _column(cell[0].header) or None if cell else None}

    def _sheet_row(self, line: int) -> str | None:
        indicator = self.indicators.get(line)
        if indicator is not None:
            return _shorten(indicator.level3 or indicator.description or indicator.level2) or None
        return self._first_cell(line)

    def _first_cell(self, line: int) -> str | None:
        """A grid line's first filled cell, as its row is found by it; None for running text."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if "\t" not in text:
            return None
        first = clean(next((c for c in text.split("\t") if c.strip()), ""))
        return first if 0 < len(first) <= _LABEL_LENGTH else None  # a longer cell is text, no label

    def _heading(self, line: int) -> str | None:
        index = bisect_right(self.heading_lines, line) - 1
        return self.headings[index][1] if index >= 0 else None

    def _text(self, line: int, column: int, end_column: int | None) -> str | None:
        """What is printed at the spot: the cell or figure a finding spans, else its cell."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        start = max(column - 1, 0)
        if start >= len(text):
            return None
        stop = end_column if end_column and end_column > start else text.find("\t", start)
        said = text[start : stop if stop > start else len(text)].strip()
        return said or None

    def _numbered(self, table: Table) -> tuple[str | None, str]:
        """The table's number as the document prints it (in its title, or on a line just above it,
        or beside the title in the title's row) and its title without it."""
        title = clean(table.title)
        found = _TABLE_PREFIX.match(title)
        if found and found.end() < len(title):
            return label(found["number"]), title[found.end() :].strip()
        own = self.lines[table.line - 1].split("\t") if 0 < table.line <= len(self.lines) else []
        beside = [label(c) for c in own if LEXICON.table_number.match(label(c))]
        if beside:
            return beside[0], title
        before = self.tables[self.first[table.line] - 1] if self.first[table.line] else None
        floor = before.end_line if before is not None else 0
        first_row = min((row.line for row in table.rows), default=table.end_line + 1)
        # Just above the title (`表3` / `支出总表`), else between it and its grid (`收入支出决算总表` /
        # `公开01表`): a line of its own, or a cell of its own in a line of meta cells.
        above = range(table.line - 1, floor, -1)
        below = range(table.line + 1, min(first_row, table.line + 1 + _NUMBER_BELOW))
        for lines, most in ((above, 1), (below, _NUMBER_BELOW)):
            seen = 0
            for number in lines:
                if self._page_of(number) != self._page_of(table.line):
                    break  # a number on another page is another list's (a 目录's `表9 | …`)
                text = self.lines[number - 1] if number <= len(self.lines) else ""
                cells = [label(c) for c in text.split("\t")]
                if not any(cells):
                    continue
                number_cell = next((c for c in cells if LEXICON.table_number.match(c)), None)
                if number_cell:
                    return number_cell, title
                seen += 1
                if seen >= most:
                    break
        return None, title

    def _page_of(self, line: int) -> int | None:
        return self.places[line - 1].page if 0 < line <= len(self.places) else None


def _heading(text: str) -> str | None:
    """The heading a paragraph is, or opens with (`一、收入预算情况：…` gives `一、收入预算情况`)."""
    text = text.strip()
    if not _HEADING.match(text):
        return None
    cut = _HEADING_END.search(text)
    head = (text[: cut.start()] if cut else text).strip()
    return head if 2 < len(head) <= _HEADING_LENGTH and not _CLAUSE.search(head) else None


# The row of column numbers under a header (`** | 1 | 2 | 3`, 栏次) is no part of a column's name.
_COLUMN_NUMBER = regexes.compile(r"(?:/\s*(?:\d{1,2}|[*＊]+))+$")


def _column(header: str) -> str:
    """`项目支出/4` as the reader names the column: `项目支出`."""
    return _COLUMN_NUMBER.sub("", header)


def _shorten(text: str) -> str:
    text = clean(text)
    return text if len(text) <= _LABEL_LENGTH else text[:_LABEL_LENGTH] + "…"

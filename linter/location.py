"""Where a finding is, as the reader of the document finds it: page (as printed, and in the file),
the table as the document numbers and titles it, the row's label and the column's header, the
heading of a paragraph, the project's sheet, the worksheet.

A reader records a Place for every line it gives (what it saw: the page, the page number printed
on it, a Word paragraph or table cell, a worksheet row); the linter makes a finding's Location from
its line's Place and the model (bplint.locate); each report says it in its own words and language
(`render`).  bplint's own line numbers are for tools only (the JSON report, `dump`): nothing in a
PDF has a line 571.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum

from bplint import regexes
from bplint.language import Lang


@dataclass(frozen=True)
class Place:
    """What a reader knows of one line it gives.  `page` is the page's place in the file, `printed`
    the number printed on it (the same where the document prints none at all; None where it
    numbers its other pages but not this one).  A Word document has no pages: `paragraph` (its
    body's paragraphs counted from 1) or `grid`/`row`/`cell` (its body's tables, their rows and
    cells); a workbook its `sheet` and `sheet_row`, as Excel shows them."""

    page: int | None = None
    printed: int | None = None
    paragraph: int | None = None
    grid: int | None = None
    row: int | None = None
    cell: int | None = None
    sheet: str | None = None
    sheet_row: int | None = None
    source: str | None = None  # the file, where several are read as one (bplint.together)
    source_line: int | None = None  # the line in that file, where it is a text export (its own lines)


@dataclass(frozen=True)
class Location:
    """A finding's location, built once, said by every report (`render`)."""

    file: str
    line: int  # bplint's own line, for tools (JSON, dump), never said to a reader
    page: int | None = None  # as printed on the page
    pdf_page: int | None = None  # the page's place in the file
    table_number: str | None = None  # as the document numbers the table: 表3, 公开02表
    table: str | None = None  # the table's title as printed (its number left out)
    row: str | None = None  # the row's label: 行政运行, 2010301 行政运行
    column: str | None = None  # the column's header path: 本年收入/财政拨款收入
    heading: str | None = None  # the heading over a paragraph of the text
    project: str | None = None  # the project whose sheet it is on
    sheet: str | None = None  # a workbook's worksheet
    sheet_row: int | None = None  # the worksheet's row, as Excel numbers it
    text: str | None = None  # what is printed at the spot (the cell, the figure): what to mark
    paragraph: int | None = None  # a Word document's paragraph (for its comments)
    cell: tuple[int, int, int] | None = None  # a Word document's table, row, cell (1-based)
    part: str | None = None  # the file it is in, where several files are read as one (--together)
    part_line: int | None = None  # the line in that file, where it is a text export
    unread: bool | None = None  # the file could not be read: the finding is about all of it, no line

    def to_json(self) -> dict:
        # Read field by field: dataclasses.asdict copies each value deeply, and a JSON report asks
        # this of every finding (a tenth of a batch's report process).
        data = {name: value for name in _SAID if (value := getattr(self, name)) is not None}
        return {**data, "cell": list(self.cell)} if self.cell else data

    @property
    def in_document(self) -> bool:
        """Whether it is in a document bplint read as pages or sheets (PDF, Word, workbook), whose
        lines are bplint's own, rather than in a text export, whose lines are the file's."""
        said = (self.pdf_page, self.sheet, self.paragraph, self.cell, self.part, self.unread)
        return any(x is not None for x in said)


_SAID = tuple(f.name for f in fields(Location) if f.name not in ("file", "line"))  # for tools: to_json


class Style(Enum):
    """How much a location says: all of it (`FULL`), or what points at another place in a message
    (`SHORT`: page, table, row; no column, no text)."""

    FULL = "full"
    SHORT = "short"


def render(location: Location, lang: Lang, style: Style = Style.FULL) -> str:
    """`第12页 表3 本年支出总体情况表 “行政运行”行 “基本支出”列`; in English `p. 12, table 3
    本年支出总体情况表, row “行政运行”, column “基本支出”`.  The file (of several read as one), the page
    and the worksheet lead."""
    leading = (_part(location, lang), _page(location, lang), _sheet(location, lang))
    parts = [p for p in (*leading, *_inside(location, lang, style)) if p]
    return (" " if lang == "zh" else ", ").join(parts)


def _part(location: Location, lang: Lang) -> str | None:
    """The file of several read as one, and a text export's line in it (its own, not bplint's)."""
    line = location.part_line
    if line is None:
        return location.part
    said = f"第{line}行" if lang == "zh" else f"line {line}"
    return f"{location.part} {said}" if location.part else said  # in a message: the file said before


def _page(location: Location, lang: Lang) -> str | None:
    page, pdf = location.page, location.pdf_page
    if pdf is None:
        return None
    if lang == "zh":
        if page is None:
            return f"PDF 第{pdf}页"
        return f"第{page}页" if page == pdf else f"第{page}页（PDF 第{pdf}页）"
    if page is None:
        return f"PDF p. {pdf}"
    return f"p. {page}" if page == pdf else f"p. {page} (PDF p. {pdf})"


def _sheet(location: Location, lang: Lang) -> str | None:
    if location.sheet is None:
        return None
    row = location.sheet_row
    if lang == "zh":
        return f"工作表“{location.sheet}”" + (f" 第{row}行" if row else "")
    return f"worksheet “{location.sheet}”" + (f" row {row}" if row else "")


def _inside(location: Location, lang: Lang, style: Style) -> list[str]:
    """The table (number and title), row and column; or the project; or the heading."""
    zh = lang == "zh"
    parts: list[str] = []
    if location.table or location.table_number:
        number = location.table_number
        if not zh and number:
            number = _TABLE_WORD.sub("table ", number, count=1)
        parts.append(" ".join(p for p in (number, location.table) if p))
    elif location.project:
        parts.append(f"项目“{location.project}”" if zh else f"project “{location.project}”")
    elif location.heading:
        parts.append(f"“{location.heading}”一节" if zh else f"section “{location.heading}”")
    if location.row:
        parts.append(f"“{location.row}”行" if zh else f"row “{location.row}”")
    if location.column and style is Style.FULL:
        parts.append(f"“{location.column}”列" if zh else f"column “{location.column}”")
    return parts


_TABLE_WORD = regexes.compile(r"^表\s*(?=\d)")


# A place another finding points at, inside a message (`与{earlier_at}的指标完全相同`): the rule
# engine knows the line, the linter knows where that line is; the linter says it (bplint.locate).
_MARK = regexes.compile("\ue000(\\d+)\ue001")


def mark(line: int) -> str:
    """A line of the document in a message, said as its place once the finding is located."""
    return f"\ue000{int(line)}\ue001"


# Words that join a place to what is there (`第7页的“预算收入”`), put in a message by a check that
# knows no language: each language's words, the one of the run said with the places.
_BOTH = regexes.compile("\ue002([^\ue002-\ue004]*)\ue003([^\ue002-\ue004]*)\ue004")


def both(zh: str, en: str) -> str:
    """Words of a message in each language, the run's said with the places (`said`)."""
    return f"\ue002{zh}\ue003{en}\ue004"


def said(text: str, where, lang: Lang = "zh") -> str:
    """`text` with each marked line said by `where(line)`, and the words in `lang` of each `both`."""
    if "\ue002" in text:
        text = _BOTH.sub(lambda match: match[1] if lang == "zh" else match[2], text)
    return _MARK.sub(lambda match: where(int(match[1])), text) if "\ue000" in text else text

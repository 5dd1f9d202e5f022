"""Workbooks (.xlsx) with openpyxl: each sheet a table, its rows the layout's rows (a line of
tab-separated cells each; a merged cell's other positions are empty cells, as in a PDF export:
read-only mode does not see merges, so no grid is claimed); a row with only its first cell
filled is a line of text (a title, 单位, a note) unless it is a row label in a table.

Read-only mode streams the rows actually stored: a sheet that claims a million rows, or a merged
range over the whole grid, costs what it holds, and the cells read are bounded (`sheet-cells`).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import openpyxl

from bplint import regexes
from bplint.formats import Builder, GridCell, Rendered
from bplint.limits import Limits
from bplint.location import Place
from bplint.messages import Message

_SHEET_NAME = regexes.compile(r"""<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)\"""")


@dataclass
class _Left:
    """What may still be read: cells (`sheet-cells`), and characters (`text-chars`: a cell may
    repeat a shared string of a megabyte, so a few KB of workbook could make gigabytes of text;
    reading stops just past the bound, and the reader then refuses the text as too long)."""

    cells: int
    chars: int


def render(data: bytes, limits: Limits | None = None) -> Rendered:
    limits = limits or Limits()
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out = Builder()
    left = _Left(limits.sheet_cells, limits.text_chars)
    try:
        for sheet in workbook.worksheets:
            _sheet(sheet, out, left)
            if left.chars < 0:
                break
            if left.cells <= 0:
                beyond = Message.of("BP005.sheet_cells", limit=limits.sheet_cells)
                out.notice(beyond, Place(sheet=sheet.title))
                break
        for name in _missing_sheets(data, workbook):
            out.notice(Message.of("BP005.sheet_missing", name=name, quoted=repr(name)), Place(sheet=name))
    finally:
        workbook.close()
    return out.done("XLSX")


def _sheet(sheet, out: Builder, left: _Left) -> None:
    sheet.reset_dimensions()  # a stored dimension may claim far more than the rows hold
    in_table, blank = False, False
    for r, row in enumerate(sheet.iter_rows(values_only=True), 1):
        left.cells -= max(len(row), 1)
        if left.cells <= 0:
            return
        cells = [_text(value) for value in row]
        left.chars -= sum(map(len, cells))
        if left.chars < 0:
            out.add("\t".join(cells), Place(sheet=sheet.title, sheet_row=r))  # past the bound: refused
            return
        while cells and not cells[-1]:
            cells.pop()
        where = Place(sheet=sheet.title, sheet_row=r)
        if not cells:
            if not blank:  # runs of empty rows are one blank line
                out.add("", where)
            blank, in_table = True, False
            continue
        blank = False
        if len(cells) == 1 and not (in_table and _row_label(cells[0])):
            out.paragraph(cells[0], where)  # a title, 单位, a heading or a note: a line of text
            in_table = False
        else:
            out.pdf_row([GridCell([text]) for text in cells], where)
            in_table = True
    out.add("", Place(sheet=sheet.title))


def _missing_sheets(data: bytes, workbook) -> list[str]:
    """Worksheets the workbook lists whose part openpyxl could not find (it skips them silently)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        listed = _SHEET_NAME.findall(archive.read("xl/workbook.xml").decode("utf-8", "replace"))
    present = set(workbook.sheetnames)
    return [name for name in listed if _unescape(name) not in present]


def _unescape(name: str) -> str:
    import html

    return html.unescape(name)


def _row_label(text: str) -> bool:
    """Inside a table, `1、房屋（平方米）` alone on its row is a row whose figures are blank;
    a title (…表), a note (注：…) or a paragraph is not."""
    return len(text) <= 40 and not text.endswith("表") and not text.startswith("注")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # Money typed as a number: keep two decimals, as the printed tables show it.
        return f"{Decimal(str(value)):.2f}"
    return str(value).replace("\t", " ").replace("\n", "")

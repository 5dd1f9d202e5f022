"""Workbooks (.xlsx) with openpyxl: each sheet a table, written as rows of tab-separated cells
(a merged cell's other positions are empty fields, as in a PDF export); a row with only its
first cell filled is a line of text (a title, 单位, a note) unless it is a row label in a table."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from bplint.formats import Builder, Rendered


def render(data: bytes) -> Rendered:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    out = Builder()
    for sheet in workbook.worksheets:
        in_table = False
        for r, row in enumerate(sheet.iter_rows(values_only=True), 1):
            cells = [_text(value) for value in row]
            while cells and not cells[-1]:
                cells.pop()
            where = f"工作表“{sheet.title}” 第{r}行"
            if not cells:
                out.add("", where)
                in_table = False
            elif len(cells) == 1 and not (in_table and _row_label(cells[0])):
                out.add(cells[0], where)  # a title, 单位, a heading or a note: a line of text
                in_table = False
            else:
                out.add("\t".join(cells) + "\t", where)  # the trailing tab keeps a short row a row
                in_table = True
        out.add("", f"工作表“{sheet.title}”")
    return out.done("XLSX")


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

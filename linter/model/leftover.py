"""Rows no reader took: a table bplint does not know (one without a title, a list of units) is
never skipped in silence.

Rows are grouped by page where the document has pages, else by runs of adjacent rows.  Every group
is kept in the Document (`bplint dump --tables` lists them).  A group holding figures is money
nobody checked: one BP004 naming its page or first line, how many rows and its first row.  A group
of words only (`单位名称 | 单位性质 | 单位规格`, `序号 | 单位名称`) holds nothing a rule could check, so
it is listed and not reported.  A row with one filled cell (a table's number `公开13表`, a column
heading carried onto a page of its own) is no table row; the rows of the document's 目录 were read
by the contents reader.
"""

from __future__ import annotations

import regex

from bplint.layout import WORD, Row
from bplint.model.document import Leftover, Problem
from bplint.model.kind import DocumentKind
from bplint.model.text import amount

_SHOWN = 40  # characters of the first row quoted
_ENUMERATOR = regex.compile(r"^\d{1,2}$")  # 序号, not a figure


def leftovers(rows: list[Row], listed: frozenset[int]) -> list[Leftover]:
    """The groups of rows no reader took."""
    groups: list[list[Row]] = []
    for row in rows:
        if row.line in listed or len(row.filled) < 2:
            continue
        last = groups[-1][-1] if groups else None
        if last is not None and _together(last, row):
            groups[-1].append(row)
        else:
            groups.append([row])
    return [_leftover(group) for group in groups]


def problems(found: list[Leftover], kind: DocumentKind = DocumentKind.UNKNOWN) -> list[Problem]:
    return [_problem(leftover, kind) for leftover in found if leftover.figures]


def _together(last: Row, row: Row) -> bool:
    if row.page is not None:
        return row.page == last.page
    # Adjacent rows: a Word row ends at a blank line, a PDF-export row is one line.
    return row.line - last.end_line <= (2 if row.layout == WORD else 1)


def _leftover(group: list[Row]) -> Leftover:
    first = group[0]
    shown = " | ".join(cell.value for cell in first.filled)
    shown = shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…"
    figures = sum(1 for row in group for cell in row.filled[1:] if _figure(cell.value))
    return Leftover(first.line, first.filled[0].column, first.page, len(group), shown, figures)


def _figure(text: str) -> bool:
    return not _ENUMERATOR.match(text) and amount(text) is not None


def _problem(leftover: Leftover, kind: DocumentKind) -> Problem:
    page, n, shown = leftover.page, leftover.rows, leftover.first
    (tables, tables_en), sheets = kind.tables_word, kind.sheets_word
    example = "收入支出决算总表" if kind.accounts else "部门收支总表"
    where = f"第 {page} 页" if page is not None else f"第 {leftover.line} 行起"
    where_en = f"page {page}" if page is not None else f"from line {leftover.line}"
    return Problem(
        "BP004",
        leftover.line,
        leftover.column,
        f"{where}有一张 {n} 行的表格未能读取（首行：{shown}）：它不是 bplint 认识的{tables}或{sheets}，"
        f"其中的 {leftover.figures} 个数字未经检查；"
        f"如果这是一张{tables}，请在表格上方写明表名（如“{example}”）",
        f"{where_en}: a table of {n} rows bplint could not read (first row: {shown}); not a {tables_en} "
        f"or performance sheet it knows, so its {leftover.figures} figures were not checked",
        raw=shown,
    )

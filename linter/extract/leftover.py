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

from bplint import regexes
from bplint.extract.lexicon import LEXICON
from bplint.extract.text import amount, label
from bplint.layout import WORD, Row
from bplint.messages import Message
from bplint.model.coverage import Coverage, Missed
from bplint.model.document import Leftover, Problem

_SHOWN = 40  # characters of the first row quoted
_ENUMERATOR = regexes.compile(r"^\d{1,2}$")  # 序号, not a figure


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


def unread_numbers(found: Coverage, said: frozenset[int] = frozenset()) -> list[Problem]:
    """One BP004 per ruled grid (a run of rows in a text export) holding numbers no reader took,
    naming how many and the first: never silence, never one finding per row.  A grid whose only
    untaken numbers are row numbers (`1`, `2` of a 序号 column, a list of units) holds nothing a
    rule could check: it is listed by `bplint dump --coverage` and not reported."""
    groups: dict[tuple, list[Missed]] = {}
    for missed in found.missed:
        if missed.line not in said:  # a reader said these already (a row wider than its header)
            groups.setdefault(_grid_key(missed), []).append(missed)
    return [_unread_grid(group) for group in groups.values() if any(_is_figure(m) for m in group)]


def _grid_key(missed: Missed) -> tuple:
    # A PDF's grids are numbered; a text export's rows by page, or by runs of nearby lines.
    if missed.grid is not None:
        return ("grid", missed.grid)
    return ("page", missed.page) if missed.page is not None else ("lines", missed.line // _RUN)


_RUN = 40  # lines: a text export's untaken numbers this close are said together


def _is_figure(missed: Missed) -> bool:
    """A number a rule could have checked: in a short cell of figures, not a row's number (序号),
    not the numbering of a sentence (`目标1：…`), not a table's own number (公开02表)."""
    cell = missed.cell
    return (
        len(cell) <= _FIGURE_CELL
        and not _ENUMERATOR.match(cell)
        and not LEXICON.table_number.match(label(cell))
    )


_FIGURE_CELL = 20  # characters: a longer cell is text, its digits part of a sentence


def _unread_grid(group: list[Missed]) -> Problem:
    first, n = group[0], len(group)
    pages = sorted({m.page for m in group if m.page is not None})
    shown = first.cell if len(first.cell) <= _SHOWN else first.cell[: _SHOWN - 1] + "…"
    if not pages:
        said = Message.of("BP004.unread_grid", count=n, shown=shown)
    elif len(pages) == 1:
        said = Message.of("BP004.unread_grid_page", count=n, shown=shown, page=pages[0])
    else:
        said = Message.of("BP004.unread_grid_pages", count=n, shown=shown, first=pages[0], last=pages[-1])
    return Problem("BP004", first.line, first.column, said, raw=shown)


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

"""Text printed inside a grid where pdfplumber found no cell: nothing printed is dropped.

pdfplumber makes a cell only where four rules close a box.  A merged cell cut by a page break has
no rule on its open side (`经济效益指标` in a sheet's last row, whose 二级 cell goes on over the
page; a page's first row under no top rule, `益 | 指标2：… | 提升`), so the positions it covers are
cells of no one and their characters were lost.  Here each such character goes to its position:
the column its middle lies in, and the row whose band (from its top to the next row's) holds it.
A run of rows with no cell at a position is one merged cell: its text (`益/指/标` printed down a
label column) is one cell's, in the run's first row that has any.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Bbox = tuple[float, float, float, float]


def stray_text(
    rows: Sequence[Sequence[Bbox | None]],
    chars: Sequence[dict],
    columns: Sequence[float],
    text: Callable[[list[dict]], str],
) -> dict[tuple[int, int], str]:
    """(row, position) -> the text no cell holds there.  `rows` are each row's cell boxes by
    position (None where no cell), `chars` the characters inside the grid, `columns` the left
    edge of each position and the grid's right edge, `text` how a cell's characters read."""
    if not rows or any(len(cells) != len(columns) - 1 for cells in rows):
        return {}
    boxes = [box for cells in rows for box in cells if box is not None]
    tops = [min((box[1] for box in cells if box is not None), default=None) for cells in rows]
    bottom = max(box[3] for box in boxes) if boxes else 0.0
    placed: dict[tuple[int, int], list[dict]] = {}
    for char in sorted(chars, key=lambda c: (c["top"] + c["bottom"], c["x0"])):
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if any(b[0] <= x < b[2] and b[1] <= y < b[3] for b in boxes) or not char["text"].strip():
            continue
        row, position = _band(tops, bottom, y), _column(columns, x)
        if row is None or position is None or rows[row][position] is not None:
            continue
        placed.setdefault((_run_start(rows, row, position, placed), position), []).append(char)
    return {where: text(found) for where, found in placed.items() if text(found)}


def _band(tops: list[float | None], bottom: float, y: float) -> int | None:
    """The row whose band holds height y: from its top to the next row's top."""
    found = None
    for index, top in enumerate(tops):
        if top is not None and top <= y:
            found = index
    return found if found is not None and y < bottom else None


def _column(columns: Sequence[float], x: float) -> int | None:
    return next((i for i in range(len(columns) - 1) if columns[i] <= x < columns[i + 1]), None)


def _run_start(rows, row: int, position: int, placed: dict) -> int:
    """The first row, in the run of rows with no cell at this position, that already holds text
    there; else this row (a label printed down the run gathers in one cell)."""
    start = row
    while start > 0 and rows[start - 1][position] is None:
        start -= 1
    return next((r for r in range(start, row) if (r, position) in placed), row)

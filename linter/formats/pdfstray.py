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

from bisect import bisect_right
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
    if all(box is not None for cells in rows for box in cells):
        return {}  # every position a cell of its own: nothing can be stray
    boxes = [box for cells in rows for box in cells if box is not None]
    bands = [(min(b[1] for b in cells if b is not None), index) for index, cells in enumerate(rows)
             if any(b is not None for b in cells)]  # fmt: skip
    tops = [top for top, _ in bands]
    bottom = max(box[3] for box in boxes) if boxes else 0.0
    placed: dict[tuple[int, int], list[dict]] = {}
    over: dict[int, list[Bbox]] = {}  # a position's boxes: those reaching across some of it
    for char in sorted(chars, key=lambda c: (c["top"] + c["bottom"], c["x0"])):
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        band, position = bisect_right(tops, y) - 1, bisect_right(columns, x) - 1
        if band < 0 or y >= bottom or not 0 <= position < len(columns) - 1 or not char["text"].strip():
            continue
        row = bands[band][1]
        # Only a character at a position with no cell can be stray; then not inside a merged
        # cell from a row above (its box reaches down over this one).
        if rows[row][position] is not None:
            continue
        if position not in over:  # a box holding x, which lies in this position, reaches across it
            left, right = columns[position], columns[position + 1]
            over[position] = [b for b in boxes if b[0] < right and b[2] > left]
        if any(b[0] <= x < b[2] and b[1] <= y < b[3] for b in over[position]):
            continue
        placed.setdefault((_run_start(rows, row, position, placed), position), []).append(char)
    said = {where: text(found) for where, found in placed.items()}
    return {where: words for where, words in said.items() if words}


def _run_start(rows, row: int, position: int, placed: dict) -> int:
    """The first row, in the run of rows with no cell at this position, that already holds text
    there; else this row (a label printed down the run gathers in one cell)."""
    start = row
    while start > 0 and rows[start - 1][position] is None:
        start -= 1
    return next((r for r in range(start, row) if (r, position) in placed), row)

"""A grid's characters to its cells, as pdfplumber's `Table.extract` gives them: the characters
whose middle is inside a cell's box are its text, in the page's order (pdfplumber's
`extract_text`, or celltext's same text without its objects).  Characters written on past their
cell's right rule go back to the cell they started in.

Each row's characters are found by bisection on their heights, and where the row's cells stand
apart, as they do in any ruled grid, each character's cell by bisection on their left edges:
testing every character of a row against every cell cost a third of a page's reading time on
pages of thousands of cells.  Where two cells of a row overlap, each cell tests every character.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right

from pdfplumber.utils import extract_text

from bplint.formats.celltext import plain_text

Bbox = tuple[float, float, float, float]


class Chars:
    """A page's characters by the height of their middles, sorted once for all its tables."""

    def __init__(self, chars: list[dict]) -> None:
        middles = sorted(((c["top"] + c["bottom"]) / 2, i) for i, c in enumerate(chars))
        self.chars, self.heights, self.order = chars, [m for m, _ in middles], [i for _, i in middles]

    def in_row(self, bbox) -> list[dict]:
        """The characters whose middle is inside the box, in the page's order."""
        x0, top, x1, bottom = bbox
        found = sorted(self.order[bisect_left(self.heights, top) : bisect_left(self.heights, bottom)])
        return [self.chars[i] for i in found if x0 <= (self.chars[i]["x0"] + self.chars[i]["x1"]) / 2 < x1]


def extract(rows, chars: Chars) -> list[list[str | None]]:
    """pdfplumber's `Table.extract`: each row's cells' texts, None where the row has no cell."""
    table = []
    for row in rows:
        inside = chars.in_row(row.bbox)
        cells = [cell for cell in row.cells if cell is not None]
        if all(a[2] <= b[0] for a, b in itertools.pairwise(cells)):
            table.append(_apart(row.cells, cells, inside))
            continue
        table.append([None if cell is None else text(cell, inside) for cell in row.cells])
        if len(cells) > 1 and (moved := _overflow(inside, cells)):
            table[-1] = [None if cell is None else text(cell, inside, moved) for cell in row.cells]
    return table


def _apart(row: list[Bbox | None], cells: list[Bbox], chars: list[dict]) -> list[str | None]:
    """The row's texts where its cells stand apart from left to right: each character in at
    most one cell, found by bisection; a character run on from the one before it goes to the cell
    the run started in (`_overflow`)."""
    starts = [cell[0] for cell in cells]
    members: list[list[dict]] = [[] for _ in cells]
    overflow = len(cells) > 1
    owner: int | None = None
    before = None
    for char in chars:
        middle = (char["x0"] + char["x1"]) / 2
        k = bisect_right(starts, middle) - 1
        home = k if k >= 0 and middle < cells[k][2] else None
        if overflow:
            runs_on = (before is not None and abs(char["top"] - before["top"]) < 1
                       and abs(char["x0"] - before["x1"]) < 0.5 and char["text"].strip())  # fmt: skip
            if not runs_on:
                owner = home
            elif owner is not None:
                home = owner
            before = char
        if home is not None and cells[home][1] <= (char["top"] + char["bottom"]) / 2 < cells[home][3]:
            members[home].append(char)
    texts = iter(chars_text(found) if found else "" for found in members)
    return [None if cell is None else next(texts) for cell in row]


def _overflow(chars: list[dict], cells: list) -> dict[int, tuple]:
    """Characters written past their cell's right rule (a spreadsheet's text running on under the
    next cell, hidden there when printed, but in the text layer: `其他社会保障和就业支` | `出 1090.22`):
    a run of characters drawn one after another, each starting where the one before ends, belongs
    to the cell it starts in.  Returns the characters to move (by id) with the cell they belong to."""
    moved: dict[int, tuple] = {}
    owner = None
    for before, char in zip([None, *chars], chars, strict=False):
        runs_on = (before is not None and abs(char["top"] - before["top"]) < 1
                   and abs(char["x0"] - before["x1"]) < 0.5 and char["text"].strip())  # fmt: skip
        if not runs_on:
            owner = _cell_of(char, cells)
            continue
        if owner is not None and _cell_of(char, cells) is not owner:
            moved[id(char)] = owner
    return moved


def _cell_of(char: dict, cells: list):
    middle = (char["x0"] + char["x1"]) / 2
    return next((cell for cell in cells if cell[0] <= middle < cell[2]), None)


def text(cell, chars: list[dict], moved: dict[int, tuple] | None = None) -> str:
    """The text of the characters whose middle is in the cell (or moved to it)."""
    x0, top, x1, bottom = cell
    chars = [
        c
        for c in chars
        if (x0 <= (c["x0"] + c["x1"]) / 2 < x1 if not moved or id(c) not in moved else moved[id(c)] is cell)
        and top <= (c["top"] + c["bottom"]) / 2 < bottom
    ]
    return chars_text(chars) if chars else ""


def chars_text(chars: list[dict]) -> str:
    found = plain_text(chars)
    return extract_text(chars) if found is None else found

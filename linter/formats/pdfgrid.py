"""A ruled grid's columns as geometry, so that a table printed over several pages is read as one.

A table that runs over a page break goes on at the top of the next page in a grid of its own,
often without its title or header, sometimes drawn narrower (each page scaled to fit), sometimes
with fewer column rules (the first page's header splits a column the data rows do not).  Matched
by position in the grid, its figures would land in the wrong columns.  Matched by geometry they
land where they belong: every column edge of the continuation, scaled and shifted so that its
outer edges meet the first grid's, must fall on a column edge of the first grid; its cells then
take the first grid's positions, a cell covering as many of them as its edges enclose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from bplint.formats import GridCell
from bplint.layout import ACROSS, DOWN

Box = tuple[float, float] | None  # a cell's left and right edge, None where it is covered

# How far an edge may lie from the first grid's, after scaling: a rule drawn twice (a double
# border) or rounding in the producer, never a column's width.
_POINTS = 2.5
_SHARE = 0.006
# A continuation drawn wider or narrower than its first page by more than this is another table.
_SCALES = (0.5, 1.5)


@dataclass(frozen=True)
class Geometry:
    """A grid's column edges, left to right: the left edge of each position and the right edge
    of the last."""

    edges: tuple[float, ...]

    @property
    def width(self) -> float:
        return self.edges[-1] - self.edges[0]

    @classmethod
    def of(cls, boxes: Sequence[Sequence[Box]], right: float) -> Geometry:
        """The geometry of rows of boxes (one per position): each position's leftmost edge."""
        lefts: list[float] = []
        for position in range(max((len(row) for row in boxes), default=0)):
            found = [row[position][0] for row in boxes if position < len(row) and row[position] is not None]
            lefts.append(min(found) if found else (lefts[-1] if lefts else right))
        return cls((*lefts, right))

    def fit(self, other: Geometry) -> Placing | None:
        """How `other` (a grid further down the document) lies on this one, or None when some
        edge of it lies on no edge of this one: another table."""
        if len(other.edges) < 3 or other.width <= 0 or self.width <= 0:
            return None  # a grid of one column fits anything: no evidence
        # Where it was drawn (a continuation without the columns merged down its left, as the
        # first page drew them), else scaled so that its outer edges meet the first grid's.
        candidates = [Placing(self, self.edges[0], 1.0)]
        scale = self.width / other.width
        if _SCALES[0] <= scale <= _SCALES[1]:
            candidates.append(Placing(self, other.edges[0], scale))
        return next((p for p in candidates if all(p.nearest(edge) is not None for edge in other.edges)), None)


@dataclass(frozen=True)
class Placing:
    """The map from a continuation's x to the first grid's: shift its left edge (`left`) onto the
    first grid's, then scale."""

    base: Geometry
    left: float
    scale: float

    def x(self, value: float) -> float:
        return self.base.edges[0] + (value - self.left) * self.scale

    def nearest(self, value: float) -> int | None:
        """The index of the first grid's edge that `value` falls on, or None."""
        x = self.x(value)
        tolerance = max(_POINTS, _SHARE * self.base.width)
        index = min(range(len(self.base.edges)), key=lambda i: abs(self.base.edges[i] - x))
        return index if abs(self.base.edges[index] - x) <= tolerance else None

    def place(self, cells: Sequence[GridCell], boxes: Sequence[Box]) -> tuple[GridCell, ...]:
        """A continuation's row on the first grid's positions: each cell at the position its left
        edge falls on, spanning to where its right edge falls; a position no cell starts at is
        under a cell merged down from above (or across, inside a cell's span)."""
        width = len(self.base.edges) - 1
        placed: list[GridCell] = [GridCell([""], covered=DOWN) for _ in range(width)]
        for cell, box in zip(cells, boxes, strict=True):
            if box is None:
                continue
            start, end = self.nearest(box[0]), self.nearest(box[1])
            if start is None or end is None or start >= width:
                continue  # cannot happen for a grid that fits; kept safe for a damaged one
            end = max(end, start + 1)
            placed[start] = GridCell(cell.paragraphs, end - start, "", cell.location, cell.open, cell.down)
            for covered in range(start + 1, min(end, width)):
                placed[covered] = GridCell([""], covered=ACROSS)
        return tuple(placed)


def join_fragment(row: Sequence[GridCell], fragment: Sequence[GridCell]) -> tuple[GridCell, ...]:
    """A row cut by the page break: the part printed at the top of the next page (its cells
    already on the same positions) finishes each cell's text (`(5)资本性支出` + `(基本建设)`),
    the text under a merged cell finishing the cell it is merged into."""
    joined = list(row)
    for position, more in enumerate(fragment[: len(row)]):
        extra = " ".join(more.paragraphs).strip()
        owner = position
        while owner > 0 and joined[owner].covered == ACROSS:
            owner -= 1
        cell = joined[owner]
        if extra and not cell.covered:
            joined[owner] = GridCell(["".join(cell.paragraphs) + extra], cell.span, "", cell.location)
    return tuple(joined)


class Role(Enum):
    """What a line of a page is to the joining of grids over pages."""

    PLAIN = "plain"  # a grid's row, or a line of text
    TENTATIVE = "tentative"  # the row of a one-row grid opening the page: a row only if it continues
    FRAGMENT = "fragment"  # a row without its top rule above the page's first grid: the cut row's rest
    SHADOW = "shadow"  # the same characters as text, kept where the grid turns out not to continue
    BESIDE = "beside"  # text at the height of a grid's rows (a label printed down its side)


@dataclass(frozen=True)
class Line:
    """A line of a page: text, or a row of the page's grid number `table`, with its cells' boxes."""

    text: str
    location: str
    row: tuple[GridCell, ...] | None = None
    table: int = 0
    full: bool = False  # the line reaches the page's right margin (a wrapped paragraph goes on)
    boxes: tuple[Box, ...] = ()
    geometry: Geometry | None = None
    role: Role = Role.PLAIN

    @property
    def in_table(self) -> bool:
        return self.row is not None


@dataclass(frozen=True)
class _Ended:
    """The grid a page ended with: its number through the document, the geometry its rows are
    placed on, and where its last row is."""

    grid: int
    geometry: Geometry
    page: int
    index: int


def stitch(pages: list[tuple[list[Line], set[int]]]) -> list[tuple[list[Line], set[int]]]:
    """Each page's lines with its grids numbered through the document: a grid that opens a page
    after only page furniture, when the page before ended with a grid it fits, is that grid
    (its rows placed on the first grid's positions, a cut row's rest joined to the row it
    finishes); a one-row grid or an open row opening the page is a row only then, else its text.
    A running header right above a grid that does not continue titles that grid: it is kept."""
    done: list[tuple[list[Line], set[int]]] = []
    ended: _Ended | None = None
    numbers = iter(range(1, 1 << 62))
    for lines, furniture in pages:
        skip = set(furniture)
        placing = _continuing(lines, skip, ended)
        if not placing:
            _unskip_title(lines, skip)
        own: dict[int, int] = {}
        opened: set[int] = set()  # the continuing grids whose first row on the page was met
        kept: list[Line] = []
        moved: dict[int, int] = {}  # a line's index on the page, to its index among those kept
        for index, line in enumerate(lines):
            if line.role is Role.SHADOW:
                if line.table not in placing:
                    moved[index] = len(kept)
                    kept.append(replace(line, role=Role.PLAIN, table=0))
            elif line.row is None:
                moved[index] = len(kept)
                kept.append(line)
            elif line.table in placing and ended is not None:
                row = placing[line.table].place(line.row, line.boxes)
                if line.table not in opened:
                    opened.add(line.table)
                    row, alone = _carry(done, ended, row)
                    if line.role is Role.FRAGMENT and alone:
                        line = replace(line, role=Role.PLAIN)  # a row of its own, not a cut row's rest
                if line.role is Role.FRAGMENT:
                    _finish_row(done, ended, row)
                else:
                    kept.append(replace(line, row=row, table=ended.grid, geometry=ended.geometry))
            elif line.role is Role.PLAIN:
                kept.append(replace(line, table=own.setdefault(line.table, next(numbers))))
        skip = {moved[index] for index in skip if index in moved}
        done.append((kept, skip))
        ended = _last_grid(kept, skip, len(done) - 1)
    return done


def _continuing(lines: list[Line], skip: set[int], ended: _Ended | None) -> dict[int, Placing]:
    """The page's grids that go on with the grid the page before ended with, each with how it
    lies on it: those opening the page, one after another, with nothing but page furniture
    before them."""
    placing: dict[int, Placing] = {}
    if ended is None:
        return placing
    for index, line in enumerate(lines):
        if line.row is None:
            if index in skip or not line.text.strip() or line.role in (Role.SHADOW, Role.BESIDE):
                continue
            break
        if line.table in placing:
            continue
        fit = ended.geometry.fit(line.geometry) if line.geometry is not None else None
        if fit is None:
            break
        placing[line.table] = fit
    return placing


def _unskip_title(lines: list[Line], skip: set[int]) -> None:
    """A line taken for a running header that stands right above the page's first grid, as the
    page's first line, titles that grid (a sheet title printed on every page): it is kept."""
    first = next(
        (i for i, line in enumerate(lines) if line.row is not None and line.role is Role.PLAIN), None
    )
    if first is None:
        return
    above = [i for i in range(first) if lines[i].text.strip() and lines[i].role is not Role.SHADOW]
    if len(above) == 1 and above[0] in skip:
        skip.discard(above[0])


def _carry(
    done: list[tuple[list[Line], set[int]]], ended: _Ended, row: tuple[GridCell, ...]
) -> tuple[tuple[GridCell, ...], bool]:
    """A continuing grid's first row on the page: the text of each cell open above it that goes on
    down the page, or whose cell across the break is open below (a merged cell the break cut:
    `效` | `益指标` printed down a label column), finishes that cell, and leaves the row.  Also
    whether the row is one of its own: it holds text under a closed cell merged down from above,
    which no cut row's rest can."""
    lines = done[ended.page][0]
    rest, alone = list(row), False
    for position, cell in enumerate(row):
        text = "".join(cell.paragraphs).strip()
        found = _above(lines, ended, position) if text and cell.open else None
        if found is None:
            continue
        index, owner, down = found
        if owner.open or cell.down:
            cells = list(lines[index].row or ())
            joined = "".join(owner.paragraphs) + text
            cells[position] = GridCell([joined], owner.span, "", owner.location, True)
            lines[index] = replace(lines[index], row=tuple(cells))
            rest[position] = GridCell([""], cell.span)
        elif down:
            alone = True
    return tuple(rest), alone


def _above(lines: list[Line], ended: _Ended, position: int) -> tuple[int, GridCell, bool] | None:
    """The cell of the grid's last row at a position, or the cell merged down over it: its line's
    index, the cell, and whether it is merged down from a row above."""
    for index in range(ended.index, -1, -1):
        line = lines[index]
        if line.row is None or line.table != ended.grid or position >= len(line.row):
            return None
        cell = line.row[position]
        if cell.covered != DOWN:
            return (index, cell, index != ended.index) if not cell.covered else None
    return None


def _finish_row(
    done: list[tuple[list[Line], set[int]]], ended: _Ended, fragment: tuple[GridCell, ...]
) -> None:
    lines = done[ended.page][0]
    last = lines[ended.index]
    if last.row is not None:
        lines[ended.index] = replace(last, row=join_fragment(last.row, fragment))


def _last_grid(lines: list[Line], skip: set[int], page: int) -> _Ended | None:
    """The grid the page ends with, if nothing but page furniture follows its last row."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.row is not None and line.geometry is not None:
            return _Ended(line.table, line.geometry, page, index)
        if index not in skip and line.text.strip() and line.role is not Role.BESIDE:
            return None
    return None

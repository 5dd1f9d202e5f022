"""pdfplumber's default `page.find_tables()` on a page's objects as plain tuples: the same edges
snapped and joined, the same crossings, cells and tables, without building pdfplumber's Page and
a dictionary for every edge at every step (the finder took a quarter of a page's reading time).

Each step follows pdfplumber 0.11's own (table.py, utils/geometry.py, utils/clustering.py) with
the default settings (strategy "lines", snap, join and crossing tolerance 3, edges of at least
3 after joining, 1 before), in the same order and with the same arithmetic, so that every float
comes out bit for bit as pdfplumber's: a cell's corners are compared for equality.
tests/test_pdftables.py compares the two on printed pages and on every page of the shared PDFs.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import itemgetter

from bplint.formats.pdfcells import cells_of

Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom
# An edge: x0, top, x1, bottom as pdfplumber's edge dictionary holds them, and its length (the
# `height` of a vertical edge, the `width` of a horizontal one, kept as pdfplumber keeps them).
Edge = tuple[float, float, float, float, float]
_SNAP = _JOIN = _CROSS = 3
_SHORTEST, _SHORTEST_BEFORE = 3, 1


@dataclass(frozen=True)
class Row:
    """A row of a table: a cell box or None at each of the table's column starts."""

    cells: list[Bbox | None]
    bbox: Bbox


@dataclass(frozen=True)
class Table:
    cells: list[Bbox]
    bbox: Bbox = field(init=False)
    rows: list[Row] = field(init=False)

    def __post_init__(self) -> None:
        c = self.cells
        box = (min(b[0] for b in c), min(b[1] for b in c), max(b[2] for b in c), max(b[3] for b in c))
        object.__setattr__(self, "bbox", box)
        object.__setattr__(self, "rows", _rows(c))


def _rows(cells: list[Bbox]) -> list[Row]:
    """pdfplumber's `Table.rows`: cells grouped by their top, placed at the table's column starts."""
    starts = sorted({cell[0] for cell in cells})
    rows = []
    for _, group in itertools.groupby(sorted(cells, key=itemgetter(1, 0)), itemgetter(1)):
        at = {cell[0]: cell for cell in group}
        row = [at.get(x) for x in starts]
        present = [cell for cell in row if cell is not None]
        box = (min(b[0] for b in present), min(b[1] for b in present),
               max(b[2] for b in present), max(b[3] for b in present))  # fmt: skip
        rows.append(Row(row, box))
    return rows


def edges(objects: dict) -> tuple[list[Edge], list[Edge]]:
    """The page's vertical and horizontal edges, as `page.edges` lists them: its lines, each
    rectangle's four sides, each curve's segments (a slanted segment is neither)."""
    v: list[Edge] = []
    h: list[Edge] = []
    for line in objects.get("line", ()):
        x0, top, x1, bottom = line["x0"], line["top"], line["x1"], line["bottom"]
        if top == bottom:
            h.append((x0, top, x1, bottom, line["width"]))
        else:
            v.append((x0, top, x1, bottom, line["height"]))
    for rect in objects.get("rect", ()):
        x0, top, x1, bottom, width, height = (rect["x0"], rect["top"], rect["x1"], rect["bottom"],
                                              rect["width"], rect["height"])  # fmt: skip
        h.append((x0, top, x1, top, width))
        h.append((x0, top + height, x1, bottom, width))
        v.append((x0, top, x0, bottom, height))
        v.append((x1, top, x1, bottom, height))
    for curve in objects.get("curve", ()):
        for (p, q), (r, s) in itertools.pairwise(curve["pts"]):
            edge = (min(p, r), min(q, s), max(p, r), max(q, s))
            if p == r:
                v.append((*edge, abs(q - s)))
            elif q == s:
                h.append((*edge, abs(p - r)))
    return v, h


def find_tables(v: list[Edge], h: list[Edge]) -> list[Table]:
    """The tables `page.find_tables()` finds on a page of these `edges`, in its order."""
    v = _merged([e for e in v if e[4] >= _SHORTEST_BEFORE], vertical=True)
    h = _merged([e for e in h if e[4] >= _SHORTEST_BEFORE], vertical=False)
    v = [e for e in v if e[4] >= _SHORTEST]
    h = [e for e in h if e[4] >= _SHORTEST]
    return [Table(group) for group in _tables(cells_of(_crossings(v, h)))]


def _merged(found: list[Edge], vertical: bool) -> list[Edge]:
    """`merge_edges`: edges snapped to their cluster's mean position, then those on one line
    joined where they meet or nearly (within the tolerance)."""
    snapped = _snapped(found, 0 if vertical else 1)
    at = 0 if vertical else 1
    snapped.sort(key=itemgetter(at))
    out: list[Edge] = []
    for _, group in itertools.groupby(snapped, itemgetter(at)):
        out += _joined(list(group), vertical)
    return out


def _snapped(found: list[Edge], at: int) -> list[Edge]:
    """`snap_objects`: positions clustered (each within the tolerance of the one before), each
    edge moved by its cluster's mean minus its own position, in pdfplumber's arithmetic."""
    values = sorted(set(e[at] for e in found))
    cluster: dict[float, int] = {}
    number, last = 0, None
    for x in values:
        if last is not None and not x <= last + _SNAP:
            number += 1
        cluster[x] = number
        last = x
    out: list[Edge] = []
    for _, group in itertools.groupby(sorted(found, key=lambda e: cluster[e[at]]), lambda e: cluster[e[at]]):
        members = list(group)
        mean = sum(e[at] for e in members) / len(members)
        for x0, top, x1, bottom, size in members:
            if at == 0:
                move = mean - x0
                out.append((x0 + move, top, x1 + move, bottom, size))
            else:
                move = mean - top
                out.append((x0, top + move, x1, bottom + move, size))
    return out


def _joined(group: list[Edge], vertical: bool) -> list[Edge]:
    """`join_edge_group`: edges on one line in order of their start, each extending the one
    before where it starts within the tolerance of its end."""
    start, end = (1, 3) if vertical else (0, 2)
    group.sort(key=itemgetter(start))
    joined = [group[0]]
    for edge in group[1:]:
        last = joined[-1]
        if edge[start] <= last[end] + _JOIN:
            if edge[end] > last[end]:
                x0, top, x1, bottom, size = last
                if vertical:  # `resize_object(last, "bottom", …)`: the height grows by the difference
                    joined[-1] = (x0, top, x1, edge[3], size + (edge[3] - bottom))
                else:
                    joined[-1] = (x0, top, edge[2], bottom, edge[2] - x0)
        else:
            joined.append(edge)
    return joined


def _crossings(v: list[Edge], h: list[Edge]) -> dict[tuple[float, float], tuple[set, set]]:
    """`edges_to_intersections`: where a vertical edge meets a horizontal one within the
    tolerance, with the boxes of the edges meeting there; the horizontal edges found by their
    height instead of testing each against each."""
    h = sorted(h, key=itemgetter(1))
    tops = [e[1] for e in h]
    found: dict[tuple[float, float], tuple[set, set]] = {}
    for ve in v:
        x, top, bottom = ve[0], ve[1], ve[3]
        for he in h[bisect_left(tops, top - _CROSS) : bisect_right(tops, bottom + _CROSS)]:
            if top <= he[1] + _CROSS and bottom >= he[1] - _CROSS and he[0] - _CROSS <= x <= he[2] + _CROSS:
                vs, hs = found.setdefault((x, he[1]), (set(), set()))
                vs.add(ve[:4])
                hs.add(he[:4])
    return found


def _tables(cells: list[Bbox]) -> list[list[Bbox]]:
    """`cells_to_tables`: cells sharing a corner, and so on, are one table (pdfplumber grows the
    group of the first cell left until it stops growing: its connected part); tables of more
    than one cell, by their top-left cell."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            a, b = root(i), root(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Bbox]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(root(i), []).append(cell)
    tables = [group for _, group in sorted(groups.items())]
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]

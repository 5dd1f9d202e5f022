"""Every printed number accounted for: what the model took of the numbers on each page.

A reading that checks itself needs a measure that works on documents nobody has judged.  Here it
is: every run of digits the reader saw on a page (in a grid's cells, in running text, in the page
furniture it set aside) is matched to what the model took — a table's cell, header or meta line, a
project sheet's row, the 目录's entries, a paragraph of the text, a page number or running header.
A number inside a grid that nothing took is money nobody checked: `missed` lists each one with its
line and column, and the model says so once per grid (BP004).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Missed:
    """A number in a grid that no reader took."""

    page: int | None
    line: int
    column: int
    text: str  # the number as printed
    grid: int | None  # the ruled grid it is in (None in a text export)
    cell: str  # the whole cell, for the reader to find it


@dataclass(frozen=True)
class PageCount:
    """The numbers printed on one page (None: a text export, one 'page') and how many were taken;
    `furniture` counts the page's number and running header and the rows' own numbers (序号)."""

    page: int | None
    grid: int
    grid_taken: int
    text: int
    text_taken: int
    furniture: int

    @property
    def printed(self) -> int:
        return self.grid + self.text + self.furniture

    @property
    def taken(self) -> int:
        return self.grid_taken + self.text_taken + self.furniture


@dataclass(frozen=True)
class Coverage:
    pages: tuple[PageCount, ...] = ()
    missed: tuple[Missed, ...] = ()

    @property
    def printed(self) -> int:
        return sum(page.printed for page in self.pages)

    @property
    def taken(self) -> int:
        return sum(page.taken for page in self.pages)

    @property
    def grid(self) -> int:
        return sum(page.grid for page in self.pages)

    @property
    def grid_taken(self) -> int:
        return sum(page.grid_taken for page in self.pages)

"""Stage 1, read, for documents as published (.docx, .pdf, .xlsx): each reader builds the layout's
structured form (`bplint.layout`: paragraphs, rows of cells with spans, pages, grids) from what it
sees, and beside it the lines findings point at and quote (Word export: a cell a line; PDF export:
a row a line), with the place of every line (bplint.location.Place: its page and the number printed on
it, a Word table's row and cell, a worksheet's row), which findings' locations are made of.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bplint import regexes
from bplint.layout import ACROSS, PDF, WORD, Block, Cell, Paragraph, Row
from bplint.location import Place
from bplint.messages import Message

# Control characters other than the tab that separates cells: never text a reviewer should see raw.
_CONTROL = regexes.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@dataclass(frozen=True)
class Notice:
    """A part of the document that was not read (a page, a worksheet): reported as BP005."""

    line: int
    message: Message  # why, as the catalogue says it (linter/messages.yaml)


@dataclass(frozen=True)
class Rendered:
    """A document as lines of text, each with where it is in the original."""

    lines: tuple[str, ...]
    locations: tuple[Place, ...]
    pages: tuple[int | None, ...]
    kind: str  # DOCX, PDF, XLSX
    notices: tuple[Notice, ...] = ()
    blocks: tuple[Block, ...] = ()
    # What the reader set aside as page furniture (running headers, page numbers): (page, text).
    furniture: tuple[tuple[int | None, str], ...] = ()


@dataclass(frozen=True)
class GridCell:
    """A cell as a reader sees it in its grid: its text (paragraphs as a list), span, coverage
    (`bplint.layout.ACROSS`/`DOWN`, or "" for a cell of its own)."""

    paragraphs: Sequence[str]
    span: int = 1
    covered: str = ""
    location: Place | None = None  # a Word cell's place; a PDF's cells are placed by their row
    # Not closed by rules on every side (a PDF's text under no cell, a cut row's rest): where a
    # page break cut a merged cell, its text goes on in the open cell across the break.
    open: bool = False
    down: bool = False  # open, and merged onto the row below it (no rule between)


class Builder:
    """Collects lines and their locations while a document is walked."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.locations: list[Place] = []
        self.pages: list[int | None] = []
        self.notices: list[Notice] = []
        self.blocks: list[Block] = []
        self.grids = 0
        self.furniture: list[tuple[int | None, str]] = []

    def add(self, text: str, place: Place) -> None:
        # A line of the layout never contains a line break; a cell's own are kept as further lines.
        self.lines.append(_CONTROL.sub(" ", text))
        self.locations.append(place)
        self.pages.append(place.page)

    def paragraph(self, text: str, place: Place, full: bool = False) -> None:
        """A line of running text; a blank one is a line and no paragraph."""
        self.add(text, place)
        if text.strip():
            self.blocks.append(Paragraph(self.lines[-1].strip(), len(self.lines), place.page, full))

    def set_aside(self, text: str, place: Place) -> None:
        """A line of page furniture: a blank line where it stood, its text kept for the count of
        the page's numbers (nothing printed goes unaccounted)."""
        self.add("", place)
        self.furniture.append((place.page, text))

    def grid(self) -> int:
        """The number of a new ruled grid, for its rows."""
        self.grids += 1
        return self.grids

    def pdf_row(self, cells: Sequence[GridCell], place: Place, grid: int | None = None) -> None:
        """A row on one line, its cells separated by tabs (the trailing tab keeps a short row a row)."""
        texts = [_CONTROL.sub(" ", " ".join(cell.paragraphs)).replace("\t", " ") for cell in cells]
        self.add("\t".join(texts) + "\t", place)
        page = place.page
        line, column, placed = len(self.lines), 1, []
        for cell, text in zip(cells, texts, strict=True):
            placed.append(Cell(text, line, column, cell.span, cell.covered))
            column += len(text) + 1
        self.blocks.append(Row(tuple(placed), line, line, PDF, page, grid))

    def word_row(self, cells: Sequence[GridCell], place: Place, grid: int | None = None) -> None:
        """A row as Word exports it: a cell a line after a tab, further paragraphs of a cell on
        lines of their own, a blank line after the row."""
        start, placed = len(self.lines) + 1, []
        if not cells:
            self.add("", place)
            return
        for cell in cells:
            first, *more = [_CONTROL.sub(" ", text) for text in cell.paragraphs] or [""]
            # An empty further paragraph is left out of the lines: a blank line would end the row.
            more = [text for text in more if text.strip()]
            self.add("\t" + first, cell.location or place)
            line = len(self.lines)
            for text in more:
                self.add(text, cell.location or place)
            placed.append(Cell("\n".join([first, *more]), line, 2, cell.span, cell.covered))
            # The positions a cell merged across covers follow it, so the row is as wide as its grid.
            placed += [Cell("", line, 2, 1, ACROSS)] * (cell.span - 1)
        end = len(self.lines)
        self.add("", place)
        self.blocks.append(Row(tuple(placed), start, end, WORD, None, grid))

    def notice(self, message: Message, place: Place) -> None:
        """Say, on a line of its own, that a part was not read."""
        self.add("", place)
        self.notices.append(Notice(len(self.lines), message))

    def done(self, kind: str) -> Rendered:
        return Rendered(
            tuple(self.lines),
            tuple(self.locations),
            tuple(self.pages),
            kind,
            tuple(self.notices),
            tuple(self.blocks),
            tuple(self.furniture),
        )

"""Every printed number accounted for: the numbers on each page matched to what the readers took
(bplint.model.coverage holds the result and says why it is measured)."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from bplint import regexes
from bplint.extract.lexicon import LEXICON
from bplint.layout import Block, Cell, Paragraph, Row
from bplint.model.coverage import Coverage, Missed, PageCount

# A printed number: digits with the separators a figure carries inside it (1,234.56 / 2022 / 95%).
NUMBER = regexes.compile(r"\d+(?:[.,，]\d+)*")
# A row's number standing first in it (1, 2 … of a 序号 column): no figure, the row's own.
_ROW_NUMBER = regexes.compile(r"\d{1,3}")


def count(text: str) -> int:
    return len(NUMBER.findall(text))


def measure(
    blocks: Iterable[Block],
    taken_cells: set[tuple[int, int]],
    taken_rows: set[int],
    untaken_cells: frozenset[tuple[int, int]] = frozenset(),
    furniture: Iterable[tuple[int | None, str]] = (),
) -> Coverage:
    """The coverage of `blocks`: a cell counts as taken where its (line, column) is in
    `taken_cells`, or its row's line is in `taken_rows` and the cell is not in `untaken_cells`
    (a row a sheet read but one cell it could not place); every paragraph is text the narrative
    reads; `furniture` is what the reader set aside as page furniture, by page."""
    pages: dict[int | None, list[int]] = {}
    missed: list[Missed] = []

    def tally(page: int | None) -> list[int]:
        return pages.setdefault(page, [0, 0, 0, 0, 0])

    for block in blocks:
        if isinstance(block, Paragraph):
            n = count(block.text)
            counts = tally(block.page)
            counts[2] += n
            counts[3] += n
            continue
        counts = tally(block.page)
        whole = block.line in taken_rows
        first = True  # until a cell with text is met
        for cell in block.cells:
            if cell.covered or not cell.value:
                continue
            is_first, first = first, False
            # The numbers found first: a cell printing none (a label, a sentence) counts nothing,
            # whatever else it is, and is asked nothing more.  Found as strings (findall costs
            # half of matches made into a list); their places are looked for only when missed.
            found = NUMBER.findall(cell.text)
            if not found:
                continue
            if is_first and _ROW_NUMBER.fullmatch(cell.value):
                counts[4] += 1  # the row's own number (序号), as a page's number is the page's
                continue
            if LEXICON.table_number.fullmatch(cell.value):
                counts[4] += len(found)  # the table's printed number (公开02表): its label
                continue
            counts[0] += len(found)
            at = (cell.line, cell.column)
            if (whole and at not in untaken_cells) or at in taken_cells:
                counts[1] += len(found)
                continue
            missed += [_missed(block, cell, m) for m in NUMBER.finditer(cell.text)]
    for page, text in furniture:
        tally(page)[4] += count(text)
    ordered = sorted(pages.items(), key=lambda item: (item[0] is None, item[0] or 0))
    return Coverage(tuple(PageCount(page, *counts) for page, counts in ordered), tuple(missed))


def _missed(row: Row, cell: Cell, match: regex.Match) -> Missed:
    # A Word cell's further paragraphs are lines of their own, from the first column.
    text = cell.text
    before = text[: match.start()]
    breaks = before.count("\n")
    at = cell.column + match.start() if not breaks else match.start() - before.rfind("\n")
    return Missed(row.page, cell.line + breaks, at, match.group(), row.grid, text.strip())

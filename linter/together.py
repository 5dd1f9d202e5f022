"""A disclosure published as several files, read as one document (`bplint a.pdf b.pdf --together`).

Some provinces publish the 说明 in one PDF and the tables in another.  Linted apart, the text's
figures have no table to be checked against and the tables no text; linted together, each file's
lines follow the one before's, every location names its file, and the rules see one document.

Why a flag and not a guess: files of one agency and year in a folder are not always one disclosure
(a 部门 budget beside its 单位 budgets, this year's beside last year's), and a wrong guess would
compare figures of two documents.  The reviewer who has the two files knows they belong together.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from bplint import layout
from bplint.layout import Block, Paragraph, Row
from bplint.location import Place
from bplint.read import Source

if TYPE_CHECKING:  # the readers of documents are not loaded to lint a text file
    from bplint.formats import Notice


@dataclass(frozen=True)
class Together:
    """The files of one disclosure, in the order given."""

    paths: tuple[str, ...]

    @property
    def name(self) -> str:
        return " + ".join(self.paths)


def joined(sources: list[Source]) -> Source:
    """One source of several: the lines of each after the lines of those before, a blank line
    between, every location led by its file's name; the layout's lines and grids renumbered."""
    text: list[str] = []
    locations: list[Place] = []
    pages: list[int | None] = []
    blocks: list[Block] = []
    notices: list[Notice] = []
    furniture: list[tuple[int | None, str]] = []
    grids = 0
    for source in sources:
        offset, name = len(text), Path(source.path).name
        own = list(source.blocks) if source.blocks is not None else list(layout.blocks(source.lines))
        blocks += [_shifted(block, offset, grids) for block in own]
        grids += max((b.grid or 0 for b in own if isinstance(b, Row)), default=0)
        if source.locations:
            locations += [replace(place, source=name) for place in source.locations]
        else:  # a text export: its own lines are what its reader finds
            locations += [Place(source=name, source_line=n) for n in range(1, len(source.lines) + 1)]
        pages += list(source.pages) if source.pages else [None] * len(source.lines)
        text += source.lines
        notices += [replace(notice, line=notice.line + offset) for notice in source.notices]
        furniture += list(source.furniture)
        text.append("")  # the files stay apart: no paragraph runs on from one into the next
        locations.append(Place(source=name))
        pages.append(None)
    digest = hashlib.sha256("".join(s.sha256 for s in sources).encode("ascii")).hexdigest()
    return Source(" + ".join(s.path for s in sources), "\n".join(text), "+".join(s.encoding for s in sources),
                  digest, tuple(locations), tuple(pages), tuple(notices), tuple(blocks),
                  tuple(furniture))  # fmt: skip


def _shifted(block: Block, offset: int, grids: int) -> Block:
    if isinstance(block, Paragraph):
        return replace(block, line=block.line + offset)
    cells = tuple(replace(cell, line=cell.line + offset) for cell in block.cells)
    grid = block.grid + grids if block.grid is not None else None
    return replace(block, cells=cells, line=block.line + offset, end_line=block.end_line + offset, grid=grid)

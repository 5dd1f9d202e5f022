"""A project sheet's title: the project name it gives, wrapped over two lines or printed as the first
row of the sheet's table (福州)."""

from __future__ import annotations

from typing import TypeGuard

from bplint import regexes
from bplint.extract.lexicon import LEXICON
from bplint.extract.text import clean, heading
from bplint.layout import Paragraph, Row


def sheet_title(text: str) -> str | None:
    """The project name a title gives, or None when it is no sheet title."""
    match = LEXICON.sheet_title.match(clean(heading(text)))
    if match is None or LEXICON.sheet_reference.search(match["name"]):
        return None  # `详见单位的项目绩效目标表` points to a sheet, it is none
    return match["name"].strip()


def row_title(row: Row) -> str | None:
    filled = row.filled
    if len(filled) == 1 and filled[0] is row.cells[0]:
        return sheet_title(filled[0].text)
    return None


def wraps_into(before: Paragraph | None, title: Paragraph) -> TypeGuard[Paragraph]:
    """The line before a sheet title is its first half: on the line right above, running to the
    page's margin (a PDF wraps there), no sentence of its own and no title by itself."""
    return (
        before is not None
        and before.full
        and before.line == title.line - 1
        and not _SENTENCE_STOP.search(before.text)
        and sheet_title(before.text) is None
    )


_SENTENCE_STOP = regexes.compile(r"[。；;：:]")

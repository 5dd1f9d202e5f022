"""Stage 1, read, for documents as published (.docx, .pdf, .xlsx): each is turned into the text
layout bplint already reads (Word export: a cell a line; PDF export: a row a line), with a
location for every line (`第3页`, `表2 行5 列6`, `工作表 收支总表 第4行`) that findings carry.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# Control characters other than the tab that separates cells: never text a reviewer should see raw.
_CONTROL = regex.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@dataclass(frozen=True)
class Notice:
    """A part of the document that was not read (a page, a worksheet): reported as BP005."""

    line: int
    zh: str
    en: str


@dataclass(frozen=True)
class Rendered:
    """A document as lines of text, each with where it is in the original."""

    lines: tuple[str, ...]
    locations: tuple[str, ...]
    pages: tuple[int | None, ...]
    kind: str  # DOCX, PDF, XLSX
    notices: tuple[Notice, ...] = ()


class Builder:
    """Collects lines and their locations while a document is walked."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.locations: list[str] = []
        self.pages: list[int | None] = []
        self.notices: list[Notice] = []

    def add(self, text: str, location: str, page: int | None = None) -> None:
        # A line of the layout never contains a line break; a cell's own are kept as further lines.
        self.lines.append(_CONTROL.sub(" ", text))
        self.locations.append(location)
        self.pages.append(page)

    def notice(self, zh: str, en: str, location: str, page: int | None = None) -> None:
        """Say, on a line of its own, that a part was not read."""
        self.add("", location, page)
        self.notices.append(Notice(len(self.lines), zh, en))

    def done(self, kind: str) -> Rendered:
        return Rendered(
            tuple(self.lines), tuple(self.locations), tuple(self.pages), kind, tuple(self.notices)
        )

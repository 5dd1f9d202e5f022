"""Stage 1, read, for documents as published (.docx, .pdf, .xlsx): each is turned into the text
layout bplint already reads (Word export: a cell a line; PDF export: a row a line), with a
location for every line (`第3页`, `表2 行5 列6`, `工作表 收支总表 第4行`) that findings carry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rendered:
    """A document as lines of text, each with where it is in the original."""

    lines: tuple[str, ...]
    locations: tuple[str, ...]
    pages: tuple[int | None, ...]
    kind: str  # DOCX, PDF, XLSX


class Builder:
    """Collects lines and their locations while a document is walked."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.locations: list[str] = []
        self.pages: list[int | None] = []

    def add(self, text: str, location: str, page: int | None = None) -> None:
        # A line of the layout never contains a line break; a cell's own are kept as further lines.
        self.lines.append(text.replace("\r", " ").replace("\n", " "))
        self.locations.append(location)
        self.pages.append(page)

    def done(self, kind: str) -> Rendered:
        return Rendered(tuple(self.lines), tuple(self.locations), tuple(self.pages), kind)

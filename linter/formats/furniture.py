"""Page furniture of a printed document: the running header at the top of every page and the page
number at its foot.  They are no part of what the document says, and left in place they cut a table
that runs over a page break into pieces, or put a page number between a label and its figures.

Found by repetition, never by a list of known headers: a line that opens at least three pages, and
at least a third of them, is a running header; a page's last line that is its page number (`- 7 -`,
`第 3 页`, `3/40`, or a bare number that counts up with the pages) is a page number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import regex

from bplint import regexes

_NUMBERED = regexes.compile(
    r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页)$"
)
_BARE = regexes.compile(r"^\d{1,4}$")
_MIN_PAGES = 3


def furniture(pages: Sequence[Sequence[str]]) -> list[set[int]]:
    """For each page (its text lines outside tables, top to bottom), the indexes of its furniture.

    A running header's first appearance is kept: on a document whose tables repeat their
    header row at each page's top, that first one is the table's header, not furniture.
    """
    found: list[set[int]] = [set() for _ in pages]
    for page, header in _headers(pages):
        found[page].add(header)
    for page, footer in _page_numbers(pages):
        found[page].add(footer)
    return found


def page_numbers(pages: Sequence[Sequence[str]]) -> list[int | None]:
    """Each page's printed number, read from the page number found at its foot (None if none)."""
    found: list[int | None] = [None] * len(pages)
    for page, index in _page_numbers(pages):
        number = _OF_PAGES.search(pages[page][index]) or _DIGITS.search(pages[page][index])
        if number is not None:  # (a page number found has its digits)
            found[page] = int(number.group(1))
    return found


_OF_PAGES = regexes.compile(r"第\s*(\d{1,4})\s*页")  # `共 40 页 第 3 页`: the page is the 第
_DIGITS = regexes.compile(r"(\d{1,4})")


def _first(lines: Sequence[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if line.strip()), None)


def _last(lines: Sequence[str]) -> int | None:
    return next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), None)


def _headers(pages: Sequence[Sequence[str]]):
    firsts = [(p, i, _key(lines[i])) for p, lines in enumerate(pages) if (i := _first(lines)) is not None]
    counts = Counter(key for _, _, key in firsts)
    seen: set[str] = set()
    for page, index, key in firsts:
        if counts[key] >= max(_MIN_PAGES, len(pages) / 3) and not _NUMBERED.match(key):
            if key in seen:
                yield page, index
            seen.add(key)


def _page_numbers(pages: Sequence[Sequence[str]]):
    lasts = [(p, i, _key(lines[i])) for p, lines in enumerate(pages) if (i := _last(lines)) is not None]
    # A bare number is a page number only where it counts up with the pages (`3` on the fifth page,
    # `4` on the sixth …): a table's last cell would not.
    offsets = Counter(int(key) - page for page, _, key in lasts if _BARE.match(key))
    for page, index, key in lasts:
        counts_up = _BARE.match(key) and offsets[int(key) - page] >= _MIN_PAGES
        if _NUMBERED.match(key) or counts_up:
            yield page, index


def _key(line: str) -> str:
    return regex.sub(r"\s+", " ", line.strip())

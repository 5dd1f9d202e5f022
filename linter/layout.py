"""Stage 2, layout: the one structured form every reader produces, and the text exports parsed
into it.

The form: paragraphs and table rows in document order, each with its line (where findings point)
and, for documents, its page; a row's cells with their grid spans; the rows of one ruled grid
share its number.  Readers of documents (.docx, .pdf, .xlsx) build it directly from the grid they
see (`bplint.formats.Builder`), so the model never guesses a grid again from text.  Text exports
carry no grid: this module reads one from the text.

Two export layouts reach bplint as text, and one document may mix them:

* Word export: each cell on its own line, starting with one tab; a row ends at
  a blank line; a merged cell is a line holding only the tab; a cell of several
  paragraphs continues on lines without the tab.
* PDF export: one row per line, cells separated by tabs; a merged cell is an
  empty field, so the row still has a field for it.

Which layout a line belongs to is read from the line itself, never configured.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from bplint import regexes

WORD = "word"
PDF = "pdf"
# How a grid position is covered by a merged cell.
ACROSS = "across"
DOWN = "down"

# Markers Word leaves in exported text: `[bookmark: _Toc_2_2_0000000001]`, `[bookmark: _GoBack]`.
_BOOKMARK = regexes.compile(r"\[bookmark: [^\]]*\]")
_SPACE = regexes.compile(r"\s+")
# PDF export wraps a cell's text with a space where the line broke (经济效益指 标),
# and Word pads labels (其中：财政    资金); between two Chinese characters a
# space never carries meaning.
_HAN_GAP = regexes.compile(r"(?<=[\p{Han}（）：、])[ \t\u3000\n]+(?=[\p{Han}（）：、])")

_T = TypeVar("_T")


class cached(Generic[_T]):
    """A property computed at its first read and kept in the instance's dict, where the next read
    finds it first: the readers ask a row's texts and a cell's value many times over.  A frozen
    dataclass allows it (the dict is written directly); functools.cached_property does the same
    but takes a lock at every first read in 3.11, which costs more than most of these do."""

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> _T:
        if instance is None:
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(frozen=True, init=False)
class Cell:
    """One table cell: its text (paragraphs joined by \\n) and where it starts.

    `span` is how many grid columns the cell covers (a cell merged across); `covered` marks a grid
    position with no text of its own, under a cell merged across from its left (ACROSS) or down
    from the row above (DOWN).  Text exports cannot tell either: there every cell spans one
    column and none is known to be covered.
    """

    text: str
    line: int
    column: int = 1
    span: int = 1
    covered: str = ""
    value: str = field(init=False, repr=False, compare=False)  # the text stripped
    label: str = field(init=False, repr=False, compare=False)  # its words, as a label: `label`
    clean: str = field(init=False, repr=False, compare=False)  # as a reader means it: `clean`

    def __init__(self, text: str, line: int, column: int = 1, span: int = 1, covered: str = "") -> None:
        # The readers ask nearly every cell's value, label and cleaned text, most of them several
        # times: each is worked out here, and the fields written at once into the instance's dict
        # (a frozen dataclass's own __init__ sets each through object.__setattr__, and a property
        # kept at its first read costs a call and a dict insertion more: twice the work a cell).
        self.__dict__.update(text=text, line=line, column=column, span=span, covered=covered,
                             value=text.strip(), label=label(text), clean=clean(text))  # fmt: skip

    @property
    def end(self) -> tuple[int, int]:
        """The line and column of the cell's last character (its start, for an empty cell): a cell's
        further paragraphs are lines of their own, from the first column."""
        *before, last = self.text.rstrip().split("\n")
        if not before:
            return self.line, self.column + max(len(last), 1) - 1
        return self.line + len(before), max(len(last), 1)


_VALUE, _LABEL = operator.attrgetter("value"), operator.attrgetter("label")


@dataclass(frozen=True)
class Row:
    """One table row as exported: cells in order, the layout it came in, its lines; for documents
    its page and the ruled grid it belongs to (numbered through the document).  Where the grid is
    known, the cells stand at its positions, a merged cell followed by the positions it covers;
    in a text export (grid None) a Word row has one cell for a merged one."""

    cells: tuple[Cell, ...]
    line: int
    end_line: int
    layout: str
    page: int | None = None
    grid: int | None = None

    # (map and filter with an attrgetter: a generator's frame a cell costs more than the rest)
    @cached
    def texts(self) -> tuple[str, ...]:
        return tuple(map(_VALUE, self.cells))

    @cached
    def labels(self) -> tuple[str, ...]:
        """Each cell's label (`Cell.label`), in order."""
        return tuple(map(_LABEL, self.cells))

    def text(self, index: int) -> str:
        return self.cells[index].value if index < len(self.cells) else ""

    @cached
    def filled(self) -> tuple[Cell, ...]:
        return tuple(filter(_VALUE, self.cells))


@dataclass(frozen=True)
class Paragraph:
    """A line of running text (headings, narrative, notes).

    `full` says the line reaches the right margin of its page: a PDF wraps a paragraph there, so
    the text goes on in the next line even when the line starts like a heading
    (`（1）一般公共服务支出（类）社会工作事务（款）其` / `他社会工作事务支出（项）0.19 万元`).
    Text exports and Word keep a paragraph on one line: there it is never set.
    """

    text: str
    line: int
    page: int | None = None
    full: bool = False


Block = Row | Paragraph


def strip_markers(text: str) -> str:
    """Drop Word's bookmark markers (they are not the document's words)."""
    return _BOOKMARK.sub("", text) if "[bookmark:" in text else text


def clean(text: str) -> str:
    """A cell's text as a reader means it: wrap spaces between Chinese removed."""
    text = text.strip()
    # Of the gap's characters only the space is printable: most cells hold none, and a
    # pattern's call costs ten times these two tests.
    if " " not in text and text.isprintable():
        return text
    return _HAN_GAP.sub("", text)


def label(text: str) -> str:
    """A header or label cell compared by its words only: no white space at all."""
    # A printable text's only white space is the space (tests/test_layout_text.py checks every
    # character): most labels are, and a replace costs a tenth of the pattern's call.
    return text.replace(" ", "") if text.isprintable() else _SPACE.sub("", text)


def is_word_cell(line: str) -> bool:
    return line.startswith("\t") and line.count("\t") == 1


def blocks(lines: list[str]) -> Iterator[Block]:
    """Paragraphs and rows in document order (line numbers are 1-based)."""
    index = 0
    while index < len(lines):
        line = lines[index]
        # Each line's layout is asked once: a line with no tab is neither a Word cell nor a PDF row.
        if "\t" not in line:
            if line.strip():
                yield Paragraph(strip_markers(line).strip(), index + 1)
            index += 1
        elif is_word_cell(line):
            row, index = _word_row(lines, index)
            yield row
        else:
            yield _pdf_row(line, index + 1)
            index += 1


def _pdf_row(line: str, number: int) -> Row:
    cells, column = [], 1
    for text in strip_markers(line).split("\t"):
        cells.append(Cell(text, number, column))
        column += len(text) + 1
    # A trailing tab ends the row; it adds no cell.
    if len(cells) > 1 and not cells[-1].text:
        cells.pop()
    return Row(tuple(cells), number, number, PDF)


def _word_row(lines: list[str], start: int) -> tuple[Row, int]:
    """Read cells from `start` to the blank line that ends the row."""
    cells: list[Cell] = []
    index = start
    while index < len(lines):
        line = lines[index]
        tabbed = "\t" in line  # a Word cell or a PDF row, told apart once
        if tabbed and is_word_cell(line):
            cells.append(Cell(strip_markers(line[1:]), index + 1, 2))
        elif not line.strip() and cells and _goes_on(cells[-1].text, lines, index + 1):
            last = cells[-1]  # an empty paragraph inside the cell: the next item of its list follows
            cells[-1] = Cell(f"{last.text}\n", last.line, last.column)
        elif tabbed or not line.strip():
            break  # a PDF row, or the blank line that ends the row
        else:
            # A further paragraph of the cell above.
            last = cells[-1]
            cells[-1] = Cell(f"{last.text}\n{strip_markers(line)}", last.line, last.column)
        index += 1
    return Row(tuple(cells), start + 1, index, WORD), index


# `1、…` / `2、…`: the numbered items of one cell's list.
_NUMBERED_ITEM = regexes.compile(r"^\s*(\d{1,2})([、.．])")


def _goes_on(text: str, lines: list[str], after: int) -> bool:
    """Whether the line after a blank one is the next numbered item of the cell's list (a cell
    whose paragraphs are `1、…`, an empty paragraph, `2、…`): Word writes the empty paragraph as a
    blank line, which elsewhere ends the row."""
    if after >= len(lines) or "\t" in lines[after]:  # a Word cell or a PDF row
        return False
    last = _NUMBERED_ITEM.match(text.rstrip().rsplit("\n", 1)[-1])
    following = _NUMBERED_ITEM.match(lines[after])
    if last is None or following is None:
        return False
    return int(following[1]) == int(last[1]) + 1 and following[2] == last[2]

"""Word documents (.docx) with python-docx: paragraphs and tables in body order, written in the
layout of Word's own text export, so that merged cells read as they do there: a cell spanning
columns is one cell, a cell merged down from the row above is an empty cell.

Text inside content controls (w:sdt) and tables nested in a cell is read too: nothing a reader
sees in Word is left out.
"""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from bplint.formats import Builder, Rendered
from bplint.limits import Limits

_P, _TBL, _SDT, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tr"), qn("w:tc")


def render(data: bytes, limits: Limits | None = None) -> Rendered:
    document = docx.Document(io.BytesIO(data))
    out = Builder()
    paragraphs = tables = 0
    for element in _blocks(document.element.body):
        if element.tag == _P:
            paragraphs += 1
            out.add(_text(element), f"段落{paragraphs}")
        else:
            tables += 1
            _table(element, tables, out)
    return out.done("DOCX")


def _blocks(parent):
    """Paragraphs and tables in order, looking inside content controls."""
    return _within(parent, (_P, _TBL))


def _within(parent, tags: tuple[str, ...]):
    """The children of `parent` with these tags, in order, those inside content controls (w:sdt)
    included: Word wraps paragraphs, tables, rows and cells in them alike."""
    for element in parent.iterchildren():
        if element.tag in tags:
            yield element
        elif element.tag == _SDT:
            content = element.find(qn("w:sdtContent"))
            if content is not None:
                yield from _within(content, tags)


def _table(table, number: int, out: Builder) -> None:
    for r, row in enumerate(_rows(table), 1):
        for c, cell in enumerate(_cells(row), 1):
            where = f"表{number} 行{r} 列{c}"
            merged = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merged is not None and merged.get(qn("w:val")) in (None, "continue"):
                out.add("\t", where)  # merged down from the row above
                continue
            paragraphs = _cell_lines(cell) or [""]
            out.add("\t" + paragraphs[0], where)
            # Further paragraphs continue the cell on lines without the tab; an empty one is left
            # out, as a blank line would end the row.
            for more in paragraphs[1:]:
                if more.strip():
                    out.add(more, where)
        out.add("", f"表{number} 行{r}")


def _rows(table):
    return _within(table, (_TR,))


def _cells(row):
    return _within(row, (_TC,))


def _cell_lines(cell) -> list[str]:
    """A cell's paragraphs; a table nested in it gives a line a row, its cells joined by spaces."""
    lines = []
    for block in _blocks(cell):
        if block.tag == _P:
            lines.append(_text(block))
        else:
            for row in _rows(block):
                texts = (" ".join(_cell_lines(inner)).strip() for inner in _cells(row))
                lines.append(" ".join(text for text in texts if text))
    return lines


def _text(paragraph) -> str:
    """A paragraph's text; tabs and line breaks inside it become spaces (a tab separates cells)."""
    text = qn("w:t")
    return "".join((node.text or "") if node.tag == text else " "
                   for node in paragraph.iter(text, qn("w:tab"), qn("w:br")))  # fmt: skip

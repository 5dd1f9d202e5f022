"""Word documents (.docx) with python-docx: paragraphs and tables in body order, as the layout's
rows and paragraphs, with lines in the layout of Word's own text export.  Merged cells are read
from the grid: a cell spanning columns (w:gridSpan) is one cell with its span, a cell merged down
from the row above (w:vMerge) a covered, empty cell.

Text inside content controls (w:sdt) and tables nested in a cell is read too: nothing a reader
sees in Word is left out.
"""

from __future__ import annotations

import io

import docx  # noqa: F401 - registers its part types, which Package.open needs
from docx.opc.part import PartFactory
from docx.oxml.ns import qn
from docx.package import Package
from docx.parts.document import DocumentPart

from bplint.formats import Builder, GridCell, Rendered
from bplint.layout import DOWN
from bplint.limits import Limits
from bplint.location import Place

_P, _TBL, _SDT, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tr"), qn("w:tc")


# Word opens a macro document (.docm) or a template renamed .docx as any document; python-docx
# refuses them by content type alone ("文件已损坏").  Their text is the same WordprocessingML, read
# as such; macros are never run (bplint reads the document part only).
_MAIN_PARTS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
for _kind in _MAIN_PARTS:
    PartFactory.part_type_for.setdefault(_kind, DocumentPart)


def render(data: bytes, limits: Limits | None = None) -> Rendered:
    document = Package.open(io.BytesIO(data)).main_document_part.document
    out = Builder()
    paragraphs = tables = 0
    for element in blocks(document.element.body):
        if element.tag == _P:
            paragraphs += 1
            out.paragraph(_text(element), Place(paragraph=paragraphs))
        else:
            tables += 1
            _table(element, tables, out)
    return out.done("DOCX")


def blocks(parent):
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
    grid = out.grid()
    for r, row in enumerate(rows(table), 1):
        placed = [_grid_cell(cell, Place(grid=number, row=r, cell=c)) for c, cell in enumerate(cells(row), 1)]
        out.word_row(placed, Place(grid=number, row=r), grid)


def _grid_cell(cell, where: Place) -> GridCell:
    properties = cell.find(qn("w:tcPr"))
    span = properties.find(qn("w:gridSpan")) if properties is not None else None
    columns = int(span.get(qn("w:val"), "1")) if span is not None and _number(span) else 1
    merged = properties.find(qn("w:vMerge")) if properties is not None else None
    if merged is not None and merged.get(qn("w:val")) in (None, "continue"):
        return GridCell([""], columns, DOWN, where)  # merged down from the row above
    return GridCell(_cell_lines(cell) or [""], columns, "", where)


def _number(element) -> bool:
    value = element.get(qn("w:val"), "1")
    return value.isdigit() and 0 < int(value) <= 64


def rows(table):
    return _within(table, (_TR,))


def cells(row):
    return _within(row, (_TC,))


def _cell_lines(cell) -> list[str]:
    """A cell's paragraphs; a table nested in it gives a line a row, its cells joined by spaces."""
    lines = []
    for block in blocks(cell):
        if block.tag == _P:
            lines.append(_text(block))
        else:
            for row in rows(block):
                texts = (" ".join(_cell_lines(inner)).strip() for inner in cells(row))
                lines.append(" ".join(text for text in texts if text))
    return lines


def _text(paragraph) -> str:
    """A paragraph's text; tabs and line breaks inside it become spaces (a tab separates cells)."""
    text = qn("w:t")
    return "".join((node.text or "") if node.tag == text else " "
                   for node in paragraph.iter(text, qn("w:tab"), qn("w:br")))  # fmt: skip

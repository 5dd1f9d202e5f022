"""Word documents (.docx) with python-docx: paragraphs and tables in body order, written in the
layout of Word's own text export, so that merged cells read as they do there: a cell spanning
columns is one cell, a cell merged down from the row above is an empty cell.
"""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from bplint.formats import Builder, Rendered


def render(data: bytes) -> Rendered:
    document = docx.Document(io.BytesIO(data))
    out = Builder()
    paragraphs = tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraphs += 1
            out.add(_text(element), f"段落{paragraphs}")
        elif element.tag == qn("w:tbl"):
            tables += 1
            _table(element, tables, out)
    return out.done("DOCX")


def _table(table, number: int, out: Builder) -> None:
    for r, row in enumerate(table.iterchildren(qn("w:tr")), 1):
        for c, cell in enumerate(row.iterchildren(qn("w:tc")), 1):
            where = f"表{number} 行{r} 列{c}"
            merged = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merged is not None and merged.get(qn("w:val")) in (None, "continue"):
                out.add("\t", where)  # merged down from the row above
                continue
            paragraphs = [_text(p) for p in cell.iterchildren(qn("w:p"))] or [""]
            out.add("\t" + paragraphs[0], where)
            # Further paragraphs continue the cell on lines without the tab; an empty one is left
            # out, as a blank line would end the row.
            for more in paragraphs[1:]:
                if more.strip():
                    out.add(more, where)
        out.add("", f"表{number} 行{r}")


def _text(paragraph) -> str:
    """A paragraph's text; tabs and line breaks inside it become spaces (a tab separates cells)."""
    text = qn("w:t")
    return "".join((node.text or "") if node.tag == text else " "
                   for node in paragraph.iter(text, qn("w:tab"), qn("w:br")))  # fmt: skip

"""A Word document with its findings as comments (`--annotate OUT.docx`): each on the paragraph
or table cell the finding is in, by bplint, its text the message and what to do; the input is
never written.  The paragraphs and cells are found the way bplint's Word reader counted them
(bplint.formats.docx: the body's paragraphs and tables in order, inside content controls too)."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from bplint.formats import docx as reader
from bplint.language import Lang
from bplint.lint import FileResult
from bplint.report.annotate import note

_AUTHOR, _INITIALS = "bplint", "BP"


def commented(result: FileResult, data: bytes, lang: Lang = "zh", rules: dict | None = None) -> bytes:
    """A copy of the .docx `data` with a comment for each finding of `result`."""
    document = Document(io.BytesIO(data))
    paragraphs, cells = _walk(document)
    body = paragraphs[0] if paragraphs else None
    for finding in result.findings:
        where = finding.location
        target = None
        if where is not None and where.paragraph is not None:
            target = paragraphs[where.paragraph - 1] if where.paragraph <= len(paragraphs) else None
        elif where is not None and where.cell is not None:
            target = cells.get(where.cell)
        target = target if target is not None else body
        if target is None:
            continue  # a document without a paragraph has nowhere to comment
        paragraph = Paragraph(target, document)
        runs = paragraph.runs or [paragraph.add_run("")]
        document.add_comment(runs, text=note(finding, lang, rules), author=_AUTHOR, initials=_INITIALS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _walk(document) -> tuple[list, dict[tuple[int, int, int], object]]:
    """The body's paragraphs (w:p) in the reader's order, and each table cell's first paragraph
    by (table, row, cell), numbered as the reader numbers them."""
    paragraphs, cells = [], {}
    tables = 0
    for element in reader.blocks(document.element.body):
        if element.tag == qn("w:p"):
            paragraphs.append(element)
            continue
        tables += 1
        for r, row in enumerate(reader.rows(element), 1):
            for c, cell in enumerate(reader.cells(row), 1):
                first = next((p for p in cell.iter(qn("w:p"))), None)
                if first is not None:
                    cells[(tables, r, c)] = first
    return paragraphs, cells

"""bplint's table finder (bplint.formats.pdftables) finds exactly the tables, rows and cells
pdfplumber's default `page.find_tables()` finds, to the last bit of every corner: on pages Chromium
prints here with the rules real disclosures are drawn with, and on every page of the shared PDFs."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from bplint.formats import pdf, pdftables
from tests.documents import print_pdf
from tests.external import EXTERNAL, every_pdf, needs_external
from tests.test_layouts import ruled_page
from tests.test_structure import COLUMNS, HEADER, _items

_CELLS = "<tr><td>一般公共服务支出</td><td>1,000.00</td><td>600.00</td></tr>" * 3
# Each table ruled another way: collapsed 1px rules with merged cells; thick rules (filled
# rectangles); separate borders (each cell its own rectangle, a gap between); dashed and dotted rules
# (runs of short segments to join); a one-cell box; a table run over a page break.
_BODY = (
    f"<table>{COLUMNS}{HEADER}{_items(0, 4)}</table>"
    f"<p>表</p><table style='border:3px solid #000'>{_CELLS}</table>"
    f"<p>表</p><table style='border-collapse:separate;border-spacing:2px'>{_CELLS}</table>"
    f"<p>表</p><table style='border:1px dashed #000'><tr><td style='border-style:dashed'>甲</td>"
    f"<td style='border-style:dotted'>乙</td></tr>{_CELLS}</table>"
    "<p>表</p><table><tr><td>2026 年本单位支出预算 77,700.00 万元。</td></tr></table>"
    f"<p>表2</p><table>{COLUMNS}{HEADER}{_items(0, 40)}</table>"
)


def _found(tables) -> list:
    return [(t.bbox, [(row.cells, row.bbox) for row in t.rows]) for t in tables]


def _same_on_every_page(data: bytes, engine: str | None) -> int:
    """Compares the two on each page (objects from PDFium unless `engine` is pdfminer); the
    number of tables found."""
    pdfium = pdf._engine(data) if engine is None else None
    found = 0
    with pdfplumber.open(io.BytesIO(data)) as document:
        for number, page in enumerate(document.pages, 1):
            if pdfium is not None:
                pdf._fast(pdfium, page, number, 10**7)
            theirs = _found(page.find_tables())
            assert _found(pdftables.find_tables(*pdftables.edges(page.objects))) == theirs, number
            found += len(theirs)
    return found


@pytest.fixture(scope="module")
def printed() -> bytes:
    return print_pdf(ruled_page(_BODY))


@pytest.mark.parametrize("engine", [None, "pdfminer"])
def test_printed_tables_are_pdfplumbers(printed, engine):
    assert _same_on_every_page(printed, engine) >= 7


@pytest.mark.parametrize("name", every_pdf())
@needs_external[0]
@needs_external[1]
def test_shared_pdfs_tables_are_pdfplumbers(name):
    data = (EXTERNAL / name).read_bytes()
    try:
        pdfplumber.open(io.BytesIO(data)).close()
    except Exception:  # a file pdfplumber cannot open has no tables of its to compare with
        pytest.skip(f"pdfplumber cannot open {name}")
    _same_on_every_page(data, None)

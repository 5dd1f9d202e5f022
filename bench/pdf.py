"""Seconds a page for each shared PDF: bplint's reading, a bare pdfplumber script, and PDFium's bare
text (pypdfium2, when installed): `python bench/pdf.py [FOLDER]` (default ../shared/external).

The floor is PDFium's text alone; bplint needs positions and ruling lines as well, so the gap to
it bounds what a faster engine could win.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pdfplumber

from bplint.formats import pdf as reader

FOLDER = (
    Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "external"
)
try:
    import pypdfium2
except ImportError:
    pypdfium2 = None


def bare_pdfplumber(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            page.extract_text()
            page.find_tables()
            page.close()


def bare_pdfium(data: bytes) -> None:
    document = pypdfium2.PdfDocument(data)
    for page in document:
        page.get_textpage().get_text_range()


def timed(fn, data: bytes) -> float:
    start = time.perf_counter()
    fn(data)
    return time.perf_counter() - start


print(f"{'file':<40} {'pages':>5} {'bplint':>9} {'pdfplumber':>11} {'pdfium':>9}   s/page")
for path in sorted(FOLDER.glob("*.pdf")):
    data = path.read_bytes()
    pages = len(pypdfium2.PdfDocument(data)) if pypdfium2 else 0
    ours = timed(reader.render, data)
    plumber = timed(bare_pdfplumber, data)
    fast = timed(bare_pdfium, data) if pypdfium2 else float("nan")
    per = max(pages, 1)
    print(f"{path.name:<40} {pages:>5} {ours / per:9.3f} {plumber / per:11.3f} {fast / per:9.4f}"
          f"   ×{ours / fast:5.0f} of pdfium")  # fmt: skip

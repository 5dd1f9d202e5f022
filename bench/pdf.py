"""Seconds a page for each shared PDF, medians of three runs: bplint's reading (characters and
ruling lines from PDFium), the same with pdfminer's parser (`BPLINT_PDF_ENGINE=pdfminer`), a bare
pdfplumber script, and PDFium's bare text: `python bench/pdf.py [FOLDER]` (default ../shared/external).

PDFium's text alone is the floor; bplint also needs positions and ruling lines, finds the tables
and groups each cell's characters into text (pdfplumber's own algorithms, in Python).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pdfplumber
import pypdfium2
from timing import median

from bplint.formats import pdf as reader

FOLDER = (
    Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "external"
)


def bplint_pdfium(data: bytes) -> None:
    os.environ.pop("BPLINT_PDF_ENGINE", None)
    reader.render(data)


def bplint_pdfminer(data: bytes) -> None:
    os.environ["BPLINT_PDF_ENGINE"] = "pdfminer"
    reader.render(data)


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
    return median(lambda: fn(data), 3)


RUNS = (bplint_pdfium, bplint_pdfminer, bare_pdfplumber, bare_pdfium)
print(
    f"{'file':<36} {'pages':>5} {'bplint':>8} {'pdfminer':>9} {'plumber':>8} {'pdfium':>8}  s/page  speed-up"
)
totals = [0.0] * len(RUNS)
for path in sorted(FOLDER.glob("*.pdf")):
    data = path.read_bytes()
    pages = len(pypdfium2.PdfDocument(data))
    times = [timed(fn, data) for fn in RUNS]
    totals = [a + b for a, b in zip(totals, times, strict=True)]
    cells = " ".join(f"{t / pages:{w}.4f}" for t, w in zip(times, (8, 9, 8, 8), strict=True))
    print(f"{path.name:<36} {pages:>5} {cells}  ×{times[1] / times[0]:.1f} of pdfminer")
print(f"{'all':<36} {'':>5} " + " ".join(f"{t:{w}.2f}" for t, w in zip(totals, (8, 9, 8, 8), strict=True))
      + f"  seconds in all; ×{totals[1] / totals[0]:.1f} of pdfminer")  # fmt: skip

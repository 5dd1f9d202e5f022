"""Seconds a page for shared PDFs read upright and turned (every page drawn turned and set upright
by its /Rotate, tests/hostile.turned), medians of five runs in the same process, the upright and
the turned read in turn so that the machine's drift falls on both:
`python bench/turned.py [NAME ...]` (default: three of ../shared/external).

The upright read is the floor: a turned page should cost what its upright twin does.  The last
column is the turned copy read by pdfminer's interpreter, as every turned page was before
PDFium read them (`BPLINT_PDF_ENGINE=pdfminer`).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.hostile builds the turned copies

from bplint.formats import pdf as reader  # noqa: E402
from tests.hostile import turned  # noqa: E402

FOLDER = ROOT.parent / "shared" / "external"
NAMES = sys.argv[1:] or ["hangzhou-qixiang-2026", "xian-bangongting-2026", "shanghai-gongan-xingji-2026"]


def seconds(data: bytes, engine: str = "") -> float:
    if engine:
        os.environ["BPLINT_PDF_ENGINE"] = engine
    try:
        start = time.perf_counter()
        reader.render(data)
        return time.perf_counter() - start
    finally:
        os.environ.pop("BPLINT_PDF_ENGINE", None)


def paired(upright: bytes, other: bytes, runs: int = 5) -> tuple[float, float, float]:
    """Medians of the upright read, the turned read and their ratio run by run."""
    times = [(seconds(upright), seconds(other)) for _ in range(runs)]
    return (statistics.median(a for a, _ in times), statistics.median(b for _, b in times),
            statistics.median(b / a for a, b in times))  # fmt: skip


print(f"{'file':<30} {'pages':>5} {'upright':>8} {'turned':>8} {'ratio':>6}   {'turned, pdfminer':>16}")
for name in NAMES:
    data = (FOLDER / f"{name}.pdf").read_bytes()
    pages = len(pypdfium2.PdfDocument(data))
    for angle in (90, 180, 270):
        other = turned(data, angle)
        upright, took, ratio = paired(data, other)
        slow = seconds(other, "pdfminer")
        print(f"{name[:26] + f' {angle}':<30} {pages:>5} {upright / pages:8.4f} {took / pages:8.4f} "
              f"×{ratio:5.2f}   {slow / pages:8.4f} (×{slow / upright:4.1f})")  # fmt: skip

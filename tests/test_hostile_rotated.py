"""Turned pages (issue 30, R1): a real disclosure whose every page is drawn turned and set upright
by its /Rotate looks identical when viewed or printed, and must read as its upright twin: the same
lines, tables and findings, read by PDFium as fast (bench/turned.py times it)."""

from __future__ import annotations

import pytest

from bplint.catalog import load_rules
from bplint.formats import pdf, pdfium
from bplint.lint import lint_path
from tests import hostile
from tests.external import EXTERNAL, needs_external

pytestmark = needs_external
RULES = load_rules()


def _findings(path) -> list[tuple]:
    result = lint_path(str(path), RULES, "zh")
    found = [(f.rule, f.severity, f.page, f.message) for f in result.findings]
    return [found, result.stats]


@pytest.mark.parametrize(
    ("name", "angle"),
    [("hangzhou-qixiang-2026", 90), ("hangzhou-qixiang-2026", 180), ("hangzhou-qixiang-2026", 270),
     ("xian-bangongting-2026", 270), ("shanghai-gongan-xingji-2026", 180)],
)  # fmt: skip
def test_a_disclosure_on_turned_pages_reads_as_its_upright_twin(tmp_path, name, angle):
    upright = (EXTERNAL / f"{name}.pdf").read_bytes()
    path = tmp_path / f"{name}-{angle}.pdf"
    path.write_bytes(hostile.turned(upright, angle))
    assert pdf.render(path.read_bytes()).lines == pdf.render(upright).lines
    assert _findings(path) == _findings(EXTERNAL / f"{name}.pdf")


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_turned_pages_are_read_by_pdfium(angle):
    """Not left to pdfminer's interpreter in Python (3.6× slower a page): PDFium gives every page's
    characters and rules, turned as the page is shown."""
    data = hostile.turned((EXTERNAL / "hangzhou-qixiang-2026.pdf").read_bytes(), angle)
    engine = pdfium.Engine(data)
    try:
        pages = [engine.objects(i, 0.0, i + 1, 100_000) for i in range(len(engine.document))]
    finally:
        engine.close()
    assert all(page is not None and page["char"] for page in pages)

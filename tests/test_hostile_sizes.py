"""Linear time on hostile sizes (issue 30, R6): inputs that took minutes, bounded only by the file
timeout, finish in seconds (bench/hostile.py times them; no test here is timed).

- a 10 MB narrative line and a million lines: text past `text-chars`/`text-lines` is refused,
  naming the bound and how to raise it, before any of it is linted; below the bounds the narrative
  is read in time linear in a paragraph's length;
- 20 MB of NUL after `%PDF`, before a real PDF's body or after it: pdfminer's line reading and
  tokens (quadratic in a line's length, one call a NUL byte) replaced by linear ones;
- a page ruled 300×300: pdfplumber's cells found from crossings (quadratic in the crossings)
  replaced by a linear search, and a cell's span counted by bisection;
- a workbook repeating one shared string of a megabyte: reading stops at `text-chars`.
"""

from __future__ import annotations

import io
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer.psparser import PSEOF, PSBaseParser
from pdfplumber.table import edges_to_intersections

from bplint import read
from bplint.catalog import load_rules
from bplint.formats import pdf, pdfcells, pdflines
from bplint.limits import Limits
from bplint.lint import lint_source
from tests import hostile
from tests.conftest import SEEDS

RULES = load_rules()


def _refusal(data: bytes, name: str, limits: Limits | None = None) -> str:
    try:
        read.decode(data, name, limits)
    except read.ReadError as error:
        return error.zh
    return ""


def test_a_ten_megabyte_line_is_refused_naming_the_bound():
    sentence = "本部门2026年一般公共预算支出5,876.67万元，比上年增加123.61万元，增长2.1%，原因是人员增加。"
    line = sentence * (10 * 1024 * 1024 // len(sentence.encode()))
    assert "超过 1,000,000 个字符的上限" in _refusal(line.encode(), "line.txt")
    assert "--limit text-chars=" in _refusal(line.encode(), "line.txt")


def test_a_million_lines_are_refused_naming_the_bound():
    lines = "".join(f"{i}\n" for i in range(1_000_000)).encode()
    assert "--limit text-chars=" in _refusal(lines, "lines.txt")
    short = b"x\n" * 100_000  # 200,000 characters, under text-chars
    assert "超过 50,000 行的上限（读到 100,000 行）" in _refusal(short, "short.txt")
    assert _refusal(short, "short.txt", Limits(text_lines=100_000)) == ""  # raised, it is read


def test_a_seed_is_within_the_bounds_by_far():
    text = SEEDS["001"].read_bytes()
    assert _refusal(text, "001.txt") == ""
    assert "text-lines" in _refusal(text, "001.txt", Limits(text_lines=1000))


def test_a_workbook_repeating_a_megabyte_string_is_refused_while_read():
    data = hostile.repeated_string(1000, 1)  # 9 KB that would make a gigabyte of text
    assert len(data) < 20_000
    assert "--limit text-chars=" in _refusal(data, "shared.xlsx")


def test_a_nul_flood_after_the_header_is_called_damaged():
    assert "PDF 文件已损坏" in _refusal(b"%PDF-1.4\n" + b"\0" * (20 * 1024 * 1024), "nul.pdf")


def test_a_pdf_with_a_nul_flood_after_it_reads_as_without():
    page = hostile.one_page(hostile.TEXT)
    assert pdf.render(page + b"\0" * (20 * 1024 * 1024)).lines == pdf.render(page).lines


def test_a_page_ruled_300_by_300_is_read():
    source = read.decode(hostile.ruled(300), "ruled.pdf")
    assert "Budget" in source.text and source.text.count("\t") >= 300 * 299  # its rows of cells
    assert [f.rule for f in lint_source(source, RULES, "zh").findings] == ["BP002"]


def _lines(data: bytes, nextline, size: int) -> list:
    parser = PSBaseParser(io.BytesIO(data))
    parser.BUFSIZ = size
    found = []
    try:
        while True:
            found.append(nextline(parser))
    except PSEOF:
        return found


def _back(data: bytes, revreadlines, size: int) -> list:
    parser = PSBaseParser(io.BytesIO(data))
    parser.BUFSIZ = size
    return list(revreadlines(parser))


_BYTES = st.binary(max_size=80).map(lambda b: bytes(b"ab\r\n\0 "[x % 6] for x in b))  # line breaks often


@settings(max_examples=300, deadline=None)
@given(_BYTES, st.sampled_from([3, 7, 4096]))
def test_lines_are_pdfminers(data, size):
    nextline, revreadlines = pdflines.PDFMINER
    assert _lines(data, pdflines._nextline, size) == _lines(data, nextline, size)
    assert _back(data, pdflines._revreadlines, size) == _back(data, revreadlines, size)


def _edge(orientation: str, start: int, end: int, at: int) -> dict:
    if orientation == "h":
        return {"orientation": "h", "x0": start, "x1": end, "top": at, "bottom": at}
    return {"orientation": "v", "x0": at, "x1": at, "top": start, "bottom": end}


def test_cells_are_pdfplumbers():
    rng = random.Random(30)
    for _ in range(500):
        edges = []
        for _ in range(rng.randint(1, 16)):
            start = rng.randint(0, 10)
            edges.append(_edge(rng.choice("hv"), start, rng.randint(start, 12), rng.randint(0, 12)))
        crossings = edges_to_intersections(edges, 1, 1)
        assert pdfcells.intersections_to_cells(crossings) == pdfcells.PDFPLUMBER(crossings)

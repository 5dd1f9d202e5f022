"""Documents as published: .docx, .pdf and .xlsx built here from seed content give the findings the
seed text gives for the same content; broken, locked and scanned files get a clear BP001.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest

from bplint.catalog import load_rules
from bplint.layout import ACROSS, DOWN, Row
from bplint.lint import lint_path, lint_source
from bplint.read import decode, read_path
from tests.documents import PDF_TEXT, WORD_TEXT, docx_of, html_of, print_pdf, saved, xlsx_of
from tests.tools import CHROMIUM

RULES = load_rules()


def findings_of(result) -> Counter:
    """What a finding says, wherever its line is: rule, project, message."""
    return Counter((f.rule, f.project, f.message) for f in result.findings)


def text_findings(text: str) -> Counter:
    return findings_of(lint_source(decode(text.encode("utf-8"), "seed.txt"), RULES, "zh"))


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# -- .docx --------------------------------------------------------------------------------------


def test_docx_gives_the_findings_of_the_text(tmp_path):
    expected = text_findings(WORD_TEXT)
    assert {rule for rule, _, _ in expected} >= {"BP202", "BP203", "BP208"}
    result = lint_path(_write(tmp_path, "sheets.docx", docx_of(WORD_TEXT)), RULES, "zh")
    assert result.document.tables[0].kind == "收支总表"
    assert findings_of(result) == expected
    located = next(f for f in result.findings if f.rule == "BP203")
    # Word has no pages: the project's sheet and the row, as the document names them.
    assert located.where("zh") == "项目“机关会议工作经费”"


def test_docx_vertically_merged_first_level_cell_applies_to_every_row(tmp_path):
    document = docx.Document()
    document.add_paragraph("1.接待费绩效目标表")
    table = document.add_table(rows=3, cols=6)
    header = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
    rows = [["产出指标", "数量指标", "接待次数", "会务接待", "≥50次", "工作计划"],
            ["", "成本指标", "接待经费", "全年接待支出", "≥30万元", "预算"]]  # fmt: skip
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for r, values in enumerate(rows, 1):
        for cell, text in zip(table.rows[r].cells, values, strict=True):
            cell.text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # 产出指标 spans both rows
    result = lint_path(_write(tmp_path, "merged.docx", saved(document)), RULES, "zh")
    assert [i.level1 for i in result.document.indicators] == ["产出指标", "产出指标"]
    assert "BP101" in {f.rule for f in result.findings}


# -- .xlsx --------------------------------------------------------------------------------------


def test_xlsx_gives_the_findings_of_the_text(tmp_path):
    result = lint_path(_write(tmp_path, "sheets.xlsx", xlsx_of(PDF_TEXT)), RULES, "zh")
    assert findings_of(result) == text_findings(PDF_TEXT)
    assert {"BP108", "BP401"} <= {f.rule for f in result.findings}
    assert result.findings[0].where("zh").startswith("工作表")


# -- .pdf, printed by Chromium from an HTML rendering ----------------------------------------------


@pytest.fixture(scope="module")
def printed() -> bytes:
    assert CHROMIUM.exists(), "run `python -m tests.tools` first (the README's test command does)"
    return print_pdf(html_of(PDF_TEXT))


def test_pdf_gives_the_findings_of_the_text(printed, tmp_path):
    result = lint_path(_write(tmp_path, "sheets.pdf", printed), RULES, "zh")
    assert [p.name for p in result.document.projects] == ["县委秘书组办公经费", "信息综合室办公经费"]
    assert findings_of(result) == text_findings(PDF_TEXT)
    assert [t.kind for t in result.document.tables] == ["国有资产"]
    assert {"BP108", "BP401"} <= {f.rule for f in result.findings}
    first = result.findings[0]
    assert first.page == 1 and first.where("zh").startswith("第1页")
    from click.testing import CliRunner

    from bplint.cli import main

    text = CliRunner().invoke(main, [str(tmp_path / "sheets.pdf")]).output
    assert f"sheets.pdf: {first.where('zh')}: {first.rule} [" in text
    # In the HTML report a PDF finding's link says the page (and table row), not bplint's line.
    page = CliRunner().invoke(main, ["--format", "html", str(tmp_path / "sheets.pdf")]).output
    assert f'data-target="f0-L{first.line}">{first.where("zh")}</a>' in page


def test_dump_says_its_pages_are_the_files(printed, tmp_path):
    """`bplint dump` said `第34页` where a finding says `第32页（PDF 第34页）`: its pages are the file's."""
    from click.testing import CliRunner

    from bplint.cli import main

    path = _write(tmp_path, "sheets.pdf", printed)
    tables = CliRunner().invoke(main, ["dump", "--tables", path]).output
    assert "PDF 第1页 行" in tables and "　第1页" not in tables
    assert CliRunner().invoke(main, ["dump", "--coverage", path]).output.startswith("PDF 页  ")


def test_a_pdf_after_other_bytes_is_read_and_a_renamed_file_is_refused(printed, tmp_path):
    """PDF readers allow up to 1 KB before `%PDF` (a saved HTTP header); a .pdf, .docx or .xlsx
    that is not one (`echo hello > fake.pdf`) was read as text and passed with a BP002."""
    whole = lint_path(_write(tmp_path, "sheets.pdf", printed), RULES, "zh")
    prefixed = lint_path(_write(tmp_path, "saved.pdf", b"HTTP/1.1 200 OK\r\n\r\n" + printed), RULES, "zh")
    assert [(f.rule, f.message) for f in prefixed.findings] == [(f.rule, f.message) for f in whole.findings]
    for name, kind in (("fake.pdf", "PDF"), ("fake.docx", "Word"), ("fake.xlsx", "Excel")):
        result = lint_path(_write(tmp_path, name, b"hello\n"), RULES, "zh")
        assert [f.rule for f in result.findings] == ["BP001"], name
        assert f"内容却不是 {kind} 文件" in result.findings[0].message
    assert lint_path(_write(tmp_path, "notes.txt", b"hello\n"), RULES, "zh").findings[0].rule == "BP002"


def test_scanned_locked_and_broken_files_get_bp001_and_the_batch_goes_on(printed, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(printed)).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    scanned = print_pdf(
        f"<html><body><img src='data:image/png;base64,{pixel}' width=600 height=800></body></html>"
    )
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<not xml")
    inputs = {
        "locked.pdf": (locked.getvalue(), "设有密码"),
        "scanned.pdf": (scanned, "没有文字层"),
        "broken.docx": (broken.getvalue(), "已损坏"),
        "locked.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "设有密码"),
    }
    for name, (data, words) in inputs.items():
        result = lint_path(_write(tmp_path, name, data), RULES, "zh")
        assert not result.readable, name
        (finding,) = result.findings
        assert finding.rule == "BP001" and words in finding.message, (name, finding.message)


def test_docx_cells_merged_across_and_down_are_read_from_the_grid(tmp_path):
    """The reader gives the grid: a cell spanning columns stands before the positions it covers,
    one merged down is a covered position; header paths and rows follow the spans, not a guess."""
    document = docx.Document()
    document.add_paragraph("部门预算收支总表")
    document.add_paragraph("单位：万元")
    table = document.add_table(rows=4, cols=5)
    texts = [["序号", "收入", "", "支出", ""], ["", "项目", "预算数", "项目", "预算数"],
             ["1", "本年收入合计", "100.00", "本年支出合计", "100.00"],
             ["合计", "", "100.00", "", "100.00"]]  # fmt: skip
    for r, values in enumerate(texts):
        for c, text in enumerate(values):
            table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(0, 3).merge(table.cell(0, 4))
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(3, 0).merge(table.cell(3, 1))  # 合计 across 序号 and 项目
    path = _write(tmp_path, "merged.docx", saved(document))
    rows = [block for block in read_path(path).blocks if isinstance(block, Row)]
    assert [(c.value, c.span, c.covered) for c in rows[0].cells] == [
        ("序号", 1, ""), ("收入", 2, ""), ("", 1, ACROSS), ("支出", 2, ""), ("", 1, ACROSS)]  # fmt: skip
    assert rows[1].cells[0].covered == DOWN and len({row.grid for row in rows}) == 1
    result = lint_path(path, RULES, "zh")
    (read,) = result.document.tables
    assert read.columns == ("序号", "收入/项目", "收入/预算数", "支出/项目", "支出/预算数")
    assert read.rows[0].cell("支出/预算数").amount == 100
    # The merged 合计 row stands in its columns: no "row has 4 cells" (a text export could not tell).
    assert read.rows[1].cell("收入/预算数").amount == 100
    assert not [f for f in result.findings if f.rule == "BP004"]

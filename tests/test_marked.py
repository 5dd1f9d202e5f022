"""The department's own file, marked (issue 28, item 2): a PDF copy with each finding a highlight on
its cell and a note, a Word document with comments, and the review sheet (审核意见) as a workbook.
Each is read back: the PDF's pages rendered and the marks looked for where the finding is."""

from __future__ import annotations

import ctypes
import io

import docx
import openpyxl
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from click.testing import CliRunner

from bplint.catalog import load_rules
from bplint.cli import main
from bplint.lint import lint_path
from bplint.report import annotate, review
from tests.conftest import SEEDS
from tests.documents import PDF_TEXT, WORD_TEXT, docx_of, html_of, print_pdf
from tests.tools import CHROMIUM

RULES = load_rules()


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[str, bytes]:
    assert CHROMIUM.exists(), "run `python -m tests.tools` first (the README's test command does)"
    data = print_pdf(html_of(PDF_TEXT))
    path = tmp_path_factory.mktemp("pdf") / "sheets.pdf"
    path.write_bytes(data)
    return str(path), data


def annotations(page) -> list[dict]:
    """Each annotation of a page: its subtype, rectangle (left, bottom, right, top) and note."""
    found = []
    for index in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, index)
        rect = raw.FS_RECTF()
        raw.FPDFAnnot_GetRect(annot, ctypes.byref(rect))
        size = raw.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)
        buffer = ctypes.create_string_buffer(size)
        wide = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        raw.FPDFAnnot_GetStringValue(annot, b"Contents", wide, size)
        note = buffer.raw[: size - 2].decode("utf-16-le")
        found.append({"subtype": raw.FPDFAnnot_GetSubtype(annot), "rect": (rect.left, rect.bottom, rect.right,
                      rect.top), "note": note})  # fmt: skip
        raw.FPDFPage_CloseAnnot(annot)
    return found


def spots(page, text: str) -> list[tuple[float, float, float, float]]:
    """Where `text` is printed on the page (left, bottom, right, top), by PDFium's own search."""
    textpage = page.get_textpage()
    searcher = textpage.search(text)
    found = []
    while (hit := searcher.get_next()) is not None:
        boxes = [textpage.get_charbox(i) for i in range(hit[0], hit[0] + hit[1])]
        found.append((min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                      max(b[3] for b in boxes)))  # fmt: skip
    return found


def test_an_annotated_pdf_marks_each_finding_on_its_cell(printed):
    path, data = printed
    result = lint_path(path, RULES, "zh")
    marked = annotate.marked(result, data, ".pdf", "zh", RULES)
    with open(path, "rb") as handle:
        assert handle.read() == data  # the input untouched
    original, copy = pdfium.PdfDocument(data), pdfium.PdfDocument(marked)
    assert len(copy) == len(original)
    by_page: dict[int, list] = {}
    for finding in result.findings:
        by_page.setdefault(finding.location.pdf_page, []).append(finding)
    for number, findings in by_page.items():
        page = copy[number - 1]
        marks = annotations(page)
        assert len(marks) == len(findings)
        for finding in findings:
            mark = next(m for m in marks if finding.message in m["note"])
            assert mark["note"].startswith(f"{finding.rule} [") and "怎么改" in mark["note"]
            if finding.location.row:  # the highlight stands on the row the finding names
                rows = spots(page, finding.location.row.rstrip("…"))
                assert any(r[1] - 2 <= (mark["rect"][1] + mark["rect"][3]) / 2 <= r[3] + 2 for r in rows)
        # Rendered, the marked page differs from the original inside each mark, and only there.
        before = original[number - 1].render(scale=1).to_pil().convert("RGB")
        after = page.render(scale=1).to_pil().convert("RGB")
        height = page.get_height()
        boxes = []
        for mark in marks:
            left, bottom, right, top = mark["rect"]
            boxes.append((int(left) - 1, int(height - top) - 1, int(right) + 2, int(height - bottom) + 2))
            assert before.crop(boxes[-1]).tobytes() != after.crop(boxes[-1]).tobytes(), (number, mark)
        for box in boxes:  # outside the marks, nothing changed
            before.paste((0, 0, 0), box)
            after.paste((0, 0, 0), box)
        assert before.tobytes() == after.tobytes()


def test_the_command_line_writes_the_marked_copy_and_refuses_what_it_cannot_mark(printed, tmp_path):
    path, data = printed
    out = tmp_path / "审核.pdf"
    result = CliRunner().invoke(main, ["--annotate", str(out), path])
    assert result.exit_code == 1 and out.read_bytes().startswith(b"%PDF") and out.read_bytes() != data
    wrong = CliRunner().invoke(main, ["--annotate", str(tmp_path / "x.docx"), path])
    assert wrong.exit_code == 2 and "同类型" in wrong.output
    several = CliRunner().invoke(main, ["--annotate", str(tmp_path / "y.pdf"), path, str(SEEDS["002"])])
    assert several.exit_code == 2 and "只用于检查一个" in several.output


def test_a_word_document_gets_its_findings_as_comments(tmp_path):
    path = tmp_path / "sheets.docx"
    path.write_bytes(docx_of(WORD_TEXT))
    out = tmp_path / "审核.docx"
    assert CliRunner().invoke(main, ["--annotate", str(out), str(path)]).exit_code == 1
    result = lint_path(str(path), RULES, "zh")
    document = docx.Document(str(out))
    comments = list(document.comments)
    assert len(comments) == len(result.findings)
    assert {c.author for c in comments} == {"bplint"}
    for finding, comment in zip(result.findings, comments, strict=True):
        assert finding.message in comment.text
    # BP203 is on the sheet's 资金用途 cell: its comment is anchored in that cell's paragraph.
    body = document.element.body
    anchored = [start.getparent() for start in body.iter("{*}commentRangeStart")]
    texts = ["".join(t.text or "" for t in p.iter("{*}t")) for p in anchored]
    assert any("财政资金4元" in text for text in texts)


def test_the_review_sheet_reads_back(tmp_path):
    out = tmp_path / "审核意见.xlsx"
    both = [str(SEEDS["003"]), str(SEEDS["002"])]
    result = CliRunner().invoke(main, ["--format", "xlsx", "-o", str(out), *both])
    assert result.exit_code == 1
    book = openpyxl.load_workbook(out)
    sheet, index = book["审核意见"], book["单位一览"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == review.HEADINGS["zh"]
    assert len(rows) - 1 == 46 + 7  # every finding of both files, errors first in each
    first = rows[1]
    assert first[1] == SEEDS["003"].name and first[7] == "错误"
    bp501 = next(r for r in rows if r[8] == "BP501")
    assert bp501[2] == "第54行" and bp501[3] == "2、支出说明"  # a text export's line is the file's own
    assert bp501[5].startswith("文字说明“基本支出640.93万元”") and bp501[6].startswith("请核对")
    listed = list(index.iter_rows(values_only=True))
    assert listed[0] == review.INDEX["zh"] and listed[1][1] == "中共河北省大城县委办公室"
    assert CliRunner().invoke(main, ["--format", "xlsx", str(SEEDS["002"])]).exit_code == 2  # needs -o


def test_a_formula_in_a_document_stays_text_in_the_sheet():
    result = lint_path(str(SEEDS["002"]), RULES, "zh")
    from dataclasses import replace

    hostile = replace(result, findings=(replace(result.findings[0], message='=HYPERLINK("http://x")'),))
    book = openpyxl.load_workbook(io.BytesIO(review.workbook([hostile], "zh")))
    cell = book.active.cell(2, 5)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


def test_the_review_sheet_gives_each_file_the_html_reports_verdict(tmp_path):
    """A file that is no disclosure is not 可以发布 in the workbook's index: its verdict is the HTML's."""
    letter = tmp_path / "会议通知.txt"
    letter.write_text(
        "关于召开年度工作会议的通知\n\n各处室：定于下周一上午九时在三楼会议室召开会议。\n", "utf-8"
    )
    out = tmp_path / "审核意见.xlsx"
    result = CliRunner().invoke(main, ["--format", "xlsx", "-o", str(out), str(SEEDS["002"]), str(letter)])
    assert result.exit_code in (0, 1), result.output
    listed = {row[0]: row[4] for row in openpyxl.load_workbook(out)["单位一览"].iter_rows(values_only=True)}
    assert listed[letter.name] == review.OUTCOMES["zh"]["not_disclosure"] == "不是公开文件"

"""Documents as published, built from seed content: a .docx, an .xlsx and a Chromium-printed .pdf.

The format tests use them, and so does `.ci/run`'s check of the built wheel, which lints them with
the installed bplint outside this checkout: `python -m tests.documents FOLDER` writes
sheets.docx, sheets.xlsx and sheets.pdf there.
"""

from __future__ import annotations

import html
import io
import sys
from pathlib import Path

import docx
import openpyxl

from bplint import layout
from bplint.layout import Paragraph, Row
from tests.conftest import SEEDS
from tests.tools import CHROMIUM, CHROMIUM_ARGS


def excerpt(seed: str, first: int, last: int) -> str:
    return "\n".join(SEEDS[seed].read_text(encoding="utf-8").split("\n")[first - 1 : last])


# 001 (Word export): the 收支总表 and two project sheets.
WORD_TEXT = excerpt("001", 27, 250) + "\n\n" + excerpt("001", 1926, 2143)
# 003 (PDF export): two project sheets (one with an empty 指标值), and its 国有资产 table, whose
# 资产总额 is blank while its items add up to 502.4251万元.
PDF_TEXT = excerpt("003", 170, 193) + "\n\n" + excerpt("003", 540, 558)


def blocks(text: str):
    return list(layout.blocks(text.split("\n")))


def docx_of(text: str) -> bytes:
    """Each exported row as a one-row Word table, each paragraph as a paragraph."""
    document = docx.Document()
    for block in blocks(text):
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
            continue
        table = document.add_table(rows=1, cols=len(block.cells))
        for cell, source in zip(table.rows[0].cells, block.cells, strict=True):
            paragraphs = source.text.split("\n")
            cell.text = paragraphs[0]
            for more in paragraphs[1:]:
                cell.add_paragraph(more)
    return saved(document)


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_of(text: str) -> bytes:
    """Each table (sheet, budget table) on a worksheet of its own."""
    workbook = openpyxl.Workbook()
    sheet, previous = workbook.active, None
    for block in blocks(text):
        if isinstance(block, Paragraph) and isinstance(previous, Row):
            sheet = workbook.create_sheet()
        sheet.append([block.text] if isinstance(block, Paragraph) else [c.text for c in block.cells])
        previous = block
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def html_of(text: str) -> str:
    parts, table = [], []
    for block in [*blocks(text), Paragraph("", 0)]:
        if isinstance(block, Row):
            table.append("<tr>" + "".join(f"<td>{html.escape(c.text)}</td>" for c in block.cells) + "</tr>")
            continue
        if table:
            parts.append("<table>" + "".join(table) + "</table>")
            table = []
        if block.text:
            parts.append(f"<p>{html.escape(block.text)}</p>")
    style = ("body{font-family:'WenQuanYi Micro Hei',sans-serif;font-size:11px}"
             "table{border-collapse:collapse} td{border:1px solid #000;padding:2px 4px}")  # fmt: skip
    head = f"<head><meta charset='utf-8'><style>{style}</style></head>"
    return f"<html>{head}<body>{''.join(parts)}</body></html>"


def print_pdf(page_html: str, header: str = "", footer: str = "") -> bytes:
    """The page printed to PDF by Debian's Chromium (no browser download); `header` and `footer`
    are Chromium's templates, printed on every page (`<span class="pageNumber">`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content(page_html)
        furniture = {
            "display_header_footer": True,
            "header_template": header or "<span></span>",
            "footer_template": footer or "<span></span>",
            "margin": {"top": "60px", "bottom": "60px"},
        }
        data = page.pdf(format="A4", landscape=True, **(furniture if header or footer else {}))
        browser.close()
    return data


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "sheets.docx": docx_of(WORD_TEXT),
        "sheets.xlsx": xlsx_of(PDF_TEXT),
        "sheets.pdf": print_pdf(html_of(PDF_TEXT)),
    }
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in made]


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1])):
        print(path)

"""PDFs with pdfplumber: the text layer page by page, ruled tables as rows of tab-separated
cells (a cell's wrapped lines joined back), the text around them as lines, in reading order.
A PDF without a text layer (a scan) or with a password is refused with what to do instead.
"""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from bplint.formats import Builder, Rendered

LOCKED = ("PDF 设有密码，无法读取；请提供未加密的文件", "the PDF is password-protected")
SCANNED = (
    "PDF 没有文字层（多半是扫描件），bplint 无法读取图片中的文字；请提供由 Word 导出的 PDF 或原始文档",
    "the PDF has no text layer (a scan?): OCR is out of scope; give a PDF exported from Word",
)


class PdfError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en


def render(data: bytes) -> Rendered:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018 - reading the page tree finds a damaged file here, not later
    except PDFPasswordIncorrect:
        raise PdfError(*LOCKED) from None
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError) as error:
        if isinstance(getattr(error, "args", [None])[0], PDFPasswordIncorrect):
            raise PdfError(*LOCKED) from None
        raise PdfError("PDF 文件已损坏，无法读取；请重新导出", f"corrupt PDF: {error}") from None
    out = Builder()
    with pdf:
        characters = 0
        for number, page in enumerate(pdf.pages, 1):
            characters += len(page.chars)
            _page(page, number, out)
    if characters == 0:
        raise PdfError(*SCANNED)
    return out.done("PDF")


def _page(page, number: int, out: Builder) -> None:
    tables = page.find_tables()
    items = []  # (top, kind, payload)
    for t, table in enumerate(tables, 1):
        items.append((table.bbox[1], "table", (t, table)))
    outside = page.filter(lambda obj: not any(_inside(obj, table.bbox) for table in tables))
    for line in outside.extract_text_lines(keep_blank_chars=False):
        items.append((line["top"], "text", line["text"]))
    items.sort(key=lambda item: item[0])
    for _, kind, payload in items:
        if kind == "text":
            out.add(payload.strip(), f"第{number}页", number)
        else:
            t, table = payload
            for r, row in enumerate(table.extract(), 1):
                cells = [_cell(text) for text in row]
                out.add("\t".join(cells) + "\t", f"第{number}页 表{t} 行{r}", number)
    out.add("", f"第{number}页", number)


def _inside(obj, bbox) -> bool:
    x0, top, x1, bottom = bbox
    return obj.get("x0", 0) >= x0 - 1 and obj.get("x1", 0) <= x1 + 1 and \
        obj.get("top", 0) >= top - 1 and obj.get("bottom", 0) <= bottom + 1  # fmt: skip


def _cell(text: str | None) -> str:
    # A cell's text wrapped over lines is one cell: join without a space (Chinese has none).
    return (text or "").replace("\n", "").replace("\t", " ").strip()

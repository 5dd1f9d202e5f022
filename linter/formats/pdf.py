"""PDFs with pdfplumber: the text layer page by page, ruled tables as grids of rows (a cell's
wrapped lines joined back, a merged cell's span read from the rules), the text around them as
lines, in reading order.
A PDF without a text layer (a scan) or with a password is refused with what to do instead;
a page that cannot be read is said to be unread (BP005), and the other pages are read.
"""

from __future__ import annotations

import io
import logging
import zlib
from dataclasses import dataclass

import pdfminer.pdftypes
import pdfplumber
from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdftypes import PDFObjRef

from bplint.formats import Builder, GridCell, Rendered
from bplint.formats.furniture import furniture
from bplint.layout import ACROSS, DOWN
from bplint.limits import MIB, Limits

LOCKED = ("PDF 设有密码，无法读取；请提供未加密的文件", "the PDF is password-protected")
SCANNED = (
    "PDF 没有文字层（多半是扫描件），bplint 无法读取图片中的文字；请提供由 Word 导出的 PDF 或原始文档",
    "the PDF has no text layer (a scan?): OCR is out of scope; give a PDF exported from Word",
)


class PdfError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en


class StreamTooLarge(Exception):
    """A content stream inflates past `pdf-stream-mb` (a flate bomb)."""


class _BoundedInflate:
    """zlib as pdfminer uses it, with the output of one stream bounded: pdfminer inflates a whole
    stream at once, so a 1 MB bomb would take gigabytes before any page is looked at."""

    error = zlib.error
    limit = 64 * MIB

    def decompress(self, data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, self.limit + 1)
        if len(out) > self.limit:
            raise StreamTooLarge
        if not inflater.eof:  # as zlib.decompress does, so pdfminer tries its lenient path
            raise zlib.error("incomplete or truncated stream")
        return out

    def decompressobj(self) -> _BoundedObject:
        return _BoundedObject(self.limit)


class _BoundedObject:
    def __init__(self, limit: int) -> None:
        self.inner, self.left = zlib.decompressobj(), limit

    def decompress(self, data: bytes) -> bytes:
        out = self.inner.decompress(data, self.left + 1)
        self.left -= len(out)
        if self.left < 0 or self.inner.unconsumed_tail:
            raise StreamTooLarge
        return out


_INFLATE = _BoundedInflate()
pdfminer.pdftypes.zlib = _INFLATE  # type: ignore[assignment]


class PageTooLarge(Exception):
    """A page draws more than `page-chars` characters."""


class _CharBudget:
    """Characters pdfminer may still lay out on this page: each one costs a kilobyte or two, so a
    page of a million glyphs would take gigabytes if they were counted only afterwards."""

    left = 200_000


_render_char = PDFLayoutAnalyzer.render_char


def _counted_render_char(analyzer, *args, **kwargs):
    _CharBudget.left -= 1
    if _CharBudget.left < 0:
        raise PageTooLarge
    return _render_char(analyzer, *args, **kwargs)


PDFLayoutAnalyzer.render_char = _counted_render_char  # type: ignore[method-assign]


class ReferenceLoop(Exception):
    """An object that is a reference to a reference … back to itself (`6 0 obj 6 0 R`)."""


_resolve = PDFObjRef.resolve


def _resolve_bounded(ref: PDFObjRef, default=None):
    # pdfminer follows a reference to a reference for as long as there is one: for ever, on a loop.
    found = _resolve(ref, default)
    for _ in range(64):
        if not isinstance(found, PDFObjRef):
            return found
        found = _resolve(found, default)
    raise ReferenceLoop(f"object {ref.objid} refers to itself")


PDFObjRef.resolve = _resolve_bounded  # type: ignore[method-assign]
# pdfminer logs what it repairs (a bad MediaBox, a stray operator): its own business, not the
# user's; what could not be read is said once, as a finding.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def render(data: bytes, limits: Limits | None = None) -> Rendered:
    limits = limits or Limits()
    _INFLATE.limit = limits.pdf_stream_mb * MIB
    pdf = _open(data, limits)
    out = Builder()
    with pdf:
        characters = images = 0
        carry: int | None = None  # the width of the table the page before ended with
        failed: list[tuple[str, str]] = []
        read: list[tuple[int, list[_Line] | tuple[str, str]]] = []  # a page's lines, or why not
        pages = pdf.pages
        for number, page in enumerate(pages[: limits.pdf_pages], 1):
            _CharBudget.left = limits.page_chars
            try:
                chars = page.chars
                characters += len(chars)
                images += len(page.images)
                lines, carry = _page(page, number, carry)
                read.append((number, lines))
            except Exception as error:  # pdfminer raises many kinds on a damaged page
                failed.append(_unread(number, error, limits))
                carry = None
                read.append((number, failed[-1]))
            finally:
                page.close()  # frees the page's objects: memory stays flat over long documents
        _write(read, out)
        if len(pages) > limits.pdf_pages:
            out.notice(
                f"PDF 共 {len(pages)} 页，超过 {limits.pdf_pages} 页的上限，"
                f"第 {limits.pdf_pages + 1} 页起未读取；确需检查时用 --limit pdf-pages=… 调高上限",
                f"the PDF has {len(pages)} pages; pages after {limits.pdf_pages} were not read "
                "(raise the limit with --limit pdf-pages=…)",
                f"第{limits.pdf_pages + 1}页",
            )
    if characters == 0 and not out.notices:
        raise PdfError(*(SCANNED if images else ("PDF 中没有任何文字", "the PDF contains no text")))
    if characters == 0 and failed:  # nothing read at all: the file is unreadable, for that reason
        raise PdfError(*failed[0])
    return out.done("PDF")


def _open(data: bytes, limits: Limits):
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018 - reading the page tree finds a damaged file here, not later
    except PDFPasswordIncorrect:
        raise PdfError(*LOCKED) from None
    except StreamTooLarge:
        raise PdfError(*_bomb(None, limits)) from None
    except Exception as error:  # PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError …
        if isinstance(getattr(error, "args", [None])[0], PDFPasswordIncorrect):
            raise PdfError(*LOCKED) from None
        kind = type(error).__name__
        zh = f"PDF 文件已损坏，无法读取（{kind}）；请重新导出"
        raise PdfError(zh, f"corrupt PDF ({kind}): {error}") from None
    return pdf


def _unread(number: int, error: Exception, limits: Limits) -> tuple[str, str]:
    """Why page `number` was not read; pdfplumber wraps pdfminer's errors in its own."""
    cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    if isinstance(cause, StreamTooLarge):
        return _bomb(number, limits)
    if isinstance(cause, PageTooLarge):
        return (
            f"第 {number} 页超过每页 {limits.page_chars} 个字符的上限，未读取；"
            "确需检查时用 --limit page-chars=… 调高上限",
            f"page {number} has more than {limits.page_chars} characters: not read "
            "(raise the limit with --limit page-chars=…)",
        )
    kind = type(cause).__name__
    return f"第 {number} 页已损坏，未能读取（{kind}）", f"page {number} is damaged and was not read ({kind})"


def _bomb(number: int | None, limits: Limits) -> tuple[str, str]:
    where = f"第 {number} 页的" if number else ""
    return (
        f"{where}内容流解压后超过 {limits.pdf_stream_mb} MB，疑为压缩炸弹，未读取；"
        "确需检查时用 --limit pdf-stream-mb=… 调高上限",
        f"a content stream{f' on page {number}' if number else ''} inflates past "
        f"{limits.pdf_stream_mb} MB (a flate bomb?): not read",
    )


@dataclass(frozen=True)
class _Line:
    """A line of text, or a row of the page's table number `table` (its text is the Builder's to
    write; page furniture is looked for in the lines of text only)."""

    text: str
    location: str
    row: tuple[GridCell, ...] | None = None
    table: int = 0
    full: bool = False  # the line reaches the page's right margin (a wrapped paragraph goes on)

    @property
    def in_table(self) -> bool:
        return self.row is not None


def _write(read: list[tuple[int, list[_Line] | tuple[str, str]]], out: Builder) -> None:
    """The pages' lines in order, without their running headers and page numbers."""
    texts = [[line.text if not line.in_table else "" for line in lines] for _, lines in read
             if isinstance(lines, list)]  # fmt: skip
    dropped = iter(furniture(texts))
    for number, lines in read:
        if not isinstance(lines, list):
            out.notice(*lines, f"第{number}页", number)
            continue
        skip = next(dropped)
        grids: dict[int, int] = {}
        for index, line in enumerate(lines):
            if line.row is not None:
                grid = grids.setdefault(line.table, out.grid())
                out.pdf_row(line.row, line.location, number, grid)
            else:
                out.paragraph("" if index in skip else line.text, line.location, number, line.full)
        out.add("", f"第{number}页", number)


def _page(page, number: int, carry: int | None) -> tuple[list[_Line], int | None]:
    """The page's lines, and the width of the table it ends with (None if it ends with text)."""
    found = page.find_tables()
    first = min((t.bbox[1] for t in found), default=0)
    # A "table" of one row is text in a box (a 目录 entry, a sentence with an underlined figure):
    # read as lines, so a sentence is not cut into cells.  Unless it is the last row of the table
    # the page before ended with: the page's first table, as wide (a running header may be above).
    tables = [
        table for table in found
        if len(table.rows) > 1 or (table.bbox[1] == first and len(table.columns) == carry)
    ]  # fmt: skip
    items = []  # (top, kind, payload)
    for t, table in enumerate(tables, 1):
        items.append((table.bbox[1], "table", (t, table)))
    outside = page.filter(lambda obj: not any(_inside(obj, table.bbox) for table in tables))
    texts = outside.extract_text_lines(keep_blank_chars=False)
    margin = max((line["x1"] for line in texts), default=0)
    for line in texts:
        # Within one character of the margin: justified text ends there, a heading well before
        # (a tenth of a point more: a line one character short must not turn on float noise).
        size = max((char["size"] for char in line["chars"]), default=0)
        items.append((line["top"], "text", (line["text"], line["x1"] >= margin - size - 0.1)))
    items.sort(key=lambda item: item[0])
    lines: list[_Line] = []
    width = None  # columns of the page's last item, if it is a table
    for _, kind, payload in items:
        if kind == "text":
            text, full = payload
            lines.append(_Line(text.strip(), f"第{number}页", full=full))
            width = None if text.strip() else width
        else:
            t, table = payload
            for r, row in enumerate(_grid(table), 1):
                lines.append(_Line("", f"第{number}页 表{t} 行{r}", row, t))
            width = len(table.columns)
    return lines, width


def _inside(obj, bbox) -> bool:
    x0, top, x1, bottom = bbox
    return obj.get("x0", 0) >= x0 - 1 and obj.get("x1", 0) <= x1 + 1 and \
        obj.get("top", 0) >= top - 1 and obj.get("bottom", 0) <= bottom + 1  # fmt: skip


def _grid(table) -> list[tuple[GridCell, ...]]:
    """The table's rows as grid cells: a cell's span counts the column starts under it; a position
    pdfplumber has no cell for lies under a merged cell, across from the left when a cell of the
    row spans it, else down from above."""
    starts = sorted({round(cell[0], 1) for row in table.rows for cell in row.cells if cell})
    rows = []
    for row, texts in zip(table.rows, table.extract(), strict=True):
        cells: list[GridCell] = []
        reach = 0  # positions still under the last cell's span
        for bbox, text in zip(row.cells, texts, strict=True):
            if bbox is None:
                cells.append(GridCell([""], covered=ACROSS if reach > 0 else DOWN))
            else:
                inside = max(sum(1 for x in starts if bbox[0] - 1 <= x < bbox[2] - 1), 1)
                cells.append(GridCell([_cell(text)], inside))
                reach = inside
            reach -= 1
        rows.append(tuple(cells))
    return rows


def _cell(text: str | None) -> str:
    # A cell's wrapped text is one cell: joined without a space (Chinese has none).
    return (text or "").replace("\n", "").replace("\t", " ").strip()

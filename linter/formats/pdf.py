"""PDFs with pdfplumber: the text layer page by page, ruled tables as grids of rows (a cell's
wrapped lines joined back, a merged cell's span read from the rules), the text around them as
lines, in reading order. Each page's characters and rules come from PDFium (pdfium.py) where it
can give them as pdfminer would, else from pdfminer, bounded against hostile files (pdfbounds.py).
A PDF without a text layer (a scan) or with a password is refused with what to do instead;
a page that cannot be read is said to be unread (BP005), and the other pages are read.
"""

from __future__ import annotations

import io
import os
from bisect import bisect_left
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils import chars_to_textmap, extract_text

from bplint.formats import Builder, GridCell, Rendered, pdfium
from bplint.formats.celltext import plain_text
from bplint.formats.furniture import furniture, page_numbers
from bplint.formats.pdfbounds import INFLATE, CharBudget, PageTooLarge, StreamTooLarge, check_page
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


def render(data: bytes, limits: Limits | None = None) -> Rendered:
    limits = limits or Limits()
    INFLATE.limit = limits.pdf_stream_mb * MIB
    pdf = _open(data, limits)
    out = Builder()
    with pdf:
        pages = pdf.pages
        read, characters, images = _read_pages(data, pages[: limits.pdf_pages], limits)
        _write(read, out)
        if len(pages) > limits.pdf_pages:
            out.notice(
                f"PDF 共 {len(pages)} 页，超过 {limits.pdf_pages} 页的上限，"
                f"第 {limits.pdf_pages + 1} 页起未读取；确需检查时用 --limit pdf-pages=… 调高上限",
                f"the PDF has {len(pages)} pages; pages after {limits.pdf_pages} were not read "
                "(raise the limit with --limit pdf-pages=…)",
                f"第{limits.pdf_pages + 1}页",
            )
    failed = [why for _, why in read if not isinstance(why, list)]
    if characters == 0 and not out.notices:
        raise PdfError(*(SCANNED if images else ("PDF 中没有任何文字", "the PDF contains no text")))
    if characters == 0 and failed:  # nothing read at all: the file is unreadable, for that reason
        raise PdfError(*failed[0])
    return out.done("PDF")


_Read = list[tuple[int, "list[_Line] | tuple[str, str]"]]  # a page's lines, or why not


def _read_pages(data: bytes, pages: list, limits: Limits) -> tuple[_Read, int, int]:
    """Each page's lines (or why it was not read), and the characters and images of them all."""
    engine = _engine(data)
    characters = images = 0
    carry: int | None = None  # the width of the table the page before ended with
    read: _Read = []
    try:
        for number, page in enumerate(pages, 1):
            CharBudget.left = limits.page_chars
            try:
                check_page(page.page_obj)  # what the page would make either reader decode, bounded
                if engine is not None:
                    _fast(engine, page, number, limits.page_chars)
                characters += len(page.chars)
                images += len(page.images)
                lines, carry = _page(page, number, carry)
                read.append((number, lines))
            except Exception as error:  # pdfminer raises many kinds on a damaged page
                read.append((number, _unread(number, error, limits)))
                carry = None
            finally:
                page.close()  # frees the page's objects: memory stays flat over long documents
    finally:
        CharBudget.left = None  # pdfplumber used outside bplint is not counted
        if engine is not None:
            engine.close()
    return read, characters, images


def _engine(data: bytes) -> pdfium.Engine | None:
    """PDFium for the pages' objects where it opens the file; pdfminer reads them otherwise."""
    if os.environ.get("BPLINT_PDF_ENGINE") == "pdfminer":
        return None
    try:
        return pdfium.Engine(data)
    except Exception:  # PdfiumError on a file pdfminer could open: pdfminer reads it all
        return None


def _fast(engine: pdfium.Engine, page, number: int, budget: int) -> None:
    """The page's objects from PDFium, given to pdfplumber as if its parser had made them."""
    try:
        objects = engine.objects(number - 1, page.initial_doctop, number, budget)
    except pdfium.TooManyChars:
        raise PageTooLarge from None
    except Exception:  # PDFium could not read the page: pdfminer tries, and says why if it fails
        return
    if objects is not None:
        page._objects = objects


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


def _write(read: _Read, out: Builder) -> None:
    """The pages' lines in order, without their running headers and page numbers; each line's
    location leads with the page number the page prints, where it prints one."""
    texts = [[line.text if not line.in_table else "" for line in lines] for _, lines in read
             if isinstance(lines, list)]  # fmt: skip
    dropped = iter(furniture(texts))
    numbers = page_numbers(texts)
    printed, numbered = iter(numbers), any(numbers)
    for number, lines in read:
        if not isinstance(lines, list):
            out.notice(*lines, _where(number, None, numbered), number)
            continue
        skip, where = next(dropped), _where(number, next(printed), numbered)
        grids: dict[int, int] = {}
        for index, line in enumerate(lines):
            location = f"{where} {line.location}".strip()
            if line.row is not None:
                grid = grids.setdefault(line.table, out.grid())
                out.pdf_row(line.row, location, number, grid)
            else:
                out.paragraph("" if index in skip else line.text, location, number, line.full)
        out.add("", where, number)


def _where(number: int, printed: int | None, numbered: bool) -> str:
    """`第25页（PDF 第27页）` where the page prints another number than its place in the file,
    `PDF 第2页` where it prints none in a document whose other pages do: the reader sees both."""
    if printed is None:
        return f"PDF 第{number}页" if numbered else f"第{number}页"
    return f"第{printed}页" if printed == number else f"第{printed}页（PDF 第{number}页）"


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
    boxes = [table.bbox for table in tables]  # a property pdfplumber computes anew at each call
    outside = [char for char in page.chars if not any(_inside(char, box) for box in boxes)]
    # What `page.filter(…).extract_text_lines()` does, without filtering the page's every path.
    texts = chars_to_textmap(
        outside,
        layout_bbox=page.bbox,
        layout_width=page.width,
        layout_height=page.height,
        keep_blank_chars=False,
    ).extract_text_lines(strip=True, return_chars=True)
    margin = max((line["x1"] for line in texts), default=0)
    for line in texts:
        # Within one character of the margin: justified text ends there, a heading well before
        # (a tenth of a point more: a line one character short must not turn on float noise).
        size = max((char["size"] for char in line["chars"]), default=0)
        items.append((line["top"], "text", (line["text"], line["x1"] >= margin - size - 0.1)))
    items.sort(key=lambda item: item[0])
    lines: list[_Line] = []
    width = None  # columns of the page's last item, if it is a table
    chars = _Chars(page.chars) if tables else None
    for _, kind, payload in items:
        if kind == "text":
            text, full = payload
            lines.append(_Line(text.strip(), "", full=full))
            width = None if text.strip() else width
        else:
            t, table = payload
            for r, row in enumerate(_grid(table, chars), 1):
                lines.append(_Line("", f"表{t} 行{r}{_label(row)}", row, t))
            width = len(table.columns)
    return lines, width


def _label(row: tuple[GridCell, ...]) -> str:
    """The row's first words, as the reader finds the row by them: `（“一般公共服务支出”）`."""
    text = next((t for cell in row for t in cell.paragraphs if t.strip()), "").strip()
    return f"（“{text[:16]}{'…' if len(text) > 16 else ''}”）" if text else ""


def _inside(obj, bbox) -> bool:
    x0, top, x1, bottom = bbox
    return obj.get("x0", 0) >= x0 - 1 and obj.get("x1", 0) <= x1 + 1 and \
        obj.get("top", 0) >= top - 1 and obj.get("bottom", 0) <= bottom + 1  # fmt: skip


def _grid(table, chars: _Chars) -> list[tuple[GridCell, ...]]:
    """The table's rows as grid cells: a cell's span counts the column starts under it; a position
    pdfplumber has no cell for lies under a merged cell, across from the left when a cell of the
    row spans it, else down from above."""
    found = table.rows
    starts = sorted({round(cell[0], 1) for row in found for cell in row.cells if cell})
    rows = []
    for row, texts in zip(found, _extract(found, chars), strict=True):
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


class _Chars:
    """A page's characters by the height of their middles, sorted once for all its tables."""

    def __init__(self, chars: list[dict]) -> None:
        middles = sorted(((c["top"] + c["bottom"]) / 2, i) for i, c in enumerate(chars))
        self.chars, self.heights, self.order = chars, [m for m, _ in middles], [i for _, i in middles]

    def in_row(self, bbox) -> list[dict]:
        """The characters whose middle is inside the box, in the page's order."""
        x0, top, x1, bottom = bbox
        found = sorted(self.order[bisect_left(self.heights, top) : bisect_left(self.heights, bottom)])
        return [self.chars[i] for i in found if x0 <= (self.chars[i]["x0"] + self.chars[i]["x1"]) / 2 < x1]


def _extract(rows, chars: _Chars) -> list[list[str | None]]:
    """pdfplumber's `Table.extract`, the same characters to the same cells (the middle of a
    character inside the cell's box), found by bisection instead of testing every character of
    the page against every row: the pages with the most cells took most of the reading time."""
    table = []
    for row in rows:
        inside = chars.in_row(row.bbox)
        table.append([None if cell is None else _text(cell, inside) for cell in row.cells])
    return table


def _text(cell, chars: list[dict]) -> str:
    x0, top, x1, bottom = cell
    chars = [
        c
        for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom
    ]
    if not chars:
        return ""
    text = plain_text(chars)
    return extract_text(chars) if text is None else text


def _cell(text: str | None) -> str:
    # A cell's wrapped text is one cell: joined without a space (Chinese has none).
    return (text or "").replace("\n", "").replace("\t", " ").strip()

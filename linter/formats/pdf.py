"""PDFs: the text layer page by page, ruled tables as grids of rows (a cell's wrapped lines
joined back, a merged cell's span read from the rules), the text around them as lines, in reading
order. Each page's characters and rules come from PDFium (pdfium.py) where it can give them as
pdfminer would, else from pdfminer, bounded against hostile files (pdfbounds.py); the tables are
found as pdfplumber finds them (pdftables.py), their cells' and the lines' text written as
pdfplumber writes it (pdfrows.py, celltext.py). pdfplumber opens the file and keeps the pages.
A PDF without a text layer (a scan) or with a password is refused with what to do instead;
a page that cannot be read is said to be unread (BP005), and the other pages are read.
"""

from __future__ import annotations

import io
import itertools
import os
from bisect import bisect_left

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils import chars_to_textmap

# pdfplumber's cells and pdfminer's lines found in linear time: their own searches are quadratic.
import bplint.formats.pdfcells
import bplint.formats.pdflines  # noqa: F401
from bplint import regexes
from bplint.formats import Builder, GridCell, Rendered, pdfium, pdfrows, pdftables
from bplint.formats.celltext import plain_lines
from bplint.formats.furniture import furniture, page_numbers
from bplint.formats.pdfbounds import INFLATE, CharBudget, PageTooLarge, StreamTooLarge, check_page
from bplint.formats.pdfgrid import Box, Geometry, Line, Role, stitch
from bplint.formats.pdfrows import Chars, chars_text, extract
from bplint.formats.pdfstray import stray_text
from bplint.formats.pdftables import Edge
from bplint.layout import ACROSS, DOWN
from bplint.limits import MIB, Limits
from bplint.location import Place
from bplint.messages import Message

LOCKED = Message.of("BP001.pdf_locked")


class PdfError(Exception):
    """The PDF cannot be read at all, and why (a catalogue message: linter/messages.yaml)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


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
            beyond = Message.of("BP005.pdf_pages", pages=len(pages), limit=limits.pdf_pages,
                                first=limits.pdf_pages + 1)  # fmt: skip
            out.notice(beyond, Place(limits.pdf_pages + 1, limits.pdf_pages + 1))
    failed = [why for _, why in read if not isinstance(why, list)]
    if characters == 0 and not out.notices:
        raise PdfError(Message.of("BP001.pdf_scanned") if images else Message.of("BP001.pdf_no_text"))
    if characters == 0 and failed:  # nothing read at all: the file is unreadable, for that reason
        raise PdfError(failed[0])
    return out.done("PDF")


_Read = list[tuple[int, "list[Line] | Message"]]  # a page's lines, or why not


def _read_pages(data: bytes, pages: list, limits: Limits) -> tuple[_Read, int, int]:
    """Each page's lines (or why it was not read), and the characters and images of them all."""
    engine = _engine(data)
    characters = images = 0
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
                read.append((number, _page(page)))
            except Exception as error:  # pdfminer raises many kinds on a damaged page
                read.append((number, _unread(number, error, limits)))
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
        raise PdfError(LOCKED) from None
    except StreamTooLarge:
        raise PdfError(_bomb(None, limits)) from None
    except Exception as error:  # PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError …
        if isinstance(getattr(error, "args", [None])[0], PDFPasswordIncorrect):
            raise PdfError(LOCKED) from None
        raise PdfError(Message.of("BP001.pdf_corrupt", kind=type(error).__name__, error=str(error))) from None
    return pdf


def _unread(number: int, error: Exception, limits: Limits) -> Message:
    """Why page `number` was not read (BP005; BP001 when no page could be); pdfplumber wraps
    pdfminer's errors in its own."""
    cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    if isinstance(cause, StreamTooLarge):
        return _bomb(number, limits)
    if isinstance(cause, PageTooLarge):
        return Message.of("BP005.page_too_large", page=number, limit=limits.page_chars)
    return Message.of("BP005.page_damaged", page=number, kind=type(cause).__name__)


def _bomb(number: int | None, limits: Limits) -> Message:
    if number:
        return Message.of("BP005.page_stream_bomb", page=number, limit=limits.pdf_stream_mb)
    return Message.of("BP001.pdf_stream_bomb", limit=limits.pdf_stream_mb)


def _write(read: _Read, out: Builder) -> None:
    """The pages' lines in order, without their running headers and page numbers, a grid that runs
    over pages as one (pdfgrid.stitch); each line's place is its page, with the number the page
    prints."""
    pages = [lines for _, lines in read if isinstance(lines, list)]
    texts = [[line.text if not line.in_table else "" for line in lines] for lines in pages]
    stitched = iter(stitch(list(zip(pages, furniture(texts), strict=True))))
    numbers = page_numbers(texts)
    printed, numbered = iter(numbers), any(numbers)
    grids: dict[int, int] = {}
    for number, lines in read:
        if not isinstance(lines, list):
            out.notice(lines, _where(number, None, numbered))
            continue
        (lines, skip), where = next(stitched), _where(number, next(printed), numbered)
        for index, line in enumerate(lines):
            if line.row is not None:
                out.pdf_row(line.row, where, grids.setdefault(line.table, out.grid()))
            elif index in skip or line.role is Role.BESIDE:
                out.set_aside(line.text, where)
            else:
                out.paragraph(line.text, where, line.full)
        out.add("", where)


def _where(number: int, printed: int | None, numbered: bool) -> Place:
    """Page `number` of the file and the number it prints (bplint.location says `第25页（PDF
    第27页）`); a page that prints none in a document whose other pages do has none, one of a
    document that numbers no page is the number of its place."""
    return Place(number, printed if printed is not None or numbered else number)


def _page(page) -> list[Line]:
    """The page's lines in reading order: text lines and the rows of its ruled grids."""
    rules = pdftables.edges(page.objects)
    found = pdftables.find_tables(*rules)
    first = min(found, key=lambda t: t.bbox[1], default=None)
    # A "table" of one row is text in a box (a 目录 entry, a sentence with an underlined figure):
    # read as lines, so a sentence is not cut into cells.  Unless it opens the page: then it may be
    # the last row of a grid the page before ended with, which stitching decides (Role.TENTATIVE).
    chars = Chars(page.chars if found else [])  # sorted only where a grid reads them
    done = {id(table): _grid(table, chars) for table in found if len(table.rows) > 1}
    tables = [table for table in found if id(table) in done and not _chart(done[id(table)][0])]
    tentative = first if first is not None and len(first.rows) == 1 else None
    boxes = [table.bbox for table in tables]  # a property pdfplumber computes anew at each call
    outside = _outside(page.chars, boxes)
    # What `page.filter(…).extract_text_lines()` does, without filtering the page's every path, and
    # without pdfplumber's text map where every character is upright (celltext).
    texts = plain_lines(outside)
    if texts is None:
        texts = chars_to_textmap(
            outside,
            layout_bbox=page.bbox,
            layout_width=page.width,
            layout_height=page.height,
            keep_blank_chars=False,
        ).extract_text_lines(strip=True, return_chars=True)
    grids = sorted([*tables, *([tentative] if tentative else [])], key=lambda t: t.bbox[1])
    read = [done.get(id(table)) or _grid(table, chars) for table in grids]
    # The page's first grid (numbered 1) may have the rest of a row cut by the page break above it.
    fragment = _open_row(rules[0], grids[0], read[0][1], chars) if grids else None
    items: list[tuple[float, int, Line]] = []  # (top, order, line)
    margin = max((line["x1"] for line in texts), default=0)
    for line in texts:
        # Within one character of the margin: justified text ends there, a heading well before
        # (a tenth of a point more: a line one character short must not turn on float noise).
        size = max((char["size"] for char in line["chars"]), default=0)
        full = line["x1"] >= margin - size - 0.1
        role, owner = _shadowing(line, tentative, fragment)
        if role is Role.PLAIN and _beside(line, tables):
            role = Role.BESIDE
        items.append((line["top"], 1, Line(line["text"].strip(), "", full=full, role=role, table=owner)))
    for t, (table, (rows, geometry)) in enumerate(zip(grids, read, strict=True), 1):
        role = Role.TENTATIVE if table is tentative else Role.PLAIN
        if fragment is not None and t == 1:
            items.append((fragment[0], 0, Line("", f"表{t} 行0", fragment[1], t, boxes=fragment[2],
                                                 geometry=geometry, role=Role.FRAGMENT)))  # fmt: skip
        for r, (row, cell_boxes) in enumerate(rows, 1):
            grid_line = Line(
                "", f"表{t} 行{r}{_label(row)}", row, t, boxes=cell_boxes, geometry=geometry, role=role
            )
            items.append((table.bbox[1], 0, grid_line))
    items.sort(key=lambda item: (item[0], item[1]))
    return [line for _, _, line in items]


def _chart(rows: list[tuple[tuple[GridCell, ...], tuple[Box, ...]]]) -> bool:
    """The gridlines of a chart, not a table: most of its rows hold nothing (the bands between
    gridlines), the rest only figures (the labels of its bars: `1419.73 458.2 186.84`).  Its text
    is text."""
    texts = [[t for cell in row for t in cell.paragraphs if t.strip()] for row, _ in rows]
    empty = sum(1 for row in texts if not row)
    figures = all(_CHART_LABEL.fullmatch(t) for row in texts for t in row)
    return len(rows) >= _CHART_ROWS and empty * 2 >= len(rows) and figures


_CHART_LABEL = regexes.compile(r"[\d.,%\s-]+")
_CHART_ROWS = 4


def _beside(line: dict, tables: list) -> bool:
    """Text at the height of a grid's rows, outside its rules (a label printed down the page beside
    the grid, one character a line): part of the grid's page, never what follows it."""
    middle = (line["top"] + line["bottom"]) / 2
    short = len(line["text"].strip()) <= _VERTICAL
    return short and any(table.bbox[1] < middle < table.bbox[3] for table in tables)


_VERTICAL = 2  # characters a line of a label printed down the page holds


def _shadowing(line: dict, tentative, fragment) -> tuple[Role, int]:
    """A text line holding the characters of a one-row grid or of an open row opening the page
    is their shadow: kept only where they turn out not to continue the page before's grid.  Both
    belong to the page's first grid, number 1."""
    middle = (line["top"] + line["bottom"]) / 2
    if tentative is not None and tentative.bbox[1] <= middle <= tentative.bbox[3]:
        return Role.SHADOW, 1
    if fragment is not None and fragment[0] <= middle <= fragment[3]:
        return Role.SHADOW, 1
    return Role.PLAIN, 0


def _open_row(vertical: list[Edge], table, geometry: Geometry, chars: Chars):
    """The rest of a row cut by the page break, printed above the page's first grid without a top
    rule: the grid's column rules go on above its first horizontal rule, and text stands between
    them.  Its top, cells (on the grid's positions), their boxes and its bottom; None if none."""
    x0, top, x1, _ = table.bbox
    rules = [e for e in vertical if x0 - 1 <= e[0] <= x1 + 1 and e[1] < top - 3 and e[3] >= top - 1]
    if len(rules) < 2:
        return None
    start = min(e[1] for e in rules)
    inside = chars.in_row((x0, start, x1, top))
    if not inside:
        return None
    cells, boxes = [], []
    for left, right in itertools.pairwise(geometry.edges):
        mine = [c for c in inside if left <= (c["x0"] + c["x1"]) / 2 < right]
        found = _cell(pdfrows.text((left, start, right, top), mine)) if mine else ""
        cells.append(GridCell([found], open=True))
        boxes.append((left, right))
    if not any(cell.paragraphs[0] for cell in cells):
        return None
    return start, tuple(cells), tuple(boxes), top


def _label(row: tuple[GridCell, ...]) -> str:
    """The row's first words, as the reader finds the row by them: `（“一般公共服务支出”）`."""
    text = next((t for cell in row for t in cell.paragraphs if t.strip()), "").strip()
    return f"（“{text[:16]}{'…' if len(text) > 16 else ''}”）" if text else ""


def _outside(chars: list[dict], boxes: list) -> list[dict]:
    """The characters inside none of the boxes (grown by 1 on each side); all of a page without one."""
    if not boxes:
        return chars
    grown = [(x0 - 1, top - 1, x1 + 1, bottom + 1) for x0, top, x1, bottom in boxes]
    if len(grown) == 1:  # most pages with a grid: one box, tested without a generator per character
        ((a, t, b, u),) = grown
        return [c for c in chars if not (c["x0"] >= a and c["x1"] <= b
                                         and c["top"] >= t and c["bottom"] <= u)]  # fmt: skip
    return [c for c in chars if not any(c["x0"] >= a and c["x1"] <= b and c["top"] >= t
                                        and c["bottom"] <= u for a, t, b, u in grown)]  # fmt: skip


def _grid(table, chars: Chars) -> tuple[list[tuple[tuple[GridCell, ...], tuple[Box, ...]]], Geometry]:
    """The table's rows as grid cells, each with its cells' boxes, and its columns' geometry: a
    cell's span counts the column starts under it; a position pdfplumber has no cell for lies
    under a merged cell, across from the left when a cell of the row spans it, else down from
    above."""
    found = table.rows
    starts = sorted({round(cell[0], 1) for row in found for cell in row.cells if cell})
    edges = [*starts, table.bbox[2]]
    stray = stray_text([row.cells for row in found], chars.in_row(table.bbox), edges, chars_text)
    rows = []
    for r, (row, texts) in enumerate(zip(found, extract(found, chars), strict=True)):
        cells: list[GridCell] = []
        reach = 0  # positions still under the last cell's span
        for i, (bbox, text) in enumerate(zip(row.cells, texts, strict=True)):
            if bbox is None and (r, i) in stray:
                # Text under no cell: a merged cell's, cut open by the page break (pdfstray).
                down = r + 1 < len(found) and found[r + 1].cells[i] is None
                cells.append(GridCell([_cell(stray[r, i])], open=True, down=down))
                reach = 1
            elif bbox is None:
                cells.append(GridCell([""], covered=ACROSS if reach > 0 else DOWN))
            else:
                # the column starts under it, by bisection (a page ruled 300×300 has 90,000 cells)
                inside = max(bisect_left(starts, bbox[2] - 1) - bisect_left(starts, bbox[0] - 1), 1)
                cells.append(GridCell([_cell(text)], inside))
                reach = inside
            reach -= 1
        boxes = tuple(
            (bbox[0], bbox[2]) if bbox is not None
            else (edges[i], edges[i + 1]) if (r, i) in stray and i + 1 < len(edges) else None
            for i, bbox in enumerate(row.cells)
        )  # fmt: skip
        rows.append((tuple(cells), boxes))
    return rows, Geometry.of([boxes for _, boxes in rows], table.bbox[2])


def _cell(text: str | None) -> str:
    # A cell's wrapped text is one cell: joined without a space (Chinese has none).
    return (text or "").replace("\n", "").replace("\t", " ").strip()

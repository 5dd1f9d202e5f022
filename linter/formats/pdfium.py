"""A page's characters and ruling lines read by PDFium (pypdfium2), in the shape pdfplumber's own
parser gives them, so that the tables and lines found on them (pdfplumber's algorithms) are those
pdfminer's objects would give.

pdfminer spends about 95% of bplint's time on a PDF interpreting content streams in Python;
PDFium does it in C, ten to twenty times faster. The objects are built as pdfminer builds them:
a character's box runs from its baseline's descent up by its size and across by its advance; a
path is split into subpaths, each a line, a rectangle or a curve by the same shapes pdfminer uses.
A page PDFium cannot map the same way (a string PDFium may have cut short) returns None and is left
to pdfminer.
"""

from __future__ import annotations

import ctypes
import re
import struct

import pypdfium2
import pypdfium2.raw as pdfium

_TEXT, _PATH, _IMAGE, _FORM = (
    pdfium.FPDF_PAGEOBJ_TEXT,
    pdfium.FPDF_PAGEOBJ_PATH,
    pdfium.FPDF_PAGEOBJ_IMAGE,
    pdfium.FPDF_PAGEOBJ_FORM,
)
_SEGMENT_LETTER = {pdfium.FPDF_SEGMENT_MOVETO: "m", pdfium.FPDF_SEGMENT_LINETO: "l",
            pdfium.FPDF_SEGMENT_BEZIERTO: "c"}  # fmt: skip
# PDFium's content parser keeps the first 32,767 bytes of a string (pdfminer keeps all): a page
# with that many characters may have lost some, silently.
_LONGEST_STRING = 32_767
_HYPHEN = 0x02  # PDFium's mark for a hyphen that ends a line: the PDF drew `-`
_SUBPATH = re.compile(r"m[^m]+")
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Engine:
    """One open document; `objects(index, doctop)` is a page's objects as pdfplumber keys them."""

    def __init__(self, data: bytes) -> None:
        self.document = pypdfium2.PdfDocument(data)

    def close(self) -> None:
        self.document.close()

    def objects(self, index: int, doctop: float, number: int, budget: int) -> dict | None:
        page = self.document[index]
        try:
            turn, height = _frame(page.get_mediabox(), page.get_rotation())
            chars = _chars(page.raw, turn, height, doctop, number, budget)
            if chars is None:
                return None
            found: dict[str, list] = {"char": chars}
            _walk(_page_objects(page.raw), turn, height, doctop, number, found)
            return found
        finally:
            page.close()


def _frame(box: tuple[float, float, float, float], rotation: int) -> tuple[Matrix, float]:
    """The matrix from the page's space to pdfplumber's frame, and the height `top` is counted
    down from.  pdfminer turns the page as it is shown (/Rotate is clockwise) with its MediaBox's
    corner at the origin; pdfplumber then adds the box's corner back to x, and to `top`."""
    x0, x1 = sorted(box[0::2])
    y0, y1 = sorted(box[1::2])
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, 0.0, x1), x1 - 2 * x0
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1 + x0, y1), y1 - 2 * y0
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, y1 + y0, -x0), x1 - 2 * x0
    # An upright page at the origin: the matrix itself, so that each character can tell by `is`.
    return (_IDENTITY if y0 == 0 else (1.0, 0.0, 0.0, 1.0, 0.0, -y0)), y1 - 2 * y0


class TooManyChars(Exception):
    """The page draws more characters than the budget allows."""


def _chars(page, turn: Matrix, height: float, doctop: float, number: int, budget: int) -> list[dict] | None:
    text = pdfium.FPDFText_LoadPage(page)
    try:
        count = pdfium.FPDFText_CountChars(text)
        if count > budget:
            raise TooManyChars
        if count >= _LONGEST_STRING:
            return None  # PDFium may have cut a string short: pdfminer reads the page
        return _read_chars(text, _letters(text, count), turn, height, doctop, number)
    finally:
        pdfium.FPDFText_ClosePage(text)


# What PDFium may insert between the characters a page draws: spaces and line breaks.
_INFERRED = frozenset(" \r\n")


def _letters(text, count: int) -> list[str]:
    """Each character's text, the page's in one call where it maps one to one (a character
    outside the BMP takes two UTF-16 units, and then each is asked for alone)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium.FPDFText_GetText(text, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    whole = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(whole) != count:
        whole = "\ufffe" * count
    # The page's text writes the end-of-line hyphen mark as U+FFFE: that one is asked for alone.
    return [_letter(text, i) if letter == "\ufffe" else letter for i, letter in enumerate(whole)]


def _letter(text, i: int) -> str:
    code = pdfium.FPDFText_GetUnicode(text, i)
    return "-" if code == _HYPHEN else chr(code)


_Function = type(pdfium.FPDFText_GetMatrix)


def _bare(function, restype=None):
    """`function` called without ctypes' conversions, twice to three times faster: its arguments
    given as C values already (a handle PDFium returned, an index, a preallocated out-parameter by
    reference)."""
    bare = _Function(ctypes.cast(function, ctypes.c_void_p).value)
    bare.argtypes = None
    bare.restype = restype or function.restype
    return bare


_LOOSE_BOX = _bare(pdfium.FPDFText_GetLooseCharBox)
_GLYPH_MATRIX = _bare(pdfium.FPDFText_GetMatrix)
_FONT_SIZE = _bare(pdfium.FPDFText_GetFontSize)
_ORIGIN = _bare(pdfium.FPDFText_GetCharOrigin)
_GENERATED = _bare(pdfium.FPDFText_IsGenerated)
# The out-parameters, as arrays read in one slice: FS_RECTF is left, top, right, bottom; FS_MATRIX a–f.
_BOX, _MATRIX, _POINT = (ctypes.c_float * 4)(), (ctypes.c_float * 6)(), (ctypes.c_double * 2)()
_BOX_REF, _MATRIX_REF = ctypes.byref(_BOX), ctypes.byref(_MATRIX)
_X_REF, _Y_REF = ctypes.byref(_POINT), ctypes.byref(_POINT, ctypes.sizeof(ctypes.c_double))


def _read_chars(text, letters: list[str], turn: Matrix, height: float, doctop: float, number: int) -> list:
    """Each character PDFium read (not those it inserted) as pdfminer builds it: a character's box
    runs from its baseline's descent up by its size and across by its advance. One loop with the
    calls bound once: it runs for every character of every page."""
    loose, glyph, font_size, origin, generated = _LOOSE_BOX, _GLYPH_MATRIX, _FONT_SIZE, _ORIGIN, _GENERATED
    box, matrix, point = _BOX, _MATRIX, _POINT
    box_ref, matrix_ref, x_ref, y_ref = _BOX_REF, _MATRIX_REF, _X_REF, _Y_REF
    inferred, upright_page = _INFERRED, turn is _IDENTITY
    chars = []
    for i, letter in enumerate(letters):
        if letter in inferred and generated(text, i) == 1:
            continue
        loose(text, i, box_ref)
        glyph(text, i, matrix_ref)
        left, top, right, bottom = box[:]
        a, b, c, d = matrix[:4]
        if not upright_page:  # a turned page: the box and the glyph's matrix as the page is shown
            (left, bottom), (right, top) = _turned_box(turn, left, bottom, right, top)
            a, b, c, d, _, _ = _compose(_snapped((a, b, c, d, 0.0, 0.0)), turn)
        size = font_size(text, i) * (c * c + d * d) ** 0.5
        upright = a * d > 0 and b * c <= 0  # pdfminer's test
        if upright:  # as pdfminer: from the origin, and from the descent up by the size
            origin(text, i, x_ref, y_ref)
            x0 = point[0] if upright_page else _apply(turn, point[0], point[1])[0]
            x1, y0 = right, bottom
            y1 = y0 + size
        else:
            x0, x1, y0, y1 = left, right, bottom, top
        top = height - y1
        chars.append({
            "text": letter, "object_type": "char",
            "page_number": number, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
            "top": top, "bottom": height - y0, "doctop": doctop + top,
            "width": x1 - x0, "height": y1 - y0, "size": size, "upright": upright,
        })  # fmt: skip
    return chars


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _turned_box(turn: Matrix, left: float, bottom: float, right: float, top: float):
    """A box's lower-left and upper-right corners after a turn by a multiple of 90°."""
    (p, q), (r, s) = _apply(turn, left, bottom), _apply(turn, right, top)
    return (min(p, r), min(q, s)), (max(p, r), max(q, s))


_PAGE_OBJECTS, _PAGE_OBJECT = _bare(pdfium.FPDFPage_CountObjects), _bare(pdfium.FPDFPage_GetObject)
_FORM_OBJECTS, _FORM_OBJECT = _bare(pdfium.FPDFFormObj_CountObjects), _bare(pdfium.FPDFFormObj_GetObject)
_KIND, _OBJECT_MATRIX = _bare(pdfium.FPDFPageObj_GetType), _bare(pdfium.FPDFPageObj_GetMatrix)
_OBJECT_MATRIX_OUT = (ctypes.c_float * 6)()
_OBJECT_MATRIX_REF = ctypes.byref(_OBJECT_MATRIX_OUT)


def _page_objects(page):
    for i in range(_PAGE_OBJECTS(page)):
        yield _PAGE_OBJECT(page, i)


def _form_objects(form):
    for i in range(_FORM_OBJECTS(form)):
        yield _FORM_OBJECT(form, i)


def _walk(objects, outer: Matrix, height: float, doctop: float, number: int, found: dict) -> None:
    """Paths and images, into forms (a form's objects are placed by its matrix)."""
    kind_of = _KIND
    for obj in objects:
        kind = kind_of(obj)
        if kind == _PATH:
            matrix = _compose(_matrix(obj), outer)
            for shape, points in _subpaths(obj, matrix):
                _paint(shape, points, height, doctop, number, found)
        elif kind == _IMAGE:
            found.setdefault("image", []).append({"object_type": "image", "page_number": number})
        elif kind == _FORM:
            _walk(_form_objects(obj), _compose(_matrix(obj), outer), height, doctop, number, found)


def _matrix(obj) -> Matrix:
    if not _OBJECT_MATRIX(obj, _OBJECT_MATRIX_REF):
        return _IDENTITY
    a, b, c, d, e, f = _OBJECT_MATRIX_OUT[:]
    return _snapped((a, b, c, d, e, f))


# A turn computed with sines and cosines writes 0 as 6.1e-17 (`6.12e-17 1 -1 6.12e-17 595 0 cm`,
# as pypdf's own rotate does): kept, it tilts every rule by a hair, a horizontal rule then has a
# top and a bottom that differ and pdfplumber takes it for a vertical one.  No real scale is that small.
_NOISE = 1e-6


def _snapped(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    return (
        0.0 if -_NOISE < a < _NOISE else a,
        0.0 if -_NOISE < b < _NOISE else b,
        0.0 if -_NOISE < c < _NOISE else c,
        0.0 if -_NOISE < d < _NOISE else d,
        e,
        f,
    )


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _subpaths(path, matrix: Matrix):
    """The path as pdfminer's operators (`m`, `l`, `c`, `h`) with each one's end point, one
    subpath at a time (a bezier's two control points are dropped, as pdfminer's `pts` does)."""
    a, b, c, d, e, f = matrix
    letters = _SEGMENT_LETTER
    ops: list[str] = []
    points: list[tuple[float, float]] = []
    start = (0.0, 0.0)
    pending_bezier = 0
    for x, y, kind, closes in _segments(path):
        op = letters.get(kind, "l")
        if op == "c":
            pending_bezier += 1
            if pending_bezier < 3:
                continue
            pending_bezier = 0
        point = (a * x + c * y + e, b * x + d * y + f)
        if op == "m":
            start = point
        ops.append(op)
        points.append(point)
        if closes:
            ops.append("h")
            points.append(start)
    shape = "".join(ops)
    for match in _SUBPATH.finditer(shape):
        yield match[0], points[match.start() : match.end()]


_SEGMENTS, _SEGMENT = _bare(pdfium.FPDFPath_CountSegments), _bare(pdfium.FPDFPath_GetPathSegment)
_SEGMENT_AT = _bare(pdfium.FPDFPath_GetPathSegment, ctypes.c_void_p)
_SEGMENT_POINT, _SEGMENT_KIND = _bare(pdfium.FPDFPathSegment_GetPoint), _bare(pdfium.FPDFPathSegment_GetType)
_SEGMENT_CLOSES = _bare(pdfium.FPDFPathSegment_GetClose)
_SEGMENT_XY = (ctypes.c_float * 2)()
_SEGMENT_X_REF = ctypes.byref(_SEGMENT_XY)
_SEGMENT_Y_REF = ctypes.byref(_SEGMENT_XY, ctypes.sizeof(ctypes.c_float))
# A path's segments are PDFium's points of it, one array of `{float x, y; uint8 kind; bool closes}`
# (CFX_Path::Point; a segment's handle is its address): copied whole, two calls a path instead of
# four a segment, where a path made at import reads the same both ways and the array is where
# its first and last segments say.  Elsewhere, segment by segment.
_PATH_POINT = struct.Struct("<ffBB2x")
Segment = tuple[float, float, int, int]  # x, y, kind (FPDF_SEGMENT_*), closes the subpath


def _segments(path) -> list[Segment]:
    count = _SEGMENTS(path)
    if count > 0 and _IN_ONE_COPY:
        first, last = _SEGMENT_AT(path, 0), _SEGMENT_AT(path, count - 1)
        if first and last == first + (count - 1) * _PATH_POINT.size:
            return list(_PATH_POINT.iter_unpack(ctypes.string_at(first, count * _PATH_POINT.size)))
    return _segments_one_by_one(path, count)


def _segments_one_by_one(path, count: int) -> list[Segment]:
    found = []
    for i in range(count):
        segment = _SEGMENT(path, i)
        _SEGMENT_POINT(segment, _SEGMENT_X_REF, _SEGMENT_Y_REF)
        x, y = _SEGMENT_XY[:]
        found.append((x, y, _SEGMENT_KIND(segment), 1 if _SEGMENT_CLOSES(segment) else 0))
    return found


def _reads_in_one_copy() -> bool:
    """Whether this PDFium keeps a path's points as `_PATH_POINT`s: a path of every kind of segment,
    read both ways."""
    path = pdfium.FPDFPageObj_CreateNewPath(1.25, 2.5)
    try:
        pdfium.FPDFPath_LineTo(path, 3.75, -4.5)
        pdfium.FPDFPath_BezierTo(path, 5.0, 6.0, 7.0, 8.0, 9.5, 10.5)
        pdfium.FPDFPath_Close(path)
        pdfium.FPDFPath_MoveTo(path, 11.0, 12.0)
        pdfium.FPDFPath_LineTo(path, -13.0, 14.0)
        count = _SEGMENTS(path)
        first = _SEGMENT_AT(path, 0)
        if count != 7 or not first or _SEGMENT_AT(path, count - 1) != first + (count - 1) * _PATH_POINT.size:
            return False
        copied = list(_PATH_POINT.iter_unpack(ctypes.string_at(first, count * _PATH_POINT.size)))
        return copied == _segments_one_by_one(path, count)
    finally:
        pdfium.FPDFPageObj_Destroy(path)


_IN_ONE_COPY = _reads_in_one_copy()


def _paint(shape: str, pts: list, height: float, doctop: float, number: int, found: dict) -> None:
    """pdfminer's `paint_path` for one subpath: a line, a rectangle, else a curve."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-1]
    if shape in {"mlh", "ml"}:
        kind = "line"
    elif shape in {"mlllh", "mllll"} and pts[0] == pts[4] and _square(pts):
        kind = "rect"
    else:
        kind = "curve"
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = height - y1
    obj = {
        "object_type": kind, "page_number": number, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
        "top": top, "bottom": height - y0, "doctop": doctop + top, "width": x1 - x0, "height": y1 - y0,
        "pts": [(px, height - py) for px, py in pts],
    }  # fmt: skip
    found.setdefault(kind, []).append(obj)


def _square(pts: list) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
        y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
    )

"""Hostile and broken inputs, built byte by byte: what a download folder or an attacker hands over.

Each builder returns the bytes of one file; tests/test_hostile.py lints them as a user would.
"""

from __future__ import annotations

import io
import zipfile
import zlib

import docx
import openpyxl
import regex

from tests.documents import saved

FONT = b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"
TEXT = b"BT /F1 12 Tf 20 100 Td (Budget) Tj ET"
FORM = b"/Type/XObject/Subtype/Form/BBox[0 0 10 10]/Resources<</XObject<</X1 6 0 R>>>>"


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<</Length %d%s>>stream\n%s\nendstream" % (len(data), extra, data)


def one_page(content: bytes, media: bytes = b"[0 0 200 200]", contents: bytes = b"4 0 R",
             extra: bytes = b"", more: tuple[bytes, ...] = ()) -> bytes:  # fmt: skip
    """One page drawing `content` (object 4) in Helvetica (object 5); `more` objects follow."""
    page = b"<</Type/Page/Parent 2 0 R/MediaBox%s/Resources<</Font<</F1 5 0 R>>>>/Contents %s>>"
    return pdf([
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        page % (media, contents),
        stream(content, extra),
        FONT,
        *more,
    ])  # fmt: skip


def flate_bomb(megabytes: int) -> bytes:
    """A page whose content stream is a few hundred KB and inflates to `megabytes` MB."""
    content = TEXT + b" " * (megabytes * 1024 * 1024)
    return one_page(zlib.compress(content, 9), extra=b"/Filter/FlateDecode")


def pdf_cases() -> dict[str, bytes]:
    page = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>"
    tree_loop = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[2 0 R 3 0 R]/Count 1>>", page]
    return {
        "ok": one_page(TEXT),
        "huge-mediabox": one_page(TEXT, media=b"[0 0 1e308 1e308]"),
        "nan-mediabox": one_page(TEXT, media=b"[0 0 -5 nan]"),
        # /Contents is an array holding itself, through a second array.
        "reference-loop": one_page(TEXT, contents=b"6 0 R", more=(b"[7 0 R]", b"[6 0 R]")),
        "page-tree-loop": pdf([*tree_loop, stream(TEXT), FONT]),
        "self-reference": one_page(TEXT, contents=b"6 0 R", more=(b"6 0 R",)),
        # A form that draws itself.
        "form-recursion": one_page(b"/X1 Do " + TEXT, more=(stream(b"/X1 Do", FORM),)).replace(
            b"/Font<</F1 5 0 R>>", b"/Font<</F1 5 0 R>>/XObject<</X1 6 0 R>>"
        ),
        "digits": one_page(b"BT /F1 12 Tf 20 100 Td (" + b"1" * 20_000 + b") Tj ET"),
        "million-chars": one_page(b"BT /F1 1 Tf 0 100 Td (" + b"a" * 1_000_000 + b") Tj ET"),
        "truncated": one_page(TEXT)[:300],
    }


def _rezip(source: bytes, edit) -> bytes:
    """The same package with each part passed through `edit(name, data)` (None leaves it out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            data = edit(item.filename, zin.read(item.filename))
            if data is not None:
                z.writestr(item.filename, data)
    return out.getvalue()


def workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "收支总表"
    sheet["A1"], sheet["A2"], sheet["B2"] = "收支总体情况表", "项目", "金额"
    book.create_sheet("第二表")["A1"] = "说明"
    return saved(book)


def _in_sheet1(old: bytes, new: bytes):
    return lambda name, data: data.replace(old, new, 1) if name == "xl/worksheets/sheet1.xml" else data


FAR_CELL = b'<row r="1000000"><c r="XFD1000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
MERGE_ALL = b'</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>'


def xlsx_cases() -> dict[str, bytes]:
    base = workbook()
    without_sheet2 = _rezip(base, lambda name, data: None if name == "xl/worksheets/sheet2.xml" else data)
    return {
        "claims-a-million-rows": _rezip(
            base, _in_sheet1(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:ZZ100000"/>')
        ),
        "far-cell": _rezip(base, _in_sheet1(b"</sheetData>", FAR_CELL)),
        "merge-everything": _rezip(base, _in_sheet1(b"</sheetData>", MERGE_ALL)),
        "missing-sheet": without_sheet2,
    }


def xlsx_bomb(megabytes: int) -> bytes:
    return _rezip(workbook(), _in_sheet1(b"<sheetData>", b"<sheetData>" + b" " * (megabytes * 1024 * 1024)))


def nested_docx() -> bytes:
    """A project sheet whose indicator cell holds a table of its own."""
    document = docx.Document()
    document.add_paragraph("1.接待费绩效目标表")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目名称", "接待费"
    table.cell(1, 0).text = "备注"
    inner = table.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "嵌套表格", "第二格"
    return saved(document)


def docx_bomb(megabytes: int) -> bytes:
    padding = b" " * (megabytes * 1024 * 1024)
    return _rezip(nested_docx(), lambda name, data: data.replace(b"<w:body>", b"<w:body>" + padding, 1)
                  if name == "word/document.xml" else data)  # fmt: skip


def lzw(count: int) -> bytes:
    """LZW codes (as PDF writes them, 9 to 12 bits) that decode to about `count` KB of spaces: each
    code names the entry just being made, one byte longer than the last, then the longest again."""
    codes, width, table = [(256, 9), (32, 9)], 9, 258
    size = 1
    while size < count * 1024:
        code = min(table, 4095)
        codes.append((code, width))
        size += code - 256 if code < 4095 else 3838
        table += 1
        width = {511: 10, 1023: 11, 2047: 12}.get(table, width)
    codes.append((257, width))
    bits = "".join(format(code, f"0{n}b") for code, n in codes)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


def run_length(megabytes: int) -> bytes:
    """RunLength: two bytes for each 128 spaces."""
    return TEXT + b" " + bytes([129, 32]) * (megabytes * 8192) + b"\x80"


def filter_bombs(megabytes: int) -> dict[str, bytes]:
    """Pages whose streams decode past `megabytes` MB where no single Flate stream does."""
    spaces = b" " * (megabytes * 1024 * 1024 // 3 + 1)
    flate = b"/Filter/FlateDecode"
    # A TrueType font whose file PDFium would inflate by itself, unbounded.
    font = b"<</Type/Font/Subtype/TrueType/BaseFont/Bomb/FontDescriptor 6 0 R>>"
    descriptor = b"<</Type/FontDescriptor/FontName/Bomb/Flags 32/FontFile2 7 0 R>>"
    font_file = stream(zlib.compress(b"\0" * (megabytes * 1024 * 1024 + 1)), flate)
    return {
        "lzw": one_page(lzw(megabytes * 1024 + 64), extra=b"/Filter/LZWDecode"),
        "run-length": one_page(run_length(megabytes + 1), extra=b"/Filter/RunLengthDecode"),
        # One stream of a third of the bound, listed four times: a reader joins them.
        "repeated": one_page(
            zlib.compress(TEXT + spaces), contents=b"[4 0 R 4 0 R 4 0 R 4 0 R]", extra=flate
        ),
        "font": pdf([*_objects(one_page(TEXT))[:4], font, descriptor, font_file]),
    }


def _objects(data: bytes) -> list[bytes]:
    """The objects of a PDF `pdf` made, in order, to be made again with some changed."""
    return [part.split(b"\nendobj", 1)[0] for part in data.split(b" 0 obj\n")[1:]]


MACRO_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"
WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def macro_document(docx_data: bytes) -> bytes:
    """The same document saved by Word as a macro document (.docm): the main part's content type
    says so and a VBA project rides along; Word opens it renamed .docx."""
    out = io.BytesIO(_rezip(docx_data, lambda name, data: data.replace(WORD_MAIN, MACRO_MAIN)
                            .replace(b"</Types>", b'<Default Extension="bin" ContentType="application/'
                                     b'vnd.ms-office.vbaProject"/></Types>')
                            if name == "[Content_Types].xml" else data))  # fmt: skip
    with zipfile.ZipFile(out, "a") as package:
        package.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 512)
    return out.getvalue()


def turned(data: bytes, angle: int) -> bytes:
    """The same PDF with every page turned: its content drawn turned back by `angle` and its
    /Rotate set to `angle`, so that it looks identical when viewed or printed (as a scanner's
    or printer driver's output can be).  The turn is pypdf's own, with cosines: 0 is written as
    6.1e-17, as real tools write it."""
    from pypdf import PdfWriter, Transformation
    from pypdf.generic import NameObject, NumberObject, RectangleObject

    writer = PdfWriter(clone_from=io.BytesIO(data))
    for page in writer.pages:
        box = page.mediabox
        width, height = float(box.width), float(box.height)
        back = {90: (height, 0), 180: (width, height), 270: (0, width)}[angle]
        corner = (-float(box.left), -float(box.bottom))
        page.add_transformation(Transformation().translate(*corner).rotate(angle).translate(*back))
        shown = (0, 0, height, width) if angle in (90, 270) else (0, 0, width, height)
        page.mediabox = page.cropbox = RectangleObject(shown)
        page[NameObject("/Rotate")] = NumberObject(angle)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def ruled(count: int, step: int = 5) -> bytes:
    """A page ruled `count`×`count` (13 KB for 300: 90,000 cells), a word in its corner."""
    size = count * step
    across = b"0 %d m %d %d l S"  # a rule across at a height
    down = b"%d 0 m %d %d l S"  # a rule down at a distance
    rules = b"\n".join(across % (i * step, size, i * step) + b" " + down % (i * step, i * step, size)
                       for i in range(count + 1))  # fmt: skip
    word = TEXT.replace(b"20 100", b"2 %d" % (size - 12))
    return one_page(word + b"\n" + rules, media=b"[0 0 %d %d]" % (size, size))


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SHARED_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def repeated_string(cells: int, megabytes: int) -> bytes:
    """A workbook of a few KB whose `cells` cells all show one shared string of `megabytes` MB."""
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    big = "预算" * (megabytes * 1024 * 1024 // 6)
    row = "".join(f'<c r="{column}{{r}}" t="s"><v>0</v></c>' for column in "ABCDEFGHIJ")
    rows = "".join(f'<row r="{r}">{row.format(r=r)}</row>' for r in range(1, cells // 10 + 1))
    shared = f'<sst xmlns="{_MAIN}" count="{cells}" uniqueCount="1"><si><t>{big}</t></si></sst>'
    parts = {
        "xl/worksheets/sheet1.xml": lambda d: regex.sub(rb"<sheetData>.*</sheetData>",
                                                        f"<sheetData>{rows}</sheetData>".encode(), d),
        "[Content_Types].xml": lambda d: d.replace(b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" '
                                                   f'ContentType="{_SHARED_TYPE}"/></Types>'.encode()),
        "xl/_rels/workbook.xml.rels": lambda d: d.replace(b"</Relationships>", f'<Relationship Id="rIdS" '
                                                          f'Type="{_SHARED_REL}" Target="sharedStrings.xml"/>'
                                                          "</Relationships>".encode()),
    }  # fmt: skip
    out = io.BytesIO(_rezip(saved(book), lambda name, data: parts.get(name, lambda d: d)(data)))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/sharedStrings.xml", shared)
    return out.getvalue()

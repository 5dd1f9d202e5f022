"""The department's own file, marked: a copy of the PDF with each finding a highlight on its cell
or sentence and a note holding the message and what to do (`--annotate OUT.pdf`); a Word
document gets comments instead (bplint.report.comments).  The input is never written.

PDFium (pypdfium2, already bplint's PDF engine) finds the spot on the finding's page: the text
printed there (the cell, the figure) nearest the row's label or the line's first words, and adds
a highlight annotation coloured by severity (red error, orange warning, blue info) whose note is
the message.  A finding whose spot cannot be found on its page gets a note at the page's top
left; one without a page, a note on the first page.
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from bplint.findings import Finding
from bplint.language import Lang
from bplint.lint import FileResult
from bplint.severity import Severity

COLOURS = {Severity.ERROR: (230, 40, 40), Severity.WARNING: (245, 150, 0), Severity.INFO: (40, 120, 230)}
_OPACITY = 110  # of 255: the text stays readable under the highlight
_AUTHOR = "bplint"
_NOTE = 18  # a note's icon, in points, at the page's top left where the spot is not found
_LINE = 2.0  # characters whose middles are this close (points) are on one line


def marked(result: FileResult, data: bytes, kind: str, lang: Lang = "zh", rules: dict | None = None) -> bytes:
    """`data` (the file linted as `result`) with its findings marked: a PDF (`kind` ".pdf") or a
    Word document (".docx").  Callable from Python: bytes in, bytes out."""
    if kind == ".docx":
        from bplint.report.comments import commented

        return commented(result, data, lang, rules)
    return highlighted(result, data, lang, rules)


def note(finding: Finding, lang: Lang, rules: dict | None = None) -> str:
    """What a mark says: the rule, the severity, the message, and how to fix it."""
    said = f"{finding.rule} [{finding.severity.word(lang)}] {finding.message}"
    rule = (rules or {}).get(finding.rule)
    fix = str(rule.explain.get("fix") or "").strip() if rule is not None and lang == "zh" else ""
    return f"{said}\n{'怎么改' if lang == 'zh' else 'How to fix'}：{fix}" if fix else said


def highlighted(result: FileResult, data: bytes, lang: Lang = "zh", rules: dict | None = None) -> bytes:
    """A copy of the PDF `data` with a highlight and a note for each finding of `result`."""
    document = pdfium.PdfDocument(data)
    try:
        pages: dict[int, _Page] = {}
        for finding in result.findings:
            number = finding.location.pdf_page if finding.location and finding.location.pdf_page else 1
            if not 0 < number <= len(document):
                number = 1
            if number not in pages:
                pages[number] = _Page(document[number - 1])
            pages[number].mark(finding, note(finding, lang, rules))
        out = io.BytesIO()
        document.save(out)
        for page in pages.values():
            page.close()
        return out.getvalue()
    finally:
        document.close()


@dataclass(frozen=True)
class _Box:
    left: float
    bottom: float
    right: float
    top: float

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2


class _Page:
    """A page's characters, found by their text with spaces left out, and the marks added to it."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        self.page = page
        self.text = page.get_textpage()
        count = self.text.count_chars()
        chars = self.text.get_text_range(0, count) if count else ""
        self.compact, self.indices = "", []
        if len(chars) == count:  # one character an index (else nothing is found: notes only)
            kept = [(c, i) for i, c in enumerate(chars) if not c.isspace()]
            self.compact = "".join(c for c, _ in kept)
            self.indices = [i for _, i in kept]
        self.height = page.get_height()

    def close(self) -> None:
        self.text.close()
        self.page.close()

    def mark(self, finding: Finding, text: str) -> None:
        boxes = self._spot(finding)
        if boxes:
            self._highlight(boxes, finding.severity, text)
        else:
            self._note(finding.severity, text)

    # -- finding the spot ---------------------------------------------------------------------

    def _spot(self, finding: Finding) -> list[_Box]:
        """The boxes (a box a line) of the finding's text nearest its anchor (the row's label, or
        the line's first words); the anchor itself where the text is not found; [] for neither."""
        where = finding.location
        anchor_text = (
            _compact((where.row or "").rstrip("…") if where else "")
            or _compact((finding.excerpt or "").split(" | ")[0])[:12]
        )
        anchors = self._find(anchor_text)
        target = _compact(where.text) if where and where.text else ""
        found = self._find(target) if target else []
        if found and anchors:
            y = _union(anchors[0]).middle if len(anchors) == 1 else None
            if y is None:  # several anchors: the target and anchor that stand nearest each other
                pairs = [(abs(_union(t).middle - _union(a).middle), t) for t in found for a in anchors]
                return _lines(min(pairs, key=lambda pair: pair[0])[1])
            return _lines(min(found, key=lambda boxes: abs(_union(boxes).middle - y)))
        if found:
            return _lines(found[0])
        return _lines(anchors[0]) if anchors else []

    def _find(self, compact: str) -> list[list[_Box]]:
        """Each occurrence of `compact` on the page, as the boxes of its characters."""
        if not compact:
            return []
        found: list[list[_Box]] = []
        start = self.compact.find(compact)
        while start >= 0 and len(found) < 50:
            found.append([self._box(self.indices[i]) for i in range(start, start + len(compact))])
            start = self.compact.find(compact, start + 1)
        return found

    def _box(self, index: int) -> _Box:
        left, bottom, right, top = self.text.get_charbox(index)
        return _Box(left, bottom, right, top)

    # -- marks --------------------------------------------------------------------------------

    def _highlight(self, boxes: Sequence[_Box], severity: Severity, text: str) -> None:
        annot = raw.FPDFPage_CreateAnnot(self.page.raw, raw.FPDF_ANNOT_HIGHLIGHT)
        try:
            for box in boxes:
                quad = raw.FS_QUADPOINTSF(box.left, box.top, box.right, box.top,
                                          box.left, box.bottom, box.right, box.bottom)  # fmt: skip
                raw.FPDFAnnot_AppendAttachmentPoints(annot, ctypes.byref(quad))
            whole = _union(boxes)
            rect = raw.FS_RECTF(whole.left, whole.top, whole.right, whole.bottom)
            raw.FPDFAnnot_SetRect(annot, ctypes.byref(rect))
            self._describe(annot, severity, text, _OPACITY)
        finally:
            raw.FPDFPage_CloseAnnot(annot)

    def _note(self, severity: Severity, text: str) -> None:
        """A note at the page's top left: the spot was not found on the page."""
        annot = raw.FPDFPage_CreateAnnot(self.page.raw, raw.FPDF_ANNOT_TEXT)
        try:
            top = self.height - 6
            rect = raw.FS_RECTF(6, top, 6 + _NOTE, top - _NOTE)
            raw.FPDFAnnot_SetRect(annot, ctypes.byref(rect))
            self._describe(annot, severity, text, 255)
        finally:
            raw.FPDFPage_CloseAnnot(annot)

    @staticmethod
    def _describe(annot, severity: Severity, text: str, alpha: int) -> None:
        red, green, blue = COLOURS[severity]
        raw.FPDFAnnot_SetColor(annot, raw.FPDFANNOT_COLORTYPE_Color, red, green, blue, alpha)
        raw.FPDFAnnot_SetFlags(annot, raw.FPDF_ANNOT_FLAG_PRINT)
        for key, value in ((b"Contents", text), (b"T", _AUTHOR)):
            raw.FPDFAnnot_SetStringValue(annot, key, _wide(value))


def _wide(text: str):
    """A PDFium wide string: UTF-16LE, ended by a zero."""
    encoded = (text + "\x00").encode("utf-16-le")
    return ctypes.cast(ctypes.create_string_buffer(encoded, len(encoded)), ctypes.POINTER(ctypes.c_ushort))


def _compact(text: str | None) -> str:
    return "".join((text or "").split())


def _union(boxes: Sequence[_Box]) -> _Box:
    return _Box(min(b.left for b in boxes), min(b.bottom for b in boxes),
                max(b.right for b in boxes), max(b.top for b in boxes))  # fmt: skip


def _lines(boxes: Sequence[_Box]) -> list[_Box]:
    """Characters' boxes joined into one box a printed line (a cell's text may wrap)."""
    lines: list[list[_Box]] = []
    for box in boxes:
        if box.right <= box.left:
            continue  # a character PDFium made up (a line break): no ink
        if lines and abs(lines[-1][-1].middle - box.middle) <= _LINE:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [_union(line) for line in lines]

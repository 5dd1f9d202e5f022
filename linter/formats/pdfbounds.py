"""pdfminer bounded against hostile PDFs: a stream decodes to at most `pdf-stream-mb`, whatever its
filter (Flate, LZW, RunLength, CCITT), a page lays out at most `page-chars` characters, a reference
to a reference ends. pdfminer has no such bounds of its own, so they are put into it here. PDFium
decodes what a page uses by itself, unbounded: `check_page` decodes it first through the bounded
decoders (the page's content, a stream listed again counted again, its forms, fonts and their
maps), so that a page over the bound is never given to either reader. The character budget counts
only while bplint reads a page; the decoders' bounds hold for all of pdfminer in the process (a
sound PDF reads the same with them).
"""

from __future__ import annotations

import io
import logging
import zlib

import pdfminer.pdftypes
from pdfminer.ccitt import CCITTFaxDecoder, ccittfaxdecode
from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import LIT

from bplint.limits import MIB

_FORM = LIT("Form")


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


INFLATE = _BoundedInflate()
pdfminer.pdftypes.zlib = INFLATE  # type: ignore[assignment]  # a module replaced by what it uses of it


def _lzw(data: bytes) -> bytes:
    """LZW as pdfminer decodes it, stopped at the bound: a few KB of codes can stand for gigabytes."""
    out, size = [], 0
    for piece in LZWDecoder(io.BytesIO(data)).run():
        size += len(piece)
        if size > INFLATE.limit:
            raise StreamTooLarge
        out.append(piece)
    return b"".join(out)


def _run_length(data: bytes) -> bytes:
    """RunLength (PDF 32000 7.4.5), stopped at the bound: two bytes stand for 128."""
    out, at = bytearray(), 0
    while at < len(data) and data[at] != 128:
        length = data[at]
        if length < 128:
            out += data[at + 1 : at + 2 + length]
            at += 2 + length
        else:
            out += data[at + 1 : at + 2] * (257 - length)
            at += 2
        if len(out) > INFLATE.limit:
            raise StreamTooLarge
    return bytes(out)


class _BoundedFax(CCITTFaxDecoder):
    def output_line(self, y: int, bits) -> None:
        if len(self._buf) + (len(bits) + 7) // 8 > INFLATE.limit:
            raise StreamTooLarge
        super().output_line(y, bits)


def _fax(data: bytes, params: dict) -> bytes:
    """CCITT G4 as pdfminer decodes it, stopped at the bound: a white line is a few bits."""
    if params.get("K") != -1:
        return ccittfaxdecode(data, params)  # raises, as pdfminer does
    columns = params.get("Columns")
    aligned, reversed_ = bool(params.get("EncodedByteAlign")), bool(params.get("BlackIs1"))
    parser = _BoundedFax(columns if isinstance(columns, int) else 1728, bytealign=aligned, reversed=reversed_)
    parser.feedbytes(data)
    return parser.close()


pdfminer.pdftypes.lzwdecode = _lzw
pdfminer.pdftypes.rldecode = _run_length
pdfminer.pdftypes.ccittfaxdecode = _fax


def check_page(page: PDFPage) -> None:
    """Decode what a page makes a reader decode through the bounded decoders (StreamTooLarge when
    anything is over `pdf-stream-mb`): its content streams together, as a reader joins them (one
    listed a thousand times is counted a thousand times), each form, each font's file and map."""
    contents = resolve1(page.attrs.get("Contents"))
    listed = contents if isinstance(contents, list) else [contents]
    total = sum(len(stream.get_data()) for stream in map(resolve1, listed) if isinstance(stream, PDFStream))
    if total > INFLATE.limit:
        raise StreamTooLarge
    _resources(page.resources, set(), 0)


def _resources(resources: object, seen: set[int], depth: int) -> None:
    """The streams of a page's (or a form's, a Type 3 font's) resources, each once a page."""
    resources = resolve1(resources)
    if not isinstance(resources, dict) or depth > 8:
        return
    for kind in ("XObject", "Font"):
        entries = resolve1(resources.get(kind))
        for item in map(resolve1, entries.values() if isinstance(entries, dict) else ()):
            if id(item) in seen:
                continue
            seen.add(id(item))
            if isinstance(item, PDFStream) and item.get("Subtype", _FORM) == _FORM:
                _size(item)  # a form: content a reader interprets
                _resources(item.get("Resources"), seen, depth + 1)
            elif isinstance(item, dict):
                _font(item, seen, depth)


def _font(font: dict, seen: set[int], depth: int) -> None:
    descendants = resolve1(font.get("DescendantFonts"))
    parts = [font, *(map(resolve1, descendants) if isinstance(descendants, list) else ())]
    for part in (p for p in parts if isinstance(p, dict)):
        descriptor = resolve1(part.get("FontDescriptor"))
        files = [descriptor.get(k) for k in _FONT_FILES] if isinstance(descriptor, dict) else []
        procedures = resolve1(part.get("CharProcs"))  # a Type 3 font draws each glyph with a stream
        files += list(procedures.values()) if isinstance(procedures, dict) else []
        for stream in map(resolve1, [*files, part.get("ToUnicode")]):
            if isinstance(stream, PDFStream):
                _size(stream)
        _resources(part.get("Resources"), seen, depth + 1)


_FONT_FILES = ("FontFile", "FontFile2", "FontFile3")


def _size(stream: PDFStream) -> int:
    """A stream's decoded size, kept on it for the next page; decoded from a copy, so that a font
    PDFium reads itself is not kept in memory twice (over the bound: StreamTooLarge, each time)."""
    if stream.data is not None:
        return len(stream.data)
    known = getattr(stream, "_decoded_size", None)
    if known is None:
        assert stream.rawdata is not None  # pdfminer drops the raw bytes only once it holds the data
        copy = PDFStream(stream.attrs, stream.rawdata, stream.decipher)
        copy.set_objid(stream.objid, stream.genno)  # type: ignore[arg-type]  # typed int, may be None
        try:
            known = len(copy.get_data())
        except StreamTooLarge:
            known = INFLATE.limit + 1
        except Exception:  # a filter pdfminer cannot decode: the readers say what they make of it
            known = 0
        stream._decoded_size = known  # type: ignore[attr-defined]  # ours, kept on pdfminer's object
    if known > INFLATE.limit:
        raise StreamTooLarge
    return known


class PageTooLarge(Exception):
    """A page draws more than `page-chars` characters."""


class CharBudget:
    """Characters pdfminer may still lay out on this page: each one costs a kilobyte or two, so a
    page of a million glyphs would take gigabytes if they were counted only afterwards."""

    left: int | None = None  # counted only while bplint reads a page


_render_char = PDFLayoutAnalyzer.render_char


def _counted_render_char(analyzer, *args, **kwargs):
    if CharBudget.left is not None:
        CharBudget.left -= 1
        if CharBudget.left < 0:
            raise PageTooLarge
    return _render_char(analyzer, *args, **kwargs)


PDFLayoutAnalyzer.render_char = _counted_render_char  # type: ignore[method-assign,assignment]  # patched


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


PDFObjRef.resolve = _resolve_bounded  # type: ignore[method-assign,assignment]  # patched, as above
# pdfminer logs what it repairs (a bad MediaBox, a stray operator): its own business, not the
# user's; what could not be read is said once, as a finding.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

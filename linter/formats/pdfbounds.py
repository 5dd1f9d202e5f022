"""pdfminer bounded against hostile PDFs: a content stream inflates to at most `pdf-stream-mb`, a
page lays out at most `page-chars` characters, a reference to a reference ends. pdfminer has no
such bounds of its own, so they are put into it here. The character budget counts only while
bplint reads a page; the other two hold for all of pdfminer in the process (a sound PDF reads the
same with them).
"""

from __future__ import annotations

import logging
import zlib

import pdfminer.pdftypes
from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdftypes import PDFObjRef

from bplint.limits import MIB


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
pdfminer.pdftypes.zlib = INFLATE  # type: ignore[assignment]


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

"""pdfminer's lines read in linear time, and runs of NUL skipped at C speed.

pdfminer finds a file's cross-reference table by reading lines back from its end and, where that
fails, every object by reading lines from its start; it builds each line by joining bytes to what
it holds so far, which is quadratic in a line's length.  A PDF header followed by 20 MB without a
line break (a flood of NUL bytes, a damaged download) took 42 s to be called damaged.  The same
two methods, the pieces of a line kept in a list and joined once: the same lines, read in time
linear in the file.

Its tokenizer skips white space with one regular expression search but a NUL byte, which it also
skips, one call at a time (5 µs a byte): 20 MB of NUL inside a file cost 100 s.  The search skips
NUL too, which is what the call did.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pdfminer.psparser
from pdfminer.psparser import EOL, PSBaseParser


def _nextline(self: PSBaseParser) -> tuple[int, bytes]:
    """The next line, ending with \\r, \\n or \\r\\n, and where it starts (PSBaseParser.nextline)."""
    pieces: list[bytes] = []
    start = self.bufpos + self.charpos
    after_cr = False
    while True:
        self.fillbuf()
        if after_cr:
            if self.buf[self.charpos : self.charpos + 1] == b"\n":
                pieces.append(b"\n")
                self.charpos += 1
            break
        found = EOL.search(self.buf, self.charpos)
        if found is None:
            pieces.append(self.buf[self.charpos :])
            self.charpos = len(self.buf)
            continue
        pieces.append(self.buf[self.charpos : found.end(0)])
        self.charpos = found.end(0)
        if found[0] != b"\r":
            break
        after_cr = True
    return start, b"".join(pieces)


def _revreadlines(self: PSBaseParser) -> Iterator[bytes]:
    """The file's lines from its end back, each with the line break before it
    (PSBaseParser.revreadlines)."""
    self.fp.seek(0, io.SEEK_END)
    end = self.fp.tell()
    tail: list[bytes] = []  # the pieces of the line being read, the last first
    while end > 0:
        start = max(0, end - self.BUFSIZ)
        self.fp.seek(start)
        chunk = self.fp.read(end - start)
        end = start
        if not chunk:
            break
        while True:
            cut = max(chunk.rfind(b"\r"), chunk.rfind(b"\n"))
            if cut == -1:
                tail.append(chunk)
                break
            yield chunk[cut:] + b"".join(reversed(tail))
            chunk, tail = chunk[:cut], []


# pdfminer's own, kept for the test that compares the lines each reads.
PDFMINER = (PSBaseParser.nextline, PSBaseParser.revreadlines)
PSBaseParser.nextline = _nextline  # type: ignore[method-assign]
PSBaseParser.revreadlines = _revreadlines  # type: ignore[method-assign]
pdfminer.psparser.NONSPC = re.compile(rb"[^\s\x00]")  # the first byte of a token

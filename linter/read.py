"""Stage 1, read: bytes on disk (or standard input) to text.

Published exports come as UTF-8 (with or without BOM), UTF-16 with BOM or
GB18030.  Anything else (a binary file, an empty file, a format that is not
text, Big5 or Shift-JIS that GB18030 would decode into nonsense) is a ReadError
with a message for the person who gave the file.
"""

from __future__ import annotations

import codecs
import errno
import functools
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from bplint import oswords, regexes
from bplint.language import Lang
from bplint.limits import MIB, Limits
from bplint.messages import Message

ENCODINGS_TRIED = ("UTF-8", "UTF-8 BOM", "UTF-16 BOM", "GB18030")
_TRIED = {"tried_zh": "、".join(ENCODINGS_TRIED), "tried": ", ".join(ENCODINGS_TRIED)}  # in a message

# Magic numbers of formats people hand us by mistake.
_MAGIC = {
    b"\x89PNG": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
}
# Control characters that never appear in an exported text (tab, newlines, form feed do); an
# escape sequence among them would reach the reviewer's terminal through an excerpt.
_CONTROL = regexes.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class ReadError(Exception):
    """The input cannot be read as a disclosure; becomes a BP001 finding."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.said("zh"))
        self.message = message

    def said(self, lang: Lang) -> str:
        return self.message.said(lang)

    @property
    def zh(self) -> str:
        return self.said("zh")

    @property
    def en(self) -> str:
        return self.said("en")


@dataclass(frozen=True)
class Source:
    """A read input: its text with line endings folded to \\n, and where it came from."""

    path: str
    text: str
    encoding: str  # or the document format: DOCX, PDF, XLSX
    sha256: str
    # For documents: where each line of `text` is in the original (bplint.location.Place), its page.
    locations: tuple = ()
    pages: tuple[int | None, ...] = ()
    notices: tuple = ()  # bplint.formats.Notice: parts of a document that were not read (BP005)
    # For documents: the layout as their reader built it (bplint.layout blocks); None for a text
    # export, whose layout is read from its lines.
    blocks: tuple | None = None
    furniture: tuple[tuple[int | None, str], ...] = ()  # page furniture set aside: (page, text)

    @functools.cached_property
    def lines(self) -> list[str]:
        # Split once: excerpts of every finding read it (a frozen dataclass may still cache).
        return self.text.split("\n")


# Files a shell glob hands over beside the documents (`bplint examples/*`): never a disclosure.
NOT_DOCUMENTS = (
    ".md",
    ".yaml",
    ".yml",
    ".json",
    ".toml",
    ".py",
    ".html",
    ".htm",
    ".css",
    ".js",
    ".lark",
    ".sarif",
)


def read_path(path: str | Path, limits: Limits | None = None) -> Source:
    """Read a file from disk; every failure is a ReadError."""
    limits = limits or Limits()
    refused = not_a_document(path)
    if refused:
        raise ReadError(refused)
    return decode(read_regular(path, limits), str(path), limits)


def not_a_document(path: str | Path) -> Message | None:
    """Why a file is no disclosure by its suffix (README.md, a rule pack), or None."""
    kind = Path(path).suffix.lower()
    return Message.of("BP001.not_a_document", suffix=kind) if kind in NOT_DOCUMENTS else None


def read_regular(path: str | Path, limits: Limits) -> bytes:
    """A regular file's bytes, at most `limits.file_mb`; anything else is a ReadError."""
    try:
        info = os.stat(path)
        _regular(info, limits)
        # Opened without blocking: a FIFO put there after the check must not hang the run.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            _regular(os.fstat(handle.fileno()), limits)  # what was opened, if it changed since
            data = bounded(handle, limits)
    except IsADirectoryError:
        raise ReadError(Message.of("BP001.directory")) from None
    except FileNotFoundError:
        raise ReadError(Message.of("BP001.not_found")) from None
    except PermissionError:
        raise ReadError(Message.of("BP001.permission")) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ReadError(Message.of("BP001.link_loop")) from None
        reasons = {"reason_zh": oswords.reason(error), "reason": str(error.strerror)}
        raise ReadError(Message.of("BP001.os_error", **reasons)) from None
    return data


def read_small(path: str | Path, mb: int) -> str:
    """A rule pack or config file: a regular UTF-8 file of at most `mb` MB."""
    data = read_regular(path, Limits(file_mb=mb))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReadError(Message.of("BP001.not_utf8", byte=error.start)) from None


def _regular(info: os.stat_result, limits: Limits) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(Message.of("BP001.not_regular"))
    if info.st_size > limits.file_bytes:
        raise too_large(info.st_size, limits)


def too_large(size: int | None, limits: Limits) -> ReadError:
    """`size` None: a stream that went on past the limit."""
    if not size:
        return ReadError(Message.of("BP001.stream_too_large", limit_mb=limits.file_mb))
    return ReadError(Message.of("BP001.too_large", size_mb=f"{size / MIB:.0f}", limit_mb=limits.file_mb))


def bounded(stream: BinaryIO, limits: Limits) -> bytes:
    """At most the file-size limit from a stream (standard input may be /dev/zero), read in pieces:
    one read of the whole bound would set aside that much memory first (a raised `file-mb`)."""
    pieces, size = [], 0
    while size <= limits.file_bytes:
        piece = stream.read(min(_PIECE, limits.file_bytes + 1 - size))
        if not piece:  # the end, or a non-blocking stream with nothing yet (None)
            break
        pieces.append(piece)
        size += len(piece)
    if size > limits.file_bytes:
        raise too_large(None, limits)
    return b"".join(pieces)


_PIECE = 16 * MIB


def decode(data: bytes, path: str, limits: Limits | None = None) -> Source:
    """Decode bytes as one of the supported encodings."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ReadError(Message.of("BP001.empty"))
    limits = limits or Limits()
    document = _document(data, limits, Path(path).suffix.lower())
    if document is not None:
        text = "\n".join(document.lines)
        _bounded_text(text, limits)
        return Source(
            path,
            text,
            document.kind,
            digest,
            document.locations,
            document.pages,
            document.notices,
            document.blocks,
            document.furniture,
        )
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _bounded_text(text, limits)
    control = _CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        code = f"\\x{ord(control.group()):02x}"
        raise ReadError(Message.of("BP001.control_character", line=line, code=code, **_TRIED))
    return Source(path=path, text=text, encoding=encoding, sha256=digest)


def _bounded_text(text: str, limits: Limits) -> None:
    """A ReadError where the text read is more than linting one document may take (a reader may
    have stopped just past the bound: what was read is at least that much)."""
    lines = text.count("\n") + (not text.endswith("\n"))
    if len(text) > limits.text_chars:
        key, bound, read = "BP001.too_many_characters", limits.text_chars, len(text)
    elif lines > limits.text_lines:
        key, bound, read = "BP001.too_many_lines", limits.text_lines, lines
    else:
        return
    raise ReadError(Message.of(key, bound=f"{bound:,}", read=f"{read:,}"))


# What a file named so must be: read as text it would give a BP002 on garbage, not say what is wrong.
CLAIMED = {".pdf": "PDF", ".docx": "Word", ".xlsx": "Excel"}


def _document(data: bytes, limits: Limits, suffix: str = ""):
    """A .pdf, .docx or .xlsx rendered as text in a layout bplint reads; None for a text file.  A
    file named .pdf, .docx or .xlsx is read as that or not at all; a PDF's header may come after up
    to 1 KB of other bytes, as PDF readers allow."""
    if data.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in data[:1024]):
        from bplint.formats import pdf

        try:
            return pdf.render(data, limits)
        except pdf.PdfError as error:
            raise ReadError(error.message) from None
    if data.startswith(b"PK\x03\x04"):
        return _office(data, limits)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(Message.of("BP001.old_office"))
    if suffix in CLAIMED:
        raise ReadError(Message.of("BP001.not_its_format", suffix=suffix, kind=CLAIMED[suffix]))
    return None


def _office(data: bytes, limits: Limits):
    import io
    import zipfile

    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError(Message.of("BP001.corrupt_zip")) from None
    # zipfile never inflates a part past its declared size, so the declared sizes bound the work.
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.office_mb * 1024 * 1024 or len(entries) > 100_000:
        unpacked_mb, parts = f"{unpacked / 1024 / 1024:.0f}", len(entries)
        raise ReadError(Message.of("BP001.zip_bomb", limit_mb=limits.office_mb, unpacked_mb=unpacked_mb,
                                   unpacked=unpacked, parts=parts))  # fmt: skip
    names = {entry.filename for entry in entries}
    if "word/document.xml" in names:
        from bplint.formats.docx import render
    elif "xl/workbook.xml" in names:
        from bplint.formats.xlsx import render
    else:
        raise ReadError(Message.of("BP001.plain_zip"))
    try:
        return render(data, limits)
    except ReadError:
        raise
    except Exception as error:  # a damaged package: python-docx and openpyxl raise many kinds
        raise ReadError(Message.of("BP001.damaged", kind=type(error).__name__, error=str(error))) from None


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ReadError(Message.of("BP001.corrupt_utf16")) from None
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(Message.of("BP001.other_format", kind=kind))
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", "UTF-8 BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        seven_bit = _seven_bit(data) if data.isascii() else None
        if seven_bit:
            raise _foreign(seven_bit)
        return text, "UTF-8"
    detected = _detected(data)
    if detected:
        raise _foreign(detected)
    return _strict(data, "gb18030", "GB18030")


def _strict(data: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return data.decode(codec), name
    except UnicodeDecodeError:
        raise ReadError(Message.of("BP001.unknown_encoding", **_TRIED)) from None


# Encodings of Chinese, Japanese and Korean text that GB18030 would also decode, into nonsense.
_FOREIGN = {
    "big5": "Big5（繁体中文）", "big5hkscs": "Big5-HKSCS（繁体中文）", "cp950": "Big5（繁体中文）",
    "shift_jis": "Shift-JIS（日文）", "cp932": "Shift-JIS（日文）", "euc_jp": "EUC-JP（日文）",
    "euc_kr": "EUC-KR（韩文）", "cp949": "EUC-KR（韩文）", "johab": "Johab（韩文）",
}  # fmt: skip
_CJK = regexes.compile(r"\p{Han}|\p{Hangul}|\p{Hiragana}|\p{Katakana}")


def _detected(data: bytes) -> str | None:
    """The other CJK encoding bytes that are not UTF-8 are in, where charset-normalizer (the
    detector pdfminer also uses) is sure of one; None for GB18030 or when it cannot tell."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", *_FOREIGN]).best()
    return _FOREIGN.get(best.encoding) if best is not None else None


def _seven_bit(data: bytes) -> str | None:
    """HZ or UTF-7: Chinese written in ASCII bytes, which would be read as the codes themselves."""
    for codec, name, mark in (("hz", "HZ", b"~{"), ("utf-7", "UTF-7", b"+")):
        if mark in data:
            try:
                decoded = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if len(_CJK.findall(decoded)) >= 4:
                return name
    return None


def _foreign(name: str) -> ReadError:
    encodings = {"encoding_zh": name, "encoding": name.split("（")[0]}
    return ReadError(Message.of("BP001.foreign_encoding", **encodings, **_TRIED))

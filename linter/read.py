"""Stage 1, read: bytes on disk (or standard input) to text.

Published exports come as UTF-8 (with or without BOM), UTF-16 with BOM or
GB18030.  Anything else (a binary file, an empty file, a format that is not
text) is a ReadError with a message for the person who gave the file.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

ENCODINGS_TRIED = ("UTF-8", "UTF-8 BOM", "UTF-16 BOM", "GB18030")

# Magic numbers of formats people hand us by mistake.
_MAGIC = {
    b"\x89PNG": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
}
# Control characters that never appear in an exported text (tab, newlines, form feed do).
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}


class ReadError(Exception):
    """The input cannot be read as a disclosure; becomes a BP001 finding."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class Source:
    """A read input: its text with line endings folded to \\n, and where it came from."""

    path: str
    text: str
    encoding: str  # or the document format: DOCX, PDF, XLSX
    sha256: str
    # For documents: where each line of `text` is in the original (`第3页 表1 行4`), and its page.
    locations: tuple[str, ...] = ()
    pages: tuple[int | None, ...] = ()

    @property
    def lines(self) -> list[str]:
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


def read_path(path: str | Path) -> Source:
    """Read a file from disk; every failure is a ReadError."""
    if Path(path).suffix.lower() in NOT_DOCUMENTS:
        kind = Path(path).suffix.lower()
        raise ReadError(
            f"{kind} 文件不是预算公开文件；bplint 读取 .txt、.docx、.pdf 和 .xlsx",
            f"a {kind} file is not a disclosure; bplint reads .txt, .docx, .pdf and .xlsx",
        )
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise ReadError("这是一个目录，不是文件", "this is a directory, not a file") from None
    except FileNotFoundError:
        raise ReadError("文件不存在", "file not found") from None
    except PermissionError:
        raise ReadError("没有读取该文件的权限", "permission denied") from None
    except OSError as error:
        raise ReadError(f"无法读取文件：{error.strerror}", f"cannot read file: {error.strerror}") from None
    return decode(data, str(path))


def decode(data: bytes, path: str) -> Source:
    """Decode bytes as one of the supported encodings."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ReadError("文件为空", "the file is empty")
    document = _document(data)
    if document is not None:
        text = "\n".join(document.lines)
        return Source(path, text, document.kind, digest, document.locations, document.pages)
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if sum(ch in _CONTROL for ch in text[:65536]) > 0:
        raise ReadError(
            f"文件含有控制字符，不是文本文件（已尝试 {'、'.join(ENCODINGS_TRIED)}）",
            f"the file contains control characters: not a text file (tried {', '.join(ENCODINGS_TRIED)})",
        )
    return Source(path=path, text=text, encoding=encoding, sha256=digest)


def _document(data: bytes):
    """A .pdf, .docx or .xlsx rendered as text in a layout bplint reads; None for a text file."""
    if data.startswith(b"%PDF"):
        from bplint.formats import pdf

        try:
            return pdf.render(data)
        except pdf.PdfError as error:
            raise ReadError(error.zh, error.en) from None
    if data.startswith(b"PK\x03\x04"):
        return _office(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(
            "这是旧版 Office 文件（.doc/.xls）或设有密码的 Office 文件；请另存为不设密码的 .docx 或 .xlsx",
            "an old Office file (.doc/.xls) or a password-protected one: save it as .docx/.xlsx, no password",
        )
    return None


def _office(data: bytes):
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        zh, en = "压缩文件已损坏，无法作为 .docx/.xlsx 读取", "corrupt ZIP: not a readable .docx/.xlsx"
        raise ReadError(zh, en) from None
    if "word/document.xml" in names:
        from bplint.formats import docx as reader
    elif "xl/workbook.xml" in names:
        from bplint.formats import xlsx as reader
    else:
        raise ReadError("这是 ZIP 压缩文件，不是 .docx 或 .xlsx", "a ZIP file, not a .docx or .xlsx")
    try:
        return reader.render(data)
    except Exception as error:  # a damaged package: python-docx and openpyxl raise many kinds
        raise ReadError(f"文件已损坏，无法读取：{type(error).__name__}", f"damaged file: {error}") from None


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ReadError("UTF-16 文件已损坏，无法解码", "corrupt UTF-16 file") from None
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(
                f"这是 {kind} 文件，bplint 读取 .txt、.docx、.pdf 和 .xlsx；请提供其中一种",
                f"this is a {kind} file; bplint reads .txt, .docx, .pdf and .xlsx",
            )
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", "UTF-8 BOM")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    return _strict(data, "gb18030", "GB18030")


def _strict(data: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return data.decode(codec), name
    except UnicodeDecodeError:
        tried = "、".join(ENCODINGS_TRIED)
        raise ReadError(
            f"无法识别文件编码（已尝试 {tried}）；请另存为 UTF-8 文本",
            f"unknown encoding (tried {', '.join(ENCODINGS_TRIED)}); save the file as UTF-8 text",
        ) from None

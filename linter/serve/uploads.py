"""An upload, streamed into the request's private folder under the command line's bounds.

python-multipart parses the form as it arrives; each file part goes straight to a file of that
folder named by its place in the form and a suffix from bplint's own list (`0.pdf`, `1.txt`): the
name the client sent is shown in the report and never used as a path.  A file past `file-mb`, a
form of too many files or a field too long is refused while it streams, before it is all on disk
(Starlette's own form reader holds any file of any size first).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO

from python_multipart import MultipartParser
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import parse_options_header

if TYPE_CHECKING:  # the parser's callback table exists for type checkers only
    from python_multipart.multipart import MultipartCallbacks

from bplint.lint import SUPPORTED_SUFFIXES
from bplint.serve.words import Refused

FILES_FIELD = "files"
MOST_FILES = 50  # one bureau's disclosures at once; more is a batch for the command line
FIELD_BYTES = 1024  # a form's other fields (lang) are words
MOST_FIELDS = 8
NAME_CHARS = 200  # a file's name as shown
# A refused upload's rest is read and dropped, up to this many times the file bound, before the
# answer: a browser still sending when the connection closes shows a network error, not the answer.
DRAINED = 4


@dataclass(frozen=True)
class Upload:
    name: str  # as the client named it, for the report only
    path: str  # where it was written: the request's folder, its place, bplint's suffix

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.path).suffix


@dataclass
class Form:
    uploads: list[Upload] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


def shown_name(raw: bytes) -> str:
    """The client's file name as the report shows it: its last part (a browser may send a whole
    Windows path), printable, not too long."""
    name = raw.decode("utf-8", "replace").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip()
    return name[-NAME_CHARS:] or "?"


async def received(content_type: str, body: AsyncIterator[bytes], folder: Path, file_bytes: int) -> Form:
    """The form's files written to `folder` and its fields; Refused saying why it was not taken."""
    kind, options = parse_options_header(content_type)
    if kind != b"multipart/form-data" or b"boundary" not in options:
        raise Refused("not_form")
    reader = _Reader(folder, file_bytes)
    parser = MultipartParser(options[b"boundary"], reader.callbacks())
    try:
        async for chunk in body:
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError:
        raise Refused("not_form") from None
    except Refused:
        await _drained(body, DRAINED * file_bytes)
        raise
    finally:
        reader.close()
    if not reader.form.uploads:
        raise Refused("no_files")
    return reader.form


async def _drained(body: AsyncIterator[bytes], most: int) -> None:
    dropped = 0
    async for chunk in body:
        dropped += len(chunk)
        if dropped > most:
            return


class _Reader:
    """python-multipart's callbacks: headers gathered, each part's bytes written or kept."""

    def __init__(self, folder: Path, file_bytes: int) -> None:
        self.folder, self.file_bytes = folder, file_bytes
        self.form = Form()
        self.headers: dict[bytes, bytes] = {}
        self.header = [b"", b""]
        self.out: BinaryIO | None = None  # the file being written
        self.size = 0
        self.value: bytearray | None = None  # the field being read
        self.name = ""

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self.begin,
            "on_header_field": lambda data, start, end: self._add(0, data[start:end]),
            "on_header_value": lambda data, start, end: self._add(1, data[start:end]),
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
            "on_part_data": self.data,
            "on_part_end": self.end,
        }

    def _add(self, which: int, data: bytes) -> None:
        self.header[which] += data

    def begin(self) -> None:
        self.headers, self.header, self.size = {}, [b"", b""], 0

    def header_end(self) -> None:
        self.headers[self.header[0].strip().lower()] = self.header[1]
        self.header = [b"", b""]

    def headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get(b"content-disposition", b"").decode("latin-1"))
        self.name = options.get(b"name", b"").decode("latin-1")
        filename = options.get(b"filename")
        if filename is None:
            if len(self.form.fields) >= MOST_FIELDS:
                raise Refused("too_many_fields")
            self.value = bytearray()
            return
        if self.name != FILES_FIELD:
            raise Refused("not_form")
        if not filename:  # the form sent with no file chosen
            return
        if len(self.form.uploads) >= MOST_FILES:
            raise Refused("too_many_files", most=MOST_FILES)
        name = shown_name(filename)
        suffix = PurePosixPath(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise Refused("kind", name=name)
        path = self.folder / f"{len(self.form.uploads)}{suffix}"
        self.out = os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600), "wb")
        self.form.uploads.append(Upload(name, str(path)))

    def data(self, data: bytes, start: int, end: int) -> None:
        self.size += end - start
        if self.value is not None:
            if self.size > FIELD_BYTES:
                raise Refused("not_form")
            self.value += data[start:end]
        elif self.out is not None:
            if self.size > self.file_bytes:
                raise Refused("too_large", name=self.form.uploads[-1].name, mb=self.file_bytes >> 20)
            self.out.write(data[start:end])

    def end(self) -> None:
        if self.value is not None:
            self.form.fields[self.name] = self.value.decode("utf-8", "replace")
            self.value = None
        self.close()

    def close(self) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None

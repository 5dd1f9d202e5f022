"""A finding's fingerprint: what a waiver, a baseline and a dashboard name it by.

It is made of what the finding is about (the agency and year, the rule, the project, the table
as titled, the row's and the column's labels, the heading over the paragraph, the figures its
message quotes), never of the file's name or a line number: a department that fixes two figures
and sends `…修改稿.pdf` gets back every acceptance but those of the figures it changed.  Two
findings about the same thing are told apart by their order.  A file that could not be read is
the one exception: it has no subject but itself, so its name and the reason make its fingerprint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePath

from bplint import regexes
from bplint.extract.lexicon import LEXICON
from bplint.extract.text import ENUMERATOR, label
from bplint.findings import Finding
from bplint.model.document import Meta

_FIGURE = regexes.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")
# What renumbers when a part is added (`（三）` becoming `（四）`, `表3` becoming `表4`): not the subject.
_NUMBERING = regexes.compile(rf"^(?:{ENUMERATOR}|{LEXICON.table_number.pattern.strip('^$')})\s*")
VERSION = "v3"  # SARIF's partialFingerprints key: bplintFinding/v3


def identity(finding: Finding, meta: Meta | None, message: str | None = None) -> str:
    """What the finding is about, as text; `message` its message before places were said in it."""
    where = finding.location
    about = [
        finding.rule,
        (meta.agency or "") if meta else "",
        str(meta.year or "") if meta else "",
        finding.on_project or "",
        _subject(where.table if where and where.table else finding.table or ""),
        _subject(where.row or "") if where else "",
        _subject(where.column or "") if where else "",
        _subject(where.heading or "") if where else "",
        " ".join(f.replace(",", "").replace("，", "") for f in _FIGURE.findall(message or finding.message)),
    ]
    if where is not None and where.unread:
        # A file not read has no subject but itself: its name and why (every scan had one fingerprint,
        # so a baseline accepting one scan accepted every file that could not be read).
        about += [PurePath(where.file).name, finding.message]
    return "|".join(about)


def fingerprinted(findings: Iterable[Finding], meta: Meta | None = None,
                  messages: dict[int, str] | None = None) -> list[Finding]:  # fmt: skip
    """The findings, each with its fingerprint (the same identity twice numbered by its order);
    `messages` their messages before places were said in them, by position."""
    seen: dict[str, int] = {}
    marked = []
    for index, finding in enumerate(findings):
        about = identity(finding, meta, (messages or {}).get(index))
        seen[about] = seen.get(about, 0) + 1
        digest = hashlib.sha256(f"{about}|{seen[about]}".encode()).hexdigest()[:16]
        marked.append(replace(finding, fingerprint=digest))
    return marked


def _subject(text: str) -> str:
    """A label as what it names: its numbering and its spaces left out."""
    return label(_NUMBERING.sub("", text.strip()))

"""Slips of typography a reviewer marks in running text: a sentence mark doubled (`。。`, `，，`), a
quote or bracket opened and never closed (or closed and never opened), a paragraph of prose that
ends without its full stop.  Each is read on a passage (lines a PDF wrapped, joined back), so a
quote that wraps over a line is no slip; a finding quotes the spot.
"""

from __future__ import annotations

import regex

from bplint import regexes

_DOUBLED = regexes.compile(r"([。，；、：！？])\1+")
# An enumerator's bracket closes nothing it opened: `1）一般公共预算`, `（一）`, `①`.
_ENUMERATOR = regexes.compile(r"(?:^|(?<=[。；;：:]))\s*(?:[\d一二三四五六七八九十]{1,3}|[a-zA-Z])[）)]")
_PAIRS = (("“", "”"), ("（(", "）)"), ("《", "》"))
_MARKS = tuple(regexes.compile(f"[{regex.escape(opened + closed)}]") for opened, closed in _PAIRS)
_MIXED = regexes.compile(r"\((?P<inner>[^()（）]{0,30})）|（(?P<inner2>[^()（）]{0,30})\)")
_BEFORE = 12  # characters quoted before a spot
_AFTER = 12
# Prose: a passage with a sentence ended inside it, long enough not to be a heading or a title.
_PROSE = 40
ENDS_SENTENCE = regexes.compile(r"[。！？!?；;]\s*$")
_ENDS = regexes.compile(r"[。！？!?；;：:…”’）)》\]】]\s*$")
_OPEN_END = regexes.compile(r"[\p{Han}\d%％]\s*$")


def slip(text: str, opened: bool = True, closed: bool = True, heading_next: bool = False) -> str | None:
    """The first slip in a passage, as `spot（what）`, or None.  `opened`: the passage before it
    ended a sentence, so a closing mark here closes nothing before; `closed`: this passage ends a
    sentence, so a mark opened here is not closed on the next line; `heading_next`: a numbered
    heading follows, so prose ending here without a mark ends its paragraph so."""
    doubled = _DOUBLED.search(text)
    if doubled is not None:
        return f"“{_around(text, doubled.start(), doubled.end())}”（{doubled[0]}重复）"
    mixed = _MIXED.search(text)
    if mixed is not None:
        return f"“{_around(text, mixed.start(), mixed.end())}”（括号半角、全角混用）"
    unbalanced = _unbalanced(text, opened, closed)
    if unbalanced is not None:
        return unbalanced
    stripped = text.rstrip()
    if (
        heading_next
        and len(stripped) >= _PROSE
        and "。" in stripped[:-1]
        and _OPEN_END.search(stripped)
        and not _ENDS.search(stripped)
    ):
        return f"“…{stripped[-_BEFORE:]}”（段末没有标点）"
    return None


def _unbalanced(text: str, opened_before: bool, closed: bool) -> str | None:
    """A quote or bracket of the passage left open, or closed without being opened."""
    plain = _ENUMERATOR.sub(lambda m: m[0][:-1] + " ", text)
    for (openings, closings), marks in zip(_PAIRS, _MARKS, strict=True):
        opened: list[int] = []
        for match in marks.finditer(plain):
            if match[0] in openings:
                opened.append(match.start())
            elif opened:
                opened.pop()
            elif opened_before:
                return f"“{_around(text, match.start(), match.end())}”（“{match[0]}”前面没有“{openings[0]}”）"
        if opened and closed:
            at = opened[-1]
            return f"“{_around(text, at, at + 1)}”（“{text[at]}”没有对应的“{closings[0]}”）"
    return None


def _around(text: str, start: int, end: int) -> str:
    return text[max(0, start - _BEFORE) : end + _AFTER].replace("\n", "")

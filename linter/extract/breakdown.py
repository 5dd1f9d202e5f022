"""Breakdowns the narrative states: `X，其中 A a，B b`, `X，包括 A a和B b`, and changes
`较上年增加X，其中：A增加a…B减少b` with parts said to be unchanged (`持平`).

How far a breakdown reaches is read from its punctuation: parts separated by 、
or ， end at the next ； or 。; parts separated by ； run to the 。; a `（其中：…）`
ends at its bracket.  Nested breakdowns are read first and keep their figures, so
`其中基本支出a，包括人员经费b和公用经费c；项目支出d` has parts a and d.  `主要为`,
`主要用于` list the main parts, maybe not all: such a breakdown is not `complete`, and its parts
may fall short of the total but never exceed it.  A breakdown with a single part names a part,
not the whole, and is left out.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

import regex

from bplint import regexes
from bplint.extract.lexicon import LEXICON, alternatives
from bplint.extract.narrative import CLOSE, OPEN
from bplint.model.breakdowns import Breakdown
from bplint.model.sentences import Figure, Passage

_MARKER = regexes.compile(alternatives(LEXICON.breakdown_markers))
# `…财政拨款支出预算9,101.68万元。财政拨款支出预算中，一般公共预算…`: the sentence after a total names it
# and divides it (上海); only where the name is the total's own label.
_NAMED_TOTAL = regexes.compile(r"(?<=。\s*)(?P<name>[^，,。；;：:（）()\d]{2,30}?)中[，,：:]")
STEADY = regexes.compile(alternatives(LEXICON.steady_words))  # a part that did not change (持平)
_NEW_TOTAL = regexes.compile(r"^本部门|^当年|^全年|总计$|合计$")
_CLAUSE = regexes.compile(r"[^，,；;。）)]+")
_BRACKET = regexes.compile(f"[{OPEN}{CLOSE}]")


@dataclass
class _Group:
    marker: str
    start: int
    end: int
    total: Figure
    kind: str
    members: list[Figure]


def read_breakdowns(passage: Passage) -> list[Breakdown]:
    figures = passage.figures
    text = passage.text
    groups: list[_Group] = []
    # Figures are in text order: each marker finds its window of them by bisection and the figures
    # no later breakdown took through `_Free`, so a passage of thousands of `其中` stays near linear.
    offsets = [f.offset for f in figures]
    free = _Free(len(figures))
    markers = sorted((*_MARKER.finditer(text), *_NAMED_TOTAL.finditer(text)), key=lambda m: m.start())
    for marker in reversed(markers):
        group = _group(text, marker, figures, offsets, free)
        if group is None:
            continue
        free.take(bisect_left(offsets, group.start), bisect_left(offsets, group.end))
        groups.append(group)
    found = []
    for group in reversed(groups):
        steady = tuple(_steady(text, group)) if group.kind == "change" else ()
        if len(group.members) + len(steady) >= 2:
            line, column = passage.line_at(group.total.offset)
            found.append(Breakdown(group.kind, group.marker, group.total, tuple(group.members), steady,
                                   line, column, not group.marker.startswith("主要")))  # fmt: skip
    return found


class _Free:
    """The figures (by index) no breakdown has taken yet: the next one found and a run taken in
    amortised constant time (pointers to the next free index, compressed as they are followed)."""

    def __init__(self, count: int) -> None:
        self.next = list(range(count + 1))  # index count is a sentinel, never taken

    def find(self, i: int) -> int:
        root = i
        while self.next[root] != root:
            root = self.next[root]
        while self.next[i] != root:
            self.next[i], i = root, self.next[i]
        return root

    def between(self, lo: int, hi: int) -> Iterator[int]:
        i = self.find(lo)
        while i < hi:
            yield i
            i = self.find(i + 1)

    def take(self, lo: int, hi: int) -> None:
        for i in list(self.between(lo, hi)):
            self.next[i] = i + 1


def _group(
    text: str, marker: regex.Match, figures: Sequence[Figure], offsets: list[int], free: _Free
) -> _Group | None:
    before = bisect_left(offsets, marker.start())  # the figures before the marker
    if not before:
        return None
    after_stop = text[: marker.start()].rstrip().endswith("。")
    # `…35.5万元。其中，…`: the total closes the sentence before; else the figure right before.
    levels = (figures[i] for i in range(before - 1, -1, -1) if figures[i].change == 0)
    total = next(levels, None) if after_stop else figures[before - 1]
    if total is None:
        return None
    named = marker.re is _NAMED_TOTAL
    if named and not total.label.endswith(marker["name"]):
        return None  # `…。在会务服务工作中，…` names no total
    side = _SIDE.search(text[max(0, marker.start() - _SIDE_REACH) : marker.start()])
    if side is not None:
        total = _sided(figures[:before], side["side"])
        if total is None:
            return None
    elif not after_stop and "。" in text[total.offset : marker.start()]:
        return None  # `…上年结转结余收入347.32万元。支出包括：…`: that list's total is not stated here
    kind = _kind(total)
    if kind in ("percent", "threshold"):
        return None
    start = marker.end()
    end = _end(text, marker, _own(figures, offsets, start, free, kind))
    window = free.between(bisect_left(offsets, start), bisect_left(offsets, end))
    inside = [figures[i] for i in window if _kind(figures[i]) == kind]
    # A bracket after a part holds that part's own parts (`运维费567.72万元（购置费230.55万元，…）`).
    members = _outside_brackets(text, start, inside)
    # `…其中：一般公共预算拨款a…；本部门当年预算支出b…`: a new total ends the breakdown.
    fresh = next((f for f in members[1:] if _NEW_TOTAL.search(f.label)), None)
    if fresh is not None:
        end = fresh.offset - len(fresh.label)
        members = [f for f in members if f.offset < fresh.offset]
    return _Group("其中" if named else marker[0], start, end, total, kind, members)


# `收支总预算X万元，收入包括：…；支出包括：…` (two lists in one sentence): a list whose own clause names
# its side is a list of the amount before it that names that side or both (收支), not of the last part
# of the list before it.
_SIDE = regexes.compile(r"(?:^|[，,；;。：:])\s*(?P<side>收入|支出)\s*$")
_SIDE_REACH = 12  # characters before a marker its clause's side may take


def _sided(before: Sequence[Figure], side: str) -> Figure | None:
    """The nearest amount before a list of one side that names that side or both."""
    return next(
        (f for f in reversed(before) if _kind(f) == "level" and (side in f.label or "收支" in f.label)), None
    )


def _kind(figure: Figure) -> str:
    """Levels and changes of money are the parts breakdowns sum; percentages and thresholds
    (`单价100万元以上设备`) are neither."""
    if figure.unit == "%":
        return "percent"
    if figure.threshold:
        return "threshold"
    return "change" if figure.change else "level"


def _own(figures: Sequence[Figure], offsets: list[int], start: int, free: _Free, kind: str):
    """The figures from `start` on that a breakdown there may take, in order, lazily."""
    for i in free.between(bisect_left(offsets, start), len(figures)):
        if _kind(figures[i]) == kind:
            yield figures[i]


def _end(text: str, marker: regex.Match, own: Iterator[Figure]) -> int:
    start = marker.end()
    if text[max(0, marker.start() - 1) : marker.start()] in "（(" and marker.start() > 0:
        close = regex.compile(r"[）)]").search(text, start)
        return close.start() if close else len(text)
    first = list(islice(own, 2))  # the first two parts are all the clause groups need
    between = text[first[0].offset : first[1].offset] if len(first) >= 2 else ""
    # Changes are explained part by part (`基本支出增加a，主要为…；项目支出增加b`): clause groups.
    by_semicolon = first[0].change == 0 and ("；" in between or ";" in between) if first else False
    end = _boundary(text, start, by_semicolon)
    # `其中：基本支出增加a，主要为…。项目支出减少b，…。`: the next clause group opens with the next
    # part, while only the first part is inside.
    while first and first[0].offset < end < len(text) and (len(first) < 2 or first[1].offset > end):
        if len(first) < 2 or first[1].offset > _find(text, "，", end + 1):
            break
        end = _boundary(text, end + 1, by_semicolon)
    return end


def _boundary(text: str, start: int, by_semicolon: bool) -> int:
    full_stop = _find(text, "。", start)
    return full_stop if by_semicolon else min(full_stop, _find(text, "；", start), _find(text, ";", start))


def _find(text: str, char: str, start: int) -> int:
    """The first `char` from `start` outside brackets (a bracket's 。 ends no list), else the end."""
    first = text.find(char, start)
    if first < 0 or not _BRACKET.search(text, start, first):
        return len(text) if first < 0 else first  # the usual case, without a walk over the brackets
    depth = 0
    for match in _stops(char).finditer(text, start):
        depth = _step(depth, match[0])
        if match[0] == char and depth == 0:
            return match.start()
    return len(text)


def _outside_brackets(text: str, start: int, figures: list[Figure]) -> list[Figure]:
    """The figures (in order) not inside a bracket opened after `start`: one pass over the brackets."""
    found, depth, at = [], 0, start
    for figure in figures:
        for match in _BRACKET.finditer(text, at, figure.offset):
            depth = _step(depth, match[0])
        at = figure.offset
        if depth == 0:
            found.append(figure)
    return found


def _step(depth: int, char: str) -> int:
    if char in OPEN:
        return depth + 1
    return max(depth - 1, 0) if char in CLOSE else depth


@functools.cache
def _stops(char: str) -> regex.Pattern:
    """Brackets and `char`: all `_find` needs to look at, found by the regex engine, not char by char."""
    return regex.compile(f"[{regex.escape(OPEN + CLOSE + char)}]")


def _steady(text: str, group: _Group):
    """Clauses in a change breakdown that say a part did not change (`购置费0万元与2019年持平`)."""
    for clause in _CLAUSE.finditer(text, group.start, group.end):
        if STEADY.search(clause[0]):
            yield clause[0].strip()

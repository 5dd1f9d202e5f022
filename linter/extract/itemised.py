"""Breakdowns written as numbered items: a total whose paragraph ends announcing its parts
(`2026 年度一般公共预算拨款基本支出 7841.26 万元，其中：`), or a paragraph that is a 合计 alone
(`1．本年收入合计 4,651.67 万元。`), then each part an item of its own (`（一）人员经费 7263.35 万元，
主要包括：…`, `（二）公用经费 577.91 万元，…`).

The items are the paragraphs that open with the next number of one style — （一）（二）, 1. 2.,
1、2、, (1) (2) — read past what stands between them (an item's own lower items, a paragraph
without a number) and ended by a number of a higher level (a heading), a number out of sequence,
or, where the total is itself an item (`（五）项目支出 2,089.48 万元，具体包括：`), a number of its
level.  Each item's amount is its first figure, labelled by the item.  Where the announcing
sentence states more than one amount (a change or a rate after it aside), an item has no amount
of its own, or fewer than two items follow, no breakdown is read: a sum bplint is unsure of is no
sum.
"""

from __future__ import annotations

from collections.abc import Iterator

from bplint import numerals, regexes
from bplint.extract.narrative import _sentences, figure_end
from bplint.extract.text import NUMBER_DOT, NUMERAL
from bplint.model.breakdowns import Breakdown
from bplint.model.sentences import Figure, Passage

# Styles of numbering, by level: a lower number is a higher heading.
_STYLES = (
    ("part", rf"第(?P<n>{NUMERAL})部分"),
    ("top", rf"(?P<n>{NUMERAL})[、.．]"),
    ("paren", rf"[（(](?P<n>{NUMERAL})[)）]"),
    ("dot", rf"(?P<n>\d{{1,3}})\s*[、．]|(?={NUMBER_DOT})(?P<n>\d{{1,3}})\."),  # `1.`, not 1.5
    ("paren-digit", r"[（(](?P<n>\d{1,3})[)）]"),
)
_NUMBERED = [
    (level, name, regexes.compile(rf"^\s*(?:{pattern})")) for level, (name, pattern) in enumerate(_STYLES)
]
# The end of a paragraph that announces its parts, which follow as items.
# Not `如下：`, which presents (`具体情况如下：（一）收入预算总计…（二）支出预算总计…`), not divides.
_ANNOUNCES = regexes.compile(r"(?P<marker>其中|具体包括|主要包括|包括|分别为|分别是)[：:]\s*$")
# Paragraphs an item may span before the next item: beyond, the list has ended (and a document of
# thousands of announcements is not read quadratically).
_REACH = 60
_FIRST_CLAUSE = regexes.compile(r"[，,；;。]")
_TOTAL_LABEL = regexes.compile(r"(?:合计|总计)\s*(?:为|是)?\s*$")
_NOTHING_MORE = regexes.compile(r"^\s*[。；;]?\s*$")


def read_itemised(passages: list[Passage]) -> list[Breakdown]:
    found = []
    for index, passage in enumerate(passages):
        announced = _ANNOUNCES.search(passage.text)
        if announced:
            marker, total = announced["marker"], _total(passage, announced.start())
        else:
            marker, total = "合计", _named_total(passage)
        if total is None:
            continue
        items = list(_items(passages, index))
        parts = [part for part in items if part is not None]
        if len(parts) >= 2 and len(parts) == len(items) and _divides(total, parts):  # each with its amount
            found.append(Breakdown("level", marker, total, tuple(parts), (), total.line, total.column,
                                   complete="主要" not in marker))  # fmt: skip
    return found


def _named_total(passage: Passage) -> Figure | None:
    """A paragraph that is a 合计 or 总计 alone (`1．本年收入合计 4,651.67 万元。`): its lower items
    are its parts, announced or not."""
    figures = passage.figures
    if len(figures) != 1 or figures[0].unit == "%" or figures[0].change:
        return None
    before = passage.text[: figures[0].offset]
    rest = passage.text[figure_end(passage.text, figures[0].offset) :]
    return figures[0] if _TOTAL_LABEL.search(before) and _NOTHING_MORE.match(rest) else None


def _divides(total: Figure, parts: list[Figure]) -> bool:
    """Parts in the total's unit, none restating it beside others that are not nothing (a list of
    the same total seen from two sides is no division of it)."""
    if any(p.unit != total.unit for p in parts):
        return False
    whole = [p for p in parts if p.amount == total.amount]
    return not whole or (len(whole) == 1 and all(p.amount == 0 for p in parts if p is not whole[0]))


def _total(passage: Passage, end: int) -> Figure | None:
    """The amount the parts make: the one money level of the sentence that announces them, or of
    the sentence before where the announcement stands alone (`…143.14万元，比2025年预算减少20.36万
    元。其中：`, `（一）收入预算总计 4,651.67 万元。包括：`), stated first (what follows it is its change
    and rate); else None."""
    spans = [span for span in _sentences(passage.text) if span[0] <= end]  # the narrative's sentences
    if not spans:
        return None
    inside = [f for f in passage.figures if spans[-1][0] <= f.offset < end]
    if not inside and len(spans) > 1:
        inside = [f for f in passage.figures if spans[-2][0] <= f.offset < spans[-2][1]]
    money = [f for f in inside if f.unit != "%"]
    levels = [f for f in money if not f.change]
    return money[0] if len(levels) == 1 and money[0] is levels[0] else None


def _items(passages: list[Passage], index: int) -> Iterator[Figure | None]:
    """Each item's amount after the announcing paragraph, None for an item without one."""
    own = _number(passages[index].text)
    first = _number(passages[index + 1].text) if index + 1 < len(passages) else None
    if first is None or first[2] != 1 or (own is not None and first[0] <= own[0]):
        return
    level, style, expected = first
    since = 0
    for passage in passages[index + 1 :]:
        number = _number(passage.text)
        if number is None or (number[0] > level and number[1] != style):
            since += 1
            if since > _REACH:
                return  # the list ended somewhere before: a run of paragraphs is no item's
            continue  # a paragraph of the item before, or its own lower items
        since = 0
        if number[0] < level or (own is not None and number[0] <= own[0]):
            return  # a heading above the items, or the next item of the total's own list
        if number[1] != style or number[2] != expected:
            return
        yield _amount(passage)
        expected += 1


def _number(text: str) -> tuple[int, str, int] | None:
    """(level, style, number) of the numbering a paragraph opens with, or None."""
    for level, style, pattern in _NUMBERED:
        found = pattern.match(text)
        if found:
            try:
                value = int(found["n"]) if found["n"].isdigit() else numerals.chinese_to_int(found["n"])
            except ValueError:
                return None
            return level, style, value
    return None


def _amount(passage: Passage) -> Figure | None:
    """An item's amount: its first figure, a level of money, in the item's first clause."""
    figures = passage.figures
    clause = _FIRST_CLAUSE.search(passage.text)
    end = clause.start() if clause else len(passage.text)
    first = figures[0] if figures else None
    if first is None or first.offset >= end or first.unit == "%" or first.change:
        return None
    return first

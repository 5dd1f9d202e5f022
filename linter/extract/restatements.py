"""A numbered item's figure stated again: `（三）住房保障支出（类）住房改革支出（款）住房公积金（01项）
45.00万元。主要用于…。2026年预算安排45.00万元，比上年增加…` states the item's amount twice, once
after its name (its head figure) and once under a label that names nothing but this year's budget.

The head figure is the item's first amount, in its first clause; a restatement is a later amount
of the item (its paragraph, or the paragraphs after it up to the next numbered one) whose own
words are only `2026年预算安排`, `预算数为`, `年初预算`: a year other than the budget's, last year's
words (上年, 执行数) or any other word make it another figure.
"""

from __future__ import annotations

from bplint import regexes
from bplint.extract.text import ENUMERATOR
from bplint.model.sentences import Figure, Passage

_ITEM = regexes.compile(f"^\\s*{ENUMERATOR}")
_CLAUSE_END = regexes.compile(r"[，,；;。：:]")
# The words between a restatement and the stop before it: the budget year's budget and nothing else.
_RESTATES = regexes.compile(
    r"^(?:(?P<year>\d{4})\s*年度?)?\s*(?:年初)?\s*(?:预算安排|预算数|预算|安排)\s*(?:为|是)?\s*$"
)
_REACH = 4  # paragraphs after an item's own that may still be its (a reason, a breakdown)


def restated_heads(passages: list[Passage], year: int | None) -> dict[tuple[int, int], tuple[Figure, str]]:
    """Each restatement, by where it is printed: the item's head figure and the words it is
    restated with (`2026年预算安排`)."""
    found = {}
    for index, passage in enumerate(passages):
        if not _ITEM.match(passage.text) or (head := _head(passage)) is None:
            continue
        for part in _item(passages, index):
            for figure in part.figures:
                if figure is head or figure.change or figure.threshold or figure.unit != head.unit:
                    continue
                words = _own_words(part.text, figure)
                named = _RESTATES.match(words)
                if named and (named["year"] is None or year is None or int(named["year"]) == year):
                    found[(figure.line, figure.column)] = (head, words)
    return found


def _head(passage: Passage) -> Figure | None:
    """An item's amount: its first figure, a level of money in its first clause."""
    first = passage.figures[0] if passage.figures else None
    end = _CLAUSE_END.search(passage.text)
    if first is None or first.change or first.unit == "%" or first.threshold or first.share:
        return None
    return first if end is None or first.offset < end.start() else None


def _item(passages: list[Passage], index: int):
    """The item's paragraphs: its own and those after it before the next numbered one."""
    yield passages[index]
    for passage in passages[index + 1 : index + 1 + _REACH]:
        if _ITEM.match(passage.text):
            return
        yield passage


def _own_words(text: str, figure: Figure) -> str:
    """The words of a figure's clause before it (`2026年预算安排` of `。2026年预算安排45.00万元`)."""
    before = text[: figure.offset]
    stops = list(_CLAUSE_END.finditer(before))
    return before[stops[-1].end() :].strip() if stops else before.strip()

"""A total's change against the changes of its parts, wherever each is stated: `2026年一般公共预算当年
拨款5,753.07万元，比上年执行数增加13.59万元` in one paragraph, and each 科目 of it, `（1）科学技术支出（类）
…（项）28.00 万元…。比上年执行数减少 113.53 万元`, in paragraphs of their own.

The parts are the 科目 the text states one by one in the total's section (under one `X、` heading):
the 项 of a 类 for the 类's figure, or every 科目 of the section for a total named otherwise, the
deepest stated of each branch.  They are the total's breakdown only where their amounts add up to
it, rounding allowed: then nothing else of it is budgeted this year.  Last year there may have been
more: a 科目 budgeted then and not now is listed nowhere.  So last year's total (its amount less its
change) may exceed the sum of the parts' last years (each amount less its change), never fall
short of it.  Each part states its change against the same year and kind of figure as the total
(`比上年执行数`), or that it did not change (`与上年执行数持平`); else nothing is read.
"""

from __future__ import annotations

import bisect
from decimal import Decimal

from bplint import regexes
from bplint.extract.breakdown import STEADY
from bplint.extract.changes import priors
from bplint.extract.subjects import same
from bplint.extract.text import TOP_ITEM
from bplint.model.comparisons import Part, Prior, Rollup
from bplint.model.sentences import Figure, Passage, Sentence
from bplint.values import half_unit

_SECTION = regexes.compile(f"^\\s*{TOP_ITEM}")
_INCOME = regexes.compile(r"收入(?!.*支)")


def rollups(passages: list[Passage], sentences: tuple[Sentence, ...], taken: set) -> list[Rollup]:
    """The totals with a change whose parts each state theirs; `taken`: the totals a change
    breakdown the text states already reads (BP503's)."""
    changed = {(p.level.line, p.level.column): p for s in sentences for p in priors(s) if p.this_year}
    sections = [passage.line for passage in passages if _SECTION.match(passage.text)]
    steady = _steady(sentences)
    found = []
    for members in _sections(sentences, sections).values():
        subjects = [f for f in members if f.subject and not f.change and not f.threshold]
        for figure in members:
            total = changed.get((figure.line, figure.column))
            if total is None or (figure.line, figure.column) in taken or len(figure.subject) > 1:
                continue
            if _INCOME.search(figure.label):
                continue  # `一般公共预算拨款收入`: last year's income is no sum of last year's spending
            under = [f for f in subjects if _under(f.subject, figure.subject) and f is not figure]
            parts = _parts(_leaves(under), total, changed, steady)
            if parts and _adds_up(figure, parts):
                found.append(Rollup(total, tuple(parts)))
    return found


def _sections(sentences: tuple[Sentence, ...], sections: list[int]) -> dict[int, list[Figure]]:
    """The money figures of each section (the text under one `X、` heading), in order."""
    found: dict[int, list[Figure]] = {}
    for sentence in sentences:
        at = bisect.bisect_right(sections, sentence.line)
        found.setdefault(at, []).extend(f for f in sentence.figures if f.unit != "%")
    return found


def _under(subject: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether a 科目 is below another (any 科目 is below a total named by no 科目)."""
    return len(subject) > len(whole) and all(same(a, b) for a, b in zip(subject, whole, strict=False))


def _leaves(figures: list[Figure]) -> list[Figure]:
    """The deepest stated 科目 of each branch, each once (its first statement)."""
    firsts: list[Figure] = []
    for figure in figures:
        if not any(len(f.subject) == len(figure.subject) and _under((*f.subject, ""), figure.subject)
                   for f in firsts):  # fmt: skip
            firsts.append(figure)
    return [f for f in firsts if not any(_under(g.subject, f.subject) for g in firsts)]


def _parts(leaves: list[Figure], total: Prior, changed: dict, steady: set) -> list[Part]:
    """Each leaf's change against the total's basis, or [] where one states none."""
    if len(leaves) < 2:
        return []
    found = []
    for leaf in leaves:
        prior = changed.get((leaf.line, leaf.column))
        if prior is not None and prior.basis == total.basis:
            found.append(Part(leaf, prior.change.signed, prior.slack))
        elif prior is None and (leaf.line, leaf.column) in steady:
            found.append(Part(leaf, Decimal(0), half_unit(leaf.amount)))
        else:
            return []
    return found


def _steady(sentences: tuple[Sentence, ...]) -> set[tuple[int, int]]:
    """The amounts the text says did not change: a word of it after the amount, before the next
    figure of its paragraph (`…200.00万元，主要用于…。与上年执行数持平。`)."""
    found = set()
    for sentence in sentences:
        ends = [f.offset - sentence.offset for f in sentence.figures[1:]]
        for figure, end in zip(sentence.figures, [*ends, None], strict=True):
            after = sentence.text[figure.offset - sentence.offset : end]
            if not figure.change and STEADY.search(after if end is not None else after + sentence.following):
                found.add((figure.line, figure.column))
    return found


def _adds_up(total: Figure, parts: list[Part]) -> bool:
    """The parts' amounts make the total's, rounding allowed: nothing else of it this year."""
    slack = half_unit(total.amount) + sum((half_unit(p.level.amount) for p in parts), Decimal(0))
    return abs(total.amount - sum((p.level.amount for p in parts), Decimal(0))) <= slack

"""A change stated with its rate: `支出预算1465.35万元，比上年增加50.57万元，增长3.6%`.

The rate is the change over last year's amount, and last year's amount is this year's less the
change.  Every figure is printed rounded, so the rate the figures give is a range, and the stated
rate (itself rounded) must meet it.  Where the amount before the change may be last year's
(`比上年执行数1000万元增加50万元`) either reading is accepted: a false finding is worse than a
missed one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

from bplint import regexes
from bplint.extract.breakdown import STEADY
from bplint.extract.lexicon import LEXICON, alternatives
from bplint.extract.narrative import bracket_balance, figure_end
from bplint.model.breakdowns import Breakdown
from bplint.model.comparisons import Change, Prior
from bplint.model.sentences import Figure, Sentence

_HUNDRED = Decimal(100)
_REACH = 24  # characters from a change's figure to its rate's: `增加50.57万元，增长3.6%`
# The words that compare with another year: a level printed before them is this year's
# (`0万元，比上年增加5万元`), one printed after them may be last year's (`比上年执行数8万元增加…`).
_COMPARES = regexes.compile(alternatives(LEXICON.compare_words))
_REASON = regexes.compile(alternatives(LEXICON.reason_words))
# From the end of a level's figure to its change: a comma, the comparison and nothing else
# (`2,838.42万元，较上年增加`, `99,230.46 万元，比上年执行数增加`); a new subject between (`本年`) fails.
_RIGHT_AFTER = regexes.compile(
    rf"^\s*[，,]\s*(?:{alternatives(LEXICON.compare_words)})"
    rf"\s*(?:上年|去年|上一年|\d{{4}}\s*年)?\s*(?:年初)?\s*(?:预算数?|执行数|决算数?)?\s*(?:相比)?[，,]?\s*"
    rf"(?:{alternatives(LEXICON.change_up + LEXICON.change_down)})了?\s*$"
)
# A level named for an earlier time is last year's whatever follows it.
EARLIER = regexes.compile(r"上年|去年|上一年|决算|执行数")
# What a change is against: the year (上年, or a year printed) and the kind of figure (预算, 执行数, 决算).
_BASIS = regexes.compile(
    r"(?:上年|去年|上一年|(?P<year>20\d{2})\s*年)\s*(?:年初)?\s*(?P<kind>预算|执行|决算)?"
)


def priors(sentence: Sentence) -> list[Prior]:
    """Each money change with the amount it is a change of, where the sentence states one."""
    found = []
    figures = sentence.figures
    for index, change in enumerate(figures):
        if not change.change or change.unit == "%":
            continue
        rate = figures[index + 1] if index + 1 < len(figures) else None
        rate = rate if rate is not None and _pair(change, rate) else None
        level = _level(sentence, figures[:index], change)
        if level is not None:
            between = sentence.text[level.offset - sentence.offset : change.offset - sentence.offset]
            found.append(Prior(level, change, rate, bool(_COMPARES.search(between)), basis=_basis(between)))
        elif sentence.compared is not None and sentence.compared.unit == change.unit:
            opening = sentence.text[: change.offset - sentence.offset]  # `比上年执行数增加…`
            found.append(Prior(sentence.compared, change, rate, True, basis=_basis(opening)))
    return [replace(p, reason=_reason(sentence, p, found[n + 1] if n + 1 < len(found) else None))
            for n, p in enumerate(found)]  # fmt: skip


def _basis(words: str) -> tuple[int | None, str] | None:
    found = _BASIS.search(words)
    return (int(found["year"]) if found["year"] else None, found["kind"] or "") if found else None


def _reason(sentence: Sentence, prior: Prior, following: Prior | None) -> str:
    """The reason given after a change, before the next change's item begins (its label's start)."""
    start = prior.change.offset - sentence.offset
    end = len(sentence.text)
    if following is not None and following.level is not prior.level:
        end = max(start, following.level.offset - sentence.offset - len(following.level.label))
    found = _REASON.search(sentence.text, start, end)
    return sentence.text[found.end() : end].strip(" ，,；;。：:") if found else ""


def changes(sentence: Sentence) -> list[Change]:
    """Each money change directly followed by its rate, with the level figure before it."""
    return [
        Change(p.level, p.change, p.rate, _this_year(sentence, p))
        for p in priors(sentence)
        if p.rate is not None and p.level.amount
    ]


def _this_year(sentence: Sentence, prior: Prior) -> bool:
    if EARLIER.search(prior.level.label):
        return False
    if prior.level is sentence.compared:  # `…8,553.80 万元。比上年执行数增加…`: the sentence before
        return True
    after = figure_end(sentence.text, prior.level.offset - sentence.offset)
    return bool(_RIGHT_AFTER.match(sentence.text[after : prior.change.offset - sentence.offset]))


def _level(sentence: Sentence, before: tuple[Figure, ...], change: Figure) -> Figure | None:
    """The level the change is of: the nearest figure of its unit before it, passing over those
    inside a bracket closed before the change (`运维费567.72万元（…运行维护费337.17万元，比上年减少
    2.96万元。）比上年增加46.49万元` is a change of 567.72); none where another change comes first
    (`增加15.99万元，其中：基本支出增加137.25万元` is a part of that change, not of the level).  A
    change that names what it is of (`…上年结转 0.00 万元，2022 年本部门预算收入较上年增加…`) is of
    the level of that name, wherever the sentence states it, and of none if it states none."""
    named = _own_subject(change.label)
    for figure in reversed(before):
        if figure.unit != change.unit or figure.threshold:
            continue
        between = sentence.text[figure.offset - sentence.offset : change.offset - sentence.offset]
        if bracket_balance(between) < 0:
            continue
        if figure.change:
            return None
        if named and _bare_name(figure.label) != named:
            return next((f for f in before if not f.change and _bare_name(f.label) == named), None)
        return figure
    return None


# `2022 年本部门预算收入较上年`: a change's label that names its subject before the comparison.
_OWN_SUBJECT = regexes.compile(rf"^(?P<name>.*?\p{{Han}}.*?)\s*(?:{alternatives(LEXICON.compare_words)})")
_YEAR_OR_SPACE = regexes.compile(r"^\s*\d{4}\s*年度?|\s+")


def _own_subject(label: str) -> str:
    found = _OWN_SUBJECT.match(label)
    return _bare_name(found["name"]) if found else ""


def _bare_name(label: str) -> str:
    """A label without white space and the year it opens with: `2021 年本部门财政拨款支出` (a slip of
    the year) names what `2022 年本部门财政拨款支出较上年` does."""
    return _YEAR_OR_SPACE.sub("", label)


def _pair(change: Figure, rate: Figure) -> bool:
    return (
        change.change != 0
        and change.unit != "%"
        and rate.unit == "%"
        and rate.change == change.change
        and not rate.share
        and 0 < rate.offset - change.offset <= _REACH
    )


def moved(breakdowns: tuple[Breakdown, ...], sentences: list[Sentence]) -> list[Breakdown]:
    """The change breakdowns that level breakdowns imply: where the total and every part each state
    their change right after them (`三公经费627万元，比上年增加46.49万元…其中：因公出国（境）费40万元，比上年
    增加0万元；…`; a part said to be 持平 counts 0), the parts' changes must make the total's.  Totals
    whose change another breakdown already reads are left to it."""
    levels = [b for b in breakdowns if b.kind == "level"]
    if not levels:
        return []
    changed = {(p.level.line, p.level.column): p.change for s in sentences for p in priors(s) if p.this_year}
    taken = {(b.total.line, b.total.column) for b in breakdowns if b.kind == "change"}
    steady: set[tuple[int, int]] | None = None  # read only where a part states no change
    found = []
    for breakdown in levels:
        total = changed.get((breakdown.total.line, breakdown.total.column))
        if total is None or (total.line, total.column) in taken:
            continue
        parts = [changed.get((p.line, p.column)) for p in breakdown.parts]
        unstated = [p for p, c in zip(breakdown.parts, parts, strict=True) if c is None]
        if unstated and steady is None:
            steady = _steady_parts(sentences)
        calm = [p.label for p in unstated if (p.line, p.column) in (steady or ())]
        if len(calm) == len(unstated) and len(unstated) < len(parts):
            stated = tuple(c for c in parts if c is not None)
            found.append(Breakdown("change", breakdown.marker, total, stated, tuple(calm), total.line,
                                   total.column, breakdown.complete))  # fmt: skip
    return found


def _steady_parts(sentences: list[Sentence]) -> set[tuple[int, int]]:
    """Amounts followed, before the next figure or the end of their sentence, by a word that says
    they did not change (`公务接待费20.00万元，与2025年预算持平`)."""
    found = set()
    for sentence in sentences:
        ends = [f.offset - sentence.offset for f in sentence.figures[1:]] + [len(sentence.text)]
        for figure, end in zip(sentence.figures, ends, strict=True):
            if not figure.change and STEADY.search(sentence.text[figure.offset - sentence.offset : end]):
                found.add((figure.line, figure.column))
    return found


def twins(breakdowns: tuple[Breakdown, ...], sentences: Iterable[Sentence]) -> dict[tuple[int, int], Figure]:
    """Parts of one breakdown printed with the same amount and the same change as the part before
    them, neither zero (`公务接待费5.2万元，比上年减少0.8万元` after `公务用车运行维护费5.2万元，比上年减少
    0.8万元`): the part each repeats, by where the repeat is printed."""
    changed = {(p.level.line, p.level.column): p.change.signed for s in sentences for p in priors(s)}
    found = {}
    for breakdown in breakdowns:
        if breakdown.kind != "level":
            continue
        for before, part in pairwise(breakdown.parts):
            change = changed.get((part.line, part.column))
            if (
                part.amount
                and change
                and part.amount == before.amount
                and change == changed.get((before.line, before.column))
                and part.label != before.label
            ):
                found[(part.line, part.column)] = before
    return found

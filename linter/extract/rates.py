"""A rate of change stated between two levels, with no change amount between them:
`2025年预算执行数为P万元，2026年预算安排Y万元，比2025年预算执行数增加Z%`.

Last year's level is the one named for an earlier time (上年, 执行数, 决算, or a year before the
budget's), or the one printed after the comparison (`比上年执行数P万元增长Z%`); this year's is the
other.  The rate the two give is (Y − P) / P, a range where each figure is rounded; the stated
rate meets it with its own rounding, or is that rate cut to the digits printed where the document
cuts its rates (bplint.model.printing).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import regex

from bplint import regexes
from bplint.extract.changes import EARLIER, changes
from bplint.extract.lexicon import LEXICON, alternatives
from bplint.model.comparisons import Change, LevelRate
from bplint.model.printing import Habit, habit
from bplint.model.sentences import Figure, Sentence

_HUNDRED = Decimal(100)
_YEAR = regexes.compile(r"(20\d{2})\s*年")
_COMPARES = regexes.compile(alternatives(LEXICON.compare_words))


def level_rates(sentence: Sentence, year: int | None) -> list[LevelRate]:
    """Each rate of change whose sentence states the two levels it compares and no change amount."""
    found = []
    figures = sentence.figures
    for index, rate in enumerate(figures):
        if rate.unit != "%" or not rate.change or rate.share:
            continue
        before = figures[:index]
        if any(f.change and f.unit != "%" for f in before) or any(f.unit == "%" for f in before):
            continue  # a change amount (BP509's), or an earlier rate: whose levels are unsure
        levels = [f for f in before if not f.change and f.unit != "%" and not f.threshold]
        if len(levels) != 2 or levels[0].unit != levels[1].unit:
            continue
        earlier = [_earlier(sentence, f, year) for f in levels]
        if earlier.count(True) != 1:
            continue
        prior, level = (levels[0], levels[1]) if earlier[0] else (levels[1], levels[0])
        found.append(LevelRate(prior, level, rate))
    return found


def _earlier(sentence: Sentence, figure: Figure, year: int | None) -> bool:
    """Whether a level is last year's: named for an earlier time, or printed after a comparison
    word of its own clause (`比上年执行数P万元`)."""
    if EARLIER.search(figure.label):
        return True
    named = _YEAR.search(figure.label)
    if named and year and int(named[1]) < year:
        return True
    start = figure.offset - sentence.offset - len(figure.label)
    clause = regex.split(r"[，,；;：:]", sentence.text[: max(start, 0)])[-1]
    return bool(_COMPARES.search(clause + figure.label[:2]))


def rate_habit(sentences: Iterable[Sentence], year: int | None) -> Habit:
    """How the document prints its rates: every rate with its change (BP509's) or between two levels
    (BP520's), each by how it meets its figures."""
    return habit(item.fit for sentence in sentences for item in _rates(sentence, year))


def _rates(sentence: Sentence, year: int | None) -> list[Change | LevelRate]:
    return [*changes(sentence), *level_rates(sentence, year)]

"""A rate of change stated between two levels, with no change amount between them:
`2025年预算执行数为P万元，2026年预算安排Y万元，比2025年预算执行数增加Z%`.

Last year's level is the one named for an earlier time (上年, 执行数, 决算, or a year before the
budget's), or the one printed after the comparison (`比上年执行数P万元增长Z%`); this year's is the
other.  The rate the two give is (Y − P) / P, a range where each figure is rounded; the stated
rate meets it with its own rounding, or is that rate cut to the digits printed where the document
cuts its rates (bplint.model.printing).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import product

import regex

from bplint.model.changes import EARLIER, changes
from bplint.model.lexicon import LEXICON, alternatives
from bplint.model.narrative import Figure, Sentence
from bplint.model.printing import Fit, Habit, fit, habit
from bplint.values import half_unit

_HUNDRED = Decimal(100)
_YEAR = regex.compile(r"(20\d{2})\s*年")
_COMPARES = regex.compile(alternatives(LEXICON.compare_words))


@dataclass(frozen=True)
class LevelRate:
    prior: Figure  # last year's level (`2025年预算执行数为P万元`)
    level: Figure  # this year's (`2026年预算安排Y万元`)
    rate: Figure  # `增加Z%`, signed by its word

    @property
    def line(self) -> int:
        return self.rate.line

    @property
    def column(self) -> int:
        return self.rate.column

    @property
    def reading(self) -> tuple[Decimal, Decimal] | None:
        """The lowest and highest rate the two printed levels allow; None where last year is 0."""
        rates = [
            (now - before) / before * _HUNDRED
            for now, before in product(_ends(self.level), _ends(self.prior))
            if before > 0
        ]
        return (min(rates), max(rates)) if len(rates) == 4 else None

    @property
    def expected(self) -> Decimal | None:
        """The rate the two levels give as printed, to two decimals."""
        if not self.prior.amount:
            return None
        return ((self.level.amount - self.prior.amount) / self.prior.amount * _HUNDRED).quantize(
            Decimal("0.01")
        )

    @property
    def consistent(self) -> bool:
        """Whether the stated rate, with its own rounding, meets the two levels (a cut is judged by the
        document's habit: bplint.model.printing)."""
        return self.fit in (Fit.ROUNDED, Fit.BOTH, Fit.UNKNOWN)

    @property
    def fit(self) -> Fit:
        """How the stated rate meets the two levels: rounded, only cut, or not (bplint.model.printing)."""
        found = self.reading
        return fit([found] if found else [], self.rate)


def _ends(figure: Figure) -> tuple[Decimal, Decimal]:
    slack = half_unit(figure.amount)
    return figure.amount - slack, figure.amount + slack


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


def rate_habit(sentences, year: int | None) -> Habit:
    """How the document prints its rates: every rate with its change (BP509's) or between two levels
    (BP520's), each by how it meets its figures."""
    return habit(
        item.fit for sentence in sentences for item in (*changes(sentence), *level_rates(sentence, year))
    )

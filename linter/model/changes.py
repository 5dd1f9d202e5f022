"""A change stated with its rate: `支出预算1465.35万元，比上年增加50.57万元，增长3.6%`.

The rate is the change over last year's amount, and last year's amount is this year's less the
change.  Every figure is printed rounded, so the rate the figures give is a range, and the stated
rate (itself rounded) must meet it.  Where the amount before the change may be last year's
(`比上年执行数1000万元增加50万元`) either reading is accepted: a false finding is worse than a
missed one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from itertools import product

from bplint.model.narrative import Figure, Sentence, bracket_balance
from bplint.values import half_unit

_HUNDRED = Decimal(100)
_REACH = 24  # characters from a change's figure to its rate's: `增加50.57万元，增长3.6%`


@dataclass(frozen=True)
class Change:
    level: Figure  # the amount the change is of (this year's, or last year's)
    change: Figure  # `增加50.57万元`, signed by its word
    rate: Figure  # `增长3.6%`, signed likewise

    @property
    def line(self) -> int:
        return self.rate.line

    @property
    def column(self) -> int:
        return self.rate.column

    @cached_property
    def readings(self) -> list[tuple[Decimal, Decimal]]:
        """The (low, high) rates the printed figures allow, taking the level as this year's, then
        as last year's; none where last year's amount would be zero or less."""
        found = []
        for prior_is_level in (False, True):
            rates = [
                change / prior * _HUNDRED
                for level, change in product(_ends(self.level), _ends(self.change, self.change.change))
                if (prior := level if prior_is_level else level - change) > 0
            ]
            if len(rates) == 4:
                found.append((min(rates), max(rates)))
        return found

    @property
    def consistent(self) -> bool:
        """Whether the stated rate, with its own rounding, meets a reading of the figures."""
        low, high = _ends(self.rate, self.rate.change)
        return not self.readings or any(low <= top and bottom <= high for bottom, top in self.readings)

    @property
    def prior(self) -> Decimal:
        """Last year's amount, taking the level as this year's."""
        return self.level.amount - self.change.signed

    @property
    def expected(self) -> Decimal | None:
        """The rate the figures give, taking the level as this year's (the usual reading)."""
        if not self.readings:
            return None
        bottom, top = self.readings[0]
        return ((bottom + top) / 2).quantize(Decimal("0.01"))


def _ends(figure: Figure, sign: int = 1) -> tuple[Decimal, Decimal]:
    """The lowest and highest amount a printed figure may stand for, signed."""
    value, slack = figure.amount * (-1 if sign < 0 else 1), half_unit(figure.amount)
    return value - slack, value + slack


def changes(sentence: Sentence) -> list[Change]:
    """Each money change directly followed by its rate, with the level figure before it."""
    found = []
    figures = sentence.figures
    for index, change in enumerate(figures[:-1]):
        rate = figures[index + 1]
        if not _pair(change, rate):
            continue
        level = next((f for f in reversed(figures[:index]) if _level_of(sentence, f, change)), None)
        if level is None and sentence.compared is not None and sentence.compared.unit == change.unit:
            level = sentence.compared
        if level is not None and level.amount:
            found.append(Change(level, change, rate))
    return found


def _level_of(sentence: Sentence, figure: Figure, change: Figure) -> bool:
    """A level figure the change can be of: not one inside a bracket closed before the change
    (`运维费567.72万元（…运行维护费337.17万元…）比上年增加46.49万元` is a change of 567.72)."""
    if figure.change or figure.unit != change.unit:
        return False
    between = sentence.text[figure.offset - sentence.offset : change.offset - sentence.offset]
    return bracket_balance(between) >= 0


def _pair(change: Figure, rate: Figure) -> bool:
    return (
        change.change != 0
        and change.unit != "%"
        and rate.unit == "%"
        and rate.change == change.change
        and not rate.share
        and 0 < rate.offset - change.offset <= _REACH
    )

"""What the text says of last year, as data: a change with its rate (Change), the amount a change
is of (Prior), a rate between two printed levels (LevelRate), and a total's change with its parts'
(Rollup, Part); with the arithmetic their rules check, each reading allowing the printed figures'
rounding.  The readers are bplint.extract.changes, .rates and .rollups.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from itertools import product

from bplint.model.printing import Fit, fit
from bplint.model.sentences import Figure
from bplint.values import half_unit

_HUNDRED = Decimal(100)


def _ends(figure: Figure, sign: int = 1) -> tuple[Decimal, Decimal]:
    """The lowest and highest amount a printed figure may stand for, signed."""
    value, slack = figure.amount * (-1 if sign < 0 else 1), half_unit(figure.amount)
    return value - slack, value + slack


class _Placed:
    """Where a comparison stands in the text: at the figure it is judged by (`anchor`)."""

    @property
    def anchor(self) -> Figure:
        raise NotImplementedError

    @property
    def line(self) -> int:
        return self.anchor.line

    @property
    def column(self) -> int:
        return self.anchor.column


@dataclass(frozen=True)
class Change(_Placed):
    level: Figure  # the amount the change is of (this year's, or last year's)
    change: Figure  # `增加50.57万元`, signed by its word
    rate: Figure  # `增长3.6%`, signed likewise
    # `X万元，较上年增加Y万元`: the comparison follows the level at once, and its label names no
    # earlier year, so the level is this year's and only that reading counts.
    this_year: bool = False

    @property
    def anchor(self) -> Figure:
        return self.rate

    @cached_property
    def readings(self) -> list[tuple[Decimal, Decimal]]:
        """The (low, high) rates the printed figures allow, taking the level as this year's, then
        (unless it is this year's for certain) as last year's; none where last year's amount would
        be zero or less."""
        found = []
        for prior_is_level in (False,) if self.this_year else (False, True):
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
        """Whether the stated rate, with its own rounding, meets the figures (a cut is judged by the
        document's habit: bplint.model.printing)."""
        return self.fit.agrees

    @property
    def fit(self) -> Fit:
        """How the stated rate meets a reading of the figures: rounded, only cut to its digits
        (`15.57%` printed `15.5%`), or not (bplint.model.printing)."""
        return fit(self.readings, self.rate)

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


@dataclass(frozen=True)
class Prior(_Placed):
    """What a stated change says of last year: this year's amount less the change, and the rate
    that follows the change, if one does (`…减少1591万元，减少100%`)."""

    level: Figure
    change: Figure
    rate: Figure | None
    this_year: bool  # the level is printed before the comparison: this year's for certain
    reason: str = ""  # the reason the sentence gives for this change (`主要原因是…`), up to the next item
    # What the change is against, as (year printed or None for 上年, kind: 预算/执行/决算 or ""): None
    # where the words before it name no year (`比2025年预算增加` → (2025, "预算")).
    basis: tuple[int | None, str] | None = None

    @property
    def anchor(self) -> Figure:
        return self.change

    @property
    def amount(self) -> Decimal:
        return self.level.amount - self.change.signed

    @property
    def slack(self) -> Decimal:
        """How far the rounding of the two printed figures may move last year's amount."""
        return half_unit(self.level.amount) + half_unit(self.change.amount)


@dataclass(frozen=True)
class LevelRate(_Placed):
    prior: Figure  # last year's level (`2025年预算执行数为P万元`)
    level: Figure  # this year's (`2026年预算安排Y万元`)
    rate: Figure  # `增加Z%`, signed by its word

    @property
    def anchor(self) -> Figure:
        return self.rate

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
        return self.fit.agrees

    @property
    def fit(self) -> Fit:
        """How the stated rate meets the two levels: rounded, only cut, or not (bplint.model.printing)."""
        found = self.reading
        return fit([found] if found else [], self.rate)


@dataclass(frozen=True)
class Part:
    level: Figure
    change: Decimal  # signed; 0 where the text says it did not change
    slack: Decimal  # how far the rounding of its printed figures may move last year's amount

    @property
    def prior(self) -> Decimal:
        return self.level.amount - self.change


@dataclass(frozen=True)
class Rollup(_Placed):
    total: Prior  # the total's amount and its change
    parts: tuple[Part, ...]

    @property
    def anchor(self) -> Figure:
        return self.total.change

    @property
    def parts_prior(self) -> Decimal:
        """Last year's amounts of the parts, together."""
        return sum((part.prior for part in self.parts), Decimal(0))

    @property
    def excess(self) -> Decimal:
        """How far the parts' last years exceed the total's: above the slack, one figure is wrong."""
        return self.parts_prior - self.total.amount

    @property
    def slack(self) -> Decimal:
        return self.total.slack + sum((part.slack for part in self.parts), Decimal(0))

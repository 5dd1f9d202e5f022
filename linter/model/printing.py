"""How a document prints its rates of change: rounded, or cut to their digits.

The figures a rate is printed from give an exact rate (a range, each figure being rounded); the
text prints it rounded (15.57% as 15.6%) or, in some documents, cut (15.5%).  Cutting is a habit
of a document, not of one line: a rate that meets the figures only cut is accepted where the
document's other rates show the habit (more of them meet only cut than only rounded), and is a
slip where they are rounded.  Accepting a cut everywhere would double every rate's window and
hide a change whose last digits are wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from bplint.model.sentences import Figure
from bplint.values import half_unit


class Fit(Enum):
    """How a stated rate meets the rates its figures allow."""

    ROUNDED = "rounded"  # only rounded
    CUT = "cut"  # only cut to its digits
    BOTH = "both"  # either way: no evidence of a habit
    NEITHER = "neither"
    UNKNOWN = "unknown"  # the figures give no rate (last year's amount zero or less)

    @property
    def agrees(self) -> bool:
        """Whether the rate is right whatever the document's habit: rounded, or no rate to meet."""
        return self in (Fit.ROUNDED, Fit.BOTH, Fit.UNKNOWN)


def fit(readings: list[tuple[Decimal, Decimal]], rate: Figure) -> Fit:
    """How the stated rate (signed by its word) meets any of the (low, high) readings."""
    if not readings:
        return Fit.UNKNOWN
    unit = 2 * half_unit(rate.amount)
    stated = rate.signed
    rounded = (stated - unit / 2, stated + unit / 2)
    # a cut drops digits towards zero: `15.5` stands for 15.5 up to 15.6, `-15.5` for −15.6 up to −15.5
    cut = (stated - unit, stated) if stated < 0 else (stated, stated + unit)
    by_rounding = any(rounded[0] <= top and bottom <= rounded[1] for bottom, top in readings)
    by_cutting = any(cut[0] < top and bottom < cut[1] for bottom, top in readings)
    if by_rounding:
        return Fit.BOTH if by_cutting else Fit.ROUNDED
    return Fit.CUT if by_cutting else Fit.NEITHER


@dataclass(frozen=True)
class Habit:
    """How many of a document's rates meet their figures only rounded, and only cut."""

    rounded: int = 0
    cut: int = 0

    def accepts(self, own: Fit) -> bool:
        """Whether a rate that fits as `own` is right: rounded always; cut where the document's
        other rates (this one left out) show it cuts."""
        if own.agrees:
            return True
        if own is Fit.NEITHER:
            return False
        return self.cut - 1 > self.rounded


def habit(fits) -> Habit:
    """The habit a document's rates show, from how each fits."""
    found = list(fits)
    return Habit(rounded=found.count(Fit.ROUNDED), cut=found.count(Fit.CUT))

"""A 决算's comparison of what was spent with what was budgeted, as its text states it:

    年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 C%。决算数大于年初预算数的主要原因是：…

Each statement is a budget figure followed by a 决算 figure in one sentence, the completion rate
after them, and the words that compare them (`决算数大于/小于/等于预算数`, `预决算持平`) with the
reason given, in that sentence or the next, before the next statement.  The reader is
bplint.extract.execution, its words data (`execution` in lexicon.yaml); rules BP703/BP704 check
the rate and the words against A and B.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bplint.model.sentences import Figure
from bplint.values import half_unit, last_digit


@dataclass(frozen=True)
class Execution:
    budget: Figure  # A, `年初预算为 A 万元`
    actual: Figure  # B, `支出决算为 B 万元`
    rate: Figure | None  # C, `完成年初预算的 C%`
    said: str  # the words comparing them as printed (`决算数大于年初预算数`), "" where none
    direction: int | None  # what those words say: +1 above the budget, -1 below, 0 equal; None: no words
    reason: str  # the reason given after them (`主要原因是：…`), "" where none
    line: int
    column: int

    @property
    def expected_rate(self) -> Decimal | None:
        """B/A as a percentage; None where A is 0."""
        return self.actual.amount / self.budget.amount * 100 if self.budget.amount else None

    @property
    def shown_rate(self) -> Decimal | None:
        """B/A as the text would print it: to the printed rate's decimals (two where none)."""
        rate = self.expected_rate
        places = last_digit(self.rate.amount) if self.rate else -2
        return None if rate is None else rate.quantize(Decimal(1).scaleb(min(places, 0)))

    @property
    def rate_slack(self) -> Decimal:
        """How far the printed rate may be from B/A: its own rounding and what A's and B's move it."""
        a, b = self.budget.amount, self.actual.amount
        if not a:
            return Decimal(0)
        moved = 100 * (half_unit(b) / a + b * half_unit(a) / (a * a))
        return (half_unit(self.rate.amount) if self.rate else Decimal(0)) + moved

    @property
    def gap(self) -> Decimal:
        """B − A, and how far rounding may move it (`gap_slack`)."""
        return self.actual.amount - self.budget.amount

    @property
    def gap_slack(self) -> Decimal:
        return half_unit(self.actual.amount) + half_unit(self.budget.amount)

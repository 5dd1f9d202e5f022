"""A 决算's comparison of what was spent with what was budgeted, as its text states it:

    年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 C%。决算数大于年初预算数的主要原因是：…

Each statement is a budget figure followed by a 决算 figure in one sentence, the completion rate
after them, and the words that compare them (`决算数大于/小于/等于预算数`, `预决算持平`) with the
reason given, in that sentence or the next, before the next statement.  The words are data
(`execution` in lexicon.yaml); rules BP703/BP704 check the rate and the words against A and B.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from bplint.model.lexicon import LEXICON
from bplint.model.narrative import Figure
from bplint.values import half_unit, last_digit

_CLAUSE_END = regex.compile(r"[，,。；;：:！!？?]")


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


def executions(passages) -> tuple[Execution, ...]:
    """Every statement of the narrative's passages (paragraphs joined where export wrapped them)."""
    words = LEXICON.execution
    found = []
    for passage in passages:
        figures = [(f, lead(passage.text, f)) for f in passage.figures if not f.change]
        for i, (figure, before) in enumerate(figures):
            if figure.unit == "%" or not words["budget"].search(before):
                continue
            actual = next(((f, b) for f, b in figures[i + 1 : i + 2] if f.unit != "%"), None)
            if actual is None or not words["actual"].search(actual[1]):
                continue
            rate = next(
                (f for f, b in figures[i + 2 : i + 3] if f.unit == "%" and words["rate"].search(b)), None
            )
            found.append(_execution(figure, actual[0], rate, _tail(passage.text, actual[0])))
    return tuple(found)


def _execution(budget: Figure, actual: Figure, rate: Figure | None, tail: str) -> Execution:
    words = LEXICON.execution
    said = words["said"].search(tail)
    direction = None
    if said:
        text = said[0]
        direction = 1 if words["above"].search(text) else -1 if words["below"].search(text) else 0
    reason = ""
    if said and (because := words["reason"].search(tail, said.end())):
        reason = tail[because.end() :].lstrip("：: ").split("。")[0].strip()
    return Execution(budget, actual, rate, said[0] if said else "", direction, reason, budget.line,
                     budget.column)  # fmt: skip


def lead(text: str, figure: Figure) -> str:
    """The words of the figure's clause before it: `年初预算`, `支出决算为`, `完成年初预算的`."""
    return _CLAUSE_END.split(text[: figure.offset])[-1].strip()


def _tail(text: str, actual: Figure) -> str:
    """The text after B up to the next statement's budget (the words comparing A and B often open
    the next sentence: `…完成年初预算的98.63%。决算数小于年初预算数的主要原因是：…`)."""
    tail = text[actual.offset :]
    following = LEXICON.execution["budget_anywhere"].search(tail, 1)
    return tail[: following.start()] if following else tail

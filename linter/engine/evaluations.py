"""What rule expressions can name of a 决算's self-evaluation sheets (bplint.model.evaluation): the
fields of a sheet, of its funds rows, its scores and its indicator rows, and the selectors that
walk them.  vocabulary.py takes these into its FIELDS and SELECTORS; kept apart so that neither
module grows past what one reads at once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bplint import units
from bplint.extract.lexicon import LEXICON
from bplint.model.evaluation import Evaluation, Funds, Result, Score
from bplint.values import Quantity

# The field types vocabulary.py names (its TEXT, NUMBER, BOOL, QUANTITY).
_TEXT, _NUMBER, _BOOL, _QUANTITY = "text", "number", "bool", "quantity"


def _percent(amount: Decimal | None) -> Quantity | None:
    return None if amount is None else Quantity(amount, units.unit("%"))


def _done(result: Result, env: Any) -> bool:
    """The row says in words that its target was met (`完成`, `已达成`, `无偏差`)."""
    done = LEXICON.self_evaluation["done"]
    return bool(done.match(result.actual) or done.match(result.remark))


EVALUATION_FIELDS: dict[str, dict[str, tuple[str, Any]]] = {
    "evaluation": {
        "name": (_TEXT, lambda e, env: e.name),
        "whole": (_BOOL, lambda e, env: e.kind.name == "WHOLE"),
        "kind": (_TEXT, lambda e, env: e.kind.value),
        # The 总分 row as printed (null where the sheet prints none), and what its parts add up to:
        # the money block's 分值/得分 and each indicator's (null where one of them is blank).
        "total_points": (_NUMBER, lambda e, env: e.total.points if e.total else None),
        "total_score": (_NUMBER, lambda e, env: e.total.score if e.total else None),
        "points_sum": (_NUMBER, lambda e, env: e.points_sum),
        "score_sum": (_NUMBER, lambda e, env: e.score_sum),
        # How far the printed total may be from the sum: its own rounding.
        "points_slack": (_NUMBER, lambda e, env: e.points_slack),
        "score_slack": (_NUMBER, lambda e, env: e.total_slack),
        "line": (_NUMBER, lambda e, env: e.line),
    },
    "evaluation_funds": {
        "sheet": (_TEXT, lambda f, env: f.sheet),
        "label": (_TEXT, lambda f, env: f.label),
        "budget": (_NUMBER, lambda f, env: f.budget),
        "spent": (_NUMBER, lambda f, env: f.spent),
        "rate": (_QUANTITY, lambda f, env: _percent(f.rate)),
        "rate_text": (_TEXT, lambda f, env: f.rate_text),
        # B/A to the printed rate's decimals; how far the printed rate is from B/A unrounded, and how
        # far rounding (of the rate, A and B) lets it be.
        "expected_rate": (_QUANTITY, lambda f, env: _percent(f.expected_rate)),
        "rate_gap": (_NUMBER, lambda f, env: f.rate_gap),
        "rate_slack": (_NUMBER, lambda f, env: f.rate_slack),
        "line": (_NUMBER, lambda f, env: f.line),
    },
    "evaluation_score": {
        "sheet": (_TEXT, lambda s, env: s.sheet),
        "label": (_TEXT, lambda s, env: s.label),
        "points": (_NUMBER, lambda s, env: s.points),
        "score": (_NUMBER, lambda s, env: s.score),
        "line": (_NUMBER, lambda s, env: s.line),
    },
    "evaluation_result": {
        "sheet": (_TEXT, lambda r, env: r.sheet),
        "name": (_TEXT, lambda r, env: r.name or r.level2),
        "target": (_TEXT, lambda r, env: r.target),
        "actual": (_TEXT, lambda r, env: r.actual),
        "points": (_NUMBER, lambda r, env: r.points),
        "score": (_NUMBER, lambda r, env: r.score),
        "remark": (_TEXT, lambda r, env: r.remark),
        # The 实际完成值 falls short of a target stated with a bound (≥95%, ≤1095万元).
        "missed": (_BOOL, lambda r, env: r.missed),
        # The sheet reports the target met: scored in full, or said so in words.
        "full": (_BOOL, lambda r, env: r.full),
        "said_done": (_BOOL, _done),
        "line": (_NUMBER, lambda r, env: r.line),
    },
}

EVALUATION_SELECTORS: dict[str, tuple[str, Any]] = {
    "evaluations": ("evaluation", lambda d: ((e, None) for e in d.evaluations)),
    "evaluation_funds": ("evaluation_funds", lambda d: ((f, None) for e in d.evaluations for f in e.funds)),
    "evaluation_scores": ("evaluation_score", lambda d: ((s, None) for e in d.evaluations for s in e.scores)),
    "evaluation_results": (
        "evaluation_result",
        lambda d: ((r, None) for e in d.evaluations for r in e.results),
    ),
}


def evaluation_location(item: Any) -> tuple[int, int] | None:
    """Where a finding about a sheet's part points: the cell it names; a sheet's, its 总分 row."""
    if isinstance(item, Evaluation):
        return (item.total.line, item.total.column) if item.total else (item.line, 1)
    if isinstance(item, Funds | Score | Result):
        return item.line, item.column
    return None

"""`narrative.change_rate` (BP509) and `narrative.level_rate` (BP520): whether a stated rate of
change meets the figures it is a rate of.

A rate is printed rounded, or cut to its digits: a document that cuts its rates does so throughout
(bplint.model.printing reads which, once per document).  The rate meets its figures where, so
printed, it is what they give with the rounding of every printed figure allowed (the model's
`fit`); each checker gives its rule the field `consistent`.
"""

from __future__ import annotations

from bplint.engine import indexes
from bplint.engine.checkers.checker import Checker
from bplint.engine.vocabulary import BOOL, Env
from bplint.extract.rates import rate_habit
from bplint.model.comparisons import Change, LevelRate
from bplint.model.document import Document
from bplint.model.printing import Habit


def _habit(document: Document) -> Habit:
    """Whether the document prints its rates rounded or cut (bplint.model.printing), read once."""
    return indexes.indexed(
        document, ("rate habit",), lambda: rate_habit(document.narrative, document.meta.year)
    )


def change_consistent(change: Change, env: Env) -> bool:
    """The stated rate meets what the level and the change give (`…增加10万元，增长10%`)."""
    return _habit(env.document).accepts(change.fit)


def levels_consistent(rate: LevelRate, env: Env) -> bool:
    """The stated rate meets what the two levels give (`上年100万元，本年110万元，增长10%`)."""
    return _habit(env.document).accepts(rate.fit)


CHANGE_RATE = Checker("narrative.change_rate", "change", fields={"consistent": (BOOL, change_consistent)})
LEVEL_RATE = Checker("narrative.level_rate", "level_rate", fields={"consistent": (BOOL, levels_consistent)})

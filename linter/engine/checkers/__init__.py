"""The named checkers: every rule's logic that is not an expression, resolved here by name.

A rule names its checker in its YAML (`checker: narrative.restated`); `CHECKERS` below is the
one place a name meets its function.  Each checker is a module holding its function and the
fields it adds to the rule's items (bplint.engine.checkers.checker), and its cases are its rule's
(tests/rule_cases/).  A long or deeply nested expression is refused when the rules load
(bplint.engine.limits): what needs more than an expression becomes a checker here.
"""

from __future__ import annotations

import difflib

from bplint.engine.checkers import copied, emptytable, rates, restated, subjectrow, typography
from bplint.engine.checkers.checker import Checker

CHECKERS: dict[str, Checker] = {
    checker.name: checker
    for checker in (
        rates.CHANGE_RATE,  # BP509
        subjectrow.CHECKER,  # BP510
        restated.CHECKER,  # BP512
        copied.CHECKER,  # BP519
        rates.LEVEL_RATE,  # BP520
        typography.CHECKER,  # BP521
        emptytable.CHECKER,  # BP602
    )
}


def unknown(name: object) -> str:
    """Why `name` names no checker, with the nearest name (in Chinese, as the loader's errors)."""
    near = difflib.get_close_matches(str(name), CHECKERS, n=1, cutoff=0.5)
    hint = f"；是不是 {near[0]}？" if near else ""
    return f"没有名为 {name!r} 的 checker{hint}（可用：{'、'.join(sorted(CHECKERS))}）"

"""What the operators of rule expressions mean: comparisons and arithmetic across units.

Evaluation is total: a missing value (no budget, a blank cell) or a comparison
across dimensions (万元 with 次) is false or null, never an exception.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import regex

from bplint import regexes
from bplint.values import Quantity, UnitMismatch

# A rule's pattern gets this long on one text: a pattern that backtracks without end (`(a+)+$`)
# then matches nothing, rather than stopping the file at its timeout.
MATCH_SECONDS = 1.0


@functools.lru_cache(maxsize=1024)
def pattern(text: str) -> regex.Pattern | None:
    """A rule's pattern, compiled once (regex's own lookup costs more than most searches); one
    that does not compile matches nothing (a pattern the rule writes out is checked on loading:
    `problem`; one built while linting, from a document's words, is not)."""
    try:
        return regexes.compile(text, keep=False)
    except (regex.error, ValueError, TypeError, OverflowError):
        return None


def problem(text: str) -> str | None:
    """Why a rule's pattern does not compile, or None."""
    try:
        regexes.compile(text)
    except (regex.error, ValueError, TypeError, OverflowError) as error:
        return f"正则表达式 '{text}' 有误：{error}"
    return None


def find(compiled: regex.Pattern | str | None, text: str | None) -> regex.Match | None:
    """The first match of a rule's pattern in a text, looked for at most MATCH_SECONDS: every
    function that takes a pattern (`matches`, `number_in`, `text_in`, `stated`, the `figures`
    and `names` of claims) searches through here."""
    if isinstance(compiled, str):
        compiled = pattern(compiled)
    if compiled is None or not isinstance(text, str):
        return None
    if len(text) < _LONG:
        return _search(compiled, text)
    found = _FOUND.get(text)  # a str caches its hash: the lookup costs the text's length once
    if found is None:
        if len(_FOUND) >= _TEXTS:
            del _FOUND[next(iter(_FOUND))]
        found = _FOUND[text] = {}
    if compiled not in found:
        found[compiled] = _search(compiled, text)
    return found[compiled]


# A rule run per table or per project may search the whole document's text (BP602 asks, for each
# 政府性基金 table, whether the text says there is none): the same search of the same long text is
# answered once, or a document of n tables would cost n whole-text searches (quadratic).  The
# memo holds the searches of the last few long texts (a document's, its narrative's), the oldest
# dropped first, so a worker's memory does not grow with its documents.
_LONG = 4096
_TEXTS = 4
_FOUND: dict[str, dict[regex.Pattern, regex.Match | None]] = {}


def _search(compiled: regex.Pattern, text: str) -> regex.Match | None:
    try:
        return compiled.search(text, timeout=MATCH_SECONDS)
    except TimeoutError:
        return None


def search(text: str, where: str) -> bool:
    """Whether a rule's pattern is found in a text."""
    return find(text, where) is not None


def compare(a: Any, op: str, b: Any) -> bool:
    return COMPARISONS[op](a, b)


def _ordered(holds: Callable[[int], bool]) -> Callable[[Any, Any], bool]:
    """An ordering operator: false when a side is missing or the two do not compare."""

    def comparison(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return False
        try:
            return holds(_order(a, b))
        except (TypeError, UnitMismatch, InvalidOperation):
            return False

    return comparison


# Each operator's meaning, chosen once when a rule is compiled rather than at every comparison.
COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda a, b: equal(a, b),
    "!=": lambda a, b: not equal(a, b),
    ">": _ordered(lambda order: order > 0),
    ">=": _ordered(lambda order: order >= 0),
    "<": _ordered(lambda order: order < 0),
    "<=": _ordered(lambda order: order <= 0),
}


def _order(a: Any, b: Any) -> int:
    if a.__class__ is Decimal and b.__class__ is Decimal:  # the common case, answered first
        return (a > b) - (a < b)
    if isinstance(a, Quantity) and isinstance(b, Quantity):
        return a.compare(b)
    a = a.amount if isinstance(a, Quantity) else a
    b = b.amount if isinstance(b, Quantity) else b
    if isinstance(a, bool) or isinstance(b, bool):
        raise TypeError
    return (a > b) - (a < b)


def equal(a: Any, b: Any) -> bool:
    if isinstance(a, Quantity) or isinstance(b, Quantity):
        try:
            return a is not None and b is not None and _order(a, b) == 0
        except (TypeError, UnitMismatch, InvalidOperation):
            return False
    return a == b


def contains(container: Any, item: Any) -> bool:
    if isinstance(container, str):
        return isinstance(item, str) and item in container
    if item.__class__ is str:  # equal() of a text is ==, which `in` asks of each element
        return item in (container or ())
    return any(equal(item, x) for x in container or ())


def arith(a: Any, op: str, b: Any) -> Any:
    if a is None or b is None:
        return None
    try:
        return _arith(a, op, b)
    except (UnitMismatch, InvalidOperation, ZeroDivisionError, TypeError):
        return None


def _arith(a: Any, op: str, b: Any) -> Any:
    if isinstance(a, str) or isinstance(b, str):
        return f"{a}{b}" if op == "+" else None
    qa, qb = isinstance(a, Quantity), isinstance(b, Quantity)
    if qa and qb:
        if op == "/":
            ratio = a.base / b.base if a.dimension == b.dimension else None
            return None if ratio is None else Decimal(ratio.numerator) / Decimal(ratio.denominator)
        if op in "+-":
            other = b.to(a.unit) if a.unit else b.amount
            return Quantity(a.amount + other if op == "+" else a.amount - other, a.unit)
        return None
    if qa:
        return Quantity(_number(a.amount, op, b), a.unit)
    if qb:
        return Quantity(_number(a, op, b.amount), b.unit) if op in "+*" else None
    return _number(a, op, b)


def _number(a: Decimal, op: str, b: Decimal) -> Decimal:
    a, b = Decimal(a), Decimal(b)
    return {"+": a + b, "-": a - b, "*": a * b}[op] if op != "/" else a / b


def matched(written: Any, text: Any) -> bool:
    """Whether `written` (a pattern, compiled or not) is found in `text`: `matches`."""
    compiled = pattern(written) if isinstance(written, str) else written
    if not isinstance(compiled, regex.Pattern) or not isinstance(text, str):
        return False
    key = (compiled, text)
    found = _SEARCHED.get(key)
    if found is None:
        found = find(compiled, text) is not None  # for at most a second
        if len(_SEARCHED) >= _SEARCHED_MAX:
            _SEARCHED.clear()
        _SEARCHED[key] = found
    return found


def searcher(compiled: regex.Pattern, text_of: Callable[[Any], Any]) -> Callable[[Any], bool]:
    """`matched` for a pattern the rule writes out, on the text `text_of` gives: a closure keeping
    what each text gave (the same names meet the same pattern in rule after rule), without
    matched's lookup of the pattern."""
    memo: dict[str, bool] = {}

    def found(env: Any) -> bool:
        text = text_of(env)
        if text.__class__ is not str:
            return isinstance(text, str) and matched(compiled, text)
        answer = memo.get(text)
        if answer is None:
            if len(memo) >= _SEARCHED_MAX:
                memo.clear()
            answer = memo[text] = find(compiled, text) is not None
        return answer

    return found


# The same few patterns (the definitions `satisfaction`, `cost` …) meet the same indicator names in
# rule after rule: five times over on the seeds.  What each meeting gave is kept, boundedly.
_SEARCHED: dict[tuple[regex.Pattern, str], bool] = {}
_SEARCHED_MAX = 20_000

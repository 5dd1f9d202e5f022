"""What the operators of rule expressions mean: comparisons and arithmetic across units.

Evaluation is total: a missing value (no budget, a blank cell) or a comparison
across dimensions (万元 with 次) is false or null, never an exception.
"""

from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation
from typing import Any

import regex

from bplint.values import Quantity, UnitMismatch


@functools.lru_cache(maxsize=1024)
def pattern(text: str) -> regex.Pattern | None:
    """A rule's pattern, compiled once (regex's own lookup costs more than most searches); one
    that does not compile matches nothing."""
    try:
        return regex.compile(text)
    except regex.error:
        return None


def search(text: str, where: str) -> bool:
    """Whether a rule's pattern is found in a text."""
    compiled = pattern(text)
    return compiled is not None and compiled.search(where) is not None


def compare(a: Any, op: str, b: Any) -> bool:
    if op in ("==", "!="):
        return equal(a, b) == (op == "==")
    if a is None or b is None:
        return False
    try:
        order = _order(a, b)
    except (TypeError, UnitMismatch, InvalidOperation):
        return False
    return {">": order > 0, ">=": order >= 0, "<": order < 0, "<=": order <= 0}[op]


def _order(a: Any, b: Any) -> int:
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

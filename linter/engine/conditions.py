"""What a rule's expression compiles to, and when a value counts as true.

A condition holds for any value but a missing one (None), False and an empty list.  Most of a
rule's conditions are comparisons, `and`, `matches`: closures giving True or False and nothing
else, which the compiler marks so that the conditions built on them use them as they are.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from bplint.engine.vocabulary import BOOL, Env

Fn = Callable[[Env], Any]


class ExprError(Exception):
    """An expression that cannot be compiled; the message says what is wrong (in Chinese)."""


def truthy(value: Any) -> bool:
    return value is not None and value is not False and value != [] and value != ()


# The closures that give True or False and nothing else.  Weak: closures go with the rules that
# hold them (a BOOL field may give None, so a type alone does not tell).
_TWO_VALUED: weakref.WeakSet[Callable[..., Any]] = weakref.WeakSet()


def boolean(fn: Fn) -> tuple[Fn, str]:
    """A closure that gives True or False and nothing else, with its type."""
    _TWO_VALUED.add(fn)
    return fn, BOOL


def two_valued(fn: Fn) -> bool:
    """Whether `fn` gives True or False and nothing else."""
    return fn in _TWO_VALUED


def condition(fn: Fn) -> Fn:
    """`fn` as a test that gives True or False: itself when it already does, else truthy of it."""
    if fn in _TWO_VALUED:
        return fn

    def test(env: Env) -> bool:
        value = fn(env)  # truthy written out: this runs for every item a rule looks at
        return value is not None and value is not False and value != [] and value != ()

    _TWO_VALUED.add(test)
    return test

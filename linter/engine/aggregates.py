"""The functions of rule expressions over lists: `where`, count, sum, max, min, any, all, first,
last, join, compiled into closures (the expression compiler, bplint.engine.expr, is built on them).

A list is walked once, from the front: a `where` inside `first` or `any` is not collected first,
so they stop at the first match.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import lark

from bplint.engine import joins
from bplint.engine import vocabulary as v
from bplint.engine.conditions import ExprError, Fn, boolean, condition
from bplint.engine.semantics import arith, compare
from bplint.engine.vocabulary import NUMBER, TEXT, Env
from bplint.values import Quantity

if TYPE_CHECKING:
    from bplint.engine.expr import Scope


class Lists:
    """The compiler's part that reads lists; the compiler (expr._Compiler) gives the rest."""

    scope: Scope

    def node(self, tree: lark.Tree) -> tuple[Fn, str]:
        raise NotImplementedError

    def in_scope(self, scope: Scope, tree) -> tuple[Fn, str]:
        raise NotImplementedError

    def test(self, tree, scope: Scope | None = None) -> Fn:
        raise NotImplementedError

    def _where(self, items, test):
        lazy, kind = self._where_lazy(items, test)
        return (lambda env: list(lazy(env))), kind

    def _where_lazy(self, items, test) -> tuple[Fn, str]:
        """`items where condition` as a generator: `first` and `any` stop at the first match."""
        items_fn, kind = self.node(items)
        inner = v.element(kind)
        if inner is None:
            raise ExprError(f"where 的左边应是列表，而它是 {kind}")
        over = self.scope.over(inner)
        holds = self.test(test, over)
        join = joins.equality(test, over.fields_of(inner))
        if join is not None:
            (field, own), (key, given) = self.in_scope(over, join[0]), self.in_scope(over, join[1])
            if own == given == TEXT:
                return joins.indexed(items_fn, holds, field, key), kind
        return (lambda env: (x for x in items_fn(env) or () if holds(env.over(x)))), kind

    def _iterated(self, items) -> tuple[Fn, str]:
        """A list to be walked once, from the front: a `where` is not collected first."""
        if isinstance(items, lark.Tree) and items.data == "where":
            return self._where_lazy(*items.children)
        return self.node(items)

    def _each(self, items, expr=None) -> tuple[Fn, Fn, str]:
        """A list, walked once (a `where` lazily), and optionally an expression on each item."""
        items_fn, kind = self._iterated(items)
        inner = v.element(kind)
        if inner is None:
            raise ExprError(f"应当是列表，而它是 {kind}")
        if expr is None:
            return items_fn, (lambda env: env.item), inner
        fn, result = self.in_scope(self.scope.over(inner), expr)
        return items_fn, fn, result

    def _fn_count(self, items):
        items_fn = self._each(items)[0]
        return (lambda env: Decimal(sum(1 for _ in items_fn(env) or ()))), NUMBER

    def _fn_sum(self, items, expr=None):
        items_fn, fn, kind = self._each(items, expr)
        return (lambda env: _plain(_fold(items_fn, fn, env, lambda a, b: arith(a, "+", b)))), kind

    def _fn_max(self, items, expr=None):
        items_fn, fn, kind = self._each(items, expr)
        return (lambda env: _fold(items_fn, fn, env, lambda a, b: b if compare(b, ">", a) else a)), kind

    def _fn_min(self, items, expr=None):
        items_fn, fn, kind = self._each(items, expr)
        return (lambda env: _fold(items_fn, fn, env, lambda a, b: b if compare(b, "<", a) else a)), kind

    def _fn_any(self, items, expr):
        items_fn, fn, _ = self._each(items, expr)
        test = condition(fn)
        return boolean(lambda env: any(test(env.over(x)) for x in items_fn(env) or ()))

    def _fn_all(self, items, expr):
        items_fn, fn, _ = self._each(items, expr)
        test = condition(fn)
        return boolean(lambda env: all(test(env.over(x)) for x in items_fn(env) or ()))

    def _fn_first(self, items):
        items_fn, _, kind = self._each(items)
        return (lambda env: next(iter(items_fn(env) or ()), None)), kind

    def _fn_last(self, items):
        items_fn, _, kind = self._each(items)
        return (lambda env: (list(items_fn(env) or ()) or [None])[-1]), kind

    def _fn_join(self, items, expr=None):
        items_fn, fn, _ = self._each(items, expr)
        return (lambda env: "、".join(str(x) for x in _values(items_fn, fn, env))), TEXT


def _plain(value: Any) -> Any:
    """A sum is an amount, not a bound: `≤2万元` alone sums to 2万元."""
    return Quantity(value.amount, value.unit) if isinstance(value, Quantity) and value.op else value


def _values(items_fn: Fn, fn: Fn, env: Env) -> list:
    return [r for x in items_fn(env) or () if (r := fn(env.over(x))) is not None]


def _fold(items_fn: Fn, fn: Fn, env: Env, step) -> Any:
    values = _values(items_fn, fn, env)
    return functools.reduce(step, values) if values else None

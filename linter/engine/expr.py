"""Rule expressions: parsed with grammars/expr.lark and compiled to closures once.

Compiling checks every name against the vocabulary, so a misspelt field is an
error at load time.  Evaluation is total: a missing value (no budget, a blank
cell) or a comparison across dimensions (万元 with 次) is false, never an
exception, so one odd cell cannot stop a rule over the rest of the document.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from importlib import resources
from typing import Any

import lark

from bplint import cache, parsers, regexes, units
from bplint.engine import exprlimits, semantics
from bplint.engine import functions as fx
from bplint.engine import vocabulary as v
from bplint.engine.aggregates import Lists

# ExprError, Fn and truthy are conditions'; named here too, where the rest of the engine imports them.
from bplint.engine.conditions import ExprError as ExprError
from bplint.engine.conditions import Fn as Fn
from bplint.engine.conditions import boolean, condition, two_valued
from bplint.engine.conditions import truthy as truthy

# The limits are exprlimits'; named here too, where a rule's author (and the tests) look for them.
from bplint.engine.exprlimits import MAX_DEPTH as MAX_DEPTH
from bplint.engine.exprlimits import MAX_IFS as MAX_IFS
from bplint.engine.exprlimits import MAX_LENGTH as MAX_LENGTH
from bplint.engine.semantics import arith, compare, contains
from bplint.engine.semantics import matched as _search
from bplint.engine.vocabulary import ANY, NUMBER, QUANTITY, TEXT, Env
from bplint.values import Quantity


@functools.cache
def _grammar() -> str:
    return resources.files("bplint.grammars").joinpath("expr.lark").read_text(encoding="utf-8")


@functools.cache
def _parser() -> lark.Lark:
    return parsers.load("expr", _grammar())  # tables read as JSON, never a pickle


@dataclass
class Definitions:
    """Named conditions shared by the rules (`cost`, `satisfaction` …), compiled per item type."""

    texts: dict[str, str] = field(default_factory=dict)
    _compiled: dict[tuple[str, str], tuple[Fn, str]] = field(default_factory=dict)
    _active: set[str] = field(default_factory=set)

    def compile(self, name: str, scope: Scope) -> tuple[Fn, str]:
        key = (name, scope.item)
        if key not in self._compiled:
            if name in self._active:
                raise ExprError(f"定义 {name} 引用了它自己")
            self._active.add(name)
            try:
                # A shared definition reads the vocabulary every rule has, never a checker's fields.
                self._compiled[key] = _Compiler(replace(scope, fields={})).compile(self.texts[name])
            except ExprError as error:
                raise ExprError(f"定义 {name}：{error}") from None
            finally:
                self._active.discard(name)
        return self._compiled[key]


@dataclass(frozen=True)
class Scope:
    item: str  # the type of the item the expression looks at
    it: str  # the type of the item the rule selected
    params: dict[str, str]
    definitions: Definitions
    # The rule's `vars`, by name: usable in `when` and in later vars, always about the rule's item.
    locals: dict[str, tuple[Fn, str]] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # the params' values: patterns are checked
    # The fields the rule's checker adds, by item type: read by this rule's expressions only.
    fields: dict[str, dict[str, tuple[str, v.Accessor]]] = field(default_factory=dict)

    def over(self, item: str) -> Scope:
        return replace(self, item=item)

    def fields_of(self, kind: str) -> dict[str, tuple[str, v.Accessor]]:
        """The fields an item of `kind` has here: the vocabulary's and the checker's."""
        extra = self.fields.get(kind)
        return {**v.FIELDS.get(kind, {}), **extra} if extra else v.FIELDS.get(kind, {})


def compile_typed(text: str, scope: Scope) -> tuple[Fn, str]:
    """Like compile_expr, with the expression's type."""
    return _Compiler(scope).compile(text)


def compile_expr(text: str, scope: Scope) -> Fn:
    """Compile an expression for items of `scope.item`; ExprError says what is wrong."""
    return _Compiler(scope).compile(text)[0]


class _Compiler(Lists):
    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def compile(self, text: str) -> tuple[Fn, str]:
        try:
            tree = cache.parse(_parser, _grammar(), text)
        except lark.exceptions.UnexpectedInput as error:
            raise ExprError(f"表达式“{text}”第 {error.column} 个字符处有语法错误") from None
        except lark.exceptions.LarkError as error:
            raise ExprError(f"表达式“{text}”无法解析：{error}") from None
        wrong = exprlimits.problem(text, tree)
        if wrong:
            raise ExprError(wrong)
        return self.node(tree)

    def node(self, tree: lark.Tree) -> tuple[Fn, str]:  # a rule's subtree; tokens are read by their rule
        method = getattr(self, f"_{tree.data}", None)
        if method is None:  # pragma: no cover - the grammar has no other rules
            raise ExprError(f"不支持的表达式：{tree.data}")
        return method(*tree.children)

    def in_scope(self, scope: Scope, tree) -> tuple[Fn, str]:
        return _Compiler(scope).node(tree)

    # -- logic ----------------------------------------------------------------

    def test(self, tree, scope: Scope | None = None) -> Fn:
        """A condition's closure, giving True or False."""
        return condition((self.in_scope(scope, tree) if scope else self.node(tree))[0])

    def _or_(self, left, right):
        return boolean(_any([self.test(t) for t in _operands("or_", left, right)]))

    def _and_(self, left, right):
        return boolean(_all([self.test(t) for t in _operands("and_", left, right)]))

    def _not_(self, operand):
        a = self.test(operand)
        return boolean(lambda env: not a(env))

    def _compare(self, left, op, right):
        a, op = self.node(left)[0], {"≥": ">=", "≤": "<="}.get(str(op), str(op))
        constant = _constant(right)
        if op in ("==", "!=") and constant is not _VARIES:
            # `x == ''`, `kind == 'level'`, `x != null`: equal() with a text or null is plain
            # == (a quantity is equal to no text), so the comparison is written out here.
            if op == "==":
                return boolean(lambda env: a(env) == constant)
            return boolean(lambda env: a(env) != constant)
        b, by = self.node(right)[0], semantics.COMPARISONS[op]
        if getattr(right, "data", None) == "quantity":  # `value.amount >= 100`: a figure the rule writes
            figure = b(None)  # type: ignore[arg-type]  # a written figure reads no Env
            return boolean(lambda env: by(a(env), figure))
        return boolean(lambda env: by(a(env), b(env)))

    def _in_(self, left, right):
        a, b = self.node(left)[0], self.node(right)[0]
        return boolean(lambda env: contains(b(env), a(env)))

    def _not_in(self, left, right):
        a, b = self.node(left)[0], self.node(right)[0]
        return boolean(lambda env: not contains(b(env), a(env)))

    def _matches(self, left, pattern):
        a = self.node(left)[0]
        self._written(pattern)
        if getattr(pattern, "data", None) == "string":
            return boolean(semantics.searcher(regexes.compile(str(pattern.children[0])[1:-1]), a))
        b = self.node(pattern)[0]  # built while linting: compiled when first used
        return boolean(lambda env: _search(b(env), a(env)))

    def _written(self, tree, searched: Callable[[str], str] = str) -> None:
        """A pattern the rule writes out (a string, a parameter) compiled now: one that does not
        compile is an error when the rule loads, not a search that fails on every file."""
        texts: list[object]  # a parameter may hold anything; strings are patterns
        if getattr(tree, "data", None) == "string":
            texts = [str(tree.children[0])[1:-1]]
        elif getattr(tree, "data", None) == "path" and [str(c) for c in tree.children[:1]] == ["params"]:
            value = self.scope.values.get(str(tree.children[1])) if len(tree.children) > 1 else None
            texts = value if isinstance(value, list) else [value]
        else:
            return
        for text in texts:
            wrong = semantics.problem(searched(text)) if isinstance(text, str) else None
            if wrong:
                raise ExprError(wrong)

    # -- arithmetic and literals -------------------------------------------------

    def _arith(self, left, op, right):
        (a, kind), b, op = self.node(left), self.node(right)[0], str(op)
        return (lambda env: arith(a(env), op, b(env))), kind

    def _neg(self, operand):
        a, kind = self.node(operand)
        return (lambda env: arith(Decimal(0), "-", a(env))), kind

    def _quantity(self, number, unit=None):
        amount = Decimal(str(number))
        if unit is None:
            return (lambda env: amount), NUMBER
        try:
            quantity = Quantity(amount, units.unit(str(unit)))
        except KeyError:
            raise ExprError(f"未知的单位“{unit}”") from None
        return (lambda env: quantity), QUANTITY

    def _string(self, token):
        text = str(token)[1:-1]
        return (lambda env: text), TEXT

    def _null(self):
        return (lambda env: None), ANY

    def _true(self):
        return boolean(lambda env: True)

    def _false(self):
        return boolean(lambda env: False)

    def _list(self, *items):
        fns = [self.node(item)[0] for item in items if item is not None]
        return (lambda env: [fn(env) for fn in fns]), v.list_of(ANY)

    # -- names ---------------------------------------------------------------------

    def _call_path(self, call, *names):
        fn, kind = self.node(call)
        return self._fields(fn, kind, names)

    def _path(self, first, *rest):
        fn, kind = self._name(str(first), rest)
        if str(first) == "params":
            rest = rest[1:]
        return self._fields(fn, kind, rest)

    def _fields(self, fn: Fn, kind: str, names) -> tuple[Fn, str]:
        for name in map(str, names):
            fields = self.scope.fields_of(kind)
            if not fields or name not in fields:
                known = "、".join(fields) if fields else "无"
                raise ExprError(f"{kind} 没有字段 {name}（可用：{known}）")
            kind, access = fields[name]
            fn = _chain(fn, access)
        return fn, kind

    def _name(self, name: str, rest) -> tuple[Fn, str]:
        scope = self.scope
        fields = scope.fields_of(scope.item)
        if name in fields:
            kind, access = fields[name]
            if access in v.ATTRIBUTES:
                get = operator.attrgetter(v.ATTRIBUTES[access])
                return (lambda env: get(x) if (x := env.item) is not None else None), kind
            return (lambda env: access(env.item, env) if env.item is not None else None), kind
        if name == "it":
            return (lambda env: env.it), scope.it
        if name == "item":
            return (lambda env: env.item), scope.item
        if name == "project":
            return (lambda env: env.project), "project"
        if name == "document":
            return (lambda env: env.document), "document"
        if name == "params":
            key = str(rest[0]) if rest else ""
            if key not in scope.params:
                raise ExprError(f"规则没有参数 {key}（已有：{'、'.join(scope.params) or '无'}）")
            return (lambda env: env.params.get(key)), scope.params[key]
        if name in scope.locals:
            fn, kind = scope.locals[name]
            # A var is read from the memo once worked out (most reads): Env.local only the first time.
            read = lambda env: m[name] if name in (m := env.memo) else env.local(name, fn)  # noqa: E731
            return boolean(read) if two_valued(fn) else (read, kind)  # a condition's var: True or False
        if name in scope.definitions.texts:
            return scope.definitions.compile(name, scope)
        known = "、".join([*fields, "it", "item", "project", "document", "params", *scope.locals,
                          *scope.definitions.texts])  # fmt: skip
        raise ExprError(f"未知的名称 {name}（{scope.item} 可用：{known}）")

    def _call(self, name, *args):
        name = str(name)
        args = [arg for arg in args if arg is not None]
        domain = fx.DOMAIN.get(name)
        arity = domain.arity if domain else FUNCTIONS.get(name)
        if arity is None:
            raise ExprError(f"未知的函数 {name}（可用：{'、'.join([*FUNCTIONS, *fx.DOMAIN])}）")
        if not arity[0] <= len(args) <= arity[1]:
            raise ExprError(f"函数 {name} 需要 {arity[0]}–{arity[1]} 个参数，给了 {len(args)} 个")
        if domain is None:
            return getattr(self, f"_fn_{name}")(*args)
        if domain.pattern is not None and len(args) > domain.pattern[0]:
            self._written(args[domain.pattern[0]], domain.pattern[1])
        return _called(domain.call, [self.node(arg)[0] for arg in args], domain.env), domain.kind

    def _fn_if(self, test, then, otherwise):
        c, (a, kind), b = self.test(test), self.node(then), self.node(otherwise)[0]
        return (lambda env: a(env) if c(env) else b(env)), kind

    def _fn_abs(self, x):
        fn, kind = self.node(x)
        return (lambda env: arith(r, "*", Decimal(-1)) if compare(r := fn(env), "<", Decimal(0)) else r), kind


# The functions over lists and conditions, compiled here: name → (fewest, most) arguments.  Those
# that read text or weigh a project are in functions.DOMAIN.
FUNCTIONS = {
    "count": (1, 1), "sum": (1, 2), "max": (1, 2), "min": (1, 2), "any": (2, 2), "all": (2, 2),
    "first": (1, 1), "last": (1, 1), "join": (1, 2), "abs": (1, 1), "if": (3, 3),
}  # fmt: skip


# What _constant gives for an expression whose value is not known before it runs.
_VARIES = object()


def _constant(tree) -> Any:
    """The value of a text or null written in the rule, else _VARIES."""
    data = getattr(tree, "data", None)
    if data == "string":
        return str(tree.children[0])[1:-1]
    return None if data == "null" else _VARIES


def _operands(kind: str, *trees) -> list:
    """`a and b and c` (parsed `(a and b) and c`) as [a, b, c]: one closure tests them in turn."""
    found = []
    for tree in trees:
        found += _operands(kind, *tree.children) if getattr(tree, "data", None) == kind else [tree]
    return found


def _all(tests: list[Fn]) -> Fn:
    if len(tests) == 2:
        a, b = tests
        return lambda env: a(env) and b(env)
    if len(tests) == 3:
        a, b, c = tests
        return lambda env: a(env) and b(env) and c(env)
    a, b, c, rest = *tests[:3], _all(tests[3:]) if len(tests) > 4 else tests[3]
    return lambda env: a(env) and b(env) and c(env) and rest(env)  # a generator costs more


def _any(tests: list[Fn]) -> Fn:
    if len(tests) == 2:
        a, b = tests
        return lambda env: a(env) or b(env)
    if len(tests) == 3:
        a, b, c = tests
        return lambda env: a(env) or b(env) or c(env)
    a, b, c, rest = *tests[:3], _any(tests[3:]) if len(tests) > 4 else tests[3]
    return lambda env: a(env) or b(env) or c(env) or rest(env)


def _called(call: Callable[..., Any], fns: list[Fn], with_env: bool) -> Fn:
    """A domain function's call on its arguments' values (and the Env, when it reads one); one or
    two arguments, most calls, without a generator of them."""
    if with_env:
        return lambda env: call(*(fn(env) for fn in fns), env)
    if len(fns) == 1:
        (f,) = fns
        return lambda env: call(f(env))
    if len(fns) == 2:
        f, g = fns
        return lambda env: call(f(env), g(env))
    return lambda env: call(*(fn(env) for fn in fns))


def _chain(fn: Fn, access) -> Fn:
    if access in v.ATTRIBUTES:
        get = operator.attrgetter(v.ATTRIBUTES[access])
        return lambda env: get(obj) if (obj := fn(env)) is not None else None

    def run(env: Env) -> Any:
        obj = fn(env)
        return access(obj, env) if obj is not None else None

    return run

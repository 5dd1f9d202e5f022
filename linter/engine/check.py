"""Rules with a condition: compiled once from their YAML, run over a Document.

A rule names what it looks at (`select: indicators`), may narrow it (`where:`),
and fires for each item its condition (`when:`) holds for.  `vars:` computes the
figures its message shows; `expected`, `actual`, `difference` and `tolerance`
among them also go into the JSON finding so a reader can redo the sum.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from bplint.engine import arithmetic, checkers, claims, identity
from bplint.engine import vocabulary as v
from bplint.engine.checkers.checker import Balances, Checker
from bplint.engine.conditions import condition
from bplint.engine.expr import Definitions, ExprError, Fn, Scope, compile_typed
from bplint.engine.vocabulary import Env
from bplint.findings import Comparison, Figure, Finding, Stated, Term, ValueDetail
from bplint.language import Lang
from bplint.model.document import Document, Indicator, SchedulePoint, Table
from bplint.model.dump import value_json
from bplint.values import Quantity, format_decimal

ARITHMETIC = ("expected", "actual", "difference", "tolerance", "terms")


@dataclass(frozen=True)
class Check:
    select: str
    item_type: str
    where: Fn | None
    when: Fn
    vars: dict[str, Fn]
    params: dict[str, Any]
    at: Fn | None = None  # the line to report, when not the item's own
    identities: tuple[identity.Identity, ...] = ()  # sums that must hold (rounding aside)
    balances: Balances | None = None  # where the rule's checker finds those sums; None: the engine's

    @property
    def placeholders(self) -> set[str]:
        """The names a message of this rule may use: what _finding or arithmetic fills in."""
        if self.identities:
            return set(arithmetic.PLACEHOLDERS)
        return {"project", "year", "budget", *ITEM_PLACEHOLDERS.get(self.item_type, ()), *self.vars}


# What a finding tells about the item it is on, beside the vars (see _finding).
ITEM_PLACEHOLDERS = {
    "indicator": ("indicator", "value", "level2", "pair"),
    "table": ("title", "table"),
    "point": ("label", "percent", "value"),
}


def compile_check(spec: dict[str, Any], definitions: Definitions) -> Check | None:
    """The compiled condition of a rule; None for a rule the stages raise themselves (BP0)."""
    if not {"select", "when", "identities", "checker"} & set(spec):
        return None
    select = spec.get("select")
    if select not in v.SELECTORS:
        raise ExprError(f"select 应为 {'、'.join(v.SELECTORS)} 之一，而不是 {select!r}")
    if "when" not in spec and "identities" not in spec:
        raise ExprError("缺少 when（规则在什么条件下报告）或 identities（应当成立的等式）")
    item_type = v.SELECTORS[select][0]
    checker = _checker(spec, item_type)
    params = spec.get("params") or {}
    if not isinstance(params, dict):
        raise ExprError("params 应当是键值映射")
    wrong = claims.pattern_problem(params)
    if wrong:
        raise ExprError(wrong)
    types = {k: _param_type(val) for k, val in params.items()}
    fields = {item_type: dict(checker.fields)} if checker else {}
    scope = Scope(item_type, item_type, types, definitions, values=params, fields=fields)
    variables = spec.get("vars") or {}
    if not isinstance(variables, dict):
        raise ExprError("vars 应当是键值映射")
    # `where` and `when` as tests giving True or False (expr.condition): run asks them of every item.
    where = condition(_compile(spec["where"], scope, "where")[0]) if "where" in spec else None
    for name, text in variables.items():
        scope.locals[name] = _compile(text, scope, f"vars.{name}")
    return Check(
        select=select,
        item_type=item_type,
        where=where,
        when=condition(_compile(spec["when"], scope, "when")[0]) if "when" in spec else _always,
        vars={name: fn for name, (fn, _) in scope.locals.items()},
        params=params,
        at=_compile(spec["at"], scope, "at")[0] if "at" in spec else None,
        identities=_identities(spec.get("identities")),
        balances=checker.balances if checker else None,
    )


def _always(env: Env) -> bool:
    return True


def _checker(spec: dict[str, Any], item_type: str) -> Checker | None:
    """The named checker the rule uses (bplint.engine.checkers), if any; one that reads other items
    than the rule selects, or gives sums to a rule with none, is an error on loading."""
    if "checker" not in spec:
        return None
    name = spec["checker"]
    checker = checkers.CHECKERS.get(name) if isinstance(name, str) else None
    if checker is None:
        raise ExprError(checkers.unknown(name))
    if checker.item != item_type:
        select = next(s for s, (kind, _) in v.SELECTORS.items() if kind == checker.item)
        raise ExprError(f"checker {name} 检查的是 select: {select}，而不是 {spec['select']}")
    if checker.balances is not None and "identities" not in spec:
        raise ExprError(f"checker {name} 核对等式：请写 identities（应当成立的等式）")
    return checker


def _identities(texts: Any) -> tuple[identity.Identity, ...]:
    if texts is None:
        return ()
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise ExprError("identities 应当是一组等式，如“- 收入总计 = 本年收入合计 + 上年结转结余”")
    try:
        return tuple(identity.parse(text) for text in texts)
    except identity.IdentityError as error:
        raise ExprError(str(error)) from None


def _compile(text: Any, scope: Scope, key: str) -> tuple[Fn, str]:
    if not isinstance(text, str):
        raise ExprError(f"{key} 应当是一个表达式字符串")
    try:
        return compile_typed(text, scope)
    except ExprError as error:
        raise ExprError(f"{key}：{error}") from None


def _param_type(value: Any) -> str:
    if isinstance(value, list):
        return v.list_of(v.TEXT)
    if isinstance(value, bool):
        return v.BOOL
    return v.NUMBER if isinstance(value, int | float) else v.TEXT


def run(rule, check: Check, document: Document, lang: Lang, excerpt, catalog=None) -> list[Finding]:
    """The findings of one rule on one document (`catalog` gives the rules reporting the outcomes of
    its sums: bplint.engine.arithmetic.OUTCOMES)."""
    findings = []
    outcomes = arithmetic.outcomes(catalog or {}) if check.identities else {}
    params = {k: (Decimal(str(x)) if isinstance(x, int | float) and not isinstance(x, bool) else x)
              for k, x in check.params.items()}  # fmt: skip
    where, when = check.where, check.when
    for item, project in v.SELECTORS[check.select][1](document):
        env = Env(item, item, project, document, params)
        if (where is not None and not where(env)) or not when(env):
            continue
        if check.identities:
            findings += arithmetic.findings(rule, check, item, document, lang, excerpt, outcomes)
            continue
        values = {name: env.local(name, fn) for name, fn in check.vars.items()}
        finding = _finding(rule, item, project, document, values, lang, excerpt)
        line = check.at(env) if check.at is not None else None
        if isinstance(line, Decimal | int) and line != finding.line:
            finding = replace(finding, line=int(line), column=1, excerpt=excerpt(int(line)))
        findings.append(finding)
    return findings


def _finding(rule, item, project, document, values, lang, excerpt) -> Finding:
    line, column = v.location(item)
    placeholders = {
        "project": project.name if project else "",
        "year": document.meta.year or "",
        "budget": _show(
            v.money(project.budget.total, Env(item, item, project, document, {}), project.budget.unit)
        )
        if project and project.budget
        else "",
    }
    value = None
    if isinstance(item, Indicator):
        name = item.level3 or item.description or item.level2
        pair = f"{item.level1}/{item.level2}"
        placeholders |= {"indicator": name, "value": item.raw, "level2": item.level2, "pair": pair}
        value = _value_detail(item)
    elif isinstance(item, Table):
        placeholders |= {"title": item.title, "table": item.title}
    elif isinstance(item, SchedulePoint):
        placeholders |= {"label": item.label, "percent": _show(v.percent(item.percent)), "value": item.raw}
    placeholders |= {name: _show(value) for name, value in values.items()}
    working = _comparison(values)
    end_line, end_column = item.end if isinstance(item, Indicator) and item.end[0] else (None, None)
    return rule.finding(
        lang,
        placeholders,
        line,
        column,
        end_line=end_line,
        end_column=end_column,
        project=project.name if project else None,
        table=item.title if isinstance(item, Table) else None,
        excerpt=excerpt(line),
        value=value,
        working=working,
    )


def _comparison(values: dict[str, Any]) -> Comparison | None:
    """The rule's working, from its vars of the contract's names (ARITHMETIC), as the JSON says it."""
    if not any(k in values for k in ARITHMETIC):
        return None
    expected, actual, difference, tolerance = (_figure(values.get(k)) for k in ARITHMETIC[:4])
    terms = values.get("terms")
    listed = tuple(_term(x) for x in terms) if isinstance(terms, list | tuple) else None
    return Comparison(expected, actual, difference, tolerance, listed)


def _term(item: Any) -> Term:
    """One term of a sum as the JSON contract wants it: its label, amount and line."""
    if isinstance(item, Indicator):
        return Term(item.level3 or item.description, item.raw, item.line)
    return Term(None, _show(item), None)


def _value_detail(item: Indicator) -> ValueDetail:
    parsed = value_json(item.value) or {"kind": "unparsed"}
    if parsed.get("kind") == "quantity":
        return ValueDetail(item.raw, quantity=Stated(parsed["op"], parsed["amount"], parsed["unit"]))
    return ValueDetail(item.raw, parsed=parsed)


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Quantity):
        return str(value)
    if isinstance(value, Decimal):
        return format_decimal(value.normalize() if value == value.to_integral() else value)
    if isinstance(value, list | tuple):
        return "、".join(_show(x) for x in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _figure(value: Any) -> Figure | None:
    """A figure as the JSON contract has it: a decimal with its unit, or a year."""
    if value is None or (isinstance(value, str | int) and not isinstance(value, bool)):
        return value
    if isinstance(value, Quantity):
        return f"{format_decimal(value.amount)}{value.unit or ''}"
    if isinstance(value, Decimal):
        return format_decimal(value)
    return _show(value)

"""What rule expressions can name: the fields of the model and the functions.

Every field has a static type, so a rule that names a field that does not exist
(`value.amout`, `project.budgt`) is an error when the rule is loaded, not a
rule that silently never fires.  Amounts of money come out as quantities with
their unit (the sheet's 万元), so comparisons convert units instead of
comparing raw numbers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import regex

from bplint import units
from bplint.model.document import Budget, Document, Indicator, Project, Schedule, SchedulePoint
from bplint.values import Deadline, Quantity, Range, ValueParseError, normalize, parse_value

TEXT, NUMBER, BOOL, QUANTITY, ANY = "text", "number", "bool", "quantity", "any"


def list_of(kind: str) -> str:
    return f"list[{kind}]"


def element(kind: str) -> str | None:
    return kind[5:-1] if kind.startswith("list[") else None


@dataclass(frozen=True)
class Env:
    """What an expression sees while it runs: the item, the rule's item, and their context."""

    item: Any
    it: Any
    project: Project | None
    document: Document
    params: dict[str, Any]

    def over(self, item: Any) -> Env:
        return Env(item, self.it, self.project, self.document, self.params)


Accessor = Callable[[Any, Env], Any]


def money(amount: Decimal | None, env: Env) -> Quantity | None:
    """A printed sheet amount as money in the document's unit (万元 unless it says otherwise)."""
    if amount is None:
        return None
    return Quantity(amount, units.unit(env.document.meta.unit or "万元"))


def percent(amount: Decimal | None) -> Quantity | None:
    return None if amount is None else Quantity(amount, units.unit("%"))


def _quantity(value: Any) -> Quantity | None:
    return value if isinstance(value, Quantity) else None


def _unit_field(read: Callable[[Quantity], Any]) -> Accessor:
    """A field of a value that only quantities (and ranges, by their upper end) have."""

    def access(value: Any, env: Env) -> Any:
        if isinstance(value, Range):
            value = value.high
        return read(value) if isinstance(value, Quantity) else None

    return access


_VALUE_FIELDS: dict[str, tuple[str, Accessor]] = {
    "kind": (TEXT, lambda v, env: getattr(v, "kind", "unparsed")),
    "op": (TEXT, lambda v, env: v.op if isinstance(v, Quantity) else None),
    "amount": (NUMBER, _unit_field(lambda q: q.amount)),
    "unit": (TEXT, _unit_field(lambda q: q.unit.symbol if q.unit else None)),
    "dimension": (TEXT, _unit_field(lambda q: q.dimension)),
    "money": (BOOL, _unit_field(lambda q: bool(q.unit and q.unit.is_money))),
    "percent": (BOOL, _unit_field(lambda q: bool(q.unit and q.unit.is_percent))),
    "per": (BOOL, _unit_field(lambda q: bool(q.unit and q.unit.denominators))),
    "unitless": (BOOL, _unit_field(lambda q: q.unit is None)),
    "low": (QUANTITY, lambda v, env: v.low if isinstance(v, Range) else _quantity(v)),
    "high": (QUANTITY, lambda v, env: v.high if isinstance(v, Range) else _quantity(v)),
    "year": (NUMBER, lambda v, env: v.year if isinstance(v, Deadline) else None),
    "month": (NUMBER, lambda v, env: v.month if isinstance(v, Deadline) else None),
    "text": (TEXT, lambda v, env: str(v) if v is not None else None),
}


def _schedule_last(schedule: Schedule, env: Env) -> SchedulePoint | None:
    filled = [p for p in schedule.points if p.percent is not None]
    return filled[-1] if filled else None


def _signature(project: Project, env: Env) -> str:
    """The project's indicator rows other than cost, as one text: equal texts mean copied rows."""
    rows = (i for i in project.indicators if "成本" not in i.level2 and "成本" not in i.level1)
    return "\n".join(f"{i.level2}|{i.level3}|{i.description}|{i.raw}" for i in rows)


# The official trees of 一级/二级 categories name one category in several ways:
# 效果指标 is the older name of 效益指标; every 效益 sub-category (经济/社会/生态效益,
# 可持续影响) is a 效益指标; the 2021 tree puts 成本指标 as 一级 (经济成本指标 …).
_CATEGORY_ALIASES = (
    (regex.compile(r"效益指标$|可持续影响指标$|^效果指标$"), "效益指标"),
    (regex.compile(r"成本指标$"), "成本指标"),
    (regex.compile(r"满意度指标$"), "满意度指标"),
)


def _categories(project: Project, env: Env) -> list[str]:
    """The categories a project's sheet covers, with the official trees' other names folded in."""
    found: list[str] = []
    for ind in project.indicators:
        for name in (ind.level1, ind.level2):
            names = [name] + [canonical for pattern, canonical in _CATEGORY_ALIASES if pattern.search(name)]
            found.extend(n for n in names if n and n not in found)
    return found


def _earlier_max(point: SchedulePoint, env: Env) -> Quantity | None:
    """The highest cumulative figure before this point (a cumulative plan never goes down)."""
    schedule = env.project.schedule if env.project else None
    earlier = [p.percent for p in schedule.points[: schedule.points.index(point)] if p.percent is not None]
    return percent(max(earlier)) if earlier else None


FIELDS: dict[str, dict[str, tuple[str, Accessor]]] = {
    "document": {
        "year": (NUMBER, lambda d, env: d.meta.year),
        "agency": (TEXT, lambda d, env: d.meta.agency),
        "unit": (TEXT, lambda d, env: d.meta.unit),
        "projects": (list_of("project"), lambda d, env: d.projects),
        "indicators": (list_of("indicator"), lambda d, env: d.indicators),
    },
    "project": {
        "name": (TEXT, lambda p, env: p.name),
        "code": (TEXT, lambda p, env: p.code),
        "goals": (TEXT, lambda p, env: p.goals),
        "line": (NUMBER, lambda p, env: p.line),
        "budget": ("budget", lambda p, env: p.budget),
        "schedule": ("schedule", lambda p, env: p.schedule),
        "indicators": (list_of("indicator"), lambda p, env: p.indicators),
        "signature": (TEXT, _signature),
        "categories": (list_of(TEXT), _categories),
    },
    "budget": {
        "total": (QUANTITY, lambda b, env: money(b.total, env)),
        "fiscal": (QUANTITY, lambda b, env: money(b.fiscal, env)),
        "other": (QUANTITY, lambda b, env: money(b.other, env)),
        "purpose": (TEXT, lambda b, env: b.purpose),
        "line": (NUMBER, lambda b, env: b.line),
        "purpose_line": (NUMBER, lambda b, env: b.purpose_line),
    },
    "indicator": {
        "level1": (TEXT, lambda i, env: i.level1),
        "level2": (TEXT, lambda i, env: i.level2),
        "level3": (TEXT, lambda i, env: i.level3),
        "name": (TEXT, lambda i, env: i.level3 or i.description),
        "description": (TEXT, lambda i, env: i.description),
        "basis": (TEXT, lambda i, env: i.basis),
        "raw": (TEXT, lambda i, env: i.raw),
        "pair": (TEXT, lambda i, env: f"{i.level1}/{i.level2}"),
        # The document's indicators with the same 三级 name (this one included), in order.
        "namesakes": (list_of("indicator"), lambda i, env: env.document.indicators_named(i.level3)),
        "value": ("value", lambda i, env: i.value),
        "line": (NUMBER, lambda i, env: i.line),
    },
    "schedule": {
        "points": (list_of("point"), lambda s, env: s.points),
        "missing": (list_of(TEXT), lambda s, env: s.missing),
        "last": ("point", _schedule_last),
        "line": (NUMBER, lambda s, env: s.line),
    },
    "point": {
        "label": (TEXT, lambda p, env: p.label),
        "percent": (QUANTITY, lambda p, env: percent(p.percent)),
        "raw": (TEXT, lambda p, env: p.raw),
        "line": (NUMBER, lambda p, env: p.line),
        "earlier_max": (QUANTITY, _earlier_max),
    },
    "value": _VALUE_FIELDS,
    QUANTITY: _VALUE_FIELDS,
}

# What a rule's `select` walks over: (item type, items with their project).
SELECTORS: dict[str, tuple[str, Callable[[Document], Any]]] = {
    "indicators": ("indicator", lambda d: ((i, p) for p in d.projects for i in p.indicators)),
    "projects": ("project", lambda d: ((p, p) for p in d.projects)),
    "budgets": ("budget", lambda d: ((p.budget, p) for p in d.projects if p.budget)),
    "schedules": ("schedule", lambda d: ((p.schedule, p) for p in d.projects if p.schedule)),
    "points": ("point", lambda d: ((x, p) for p in d.projects if p.schedule for x in p.schedule.points)),
    "document": ("document", lambda d: ((d, None),)),
}


def location(item: Any) -> tuple[int, int]:
    """Where a finding about `item` points in the input."""
    if isinstance(item, Indicator):
        return item.line, item.column
    if isinstance(item, Project | Budget | Schedule | SchedulePoint):
        return item.line, 1
    return 1, 1


# -- functions ------------------------------------------------------------------

# `每户小于 90 平米`, `不少于4次`, `大于200次`: a comparator word, a number and its unit.
_BOUND = regex.compile(
    r"(?:不少于|不低于|不小于|至少|大于等于|不超过|不高于|不大于|不多于|至多|最多|小于等于|大于|高于|超过|低于|小于|少于|"
    r"≥|≤|>|<)\s*\d+(?:\.\d+)?\s*(?:%|[\p{Han}㎡]{1,4})?"
)


def bound(text: str | None) -> Quantity | None:
    """The first bound a description states, read with the value grammar."""
    for match in _BOUND.finditer(normalize(text or "")):
        candidate = match[0]
        # The unit may run into the next word (`小于90平米的住房`): shorten until it parses.
        while candidate:
            try:
                value = parse_value(candidate)
            except ValueParseError:
                value = None
            if isinstance(value, Quantity) and value.op in ("≥", "≤", ">", "<"):
                return value
            candidate = candidate[:-1]
    return None


def contradicts(stated: Any, value: Any) -> bool:
    """Two bounds pointing opposite ways that leave at most one value for both."""
    if not (isinstance(stated, Quantity) and isinstance(value, Quantity)):
        return False
    up, down = ("≥", ">"), ("≤", "<")
    if not ((stated.op in up and value.op in down) or (stated.op in down and value.op in up)):
        return False
    if stated.dimension != value.dimension:
        return False
    low, high = (stated, value) if stated.op in up else (value, stated)
    # `小于90平米` with `≥90平方米` leaves nothing; `不少于4次` with `≤4次` only 4 itself.
    return low.base >= high.base


def implied_cost(project: Project, env: Env) -> Quantity | None:
    """A per-unit cost (`20元/天/人`) times the quantities the sheet states for each of its units."""
    result = None
    for ind in project.indicators:
        value = ind.value
        unit = value.unit if isinstance(value, Quantity) else None
        if not (unit and unit.is_money and unit.denominators):
            continue
        total = Quantity(value.amount, units.Unit(value.unit.numerator))
        for term in value.unit.denominators:
            count = _largest_count(project, term.symbol)
            if count is None:
                total = None
                break
            total = Quantity(total.amount * count, total.unit)
        if total is not None and (result is None or total > result):
            result = total
    # Shown in the sheet's unit, so it reads next to the budget: 172.8万元, not 1728000元.
    sheet_unit = units.unit(env.document.meta.unit or "万元")
    return Quantity(result.to(sheet_unit), sheet_unit) if result is not None else None


def _largest_count(project: Project, symbol: str) -> Decimal | None:
    """The largest lower-bound or plain count the sheet gives in `symbol` (天, 人)."""
    counts = [
        ind.value.amount
        for ind in project.indicators
        if isinstance(ind.value, Quantity) and ind.value.unit and ind.value.unit.symbol == symbol
        and ind.value.op in (None, "≥", "=", ">")
    ]  # fmt: skip
    return max(counts) if counts else None


# `项目预算4万元`, `其中财政资金4元`: an amount of money a text states after its label.
_STATED = r"[^\d，,。；;]{0,4}?(\d+(?:\.\d+)?)\s*(亿元|万元|千元|元)"


def stated(text: str | None, label: str | None) -> Quantity | None:
    """The first amount of money `text` states right after a match of the pattern `label`."""
    if not text or not label:
        return None
    match = _stated_pattern(label).search(text)
    return Quantity(Decimal(match[1]), units.unit(match[2])) if match else None


@functools.lru_cache(maxsize=64)
def _stated_pattern(label: str) -> regex.Pattern:
    return regex.compile(f"(?:{label}){_STATED}")


# A goal's clause: a metric, perhaps others joined by 、, and the figure they reach.
_GOAL_FIGURE = regex.compile(r"^[^，,。；;\n]*?(\d+(?:\.\d+)?)\s*(%|％|百分比)")


def goal_figure(goals: str | None, name: str | None) -> Quantity | None:
    """The percentage the 绩效目标 text states for the metric `name` (`资金拨付率达到100%`)."""
    if not goals or not name or len(name) < 2:
        return None
    at = goals.find(name)
    if at < 0:
        return None
    match = _GOAL_FIGURE.match(goals[at + len(name) :])
    return percent(Decimal(match[1])) if match else None

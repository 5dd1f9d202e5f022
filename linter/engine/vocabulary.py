"""What rule expressions can name: the fields of the model and the functions.

Every field has a static type, so a rule that names a field that does not exist
(`value.amout`, `project.budgt`) is an error when the rule is loaded, not a
rule that silently never fires.  Amounts of money come out as quantities with
their unit (the sheet's 万元), so comparisons convert units instead of
comparing raw numbers.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise
from typing import Any

from bplint import units
from bplint.engine import indexes
from bplint.engine.crosschecks import CROSSCHECK_FIELDS, CROSSCHECK_SELECTORS, crosscheck_location

# Env is env's; named here too, where the engine and the checkers import it.
from bplint.engine.env import Env as Env
from bplint.engine.evaluations import EVALUATION_FIELDS, EVALUATION_SELECTORS, evaluation_location
from bplint.extract.changes import changes, priors
from bplint.extract.execution import lead
from bplint.extract.lexicon import LEXICON
from bplint.extract.rates import level_rates
from bplint.layout import Paragraph
from bplint.model.breakdowns import Breakdown
from bplint.model.comparisons import Change, LevelRate, Prior
from bplint.model.document import Budget, Document, Indicator, Project, Schedule, SchedulePoint, Table
from bplint.model.execution import Execution
from bplint.model.sentences import Figure, Passage, Sentence
from bplint.values import Deadline, Quantity, Range, half_unit

TEXT, NUMBER, BOOL, QUANTITY, ANY = "text", "number", "bool", "quantity", "any"


def list_of(kind: str) -> str:
    return f"list[{kind}]"


def element(kind: str) -> str | None:
    return kind[5:-1] if kind.startswith("list[") else None


Accessor = Callable[[Any, Env], Any]

# The fields that read one attribute of their item, by accessor: the compiler reads the attribute
# itself (operator.attrgetter) rather than through the accessor, a call less at every read.
ATTRIBUTES: dict[Accessor, str] = {}


def _attr(name: str) -> Accessor:
    get = operator.attrgetter(name)

    def access(item: Any, env: Env) -> Any:
        return get(item)

    ATTRIBUTES[access] = name
    return access


def money(amount: Decimal | None, env: Env, unit: str | None = None) -> Quantity | None:
    """A printed sheet amount as money: in the sheet's unit, else the document's (万元 if none)."""
    if amount is None:
        return None
    return Quantity(amount, units.unit(unit or env.document.meta.unit or "万元"))


def _half(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else half_unit(amount)


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


def _categories(project: Project, env: Env) -> list[str]:
    """The categories a project's sheet covers, with the tree's other names folded in (lexicon.yaml).
    Worked out once per project: a rule asks it again for each category it looks for (BP204)."""
    if env.document is None:  # a test's Env with no document
        return _covered(project)
    return indexes.indexed(env.document, ("categories", id(project)), lambda: _covered(project))


def _covered(project: Project) -> list[str]:
    found: list[str] = []
    for ind in project.indicators:
        for name in (ind.level1, ind.level2):
            found.extend(n for n in _category_names(name) if n not in found)
    return found


@functools.lru_cache(maxsize=1024)
def _category_names(name: str) -> tuple[str, ...]:
    # A sheet's few category names recur in every project: each is looked up in the lexicon once.
    return tuple(LEXICON.categories(name))


def _lead(figure: Figure, env: Env) -> str:
    leads = indexes.indexed(env.document, "figure leads", lambda: _leads(env.document.narrative))
    return leads.get(id(figure), "")


def _leads(sentences: tuple[Sentence, ...]) -> dict[int, str]:
    """Each figure's lead, found in its sentence (whose text starts at the sentence's offset)."""
    return {id(f): lead(s.text, replace(f, offset=f.offset - s.offset)) for s in sentences for f in s.figures}


def _previous(paragraph: Paragraph, document: Document) -> str | None:
    before = indexes.indexed(document, "previous paragraph", lambda: _previous_index(document.paragraphs))
    return before.get(id(paragraph))


def _previous_index(paragraphs: tuple[Paragraph, ...]) -> dict[int, str]:
    return {id(after): before.text for before, after in pairwise(paragraphs)}


def _earlier_max(point: SchedulePoint, env: Env) -> Quantity | None:
    """The highest cumulative figure before this point (a cumulative plan never goes down)."""
    schedule = env.project.schedule if env.project else None
    if schedule is None:  # (a point is of its project's schedule)
        return None
    earlier = [p.percent for p in schedule.points[: schedule.points.index(point)] if p.percent is not None]
    return percent(max(earlier)) if earlier else None


FIELDS: dict[str, dict[str, tuple[str, Accessor]]] = {
    "document": {
        "year": (NUMBER, lambda d, env: d.meta.year),
        "agency": (TEXT, lambda d, env: d.meta.agency),
        "unit": (TEXT, lambda d, env: d.meta.unit),
        # What it is (bplint.model.kind): 部门预算, 单位预算, 部门决算, 单位决算 or unknown; 决算 or not;
        # how messages name it (部门决算公开); whether it is a blank template.
        "kind": (TEXT, lambda d, env: d.meta.kind.value),
        "accounts": (BOOL, lambda d, env: d.meta.kind.accounts),
        "disclosure": (TEXT, lambda d, env: d.meta.kind.wording),
        "template": (BOOL, lambda d, env: d.meta.template),
        "projects": (list_of("project"), _attr("projects")),
        "indicators": (list_of("indicator"), _attr("indicators")),
        "tables": (list_of("table"), _attr("checked_tables")),
        "table_kinds": (list_of(TEXT), lambda d, env: [t.kind for t in d.tables]),
        "sentences": (list_of("sentence"), _attr("narrative")),
        "paragraphs": (list_of("paragraph"), _attr("paragraphs")),
        "text": (TEXT, _attr("text")),
    },
    "table": {
        "kind": (TEXT, _attr("kind")),
        "title": (TEXT, _attr("title")),
        "unit": (TEXT, _attr("unit")),
        "note": (TEXT, _attr("note")),
        "line": (NUMBER, _attr("line")),
        "columns": (list_of(TEXT), _attr("columns")),
        "figures": (NUMBER, lambda t, env: Decimal(len(t.figures))),
        "nonzero": (NUMBER, lambda t, env: Decimal(sum(1 for c in t.figures if c.amount))),
        # The document's 目录 marks it empty (西安: `是否空表 | 是 | 不涉及`).
        "listed_empty": (BOOL, lambda t, env: bool((e := env.document.listing(t)) and e.empty)),
    },
    "breakdown": {
        "kind": (TEXT, _attr("kind")),
        "marker": (TEXT, _attr("marker")),
        # False for `主要为/主要用于` lists: the main parts, which may fall short of the total.
        "complete": (BOOL, _attr("complete")),
        "total": ("figure", _attr("total")),
        "parts": (list_of("figure"), _attr("parts")),
        "steady": (list_of(TEXT), _attr("steady")),
        "line": (NUMBER, _attr("line")),
    },
    "figure": {
        "label": (TEXT, _attr("label")),
        "amount": (QUANTITY, lambda f, env: Quantity(f.amount, units.unit(f.unit))),
        "unit": (TEXT, _attr("unit")),
        "change": (NUMBER, lambda f, env: Decimal(f.change)),
        "number": (NUMBER, _attr("amount")),
        "share": (BOOL, _attr("share")),
        # The 科目 its label names by level (类, 款, 项), 类 first; empty where it names none.
        "subject": (list_of(TEXT), _attr("subject")),
        # Half a unit of its last printed digit: how far rounding may have moved it.
        "rounding": (NUMBER, lambda f, env: half_unit(f.amount)),
        # The words of its clause before it (`年初预算`, `支出决算为`): what a 决算 says the figure is.
        "lead": (TEXT, _lead),
        "line": (NUMBER, _attr("line")),
    },
    "change": {
        "level": ("figure", _attr("level")),
        "change": ("figure", _attr("change")),
        "rate": ("figure", _attr("rate")),
        "expected": (QUANTITY, lambda c, env: percent(c.expected)),
        "prior": (QUANTITY, lambda c, env: Quantity(c.prior, units.unit(c.level.unit))),
        "line": (NUMBER, _attr("line")),
    },
    "level_rate": {
        "prior": ("figure", _attr("prior")),
        "level": ("figure", _attr("level")),
        "rate": ("figure", _attr("rate")),
        "expected": (QUANTITY, lambda r, env: percent(r.expected)),
        "line": (NUMBER, _attr("line")),
    },
    "prior": {
        "level": ("figure", _attr("level")),
        "change": ("figure", _attr("change")),
        "rate": ("figure", _attr("rate")),
        # The level is printed before the comparison (`0万元，比上年增加5万元`): this year's.
        "this_year": (BOOL, _attr("this_year")),
        "amount": (QUANTITY, lambda p, env: Quantity(p.amount, units.unit(p.level.unit))),
        "number": (NUMBER, _attr("amount")),
        # How far the rounding of the level and the change may move last year's amount.
        "slack": (NUMBER, _attr("slack")),
        "line": (NUMBER, _attr("line")),
        # The reason the sentence gives for the change (`主要原因是…`), "" where it gives none.
        "reason": (TEXT, _attr("reason")),
    },
    "sentence": {
        "text": (TEXT, _attr("text")),
        "line": (NUMBER, _attr("line")),
        "words": (list_of(TEXT), _attr("words")),
        "figures": (list_of("figure"), _attr("figures")),
        "itemised": (BOOL, _attr("itemised")),
        # The rest of its paragraph up to the next sentence stating a change: a reason given there
        # (`…下降15.6%。主要用于…减少的主要原因是…`) is its reason.
        "following": (TEXT, _attr("following")),
    },
    "passage": {
        "text": (TEXT, _attr("text")),
        "line": (NUMBER, _attr("line")),
    },
    # A 决算's `年初预算为A万元，支出决算为B万元，完成年初预算的C%。决算数大于年初预算数的主要原因是…`.
    "execution": {
        "budget": ("figure", _attr("budget")),
        "actual": ("figure", _attr("actual")),
        "rate": ("figure", _attr("rate")),
        # B/A as a percentage (null where A is 0), and how far the printed rate may be from it.
        "expected_rate": (QUANTITY, lambda e, env: percent(e.shown_rate)),
        "rate_slack": (NUMBER, _attr("rate_slack")),
        # B − A, and how far the rounding of A and B may move it.
        "gap": (NUMBER, _attr("gap")),
        "gap_slack": (NUMBER, _attr("gap_slack")),
        "said": (TEXT, _attr("said")),
        # What the words say: 1 above the budget, -1 below, 0 equal; null where there are none.
        "direction": (NUMBER, lambda e, env: None if e.direction is None else Decimal(e.direction)),
        "reason": (TEXT, _attr("reason")),
        "line": (NUMBER, _attr("line")),
    },
    "paragraph": {
        "text": (TEXT, _attr("text")),
        "line": (NUMBER, _attr("line")),
        # The paragraph before it: the heading a line of text answers (`五、实施周期` / `2025全年度。`).
        "previous": (TEXT, lambda p, env: _previous(p, env.document)),
    },
    "project": {
        "name": (TEXT, _attr("name")),
        "code": (TEXT, _attr("code")),
        "goals": (TEXT, _attr("goals")),
        "line": (NUMBER, _attr("line")),
        "budget": ("budget", _attr("budget")),
        "schedule": ("schedule", _attr("schedule")),
        "indicators": (list_of("indicator"), _attr("indicators")),
        "signature": (TEXT, _attr("signature")),
        # The document's projects with the same signature (this one included), in order.
        "twins": (list_of("project"), lambda p, env: env.document.projects_signed(p.signature)),
        "categories": (list_of(TEXT), _categories),
        # A sheet of a department's whole spending (部门整体支出绩效目标表), not one project's.
        "whole": (BOOL, _attr("whole")),
        # False where the project comes from a list with no indicator columns (杭州's 项目支出绩效表).
        "indicator_table": (BOOL, _attr("indicator_table")),
    },
    "budget": {
        "total": (QUANTITY, lambda b, env: money(b.total, env, b.unit)),
        "fiscal": (QUANTITY, lambda b, env: money(b.fiscal, env, b.unit)),
        "other": (QUANTITY, lambda b, env: money(b.other, env, b.unit)),
        "purpose": (TEXT, _attr("purpose")),
        "line": (NUMBER, _attr("line")),
        "purpose_line": (NUMBER, _attr("purpose_line")),
        # Half a unit of the total's last printed digit: `14.68` may be 14.682 rounded.
        "rounding": (QUANTITY, lambda b, env: money(_half(b.total), env, b.unit)),
    },
    "indicator": {
        "level1": (TEXT, _attr("level1")),
        "level2": (TEXT, _attr("level2")),
        "level3": (TEXT, _attr("level3")),
        "name": (TEXT, lambda i, env: i.level3 or i.description),
        "description": (TEXT, _attr("description")),
        "basis": (TEXT, _attr("basis")),
        "raw": (TEXT, _attr("raw")),
        "pair": (TEXT, lambda i, env: f"{i.level1}/{i.level2}"),
        "in_tree": (BOOL, lambda i, env: LEXICON.in_tree(i.level1, i.level2)),
        # The document's indicators with the same 三级 name (this one included), in order.
        "namesakes": (list_of("indicator"), lambda i, env: env.document.indicators_named(i.level3)),
        "value": ("value", _attr("value")),
        "line": (NUMBER, _attr("line")),
    },
    "schedule": {
        "points": (list_of("point"), _attr("points")),
        "missing": (list_of(TEXT), _attr("missing")),
        "last": ("point", _schedule_last),
        "line": (NUMBER, _attr("line")),
    },
    "point": {
        "label": (TEXT, _attr("label")),
        "percent": (QUANTITY, lambda p, env: percent(p.percent)),
        "raw": (TEXT, _attr("raw")),
        "line": (NUMBER, _attr("line")),
        "earlier_max": (QUANTITY, _earlier_max),
    },
    "value": _VALUE_FIELDS,
    QUANTITY: _VALUE_FIELDS,
    **EVALUATION_FIELDS,
    **CROSSCHECK_FIELDS,
}

# What a rule's `select` walks over: (item type, items with their project).
SELECTORS: dict[str, tuple[str, Callable[[Document], Any]]] = {
    "indicators": ("indicator", lambda d: ((i, p) for p in d.projects for i in p.indicators)),
    "projects": ("project", lambda d: ((p, p) for p in d.projects)),
    "budgets": ("budget", lambda d: ((p.budget, p) for p in d.projects if p.budget)),
    "schedules": ("schedule", lambda d: ((p.schedule, p) for p in d.projects if p.schedule)),
    "points": ("point", lambda d: ((x, p) for p in d.projects if p.schedule for x in p.schedule.points)),
    "document": ("document", lambda d: ((d, None),)),
    "tables": ("table", lambda d: ((t, None) for t in d.checked_tables)),
    "breakdowns": ("breakdown", lambda d: ((b, None) for b in d.breakdowns)),
    "figures": ("figure", lambda d: ((f, None) for s in d.narrative for f in s.figures)),
    "sentences": ("sentence", lambda d: ((s, None) for s in d.narrative)),
    "changes": ("change", lambda d: ((c, None) for s in d.narrative for c in changes(s))),
    "priors": ("prior", lambda d: ((p, None) for s in d.narrative for p in priors(s))),
    "level_rates": (
        "level_rate",
        lambda d: ((r, None) for s in d.narrative for r in level_rates(s, d.meta.year)),
    ),
    **CROSSCHECK_SELECTORS,
    "paragraphs": ("paragraph", lambda d: ((p, None) for p in d.paragraphs)),
    "executions": ("execution", lambda d: ((e, None) for e in d.executions)),
    "passages": ("passage", lambda d: ((p, None) for p in d.passages)),
    **EVALUATION_SELECTORS,
}


def location(item: Any) -> tuple[int, int]:
    """Where a finding about `item` points in the input."""
    if isinstance(item, Indicator):
        return item.line, item.column
    if isinstance(item, Project | Budget | Schedule | SchedulePoint | Table | Paragraph | Passage):
        return item.line, 1
    if isinstance(item, Breakdown | Figure | Sentence | Change | Prior | Execution | LevelRate):
        return item.line, item.column
    return evaluation_location(item) or crosscheck_location(item) or (1, 1)

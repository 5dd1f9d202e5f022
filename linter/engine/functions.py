"""The functions rule expressions may call that read Chinese text or weigh a project: `bound`,
`contradicts`, `implied_cost`, `stated`, `goal_figure`, `saving_metric`, `number_in`, `text_in`,
`split`, `share_of`, `renamed`, `alike`, `earlier_alike`, `place`.

Each takes its arguments evaluated (and, where it reads the document, the Env last); DOMAIN is
what the expression compiler calls them by.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import regex

from bplint import location, regexes, units
from bplint.engine import indexes, semantics
from bplint.engine.vocabulary import ANY, BOOL, NUMBER, QUANTITY, TEXT, Env, list_of, percent
from bplint.model.document import Project
from bplint.model.sentences import Figure
from bplint.values import Quantity, ValueParseError, format_decimal, last_digit, normalize, parse_value

# `每户小于 90 平米`, `不少于4次`, `大于200次`: a comparator word, a number and its unit.
_BOUND = regexes.compile(
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


def implied_cost(project: Project | None, env: Env) -> Quantity | None:
    """A per-unit cost (`20元/天/人`) times the quantities the sheet states for each of its units."""
    found = _implied(project)
    if found is None:
        return None
    # Shown in the sheet's unit, so it reads next to the budget: 172.8万元, not 1728000元.
    budget = project.budget if project else None
    sheet_unit = units.unit((budget.unit if budget else None) or env.document.meta.unit or "万元")
    return Quantity(found[0].to(sheet_unit), sheet_unit)


def implied_product(project: Project | None) -> str | None:
    """The multiplication `implied_cost` did, as the sheet prints it: `18元/天/人 × 240天 × 400人`."""
    found = _implied(project)
    return " × ".join(found[1]) if found else None


def _implied(project: Project | None) -> tuple[Quantity, list[str]] | None:
    """The largest per-unit cost times its counts, with the factors as printed."""
    if project is None:
        return None
    best = None
    for ind in project.indicators:
        value = ind.value
        unit = value.unit if isinstance(value, Quantity) else None
        if not (isinstance(value, Quantity) and unit and unit.is_money and unit.denominators):
            continue
        total, factors = (
            Quantity(value.amount, units.Unit(unit.numerator)),
            [ind.raw.lstrip("≥≤=<>＜＞")],
        )
        for term in unit.denominators:
            count = _largest_count(project, term.symbol)
            if count is None:
                break
            total = Quantity(total.amount * count, total.unit)
            factors.append(f"{format_decimal(count)}{term.symbol}")
        else:
            if best is None or total > best[0]:
                best = (total, factors)
    return best


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
    match = semantics.find(stated_pattern(label), text)
    return Quantity(Decimal(match[1]), units.unit(match[2])) if match else None


def stated_pattern(label: str) -> str:
    """What `stated` searches for: the label, then an amount of money."""
    return f"(?:{label}){_STATED}"


# A goal's clause: a metric, perhaps others joined by 、, and the figure they reach.
_GOAL_FIGURE = regexes.compile(r"^[^，,。；;\n]*?(\d+(?:\.\d+)?)\s*(%|％|百分比)")


def goal_figure(goals: str | None, name: str | None) -> Quantity | None:
    """The percentage the 绩效目标 text states for the metric `name` (`资金拨付率达到100%`), or for a
    saving the metric measures (`节电量` by `确保水、电用量至少比上年节省10%`)."""
    if not goals or not name or len(name) < 2:
        return None
    at = goals.find(name)
    if at < 0:
        return _saving_figure(goals, name)
    match = _GOAL_FIGURE.match(goals[at + len(name) :])
    return percent(Decimal(match[1])) if match else None


# A metric of saving one thing (`节电量`, `年度节水量`, `节约用油率`), and a goal's clause that saves
# it by a percentage: the thing used (`水、电用量`, `用电`, `电耗`), then the saving and its figure.
_SAVED = regexes.compile(r"^(?:年度)?节(?:约|省)?用?(?P<thing>[水电气油煤纸])(?:量|率)$")
_SAVING = regexes.compile(r"[^，,。；;\n]*?(?:节省|节约|降低|减少|下降)\s*(\d+(?:\.\d+)?)\s*(?:%|％|百分比)")


def saving_metric(name: str | None) -> bool:
    """Whether a metric measures the saving of one thing (`节电量`, `年度节水量`, `节约用油率`)."""
    return bool(name and _SAVED.match(name))


def _saving_figure(goals: str, name: str) -> Quantity | None:
    saved = _SAVED.match(name)
    if saved is None:
        return None
    used = regex.compile(rf"{saved['thing']}(?:、\p{{Han}})*(?:用量|使用量|消耗|耗)|用{saved['thing']}")
    found = [m for m in _SAVING.finditer(goals) if used.search(m[0])]
    return percent(Decimal(found[0][1])) if len(found) == 1 else None


def _search(text: str | None, pattern: str | None) -> regex.Match | None:
    """A rule's pattern in a text, for at most a second; one that does not compile matches nothing."""
    return semantics.find(pattern, text) if text and pattern else None


def number_in(text: str | None, pattern: str | None) -> Decimal | None:
    """The number a pattern captures in a text (group `y`, else the first group)."""
    match = _search(text, pattern)
    if match is None:
        return None
    captured = match.groupdict().get("y") or (match.group(1) if match.groups() else match[0])
    try:
        return Decimal(captured)
    except (ArithmeticError, ValueError, TypeError):
        return None


def text_in(text: str | None, pattern: str | None) -> str | None:
    """The text a pattern matches (group `q` where it names one), or None: what a finding quotes,
    on one line (a line the export wrapped is joined back)."""
    match = _search(text, pattern)
    return _WRAP.sub("", match.groupdict().get("q") or match[0]) if match else None


_WRAP = regexes.compile(r"[ \t]*\n\s*")


def renamed(text: str | None, pairs: list | None, env: Env) -> list[str]:
    """The old names of a 科目 (`old → new` in `pairs`) the text uses while the document's tables
    print the new name and not the old, each as its `old → new` pair."""
    if not text or not pairs:
        return []
    document = env.document
    labels = indexes.indexed(
        document, "row labels", lambda: tuple(r.label for t in document.tables for r in t.rows)
    )
    found = []
    for old, new in _pairs(tuple(map(str, pairs))):
        if not (old and new and old in text):
            continue  # most paragraphs name no old 科目: the row labels are read only when one does
        if any(new in label for label in labels) and not any(old in label for label in labels):
            found.append(f"{old} → {new}")
    return found


@functools.lru_cache(maxsize=64)
def _pairs(pairs: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    # A rule's `old → new` pairs split once, not for every paragraph it reads (BP516).
    return tuple((old.strip(), new.strip()) for old, _, new in (pair.partition("→") for pair in pairs))


def split(text: str | None, separator: str | None, index: Decimal | int | None) -> str | None:
    """The index-th piece of `text` split at `separator`, stripped (`名称 → 正则`)."""
    pieces = (text or "").split(separator or "→")
    index = int(index or 0)
    return pieces[index].strip() if 0 <= index < len(pieces) else None


def share_of(stated: Figure | None, env: Env) -> Quantity | None:
    """The share a `占…%` figure should be: the part just before it over the total that part belongs to."""
    if stated is None:
        return None
    before = [
        (part, breakdown.total)
        for breakdown in env.document.breakdowns
        for part in breakdown.parts
        if part.line == stated.line and part.offset < stated.offset and part.unit != "%"
    ]
    if not before:
        return None
    part, total = max(before, key=lambda pair: pair[0].offset)
    if not total.amount:
        return None
    return percent(part.amount / total.amount * 100)


def alike(pattern: str | None, env: Env) -> Decimal:
    """How many paragraphs quote a text of the same shape as this one's first match of `pattern`
    (runs of X, ×, * as one placeholder, spaces left out: `XXX 万元` and `XX万元` alike)."""
    return Decimal(_alike(pattern, env)[1])


def earlier_alike(pattern: str | None, env: Env) -> Decimal:
    """How many paragraphs before this one quote a text of the same shape: 0 for the first of its
    kind (a blank template's sixty `XXX 万元` are one placeholder, said once)."""
    return Decimal(_alike(pattern, env)[0])


def _alike(pattern: str | None, env: Env) -> tuple[int, int]:
    index = indexes.indexed(
        env.document, ("alike", pattern), lambda: _shapes(env.document.paragraphs, pattern)
    )
    return index.get(id(env.item), (0, 0))


def _shapes(paragraphs, pattern: str | None) -> dict[int, tuple[int, int]]:
    """Each paragraph with a match: (how many before it have its shape, how many in all)."""
    quoted = ((p, text_in(p.text, pattern)) for p in paragraphs)
    shapes = {id(p): _SHAPE.sub("XX", _WHITE.sub("", q)) for p, q in quoted if q}
    totals: dict[str, int] = {}
    for shape in shapes.values():
        totals[shape] = totals.get(shape, 0) + 1
    seen: dict[str, int] = {}
    index = {}
    for key, shape in shapes.items():
        index[key] = (seen.get(shape, 0), totals[shape])
        seen[shape] = seen.get(shape, 0) + 1
    return index


_SHAPE = regexes.compile(r"[XxＸ×*＊]+")
_WHITE = regexes.compile(r"\s+")


def rounded(value: Any, like: Decimal | None) -> Any:
    """A computed amount or quantity shown with the digits of the printed figure `like`
    (`71.65388343735650754238873489%` beside a printed `71.7%` is `71.7%`)."""
    if value is None or like is None:
        return value
    exponent = Decimal(1).scaleb(last_digit(like))
    if isinstance(value, Quantity):
        return replace(value, amount=value.amount.quantize(exponent, ROUND_HALF_UP))
    return Decimal(value).quantize(exponent, ROUND_HALF_UP)


def place(line: Decimal | int | None) -> str:
    """Where line `line` is, said in a message the way its reader finds it (`第12页 表3 收支总表
    “合计”行`): a message never names bplint's own line numbers, which move when a line is added."""
    return location.mark(int(line)) if line is not None else ""


@dataclass(frozen=True)
class Domain:
    call: Callable[..., Any]
    kind: str  # what it returns, in the vocabulary's types
    arity: tuple[int, int]  # fewest and most arguments
    env: bool = False  # it reads the document: called with the Env after its arguments
    # The argument that is a pattern, and what is searched for with it: checked when the rule loads.
    pattern: tuple[int, Callable[[str], str]] | None = None


def _same(text: str) -> str:
    return text


DOMAIN = {
    "bound": Domain(bound, QUANTITY, (1, 1)),
    "contradicts": Domain(contradicts, BOOL, (2, 2)),
    "implied_cost": Domain(implied_cost, QUANTITY, (1, 1), env=True),
    "implied_product": Domain(implied_product, TEXT, (1, 1)),
    "stated": Domain(stated, QUANTITY, (2, 2), pattern=(1, stated_pattern)),
    "goal_figure": Domain(goal_figure, QUANTITY, (2, 2)),
    "saving_metric": Domain(saving_metric, BOOL, (1, 1)),
    "number_in": Domain(number_in, NUMBER, (2, 2), pattern=(1, _same)),
    "text_in": Domain(text_in, TEXT, (2, 2), pattern=(1, _same)),
    "split": Domain(split, TEXT, (3, 3)),
    "renamed": Domain(renamed, list_of(TEXT), (2, 2), env=True),
    "share_of": Domain(share_of, QUANTITY, (1, 1), env=True),
    "alike": Domain(alike, NUMBER, (1, 1), env=True),
    "earlier_alike": Domain(earlier_alike, NUMBER, (1, 1), env=True),
    "rounded": Domain(rounded, ANY, (2, 2)),
    "place": Domain(place, TEXT, (1, 1)),
}

"""Identities on what the narrative claims: a breakdown's parts against its total, a figure against
the table figure its label names, last year's amount a change implies against the table's.  (A
figure stated for a 科目, and one the text states twice, are their rules' named checkers':
bplint.engine.checkers.subjectrow and .restated, which use the helpers here.)

Each gives Balances like the table identities (bplint.engine.identity), with the rounding of the
printed figures, so the outcomes of a sum (rounding, a factor of 10⁴) read them alike.  A label
naming another year than the budget's (`2023年预算收入`) is last year's figure: neither the tables
nor this year's text hold it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

from bplint import regexes
from bplint.engine import indexes, semantics
from bplint.engine import tablefigures as tf
from bplint.engine.identity import Amount, Balance, Identity, figure, unit_factor
from bplint.engine.semantics import search
from bplint.engine.sheetclaims import in_sheet
from bplint.extract import scope
from bplint.extract.changes import EARLIER, priors
from bplint.model.breakdowns import Breakdown
from bplint.model.comparisons import Prior
from bplint.model.document import Document
from bplint.model.sentences import Figure
from bplint.model.tallies import SheetFund
from bplint.values import format_decimal, last_digit

_YEAR = regexes.compile(r"(20\d{2})\s*年")


def balances(
    identity: Identity, item: Breakdown | Figure | Prior | SheetFund, document: Document, params: dict
):
    """The sums a narrative item's identity forms; a figure's is against the table figure its label
    names (a rule whose figures are checked otherwise names its checker: bplint.engine.checkers)."""
    if isinstance(item, Breakdown):
        return in_breakdown(identity, item)
    if isinstance(item, SheetFund):
        return in_sheet(identity, item, document, params)
    if isinstance(item, Prior):
        return in_prior(identity, item, document, params)
    return in_figure(identity, item, document, params)


def in_breakdown(identity: Identity, breakdown: Breakdown) -> Iterator[list[Balance]]:
    """`总数 = 各部分之和` on a breakdown the text states; parts said to be unchanged count 0."""
    unit = breakdown.total.unit
    total = amount_of(breakdown.total, unit)
    parts = tuple(amount_of(part, unit) for part in breakdown.parts)
    parts += tuple(Amount(text, Decimal(0), Decimal(0), breakdown.line) for text in breakdown.steady)
    yield [Balance(identity.text, total, parts, unit, breakdown.total.label)]


def amount_of(stated: Figure, unit: str, label: str | None = None) -> Amount:
    factor = unit_factor(stated.unit, unit) if stated.unit != "%" else Decimal(1)
    printed = f"{format_decimal(stated.amount)}{stated.unit}" if factor != 1 else ""
    return Amount(label or stated.label, stated.signed * factor, tf.half_unit(stated.amount) * factor,
                  stated.line, stated.column, printed=printed)  # fmt: skip


def of_other_year(stated: Figure, document: Document) -> bool:
    year = _YEAR.search(stated.label)
    return bool(year and document.meta.year and int(year[1]) != document.meta.year)


PATTERN_PARAMS = ("figures", "names")  # a rule's `pattern → target` parameters


def pattern_problem(params: dict) -> str | None:
    """What is wrong with the patterns of a rule's `figures` and `names`, when it loads."""
    for key in PATTERN_PARAMS:
        for pattern, _ in arrows(params.get(key)):
            wrong = semantics.problem(pattern)
            if wrong:
                return f"params.{key} 中{wrong}"
    return None


def arrows(entries) -> Iterator[tuple[str, str]]:
    """A rule's `pattern → target` parameter entries, split."""
    for entry in entries or ():
        pattern, _, target = (part.strip() for part in str(entry).partition("→"))
        yield pattern, target


def in_figure(identity: Identity, stated: Figure, document: Document, params: dict) -> Iterator[list]:
    """`本数 = 对应表格数`: a figure of the text against the table figure its label names,
    by the rule's `figures` mapping (`基本支出$ → 《支出总表》合计[基本支出]`).  A name listed again
    names another table that may hold it (基本支出 of all funds in the 支出总表, of the 一般公共预算 in
    the 基本支出表: the text may speak of either): the figure is right where any of them holds it,
    else it is checked against the first found."""
    if of_other_year(stated, document):
        return
    # the tables of the figure's funds and units: `人员支出` under `（三）支出预算情况说明` is all funds'
    among = indexes.indexed(document, ("scopes",), lambda: scope.read(document)).tables_for(stated)
    found: list[Balance] = []
    bounds: list[Balance] = []
    for reference in _references(stated.label, params.get("figures")):
        bound = reference.startswith(_AT_MOST)
        held = figure(reference.removeprefix(_AT_MOST).strip(), document, stated.unit, among=among)
        if held is None:
            continue
        if held.blank:  # a blank total is the table's own error (BP401)
            return
        if restates(stated, held):
            return  # `9,101.68万元` for a table's 91,016,775.35元: the same figure, rounded
        balance = Balance(identity.text, amount_of(stated, stated.unit), (held,), stated.unit, held.label)
        (bounds if bound else found).append(balance)
    if found:
        yield [next((b for b in found if abs(b.difference) <= b.tolerance), found[0])]
    elif bounds and all(b.difference > b.tolerance for b in bounds):
        yield [bounds[0]]


# `机关运行经费 → ≤《基本支出表》合计[公用经费]`: a figure a table's figure bounds from above (the 公用经费 of
# all units hold the 机关运行经费 of the administrative ones), checked only where no table holds it.
_AT_MOST = "≤"


def _references(label: str, entries) -> tuple[str, ...]:
    """The table figures a label names: the entries of the first pattern it matches."""
    return _named(label, split(entries))


def split(entries) -> tuple[tuple[str, str], ...]:
    """`arrows` of a parameter, split once per rule (a list of texts) rather than per figure."""
    if not isinstance(entries, list | tuple) or not all(isinstance(e, str) for e in entries):
        return tuple(arrows(entries))
    return _arrows(tuple(entries))


@functools.lru_cache(maxsize=64)
def _arrows(entries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    # A rule's `figures` (BP502's fifty entries) split once, not for every figure it looks at.
    return tuple(arrows(entries))


@functools.lru_cache(maxsize=4096)
def _named(label: str, entries: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    # The same labels (预算收入, 三公经费 …) recur in document after document: each is matched
    # against the fifty patterns once.
    matched, references = None, []
    for pattern, reference in entries:
        if matched not in (None, pattern):
            break
        if pattern and search(pattern, label):
            matched = pattern
            references.append(reference)
    return tuple(references)


def in_prior(identity: Identity, prior: Prior, document: Document, params: dict) -> Iterator[list]:
    """`上年数 = 对应表格上年数`: last year's amount a change implies (`公务接待费1.00万元，较上年减少
    1.00万元`: 2.00) against the table's figure for last year, by the rule's `figures` mapping of
    the level's label; read only where the table prints last year (a 上年 column, a row per year)."""
    level = prior.level
    if of_other_year(level, document) or EARLIER.search(level.label):
        return
    for pattern, reference in arrows(params.get("figures")):
        if pattern and search(pattern, level.label):
            held = figure(reference, document, level.unit, prior=True)
            if held is None or held.blank:
                continue
            stated = Amount(f"{level.label}的上年数", prior.amount, prior.slack, prior.line, prior.column)
            yield [Balance(identity.text, stated, (held,), level.unit, held.label)]
            return


def restates(stated: Figure, held: Amount) -> bool:
    """A table figure in another unit, rounded to the digits the text prints, is the text's figure."""
    if held.half_unit == 0 or tf.half_unit(stated.amount) <= held.half_unit:
        return False
    exponent = last_digit(stated.amount)
    return held.value.quantize(Decimal(1).scaleb(exponent)) == stated.amount


def unplaced(document: Document, rules: dict) -> list[Figure]:
    """The money figures of the text no identity reads: not in a breakdown, not a change with its
    amount, not stated for a 科目, and named by no rule's `figures` or `names` pattern.  What
    `bplint dump` lists, so a reader sees what bplint did not understand; not findings."""
    patterns = [
        pattern
        for rule in rules.values()
        if rule.check is not None and rule.check.identities and rule.check.select == "figures"
        for key in ("figures", "names")
        for pattern, _ in arrows(rule.check.params.get(key))
        if pattern
    ]
    read = {(f.line, f.column) for b in document.breakdowns for f in (b.total, *b.parts)}
    read |= {(f.line, f.column) for s in document.narrative for p in priors(s) for f in (p.level, p.change)}
    return [
        f
        for s in document.narrative
        for f in s.figures
        if f.unit != "%"
        and not f.share
        and not f.subject
        and (f.line, f.column) not in read
        and not any(search(pattern, f.label) for pattern in patterns)
    ]

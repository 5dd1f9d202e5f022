"""Identities on what the narrative claims: a breakdown's parts against its total, a figure against
the table figure its label names, a figure stated for a 科目 against that 科目's row, and a figure
the text states twice against its first statement.

Each gives Balances like the table identities (bplint.engine.identity), with the rounding of the
printed figures, so BP407 and BP408 read them alike.  A label naming another year than the
budget's (`2023年预算收入`) is last year's figure: neither the tables nor this year's text hold it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import regex

from bplint import location
from bplint.engine import semantics
from bplint.engine import tablefigures as tf
from bplint.engine.identity import Amount, Balance, Identity, cell_amount, figure, unit_factor
from bplint.engine.semantics import search
from bplint.engine.sheetclaims import in_sheet
from bplint.extract import scope
from bplint.extract.changes import EARLIER, priors
from bplint.extract.restatements import restated_heads
from bplint.extract.text import ENUMERATOR, TOP_ITEM
from bplint.model.breakdowns import Breakdown
from bplint.model.comparisons import Prior
from bplint.model.document import Document
from bplint.model.sentences import Figure
from bplint.model.tallies import SheetFund
from bplint.values import format_decimal, last_digit

SUBJECT_ROW = "科目所在行"
RESTATED = "文中前述同一数"
_YEAR = regex.compile(r"(20\d{2})\s*年")


def balances(
    identity: Identity, item: Breakdown | Figure | Prior | SheetFund, document: Document, params: dict
):
    if isinstance(item, Breakdown):
        return in_breakdown(identity, item)
    if isinstance(item, SheetFund):
        return in_sheet(identity, item, document, params)
    if isinstance(item, Prior):
        return in_prior(identity, item, document, params)
    keyword = identity.terms[0].label if identity.terms else None
    check = _BY_KEYWORD.get(keyword, in_figure) if keyword is not None else in_figure
    return check(identity, item, document, params)


def in_breakdown(identity: Identity, breakdown: Breakdown) -> Iterator[list[Balance]]:
    """`总数 = 各部分之和` on a breakdown the text states; parts said to be unchanged count 0."""
    unit = breakdown.total.unit
    total = _stated(breakdown.total, unit)
    parts = tuple(_stated(part, unit) for part in breakdown.parts)
    parts += tuple(Amount(text, Decimal(0), Decimal(0), breakdown.line) for text in breakdown.steady)
    yield [Balance(identity.text, total, parts, unit, breakdown.total.label)]


def _stated(stated: Figure, unit: str, label: str | None = None) -> Amount:
    factor = unit_factor(stated.unit, unit) if stated.unit != "%" else Decimal(1)
    printed = f"{format_decimal(stated.amount)}{stated.unit}" if factor != 1 else ""
    return Amount(label or stated.label, stated.signed * factor, tf.half_unit(stated.amount) * factor,
                  stated.line, stated.column, printed=printed)  # fmt: skip


def _other_year(stated: Figure, document: Document) -> bool:
    year = _YEAR.search(stated.label)
    return bool(year and document.meta.year and int(year[1]) != document.meta.year)


PATTERN_PARAMS = ("figures", "names")  # a rule's `pattern → target` parameters


def pattern_problem(params: dict) -> str | None:
    """What is wrong with the patterns of a rule's `figures` and `names`, when it loads."""
    for key in PATTERN_PARAMS:
        for pattern, _ in _arrows(params.get(key)):
            wrong = semantics.problem(pattern)
            if wrong:
                return f"params.{key} 中{wrong}"
    return None


def _arrows(entries) -> Iterator[tuple[str, str]]:
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
    if _other_year(stated, document):
        return
    # the tables of the figure's funds and units: `人员支出` under `（三）支出预算情况说明` is all funds'
    among = document.indexed(("scopes",), lambda: scope.read(document)).tables_for(stated)
    found: list[Balance] = []
    bounds: list[Balance] = []
    for reference in _references(stated.label, params.get("figures")):
        bound = reference.startswith(_AT_MOST)
        held = figure(reference.removeprefix(_AT_MOST).strip(), document, stated.unit, among=among)
        if held is None:
            continue
        if held.blank:  # a blank total is the table's own error (BP401)
            return
        if _restates(stated, held):
            return  # `9,101.68万元` for a table's 91,016,775.35元: the same figure, rounded
        balance = Balance(identity.text, _stated(stated, stated.unit), (held,), stated.unit, held.label)
        (bounds if bound else found).append(balance)
    if found:
        yield [next((b for b in found if abs(b.difference) <= b.tolerance), found[0])]
    elif bounds and all(b.difference > b.tolerance for b in bounds):
        yield [bounds[0]]


# `机关运行经费 → ≤《基本支出表》合计[公用经费]`: a figure a table's figure bounds from above (the 公用经费 of
# all units hold the 机关运行经费 of the administrative ones), checked only where no table holds it.
_AT_MOST = "≤"


def _references(label: str, entries) -> list[str]:
    """The table figures a label names: the entries of the first pattern it matches."""
    matched, references = None, []
    for pattern, reference in _arrows(entries):
        if matched not in (None, pattern):
            break
        if pattern and search(pattern, label):
            matched = pattern
            references.append(reference)
    return references


def in_prior(identity: Identity, prior: Prior, document: Document, params: dict) -> Iterator[list]:
    """`上年数 = 对应表格上年数`: last year's amount a change implies (`公务接待费1.00万元，较上年减少
    1.00万元`: 2.00) against the table's figure for last year, by the rule's `figures` mapping of
    the level's label; read only where the table prints last year (a 上年 column, a row per year)."""
    level = prior.level
    if _other_year(level, document) or EARLIER.search(level.label):
        return
    for pattern, reference in _arrows(params.get("figures")):
        if pattern and search(pattern, level.label):
            held = figure(reference, document, level.unit, prior=True)
            if held is None or held.blank:
                continue
            stated = Amount(f"{level.label}的上年数", prior.amount, prior.slack, prior.line, prior.column)
            yield [Balance(identity.text, stated, (held,), level.unit, held.label)]
            return


def _restates(stated: Figure, held: Amount) -> bool:
    """A table figure in another unit, rounded to the digits the text prints, is the text's figure."""
    if held.half_unit == 0 or tf.half_unit(stated.amount) <= held.half_unit:
        return False
    exponent = last_digit(stated.amount)
    return held.value.quantize(Decimal(1).scaleb(exponent)) == stated.amount


def in_subject(identity: Identity, stated: Figure, document: Document, params: dict) -> Iterator[list]:
    """`本数 = 科目所在行`: a figure stated for a 科目 by level (`…司法（款）行政运行（项）8,553.80 万元`)
    against that 科目's row in the tables the rule's `tables` names.  The text may speak of one
    fund or of all, of the whole row or of its 基本支出 or 项目支出 (`项目支出270万元，其中：教育支出270
    万元`): a figure any of these rows prints in any column is right; else it is checked against
    the first row found, in its table's first column of figures."""
    found = []
    for kind in params.get("tables") or ():
        for table in document.checked_tables:
            if table.kind != kind or (where := tf.find_subject(table, stated.subject)) is None:
                continue
            row, side = where
            place = f"《{table.title}》“{tf.row_label(row, side)}”"
            for index in side.values:
                held = cell_amount(table, row, index, place, stated.unit)
                if held is None or held.blank:
                    if index == side.values[0]:
                        break  # a blank total is the table's own error (BP401)
                    continue
                if _restates(stated, held):  # `1202.95万元` for 12,029,501.84元: the row, rounded
                    held = replace(held, value=stated.amount)
                found.append(Balance(identity.text, _stated(stated, stated.unit), (held,), stated.unit, place,
                                     table.title))  # fmt: skip
    if found:
        yield [next((b for b in found if abs(b.difference) <= b.tolerance), found[0])]


def in_restated(identity: Identity, stated: Figure, document: Document, params: dict) -> Iterator[list]:
    """`本数 = 文中前述同一数`: a figure the text states again (`预算收支安排1465.35万元` after
    `预算收入1465.35万元`; `公车运维费3.5万元` after `公务用车运维费3.5万元`) against its first statement;
    the rule's `names` (`pattern → name`) say which labels name one quantity.  A change is one
    quantity with another change of that name against the same year and kind of figure (`较上年
    增加145.22万元` twice; not `比上年预算` beside `比上年执行数`).  Labels of another year or of last
    year's figures (上年, 执行数) are left out."""
    names = tuple(_arrows(params.get("names")))
    keys, first, words = document.indexed(("restated", names), lambda: _statements(document, names))
    key = keys.get((stated.line, stated.column))
    found = first.get(key) if key is not None else None
    if found is None or found is stated:
        return
    of = location.both("的增减额", " (its change)") if stated.change else ""
    where = f"{location.mark(found.line)}{location.both('的', ' ')}“{found.label}”{of}"
    label = words.get((stated.line, stated.column), stated.label)  # `2026年预算安排` as printed
    yield [Balance(identity.text, _stated(stated, stated.unit, f"{label}{of}"),
                   (_stated(found, stated.unit, where),), stated.unit, where)]  # fmt: skip


def _statements(document: Document, names: tuple[tuple[str, str], ...]):
    """Each figure's name (by where it is printed) and the first figure of the text under each
    name: one pass, so the rule stays linear."""
    keys: dict[tuple[int, int], str] = {}
    first: dict[str, Figure] = {}
    for sentence in document.narrative:
        found = {(p.change.line, p.change.column): p for p in priors(sentence)}
        for stated in sentence.figures:
            if not stated.change:
                key = _restated_key(stated, document, names)
            elif (prior := found.get((stated.line, stated.column))) is not None:
                # A change is named by the level it is a change of (`…预算收入3,703.39 万元，较…增加`).
                key = _restated_key(prior.level, document, names)
                basis = _basis(prior, document)
                key = f"{key}：较{basis}" if key and basis else None
            else:
                key = None
            if key is not None:
                keys[(stated.line, stated.column)] = key
                first.setdefault(key, stated)
    for where, part in _items_restating_parts(document).items():
        if where not in keys:
            keys[where] = f"分项：{part.line}：{part.column}"
            first.setdefault(keys[where], part)
    # `住房公积金（01项）45.00万元。…2026年预算安排45.00万元`: an item's head figure stated again.
    words = {}
    for where, (head, restated) in restated_heads(list(document.passages), document.meta.year).items():
        if where not in keys:
            keys[where] = f"条目：{head.line}：{head.column}"
            first.setdefault(keys[where], head)
            words[where] = restated
    return keys, first, words


_ITEM_START = regex.compile(f"^\\s*{ENUMERATOR}")
_SECTION = regex.compile(f"^\\s*{TOP_ITEM}")


def _section_between(sections: list[int], start: int, end: int) -> bool:
    """Whether a section's heading (`七、…`) is printed after line `start` and up to line `end`."""
    return bisect_left(sections, start + 1) < bisect_right(sections, end)


def _items_restating_parts(document: Document) -> dict[tuple[int, int], Figure]:
    """Numbered items that take up a breakdown's parts one by one (`…包括在职人员经费 1,190.00 万元、
    公用经费 323.92 万元…。` then `（一）在职人员经费 1,190.00 万元，主要是…` `（二）公用经费…`, 深圳):
    each item's first figure, where its label is a part's name, against that part."""
    sentences = document.narrative
    at = {(f.line, f.column): n for n, s in enumerate(sentences) for f in s.figures}
    sections = [p.line for p in document.paragraphs if _SECTION.match(p.text)]
    found = {}
    for breakdown in document.breakdowns:
        if breakdown.kind != "level" or not breakdown.complete:
            continue
        parts = {tf.normalize(part.label): part for part in breakdown.parts if part.label}
        last = at.get((breakdown.parts[-1].line, breakdown.parts[-1].column))
        if last is None or len(parts) < 2:
            continue
        for sentence in sentences[last + 1 : last + 1 + 2 * len(parts)]:
            if _section_between(sections, breakdown.parts[-1].line, sentence.line):
                break  # `七、一般公共预算支出…`: another section, maybe another scope (苏州)
            levels = [f for f in sentence.figures if not f.change and f.unit != "%" and not f.share]
            if not levels or not _ITEM_START.match(sentence.text):
                continue
            part = parts.get(tf.normalize(levels[0].label))
            if part is not None and part is not levels[0] and part.unit == levels[0].unit:
                found[(levels[0].line, levels[0].column)] = part
    return found


def _restated_key(stated: Figure, document: Document, names: tuple[tuple[str, str], ...]) -> str | None:
    if stated.unit == "%" or stated.share or EARLIER.search(stated.label):
        return None
    if _other_year(stated, document):
        return None
    return next((name for pattern, name in names if search(pattern, stated.label)), None)


def _basis(prior: Prior, document: Document) -> str | None:
    """`上年预算` for `…2,838.42万元，比2025年预算增加…` in a 2026 budget; None where the words before the
    change name no year."""
    if prior.basis is None:
        return None
    year, kind = prior.basis
    if year and document.meta.year and year == document.meta.year - 1:
        year = None
    return f"{year or '上'}年{kind}"


_BY_KEYWORD = {SUBJECT_ROW: in_subject, RESTATED: in_restated}


def unplaced(document: Document, rules: dict) -> list[Figure]:
    """The money figures of the text no identity reads: not in a breakdown, not a change with its
    amount, not stated for a 科目, and named by no rule's `figures` or `names` pattern.  What
    `bplint dump` lists, so a reader sees what bplint did not understand; not findings."""
    patterns = [
        pattern
        for rule in rules.values()
        if rule.check is not None and rule.check.identities and rule.check.select == "figures"
        for key in ("figures", "names")
        for pattern, _ in _arrows(rule.check.params.get(key))
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

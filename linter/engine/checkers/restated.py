"""`narrative.restated` (BP512): a figure the text states again against its first statement.

Which labels name one quantity is the rule's `names` parameter (`pattern → name`); what is stated
again is found in one pass over the text (`_statements`), so the rule stays linear in the figures.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from decimal import Decimal

from bplint import location, regexes
from bplint.engine import indexes
from bplint.engine import tablefigures as tf
from bplint.engine.checkers.checker import Checker
from bplint.engine.claims import amount_of, of_other_year, split
from bplint.engine.identity import Balance, Identity, unit_factor
from bplint.engine.semantics import search
from bplint.extract.changes import EARLIER, priors
from bplint.extract.restatements import restated_heads
from bplint.extract.text import ENUMERATOR, TOP_ITEM
from bplint.model.comparisons import Prior
from bplint.model.document import Document, Table
from bplint.model.sentences import Figure


def in_restated(identity: Identity, stated: Figure, document: Document, params: dict) -> Iterator[list]:
    """`本数 = 文中前述同一数`: a figure the text states again (`预算收支安排1465.35万元` after
    `预算收入1465.35万元`; `公车运维费3.5万元` after `公务用车运维费3.5万元`) against its first statement;
    the rule's `names` (`pattern → name`) say which labels name one quantity.  A change is one
    quantity with another change of that name against the same year and kind of figure (`较上年
    增加145.22万元` twice; not `比上年预算` beside `比上年执行数`).  Labels of another year or of last
    year's figures (上年, 执行数) are left out."""
    names = split(params.get("names"))  # split once per rule, not per figure
    apart = params.get("apart")
    build = lambda: _statements(document, names, _apart(document, names, apart))  # noqa: E731
    keys, first, words = indexes.indexed(document, ("restated", names, repr(apart)), build)
    key = keys.get((stated.line, stated.column))
    found = first.get(key) if key is not None else None
    if found is None or found is stated:
        return
    of = location.both("的增减额", " (its change)") if stated.change else ""
    where = f"{location.mark(found.line)}{location.both('的', ' ')}“{found.label}”{of}"
    label = words.get((stated.line, stated.column), stated.label)  # `2026年预算安排` as printed
    yield [Balance(identity.text, amount_of(stated, stated.unit, f"{label}{of}"),
                   (amount_of(found, stated.unit, where),), stated.unit, where)]  # fmt: skip


def _apart(document: Document, names: tuple[tuple[str, str], ...], apart: object) -> str | None:
    """The name whose 收入 and 支出 this document tells apart (the rule's `apart`: `收支总数`) where
    its `table` prints a pair of `unless_equal` unequal and the text states the pair's first figure
    under that name, on its side: 本年支出合计 below its 支出总计 (结转下年), stated as the 预算支出
    beside a 预算收入 of 收入总计 (西安), is no figure stated twice.  A text stating the totals alone
    keeps them one (杭州司法)."""
    if not isinstance(apart, dict):
        return None
    name = str(apart.get("name"))
    for table in (t for t in document.tables if t.kind == apart.get("table")):
        for pair in apart.get("unless_equal") or ():
            left, _, right = str(pair).partition(" = ")
            sub, total = _beside(table, left), _beside(table, right)
            if sub is None or total is None or abs(sub - total) <= tf.half_unit(sub) + tf.half_unit(total):
                continue
            if any(_states(f, sub, table.unit) for f in _said(document, names, name, _spends(left))):
                return name
    return None


def _spends(label: str) -> bool:
    return "支出" in label and "收支" not in label


def _said(document: Document, names, name: str, spends: bool) -> Iterator[Figure]:
    """The text's figures of `name` on one side (支出, or 收入 and 收支)."""
    for sentence in document.narrative:
        for stated in sentence.figures:
            same_side = not stated.change and _spends(stated.label) == spends
            if same_side and _restated_key(stated, document, names, None) == name:
                yield stated


def _states(stated: Figure, printed: Decimal, unit: str | None) -> bool:
    """Whether the text's figure is the table's, within the rounding of both."""
    factor = unit_factor(unit, stated.unit)
    near = tf.half_unit(stated.amount) + tf.half_unit(printed) * factor
    return abs(stated.amount - printed * factor) <= near


def _beside(table: Table, label: str) -> Decimal | None:
    """The figure printed right of the first cell that reads `label`, before the next label (a
    blank is None, not the other side's figure): by the cells themselves, so a table whose label
    columns have no header (西安's `列4`) still answers."""
    wanted = tf.normalize(label)
    for row in table.rows:
        for n, cell in enumerate(row.cells):
            if cell.amount is None and tf.normalize(cell.text) == wanted:
                for after in row.cells[n + 1 :]:
                    if after.amount is not None or after.text.strip():
                        return after.amount  # a figure, or None at the next label
                return None
    return None


def _statements(document: Document, names: tuple[tuple[str, str], ...], apart: str | None):
    """Each figure's name (by where it is printed) and the first figure of the text under each
    name: one pass, so the rule stays linear."""
    keys: dict[tuple[int, int], str] = {}
    first: dict[str, Figure] = {}
    for sentence in document.narrative:
        found = {(p.change.line, p.change.column): p for p in priors(sentence)}
        for stated in sentence.figures:
            if not stated.change:
                key = _restated_key(stated, document, names, apart)
            elif (prior := found.get((stated.line, stated.column))) is not None:
                # A change is named by the level it is a change of (`…预算收入3,703.39 万元，较…增加`).
                key = _restated_key(prior.level, document, names, apart)
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


_ITEM_START = regexes.compile(f"^\\s*{ENUMERATOR}")
_SECTION = regexes.compile(f"^\\s*{TOP_ITEM}")


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


def _restated_key(
    stated: Figure, document: Document, names: tuple[tuple[str, str], ...], apart: str | None
) -> str | None:
    if stated.unit == "%" or stated.share or EARLIER.search(stated.label):
        return None
    if of_other_year(stated, document):
        return None
    name = next((name for pattern, name in names if search(pattern, stated.label)), None)
    if name is not None and name == apart:  # 收入 and 支出 each a name of its own (收支 is the 收入总计)
        return f"{name}：{'支出' if _spends(stated.label) else '收入'}"
    return name


def _basis(prior: Prior, document: Document) -> str | None:
    """`上年预算` for `…2,838.42万元，比2025年预算增加…` in a 2026 budget; None where the words before the
    change name no year."""
    if prior.basis is None:
        return None
    year, kind = prior.basis
    if year and document.meta.year and year == document.meta.year - 1:
        year = None
    return f"{year or '上'}年{kind}"


CHECKER = Checker("narrative.restated", "figure", balances=in_restated)

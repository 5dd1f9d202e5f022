"""Arithmetic identities (grammars/identity.lark) checked on printed figures, with rounding.

An identity is checked wherever it applies: per column for a row identity, per row
for a column identity, once for a cross-table identity.  Where a term names a row,
column or table the document does not have, the identity does not apply there.
Each check is a Balance: the printed total, its terms, and the tolerance that the
rounding of the printed figures allows (half a unit of each one's last digit).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from importlib import resources
from typing import NamedTuple

import lark

from bplint import cache, parsers, units
from bplint.engine import indexes
from bplint.engine import tablefigures as tf
from bplint.model.document import Document, Table, TableRow

# Which tables may hold a figure (bplint.extract.scope: those of the text's scope); None for any.
Among = Callable[[Table], bool] | None


class IdentityError(Exception):
    """An identity that cannot be parsed; the message says where (in Chinese)."""


@dataclass(frozen=True)
class Term:
    table: str | None  # 《收支总表》 without the marks
    label: str | None
    column: str | None
    optional: bool = False  # `[经营支出]?`: left out where the table has none


@dataclass(frozen=True)
class Identity:
    text: str
    total: Term
    terms: tuple[Term, ...]
    at_least: bool = False  # `总数 ≥ 各部分之和`: only a sum above the total is wrong


@dataclass(frozen=True)
class Amount:
    """A printed figure in the balance's unit, with the rounding its printing allows."""

    label: str
    value: Decimal
    half_unit: Decimal
    line: int
    column: int = 1
    blank: bool = False  # a cell printed empty (counts 0)
    # The figure as printed where its unit is not the balance's (`1,208,867.20元` in a 万元 balance),
    # so a finding quotes what the reader sees on the page.
    printed: str = ""


@dataclass(frozen=True)
class Balance:
    identity: str
    total: Amount
    terms: tuple[Amount, ...]
    unit: str | None
    where: str  # the column (or row) the identity was checked on
    table: str | None = None

    @property
    def expected(self) -> Decimal:
        return sum((t.value for t in self.terms), Decimal(0))

    @property
    def difference(self) -> Decimal:
        return self.total.value - self.expected

    @property
    def tolerance(self) -> Decimal:
        return self.total.half_unit + sum((t.half_unit for t in self.terms), Decimal(0))


# The sums the evaluator forms itself; any other label ending in 之和 is a misspelling.
SUMS = ("各项之和", "各类科目之和", "其下各行之和", "下级科目之和", "各项目预算数之和", "各部分之和")


@functools.cache
def _grammar() -> str:
    return resources.files("bplint.grammars").joinpath("identity.lark").read_text(encoding="utf-8")


@functools.cache
def _parser() -> lark.Lark:
    return parsers.load("identity", _grammar())  # tables read as JSON, never a pickle


@functools.lru_cache(maxsize=4096)  # also the narrative's references, at lint time
def parse(text: str) -> Identity:
    try:
        tree = cache.parse(_parser, _grammar(), text)
    except lark.exceptions.LarkError as error:
        column = getattr(error, "column", "?")
        raise IdentityError(f"恒等式“{text}”第 {column} 个字符处无法解析") from None
    first, relation, second = tree.children
    left, right = _terms(first), _terms(second)
    for term in (*left, *right):
        if term.label and term.label.endswith(("之和", "之合")) and term.label not in SUMS:
            known = "、".join(SUMS)
            raise IdentityError(f"恒等式“{text}”中的“{term.label}”不是可用的求和写法（可用：{known}）")
    if len(left) != 1:
        raise IdentityError(f"恒等式“{text}”的左边应是一个数")
    return Identity(text, left[0], tuple(right), str(relation) != "=")


def _terms(tree: lark.Tree) -> list[Term]:
    found = []
    for term in tree.children:
        parts = {token.type: str(token) for token in term.children if isinstance(token, lark.Token)}
        table = parts.get("TABLE")
        column = parts.get("COLUMN")
        found.append(Term(table[1:-1] if table else None, parts.get("LABEL"),
                          column[1:-1] if column else None, "OPTIONAL" in parts))  # fmt: skip
    return found


# -- in a table ------------------------------------------------------------------------------


def in_table(identity: Identity, table: Table) -> Iterator[list[Balance]]:
    """Balances of a table identity that do not hold (one that holds is silent, and most do: its
    figures are added up before any Amount is built), grouped per row (one finding at most)."""
    total = identity.total
    if total.table is not None and total.table not in (table.kind, table.title):
        return
    if total.label is None:
        yield from _by_rows(identity, table)
    elif total.label == "科目" and [t.label for t in identity.terms] == ["下级科目之和"]:
        for row in table.rows:
            parts = tf.children(table, row)
            if parts:
                side = tf.sides(table)[0]
                yield list(_columns(identity, table, row, side, [(r, side) for r in parts]))
    else:
        for row, side in tf.find_rows(table, total.label):
            terms = _row_terms(identity, table, row, side)
            if terms is not None:
                yield list(_columns(identity, table, row, side, terms))


def _row_terms(identity: Identity, table: Table, row: TableRow, side: tf.Side):
    terms, missing = [], False
    for term in identity.terms:
        if term.label == "各项之和":
            terms += [(r, side) for r in tf.items(table, row, side)]
        elif term.label == "各类科目之和":
            terms += [(r, side) for r in tf.top_codes(table)]
        elif term.label == "其下各行之和":
            terms += [(r, side) for r in tf.rows_below(table, row, side)]
        else:
            found = tf.find_rows(table, term.label or "")
            if not found:
                if term.optional:
                    missing = True
                    continue
                return None
            terms.append(next((f for f in found if f[1] == side), found[0]))
    if missing and terms:  # the rows that may print it under another name (西安: 结转下年 for 年终结转结余)
        terms += [(r, side) for r in tf.rows_between(table, [r for r, _ in terms], row, side)]
    return terms or None


def _columns(identity, table, row, side, terms) -> Iterator[Balance]:
    column = tf.find_column(table, identity.total.column) if identity.total.column else None
    same_side = all(term_side == side for _, term_side in terms)
    columns = [column] if column is not None else (list(side.values) if same_side else side.values[:1])
    for index in columns:
        places = []
        for term_row, term_side in terms:
            at = index if term_side == side else (term_side.values[0] if term_side.values else None)
            if at is None:
                return
            places.append((term_row, at, term_side))
        if _holds(row, index, [(term_row, at) for term_row, at, _ in places]):
            continue
        total = cell_amount(table, row, index, tf.row_label(row, side))
        parts = tuple(cell_amount(table, r, at, tf.row_label(r, s)) for r, at, s in places)
        yield Balance(identity.text, total, parts, table.unit, table.columns[index], table.title)


def _by_rows(identity: Identity, table: Table) -> Iterator[list[Balance]]:
    terms = [t for t in identity.terms if not t.optional or tf.find_column(table, t.column or "") is not None]
    found = [tf.find_column(table, t.column or "") for t in (identity.total, *terms)]
    indices = [i for i in found if i is not None]
    if len(indices) < len(found):  # a column not printed
        return
    for row in table.rows:
        if _holds(row, indices[0], [(row, i) for i in indices[1:]]):
            continue
        total, *parts = (cell_amount(table, row, i, table.columns[i]) for i in indices)
        where = row.label or row.code
        yield [Balance(identity.text, total, tuple(parts), table.unit, where, table.title)]


def _holds(row: TableRow, index: int, terms: list[tuple[TableRow, int]]) -> bool:
    """Whether the figure at `index` of `row` is the sum of those at `terms`: a Balance of their
    cell_amounts (in the table's own unit, a factor of 1) would have the difference 0."""
    total, *parts = (
        (found.amount if (found := tf.cell(r, i)) is not None else None) or _ZERO
        for r, i in ((row, index), *terms)
    )
    return total * _ONE - sum((p * _ONE for p in parts), _ZERO) == 0


_ZERO, _ONE = Decimal(0), Decimal(1)


def cell_amount(table: Table, row: TableRow, index: int, label: str, unit: str | None = None) -> Amount:
    found = tf.cell(row, index)
    printed = found.amount if found is not None else None
    factor = unit_factor(table.unit, unit)
    value = (printed or Decimal(0)) * factor
    line, column = (found.line, found.column) if found is not None else (row.line, 1)
    half = tf.half_unit(printed) * factor
    shown = (
        f"{found.text.strip()}{table.unit}"
        if found is not None and printed is not None and factor != 1
        else ""
    )
    return Amount(
        label or table.columns[index], value, half, line, column, blank=printed is None, printed=shown
    )


def unit_factor(source: str | None, target: str | None) -> Decimal:
    """How many `target` units one `source` unit is (万元 in 元: 10000)."""
    if not source or not target or source == target:
        return Decimal(1)
    ratio = units.unit(source).factor / units.unit(target).factor
    return Decimal(ratio.numerator) / Decimal(ratio.denominator)


# -- across the document -------------------------------------------------------------------------


def in_document(identity: Identity, document: Document) -> Iterator[list[Balance]]:
    total = _figure(identity.total, document, None)
    if total is None:
        return
    amount, unit, table = total.amount, total.unit, total.title
    parts = []
    for term in identity.terms:
        if term.label == "各项目预算数之和":
            projects = _projects(document, unit)
            # Sheets adding up to more than twice the 项目支出 are of more than the department's own
            # projects (福州民政's city funds it manages, 40,460 万元 against 798.28): another scope.
            if not projects or sum(p.value for p in projects) > 2 * amount.value:
                return
            parts += projects
            continue
        found = _figure(term, document, unit)
        if found is None:
            if term.optional:
                continue
            return
        parts.append(found.amount)
    yield [Balance(identity.text, amount, tuple(parts), unit, identity.total.column or "", table)]


def _projects(document: Document, unit: str | None) -> list[Amount]:
    """Each project's budget in `unit`: a sheet printed twice (the same name and budget) once."""
    seen, found = set(), []
    for p in document.projects:
        if not (p.budget and p.budget.total is not None) or p.whole or p.selected:
            continue
        if (p.name, p.budget.total) in seen:
            continue
        seen.add((p.name, p.budget.total))
        factor = unit_factor(p.budget.unit or document.meta.unit or "万元", unit)
        found.append(Amount(p.name, p.budget.total * factor, tf.half_unit(p.budget.total) * factor,
                            p.budget.line))  # fmt: skip
    return found


class _Found(NamedTuple):
    amount: Amount
    unit: str | None  # the unit the amount is in
    title: str  # of the table it was read in
    column: str  # the header path of its column, as printed


def _figure(term: Term, document: Document, unit: str | None, among: Among = None) -> _Found | None:
    """The figure a term names, in the first table of its kind that has the row and the column: a
    document may print two tables of one kind (一般公共预算支出表 by function and by economic
    class), and only one of them has the row 公务用车运行维护费."""
    if term.label is None:
        return (
            _column_figure(term, term.column, document, unit, among=among)
            if term.table and term.column
            else None
        )
    for table, (row, side) in _named_rows(document, term.table, term.label):
        if among is not None and not among(table):
            continue
        index = (
            tf.find_column(table, term.column) if term.column else (side.values[0] if side.values else None)
        )
        if index is None:
            continue
        return _read(table, row, index, tf.row_label(row, side), unit)
    return None


def _named_rows(
    document: Document, kind: str | None, label: str
) -> list[tuple[Table, tuple[TableRow, tf.Side]]]:
    """The tables of a kind (or title) that have a row so labelled, each with its first such row;
    found once per document: a text names the same rows many times, and a document of many units
    prints a table of each kind for each (looking through all of them for each figure is quadratic)."""
    return indexes.indexed(
        document,
        ("rows named", kind, label),
        lambda: [
            (table, rows[0])
            for table in document.checked_tables
            if kind in (table.kind, table.title) and (rows := tf.find_rows(table, label))
        ],
    )


def _read(table: Table, row: TableRow, index: int, label: str, unit: str | None) -> _Found:
    """A cell's figure in `unit` (the table's own when None), with where it was read."""
    target = unit or table.unit
    amount = cell_amount(table, row, index, f"{table.kind}：{label}", target)
    return _Found(amount, target, table.title, table.columns[index])


def _column_figure(
    term: Term, column: str, document: Document, unit: str | None, prior: bool = False, among: Among = None
) -> _Found | None:
    """`《三公》[公务接待费]`: the column in the total row of a table that prints its items as columns
    (杭州, 苏州, 上海, 西安: one row per unit under a 合计 row; 深圳: a row per year).  For last
    year's figure (`prior`): the column under 上年 (西安), else the row of the year before (深圳)."""
    year = document.meta.year
    for table, by_row, index in _named_columns(document, term.table, column, prior):
        if among is not None and not among(table):
            continue
        if by_row:
            row = tf.total_row(table, year - 1 if year else None, marked_only=True)
        else:
            row = tf.total_row(table, year)
        if row is not None:
            return _read(table, row, index, table.columns[index], unit)
    return None


def _named_columns(
    document: Document, kind: str | None, column: str, prior: bool
) -> list[tuple[Table, bool, int]]:
    """The tables of a kind (or title) that print a column so named, each with whether last year is
    a row of its own there and the column's index; found once per document (see _named_rows)."""

    def found() -> list[tuple[Table, bool, int]]:
        named = []
        for table in document.checked_tables:
            if kind not in (table.kind, table.title):
                continue
            by_row = prior and not tf.prior_columns(table)  # 深圳: last year is a row of its own
            index = tf.find_column(table, column, years="prior" if prior and not by_row else "this")
            if index is not None:
                named.append((table, by_row, index))
        return named

    return indexes.indexed(document, ("columns named", kind, column, prior), found)


def figure(
    reference: str, document: Document, unit: str | None, prior: bool = False, among: Among = None
) -> Amount | None:
    """A table figure named like a term (`《基本支出表》合计[公用经费]`), in `unit`, labelled with the
    row and column it was read in (`《三公》三、公务接待费[合计]`; `《三公》“三公”经费预算数/公务接待费`);
    with `prior`, last year's figure of a column alone (`《三公》[公务接待费]`); `among`, where given,
    says which tables may hold it (those of the text's scope)."""
    try:
        term = parse(f"{reference} = {reference}").total
    except IdentityError:
        return None
    if prior:  # last year's figures are printed only by tables that give each item a column
        found = (
            _column_figure(term, term.column, document, unit, prior=True)
            if term.label is None and term.column
            else None
        )
    else:
        found = _figure(term, document, unit, among)
    if found is None:
        return None
    kind, _, place = found.amount.label.partition("：")
    if term.label is not None and term.column:  # the column the row's figure was read in, as printed
        place += f"[{found.column}]"
    return replace(found.amount, label=f"《{kind}》{place}")

"""Finding the figures an identity names in a budget table: rows by label, columns by header.

A row is named by its label as printed, without the white space, the enumerator
(`一、`, `1、`, `（一）`) and `其中：`; `…小计` names every row whose label ends so.
Two-sided tables (收支总表: 收入 项目/预算数 | 支出 项目/预算数) have a side per label
column, so `本年支出合计` is found on the 支出 side with that side's figures.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from bplint import regexes, values
from bplint.extract import subjects
from bplint.extract.lexicon import LEXICON
from bplint.extract.text import ENUMERATOR, ITEM, NUMERAL, TOP_ITEM
from bplint.model.document import Table, TableCell, TableRow
from bplint.numerals import chinese_to_int

_ENUMERATOR = regexes.compile(rf"^(?:{ENUMERATOR}|其中[：:])+")
_SPACE = regexes.compile(r"\s+")
_ITEM = regexes.compile(f"^{ITEM}")
_TOP_ITEM = regexes.compile(f"^{TOP_ITEM}")
_TOP_NUMBER = regexes.compile(rf"^({NUMERAL})、")


@dataclass(frozen=True)
class Side:
    """A label column and the columns of figures to its right."""

    label: int | None
    values: tuple[int, ...]


def normalize(label: str) -> str:
    return _ENUMERATOR.sub("", _SPACE.sub("", label))


def half_unit(amount: Decimal | None) -> Decimal:
    """Half a unit of the last printed digit: what rounding allows (a blank or a zero is exact)."""
    if amount is None or amount == 0:
        return Decimal(0)
    return values.half_unit(amount)


def sides(table: Table) -> tuple[Side, ...]:
    return _sides(table.columns)


@functools.lru_cache(maxsize=256)
def _sides(columns: tuple[str, ...]) -> tuple[Side, ...]:
    """The sides a table's headers give; every identity asks, so each header set is read once."""
    labels = [i for i, name in enumerate(columns) if LEXICON.is_label(name)]
    money = [i for i, name in enumerate(columns) if not LEXICON.is_not_money(name) and i not in labels]
    if not labels:
        return (Side(None, tuple(money)),)
    found = []
    for n, label in enumerate(labels):
        stop = labels[n + 1] if n + 1 < len(labels) else len(columns)
        found.append(Side(label, tuple(i for i in money if label < i < stop)))
    return tuple(found)


def row_label(row: TableRow, side: Side) -> str:
    label = (
        row.label
        if side.label is None
        else (row.cells[side.label].text if side.label < len(row.cells) else "")
    )
    if label or side.label is None:
        return label
    # `合计` printed across the 类/款/项 code columns, left of the label column.
    return next(
        (c.text for c in row.cells[: side.label] if c.text and c.amount is None and not c.text.isdigit()), ""
    )


def find_rows(table: Table, label: str) -> list[tuple[TableRow, Side]]:
    """The rows (with their side) a label names; alternatives split by |."""
    found = []
    labelled = _labelled(table)
    for wanted in label.split("|"):
        suffix = wanted.startswith("…")
        key = normalize(wanted.lstrip("…"))
        for name, row, side in labelled:
            if name and (name.endswith(key) if suffix else name == key):
                found.append((row, side))
        if found:
            return found
    return found


def _labelled(table: Table) -> list[tuple[str, TableRow, Side]]:
    """A table's rows with their side and normalized label, side by side: every figure a rule
    looks for in a table asks find_rows, which read and normalized each label again."""
    held = _LABELLED.get(id(table))
    if held is None or held[0] is not table:
        if len(_LABELLED) >= _TABLES:
            del _LABELLED[next(iter(_LABELLED))]
        rows = [(normalize(row_label(row, side)), row, side) for side in sides(table) for row in table.rows]
        held = _LABELLED[id(table)] = (table, rows)
    return held[1]


# The labels of the last few tables read (a document's, a few dozen), oldest dropped first; each
# entry holds its table, so an id is never another table's while its entry is here.
_TABLES = 256
_LABELLED: dict[int, tuple[Table, list[tuple[str, TableRow, Side]]]] = {}


def find_column(table: Table, name: str, years: str = "any") -> int | None:
    """The column a header path names, or ends with (`合计` is `本年支出/合计`; `“三公”经费预算/小计`
    is `当年/一般公共预算拨款安排的“三公”经费预算/小计`); brackets of either width are one, and a
    column number printed under the header (`“三公”经费合计/1`) is no word.  `years` "this" passes
    over the columns under 上年 or 增减变化 (西安's 三公 table prints three years' groups side by
    side) unless the name asks for them; "prior" takes only those under 上年."""
    return _find_column(table.columns, name, years)


@functools.lru_cache(maxsize=4096)
def _find_column(headers: tuple[str, ...], name: str, years: str) -> int | None:
    """find_column on a table's headers: asked for each figure a text names in each table of a
    kind, and tables of one kind print the same headers, so each answer is worked out once."""
    columns = [_column_key(column) for column in headers]
    for wanted in name.split("|"):
        key = _column_key(wanted)
        for i, column in enumerate(columns):
            named = column == key or column.endswith("/" + key) or ("/" in key and column.endswith(key))
            if named and _of_years(column, key, years):
                return i
    return None


_OTHER_YEAR = regexes.compile(r"上年|增减|变化")
_PRIOR_GROUP = regexes.compile(r"^上年/")


def _of_years(column: str, key: str, years: str) -> bool:
    if years == "prior":
        return bool(_PRIOR_GROUP.match(column))
    return years == "any" or bool(_OTHER_YEAR.search(key)) or not _OTHER_YEAR.search(column)


def prior_columns(table: Table) -> bool:
    """Whether the table prints last year's figures in columns of their own (西安: 上年 | 当年 | 增减)."""
    return any(_PRIOR_GROUP.match(_column_key(column)) for column in table.columns)


_WIDE = str.maketrans("（）", "()")
_NUMBER_LEAF = regexes.compile(r"/(?:\d{1,2}|[*＊]+)$")


def _column_key(column: str) -> str:
    return _NUMBER_LEAF.sub("", _SPACE.sub("", column).translate(_WIDE))


def total_row(table: Table, year: int | None, marked_only: bool = False) -> TableRow | None:
    """The row a reference to a column alone reads (`《三公》[公务接待费]`), in a table that prints
    its items as columns: the row labelled 合计 or 总计, the only row, or the one row marked with the
    year (深圳 prints a row for each year and one for the change); with `marked_only`, that last."""
    if not marked_only:
        for row in table.rows:
            if any(c.amount is None and _TOTAL_ROW.match(_SPACE.sub("", c.text)) for c in row.cells):
                return row
        if len(table.rows) == 1:
            return table.rows[0]
    marked = [r for r in table.rows if year and any(_marks_year(c, year) for c in r.cells)]
    return marked[0] if len(marked) == 1 else None


_TOTAL_ROW = regexes.compile(r"^(?:合计|总计)$")


def _marks_year(cell: TableCell, year: int) -> bool:
    return cell.amount is None and _SPACE.sub("", cell.text) in (f"{year}年", f"{year}年度")


def cell(row: TableRow, index: int) -> TableCell | None:
    return row.cells[index] if index < len(row.cells) else None


def items(table: Table, row: TableRow, side: Side) -> list[TableRow]:
    """The enumerated rows (一、 二、 / 1、 2、) a total sums: those above it since the last
    total, or, for a total printed first (三公 小计, 资产总额), those below it."""
    position = table.rows.index(row)
    own = _SPACE.sub("", row_label(row, side))

    def enumerated(rows, upward: bool) -> tuple[list[TableRow], bool]:
        """The total's items, and whether enumerated rows were met at all (a heading's, or past
        another total), in which case the total's terms are not elsewhere either."""
        picked: list[TableRow] = []
        dropped: list[TableRow] = []
        met = False
        for other in rows:
            label = _SPACE.sub("", row_label(other, side))
            if LEXICON.total_label.search(label):
                if upward and picked:
                    # 广州: 本年支出合计, 二十七、结转下年, 支出总计: it sums the total above too (BP404).
                    return [], True
                break
            if not upward and _TOP_ITEM.match(own) and _TOP_ITEM.match(label):
                break  # 杭州's `一、本年支出合计` sums its own 1. 2. …, up to `二、年终结转结余`
            if _ITEM.match(label):
                if dropped and _follows(label, row_label(dropped[-1], side)):
                    # 四、 above 五、: the rows between were 四's own lines (深圳's 款 and 项).
                    picked = dropped
                picked.append(other)
                met, dropped = True, []
            elif upward and label and not label.startswith("其中") and picked:
                # `年初财政拨款结转和结余` over `一、… 二、…`: those items are its own, not the total's.
                picked, dropped = [], picked
        return picked, met

    above, met = enumerated(reversed(table.rows[:position]), upward=True)
    # Items above that belong to a heading (深圳: `财政拨款` over `1.… 2.… 3.…`, then 本年收入合计)
    # leave the total's terms unknown: the items below it (上年结余) are not its own either.
    picked = list(reversed(above)) if met else enumerated(table.rows[position + 1 :], upward=False)[0]
    # `一、部门预算` with `1、财政拨款 2、…` under it: the total sums the top level only.
    top = [r for r in picked if _TOP_ITEM.match(_SPACE.sub("", row_label(r, side)))]
    return top or picked


def _follows(upper: str, lower: str) -> bool:
    """`四、…` printed above `五、…`: the same list, numbered on."""
    a, b = _TOP_NUMBER.match(upper), _TOP_NUMBER.match(_SPACE.sub("", lower))
    if not (a and b):
        return False
    try:
        return chinese_to_int(a[1]) + 1 == chinese_to_int(b[1])
    except ValueError:
        return False


def rows_below(table: Table, row: TableRow, side: Side) -> list[TableRow]:
    """The rows under a subtotal, up to the next total (政府采购: 本级小计 and its items)."""
    picked = []
    for other in table.rows[table.rows.index(row) + 1 :]:
        if LEXICON.total_label.search(_SPACE.sub("", row_label(other, side))):
            break
        picked.append(other)
    return picked


def rows_between(table: Table, terms: list[TableRow], total: TableRow, side: Side) -> list[TableRow]:
    """The rows printed after every term and before their total (`结转下年`, `未安排支出的实户资金`
    between 本年支出合计 and 支出总计), but a `其中` row (a part of the row above); none where the
    total is printed above a term."""
    at = {id(r): n for n, r in enumerate(table.rows)}
    last, end = max((at.get(id(r), -1) for r in terms), default=-1), at.get(id(total), -1)
    rows = table.rows[last + 1 : end] if 0 <= last < end else ()
    return [r for r in rows if not row_label(r, side).lstrip().startswith("其中")]


def top_codes(table: Table) -> list[TableRow]:
    """Rows of 类 codes (201, 301): what a 合计 row of a coded table sums."""
    return [row for row in table.rows if len(row.code) == 3 and row.code.isdigit()]


def children(table: Table, row: TableRow) -> list[TableRow]:
    """Rows whose code extends this row's code by one level (201 → 20103 → 2010303)."""
    code = row.code
    if not code.isdigit():
        return []
    longer = sorted({len(r.code) for r in table.rows if r.code.startswith(code) and len(r.code) > len(code)})
    if not longer:
        return []
    return [r for r in table.rows if len(r.code) == longer[0] and r.code.startswith(code)]


def find_subject(table: Table, names: tuple[str, ...]) -> tuple[TableRow, Side] | None:
    """The row of a 科目 named from its 类 down (extract/subjects.py): each name is the first row
    after its parent's, under the parent's code where the table prints codes, and before the next
    类 (a 类 code or a 类 name of the lexicon) where it prints none."""
    for side in sides(table):
        at, parent = -1, None
        for name in names:
            at = _next_subject(table, side, at + 1, name, parent)
            if at < 0:
                break
            parent = table.rows[at]
        if parent is not None and at >= 0:
            return parent, side
    return None


def _next_subject(table: Table, side: Side, start: int, name: str, parent: TableRow | None) -> int:
    """The position of the row `name` names from `start`, under `parent`; -1 where there is none."""
    code, name = subjects.code_of(name)
    for at in range(start, len(table.rows)):
        row = table.rows[at]
        label = row_label(row, side)
        if parent is not None and _another_class(row, label, parent):
            return -1
        if code and row.code != code:
            continue  # named by its code: that row or none (its name must be the row's too)
        if subjects.same(name, label) and (
            parent is None
            or not (row.code.isdigit() and parent.code.isdigit())
            or (row.code.startswith(parent.code) and len(row.code) > len(parent.code))
        ):
            return at
    return -1


def _another_class(row: TableRow, label: str, parent: TableRow) -> bool:
    if row.code.isdigit() and parent.code.isdigit():
        return not row.code.startswith(parent.code[:3])
    return _SPACE.sub("", label) in LEXICON.function_classes

"""`本数 = 对应表格数` on a whole-department sheet's funds (bplint.extract.sheetfunds): its 资金总额 or
金额合计, 基本支出 and 项目支出 against the budget tables' figures the rule's `figures` names.

A sheet may speak of all funds or of the 财政拨款: a figure any of the tables named holds is
right; else it is checked against the first found.  Where the department's tables hold 专项资金
(西安: `其中：专项资金列入部门预算的项目`), a sheet short of the tables may have left them to a sheet of
their own (专项资金总体绩效目标表): it is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from bplint import regexes
from bplint.engine import tablefigures as tf
from bplint.engine.identity import Amount, Balance, Identity, figure
from bplint.engine.semantics import search
from bplint.model.document import Document
from bplint.model.tallies import SheetFund
from bplint.values import last_digit

_EARMARKED = regexes.compile(r"专项资金")


def in_sheet(identity: Identity, fund: SheetFund, document: Document, params: dict) -> Iterator[list]:
    stated = Amount(f"部门整体支出绩效目标表的{fund.label}", fund.amount, tf.half_unit(fund.amount),
                    fund.line, fund.column)  # fmt: skip
    found = []
    for pattern, reference in _arrows(params.get("figures")):
        if not search(pattern, fund.name):
            continue
        held = figure(reference, document, fund.unit)
        if held is None or held.blank or not held.value:
            continue  # a blank or zero total is no department's budget (a table misread, or BP401's)
        shown = _rounded(held.value, fund.amount)
        if shown == fund.amount:
            return  # `2838.42` for the table's 28,384,234.71 元
        held = replace(held, value=shown)  # the difference in the digits the sheet prints
        found.append(Balance(identity.text, stated, (held,), fund.unit, held.label))
    if not found or any(abs(b.difference) <= b.tolerance for b in found):
        return
    if _earmarked(document):
        return
    yield [found[0]]


def _arrows(entries) -> Iterator[tuple[str, str]]:
    for entry in entries or ():
        pattern, _, target = (part.strip() for part in str(entry).partition("→"))
        yield pattern, target


def _rounded(held: Decimal, printed: Decimal) -> Decimal:
    """A table's figure (maybe converted from 元) rounded to the digits the sheet prints."""
    exponent = last_digit(printed)
    return held.quantize(Decimal(1).scaleb(exponent)) if last_digit(held) < exponent else held


def _earmarked(document: Document) -> bool:
    """Whether a table holds 专项资金 other than zero: in a column of that name, or right of a row
    label of that name (a 收支总表's 收入 side names a row whose 支出 side prints other figures)."""
    for table in document.checked_tables:
        for row in table.rows:
            if any(c.amount and _EARMARKED.search(c.header) for c in row.figures):
                return True
        for side in tf.sides(table):
            for row in table.rows:
                cell = tf.cell(row, side.values[0]) if side.values else None
                if cell is not None and cell.amount and _EARMARKED.search(tf.row_label(row, side)):
                    return True
    return False

"""`narrative.subject_row` (BP510): a figure the text states for a 科目 against that 科目's row.

The text names a 科目 by level (`…司法（款）行政运行（项）8,553.80 万元`) or by code; the model reads
which (the figure's `subject`), and this checker finds the row in the tables the rule's `tables`
parameter lists and forms the sums, with the rounding of the printed figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from bplint.engine import tablefigures as tf
from bplint.engine.checkers.checker import Checker
from bplint.engine.claims import amount_of, restates
from bplint.engine.identity import Balance, Identity, cell_amount
from bplint.model.document import Document
from bplint.model.sentences import Figure


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
                if restates(stated, held):  # `1202.95万元` for 12,029,501.84元: the row, rounded
                    held = replace(held, value=stated.amount)
                stated_amount = amount_of(stated, stated.unit)
                found.append(Balance(identity.text, stated_amount, (held,), stated.unit, place, table.title))
    if found:
        yield [next((b for b in found if abs(b.difference) <= b.tolerance), found[0])]


CHECKER = Checker("narrative.subject_row", "figure", balances=in_subject)

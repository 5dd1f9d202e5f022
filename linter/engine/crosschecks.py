"""What rule expressions can name of the text's cross-checks (issue 27): a total's change against its
parts' stated apart (bplint.extract.rollups), a whole-department sheet's funds (bplint.extract.sheetfunds)
and a count against what the document lists (bplint.extract.counts); the fields of each and the
selectors that walk them.  vocabulary.py takes these into its FIELDS and SELECTORS, as it takes the
self-evaluation sheets' (evaluations.py), so that neither grows past what one reads at once.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from bplint import units
from bplint.extract.counts import counts
from bplint.extract.rollups import rollups
from bplint.extract.sheetfunds import sheet_funds
from bplint.model.comparisons import Rollup
from bplint.model.document import Document
from bplint.model.tallies import Count, SheetFund
from bplint.values import Quantity

# The field types vocabulary.py names (its TEXT, NUMBER, QUANTITY).
_TEXT, _NUMBER, _QUANTITY = "text", "number", "quantity"


def _money(amount: Decimal, rollup: Rollup) -> Quantity:
    return Quantity(amount, units.unit(rollup.total.level.unit))


CROSSCHECK_FIELDS: dict[str, dict[str, tuple[str, Any]]] = {
    # Last year's parts (each amount less its change) against last year's total.
    "rollup": {
        "total": ("figure", lambda r, env: r.total.level),
        "change": ("figure", lambda r, env: r.total.change),
        "prior": (_QUANTITY, lambda r, env: _money(r.total.amount, r)),
        "parts_prior": (_QUANTITY, lambda r, env: _money(r.parts_prior, r)),
        "excess": (_QUANTITY, lambda r, env: _money(r.excess, r)),
        "slack": (_QUANTITY, lambda r, env: _money(r.slack, r)),
        "count": (_NUMBER, lambda r, env: Decimal(len(r.parts))),
        "names": (_TEXT, lambda r, env: "、".join(p.level.subject[-1] for p in r.parts)),
        "line": (_NUMBER, lambda r, env: r.line),
    },
    # A whole-department sheet's 资金总额 (or 金额合计), 基本支出, 项目支出.
    "sheet_fund": {
        "name": (_TEXT, lambda f, env: f.name),
        "label": (_TEXT, lambda f, env: f.label),
        "amount": (_QUANTITY, lambda f, env: Quantity(f.amount, units.unit(f.unit))),
        "line": (_NUMBER, lambda f, env: f.line),
    },
    # A count the text states, and what the document lists.
    "count": {
        "what": (_TEXT, lambda c, env: c.what),
        "stated": (_NUMBER, lambda c, env: Decimal(c.stated)),
        "found": (_NUMBER, lambda c, env: Decimal(c.found)),
        "listed": (_TEXT, lambda c, env: c.listed),
        "quoted": (_TEXT, lambda c, env: c.quoted),
        "line": (_NUMBER, lambda c, env: c.line),
    },
}


def _rollups(document: Document) -> list[Rollup]:
    """The totals whose parts state their changes elsewhere; those a stated change breakdown reads
    are BP503's."""
    taken = {(b.total.line, b.total.column) for b in document.breakdowns if b.kind == "change"}
    return rollups(list(document.passages), document.narrative, taken)


CROSSCHECK_SELECTORS: dict[str, tuple[str, Callable[[Document], Any]]] = {
    "rollups": ("rollup", lambda d: ((r, None) for r in _rollups(d))),
    "sheet_funds": ("sheet_fund", lambda d: ((f, None) for f in sheet_funds(d.projects))),
    "counts": ("count", lambda d: ((c, None) for c in counts(d))),
}


def crosscheck_location(item: Any) -> tuple[int, int] | None:
    if isinstance(item, Rollup | SheetFund | Count):
        return item.line, item.column
    return None

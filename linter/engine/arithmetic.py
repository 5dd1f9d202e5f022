"""Findings from balances: a sum that holds is silent; one that rounding of the printed
figures explains is BP407 (info); one off by a factor of 10⁴ is BP408 (a 元 figure
among 万元 ones); any other is the rule's own finding, with the terms to redo it by hand.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bplint.engine import claims, identity
from bplint.engine.identity import Balance
from bplint.findings import Finding
from bplint.model.breakdown import Breakdown
from bplint.model.changes import Prior
from bplint.model.document import Document, Table
from bplint.model.narrative import Figure
from bplint.values import format_decimal

SCALE = Decimal(10000)
BLANK = {"zh": "空白", "en": "blank"}


def findings(rule, check, item: Any, document: Document, lang: str, excerpt, catalog) -> list[Finding]:
    found = []
    for ident in check.identities:
        for group in _balances(ident, item, document, check.params):
            if ident.at_least:  # a total above its listed parts is what `≥` allows
                group = [b for b in group if b.difference < 0]
            finding = _worst(rule, group, lang, excerpt, catalog)
            if finding is not None:
                found.append(finding)
    return found


def _balances(ident: identity.Identity, item: Any, document: Document, params: dict):
    if isinstance(item, Table):
        return identity.in_table(ident, item)
    if isinstance(item, Breakdown | Figure | Prior):
        return claims.balances(ident, item, document, params)
    return identity.in_document(ident, document)


def _worst(rule, group: list[Balance], lang: str, excerpt, catalog) -> Finding | None:
    """One finding for the row (or figure) checked: its worst column, counting the others."""
    wrong = [b for b in group if b.difference != 0]
    if not wrong:
        return None
    beyond = [b for b in wrong if abs(b.difference) > b.tolerance]
    pool = beyond or wrong
    balance = max(pool, key=lambda b: abs(b.difference))
    reporting = rule
    if not beyond:
        reporting = catalog.get("BP407")
    elif _scaled(balance):
        reporting = catalog.get("BP408", rule)
    if reporting is None:
        return None
    return _finding(reporting, balance, len(pool) - 1, lang, excerpt)


def _scaled(balance: Balance) -> bool:
    """Off by exactly the step between 元 and 万元, within the rounding scaled alike."""
    total, expected = balance.total.value, balance.expected
    if not total or not expected:
        return False
    slack = balance.tolerance * SCALE
    return abs(total * SCALE - expected) <= slack or abs(total - expected * SCALE) <= slack


def _finding(rule, balance: Balance, others: int, lang: str, excerpt) -> Finding:
    unit = balance.unit or ""
    shown = {
        "identity": balance.identity,
        "total": balance.total.label,
        "actual": _amount(balance.total.value, unit) if not balance.total.blank else BLANK[lang],
        "expected": _amount(balance.expected, unit),
        "difference": _amount(balance.difference, unit),
        "excess": _amount(-balance.difference, unit),
        "tolerance": _amount(balance.tolerance, unit),
        "terms": " + ".join(f"{t.label} {format_decimal(t.value)}" for t in balance.terms),
        "column": balance.where,
        "table": balance.table or "",
        "others": (f"（另有 {others} 列也不相符）" if lang == "zh" else f" ({others} more columns disagree)")
        if others
        else "",
    }
    details = {k: shown[k] for k in ("expected", "actual", "difference", "tolerance")}
    details["terms"] = [
        {"label": t.label, "amount": format_decimal(t.value), "line": t.line} for t in balance.terms
    ]
    line = balance.total.line
    return rule.finding(
        lang, shown, line, balance.total.column, table=balance.table, excerpt=excerpt(line), details=details
    )


PLACEHOLDERS = ("identity", "total", "actual", "expected", "difference", "excess", "tolerance", "terms",
                "column", "table", "others")  # fmt: skip


def _amount(value: Decimal, unit: str) -> str:
    return f"{format_decimal(value)}{unit}"

"""Findings from balances: a sum that holds is silent; one that rounding of the printed
figures explains, or one off by a factor of 10⁴ (a 元 figure among 万元 ones), is an outcome of
the check, reported by the rule that declares itself that outcome (`outcome_of:
arithmetic.rounding`, BP407; `arithmetic.magnitude`, BP408); any other is the rule's own
finding, with the terms to redo it by hand.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bplint.engine import claims, identity
from bplint.engine.identity import Balance
from bplint.findings import Finding, Sum, Term
from bplint.language import Lang
from bplint.model.breakdowns import Breakdown
from bplint.model.comparisons import Prior
from bplint.model.document import Document, Table
from bplint.model.sentences import Figure
from bplint.model.tallies import SheetFund
from bplint.values import format_decimal

SCALE = Decimal(10000)
# The outcomes of a sum besides the rule's own finding; a rule names the one it reports
# (`outcome_of:`), and a catalogue without it leaves the rounding unsaid (the magnitude is then
# said by the rule itself).
ROUNDING, MAGNITUDE = "arithmetic.rounding", "arithmetic.magnitude"
OUTCOMES = (ROUNDING, MAGNITUDE)
BLANK = {"zh": "空白", "en": "blank"}


def outcomes(catalog: dict) -> dict[str, Any]:
    """The rules of the catalogue that report an outcome of the sums, by outcome."""
    return {rule.outcome_of: rule for rule in catalog.values() if rule.outcome_of}


def findings(rule, check, item: Any, document: Document, lang: Lang, excerpt, outcomes) -> list[Finding]:
    found = []
    for ident in check.identities:
        for group in _balances(ident, item, document, check):
            if ident.at_least:  # a total above its listed parts is what `≥` allows
                group = [b for b in group if b.difference < 0]
            finding = _worst(rule, group, lang, excerpt, outcomes, _changes(item))
            # A row a two-sided table labels on both sides (a 决算's 总计) is found once per side.
            if finding is not None and finding not in found:
                found.append(finding)
    return found


def _balances(ident: identity.Identity, item: Any, document: Document, check):
    if check.balances is not None:  # the rule's checker's (bplint.engine.checkers)
        return check.balances(ident, item, document, check.params)
    params = check.params
    if isinstance(item, Table):
        return identity.in_table(ident, item)
    if isinstance(item, Breakdown | Figure | Prior | SheetFund):
        return claims.balances(ident, item, document, params)
    return identity.in_document(ident, document)


def _changes(item: Any) -> bool:
    """Whether the terms are changes (`减少14万元`), to be written with their direction."""
    return isinstance(item, Breakdown) and item.kind == "change"


def _worst(
    rule, group: list[Balance], lang: Lang, excerpt, outcomes, changes: bool = False
) -> Finding | None:
    """One finding for the row (or figure) checked: its worst column, counting the others."""
    wrong = [b for b in group if b.difference != 0]
    if not wrong:
        return None
    beyond = [b for b in wrong if abs(b.difference) > b.tolerance]
    pool = beyond or wrong
    balance = max(pool, key=lambda b: abs(b.difference))
    reporting = rule
    if not beyond:
        reporting = outcomes.get(ROUNDING)
    elif _scaled(balance):
        reporting = outcomes.get(MAGNITUDE, rule)
    if reporting is None:
        return None
    return _finding(reporting, balance, len(pool) - 1, lang, excerpt, changes)


def _scaled(balance: Balance) -> bool:
    """Off by exactly the step between 元 and 万元, within the rounding scaled alike."""
    total, expected = balance.total.value, balance.expected
    if not total or not expected:
        return False
    slack = balance.tolerance * SCALE
    return abs(total * SCALE - expected) <= slack or abs(total - expected * SCALE) <= slack


def _finding(rule, balance: Balance, others: int, lang: Lang, excerpt, changes: bool = False) -> Finding:
    unit = balance.unit or ""
    actual = BLANK[lang] if balance.total.blank else _amount(balance.total.value, unit)
    shown = {
        "identity": balance.identity,
        "total": balance.total.label,
        "actual": _change(balance.total.value, unit, lang) if changes and not balance.total.blank else actual,
        "expected": _change(balance.expected, unit, lang) if changes else _expected(balance, unit, lang),
        "difference": _amount(abs(balance.difference), unit),  # `相差X`: the gap, its side in `gap`
        "excess": _amount(-balance.difference, unit),
        "tolerance": _amount(balance.tolerance, unit),
        "terms": _terms(balance, unit, lang, changes),
        "gap": _gap(balance, unit, lang, changes),
        "column": balance.where,
        "table": balance.table or "",
        "others": (f"（另有 {others} 列也不相符）" if lang == "zh" else f" ({others} more columns disagree)")
        if others
        else "",
    }
    # Amounts, as the JSON contract has them (a change's words are for the message).
    working = Sum(
        difference=_amount(balance.difference, unit),
        tolerance=shown["tolerance"],
        expected=_amount(balance.expected, unit),
        actual=actual,
        terms=tuple(Term(t.label, format_decimal(t.value), t.line) for t in balance.terms),
    )
    line = balance.total.line
    return rule.finding(
        lang, shown, line, balance.total.column, table=balance.table, excerpt=excerpt(line), working=working
    )


def _expected(balance: Balance, unit: str, lang: Lang = "zh") -> str:
    """What the figure should be; one figure printed in another unit, as printed and in the unit
    the rest of the message speaks (`18,999,011.66元（约1899.90万元）`)."""
    printed = balance.terms[0].printed if len(balance.terms) == 1 else ""
    if not printed:
        return _amount(balance.expected, unit)
    cents = balance.expected.quantize(Decimal("0.01"))
    about = "" if cents == balance.expected else ("约" if lang == "zh" else "about ")
    converted = f"{about}{_amount(cents, unit)}"
    return f"{printed}（{converted}）" if lang == "zh" else f"{printed} ({converted})"


PLACEHOLDERS = ("identity", "total", "actual", "expected", "difference", "excess", "tolerance", "terms",
                "gap", "column", "table", "others")  # fmt: skip


def _terms(balance: Balance, unit: str, lang: Lang, changes: bool) -> str:
    """The terms as a reviewer writes them: `人员经费485.05万元与日常公用经费155.91万元`,
    `A1万元、B2万元和C3万元`; changes with their direction (`公车运维费减少14万元`)."""
    shown = [_term(t.label or "", t.value, unit, lang, changes, t.printed) for t in balance.terms]
    if lang != "zh":
        return " + ".join(shown)
    if changes:  # a change's label may hold 与 itself (`购置费0万元与2019年持平`)
        return "、".join(shown)
    if len(shown) < 3:
        return "与".join(shown)
    return "、".join(shown[:-1]) + "和" + shown[-1]


def _term(label: str, value: Decimal, unit: str, lang: Lang, changes: bool, printed: str = "") -> str:
    space = "" if lang == "zh" else " "
    if not changes:
        return f"{label}{space}{printed or _amount(value, unit)}"
    if value == 0 and "持平" in label:
        return label
    return f"{label}{space}{_change(value, unit, lang)}"


def _change(value: Decimal, unit: str, lang: Lang) -> str:
    if lang == "zh":
        return "持平" if value == 0 else f"{'增加' if value > 0 else '减少'}{_amount(abs(value), unit)}"
    return "unchanged" if value == 0 else f"{'up' if value > 0 else 'down'} {_amount(abs(value), unit)}"


def _gap(balance: Balance, unit: str, lang: Lang, changes: bool) -> str:
    """How the sum stands to the figure it should equal: `比640.93万元多0.03万元`; what a blank
    should read; two changes, how far apart (`相差6万元`)."""
    expected = _amount(balance.expected, unit)
    by = _amount(abs(balance.difference), unit)
    if changes:
        return f"相差{by}" if lang == "zh" else f"{by} apart"
    if balance.total.blank:
        return f"应填{expected}" if lang == "zh" else f"it should read {expected}"
    actual, more = _amount(balance.total.value, unit), balance.difference < 0
    extra = _the_extra_term(balance) if more else None
    if lang == "zh":
        return f"比{actual}{'多' if more else '少'}{by}" + (f"，正是“{extra}”一项" if extra else "")
    return f"{by} {'more' if more else 'less'} than {actual}" + (f", exactly “{extra}”" if extra else "")


def _the_extra_term(balance: Balance) -> str | None:
    """The one term of three or more the sum exceeds its figure by (福州科技: the projects add up to
    2000 万元 more than 项目支出, the 转移支付 project's budget), or None: the place to look first."""
    over, slack = -balance.difference, balance.tolerance
    if len(balance.terms) < 3 or over <= 10 * slack:
        return None
    equal = [t.label for t in balance.terms if t.label and abs(t.value - over) <= slack]
    return equal[0] if len(equal) == 1 else None


def _amount(value: Decimal, unit: str) -> str:
    return f"{format_decimal(value)}{unit}"

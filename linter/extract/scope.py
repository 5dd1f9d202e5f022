"""Which funds a figure of the text speaks of, and which a table holds: a text's figure is
compared with a table's only where the two speak of the same funds.

A department's budget is told several times over: for all its funds (收支总表, 支出总表), for its
财政拨款, and for its 一般公共预算 alone (the 基本支出表 of most provinces).  `2.按支出用途分类，包括人员
支出73,924.43万元` under `（三）支出预算情况说明` is of all funds: the 支出总表 holds it, and the
一般公共预算基本支出表's 人员经费 (67,627.51) is another figure (杭州交通 p.6).

The units are a scope too: a figure the text says is the 本级's is not the whole department's.

A figure's scope is the fund its label names; else that of the total it is a part of; else the fund
the headings above it name (the nearest that names one), or all funds where a heading speaks of the
department's 收入 or 支出 naming none; else unknown.  A table's scope is the fund its title names,
else all funds for the 收支总表, 收入总表, 支出总表 and a title naming the whole budget; else
unknown.  The words are data (lexicon.yaml `fund_scopes`, `all_funds_heading`, `all_funds_title`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from bplint import regexes
from bplint.extract.lexicon import LEXICON
from bplint.extract.text import ENUMERATOR, NUMBER_DOT, NUMERAL
from bplint.model.breakdowns import Breakdown
from bplint.model.document import Document, Table
from bplint.model.kind import DocumentKind
from bplint.model.sentences import Figure, Passage

_ALL_FUNDS_KINDS = ("收支总表", "收入总表", "支出总表")
_OF_ONE_FUND = ("政府性基金", "国有资本经营")  # the table kinds of the funds beside the 一般公共预算
_ENUMERATED = regexes.compile(f"^\\s*{ENUMERATOR}")
_OPENING = regexes.compile(r"^[^。；;：:\d]{0,40}")  # a heading's words, or those opening a numbered item
_STYLES = regexes.compile(
    rf"^\s*(?:(?P<top>{NUMERAL}[、.．])|(?P<paren>[（(]{NUMERAL}[)）])|(?P<dot>\d{{1,3}}\s*[、．]|{NUMBER_DOT})"
    r"|(?P<digit>[（(]\d{1,3}[)）]))"
)
_LEVELS = ("top", "paren", "dot", "digit")


class Units(Enum):
    """Which of the department's units a figure is of: its own office alone (本级), where the text
    says so; the tables of a 部门预算 are the whole department's unless their title says 本级."""

    OWN = "本级"


_OWN = regexes.compile(r"本级")


def units_of_label(label: str) -> Units | None:
    return Units.OWN if _OWN.search(label) else None


def units_of_table(title: str, meta: str, own_document: bool) -> Units | None:
    """本级 where the table's title or the lines above it say so, or the document is of one unit (a
    单位预算, or an agency named 本级: 福州市科学技术局(本级))."""
    return Units.OWN if own_document or _OWN.search(title) or _OWN.search(meta) else None


class Fund(Enum):
    ALL = "全部资金"
    FISCAL = "财政拨款"
    GENERAL = "一般公共预算"
    GOVERNMENT_FUND = "政府性基金"
    STATE_CAPITAL = "国有资本经营"


_NAMED = tuple((Fund(name), words) for name, words in LEXICON.fund_scopes)


def named(text: str) -> Fund | None:
    """The fund a text names, the most specific first."""
    return next((fund for fund, words in _NAMED if words.search(text)), None)


def of_label(label: str) -> Fund | None:
    """The scope a figure's label says itself: a fund it names, or all funds where it names the
    department's whole budget (`2022 年本部门预算支出`)."""
    found = named(label)
    return Fund.ALL if found is None and LEXICON.all_funds_label.search(label) else found


def of_table(kind: str, title: str) -> Fund | None:
    """The funds a table holds, by its title (and its kind: the 收支总表 holds them all)."""
    found = named(title)
    if found is None and (kind in _ALL_FUNDS_KINDS or LEXICON.all_funds_title.search(title)):
        return Fund.ALL
    return found


def match(text: Fund | None, table: Fund | None, general_is_fiscal: bool) -> bool:
    """Whether a text's figure of one scope may be compared with a table's of another: where either
    is unknown, where they are one, and 财政拨款 with 一般公共预算 where the document has no other
    fund (its 政府性基金 and 国有资本经营 tables hold nothing)."""
    if text is None or table is None or text is table:
        return True
    return general_is_fiscal and {text, table} == {Fund.FISCAL, Fund.GENERAL}


def units_match(text: Units | None, table: Units | None) -> bool:
    """A figure of the 本级 alone is compared only with a table of the 本级."""
    return text is not Units.OWN or table is Units.OWN


def general_is_fiscal(tables) -> bool:
    """Whether the document's 财政拨款 is its 一般公共预算: no 政府性基金 or 国有资本经营 table of it
    holds a figure other than zero."""
    return not any(table.kind in _OF_ONE_FUND and any(c.amount for c in table.figures) for table in tables)


def of_figures(passages: list[Passage], breakdowns: tuple[Breakdown, ...]) -> dict[tuple[int, int], Fund]:
    """The scope of each money figure of the text whose scope is known, by where it is printed."""
    found: dict[tuple[int, int], Fund] = {}
    levels: dict[str, Fund | None] = {}
    for passage in passages:
        _heading(passage.text, levels)
        around = next((fund for level in reversed(_LEVELS) if (fund := levels.get(level)) is not None), None)
        for figure in passage.figures:
            own = of_label(figure.label) or around
            if own is not None:
                found[(figure.line, figure.column)] = own
    for breakdown in sorted(breakdowns, key=lambda b: (b.total.line, b.total.column)):
        whole = of_label(breakdown.total.label) or found.get((breakdown.total.line, breakdown.total.column))
        if whole is None:
            continue
        for part in breakdown.parts:
            if of_label(part.label) is None:
                found[(part.line, part.column)] = whole
    return found


def _heading(text: str, levels: dict[str, Fund | None]) -> None:
    """A numbered paragraph sets the scope of its level (a heading's, or an item's that names a fund
    before its first figure) and ends those of the levels below it."""
    style = _STYLES.match(text)
    if style is None:
        return
    level = style.lastgroup
    assert level is not None  # each of _STYLES' alternatives is a named group
    for lower in _LEVELS[_LEVELS.index(level) + 1 :]:
        levels.pop(lower, None)
    words = _OPENING.match(_ENUMERATED.sub("", text))
    assert words is not None  # `^…{0,40}` matches every text
    opening = words[0]
    fund = named(opening)
    if fund is None and LEXICON.all_funds_heading.search(opening.strip()):
        fund = Fund.ALL
    levels[level] = fund


@dataclass(frozen=True)
class Scopes:
    """A document's scopes: of each figure of its text, and what its tables are."""

    funds: dict[tuple[int, int], Fund]  # each money figure's whose scope the text tells
    general_is_fiscal: bool  # no 政府性基金 or 国有资本经营 table holds a figure
    one_unit: bool  # a 单位预算, or an agency named 本级: every table is the 本级's

    def tables_for(self, figure: Figure) -> Callable[[Table], bool] | None:
        """Which tables may hold the figure: those of its funds and units; None where any may (its
        label names its own row: `一般公共预算拨款收入`, `本部门预算支出`; or its scope is unknown)."""
        units = units_of_label(figure.label)
        fund = None if of_label(figure.label) is not None else self.funds.get((figure.line, figure.column))
        if fund is None and units is None:
            return None

        def admits(table: Table) -> bool:
            held = units_of_table(table.title, " ".join(c.text for c in table.meta), self.one_unit)
            return match(fund, of_table(table.kind, table.title), self.general_is_fiscal) and units_match(
                units, held
            )

        return admits


def read(document: Document) -> Scopes:
    one_unit = document.meta.kind in (DocumentKind.UNIT_BUDGET, DocumentKind.UNIT_ACCOUNTS)
    return Scopes(
        of_figures(list(document.passages), document.breakdowns),
        general_is_fiscal(document.checked_tables),
        one_unit or bool(_OWN.search(document.meta.agency or "")),
    )

"""A reading that checks itself: a table's own arithmetic tests the reading before the document.

Published tables add up far more often than not.  Where many rows of one table fail to add up,
the likelier cause is bplint's reading (a continuation page whose figures landed a column off, a
row taken into the wrong table) than a department that got a third of a table wrong: bplint says
once that it could not read the table reliably (BP005) and does no arithmetic on it, instead of
reporting every row.  A row or two off is still said row by row: that is what a document's
errors look like.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bplint import regexes
from bplint.catalog import Rule
from bplint.engine import check
from bplint.findings import Finding
from bplint.language import Lang
from bplint.model.document import Document, Table, TableRow

# The rules of a table's own arithmetic: rows, columns, the 科目 tree.
ARITHMETIC = ("BP401", "BP402", "BP403")
# A table fails as read, not as printed, when more than this share of its rows with figures do
# not add up, and at least `_AT_LEAST` of them.
_SHARE = 3
_AT_LEAST = 3


@dataclass(frozen=True)
class Unreliable:
    table: Table
    failing: int  # rows whose arithmetic failed
    rows: int  # rows with figures
    pages: tuple[int, ...]


@dataclass(frozen=True)
class Review:
    document: Document  # the document given, or a copy with the unreliable tables marked unread
    said: list[Finding]  # a BP005 for each table marked
    # The findings of the arithmetic rules on `document`, by rule, when it is the document given:
    # the rules need not run on it twice (they are a tenth of a document's rules).  Empty otherwise.
    found: dict[str, list[Finding]]


def review(
    document: Document,
    rules: dict[str, Rule],
    lang: Lang,
    excerpt: Callable[[int], str | None],
    pages: Sequence[int | None] = (),
) -> Review:
    """The document with the tables bplint could not read reliably marked unread (no rule does
    arithmetic on them), and one BP005 for each."""
    arithmetic = [rules[id] for id in ARITHMETIC if id in rules and rules[id].check is not None]
    by_rule = {rule.id: check.run(rule, rule.check, document, lang, excerpt, rules) for rule in arithmetic}
    found = [f for findings in by_rule.values() for f in findings]
    if not found or "BP005" not in rules:
        return Review(document, [], by_rule)
    unreliable = [u for table in document.checked_tables if (u := _judge(table, found, pages))]
    if not unreliable:
        return Review(document, [], by_rule)
    marked = {id(u.table) for u in unreliable}
    tables = tuple(replace(t, unread=True) if id(t) in marked else t for t in document.tables)
    said = [_finding(u, rules["BP005"], lang, excerpt) for u in unreliable]
    return Review(replace(document, tables=tables), said, {})


def _judge(table: Table, found: list[Finding], pages: Sequence[int | None]) -> Unreliable | None:
    lines = {row.line for row in table.rows if row.figures or _misplaced(row)}
    failing = {f.line for f in found if f.line in lines} | {row.line for row in table.rows if _misplaced(row)}
    if len(failing) < _AT_LEAST or len(failing) * _SHARE <= len(lines):
        return None
    shown = sorted({p for line in failing if 0 < line <= len(pages) and (p := pages[line - 1]) is not None})
    return Unreliable(table, len(failing), len(lines), tuple(shown))


# A sum of money as printed (1,040.00, 600.00): never a 科目 code, a 序号 or a row's name.
_MONEY = regexes.compile(r"-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)")


def _misplaced(row: TableRow) -> bool:
    """A row whose money stands under a column of codes, numbers or names: read a column off."""
    return any(cell.amount is None and _MONEY.fullmatch(cell.text) for cell in row.cells)


def _finding(unreliable: Unreliable, rule: Rule, lang: Lang, excerpt: Callable[[int], str | None]) -> Finding:
    table, pages = unreliable.table, unreliable.pages
    where = _pages(pages, lang)
    if lang == "zh":
        detail = (f"bplint 未能可靠读取《{table.title}》{where}：按 bplint 读到的数字，"
                  f"{unreliable.rows} 行中有 {unreliable.failing} 行对不上，多半是读错了列或行，"
                  "而不是表本身有误，请对照原表人工核对")  # fmt: skip
    else:
        detail = (f"bplint could not read {table.title}{where} reliably: as read, "
                  f"{unreliable.failing} of its {unreliable.rows} rows do not add up, which points to a "
                  "misreading (a column or row off) rather than to the table; compare it with the printed "
                  "table by hand")  # fmt: skip
    finding = rule.finding(lang, {"detail": detail}, table.line, excerpt=excerpt(table.line))
    return replace(finding, table=table.title)


def _pages(pages: tuple[int, ...], lang: Lang) -> str:
    if not pages:
        return ""
    span = str(pages[0]) if len(pages) == 1 else f"{pages[0]}–{pages[-1]}"
    return (
        f"（第 {span} 页）" if lang == "zh" else f" (page {span})" if len(pages) == 1 else f" (pages {span})"
    )

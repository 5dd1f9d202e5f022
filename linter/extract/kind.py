"""What a document is, read from what it says of itself (the kinds: bplint.model.kind)."""

from __future__ import annotations

from bplint.extract.lexicon import LEXICON
from bplint.extract.text import clean
from bplint.layout import Block, Paragraph
from bplint.model.document import Listed, Table
from bplint.model.kind import DocumentKind

_COVER = 12  # paragraphs at the start that may be the cover or the title
_TITLE = 40  # characters a title may have: a longer paragraph is running text (`2023年决算数…`)


def read_kind(
    blocks: list[Block], tables: list[Table], listed: tuple[Listed, ...], sheets: int
) -> DocumentKind:
    """The kind the cover or title says; else the one more table titles (read or listed) say; else a
    budget where the document has 绩效目标表 (a 决算 prints 绩效自评表 instead) or tables none of whose
    titles says 决算; else unknown (as many titles say 决算 as 预算, or nothing was read)."""
    words = LEXICON.document_kinds
    cover = [clean(b.text) for b in blocks[:_COVER] if isinstance(b, Paragraph)]
    said = next((m for text in cover if len(text) <= _TITLE and (m := words.title.search(text))), None)
    if said is not None:
        return _kind(said["disclosure"], said["scope"] or _scope(cover))
    titles = [t.title for t in tables] + [e.title for e in listed]
    accounts = sum(bool(words.accounts_table.search(t)) for t in titles)
    budget = sum(bool(words.budget_table.search(t) and not words.accounts_table.search(t)) for t in titles)
    if accounts > budget:
        return _kind("决算", _scope(cover))
    # Every 决算 table names itself so (收入支出决算总表): disclosure tables none of which does are a
    # budget's.  A table of another kind alone (an evaluation report's 项目支出情况表) says nothing.
    disclosing = any(t.kind in LEXICON.disclosure_tables for t in tables) or listed
    if budget > accounts or sheets or (disclosing and not accounts):
        return _kind("预算", _scope(cover))
    return DocumentKind.UNKNOWN


def _scope(cover: list[str]) -> str:
    """单位 where the cover names a unit's disclosure; else 部门, the national template's own."""
    return "单位" if any(LEXICON.document_kinds.unit.search(text) for text in cover) else "部门"


def _kind(disclosure: str, scope: str) -> DocumentKind:
    return DocumentKind(f"{'单位' if scope == '单位' else '部门'}{disclosure}")


def is_blank_template(paragraphs: list[Paragraph], tables: list[Table]) -> bool:
    """A template nobody filled in: its text keeps placeholders (`XX 局`, `XXX 万元`) in many
    paragraphs and no table holds a figure other than zero."""
    pattern = LEXICON.document_kinds.placeholder
    marked = sum(1 for p in paragraphs if pattern.search(p.text))
    # A 决算 template numbers its rows (行次 1, 2, 3 …) and leaves the figures blank: no money.
    filled = any(
        cell.amount and not LEXICON.is_not_money(cell.header)
        for table in tables
        for row in table.rows
        for cell in row.cells
    )
    return marked >= LEXICON.document_kinds.template_paragraphs and not filled

"""The kind of a document: a budget (预算) or final accounts (决算), of a department (部门) or a unit
(单位); and whether it is a blank template (`上海市 XX 局 2024 年度部门决算`, tables with no figure).

The same finance office reviews both disclosures, with different tables and different rules: the
kind decides which rules run (a rule's `documents:`) and how reports name the disclosure.  It is
read from what the document says of itself: its cover and title, the titles its 目录 lists and the
titles of its tables; the words are data (`document_kinds` in lexicon.yaml).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from bplint.layout import Block, Paragraph
from bplint.model.lexicon import LEXICON
from bplint.model.text import clean

if TYPE_CHECKING:  # the model's Meta holds a DocumentKind: document.py imports this module
    from bplint.model.document import Listed, Table

_COVER = 12  # paragraphs at the start that may be the cover or the title
_TITLE = 40  # characters a title may have: a longer paragraph is running text (`2023年决算数…`)


class Disclosure(Enum):
    BUDGET = "预算"
    ACCOUNTS = "决算"


class DocumentKind(Enum):
    """What a document is, as rules name it in `documents:` and the JSON report prints it."""

    DEPARTMENT_BUDGET = "部门预算"
    UNIT_BUDGET = "单位预算"
    DEPARTMENT_ACCOUNTS = "部门决算"
    UNIT_ACCOUNTS = "单位决算"
    UNKNOWN = "unknown"  # nothing the document says tells: checked as a budget, and said once

    @property
    def disclosure(self) -> Disclosure | None:
        if self is DocumentKind.UNKNOWN:
            return None
        return Disclosure.ACCOUNTS if self.value.endswith("决算") else Disclosure.BUDGET

    @property
    def accounts(self) -> bool:
        return self.disclosure is Disclosure.ACCOUNTS

    @property
    def checked_as(self) -> Disclosure:
        """The disclosure whose rules run on it: a document of unclear kind is checked as a budget
        (what every document was checked as before 决算 were known)."""
        return self.disclosure or Disclosure.BUDGET

    def applies(self, documents: tuple[str, ...]) -> bool:
        """Whether a rule for `documents` (预算, 决算, 部门决算 …; () for every kind) runs on it."""
        if not documents:
            return True
        return self.checked_as.value in documents or self.value in documents

    @property
    def wording(self) -> str:
        """How messages name the disclosure: 部门预算公开, 单位决算公开 (预算公开 when unclear)."""
        return f"{self.value if self is not DocumentKind.UNKNOWN else '预算'}公开"

    @property
    def tables_word(self) -> tuple[str, str]:
        """How messages name its tables and its project sheets, in Chinese and English."""
        if self.accounts:
            return "决算表", "final-accounts table"
        return "预算表", "budget table"

    @property
    def sheets_word(self) -> str:
        return "绩效自评表" if self.accounts else "绩效目标表"


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
    filled = any(cell.amount for table in tables for row in table.rows for cell in row.cells)
    return marked >= LEXICON.document_kinds.template_paragraphs and not filled


def parse_documents(value: object) -> tuple[str, ...] | None:
    """A rule's `documents:` as a tuple of kinds, or None when it names something no kind is."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        return None
    known = {d.value for d in Disclosure} | {k.value for k in DocumentKind if k is not DocumentKind.UNKNOWN}
    return tuple(names) if all(n in known for n in names) else None

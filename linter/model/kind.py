"""The kind of a document: a budget (预算) or final accounts (决算), of a department (部门) or a unit
(单位); and whether it is a blank template (`上海市 XX 局 2024 年度部门决算`, tables with no figure).

The same finance office reviews both disclosures, with different tables and different rules: the
kind decides which rules run (a rule's `documents:`) and how reports name the disclosure.  It is
read from what the document says of itself: its cover and title, the titles its 目录 lists and the
titles of its tables (bplint.extract.kind); the words are data (`document_kinds` in lexicon.yaml).
"""

from __future__ import annotations

from enum import Enum


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
    def tables_word(self) -> str:
        """How Chinese messages name its tables (the English ones say `tables`)."""
        return "决算表" if self.accounts else "预算表"

    @property
    def sheets_word(self) -> str:
        return "绩效自评表" if self.accounts else "绩效目标表"


def parse_documents(value: object) -> tuple[str, ...] | None:
    """A rule's `documents:` as a tuple of kinds, or None when it names something no kind is."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        return None
    known = {d.value for d in Disclosure} | {k.value for k in DocumentKind if k is not DocumentKind.UNKNOWN}
    return tuple(names) if all(n in known for n in names) else None

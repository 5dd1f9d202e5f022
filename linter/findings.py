"""Findings: what bplint reports, in the shape of ../shared/spec/output.md.

A finding explains itself with the contract's fields, typed here (docs/output.md): an indicator
value's `value` (`ValueDetail`), an arithmetic finding's working (`Sum` from an identity, or
`Comparison` from a rule's own `expected`/`actual`/… vars) with its `terms`, and a PDF's `page`.
Each says itself in the JSON as the contract has it: the keys in the order they always had.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bplint.language import Lang
from bplint.location import Location, render
from bplint.severity import Severity


@dataclass(frozen=True)
class Stated:
    """A value read as a quantity: its comparator (`≥`, or None), amount and unit as printed."""

    op: str | None
    amount: str
    unit: str | None


@dataclass(frozen=True)
class ValueDetail:
    """`value`: the indicator value as printed (`raw`), and as read: a quantity (`op`, `amount`,
    `unit`), or anything else as bplint.values.value_json says it (`parsed`); a value that could
    not be read at all (BP003) has its `raw` only."""

    raw: str | None
    quantity: Stated | None = None
    parsed: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"raw": self.raw}
        if self.quantity is not None:
            data |= dataclasses.asdict(self.quantity)
        if self.parsed is not None:
            data["parsed"] = self.parsed
        return data


@dataclass(frozen=True)
class Term:
    """One term of a sum: its label, its amount as printed, the line it was read on, and (once
    the finding is located) where that is as the reader finds it."""

    label: str | None
    amount: str
    line: int | None
    where: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label, "amount": self.amount, "line": self.line}
        return data if self.where is None else {**data, "where": self.where}


Figure = str | int  # a decimal with its unit (`267.42万元`), or a year (BP705's expected)


@dataclass(frozen=True)
class Sum:
    """An identity's working (bplint.engine.arithmetic): what the total should be, what it is
    (`空白` for a blank), the gap and the rounding allowed, and the terms; always all five."""

    difference: str
    tolerance: str
    expected: str
    actual: str
    terms: tuple[Term, ...]

    def to_json(self) -> dict[str, Any]:
        return _contract(self)


@dataclass(frozen=True)
class Comparison:
    """A rule's own working, from the vars it names `expected`, `actual`, `difference`,
    `tolerance`, `terms` (bplint.engine.check): those it has, in that order."""

    expected: Figure | None = None
    actual: Figure | None = None
    difference: Figure | None = None
    tolerance: Figure | None = None
    terms: tuple[Term, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        return _contract(self)


def _contract(working: Sum | Comparison) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in (f.name for f in dataclasses.fields(working)):
        value = getattr(working, name)
        if value is not None:
            data[name] = [t.to_json() for t in value] if name == "terms" else value
    return data


T = TypeVar("T")


def said_in(value: T, say: Callable[[str], str]) -> T:
    """`value` with each of its texts said by `say` (the places a text marks, bplint.location.said)."""
    if isinstance(value, str):
        return say(value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {key: said_in(item, say) for key, item in value.items()}  # type: ignore[return-value]
    if isinstance(value, list | tuple):
        return type(value)(said_in(item, say) for item in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: said_in(getattr(value, f.name), say) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)  # type: ignore[type-var]
    return value


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    project: str | None = None
    table: str | None = None
    excerpt: str | None = None
    # Self-explanation (the contract's fields): `value` for a value finding, the working of an
    # arithmetic one, the page in the file of one in a PDF.
    value: ValueDetail | None = field(default=None, compare=False)
    working: Sum | Comparison | None = field(default=None, compare=False)
    page: int | None = field(default=None, compare=False)
    fingerprint: str | None = field(default=None, compare=False)  # see bplint.fingerprint
    # Where it is as the document's reader finds it (bplint.locate); None before it is located.
    location: Location | None = field(default=None, compare=False)

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.rule, self.message)

    @property
    def on_project(self) -> str | None:
        """The project the finding is on: its sheet's 项目名称, or that of the 决算 绩效自评表 its
        location names (`project` keeps only the former: waivers and baselines name it)."""
        return self.project or (self.location.project if self.location is not None else None)

    def where(self, lang: Lang) -> str:
        """The location said in `lang` (`第12页 表3 收支总表 “合计”行`), or "" where none is known."""
        return render(self.location, lang) if self.location is not None else ""

    def to_json(self, lang: Lang = "zh") -> dict[str, Any]:
        data = {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column if self.end_column is not None else self.column,
            "project": self.project,
            "table": self.table,
            "excerpt": self.excerpt,
        }
        if self.fingerprint:
            data["fingerprint"] = self.fingerprint
        if self.value is not None:
            data["value"] = self.value.to_json()
        if self.working is not None:
            data |= self.working.to_json()
        if self.page is not None:
            data["page"] = self.page
        if self.location is not None:
            data["location"] = {**self.location.to_json(), "said": self.where(lang)}
        return data

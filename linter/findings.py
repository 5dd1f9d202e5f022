"""Findings: what bplint reports, in the shape of ../shared/spec/output.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bplint.language import Lang
from bplint.location import Location, render
from bplint.severity import Severity


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
    # Self-explanation: `value` for a value finding, `expected`/`actual`/… for arithmetic.
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    fingerprint: str | None = field(default=None, compare=False)  # see bplint.fingerprint
    # Where it is as the document's reader finds it (bplint.locate); None before it is located.
    location: Location | None = field(default=None, compare=False)

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.rule, self.message)

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
        data.update(self.details)
        if self.location is not None:
            data["location"] = {**self.location.to_json(), "said": self.where(lang)}
        return data

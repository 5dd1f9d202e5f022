"""Findings: what bplint reports, in the shape of ../shared/spec/output.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def severity_rank(severity: str) -> int:
    """error 3, warning 2, info 1: `--fail-on` compares with this."""
    return {"error": 3, "warning": 2, "info": 1}.get(severity, 0)


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: str
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

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
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
        data.update(self.details)
        return data

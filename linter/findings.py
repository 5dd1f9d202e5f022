"""Findings: what bplint reports, in the shape of ../shared/spec/output.md."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import PurePath
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
    fingerprint: str | None = field(default=None, compare=False)  # see `fingerprinted`

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
        if self.fingerprint:
            data["fingerprint"] = self.fingerprint
        data.update(self.details)
        return data


def fingerprinted(path: str, findings: list[Finding]) -> list[Finding]:
    """The findings with their fingerprints: stable when lines shift and wherever the file is linted
    from (rule, file name, project, table and message; the same message twice told apart by its
    order), so a waiver (`fingerprint: …`) names one finding."""
    seen: dict[str, int] = {}
    name = PurePath(path).name
    marked = []
    for finding in findings:
        identity = "|".join((finding.rule, name, finding.project or "", finding.table or "", finding.message))
        seen[identity] = seen.get(identity, 0) + 1
        digest = hashlib.sha256(f"{identity}|{seen[identity]}".encode()).hexdigest()[:16]
        marked.append(replace(finding, fingerprint=digest))
    return marked

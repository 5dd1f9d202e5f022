"""A rule pack of one rule, X901, that the hostile-configuration tests vary one field at a time."""

from __future__ import annotations

TEMPLATE = """id: X901
name: mine
severity: warning
title: 标题
message: {zh: "MESSAGE"}
explain: {what: a, why: b, fix: c}
examples: {bad: {text: "a"}, good: {text: "b"}}
select: projects
when: "WHEN"
"""


def one_rule(message: str = "MESSAGE", when: str = "WHEN") -> str:
    """The pack's YAML with its message and condition filled in (left as placeholders by default)."""
    return TEMPLATE.replace("MESSAGE", message).replace("WHEN", when)

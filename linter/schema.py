"""The shape of a rule document: what each key must hold, checked when a pack is loaded.

A rule pack is written by hand and may come from anyone; a key of the wrong kind, or a message
placeholder that would reach into Python (`{project.__class__}`) or pad to a gigabyte
(`{value:>1000000000}`), is an error naming the rule, never a failure while linting.
"""

from __future__ import annotations

import string
from typing import Any

import regex

# Ids are printed in every report and used on the command line: letters, digits, - and _.
ID = regex.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")
EXPLAIN_KEYS = ("what", "why", "fix")


def titles(doc: dict[str, Any]) -> dict[str, Any]:
    """A rule's title by language: a plain one is the Chinese."""
    return doc["title"] if isinstance(doc["title"], dict) else {"zh": doc["title"]}


def problem(doc: dict[str, Any], message: dict[str, Any]) -> str | None:
    """What is wrong with a rule document's descriptive keys, in Chinese; None when nothing is."""
    if not isinstance(doc["id"], str) or not ID.fullmatch(doc["id"]):
        return "id 应由字母开头，只含字母、数字、- 和 _（如 BP509、X-cost-1）"
    if not isinstance(doc["name"], str) or not doc["name"].strip():
        return "name 应当是一段文字"
    title = titles(doc)
    if "zh" not in title or not all(isinstance(text, str) and text.strip() for text in title.values()):
        return "title 应当是一段文字，或按语言分开写（zh: …，en: …），至少有 zh"
    for lang, template in message.items():
        wrong = _template_problem(template)
        if wrong:
            return f"message 的 {lang} 文本{wrong}"
    explain = doc["explain"]
    if (
        not isinstance(explain, dict)
        or set(explain) - set(EXPLAIN_KEYS)
        or not all(isinstance(text, str) for text in explain.values())
    ):
        return "explain 应写成 {what: …, why: …, fix: …}（每项一段文字）"
    return _examples_problem(doc["examples"])


def _template_problem(template: Any) -> str | None:
    if not isinstance(template, str):
        return "应当是一段文字"
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return "中的花括号不成对；文字中的花括号写成 {{ 和 }}"
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            written = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            return f"中的占位符 {{{written}}} 不可用；只能写 {{名称}}，如 {{budget}}"
    return None


def fields(template: str) -> set[str]:
    """The placeholder names of a message that passed `problem`."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _examples_problem(examples: Any) -> str | None:
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        return "examples 应写成 {bad: {text: …}, good: {text: …}}"
    for kind, example in examples.items():
        if (
            not isinstance(example, dict)
            or len(example) != 1
            or not isinstance(example.get("text", example.get("bytes")), str)
        ):
            return f"examples 的 {kind} 应写成 {{text: …}}（或 {{bytes: …}}）"
    return None

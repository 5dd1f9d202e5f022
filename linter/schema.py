"""The shape of a rule document: what each key must hold, checked when a pack is loaded.

A rule pack is written by hand and may come from anyone; a key of the wrong kind, or a message
placeholder that would reach into Python (`{project.__class__}`) or pad to a gigabyte
(`{value:>1000000000}`), is an error naming the rule, never a failure while linting.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Iterable
from typing import Any

from bplint import regexes

# Ids are printed in every report and used on the command line: letters, digits, - and _.
ID = regexes.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")
EXPLAIN_KEYS = ("what", "why", "fix")
EXAMPLE_KEYS = ("bad", "good")
LANGS = ("zh", "en")  # the languages of messages and titles (--lang)


def unknown(keys: Iterable[Any], known: Iterable[str]) -> str:
    """Unknown keys named, each with the known one it was most likely meant to be:
    `fial-on（是否想写 fail-on？）`."""
    known = list(known)
    named = []
    for key in keys:
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        named.append(f"{key}（是否想写 {close[0]}？）" if close else str(key))
    return "、".join(named)


def stray(where: str, keys: Iterable[Any], known: Iterable[str], kind: str = "键") -> str:
    """`explain 中未知的键 waht（是否想写 what？）（可用：what、why、fix）`."""
    known = list(known)
    extra = [key for key in keys if key not in known]
    return f"{where}未知的{kind} {unknown(extra, known)}（可用：{'、'.join(known)}）"


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
    for key, texts in (("title", title), ("message", message)):
        if set(texts) - set(LANGS):
            return stray(f"{key} 中", texts, LANGS, "语言")
    for lang, template in message.items():
        wrong = _template_problem(template)
        if wrong:
            return f"message 的 {lang} 文本{wrong}"
    explain = doc["explain"]
    if not isinstance(explain, dict) or not all(isinstance(text, str) for text in explain.values()):
        return "explain 应写成 {what: …, why: …, fix: …}（每项一段文字）"
    if set(explain) - set(EXPLAIN_KEYS):
        return stray("explain 中", explain, EXPLAIN_KEYS)
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
    if not isinstance(examples, dict):
        return "examples 应写成 {bad: {text: …}, good: {text: …}}"
    if set(examples) - set(EXAMPLE_KEYS):
        return stray("examples 中", examples, EXAMPLE_KEYS)
    for kind, example in examples.items():
        if (
            not isinstance(example, dict)
            or len(example) != 1
            or not isinstance(example.get("text", example.get("bytes")), str)
        ):
            return f"examples 的 {kind} 应写成 {{text: …}}（或 {{bytes: …}}）"
    return None

"""The rule catalogue: every rule's id, name, severity, title, messages and examples.

Rules are YAML documents in the package's `rules/` folder (one document per
rule) and in any pack a user adds.  A broken file is a CatalogError naming the
file, the line and what is wrong.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from bplint.findings import SEVERITIES

REQUIRED = ("id", "name", "severity", "title", "message", "explain", "examples")


class CatalogError(Exception):
    """A rule file that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str
    title: str
    message: dict[str, str]
    explain: dict[str, str]
    examples: dict[str, Any]
    source: str
    line: int
    extra: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str, **values: Any) -> str:
        template = self.message.get(lang) or self.message["zh"]
        return template.format_map(_Blank(values))


class _Blank(dict):
    """Placeholders a finding does not fill print as empty, never raise."""

    def __missing__(self, key: str) -> str:
        return ""


class _LineLoader(yaml.SafeLoader):
    """Records the line each mapping starts on, so errors can name it."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load_file(text: str, source: str) -> list[Rule]:
    try:
        documents = [doc for doc in yaml.load_all(text, Loader=_LineLoader) if doc is not None]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        raise CatalogError(f"{where}: YAML 格式错误：{getattr(error, 'problem', error)}") from None
    return [_rule(doc, source) for doc in documents]


def _rule(doc: Any, source: str) -> Rule:
    if not isinstance(doc, dict):
        raise CatalogError(f"{source}: 每个 YAML 文档应当是一条规则（键值映射）")
    line = doc.pop("__line__", 0)
    where = f"{source}:{line}"
    missing = [key for key in REQUIRED if key not in doc]
    if missing:
        raise CatalogError(f"{where}: 规则 {doc.get('id', '?')} 缺少字段 {', '.join(missing)}")
    if doc["severity"] not in SEVERITIES:
        raise CatalogError(f"{where}: 规则 {doc['id']} 的 severity 应为 error、warning 或 info")
    message = _strip_lines(doc["message"])
    if not isinstance(message, dict) or "zh" not in message:
        raise CatalogError(f"{where}: 规则 {doc['id']} 的 message 需要 zh（中文）文本")
    known = set(REQUIRED)
    return Rule(
        id=str(doc["id"]),
        name=str(doc["name"]),
        severity=doc["severity"],
        title=str(doc["title"]),
        message=message,
        explain=_strip_lines(doc["explain"]),
        examples=_strip_lines(doc["examples"]),
        source=source,
        line=line,
        extra={k: _strip_lines(v) for k, v in doc.items() if k not in known},
    )


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


@functools.cache
def builtin_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    folder = resources.files("bplint.rules")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            rules.extend(load_file(entry.read_text(encoding="utf-8"), f"rules/{entry.name}"))
    return tuple(rules)


def load_rules(extra_packs: tuple[str, ...] = ()) -> dict[str, Rule]:
    """The built-in rules plus the user's packs, by id; a duplicate id is an error."""
    rules: dict[str, Rule] = {}
    packs = [builtin_rules()]
    for pack in extra_packs:
        try:
            text = Path(pack).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CatalogError(f"{pack}: 无法读取规则文件：{error}") from None
        packs.append(tuple(load_file(text, pack)))
    for pack_rules in packs:
        for rule in pack_rules:
            if rule.id in rules:
                first = rules[rule.id]
                raise CatalogError(
                    f"{rule.source}:{rule.line}: 规则编号 {rule.id} 已在 {first.source}:{first.line} 定义"
                )
            rules[rule.id] = rule
    return rules

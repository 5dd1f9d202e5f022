"""The rule catalogue: every rule's id, name, severity, title, messages and examples.

Rules are YAML documents in the package's `rules/` folder (one document per
rule) and in any pack a user adds.  A broken file is a CatalogError naming the
file, the line and what is wrong.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from bplint import cache, read, schema, structured
from bplint.findings import Finding
from bplint.language import Lang
from bplint.limits import Limits
from bplint.model.kind import Disclosure, DocumentKind, parse_documents
from bplint.severity import Severity

REQUIRED = ("id", "name", "severity", "title", "message", "explain", "examples")
# Which documents a rule runs on (`documents: [决算]`): bplint.model.kind; every kind when absent.
SCOPE_KEYS = ("documents",)
# What a rule checks (see bplint.engine.check); a rule without them is raised by a stage (BP0).
CHECK_KEYS = ("select", "where", "when", "vars", "params", "at", "identities", "checker")
# An outcome of a check another rule owns (`outcome_of: arithmetic.rounding`): what the rule reports.
OUTCOME_KEYS = ("outcome_of",)
KEYS = REQUIRED + SCOPE_KEYS + OUTCOME_KEYS + CHECK_KEYS


class CatalogError(Exception):
    """A rule file that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    title: str
    message: dict[str, str]
    explain: dict[str, str]
    examples: dict[str, Any]
    source: str
    line: int
    extra: dict[str, Any] = field(default_factory=dict)
    check: Any = field(default=None, compare=False, repr=False)  # bplint.engine.check.Check
    titles: dict[str, str] = field(default_factory=dict)  # by language; `title` is the Chinese
    documents: tuple[str, ...] = ()  # the kinds it runs on (预算, 决算, 部门决算 …); () for all
    outcome_of: str | None = None  # the outcome of another rule's check it reports (BP407's rounding)

    def applies(self, kind: DocumentKind) -> bool:
        """Whether this rule runs on a document of this kind (budget rules never on a 决算)."""
        return kind.applies(self.documents)

    def heading(self, lang: Lang) -> str:
        """The rule's title in `lang`, or the Chinese one where the rule has none in it."""
        return self.titles.get(lang) or self.title

    def render(self, lang: Lang, **values: Any) -> str:
        template = self.message.get(lang) or self.message["zh"]
        return template.format_map(_Blank(values))

    def finding(self, lang: Lang, placeholders: dict[str, Any], line: int, column: int = 1, **where: Any):
        """This rule's finding at a place: its message rendered, `where` the rest (project, table …)."""
        return Finding(
            self.id, self.name, self.severity, self.render(lang, **placeholders), line, column, **where
        )


class _Blank(dict):
    """Placeholders a finding does not fill print as empty, never raise."""

    def __missing__(self, key: str) -> str:
        return ""


@functools.cache
def _line_loader() -> type:
    """A loader that records the line each mapping starts on, so errors can name it (libyaml's when
    installed); made when a rule file is read, not from the cache: PyYAML is imported then."""
    import yaml

    class LineLoader(structured.loader()):  # type: ignore[misc]
        pass

    def with_line(loader: LineLoader, node: yaml.MappingNode) -> dict:
        mapping = loader.construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, with_line)
    return LineLoader


@dataclass(frozen=True)
class Pack:
    """One rule file: its rules and the named conditions (`define:`) it shares."""

    rules: tuple[Rule, ...]
    definitions: dict[str, tuple[str, str]]  # name -> (expression, "file:line")


def load_file(text: str, source: str) -> Pack:
    try:
        documents = cache.documents(text, _documents)
    except structured.StructureError as error:
        where = f"{source}:{error.line}" if error.line else source
        raise CatalogError(f"{where}: {error}") from None
    rules: list[Rule] = []
    definitions: dict[str, tuple[str, str]] = {}
    for doc in documents:
        if isinstance(doc, dict) and "define" in doc and "id" not in doc:
            definitions |= _definitions(doc, source)
        else:
            rules.append(_rule(doc, source))
    return Pack(tuple(rules), definitions)


def _documents(text: str) -> list[Any]:
    """A rule file's documents, read as any configuration is (bplint.structured: no aliases, no
    nesting past its bound); each mapping knows its line."""
    return [doc for doc in structured.yaml_documents(text, _line_loader()) if doc is not None]


def _definitions(doc: dict, source: str) -> dict[str, tuple[str, str]]:
    where = f"{source}:{doc.get('__line__', 0)}"
    if set(doc) - {"define", "__line__"}:
        raise CatalogError(f"{where}: {schema.stray('define 文档中', doc, ('define', '__line__'))}"
                           "；define 文档只写 define，规则另写一个文档")  # fmt: skip
    defined = _strip_lines(doc["define"])
    if not isinstance(defined, dict) or not all(isinstance(x, str) for x in defined.values()):
        raise CatalogError(f"{where}: define 应当是“名称: 表达式”的映射")
    return {name: (text, where) for name, text in defined.items()}


def _rule(doc: Any, source: str) -> Rule:
    if not isinstance(doc, dict):
        raise CatalogError(f"{source}: 每个 YAML 文档应当是一条规则（键值映射）")
    doc = dict(doc)  # it may be the cache's own, saved after this
    line = doc.pop("__line__", 0)
    where = f"{source}:{line}"
    missing = [key for key in REQUIRED if key not in doc]
    if missing:
        stray = [key for key in doc if key not in KEYS]
        hint = f"（{schema.stray('', stray, KEYS, '字段')}）" if stray else ""
        raise CatalogError(f"{where}: 规则 {doc.get('id', '?')} 缺少字段 {', '.join(missing)}{hint}")
    if doc["severity"] not in tuple(Severity):
        raise CatalogError(f"{where}: 规则 {doc['id']} 的 severity 应为 error、warning 或 info")
    message = _strip_lines(doc["message"])
    if not isinstance(message, dict) or "zh" not in message:
        raise CatalogError(f"{where}: 规则 {doc['id']} 的 message 需要 zh（中文）文本")
    problem = schema.problem(_strip_lines(doc), message)
    if problem:
        raise CatalogError(f"{where}: 规则 {doc['id']}：{problem}")
    known = set(REQUIRED) | set(SCOPE_KEYS) | set(OUTCOME_KEYS)
    unknown = [k for k in doc if k not in known and k not in CHECK_KEYS]
    if unknown:
        raise CatalogError(f"{where}: 规则 {doc['id']} 有{schema.stray('', unknown, KEYS, '字段')}")
    documents = parse_documents(_strip_lines(doc["documents"])) if "documents" in doc else ()
    if documents is None:
        names = "、".join(_KIND_NAMES)
        problem = f"documents 应为 {names} 中的一个或几个（如 documents: [决算]）"
        raise CatalogError(f"{where}: 规则 {doc['id']} 的 {problem}")
    titles = schema.titles(doc)
    outcome = _outcome(doc, where)
    return Rule(
        id=str(doc["id"]),
        name=str(doc["name"]),
        severity=Severity(doc["severity"]),
        title=str(titles["zh"]),
        titles={str(k): str(v) for k, v in titles.items()},
        message=message,
        explain=_strip_lines(doc["explain"]),
        examples=_strip_lines(doc["examples"]),
        source=source,
        line=line,
        extra={k: _strip_lines(v) for k, v in doc.items() if k not in known},
        documents=documents,
        outcome_of=outcome,
    )


def _outcome(doc: dict, where: str) -> str | None:
    """The outcome a rule reports (bplint.engine.arithmetic.OUTCOMES), or None; another is an error."""
    from bplint.engine.arithmetic import OUTCOMES

    if "outcome_of" not in doc:
        return None
    outcome = doc["outcome_of"]
    if outcome not in OUTCOMES:
        names = "、".join(OUTCOMES)
        raise CatalogError(f"{where}: 规则 {doc['id']} 的 outcome_of 应为 {names} 之一，而不是 {outcome!r}")
    if set(doc) & set(CHECK_KEYS):
        problem = "报告另一条规则的检查结果（outcome_of），不能自己写 select"
        raise CatalogError(f"{where}: 规则 {doc['id']} {problem}")
    return str(outcome)


_KIND_NAMES = [d.value for d in Disclosure] + [k.value for k in DocumentKind if k is not DocumentKind.UNKNOWN]


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


@functools.cache
def builtin_packs() -> tuple[Pack, ...]:
    folder = resources.files("bplint.rules")
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".yaml")), key=lambda e: e.name)
    packs = tuple(load_file(e.read_text(encoding="utf-8"), f"rules/{e.name}") for e in entries)
    cache.save()
    return packs


def builtin_rules() -> tuple[Rule, ...]:
    return tuple(rule for pack in builtin_packs() for rule in pack.rules)


def load_rules(extra_packs: tuple[str, ...] = (), bound: int = Limits.pack_mb) -> dict[str, Rule]:
    """The built-in rules plus the user's packs, by id, each with its compiled check.

    A duplicate id, a duplicate definition or an expression that does not compile
    is a CatalogError naming the file, the line and the rule."""
    packs = list(builtin_packs())
    for pack in extra_packs:
        try:
            text = read.read_small(pack, bound)
        except read.ReadError as error:
            raise CatalogError(f"{pack}: 无法读取规则文件：{error.zh}") from None
        packs.append(load_file(text, pack))
    rules = _compiled(_by_id(packs), _definitions_of(packs))
    cache.save()
    return rules


def _definitions_of(packs: list[Pack]) -> dict[str, tuple[str, str]]:
    definitions: dict[str, tuple[str, str]] = {}
    for pack in packs:
        for name, (text, where) in pack.definitions.items():
            if name in definitions:
                raise CatalogError(f"{where}: 定义 {name} 已在 {definitions[name][1]} 定义")
            definitions[name] = (text, where)
    return definitions


def _compiled(rules: dict[str, Rule], definitions: dict[str, tuple[str, str]]) -> dict[str, Rule]:
    from bplint.engine.check import compile_check
    from bplint.engine.expr import Definitions, ExprError

    shared = Definitions({name: text for name, (text, _) in definitions.items()})
    compiled = {}
    for rule_id, rule in rules.items():
        try:
            check = compile_check(rule.extra, shared)
        except ExprError as error:
            raise CatalogError(f"{rule.source}:{rule.line}: 规则 {rule.id}：{error}") from None
        except RecursionError:  # definitions that use each other hundreds deep
            problem = "条件引用的定义层层嵌套过深"
            raise CatalogError(f"{rule.source}:{rule.line}: 规则 {rule.id}：{problem}") from None
        if check is not None:
            _placeholders_filled(rule, check.placeholders)
        compiled[rule_id] = replace(rule, check=check)
    return compiled


def _placeholders_filled(rule: Rule, known: set[str]) -> None:
    """A placeholder the rule never fills would print as nothing: a misspelt name."""
    for lang, template in rule.message.items():
        unknown = sorted(schema.fields(template) - known)
        if unknown:
            raise CatalogError(
                f"{rule.source}:{rule.line}: 规则 {rule.id}：message 的 {lang} 文本中的 "
                f"{'、'.join('{' + name + '}' for name in unknown)} 没有值；可用：{'、'.join(sorted(known))}"
                "（vars 中定义的名称也可用）"
            )


def _by_id(packs: list[Pack]) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in rules:
                first = rules[rule.id]
                raise CatalogError(
                    f"{rule.source}:{rule.line}: 规则编号 {rule.id} 已在 {first.source}:{first.line} 定义"
                )
            rules[rule.id] = rule
    _one_rule_per_outcome(rules)
    return rules


def _one_rule_per_outcome(rules: dict[str, Rule]) -> None:
    """Each outcome of a check (`outcome_of`) is reported by one rule: a second is an error."""
    reporting: dict[str, Rule] = {}
    for rule in rules.values():
        if rule.outcome_of and (first := reporting.setdefault(rule.outcome_of, rule)) is not rule:
            taken = f"{rule.outcome_of} 已由 {first.id}（{first.source}:{first.line}）报告"
            raise CatalogError(f"{rule.source}:{rule.line}: 规则 {rule.id}：{taken}")

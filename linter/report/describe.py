"""What bplint says of itself rather than of a document: a rule's explanation (`bplint explain`),
the settings a run would use (`--show-settings`), and the waivers a run did not need."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from bplint.findings import SEVERITY_ZH

if TYPE_CHECKING:  # types only: `bplint explain` stays quick to start
    from bplint.catalog import Rule
    from bplint.config import Config, Waiver
    from bplint.lint import FileResult


def explanation(rule: Rule) -> str:
    """`bplint explain BP301`: what the rule checks, why, how to fix it, its YAML and examples."""
    parts = [f"{rule.id} {rule.name}（{SEVERITY_ZH[rule.severity]}）", rule.title, ""]
    for key, heading in (("what", "检查什么"), ("why", "为什么"), ("fix", "怎么改")):
        if rule.explain.get(key):
            parts += [f"## {heading}", str(rule.explain[key]).strip(), ""]
    check = [f"{key}: {rule.extra[key]}" for key in ("select", "where", "when") if key in rule.extra]
    identities = rule.extra.get("identities") or ()
    if identities:
        check += ["identities:", *(f"  - {text}" for text in identities)]
    if check:
        parts += ["## 规则（rules/ 中的 YAML）", *check, ""]
    for key, heading in (("bad", "错误示例"), ("good", "正确示例")):
        example = rule.examples.get(key)
        if isinstance(example, dict):
            example = example.get("text") or repr(example.get("bytes"))
        if example:
            parts += [f"## {heading}", str(example).rstrip(), ""]
    return "\n".join(parts).rstrip() + "\n"


def configuration(conf: Config, lang: str) -> str | None:
    """Which configuration applied, and whether it was found beside the documents (so that it may
    select and waive, not loosen); None when none did."""
    if conf.path is None:
        return None
    if lang == "zh":
        beside = "（在被检查文件旁找到：可选择规则、豁免问题，不能调高上限或放宽 fail-on）"
        return f"配置：{conf.path}{beside if conf.beside else ''}"
    beside = " (found beside the documents: it may select and waive, never loosen a bound or fail-on)"
    return f"configuration: {conf.path}{beside if conf.beside else ''}"


def settings(conf: Config, rules: dict[str, Rule], fail_on: str, selected: frozenset[str]) -> str:
    """What a run would use, as `ruff --show-settings` prints it, in the config's own words."""
    chosen = sorted(selected)
    limits = " ".join(f"{k.replace('_', '-')}={v}" for k, v in dataclasses.asdict(conf.limits).items())
    lines = [
        f"config: {conf.path or '-'}{' (beside the documents)' if conf.beside else ''}",
        f"lang: {conf.lang}",
        f"fail-on: {fail_on}",
        f"rules (packs): {' '.join(conf.rules) or '-'}",
        f"selected ({len(chosen)}/{len(rules)}): {' '.join(chosen)}",
        f"waive: {len(conf.waivers)}" + "".join(f"\n  - {w.rule}: {w.reason}" for w in conf.waivers),
        f"baseline: {len(conf.baseline)}",
        f"limits: {limits}",
    ]
    return "\n".join(lines)


def unused_waivers(conf: Config, results: list[FileResult]) -> list[str]:
    """A note for each waiver that covered no finding in a whole run (like ruff's RUF100): the
    finding it was written for is gone, so the waiver can go too.  None when `--select` narrows it."""
    if conf.select:
        return []
    return [_unused(conf, w) for w in conf.waivers
            if not any(w.covers(r.path, f) for r in results for f, _ in r.waived)]  # fmt: skip


def _unused(conf: Config, waiver: Waiver) -> str:
    keys = ("rule", "file", "project", "fingerprint")
    named = ", ".join(f"{k}: {v}" for k in keys if (v := getattr(waiver, k)) is not None)
    if conf.lang == "zh":
        return f"{conf.path}: 豁免（{named}）没有对应任何问题，问题已改正时请删去这一项"
    return f"{conf.path}: the waiver ({named}) matched no finding; remove it if the finding is fixed"

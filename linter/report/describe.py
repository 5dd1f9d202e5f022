"""What bplint says of itself rather than of a document: a rule's explanation (`bplint explain`),
the settings a run would use (`--show-settings`), and the waivers a run did not need."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from bplint.language import Lang

if TYPE_CHECKING:  # types only: `bplint explain` stays quick to start
    from bplint.catalog import Rule
    from bplint.config import Config, Waiver
    from bplint.lint import FileResult


_HEADINGS = {
    "zh": ("检查什么", "为什么", "怎么改", "规则（rules/ 中的 YAML）", "错误示例", "正确示例"),
    "en": ("What it checks (in Chinese)", "Why", "How to fix it", "The rule (its YAML in rules/)",
           "Bad example", "Good example"),
}  # fmt: skip


def explanation(rule: Rule, lang: Lang = "zh") -> str:
    """`bplint explain BP301`: what the rule checks, why, how to fix it, its YAML and examples.  The
    explanations are written in Chinese; in English the headings and the title are English."""
    headings = _HEADINGS[lang]
    severity = rule.severity.word(lang)
    opening = (
        f"{rule.id} {rule.name}（{severity}）" if lang == "zh" else f"{rule.id} {rule.name} ({severity})"
    )
    parts = [opening, rule.heading(lang), ""]
    for key, heading in zip(("what", "why", "fix"), headings, strict=False):
        if rule.explain.get(key):
            parts += [f"## {heading}", str(rule.explain[key]).strip(), ""]
    check = [f"{key}: {rule.extra[key]}" for key in ("select", "where", "when") if key in rule.extra]
    identities = rule.extra.get("identities") or ()
    if identities:
        check += ["identities:", *(f"  - {text}" for text in identities)]
    if check:
        parts += [f"## {headings[3]}", *check, ""]
    for key, heading in (("bad", headings[4]), ("good", headings[5])):
        example = rule.examples.get(key)
        if isinstance(example, dict):
            example = example.get("text") or repr(example.get("bytes"))
        if example:
            parts += [f"## {heading}", str(example).rstrip(), ""]
    return "\n".join(parts).rstrip() + "\n"


def configuration(conf: Config, lang: Lang) -> str | None:
    """Which configuration applied, and whether it was found beside the documents (so that it may
    select and waive, not loosen); None when none did."""
    if conf.path is None:
        return None
    if lang == "zh":
        beside = "（在被检查文件旁找到：可选择规则、豁免问题，不能调高上限或放宽 fail-on）"
        return f"配置：{conf.path}{beside if conf.beside else ''}"
    beside = " (found beside the documents: it may select and waive, never loosen a bound or fail-on)"
    return f"configuration: {conf.path}{beside if conf.beside else ''}"


# What each setting is called, in each language: the config's own keys lead, so that a line can be
# copied into bplint.yaml.
_SETTINGS = {
    "zh": {
        "config": "配置文件", "beside": "（在被检查文件旁）", "lang": "语言", "fail-on": "退出码为 1 的级别",
        "rules": "追加规则包", "selected": "启用的规则", "waive": "豁免",
        "baseline": "基线中已接受的问题", "limits": "上限",
    },
    "en": {
        "config": "config", "beside": " (beside the documents)", "lang": "lang", "fail-on": "fail-on",
        "rules": "rules (packs)", "selected": "selected", "waive": "waive", "baseline": "baseline",
        "limits": "limits",
    },
}  # fmt: skip


def settings(
    conf: Config, rules: dict[str, Rule], fail_on: str, selected: frozenset[str], lang: Lang = "zh"
) -> str:
    """What a run would use, as `ruff --show-settings` prints it: each setting's key in the config,
    what it is called in `lang`, and its value."""
    words = _SETTINGS.get(lang, _SETTINGS["zh"])
    chosen = sorted(selected)
    limits = " ".join(f"{k.replace('_', '-')}={v}" for k, v in dataclasses.asdict(conf.limits).items())

    def said(key: str, value: str) -> str:
        return f"{key}（{words[key]}）: {value}" if lang == "zh" else f"{words[key]}: {value}"

    lines = [
        said("config", f"{conf.path or '-'}{words['beside'] if conf.beside else ''}"),
        said("lang", str(conf.lang)),
        said("fail-on", fail_on),
        said("rules", " ".join(conf.rules) or "-"),
        said("selected", f"{len(chosen)}/{len(rules)} {' '.join(chosen)}"),
        said("waive", str(len(conf.waivers))) + "".join(f"\n  - {w.rule}: {w.reason}" for w in conf.waivers),
        said("baseline", str(len(conf.baseline))),
        said("limits", limits),
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

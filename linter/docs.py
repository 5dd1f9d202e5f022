"""docs/rules.md, written from the rules themselves: `python -m bplint.docs` writes it,
`python -m bplint.docs --check` says whether it is current (tests/test_docs.py runs the check), so
the page can never say what the rules no longer do."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

import regex

from bplint.catalog import Rule, builtin_rules

HEADER = """\
# Rules

bplint's {count} built-in rules, written from `rules/*.yaml` by `python -m bplint.docs`: do not edit
this page by hand (tests/test_docs.py fails when it no longer matches the rules). `bplint rules` lists
them and `bplint explain ID` prints one of them in a terminal. A rule runs on every kind of document
unless it names the kinds it is for (`documents: [预算]` — 部门预算 and 单位预算 —, `[决算]`).
Severities: **error** (a contradiction to correct before publishing), **warning** (likely wrong: check
it), **info** (worth a look: rounding, typography)."""

_EXPLAIN = (("what", "What it checks"), ("why", "Why"), ("fix", "How to fix it"))
_CHECK = ("outcome_of", "select", "checker", "vars", "where", "when", "identities")


def render(rules: tuple[Rule, ...]) -> str:
    """The whole page: a table of the rules by pack, then each rule in full."""
    packs: dict[str, list[Rule]] = {}
    for rule in rules:
        packs.setdefault(rule.source, []).append(rule)
    parts = [HEADER.format(count=len(rules)), ""]
    for source, members in packs.items():
        parts += [f"## {_pack_heading(source)}", "", "| id | name | severity | runs on | title |"]
        parts += ["| --- | --- | --- | --- | --- |"]
        parts += [_row(rule) for rule in members]
        parts.append("")
    for rule in rules:
        parts += _section(rule)
    return "\n".join(parts).rstrip() + "\n"


def _pack_heading(source: str) -> str:
    """A pack's heading: the first sentence of its file's opening comment (`# BP1: one indicator
    value by itself.`), and the file."""
    name = source.rsplit("/", 1)[-1]
    text = resources.files("bplint.rules").joinpath(name).read_text(encoding="utf-8")
    comment = " ".join(line[1:].strip() for line in _opening_comment(text))
    first = comment.split(". ", 1)[0].rstrip(".")
    return f"{first} (`rules/{name}`)"


def _opening_comment(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def _row(rule: Rule) -> str:
    kinds = "、".join(rule.documents) or "all"
    cells = (f"[{rule.id}](#{rule.id.lower()}-{rule.name})", rule.name, rule.severity, kinds, rule.title)
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _section(rule: Rule) -> list[str]:
    kinds = "、".join(rule.documents) or "every document"
    parts = [f"### {rule.id} {rule.name}", "", f"**{rule.severity}** · runs on: {kinds}", ""]
    parts += [f"{rule.title} — {rule.heading('en')}", ""]
    for key, heading in _EXPLAIN:
        if rule.explain.get(key):
            parts += [f"**{heading}.** {' '.join(str(rule.explain[key]).split())}", ""]
    shown = {**rule.extra, "vars": _conditions(rule.extra)}
    if rule.outcome_of:
        shown["outcome_of"] = rule.outcome_of
    check = [_check_line(key, shown[key]) for key in _CHECK if shown.get(key)]
    if check:
        parts += ["The rule as written in its pack:", "", "```yaml", *check, "```", ""]
    for key, heading in (("bad", "Fires on"), ("good", "Passes")):
        parts += [f"{heading}:", "", *_example(rule.examples.get(key) or {}), ""]
    return parts


def _conditions(spec: dict) -> dict[str, str]:
    """The rule's vars its `where` or `when` names: the parts of its condition (not its words)."""
    condition = " ".join(str(spec.get(key, "")) for key in ("where", "when"))
    named = set(regex.findall(r"[\p{L}_][\p{L}\p{N}_]*", condition))
    return {name: text for name, text in (spec.get("vars") or {}).items() if name in named}


def _check_line(key: str, value: object) -> str:
    if isinstance(value, dict):
        return "\n".join([f"{key}:", *(f"  {name}: {text}" for name, text in value.items())])
    if isinstance(value, list):
        return "\n".join([f"{key}:", *(f"  - {item}" for item in value)])
    return f"{key}: {value}"


def _example(example: dict) -> list[str]:
    if "bytes" in example:
        return [f"a file of the bytes `{example['bytes']!r}`"]
    return ["```text", str(example.get("text", "")).rstrip("\n"), "```"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bplint.docs", description=__doc__)
    parser.add_argument("path", nargs="?", default="docs/rules.md", help="the page (default docs/rules.md)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is not current")
    args = parser.parse_args(argv)
    page, text = Path(args.path), render(builtin_rules())
    if args.check:
        current = page.exists() and page.read_text(encoding="utf-8") == text
        if not current:
            print(f"{page} is stale: run python -m bplint.docs", file=sys.stderr)
        return 0 if current else 1
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

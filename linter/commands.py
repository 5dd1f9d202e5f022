"""The commands beside `check`: `bplint rules`, `bplint explain ID`, `bplint dump FILE` and
`bplint baseline prune BASELINE FILE…`.  Each imports what it uses when it runs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bplint.commandline import (
    UNREAD,
    ChineseHelp,
    Command,
    limits_of,
    load_config,
    load_rules,
    padded,
    usage_error,
    write_atomically,
)
from bplint.language import LANGS, Lang
from bplint.report.terminal import printable, printable_lines
from bplint.serve.command import serve  # click only: the server is imported when it runs

if TYPE_CHECKING:
    from bplint.limits import Limits

_PACKS = click.option(
    "--rules", "packs", multiple=True, type=click.Path(dir_okay=False), help="追加规则包（YAML）"
)


@click.command(name="rules", cls=Command)
@_PACKS
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def list_rules(packs: tuple[str, ...], lang: Lang) -> None:
    """列出全部规则：编号、名称、级别、标题。"""
    from bplint.config import Config

    rules = load_rules(Config(rules=tuple(packs))).values()
    name_width = max((len(rule.name) for rule in rules), default=0) + 2
    for rule in rules:
        severity = padded(rule.severity.word(lang), 9)
        click.echo(
            printable(f"{padded(rule.id, 7)}{padded(rule.name, name_width)}{severity}{rule.heading(lang)}")
        )


@click.command(cls=Command)
@click.argument("rule_id")
@_PACKS
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def explain(rule_id: str, packs: tuple[str, ...], lang: Lang) -> None:
    """显示一条规则的说明、原因、改法与示例。"""
    import difflib

    from bplint.config import Config
    from bplint.report.describe import explanation

    rules = load_rules(Config(rules=tuple(packs)))
    rule = rules.get(rule_id.upper()) or next((r for r in rules.values() if r.name == rule_id), None)
    if rule is None:
        # An O for a 0 or an I for a 1 first (`BP1O1`), then the id or name nearest in spelling.
        typed = rule_id.upper().replace("O", "0").replace("I", "1").replace("L", "1")
        close = (
            [typed]
            if typed in rules
            # one character off at most in an id (BP999 is not BP709); a name may be misspelt more
            else difflib.get_close_matches(rule_id, [*rules, *(r.name for r in rules.values())], 1, 0.8)
        )
        hint = f"（是不是 {close[0]}？）" if close else ""
        hint_en = f" (did you mean {close[0]}?)" if close else ""
        usage_error(f"没有规则 {rule_id}{hint}；用 `bplint rules` 查看全部规则",
                    f"no rule {rule_id}{hint_en}; see `bplint rules`")  # fmt: skip
    click.echo(printable_lines(explanation(rule, lang)))


@click.command(cls=Command)
@click.argument("path")
@click.option(
    "--tables",
    "tables",
    is_flag=True,
    help="一览：目录所列的表、读取的每张表（种类、页、单位、列、行数）和项目",
)
@click.option(
    "--coverage",
    "coverage",
    is_flag=True,
    help="每页印出的数字有多少被读取；列出表格中未被读取的每个数字及其位置",
)
@click.option("--timeout", type=float, help="最多处理几秒（默认 300，与检查相同）")
@click.option("--limit", "limit_options", multiple=True, metavar="NAME=VALUE", help="调整上限，与检查相同")
def dump(path, tables, coverage, timeout, limit_options) -> None:
    """以 JSON 显示 bplint 从文件中读到的内容（模型）；--tables 只列出表和项目，--coverage 列出读取的数字。"""
    import functools

    from bplint import runner

    bounds = limits_of(load_config(None, near=[path]), limit_options, timeout)
    try:  # read as a file is linted: in a process of its own, under the same bounds
        view = "tables" if tables else "coverage" if coverage else "json"
        click.echo(runner.bounded(functools.partial(_dumped, path, view, bounds), bounds), nl=False)
    except runner.Stopped as stop:
        click.echo(printable(f"bplint: {path}: {stop.zh}"), err=True)
        sys.exit(UNREAD)


class _Group(ChineseHelp, click.Group):
    command_class = Command


@click.group(cls=_Group)
def baseline() -> None:
    """基线（--write-baseline 写出的已接受问题列表）的维护。"""


@baseline.command()
@click.argument("baseline_path", metavar="BASELINE", type=click.Path(dir_okay=False, exists=True))
@click.argument("paths", nargs=-1, required=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（同检查）")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), help="同时检查几个文件（默认：处理器核数）")
@click.option("--dry-run", is_flag=True, help="只列出会删去的项，不改写基线文件")
def prune(baseline_path, paths, config_path, jobs, dry_run) -> None:
    """检查文件，删去基线中已没有对应问题的项（问题已改正或文件已删去）。"""
    from dataclasses import replace

    from bplint import api, baseline

    conf = load_config(config_path, near=list(paths))
    try:
        entries = api.read_baseline(baseline_path, mb=conf.limits.pack_mb)
    except Exception as error:  # ConfigError: not a baseline
        usage_error(str(error))
    results = list(api.run(paths, config=replace(conf, baseline=entries), jobs=jobs))
    kept, dropped = baseline.pruned(entries, results)
    for entry in dropped:
        click.echo(
            printable(f"{baseline_path}: 删去 {entry.rule} {entry.file} {entry.where}：{entry.message}")
        )
    if not dry_run and dropped:
        write_atomically(Path(baseline_path), baseline.dumps(kept, baseline_path))
    done = "将删去" if dry_run else "已删去"
    click.echo(f"{baseline_path}: {done} {len(dropped)} 项，保留 {len(kept)} 项")
    if any(not r.readable for r in results):
        sys.exit(UNREAD)  # an unread file's findings are unknown: its entries may have been dropped


ALL = (list_rules, explain, dump, baseline, serve)


def _dumped(path: str, view: str, limits: Limits) -> str:
    """What `bplint dump` prints: the model read from a file as JSON, its overview (`tables`) or the
    numbers it took of each page (`coverage`)."""
    from bplint import extract, read
    from bplint.catalog import load_rules
    from bplint.engine.claims import unplaced
    from bplint.model.dump import coverage_view, overview, to_json
    from bplint.report.terminal import json_printable, printable_lines

    source = read.read_path(path, limits)
    document = extract.build(source)
    if view == "tables":  # what a document holds is shown, never obeyed by the terminal
        return printable_lines(overview(document, source.pages)) + "\n"
    if view == "coverage":
        return printable_lines(coverage_view(document)) + "\n"
    return json_printable(to_json(document, unplaced(document, load_rules()))) + "\n"

"""The terminal report: one finding a line, as compilers and ruff print them."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import click

from bplint.findings import SEVERITY_ZH
from bplint.lint import FileResult
from bplint.report import describe
from bplint.report.json_report import summary as tally
from bplint.report.terminal import printable

if TYPE_CHECKING:
    from bplint.config import Config

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(results: list[FileResult], lang: str, colour: bool, statistics: bool = False) -> str:
    if statistics:
        return "\n".join([*_statistics(results, lang), _summary_line(results, lang)]) + "\n"
    return "".join(file_report(result, lang, colour) for result in results) + summary(results, lang)


def configuration(conf: Config, lang: str) -> str:
    """A last line naming the configuration that applied, if one did."""
    said = describe.configuration(conf, lang)
    return printable(said) + "\n" if said else ""


def summary(results: list[FileResult], lang: str) -> str:
    """The last line: files, findings by severity, what was waived and read."""
    return _summary_line(results, lang) + "\n"


def file_report(result: FileResult, lang: str, colour: bool) -> str:
    """One file's lines (its findings, what was read, what was waived): printed as it finishes."""
    lines = []
    for f in result.findings:
        severity = click.style(f.severity, fg=_COLOURS[f.severity]) if colour else f.severity
        rule = click.style(f.rule, bold=True) if colour else f.rule
        project = ""
        if f.project:
            project = f"  (项目: {f.project})" if lang == "zh" else f"  (project: {f.project})"
        if f.details.get("location"):
            project += f"  [{f.details['location']}]"
        where = printable(f"{result.path}:{f.line}:{f.column}:")
        lines.append(f"{where} {rule} [{severity}] {printable(f.message + project)}")
    if result.meta is not None:
        lines.append(printable(_read_line(result, lang)))
    for f, reason in result.waived:
        waived = "已豁免" if lang == "zh" else "waived"
        lines.append(printable(f"{result.path}:{f.line}: {f.rule} [{waived}] {reason}"))
    return "".join(line + "\n" for line in lines)


def _read_line(result: FileResult, lang: str) -> str:
    s = result.stats
    if lang == "zh":
        tables = f"、{s['tables']} 张预算表" if s["tables"] else ""
        listed = (
            [f"{s['tables_listed']} 张表已读取 {s['tables_listed_read']} 张"]
            if s.get("tables_listed")
            else []
        )
        if s.get("sheets_listed"):
            listed.append(f"{s['sheets_listed']} 张项目绩效目标表已读取 {s['sheets_listed_read']} 张")
        tables += f"（目录所列 {'，'.join(listed)}）" if listed else ""
        return (f"{result.path}: 读取 {s['projects']} 个项目、{s['indicators']} 个指标值"
                f"（已解析 {s['values_parsed']} 个）{tables}{_numbers(s, lang)}")  # fmt: skip
    counts = f"{s['projects']} projects, {s['indicators']} indicator values ({s['values_parsed']} parsed)"
    tables = f", {s['tables']} budget tables" if s["tables"] else ""
    if s.get("tables_listed"):
        tables += f" ({s['tables_listed_read']} of the {s['tables_listed']} its contents list)"
    if s.get("sheets_listed"):
        tables += (
            f"; project sheets listed in its contents read: {s['sheets_listed_read']}/{s['sheets_listed']}"
        )
    return f"{result.path}: read {counts}{tables}{_numbers(s, lang)}"


def _numbers(stats: dict, lang: str) -> str:
    """`；数字 2,314/2,320 已读取`: how much of what the document prints the model took."""
    if not stats.get("numbers"):
        return ""
    taken, printed = stats["numbers_read"], stats["numbers"]
    return (
        f"；数字 {taken:,}/{printed:,} 已读取" if lang == "zh" else f"; numbers read: {taken:,}/{printed:,}"
    )


def _summary_line(results: list[FileResult], lang: str) -> str:
    c = tally(results)
    listed = sum(r.stats.get("tables_listed", 0) for r in results)
    read = sum(r.stats.get("tables_listed_read", 0) for r in results)
    sheets = sum(r.stats.get("sheets_listed", 0) for r in results)
    sheets_read = sum(r.stats.get("sheets_listed_read", 0) for r in results)
    if lang == "zh":
        parts = "，".join(f"{SEVERITY_ZH[k]} {c[k]} 处" for k in ("error", "warning", "info"))
        waived = f"（另有 {c['waived']} 处已按配置豁免）" if c["waived"] else ""
        covered = [f"表已读取 {read}/{listed}"] if listed else []
        covered += [f"项目绩效目标表已读取 {sheets_read}/{sheets}"] if sheets else []
        coverage = f"；目录所列的{'，'.join(covered)}" if covered else ""
        return f"共检查 {c['files']} 个文件：{parts}{waived}{coverage}{_numbers(_sum(results), lang)}"
    waived = f" ({c['waived']} waived by the config)" if c["waived"] else ""
    counts = f"{_count(c['error'], 'error')}, {_count(c['warning'], 'warning')}, {c['info']} info"
    coverage = f"; tables listed in the contents read: {read}/{listed}" if listed else ""
    coverage += f"; project sheets listed read: {sheets_read}/{sheets}" if sheets else ""
    return f"{_count(c['files'], 'file')} checked: {counts}{waived}{coverage}{_numbers(_sum(results), lang)}"


def _sum(results: list[FileResult]) -> dict:
    return {key: sum(r.stats.get(key, 0) for r in results) for key in ("numbers", "numbers_read")}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _statistics(results: list[FileResult], lang: str) -> list[str]:
    """Counts per rule, most frequent first, as `ruff --statistics` prints them."""
    counts = Counter((f.rule, f.name, f.severity) for r in results for f in r.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return [
        printable(f"{n:>5}  {rule}  {name:<30} {SEVERITY_ZH[severity] if lang == 'zh' else severity}")
        for (rule, name, severity), n in rows
    ]

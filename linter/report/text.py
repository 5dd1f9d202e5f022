"""The terminal report: one finding a line, as compilers and ruff print them."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

import click

from bplint.language import Lang
from bplint.lint import FileResult
from bplint.location import render as say
from bplint.report import describe
from bplint.report.json_report import summary as tally
from bplint.report.terminal import printable
from bplint.severity import SEVERITIES, Severity

if TYPE_CHECKING:
    from bplint.config import Config

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(results: list[FileResult], lang: Lang, colour: bool, statistics: bool = False,
           verbose: bool = False) -> str:  # fmt: skip
    if statistics:
        return "\n".join([*_statistics(results, lang), _summary_line(results, lang)]) + "\n"
    return "".join(file_report(result, lang, colour, verbose) for result in results) + summary(results, lang)


def configuration(conf: Config, lang: Lang) -> str:
    """A last line naming the configuration that applied, if one did."""
    said = describe.configuration(conf, lang)
    return printable(said) + "\n" if said else ""


def summary(results: list[FileResult], lang: Lang) -> str:
    """The last line: files, findings by severity, what was waived and read."""
    return _summary_line(results, lang) + "\n"


def file_report(result: FileResult, lang: Lang, colour: bool, verbose: bool = False) -> str:
    """One file's lines (its findings, what was read; with `verbose`, what was accepted): printed
    as it finishes."""
    lines = []
    for f in result.findings:
        word = f.severity.word(lang)
        severity = click.style(word, fg=_COLOURS[f.severity]) if colour else word
        rule = click.style(f.rule, bold=True) if colour else f.rule
        said = printable(f.message + _aside(f, lang))
        lines.append(f"{printable(where(result.path, f, lang))} {rule} [{severity}] {said}")
    if result.meta is not None:
        lines.append(printable(_read_line(result, lang)))
    if verbose:
        for f, reason in result.waived:
            accepted = "已接受" if lang == "zh" else "accepted"
            lines.append(
                printable(f"{where(result.path, f, lang)} {f.rule} [{accepted}] {f.message}（{reason}）")
            )
    return "".join(line + "\n" for line in lines)


def where(path: str, finding, lang: Lang) -> str:
    """Where a finding is, leading its line: in a PDF, Word document or workbook the page, table,
    row and column as the document prints them (`a.pdf: 第12页 表3 收支总表 “合计”行:`); in a text
    export its line and column, which are the file's own (`a.txt:12:3:`)."""
    location = finding.location
    if location is not None and location.in_document:
        said = finding.where(lang)
        return f"{path}: {said}:" if said else f"{path}:"  # a file not read: no place in it
    return f"{path}:{finding.line}:{finding.column}:"


def _aside(finding, lang: Lang) -> str:
    """After the message: the project (unless the location leading the line names it); in a text
    export, the table, row and heading the line is in."""
    location = finding.location
    said = finding.where(lang)
    in_document = location is not None and location.in_document
    aside = ""
    if finding.project and not (in_document and location.project and said):
        aside = f"  (项目: {finding.project})" if lang == "zh" else f"  (project: {finding.project})"
    if aside and location is not None and location.project:
        said = say(replace(location, project=None), lang)  # the aside has named the project
    if said and not in_document:
        aside += f"  [{said}]"
    return aside


def _read_line(result: FileResult, lang: Lang) -> str:
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
        read = [f"{s['projects']} 个项目、{s['indicators']} 个指标值（已解析 {s['values_parsed']} 个）"]
        if s.get("evaluations"):  # a 决算: its 绩效自评表, and its projects only where it has some
            evaluated = f"{s['evaluations']} 张绩效自评表"
            read = [*read, evaluated] if s["projects"] else [evaluated]
        return f"{result.path}: 读取 {'、'.join(read)}{tables}{_numbers(s, lang)}"
    counts = f"{s['projects']} projects, {s['indicators']} indicator values ({s['values_parsed']} parsed)"
    if s.get("evaluations"):
        evaluated = _count(s["evaluations"], "self-evaluation sheet")
        counts = f"{counts}, {evaluated}" if s["projects"] else evaluated
    tables = f", {s['tables']} budget tables" if s["tables"] else ""
    if s.get("tables_listed"):
        tables += f" ({s['tables_listed_read']} of the {s['tables_listed']} its contents list)"
    if s.get("sheets_listed"):
        tables += (
            f"; project sheets listed in its contents read: {s['sheets_listed_read']}/{s['sheets_listed']}"
        )
    return f"{result.path}: read {counts}{tables}{_numbers(s, lang)}"


def _numbers(stats: dict, lang: Lang) -> str:
    """`；数字 2,314/2,320 已读取`: how much of what the document prints the model took."""
    if not stats.get("numbers"):
        return ""
    taken, printed = stats["numbers_read"], stats["numbers"]
    return (
        f"；数字 {taken:,}/{printed:,} 已读取" if lang == "zh" else f"; numbers read: {taken:,}/{printed:,}"
    )


def _summary_line(results: list[FileResult], lang: Lang) -> str:
    c = tally(results)
    listed = sum(r.stats.get("tables_listed", 0) for r in results)
    read = sum(r.stats.get("tables_listed_read", 0) for r in results)
    sheets = sum(r.stats.get("sheets_listed", 0) for r in results)
    sheets_read = sum(r.stats.get("sheets_listed_read", 0) for r in results)
    if lang == "zh":
        parts = "，".join(f"{s.word(lang)} {c[s]} 处" for s in SEVERITIES)
        waived = f"（另有 {c['waived']} 处已接受：已豁免或在基线中，-v 列出）" if c["waived"] else ""
        covered = [f"表已读取 {read}/{listed}"] if listed else []
        covered += [f"项目绩效目标表已读取 {sheets_read}/{sheets}"] if sheets else []
        coverage = f"；目录所列的{'，'.join(covered)}" if covered else ""
        return f"共检查 {c['files']} 个文件：{parts}{waived}{coverage}{_numbers(_sum(results), lang)}"
    waived = f" ({c['waived']} accepted by a waiver or the baseline; -v lists them)" if c["waived"] else ""
    # `2 errors, 1 warning, 3 info`: info is no count noun
    counts = ", ".join(
        f"{c[s]} {s}" if s is Severity.INFO else _count(c[s], s.word(lang)) for s in SEVERITIES
    )
    coverage = f"; tables listed in the contents read: {read}/{listed}" if listed else ""
    coverage += f"; project sheets listed read: {sheets_read}/{sheets}" if sheets else ""
    return f"{_count(c['files'], 'file')} checked: {counts}{waived}{coverage}{_numbers(_sum(results), lang)}"


def _sum(results: list[FileResult]) -> dict:
    return {key: sum(r.stats.get(key, 0) for r in results) for key in ("numbers", "numbers_read")}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _statistics(results: list[FileResult], lang: Lang) -> list[str]:
    """Counts per rule, most frequent first, as `ruff --statistics` prints them."""
    counts = Counter((f.rule, f.name, f.severity) for r in results for f in r.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    # Ids and names padded to the longest (a pack's X901, self-evaluation-score-over-points).
    ids = max((len(rule) for rule, _, _ in counts), default=0)
    names = max((len(name) for _, name, _ in counts), default=0)
    return [
        printable(f"{n:>5}  {rule:<{ids}}  {name:<{max(names, 30)}} {severity.word(lang)}")
        for (rule, name, severity), n in rows
    ]

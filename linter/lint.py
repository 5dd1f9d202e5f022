"""Running bplint over inputs: read, model, findings; one file's failure stays its own."""

from __future__ import annotations

import dataclasses
import functools
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bplint import model, read
from bplint.catalog import Rule
from bplint.engine import check
from bplint.findings import Finding
from bplint.model.document import Document, Problem

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".xlsx")


@dataclass(frozen=True)
class FileResult:
    path: str
    document: Document | None
    findings: tuple[Finding, ...]
    sha256: str | None = None
    readable: bool = True
    stats: dict = field(default_factory=dict)
    # Findings a config waived, each with the waiver's reason: (finding, reason).
    waived: tuple[tuple[Finding, str], ...] = ()
    lines: tuple[str, ...] = ()  # the decoded input, for reports that show the document


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files as given; a directory stands for every supported file below it, in order."""
    for path in paths:
        folder = Path(path)
        if path != "-" and folder.is_dir():
            found = sorted(
                p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            yield from (str(p) for p in found)
        else:
            yield path


def lint_source(
    source: read.Source, rules: dict[str, Rule], lang: str, only: set[str] | None = None
) -> FileResult:
    """Model one decoded input and run the rules (those in `only`, when given) over it."""
    document = model.build(source)
    findings = [_from_problem(problem, rules, lang, source) for problem in document.problems]
    excerpt = functools.partial(_excerpt, source)
    for rule in rules.values():
        if rule.check is not None and (only is None or rule.id in only):
            findings.extend(check.run(rule, rule.check, document, lang, excerpt, rules))
    if source.locations:
        findings = [_located(finding, source) for finding in findings]
    findings.sort(key=Finding.sort_key)
    return FileResult(source.path, document, tuple(findings), source.sha256, stats=_stats(document),
                      lines=tuple(source.lines))  # fmt: skip


def lint_path(
    path: str, rules: dict[str, Rule], lang: str, stdin: bytes | None = None, only: set[str] | None = None
) -> FileResult:
    """Lint one input; an unreadable file or an internal error becomes its BP001 finding."""
    try:
        source = read.decode(stdin, "-") if stdin is not None else read.read_path(path)
    except read.ReadError as error:
        reason = error.zh if lang == "zh" else error.en
        return _unreadable(path, rules, lang, reason)
    try:
        return lint_source(source, rules, lang, only)
    except Exception as error:  # a bug of ours must not stop the batch
        where = traceback.extract_tb(error.__traceback__)[-1]
        detail = f"{type(error).__name__}: {error} ({Path(where.filename).name}:{where.lineno})"
        reason = (
            f"bplint 内部错误，请报告：{detail}"
            if lang == "zh"
            else f"internal error, please report: {detail}"
        )
        return _unreadable(path, rules, lang, reason, source.sha256)


def _unreadable(
    path: str, rules: dict[str, Rule], lang: str, reason: str, sha256: str | None = None
) -> FileResult:
    rule = rules["BP001"]
    finding = Finding(rule.id, rule.name, rule.severity, rule.render(lang, reason=reason), line=1)
    return FileResult(path, None, (finding,), sha256, readable=False)


def _from_problem(problem: Problem, rules: dict[str, Rule], lang: str, source: read.Source) -> Finding:
    rule = rules[problem.rule]
    detail = problem.zh if lang == "zh" else problem.en
    details = {"value": {"raw": problem.raw}} if problem.rule == "BP003" and problem.raw is not None else {}
    return Finding(
        rule=rule.id,
        name=rule.name,
        severity=rule.severity,
        message=rule.render(lang, detail=detail),
        line=problem.line,
        column=problem.column,
        project=problem.project,
        table=problem.table,
        excerpt=_excerpt(source, problem.line),
        details=details,
    )


def _located(finding: Finding, source: read.Source) -> Finding:
    """A finding in a .docx/.pdf/.xlsx also says where in the original: page and location."""
    index = finding.line - 1
    if not 0 <= index < len(source.locations):
        return finding
    extra = {"location": source.locations[index]}
    if source.pages and source.pages[index] is not None:
        extra["page"] = source.pages[index]
    return dataclasses.replace(finding, details={**finding.details, **extra})


def _excerpt(source: read.Source, line: int) -> str | None:
    lines = source.lines
    return lines[line - 1].strip().replace("\t", " | ")[:200] if 0 < line <= len(lines) else None


def _stats(document: Document) -> dict:
    indicators = document.indicators
    return {
        "projects": len(document.projects),
        "indicators": len(indicators),
        "values_parsed": sum(ind.value is not None for ind in indicators),
        "tables": len(document.tables),
    }

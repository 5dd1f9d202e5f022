"""The HTML report: one self-contained file (CSS and JS inline) a finance office can open
from a USB stick and print.  Every piece of document text goes through jinja2's
autoescaping; nothing is fetched from the network.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from collections import Counter
from dataclasses import dataclass

import jinja2
import markupsafe

from bplint import __version__, regexes
from bplint.catalog import Rule
from bplint.config import Config
from bplint.findings import Finding
from bplint.language import Lang
from bplint.layout import strip_markers
from bplint.lint import FileResult
from bplint.report import describe
from bplint.report.json_report import summary
from bplint.report.terminal import printable
from bplint.severity import SEVERITIES, Severity, fails

CONTEXT = 2  # document lines shown above and below a finding
# Beyond this many files the whole texts are left out: 400 disclosures made a 40 MB page that a
# browser opens in tens of seconds; each finding's context is kept.
WHOLE_TEXTS = 20
_CELL_END = "\t。；;"

TEXTS = {
    "zh": {
        "title": "bplint 检查报告", "files": "文件",
        "rule": "规则", "project": "项目", "line": "行", "all": "全部", "findings": "问题",
        "waive_this": "豁免这一处（复制到 bplint.yaml 的 waive:）", "waive_reason": "为什么豁免",
        "document": "原文", "by_rule": "按规则", "by_project": "按项目", "no_project": "（不属于项目）",
        "shown": "显示", "of": "/", "rules": "规则说明", "what": "检查什么", "why": "为什么",
        "fix": "怎么改", "bad": "错误示例", "good": "正确示例", "provenance": "来源与版本",
        "version": "bplint 版本", "packs": "规则包", "generated": "生成时间", "sha256": "SHA-256",
        "unreadable": "无法读取", "waived": "已按配置豁免", "agency": "单位", "year": "年度",
        "unit": "金额单位", "none": "没有发现问题。", "builtin": "内置规则", "severity": "级别",
        "print": "打印", "outcome": "结论", "projects_read": "读取项目", "tables_read": "读取表格",
        "listed": "目录所列", "listed_read": "已读取", "indicators_read": "读取指标值",
        "numbers_read": "数字已读取",
        "sheets": "绩效目标表", "sheets_listed": "目录所列绩效目标表",
        "outcome_unreadable": "无法读取", "outcome_error": "需修改", "outcome_warning": "建议核对",
        "outcome_clean": "可以发布", "outcome_not_disclosure": "不是公开文件",
        "outcome_unchecked": "未经检查", "outcome_partial": "部分未经检查", "only": "只看",
        "filters": "筛选", "filter_by": "点击筛选",
        "stated": "所写", "computed": "按各项计算", "tolerance": "舍入容差",
        "no_document": "本报告包含 {n} 个文件，为便于打开，未附各文件全文（每处问题仍附上下文）；"
        "单独检查一个文件可看全文。",
        "search": "搜索", "search_hint": "搜索问题、位置、项目", "blocking_only": "只看需修改",
        "more": "另有 {n} 处同类问题", "fewer": "收起同类问题",
        "waive_group": "豁免本项目的这一类问题（复制到 bplint.yaml 的 waive:）",
    },
    "en": {
        "title": "bplint report",
        "files": "Files", "rule": "Rule", "project": "Project", "line": "line", "all": "all",
        "waive_this": "Waive this one (paste under waive: in bplint.yaml)",
        "waive_reason": "why it is accepted",
        "findings": "Findings", "document": "Document", "by_rule": "By rule",
        "by_project": "By project", "no_project": "(no project)", "shown": "shown", "of": "of",
        "rules": "Rules", "what": "What it checks", "why": "Why it matters", "fix": "How to fix",
        "bad": "Bad example", "good": "Good example", "provenance": "Provenance",
        "version": "bplint version", "packs": "Rule packs", "generated": "Generated",
        "sha256": "SHA-256", "unreadable": "unreadable", "waived": "Waived by the config",
        "agency": "Agency", "year": "Year", "unit": "Unit", "none": "No findings.",
        "builtin": "built-in rules", "severity": "Severity", "print": "Print", "outcome": "Outcome",
        "projects_read": "Projects read", "tables_read": "Tables read",
        "listed": "listed in its contents", "listed_read": "read", "indicators_read": "Indicator values read",
        "numbers_read": "Numbers read",
        "sheets": "sheets", "sheets_listed": "project sheets listed",
        "outcome_unreadable": "unreadable",
        "outcome_error": "to correct", "outcome_warning": "to review", "outcome_clean": "ready",
        "outcome_not_disclosure": "no disclosure", "outcome_unchecked": "not checked",
        "outcome_partial": "partly not checked",
        "only": "only", "filters": "Filters", "filter_by": "click to filter",
        "stated": "stated", "computed": "computed from its terms", "tolerance": "rounding allowed",
        "no_document": "This report covers {n} files: to keep it quick to open, the documents' full text is "
        "left out (each finding keeps its context); lint one file to see its whole text.",
        "search": "Search", "search_hint": "findings, places, projects", "blocking_only": "Only what to fix",
        "more": "{n} more of the same kind", "fewer": "Fold the same kind",
        "waive_group": "Waive this rule for this project (paste under waive: in bplint.yaml)",
    },
}  # fmt: skip


@dataclass(frozen=True)
class Excerpt:
    number: int
    before: str
    hit: str
    after: str
    target: bool


def render(
    results: list[FileResult],
    rules: dict[str, Rule],
    lang: Lang,
    packs: tuple[str, ...] = (),
    fail_on: str = Severity.ERROR,
    conf: Config | None = None,
    links: tuple[tuple[str, str], ...] = (),
) -> str:
    """The report; `links` (words, address) lead it where a server offers its downloads."""
    words = {**TEXTS[lang], **{s.value: s.word(lang) for s in SEVERITIES}}  # `t[severity]`
    whole = len(results) <= WHOLE_TEXTS
    files = [_file(i, result, words, whole, lang) for i, result in enumerate(results)]
    used = sorted({f.rule for r in results for f in r.findings}, key=lambda rid: rid)
    state, n = _state(results, fail_on)
    now = datetime.datetime.now(datetime.UTC)
    return _template().render(
        lang=lang,
        t=words,
        verdict=_verdict(state, n, results, lang),
        state=state,
        tone=_TONES.get(state, "bad"),
        fail_on=fail_on,
        blocking=" ".join(_blocking(fail_on)),
        verdicts=VERDICTS[lang],
        totals=summary(results),
        files=files,
        rules=[rules[rid] for rid in used if rid in rules],
        titles={rid: rule.heading(lang) for rid, rule in rules.items()},
        severities=SEVERITIES,
        version=__version__,
        packs=packs,
        configuration=describe.configuration(conf, lang) if conf is not None else None,
        no_document=None if whole else words["no_document"].format(n=len(results)),
        generated=now.strftime("%Y-%m-%d %H:%M:%S UTC"),
        generated_iso=now.isoformat(timespec="seconds"),
        links=links,
    )


# The verdict's words, with {n} for a count: the page recomputes them when a filter hides findings.
VERDICTS = {
    "zh": {
        "unreadable": "有 {n} 个文件无法读取，请先处理",
        "not_disclosure": "这不是预算（决算）公开文件：没有找到预算表或绩效目标表，未作检查",
        "unchecked": "有 {n} 个文件未经检查：bplint 未能读取其中任何一张表，请人工核对",
        "error": "发现 {n} 处须修改的问题（错误），请修改后再发布",
        "warning": "发现 {n} 处须修改的问题（错误或警告），请修改后再发布",
        "info": "发现 {n} 处须修改的问题，请修改后再发布",
        "review": "未发现须修改的问题；有 {n} 处警告，建议核对后发布",
        "partial": "已读取的部分未发现须修改的问题；但有 {n} 处未能读取的部分未经检查，请人工核对",
        "clean": "可以发布：未发现须修改的问题",
    },
    "en": {
        "unreadable": "{n} files could not be read",
        "not_disclosure": "Not a budget or final-accounts disclosure: no budget table or sheet found; "
        "not checked",
        "unchecked": "{n} files were NOT checked: bplint read none of their tables; check them by hand",
        "error": "{n} errors found: fix them before publishing",
        "warning": "{n} errors or warnings found: fix them before publishing",
        "info": "{n} findings to fix before publishing",
        "review": "Nothing to fix; {n} warnings worth checking before publishing",
        "partial": "Nothing to fix in what was read; {n} parts bplint could not read were not checked",
        "clean": "Ready to publish: nothing to fix",
    },
}
UNREAD_NOTE = {
    "zh": "（其中 {n} 处是 bplint 未能读取的部分，未经检查，请人工核对）",
    "en": " ({n} of them parts bplint could not read, not checked: check them by hand)",
}
_TONES = {"unreadable": "bad", "review": "warn", "partial": "warn", "clean": "good"}  # any other: bad
# Findings about bplint's own reading, not the document: they never make a file 需修改 (to correct);
# they make it 未经检查 (unchecked), or say which part of it was not.
_READING = frozenset({"BP001", "BP002", "BP004", "BP005", "BP006", "BP007", "BP008", "BP009"})
_UNCHECKED = frozenset({"BP007"})
_PARTS_UNREAD = frozenset({"BP004", "BP005", "BP006"})


def _blocking(fail_on: str) -> tuple[Severity, ...]:
    """The severities that fail the run, as the exit code counts them (none with `never`)."""
    return tuple(s for s in SEVERITIES if fails(s, fail_on))


def _state(results: list[FileResult], fail_on: str) -> tuple[str, int]:
    """The verdict (a key of VERDICTS) and the count it states, by the run's `--fail-on`."""
    unreadable = sum(not r.readable for r in results)
    if unreadable:
        return "unreadable", unreadable
    outcomes = [outcome(r) for r in results]
    if len(results) == 1 and outcomes[0] == "not_disclosure":
        return "not_disclosure", 1
    if "unchecked" in outcomes:
        return "unchecked", outcomes.count("unchecked")
    found = [f for r in results for f in r.findings if f.rule not in _READING]
    blocking = sum(1 for f in found if f.severity in _blocking(fail_on))
    if blocking:
        return fail_on, blocking
    if any(f.severity is Severity.WARNING for f in found):
        # Counted as the report's totals count them: a part bplint could not read is one to check too.
        shown = [f for r in results for f in r.findings if f.rule not in _READING or f.rule in _PARTS_UNREAD]
        return "review", sum(1 for f in shown if f.severity is Severity.WARNING)
    unread = _unread(results)
    return ("partial", unread) if unread else ("clean", 0)


def _unread(results: list[FileResult]) -> int:
    return sum(1 for r in results for f in r.findings if f.rule in _PARTS_UNREAD)


def _verdict(state: str, n: int, results: list[FileResult], lang: Lang) -> str:
    """The verdict's words; where it speaks of findings and some parts were not read, it says so."""
    said = VERDICTS[lang][state].format(n=n)
    unread = _unread(results)
    if unread and state not in ("partial", "unreadable", "unchecked", "not_disclosure", "clean"):
        said += UNREAD_NOTE[lang].format(n=unread)
    return said


@functools.cache
def _template() -> jinja2.Template:
    # Compiled at each start (about 40 ms, only for an HTML report): jinja2's bytecode cache is
    # marshal and pickle read back from a folder, code run from a file anyone there could plant.
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("bplint.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["cells"] = _cells
    environment.filters["columns"] = _columns
    environment.filters["printable"] = printable
    # A name in a waiver to paste: a JSON string is a YAML double-quoted scalar, Chinese kept.
    environment.filters["quoted"] = lambda text: json.dumps(text, ensure_ascii=False)
    return environment.get_template("report.html.j2")


def _columns(text: str) -> markupsafe.Markup:
    """A line of a table as its cells side by side, each at least a column wide, so that the rows of
    a table line up in the document view; a line of text as it is."""
    if "\t" not in text.strip("\t"):
        return markupsafe.escape(text)
    cells = text.rstrip("\t").split("\t")
    return markupsafe.Markup("").join(markupsafe.Markup('<span class="c">{}</span>').format(c) for c in cells)


def _cells(text: str) -> markupsafe.Markup:
    """Escaped text with each tab (a cell boundary in both export layouts) shown as a thin rule."""
    return markupsafe.escape(text).replace("\t", markupsafe.Markup("<i>\t</i>"))


def _file(index: int, result: FileResult, words: dict, whole: bool = True, lang: Lang = "zh") -> dict:
    # Errors first, then warnings, then notes; each in document order.
    findings = sorted(result.findings, key=lambda f: (-f.severity.rank, *f.sort_key()))
    # Findings of one cause together, the first leading (the page folds the others under it).
    findings = [f for group in _causes(findings).values() for f in group]
    marks: dict[int, Severity] = {}
    for finding in findings:
        current = marks.get(finding.line)
        if current is None or finding.severity > current:
            marks[finding.line] = finding.severity
    by_rule = Counter((f.rule, f.severity) for f in findings)
    by_project = Counter(f.on_project or words["no_project"] for f in findings)
    meta = result.meta
    return {
        "index": index,
        "anchor": f"file-{index}",
        "path": result.path,
        "sha256": result.sha256,
        "readable": result.readable,
        "meta": meta,
        "stats": result.stats,
        "outcome": outcome(result),
        "counts": Counter(f.severity for f in findings),
        "by_rule": sorted(by_rule.items(), key=lambda item: (-item[0][1].rank, -item[1], item[0][0])),
        "by_project": sorted(by_project.items(), key=lambda item: (-item[1], item[0])),
        "findings": [_finding(index, n, f, result.lines, lang) for n, f in enumerate(findings)],
        "waived": result.waived,
        "lines": [(n, strip_markers(text)) for n, text in enumerate(result.lines, 1)] if whole else [],
        "marks": marks,
        "notes": _notes(index, findings),
    }


def _notes(index: int, findings: list[Finding]) -> dict[int, list[tuple[str, str, str]]]:
    """For each line of the document a finding points at: a link back to it, its message on hover."""
    notes: dict[int, list[tuple[str, str, str]]] = {}
    for n, f in enumerate(findings):
        notes.setdefault(f.line, []).append((f"f{index}-n{n}", f.rule, f.message))
    return notes


def outcome(result: FileResult) -> str:
    """One file's verdict for the index: what the department is to do with it."""
    if not result.readable:
        return "unreadable"
    rules = {f.rule for f in result.findings}
    if "BP002" in rules:
        return "not_disclosure"
    if rules & _UNCHECKED:
        return "unchecked"
    severities = {f.severity for f in result.findings if f.rule not in _READING}
    worst = max(severities, default=Severity.INFO)
    if worst > Severity.INFO:
        return worst.value  # `error` or `warning`, keys of OUTCOMES
    return "partial" if rules & _PARTS_UNREAD else "clean"


# A finding's cause: its rule and its message with what varies from one instance to the next (the
# quoted names, the figures) left out.  `指标“A”写成“≥100%”` and `指标“B”写成“≥100%”` are one cause.
_VARYING = regexes.compile(r"“[^”]*”|\d+(?:[.,]\d+)*")


def cause(finding: Finding) -> str:
    return f"{finding.rule}|{finding.severity}|{_VARYING.sub('·', finding.message)}"


def _causes(findings: list[Finding]) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(cause(finding), []).append(finding)
    return groups


def _finding(
    file_index: int, number: int, finding: Finding, lines: tuple[str, ...], lang: Lang = "zh"
) -> dict:
    return {
        "id": f"f{file_index}-n{number}",
        "finding": finding,
        "project": finding.on_project,
        "where": finding.where(lang),
        "cause": hashlib.sha256(cause(finding).encode()).hexdigest()[:10],
        "target": f"f{file_index}-L{finding.line}",
        "context": list(_context(finding, lines)),
        "sums": _sums(file_index, finding),
    }


def _sums(file_index: int, finding: Finding) -> dict | None:
    """An arithmetic finding's working: what it should be, what it is, the rounding allowed, and
    each term with the line it was read on (a link)."""
    w = finding.working
    if w is None or w.expected is None or w.actual is None:
        return None
    terms = [
        {**t.to_json(), "target": f"f{file_index}-L{t.line}" if t.line is not None else None}
        for t in w.terms or ()
    ]
    return {"expected": w.expected, "actual": w.actual, "tolerance": w.tolerance, "terms": terms}


def _context(finding: Finding, lines: tuple[str, ...]):
    """The lines around a finding, its own cell or sentence marked."""
    first = max(1, finding.line - CONTEXT)
    last = min(len(lines), finding.line + CONTEXT)
    for number in range(first, last + 1):
        raw = lines[number - 1]
        text = strip_markers(raw)
        if number != finding.line:
            yield Excerpt(number, text, "", "", False)
            continue
        # Columns count in the line as read; Word's bookmark markers are not shown.
        start = max(0, min(len(raw), finding.column - 1))
        start -= len(raw[:start]) - len(strip_markers(raw[:start]))
        end = next((i for i in range(start + 1, len(text)) if text[i] in _CELL_END), len(text))
        if text[start:end].strip() == "":
            start, end = 0, len(text)
        yield Excerpt(number, text[:start], text[start:end], text[end:], True)

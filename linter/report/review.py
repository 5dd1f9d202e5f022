"""The review sheet a finance office sends back (审核意见, `--format xlsx -o 审核意见.xlsx`): one row a
finding, with 序号, 页码, 表/段落, 位置, 问题, 建议修改, 级别, in the document's own terms; for a
batch, the file of each row, and the bureau index (each document's agency, year, kind, outcome
and counts) as a second sheet.  openpyxl writes it; `workbook` returns its bytes."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import PurePath

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from bplint.findings import Finding
from bplint.language import Lang
from bplint.lint import FileResult
from bplint.location import Location
from bplint.report.html import outcome  # the index's verdicts, as the HTML report's
from bplint.report.terminal import printable
from bplint.severity import SEVERITIES, Severity

HEADINGS = {
    "zh": ("序号", "文件", "页码", "表/段落", "位置", "问题", "建议修改", "级别", "规则"),
    "en": (
        "No.",
        "File",
        "Page",
        "Table/section",
        "Where",
        "Finding",
        "Suggested change",
        "Severity",
        "Rule",
    ),
}
INDEX = {
    "zh": ("文件", "单位", "年度", "种类", "结论", "错误", "警告", "提示"),
    "en": ("File", "Agency", "Year", "Kind", "Outcome", "Errors", "Warnings", "Info"),
}
OUTCOMES = {
    "zh": {"unreadable": "无法读取", "error": "需修改", "warning": "建议核对", "clean": "可以发布",
           "not_disclosure": "不是公开文件", "unchecked": "未经检查", "partial": "部分未经检查"},
    "en": {"unreadable": "unreadable", "error": "to correct", "warning": "to review", "clean": "ready",
           "not_disclosure": "no disclosure", "unchecked": "not checked", "partial": "partly not checked"},
}  # fmt: skip
_FILLS = {Severity.ERROR: "FDE2E1", Severity.WARNING: "FFF1D6", Severity.INFO: "E3EEFB"}
_WIDTHS = (6, 24, 12, 28, 28, 60, 40, 8, 8)
_ADVICE = ("；请", "，请", "。请")  # where a message's advice begins


def workbook(results: list[FileResult], lang: Lang = "zh", rules: dict | None = None) -> bytes:
    """The review sheet (and, for several files, the index) as an .xlsx file's bytes."""
    book = Workbook()
    sheet = book.worksheets[0]  # the one a new workbook opens with (its active sheet)
    sheet.title = "审核意见" if lang == "zh" else "Review"
    batch = len(results) > 1
    # The file column, for a batch or for files read as one (--together): each row names its file.
    files = batch or any(f.location is not None and f.location.part for r in results for f in r.findings)
    headings = [h for n, h in enumerate(HEADINGS[lang]) if files or n != 1]
    sheet.append(headings)
    number = 0
    for result in results:
        findings = sorted(result.findings, key=lambda f: (-f.severity.rank, *f.sort_key()))
        for finding in findings:
            number += 1
            row = _row(number, result, finding, lang, rules)
            sheet.append([cell for n, cell in enumerate(row) if files or n != 1])
            fill = PatternFill("solid", fgColor=_FILLS[finding.severity])
            sheet.cell(sheet.max_row, len(headings) - 1).fill = fill
    _style(sheet, [w for n, w in enumerate(_WIDTHS) if files or n != 1])
    if batch:
        _index(book.create_sheet("单位一览" if lang == "zh" else "Index"), results, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(number: int, result: FileResult, finding: Finding, lang: Lang, rules: dict | None) -> list:
    where = finding.location or Location(result.path, finding.line)
    problem, advice = _split(finding.message)
    if not advice and rules and finding.rule in rules and lang == "zh":
        advice = str(rules[finding.rule].explain.get("fix") or "").strip()
    return [
        number,
        where.part or PurePath(result.path).name,  # of files read as one (--together), its own
        _page(where, finding, lang),
        _part(where, lang),
        _spot(where, lang),
        _safe(problem),
        _safe(advice),
        finding.severity.word(lang),
        finding.rule,
    ]


def _split(message: str) -> tuple[str, str]:
    """A message's finding and its advice (`…不符；请核对金额与单位` → `…不符`, `请核对金额与单位`)."""
    cut = min((message.find(mark) for mark in _ADVICE if mark in message), default=-1)
    return (message[:cut], message[cut + 1 :]) if cut > 0 else (message, "")


def _page(where: Location, finding: Finding, lang: Lang) -> str:
    if where.pdf_page is None:
        if where.part_line is not None:  # a text export read with other files: its own line
            return f"第{where.part_line}行" if lang == "zh" else f"line {where.part_line}"
        if where.sheet:
            return f"工作表“{where.sheet}”" if lang == "zh" else where.sheet
        return (
            "" if where.in_document else (f"第{finding.line}行" if lang == "zh" else f"line {finding.line}")
        )
    if where.page is None:
        return f"PDF 第{where.pdf_page}页" if lang == "zh" else f"PDF p. {where.pdf_page}"
    if where.page == where.pdf_page:
        return f"第{where.page}页" if lang == "zh" else f"p. {where.page}"
    return (
        f"第{where.page}页（PDF 第{where.pdf_page}页）"
        if lang == "zh"
        else f"p. {where.page} (PDF p. {where.pdf_page})"
    )


def _part(where: Location, lang: Lang) -> str:
    if where.table or where.table_number:
        return " ".join(p for p in (where.table_number, where.table) if p)
    if where.project:
        return f"项目“{where.project}”" if lang == "zh" else f"project “{where.project}”"
    return where.heading or ""


def _spot(where: Location, lang: Lang) -> str:
    parts = []
    if where.sheet_row and where.pdf_page is None:
        parts.append(f"第{where.sheet_row}行" if lang == "zh" else f"row {where.sheet_row}")
    if where.row:
        parts.append(f"“{where.row}”行" if lang == "zh" else f"row “{where.row}”")
    if where.column:
        parts.append(f"“{where.column}”列" if lang == "zh" else f"column “{where.column}”")
    if where.text and not where.column:
        parts.append(f"“{where.text[:40]}”")
    return " ".join(parts)


def _index(sheet, results: list[FileResult], lang: Lang) -> None:
    sheet.append(list(INDEX[lang]))
    for result in results:
        counts = Counter(f.severity for f in result.findings)
        meta = result.meta
        sheet.append([
            _safe(PurePath(result.path).name),
            _safe(meta.agency or "") if meta else "",
            meta.year if meta and meta.year else "",
            meta.kind.value if meta else "",
            OUTCOMES[lang][outcome(result)],
            *(counts[s] for s in SEVERITIES),
        ])  # fmt: skip
    _style(sheet, (28, 36, 8, 10, 10, 8, 8, 8))


def _style(sheet, widths) -> None:
    _texts(sheet)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _safe(text: str) -> str:
    """Text a spreadsheet shows as it is: no control characters (a formula is kept a string by
    `_texts`)."""
    return printable(text)


def _texts(sheet) -> None:
    """Every text cell a string, never a formula: openpyxl takes a text starting with `=` for one,
    and a document's words must not run as one."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"

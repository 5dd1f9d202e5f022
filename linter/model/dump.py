"""The model as JSON (`bplint dump`): what bplint understood of a document."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from enum import Enum
from typing import Any

from bplint.language import LANGS, Lang
from bplint.model.document import Document, Problem
from bplint.values import Deadline, Empty, Qualitative, Quantity, Range


def value_json(value: Any) -> dict | None:
    """A parsed 指标值 as JSON: its kind and typed parts, amounts as decimal strings."""
    if value is None:
        return None
    if isinstance(value, Quantity):
        return {"kind": "quantity", "op": value.op, "amount": str(value.amount),
                "unit": value.unit.symbol if value.unit else None}  # fmt: skip
    if isinstance(value, Range):
        return {"kind": "range", "low": value_json(value.low), "high": value_json(value.high)}
    if isinstance(value, Deadline):
        return {"kind": "deadline", "year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, Qualitative):
        return {"kind": "qualitative", "text": value.text}
    if isinstance(value, Empty):
        return {"kind": "empty"}
    raise TypeError(value)


def _plain(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, Quantity | Range | Deadline | Qualitative | Empty):
        return value_json(obj)
    if dataclasses.is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [_plain(item) for item in obj]
    if isinstance(obj, Enum):  # the document's kind: `部门决算`
        return obj.value
    return obj


def to_dict(document: Document, unplaced: list | None = None) -> dict:
    """The model; `unplaced`, the narrative's figures no rule reads (bplint.engine.claims.unplaced),
    listed under narrative.unplaced with their line and label."""
    return {
        "path": document.path,
        "meta": _plain(document.meta),
        "projects": _plain(document.projects),
        "tables": _plain(document.tables),
        "narrative": {
            "sentences": _plain(document.narrative),
            "unplaced": [
                {
                    "line": f.line,
                    "column": f.column,
                    "label": f.label,
                    "amount": str(f.amount),
                    "unit": f.unit,
                }
                for f in unplaced or ()
            ],
        },
        "breakdowns": _plain(document.breakdowns),
        "problems": [_problem(problem) for problem in document.problems],
    }


def _problem(problem: Problem) -> dict:
    """A problem with its message's key and its words in each language, as a reader of the dump
    wants them (null for BP002, which its rule's message says)."""
    said = problem.message
    words = {lang: said.said(lang) if said else None for lang in LANGS}
    where = {"rule": problem.rule, "line": problem.line, "column": problem.column}
    place = {"project": problem.project, "table": problem.table, "raw": problem.raw}
    return {**where, "message": said.key if said else None, **words, **place}


def to_json(document: Document, unplaced: list | None = None) -> str:
    return json.dumps(to_dict(document, unplaced), ensure_ascii=False, indent=2)


def overview(document: Document, pages: tuple[int | None, ...] = ()) -> str:
    """What bplint understood of a layout, in one look (`bplint dump --tables`): the tables its
    目录 lists, every table read with its kind, page, unit, columns and rows, every project, and
    the table rows no reader took."""

    def where(line: int) -> str:
        page = pages[line - 1] if 0 < line <= len(pages) else None
        # The page's place in the file: a finding leads with the number printed on the page
        # (`第11页（PDF 第13页）`), which the model does not keep.
        return f"PDF 第{page}页 行{line}" if page else f"行{line}"

    out = [f"目录所列的表：{len(document.contents)}"]
    for entry in document.contents:
        read = where(entry.table_line) if entry.table_line else ("空表" if entry.empty else "未读取")
        out.append(f"  {entry.title}　[{entry.kind}]　{read}")
    if document.sheets_listed:
        out.append(f"目录所列的项目绩效目标表：{len(document.sheets_listed)}")
    for entry in document.sheets_listed:
        out.append(f"  {entry.title}　{where(entry.table_line) if entry.table_line else '未读取'}")
    out.append(f"读取的表：{len(document.tables)}")
    for table in document.tables:
        state = "　未作核算（行与表头对不齐）" if table.unread else ""
        out.append(f"  {where(table.line)}　[{table.kind}]　{table.title}　单位：{table.unit or '—'}"
                   f"　{len(table.columns)} 列　{len(table.rows)} 行{state}")  # fmt: skip
        out.append(f"    列：{' | '.join(table.columns)}")
    out.append(f"项目：{len(document.projects)}")
    for project in document.projects:
        budget = project.budget.total if project.budget and project.budget.total is not None else "—"
        out.append(
            f"  {where(project.line)}　{project.name}　预算数 {budget}　指标 {len(project.indicators)} 个"
        )
    out.append(f"未读取的表格：{len(document.leftovers)}")
    for left in document.leftovers:
        said = f"{left.figures} 个数字未经检查（BP004）" if left.figures else "没有数字"
        out.append(f"  {where(left.line)}　{left.rows} 行　首行：{left.first}　{said}")
    return "\n".join(out)


def coverage_view(document: Document, lang: Lang = "zh") -> str:
    """Every printed number and what was taken of it, page by page (`bplint dump --coverage`):
    the counts of each page, then each number in a grid that no reader took, with its place."""
    found = document.coverage
    zh = lang == "zh"
    head = (
        ("PDF 页", "表格中的数字", "已读取", "文字中的数字", "页码、页眉、序号")
        if zh
        else ("PDF page", "in grids", "taken", "in text", "furniture, row numbers")
    )
    out = ["  ".join(head)]
    for page in found.pages:
        shown = str(page.page) if page.page is not None else "—"
        out.append(f"{shown:>4}  {page.grid:>6}  {page.grid_taken:>6}  {page.text:>6}  {page.furniture:>6}")
    grids = f"{found.grid_taken:,}/{found.grid:,}"
    total = (f"合计：数字 {found.taken:,}/{found.printed:,} 已读取；表格中的数字 {grids}" if zh
             else f"total: numbers taken {found.taken:,}/{found.printed:,}; in grids {grids}")  # fmt: skip
    out.append(total)
    if found.missed:
        out.append("未读取的数字（PDF 页、行、列、数字、所在单元格）：" if zh else
                   "numbers not taken (PDF page, line, column, number, its cell):")  # fmt: skip
    for missed in found.missed:
        where = missed.page if missed.page is not None else "—"
        out.append(f"  {where}  {missed.line}:{missed.column}  {missed.text}  “{missed.cell[:40]}”")
    return "\n".join(out)

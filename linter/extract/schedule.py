"""资金支出计划（%）: the cumulative spending plan, aligned with its month header.

PDF export loses columns: the header may print fewer months than four, or the
figures may sit one field off their months.  Figures are matched to months by
position when every figure lands under a month, and in reading order otherwise.
"""

from __future__ import annotations

from decimal import Decimal

from bplint import regexes
from bplint.extract.text import amount
from bplint.layout import Cell, Row
from bplint.messages import Message
from bplint.model.document import Problem, Schedule, SchedulePoint

MONTHS = ("3月底", "6月底", "10月底", "12月底")
_MONTH = regexes.compile(r"^(\d{1,2})月(?:底|末)?$")


def read(header: Row, values: Row, project: str | None) -> tuple[Schedule, list[Problem]]:
    """The schedule two rows print, and a problem for each figure bplint could not place or read."""
    result, leftovers = align(header, values)
    problems = [
        Problem("BP004", cell.line, cell.column, Message.of("BP004.schedule_month"),
                project=project, raw=cell.value)
        for cell in leftovers
    ]  # fmt: skip
    problems += [
        Problem("BP003", point.line, 1, Message.of("BP003.schedule_percent", raw=point.raw),
                project=project, raw=point.raw)
        for point in result.points
        if point.raw and point.percent is None
    ]  # fmt: skip
    return result, problems


def align(header: Row, values: Row) -> tuple[Schedule, list[Cell]]:
    """The schedule the two rows print, and the figures that matched no month."""
    months = [(i, f"{month[1]}月底") for i, c in enumerate(header.cells)
              if (month := _MONTH.match(c.label))]  # fmt: skip
    figures = [(i, cell) for i, cell in enumerate(values.cells) if cell.value]
    positions = {i for i, _ in months}
    if all(i in positions for i, _ in figures):
        by_month = {name: (values.cells[i] if i < len(values.cells) else None) for i, name in months}
        leftovers: list[Cell] = []
    else:
        cells = [cell for _, cell in figures]
        by_month = {name: (cells[n] if n < len(cells) else None) for n, (_, name) in enumerate(months)}
        leftovers = cells[len(months) :]
    points = tuple(_point(name, cell, values.line) for name, cell in by_month.items())
    missing = tuple(month for month in MONTHS if month not in by_month)
    return Schedule(points=points, line=header.line, missing=missing), leftovers


def _point(name: str, cell: Cell | None, line: int) -> SchedulePoint:
    raw = cell.value if cell else ""
    return SchedulePoint(name, percent(raw), raw, cell.line if cell else line)


def percent(raw: str) -> Decimal | None:
    """`25`, `25%`, `25 %` and `25％` are 25 (the header says the figures are percent)."""
    return amount(raw.replace("%", "").replace("％", ""))

"""The funds a whole-department performance sheet (部门整体支出绩效目标表) states: its 资金总额 (or
the 金额合计 of its 年度主要任务), its 基本支出 and 项目支出.  The sheet speaks of the department's
whole budget, so each is a figure of the budget tables (BP523).

A sheet prints them as a 资金金额 block (长沙: `资金总额 | 656.73`, `基本支出 | 386.73`), or as the
amounts of its tasks with their 金额合计 (西安: `金额合计 | 2838.42 | 2838.42`), in the unit its
header or its figures print (`预算金额（万元）`, `5,093.76万元`).  A sum of tasks without a 合计 row
is not read: a task's name wrapped onto a row of its own would be taken for an amount left out.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from bplint import regexes
from bplint.model.document import Project
from bplint.model.tallies import SheetFund

_UNIT = regexes.compile(r"(亿元|万元|千元|元)")
_AMOUNT = regexes.compile(
    r"^\s*(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>万元|元)?\s*$"
)
_TOTAL_TASK = regexes.compile(r"^\s*(?:金额合计|合计|总计)\s*$")
_PARTS = ("基本支出", "项目支出")


def sheet_funds(projects: tuple[Project, ...]) -> list[SheetFund]:
    """The funds each whole-department sheet states, those it states in a unit it prints."""
    found = []
    for project in projects:
        if not project.whole:
            continue
        budget = project.budget
        line = budget.line if budget is not None else project.line
        if budget is not None and budget.total is not None and budget.unit:
            found.append(SheetFund("总额", "资金总额", budget.total, budget.unit, line, project.name))
        elif (tasks := _tasks_total(project)) is not None:
            found.append(SheetFund("总额", "年度主要任务金额合计", *tasks, line, project.name))
        unit = budget.unit if budget is not None else None
        for label, text in project.details:
            amount = _amount(text)
            if label in _PARTS and amount is not None and (fund_unit := amount[1] or unit):
                found.append(SheetFund(label, label, amount[0], fund_unit, line, project.name))
    return found


def _tasks_total(project: Project) -> tuple[Decimal, str] | None:
    """The 金额合计 of the sheet's 年度主要任务, in the unit its header or its figure prints."""
    header = next((text for label, text in project.details if label == "年度主要任务"), "")
    printed = _UNIT.search(header)
    for label, text in project.details:
        cells = text.split(" | ")
        if label != "任务" or len(cells) < 2 or not _TOTAL_TASK.match(cells[0]):
            continue
        amount = _amount(cells[1])
        if amount is not None and amount[1]:
            return amount[0], amount[1]
        if amount is not None and printed:
            return amount[0], printed[1]
    return None


def _amount(text: str) -> tuple[Decimal, str | None] | None:
    found = _AMOUNT.match(text)
    if found is None:
        return None
    try:
        return Decimal(found["amount"].replace(",", "")), found["unit"]
    except InvalidOperation:
        return None

"""Project lists: sheets where each row names its project left of the indicators.

长沙 prints one 项目支出绩效目标表 for all projects: `单位编码 | 单位（项目）名称 | 资金总额 |
绩效目标 | 一级指标 …`, the project's cells filled on its first indicator row, a 合计 row and a
row per unit above them.  The headers of those columns stand in the rows above the indicator
header (merged cells), so the header is read from the rows above too.
"""

from __future__ import annotations

from dataclasses import dataclass

from bplint.extract.lexicon import LEXICON
from bplint.extract.text import amount
from bplint.layout import Cell, Row


@dataclass(frozen=True)
class Listing:
    """Where a project list keeps its project's cells: role -> column, and the other columns
    left of the indicators (一般公共预算, 基本支出 …) kept as details."""

    roles: dict[str, int]
    details: dict[int, str]

    def project(self, cells: list[Cell]) -> dict[str, str]:
        """The project cells of a row: code, name, unit, amount, goals (blank when not printed);
        a department's own sheet names its unit only, which is then its name."""
        printed = {role: cells[i].clean for role, i in self.roles.items()}
        if "name" not in self.roles:
            printed["name"] = printed.get("unit", "")
        return printed

    def budget(self, cells: list[Cell]):
        return amount(cells[self.roles["amount"]].text) if "amount" in self.roles else None

    def detail_pairs(self, cells: list[Cell]) -> list[tuple[str, str]]:
        return [(name, cells[i].clean) for i, name in self.details.items() if cells[i].value]


def header(row: Row, above: list[Row], first_indicator: int) -> Listing | None:
    """The listing a header row and the rows above it print, or None for a sheet of one project."""
    labels = list(row.labels[:first_indicator])
    for upper in reversed([r for r in above if len(r.cells) == len(row.cells)]):
        labels = [text or upper.cells[i].label for i, text in enumerate(labels)]
    roles: dict[str, int] = {}
    details: dict[int, str] = {}
    for i, text in enumerate(labels):
        if not text:
            continue  # a blank header cell names no role and no detail (most of a sheet's cells)
        role = LEXICON.project_role(text)
        if role and role not in roles:
            roles[role] = i
        elif text:
            details[i] = text
    return Listing(roles, details) if "name" in roles or "unit" in roles else None


def plain_header(row: Row) -> Listing | None:
    """A list of projects without indicators (杭州's 项目支出绩效表: 单位名称 | 项目名称 | 金额 |
    绩效目标): a header naming a project, its amount and its goals."""
    listing = header(row, [], len(row.cells))
    if listing is None or not {"name", "amount", "goals"} <= listing.roles.keys():
        return None
    return listing


def is_header(labels: list[str]) -> bool:
    """A row above a list's indicator header: it names the code or name column, holds no amount."""
    identifying = [pattern for role, pattern in LEXICON.project_columns if role in ("code", "name")]
    named = any(pattern.match(text) for text in labels for pattern in identifying)
    return named and not any(amount(text) is not None for text in labels)

"""Stage 3, model: the typed Document that rules read.

Everything here is frozen: rules look, never touch.  Every element carries
the 1-based line of the input where it starts, so findings can point there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from bplint.model.narrative import Sentence
from bplint.values import Value


@dataclass(frozen=True)
class Meta:
    agency: str | None = None
    year: int | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Indicator:
    """One row of a 绩效指标 table."""

    level1: str
    level2: str
    level3: str
    description: str
    raw: str
    value: Value | None  # None when the raw text did not parse (reported as BP003)
    basis: str
    line: int
    column: int = 1


@dataclass(frozen=True)
class Budget:
    """预算数 and its sources, in the sheet's unit (usually 万元)."""

    total: Decimal | None
    fiscal: Decimal | None
    other: Decimal | None
    purpose: str
    line: int
    purpose_line: int | None = None


@dataclass(frozen=True)
class SchedulePoint:
    """One cumulative figure of 资金支出计划（%）; percent is None for a blank cell."""

    label: str
    percent: Decimal | None
    raw: str
    line: int


@dataclass(frozen=True)
class Schedule:
    points: tuple[SchedulePoint, ...]
    line: int
    # Months the header printed no column for (000's sheet that stops at 10月底).
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Project:
    name: str
    code: str | None
    title: str
    line: int
    budget: Budget | None
    schedule: Schedule | None
    goals: str
    goals_line: int | None
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Problem:
    """Something the extractor could not understand: becomes BP002/BP003/BP004."""

    rule: str
    line: int
    column: int
    zh: str
    en: str
    project: str | None = None
    table: str | None = None
    raw: str | None = None


@dataclass(frozen=True)
class Document:
    path: str
    meta: Meta
    projects: tuple[Project, ...] = ()
    narrative: tuple[Sentence, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(ind for project in self.projects for ind in project.indicators)

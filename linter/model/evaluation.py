"""A 决算's self-evaluation sheets (项目支出绩效自评表, 部门整体支出绩效自评表) as the model holds them,
with the arithmetic their rules check: 执行率 = 全年执行数 / 全年预算数, 得分 ≤ 分值, the scores adding
up to the 总分, and an indicator whose 实际完成值 misses its 年度指标值.

The reader is bplint.extract.selfeval; rules BP706–BP709 read these through the selectors
`evaluations`, `evaluation_funds`, `evaluation_scores` and `evaluation_results`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from bplint.values import Quantity, half_unit, last_digit


class EvaluationKind(Enum):
    PROJECT = "项目支出"  # one project's sheet
    WHOLE = "部门整体支出"  # a department's whole spending, task by task


@dataclass(frozen=True)
class Funds:
    """A row of the sheet's money block: 年度资金总额 / 其中：当年财政拨款 …, or on a whole sheet a
    task (一般公共服务支出 …) and the 金额合计; figures in the sheet's unit (万元)."""

    sheet: str  # the sheet's project (or department) name, for the messages
    label: str
    initial: Decimal | None  # 年初预算数
    budget: Decimal | None  # 全年预算数 (A)
    spent: Decimal | None  # 全年执行数 (B)
    rate: Decimal | None  # 执行率 as printed, in percent
    rate_text: str
    points: Decimal | None  # 分值
    score: Decimal | None  # 得分
    total: bool  # the block's total (年度资金总额, 金额合计): its 分值 counts toward the 总分
    line: int
    column: int  # the 执行率 cell's, else the label's
    status: str = ""  # a whole sheet's 完成情况 (任务完成, 部分任务完成)
    # A whole sheet's split of A and B: 财政拨款 and 其他资金 of each, None where not printed.
    parts: tuple[Decimal | None, ...] = (None, None, None, None)

    @property
    def expected_rate(self) -> Decimal | None:
        """B/A in percent, to the printed rate's decimals; None where A is 0 or either is blank."""
        if not self.budget or self.spent is None:
            return None
        places = last_digit(self.rate) if self.rate is not None else -2
        return (self.spent / self.budget * 100).quantize(Decimal(1).scaleb(min(places, 0)))

    @property
    def rate_slack(self) -> Decimal:
        """How far the printed rate may be from B/A: its own rounding, and what A's and B's move it."""
        a, b = self.budget, self.spent
        if not a or b is None or self.rate is None:
            return Decimal(0)
        return half_unit(self.rate) + 100 * (half_unit(b) / a + b * half_unit(a) / (a * a))

    @property
    def rate_gap(self) -> Decimal | None:
        """How far the printed rate is from B/A, unrounded; None where either is missing."""
        if self.rate is None or not self.budget or self.spent is None:
            return None
        return abs(self.rate - self.spent / self.budget * 100)


@dataclass(frozen=True)
class Score:
    """A row's 分值 and 得分: a funds row's, an indicator's or the 总分's."""

    sheet: str
    label: str  # the row as printed (`年度资金总额`, `指标1：群众满意率`, `总分`)
    points: Decimal
    score: Decimal
    line: int
    column: int  # the 得分 cell's


@dataclass(frozen=True)
class Result:
    """One indicator row: its target for the year, what was achieved, the scores, the reason."""

    sheet: str
    level1: str
    level2: str
    name: str  # 三级指标 / 指标内容
    target: str  # 年度指标值 as printed
    actual: str  # 实际完成值 as printed
    points: Decimal | None
    score: Decimal | None
    remark: str  # 偏差原因分析及改进措施
    line: int
    column: int  # the 实际完成值 cell's
    # The target and the achievement read as quantities by the reader; None where either is not one.
    target_value: Quantity | None = None
    actual_value: Quantity | None = None

    @property
    def missed(self) -> bool:
        """The 实际完成值 falls short of a target stated with a bound (≥95%, ≤2000万元, >1000人), both
        read as values of one kind; a bare target (16个, 240万元) says no direction and is never
        missed here."""
        target, actual = self.target_value, self.actual_value
        if (
            target is None
            or actual is None
            or target.op not in _BOUNDS
            or target.dimension != actual.dimension
        ):
            return False
        if target.op in ("≥", ">"):
            return _below(actual, target)
        return _below(_negated(actual), _negated(target))

    @property
    def full(self) -> bool:
        """Scored in full: the sheet reports the target met (得分 = 分值)."""
        return (
            self.points is not None
            and self.score is not None
            and self.points > 0
            and self.score == self.points
        )


@dataclass(frozen=True)
class Evaluation:
    """One self-evaluation sheet."""

    kind: EvaluationKind
    title: str
    name: str  # 项目名称 / 部门（单位）名称; the title where none is printed
    line: int
    end_line: int
    funds: tuple[Funds, ...]
    goal: str  # 年度总体目标 / 预期目标
    achieved: str  # 实际完成情况
    results: tuple[Result, ...]
    total: Score | None  # the 总分 row
    details: tuple[tuple[str, str], ...] = ()  # 主管部门, 实施单位 …

    @property
    def scored_funds(self) -> Funds | None:
        """The funds row whose 分值 counts toward the total: the block's total row."""
        return next((row for row in self.funds if row.total), None)

    @property
    def parts(self) -> tuple[tuple[Decimal | None, Decimal | None], ...]:
        """分值 and 得分 of what the 总分 adds up: the scored funds row and each indicator."""
        funds = self.scored_funds
        head = ((funds.points, funds.score),) if funds is not None else ()
        return head + tuple((r.points, r.score) for r in self.results)

    @property
    def points_sum(self) -> Decimal | None:
        """The parts' 分值 added up; None where one is blank (a sheet that leaves the funds' 分值
        empty has no total of points to check)."""
        return _sum(points for points, _ in self.parts)

    @property
    def score_sum(self) -> Decimal | None:
        return _sum(score for _, score in self.parts)

    @property
    def total_slack(self) -> Decimal:
        """The total is the parts' sum rounded to its printed digits."""
        return half_unit(self.total.score) if self.total else Decimal(0)

    @property
    def points_slack(self) -> Decimal:
        return half_unit(self.total.points) if self.total else Decimal(0)

    @property
    def scores(self) -> tuple[Score, ...]:
        """Every row's 分值 and 得分 where both are printed."""
        rows = [(row.label, row) for row in self.funds] + [(row.name, row) for row in self.results]
        scored = tuple(
            Score(self.name, label, row.points, row.score, row.line, row.column)
            for label, row in rows if row.points is not None and row.score is not None
        )  # fmt: skip
        return (*scored, *((self.total,) if self.total else ()))


_BOUNDS = ("≥", ">", "≤", "<")


def _below(actual: Quantity, target: Quantity) -> bool:
    """Whether `actual` certainly falls short of the lower bound `target` (≥T or >T): a figure under
    it (or at it, for >T), or a bound that keeps it under (`＜90%` against ≥90%)."""
    a, t = actual.base, target.base
    if actual.op in ("≥", ">"):
        return False  # `≥95%` achieved: at least that, no shortfall shown
    strict = target.op == ">" or actual.op == "<"
    return a < t or (strict and a == t)


_FLIP = {"≥": "≤", "≤": "≥", ">": "<", "<": ">", None: None, "=": "="}


def _negated(quantity: Quantity) -> Quantity:
    """The quantity mirrored (−x, its bound turned round): an upper bound read as a lower one."""
    return Quantity(-quantity.amount, quantity.unit, _FLIP.get(quantity.op, quantity.op))


def _sum(values) -> Decimal | None:
    values = list(values)
    return None if not values or any(v is None for v in values) else sum(values, Decimal(0))

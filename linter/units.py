"""Units of measure found in 指标值 cells: their dimension and scale.

A unit is a numerator (one base unit with an optional scale prefix such as 万)
over zero or more denominators (``元/天/人``).  Two quantities compare only
when their dimensions are equal; the scale converts amounts to the dimension's
base unit exactly (``Fraction``), so ``0.5万元`` and ``5000元`` are the same money.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

# Base units: written form -> (dimension, factor to the dimension's base unit).
# Counts are kept apart by what they count: 5次 and 5人 never compare.
MONEY = {"元": Fraction(1)}
PERCENT = {"%": Fraction(1), "百分比": Fraction(1), "百分点": Fraction(1), "‰": Fraction(1, 10)}
# Clock time (in hours) and calendar time (in months) do not convert into each other.
CLOCK = {
    "小时": Fraction(1),
    "天": Fraction(24),
    "日": Fraction(24),
    "周": Fraction(168),
    "工作日": Fraction(24),
    "个工作日": Fraction(24),
    "个小时": Fraction(1),
}
CALENDAR = {"月": Fraction(1), "个月": Fraction(1), "季度": Fraction(3), "年": Fraction(12)}
AREA = {
    "平方米": Fraction(1),
    "平米": Fraction(1),
    "㎡": Fraction(1),
    "亩": Fraction(2000, 3),
    "公顷": Fraction(10000),
    "平方公里": Fraction(1_000_000),
}
LENGTH = {"米": Fraction(1), "毫米": Fraction(1, 1000), "厘米": Fraction(1, 100), "公里": Fraction(1000)}
# One string, split: the words a count can be of.
COUNTS = (
    "人次 次 人 个 台 套 块 种 户 条 部 路 只 份 家 辆 项 场 篇 期 批 件 处 所 名 张 本 册 座 间 栋 "
    "起 宗 例 棵 株 头 组 类 轮 首 幅 课时 学时 门 枚 盏 把 支 箱 袋 瓶 户次 家次 车次 件次 人月"
).split()
MASS = {"公斤": Fraction(1), "千克": Fraction(1), "吨": Fraction(1000)}
ENERGY = {"千瓦时": Fraction(1), "度": Fraction(1)}

# Magnitude prefixes that scale a base unit: 万元, 千元, 亿元, 万人, 万人次.
SCALES = {
    "千": Fraction(1000),
    "万": Fraction(10_000),
    "百万": Fraction(10**6),
    "千万": Fraction(10**7),
    "亿": Fraction(10**8),
}


@dataclass(frozen=True)
class BaseUnit:
    symbol: str
    dimension: str
    factor: Fraction


def _table() -> dict[str, BaseUnit]:
    table: dict[str, BaseUnit] = {}
    for dimension, units in (
        ("money", MONEY),
        ("percent", PERCENT),
        ("clock", CLOCK),
        ("calendar", CALENDAR),
        ("area", AREA),
        ("length", LENGTH),
        ("mass", MASS),
        ("energy", ENERGY),
    ):
        for symbol, factor in units.items():
            table[symbol] = BaseUnit(symbol, dimension, factor)
    for symbol in COUNTS:
        table[symbol] = BaseUnit(symbol, f"count:{symbol}", Fraction(1))
    return table


BASE_UNITS: dict[str, BaseUnit] = _table()


@dataclass(frozen=True)
class Term:
    """One part of a unit: a base unit with an optional scale prefix (``万`` + ``元``)."""

    base: BaseUnit
    prefix: str = ""

    @property
    def symbol(self) -> str:
        return self.prefix + self.base.symbol

    @property
    def factor(self) -> Fraction:
        return self.base.factor * SCALES.get(self.prefix, Fraction(1))


@dataclass(frozen=True)
class Unit:
    """A unit as written: ``万元``, ``%``, ``次/月``, ``元/天/人``."""

    numerator: Term
    denominators: tuple[Term, ...] = ()

    @property
    def symbol(self) -> str:
        return "/".join(t.symbol for t in (self.numerator, *self.denominators))

    @property
    def dimension(self) -> str:
        return "/".join(t.base.dimension for t in (self.numerator, *self.denominators))

    @property
    def factor(self) -> Fraction:
        """What one of this unit is in the base units of its dimension."""
        factor = self.numerator.factor
        for term in self.denominators:
            factor /= term.factor
        return factor

    @property
    def is_money(self) -> bool:
        return self.numerator.base.dimension == "money"

    @property
    def is_percent(self) -> bool:
        return self.dimension == "percent"

    def __str__(self) -> str:
        return self.symbol


def term(symbol: str, prefix: str = "") -> Term:
    """The term for a written base unit; KeyError names an unknown one."""
    if prefix and prefix not in SCALES:
        raise KeyError(prefix)
    return Term(BASE_UNITS[symbol], prefix)


def unit(text: str) -> Unit:
    """Build a unit from its written form, e.g. ``unit("万元")`` or ``unit("元/天/人")``.

    Meant for code and tests that name units; documents go through the value grammar.
    """
    terms = []
    for part in text.split("/"):
        for prefix in [*sorted(SCALES, key=len, reverse=True), ""]:
            rest = part[len(prefix) :]
            if part.startswith(prefix) and rest in BASE_UNITS:
                terms.append(term(rest, prefix))
                break
        else:
            raise KeyError(part)
    return Unit(terms[0], tuple(terms[1:]))

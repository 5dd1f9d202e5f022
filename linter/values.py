"""Typed indicator values (指标值): parsing a printed cell into a quantity, range,
deadline, qualitative value or nothing, and comparing quantities across units.

>>> parse_value("≥100百分 比")
Quantity(amount=Decimal('100'), unit=%, op='≥')
>>> parse_value("≤0.5万元") == parse_value("≤5000元")
True
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from typing import cast

import lark

from bplint import parsers, regexes, units, valueforms
from bplint.comparators import PREFIX_OPS, SUFFIX_OPS
from bplint.numerals import chinese_to_int
from bplint.units import Unit

_SPACE = regexes.compile(r"\s+")
_THOUSANDS = regexes.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# A cell that is prose rather than a value has no digit and no comparator sign.
_LOOKS_NUMERIC = regexes.compile(r"[\d≥≤<>=≧≦⩾⩽%]")


class ValueParseError(ValueError):
    """An 指标值 the grammar cannot read; carries the raw text (becomes BP003)."""

    def __init__(self, raw: str, reason: str) -> None:
        super().__init__(f"无法解析指标值 {raw!r}：{reason}")
        self.raw = raw
        self.reason = reason


class _Invalid(Exception):
    """Raised inside the transformer for a value that parses but means nothing (13月)."""


class UnitMismatch(TypeError):
    """Two quantities of different dimensions (万元 and 次) were compared."""


@dataclass(frozen=True, eq=False)
class Quantity:
    """A figure with its unit and comparator: ``≥95%`` is amount 95, unit %, op ≥.

    ``op`` is None for a bare figure (``12台``).  Equality and ordering are by
    magnitude in base units, so ``≤0.5万元 == ≤5000元``; ordering ignores ``op``.
    """

    amount: Decimal
    unit: Unit | None = None
    op: str | None = None
    raw: str = field(default="", compare=False, repr=False)

    kind = "quantity"

    @property
    def dimension(self) -> str | None:
        return self.unit.dimension if self.unit else None

    @property
    def base(self) -> Fraction:
        """The amount in the base unit of its dimension (元, %, hours, months …)."""
        factor = self.unit.factor if self.unit else Fraction(1)
        return Fraction(self.amount) * factor

    def to(self, target: Unit | str) -> Decimal:
        """The amount expressed in ``target``: ``Quantity(0.5, 万元).to("元") == 5000``."""
        target = units.unit(target) if isinstance(target, str) else target
        if target.dimension != self.dimension:
            raise UnitMismatch(f"cannot convert {self.unit} to {target}")
        exact = self.base / target.factor
        return Decimal(exact.numerator) / Decimal(exact.denominator)

    def compare(self, other: Quantity) -> int:
        if self.unit == other.unit:  # one unit (its factor > 0): the amounts order as the magnitudes
            return (self.amount > other.amount) - (self.amount < other.amount)
        if self.dimension != other.dimension:
            raise UnitMismatch(f"cannot compare {self.unit} with {other.unit}")
        mine, theirs = self.base, other.base
        return (mine > theirs) - (mine < theirs)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return self.op == other.op and self.dimension == other.dimension and self.base == other.base

    def __hash__(self) -> int:
        return hash((self.op, self.dimension, self.base))

    def __lt__(self, other: Quantity) -> bool:
        return self.compare(other) < 0

    def __le__(self, other: Quantity) -> bool:
        return self.compare(other) <= 0

    def __gt__(self, other: Quantity) -> bool:
        return self.compare(other) > 0

    def __ge__(self, other: Quantity) -> bool:
        return self.compare(other) >= 0

    def __str__(self) -> str:
        return f"{self.op or ''}{format_decimal(self.amount)}{self.unit or ''}"

    def __repr__(self) -> str:
        return f"Quantity(amount={self.amount!r}, unit={self.unit}, op={self.op!r})"


@dataclass(frozen=True)
class Range:
    """``90%-100%``: both ends in the same unit."""

    low: Quantity
    high: Quantity
    raw: str = field(default="", compare=False, repr=False)

    kind = "range"

    def __str__(self) -> str:
        return f"{self.low}-{self.high}"


@dataclass(frozen=True)
class Deadline:
    """``2023年12月底之前``: the last day is ``day`` or, when None, the month's end."""

    month: int
    year: int | None = None
    day: int | None = None
    raw: str = field(default="", compare=False, repr=False)

    kind = "deadline"

    def __str__(self) -> str:
        year = f"{self.year}年" if self.year else ""
        day = f"{self.day}日" if self.day else "底"
        return f"{year}{self.month}月{day}前"


@dataclass(frozen=True)
class Qualitative:
    """A value in words: 健全, 达标, 及时, 全年不发生食品安全事故."""

    text: str
    raw: str = field(default="", compare=False, repr=False)

    kind = "qualitative"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Empty:
    """An empty 指标值 cell."""

    raw: str = field(default="", compare=False, repr=False)

    kind = "empty"

    def __str__(self) -> str:
        return ""


Value = Quantity | Range | Deadline | Qualitative | Empty


def last_digit(amount: Decimal) -> int:
    """The exponent of an amount's last printed digit: -2 for `1630.30`.  Amounts here are read
    from print, so finite; a NaN or an infinity has no digits (its as_tuple says 'n' or 'F')."""
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, str):
        raise ValueError(f"{amount} has no printed digits")
    return exponent


def half_unit(amount: Decimal) -> Decimal:
    """Half a unit of the last printed digit: how far rounding may have moved `1630.30` (±0.005)."""
    return Decimal(5).scaleb(last_digit(amount) - 1)


def format_decimal(amount: Decimal) -> str:
    """A decimal as a finance office prints it: no exponent, trailing zeros kept."""
    return f"{amount:f}"


def normalize(text: str) -> str:
    """Fold full-width forms, drop the white space PDF export leaves inside values."""
    # NFKC spells ㎡ as m2; keep the sign so units print as written.
    text = unicodedata.normalize("NFKC", text).replace("m2", "㎡").replace("m²", "㎡")
    text = _SPACE.sub("", text)
    return _THOUSANDS.sub("", text)


def parse_value(text: str) -> Value:
    """Parse one 指标值 cell; raise ValueParseError for anything that is not a value.

    Values are immutable and a document repeats its texts (`100%`, `≥95%`: 162 distinct texts among
    457 values in the seeds), so each text is parsed once per process."""
    parsed = _parsed(text)
    if isinstance(parsed, ValueParseError):
        raise ValueParseError(parsed.raw, parsed.reason)  # a fresh one: a raised error keeps its frames
    return parsed


@functools.lru_cache(maxsize=8192)
def _parsed(text: str) -> Value | ValueParseError:
    try:
        return _parse(text)
    except ValueParseError as error:
        return error


def _parse(text: str) -> Value:
    compact = normalize(text)
    if not compact:
        return Empty(raw=text)
    numeric = _LOOKS_NUMERIC.search(compact)
    if numeric and len(conditions := valueforms.conditions(compact)) > 1:
        return _conditioned(text, conditions)
    if numeric:
        compact = compact.replace(",", ";")  # a comma left after the thousands separators parts values
    if ";" in compact.strip(";"):
        return _several(text, compact)
    compact = compact.strip(";")
    try:
        value = _grammar_value(compact)
    except _Invalid as error:
        raise ValueParseError(text, str(error)) from None
    except lark.exceptions.LarkError as error:
        if not numeric:
            return Qualitative(text.strip(), raw=text)
        found = _open_world(compact)
        if found is None:
            raise ValueParseError(text, _reason(error)) from None
        value = found
    return _with_raw(value, text)


def _open_world(compact: str) -> Value | None:
    """A value in a form the grammar does not know (bplint.valueforms), or None."""
    for form in valueforms.rewritings(compact):
        try:
            return _grammar_value(form)
        except (lark.exceptions.LarkError, _Invalid):
            continue
    found = valueforms.unknown_unit(compact)
    if found is None:
        return None
    op, number, symbol = found
    return Quantity(Decimal(number), units.written(symbol), op)


def _conditioned(text: str, conditions: list[str]) -> Value:
    """`2%，且≤2000万元/项目`: a target with a further condition on it; of the two, the money (what a
    cost target is checked by), else the first."""
    values = []
    for condition in conditions:
        try:
            values.append(parse_value(condition))
        except ValueParseError:
            continue
    money = [v for v in values if isinstance(v, Quantity) and v.unit is not None and v.unit.is_money]
    if not (money or values):
        raise ValueParseError(text, "格式无法识别")
    return _with_raw((money or values)[0], text)


def _several(text: str, compact: str) -> Value:
    """`≤1次；≤1次`: one value written once per metric the 三级 names; the same value is that value."""
    try:
        values = {parse_value(part) for part in compact.split(";") if part}
    except ValueParseError as error:
        raise ValueParseError(text, error.reason) from None
    # `增加降水量≥10%，受到普遍好评`: words beside a figure comment on it.
    figures: set[Value] = {value for value in values if not isinstance(value, Qualitative)}
    if not figures:  # words alone (`开展评价；信用培训`) are one text value: BP003 is for figures
        return Qualitative(text.strip(), raw=text)
    if len(figures) == 1:
        return _with_raw(figures.pop(), text)
    raise ValueParseError(text, "一格中写了几个不同的指标值，请拆成几行，每行一个指标")


def _reason(error: lark.exceptions.LarkError) -> str:
    if isinstance(error, lark.exceptions.UnexpectedCharacters):
        return f"字符“{error.char}”无法识别"
    if isinstance(error, lark.exceptions.UnexpectedToken):
        if error.token.type == "$END":
            return "数值不完整"
        return f"“{error.token!s}”不应出现在此处"
    return "格式无法识别"


def _with_raw(value: Value, raw: str) -> Value:
    return type(value)(**{**value.__dict__, "raw": raw})


class _ToValue(lark.Transformer):
    """Builds typed values straight from the LALR parse (no tree is kept)."""

    def decimal(self, items):
        return Decimal(items[0])

    def chinese(self, items):
        try:
            return Decimal(chinese_to_int(items[0]))
        except ValueError as error:
            raise _Invalid("中文数字写法有误") from error

    def unit_term(self, items):
        prefix = items[0] if len(items) == 2 else ""
        return units.term(str(items[-1]), str(prefix))

    def unit(self, items):
        return Unit(items[0], tuple(items[1:]))

    def quantity(self, items):
        return Quantity(items[0], items[1] if len(items) > 1 else None)

    def percent_words(self, items):
        return Quantity(items[1], units.unit("%"))

    def bound(self, items):
        prefix = suffix = None
        quantity = None
        for item in items:
            if isinstance(item, Quantity):
                quantity = item
            elif item.type == "PREFIX_OP":
                prefix = PREFIX_OPS[item]
            else:
                suffix = SUFFIX_OPS[item]
        if prefix and suffix and _direction(prefix) != _direction(suffix):
            raise _Invalid("前后比较符方向相反")
        return Quantity(quantity.amount, quantity.unit, prefix or suffix)

    def range(self, items):
        # amount [unit] RANGE_SEP amount [unit]: a unit on one end applies to both.
        sep = next(i for i, item in enumerate(items) if isinstance(item, lark.Token))
        (low, *low_unit), (high, *high_unit) = items[:sep], items[sep + 1 :]
        low_unit = (low_unit or high_unit or [None])[0]
        high_unit = (high_unit or [low_unit])[0]
        if low_unit and high_unit and low_unit.dimension != high_unit.dimension:
            raise _Invalid("区间两端单位不一致")
        return Range(Quantity(low, low_unit), Quantity(high, high_unit))

    def deadline(self, items):
        numbers = [item for item in items if isinstance(item, Decimal)]
        kinds = [item.type for item in items if isinstance(item, lark.Token)]
        year = int(numbers.pop(0)) if "YEAR" in kinds else None
        month = int(numbers.pop(0)) if "MONTH" in kinds else 12
        day = next((item for item in items if isinstance(item, int) and not isinstance(item, bool)), None)
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            raise _Invalid("日期不存在")
        return Deadline(month=month, year=year, day=day)

    def day_part(self, items):
        return int(items[0]) if isinstance(items[0], Decimal) else None


def _direction(op: str) -> str:
    return {"≥": "up", ">": "up", "≤": "down", "<": "down"}.get(op, op)


DATE_WORDS = {"年", "月", "日"}  # terminals of their own: deadlines read them


def _alternatives(name: str, words: Iterable[str]) -> str:
    return f"\n{name}: " + " | ".join(f'"{word}"' for word in sorted(words)) + "\n"


def grammar() -> str:
    text = resources.files("bplint.grammars").joinpath("value.lark").read_text(encoding="utf-8")
    text += _alternatives("SCALE", units.SCALES)
    return text + _alternatives("UNIT_WORD", units.BASE_UNITS.keys() - DATE_WORDS)


def _grammar_value(text: str) -> Value:
    """The value the grammar reads: Lark types parse() as giving a tree, but this parser is built
    with a transformer (_ToValue), which turns the tree into a Value as it parses."""
    return cast(Value, _parser().parse(text))


@functools.cache
def _parser() -> lark.Lark:
    # Tables built ahead of time, read as JSON (bplint.parsers): never Lark's pickle cache.
    return parsers.load("value", grammar(), transformer=_ToValue())

"""Units of measure found in 指标值 cells: their dimension and scale.

A unit is a numerator (one base unit with an optional scale prefix such as 万)
over zero or more denominators (``元/天/人``).  Two quantities compare only
when their dimensions are equal; the scale converts amounts to the dimension's
base unit exactly (``Fraction``), so ``0.5万元`` and ``5000元`` are the same money.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction
from importlib import resources

from bplint import cache
from bplint.structured import yaml_documents


@dataclass(frozen=True)
class BaseUnit:
    symbol: str
    dimension: str
    factor: Fraction


def _load() -> tuple[dict[str, BaseUnit], dict[str, Fraction]]:
    text = resources.files("bplint").joinpath("units.yaml").read_text(encoding="utf-8")
    data = dict(cache.shipped("units", text, lambda t: yaml_documents(t)[0]))  # popped below: a copy
    scales = {prefix: Fraction(str(factor)) for prefix, factor in data.pop("scales").items()}
    table = {symbol: BaseUnit(symbol, f"count:{symbol}", Fraction(1)) for symbol in data.pop("counts")}
    for dimension, written in data.items():
        table |= {symbol: BaseUnit(symbol, dimension, Fraction(str(n))) for symbol, n in written.items()}
    return table, scales


BASE_UNITS, SCALES = _load()


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

    # What a unit is called, its dimension and its factor are asked at every comparison of two
    # quantities: worked out once per unit (a Unit is frozen; cached_property writes beside it).
    @functools.cached_property
    def symbol(self) -> str:
        return "/".join(t.symbol for t in (self.numerator, *self.denominators))

    @functools.cached_property
    def dimension(self) -> str:
        return "/".join(t.base.dimension for t in (self.numerator, *self.denominators))

    @functools.cached_property
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


@functools.lru_cache(maxsize=256)
def unit(text: str) -> Unit:
    """Build a unit from its written form, e.g. ``unit("万元")`` or ``unit("元/天/人")``.

    Meant for code and tests that name units; documents go through the value grammar.  Kept per
    text (a Unit is frozen): the rules ask for a sheet's 万元 at every amount they read.
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


def written(symbol: str) -> Unit:
    """A unit units.yaml does not list, as the document writes it (`件（套）`, `宗地`, `万元/项目`):
    each part it knows is that unit, each other part a dimension of its own, so that it compares
    only with itself."""
    terms = [_written_term(part) for part in symbol.split("/")]
    return Unit(terms[0], tuple(terms[1:]))


def _written_term(part: str) -> Term:
    try:
        return unit(part).numerator
    except KeyError:
        return Term(BaseUnit(part, f"written:{part}", Fraction(1)))

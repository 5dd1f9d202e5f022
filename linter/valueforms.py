"""Indicator values in the forms the value grammar does not know, read by their shape.

The grammar (grammars/value.lark) reads the forms of the documents bplint was fitted to.  A value
written otherwise is still a value: a unit before its figure (`万元≤184.94`), the measure's name
before it (`满意度≥92%`, `正确率 100%`, `全年执法≥12 次`), a unit bplint never met (`12件（套）`,
`3宗地`), a span of months (`2022年6-9月`, `1月-12月`), a time after an event (`收到后5个工作日内`,
`≤任务下达后3日`), words after a figure (`全年 366 天实时监测`).  Each is rewritten into a form the
grammar reads, or read here; a unit bplint does not know is carried as written and compares only
with itself.  What holds no figure at all stays qualitative (the caller decides); what holds
figures in no form at all is still unparsed (BP003).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from bplint import regexes
from bplint.comparators import PREFIX_OPS, SUFFIX_OPS

_OPS = "|".join(regex.escape(op) for op in sorted(PREFIX_OPS, key=len, reverse=True))
_SUFFIXES = "|".join(regex.escape(op) for op in sorted(SUFFIX_OPS, key=len, reverse=True))
_NUMBER = r"\d+(?:\.\d+)?"
# A unit as a document may write it: CJK nouns, brackets, a slash, alternatives (件（套）, 人次/年,
# 宗地, 人、户: people or households).
_WRITTEN_UNIT = r"\p{Han}[\p{Han}（）()、]{0,7}(?:/\p{Han}[\p{Han}（）()]{0,5})*"

# 万元≤184.94: a unit printed before its comparator and figure.
_UNIT_FIRST = regexes.compile(rf"^(?P<unit>[\p{{Han}}%]{{1,4}})(?P<op>{_OPS})?(?P<number>{_NUMBER})$")
# 满意度≥92%, ≤任务下达后3日: words before the comparator or figure (a comparator may come first).
_NAMED = regexes.compile(rf"^(?P<op>{_OPS})?(?P<name>[^\d≥≤<>=]+?)(?P<rest>(?:{_OPS})?\d.*)$")
# 2022年6-9月, 1月-12月, 2022年1月-6月: a span of months, due by its last month.
_MONTHS = regexes.compile(
    r"^(?:(?P<year>\d{4})年)?(?P<first>\d{1,2})月?[-~～至到—–](?P<last>\d{1,2})月(?:底|末)?$"
)
# 366天实时监测, 2022年12月底前完成: a value, then words.
_TRAILING = regexes.compile(r"^(?P<head>.*\d.*?)(?P<tail>\p{Han}{2,})$")
_WORDS_DROPPED = 6
# 12件（套）, ≥3宗地, 5处以上: a figure and a unit bplint does not know.
_UNKNOWN = regexes.compile(
    rf"^(?P<op>{_OPS})?(?P<number>{_NUMBER})(?P<unit>{_WRITTEN_UNIT})?(?P<suffix>{_SUFFIXES})?$"
)


# 100%(含): a remark in brackets after the value.
_REMARK = regexes.compile(r"^(?P<value>.*\d.*?)[（(][^（）()]*[）)]$")


# `，且`, `并且`: a further condition after the target.
_AND = regexes.compile(r"[,;]?(?:并且|而且|且)(?=\D*\d)(?<=\d\D*(?:并且|而且|且))")


def conditions(compact: str) -> list[str]:
    """A value split where it adds a condition (`2%,且≤2000万元/项目`: `2%`, `≤2000万元/项目`)."""
    parts = [part.strip(",;") for part in _AND.split(compact)]
    return [part for part in parts if part]


def rewritings(compact: str) -> Iterator[str]:
    """Forms of `compact` (normalised, no white space) the grammar may read, most faithful first."""
    if found := _REMARK.match(compact):
        yield found["value"]
    if found := _UNIT_FIRST.match(compact):
        yield f"{found['op'] or ''}{found['number']}{found['unit']}"
    if found := _MONTHS.match(compact):
        year = f"{found['year']}年" if found["year"] else ""
        yield f"{year}{found['last']}月底前"
    if found := _NAMED.match(compact):
        rest = found["rest"]
        yield f"{found['op'] or ''}{rest}"
        yield from rewritings(rest)
    if found := _TRAILING.match(compact):
        # Keep a unit's first character at least, and drop two or more: `≥3宗地` is a unit.
        tail = found["tail"]
        for kept in range(min(len(tail) - 2, _WORDS_DROPPED), 0, -1):
            yield found["head"] + tail[:kept]


def unknown_unit(compact: str) -> tuple[str | None, str, str] | None:
    """(comparator, figure, unit as written) of a figure whose unit bplint does not know."""
    found = _UNKNOWN.match(compact)
    if found is None or not found["unit"]:
        return None
    op = PREFIX_OPS.get(found["op"]) if found["op"] else SUFFIX_OPS.get(found["suffix"] or "")
    return op, found["number"], found["unit"]

"""The 科目 a narrative figure is stated for: `公共安全支出（类）司法（款）行政运行（项）8,553.80 万元`.

Spending by function is classed in three levels, and the text names a figure's class with each
level marked (类, 款, 项), from the 类 down, or from the 款 when a heading above named the 类
(`（一）一般公共服务支出（类）` over `1.审计事务（款）行政运行（项）支出 2,342 万元`).  A subject is
the names from the 类 down; the tables name the same rows, with or without a trailing 支出
(`一般公共服务（类）支出` is the row 一般公共服务支出).
"""

from __future__ import annotations

from itertools import pairwise

from bplint import regexes
from bplint.extract.lexicon import LEXICON
from bplint.extract.text import ENUMERATOR, SUB_ITEM

_PART = regexes.compile(r"(?P<name>[^（）()]+?)[（(](?P<level>[类款项])[）)]")
_ENUMERATED = regexes.compile(f"^{ENUMERATOR}")
_SPACE = regexes.compile(r"\s+")
# A heading that names the 类 the items under it belong to.
_CATEGORY = regexes.compile(rf"^(?:{SUB_ITEM})?\s*(?P<name>[^（）()，,。；;：:]+?)\s*[（(]类[）)]\s*$")
_SPENDING = "支出"
_PATHS = ("类款项", "类款", "类", "款项", "款")  # the levels a label may name, in order


def category(heading: str) -> str | None:
    """The 类 a heading names (`（一）一般公共服务支出（类）`), if it is such a heading."""
    found = _CATEGORY.match(heading.strip())
    return _SPACE.sub("", found["name"]) if found else None


def subject(label: str, heading: str = "") -> tuple[str, ...]:
    """The names a figure's label gives from the 类 down, or () where it names no 科目 by level.

    The marked parts must follow each other level by level and end the label (a trailing 支出
    aside); a path starting at the 款 takes the 类 of the heading above, and without one is none.
    """
    text = _bare(label)
    parts = list(_PART.finditer(text))
    if not parts or parts[0].start() != 0:
        return ()
    levels = "".join(part["level"] for part in parts)
    rest = text[parts[-1].end() :]
    joined = all(a.end() == b.start() for a, b in pairwise(parts))
    if not joined or rest not in ("", _SPENDING) or levels not in _PATHS:
        return ()
    names = [part["name"] for part in parts]
    if levels.startswith("款"):
        if not heading:
            return ()
        names.insert(0, heading)
    return tuple(names)


def bare_class(label: str) -> tuple[str, ...]:
    """The 类 a label is, named without its mark (`（1）一般公共服务支出`), or ()."""
    name = _bare(label)
    return (name,) if name in LEXICON.bare_classes else ()


# `“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目` (上海): the levels joined by dashes.
_QUOTED = regexes.compile(r"^“(?P<path>[^“”]+)”科目$")
_DASH = regexes.compile(r"\s*[-－—]\s*")


def quoted(label: str) -> tuple[str, ...]:
    """The names a quoted 科目 gives from the 类 down (`“社会保障和就业支出”科目`), or ()."""
    found = _QUOTED.match(_bare(label))
    names = tuple(_DASH.split(found["path"])) if found else ()
    return names if names and names[0] in LEXICON.function_classes and len(names) <= 3 else ()


# `（一）2080501-行政单位离退休 178.51 万元` (福州): a 科目 by its code, then its name.
_CODED = regexes.compile(r"^(?P<code>\d{3}(?:\d{2}){0,2})[-－—]?(?P<name>[^\d\-－—].*)$")


def coded(label: str) -> tuple[str, ...]:
    """A 科目 named by its code and its name (`2080501-行政单位离退休`), as a one-name path
    `("2080501-行政单位离退休",)` that `code_of` splits again, or ()."""
    found = _CODED.match(_bare(label))
    return (f"{found['code']}-{found['name']}",) if found else ()


def code_of(name: str) -> tuple[str, str]:
    """A path's name as (code, name): the code empty where the name has none."""
    found = _CODED.match(name)
    return (found["code"], found["name"]) if found else ("", name)


def _bare(label: str) -> str:
    """A label without white space or its enumerator (`（1）一般公共服务支出`)."""
    return _ENUMERATED.sub("", _SPACE.sub("", label))


def same(printed: str, row: str) -> bool:
    """A name of the text and a table's row label are one 科目, with or without 支出."""
    a, b = _SPACE.sub("", printed), _SPACE.sub("", row)
    return a == b or a.removesuffix(_SPENDING) == b.removesuffix(_SPENDING)

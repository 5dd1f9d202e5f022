"""`items where field == it.field and …` read through an index of the list (engine/joins.py): the
same items in the same order as a walk of the whole list, and linear where the walk was quadratic."""

from __future__ import annotations

from bplint import extract
from bplint.engine import joins
from bplint.engine import vocabulary as v
from bplint.engine.expr import Definitions, Scope, compile_expr
from bplint.engine.vocabulary import Env
from bplint.read import decode

HEAD = (
    "2024年部门预算\n1.维修费绩效目标表\n项目名称\t维修费\n"
    "预算规模及资金用途\t预算数\t12.00\t其中：财政资金\t12.00\t其他资金\n"
    "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
)
NAMES = ["维修面积", "材料费", "维修面积", "人工费", "材料费", "维修面积", "验收合格率"]
ROWS = "".join(
    f"产出指标\t数量指标\t{name}\t描述{n % 2}\t≥{n + 1}平方米\t测量\n" for n, name in enumerate(NAMES)
)
DOCUMENT = extract.build(decode((HEAD + ROWS).encode("utf-8"), "sheet.txt"))
PROJECT = DOCUMENT.projects[0]
SAME = "description == it.description"
EARLIER = f"first(project.indicators where line < it.line and level3 == it.level3 and {SAME})"
WALKED = f"first(project.indicators where line < it.line and (level3 == it.level3) != false and {SAME})"


def _each(text: str) -> list:
    fn = compile_expr(text, Scope("indicator", "indicator", {}, Definitions()))
    return [fn(Env(x, x, PROJECT, DOCUMENT, {})) for x in PROJECT.indicators]


def test_an_indexed_where_finds_what_the_walk_finds():
    assert len(PROJECT.indicators) == len(NAMES)
    indexed = _each(EARLIER)
    assert indexed == _each(WALKED)  # `(…) != false` is no plain equality: walked
    assert [x.level3 if x else None for x in indexed] == [None, None, "维修面积", None, None, None, None]
    lists = _each("count(project.indicators where level3 == it.level3 and line >= it.line)")
    assert [int(n) for n in lists] == [3, 2, 2, 1, 1, 1, 1]


def test_the_condition_is_tested_only_on_the_items_with_that_field():
    tested = []

    def holds(env):
        tested.append(env.item)
        return env.item.level3 == env.it.level3

    items = tuple(PROJECT.indicators)
    where = joins.indexed(lambda env: items, holds, lambda env: env.item.level3, lambda env: env.it.level3)
    for x in items:
        assert list(where(Env(x, x, PROJECT, DOCUMENT, {}))) == [y for y in items if y.level3 == x.level3]
    # the first walk is whole (a list is indexed when it is asked for again); then only namesakes
    assert len(tested) == len(items) + sum(NAMES.count(name) for name in NAMES[1:])


def test_a_field_that_is_no_text_or_a_list_built_afresh_is_walked():
    tested = []

    def holds(env):
        tested.append(env.item)
        return env.item.level3 == "材料费"

    where = joins.indexed(lambda env: list(PROJECT.indicators), holds, lambda env: env.item.level3,
                          lambda env: env.it.level3)  # fmt: skip
    x = PROJECT.indicators[1]
    for _ in range(3):
        assert [y.line for y in where(Env(x, x, PROJECT, DOCUMENT, {}))] == [
            y.line for y in PROJECT.indicators if y.level3 == "材料费"
        ]
    assert len(tested) == 3 * len(NAMES)


def test_a_compiled_where_reads_only_the_namesakes(monkeypatch):
    read = []
    kind, line = v.FIELDS["indicator"]["line"]
    monkeypatch.setitem(v.FIELDS["indicator"], "line", (kind, lambda i, env: read.append(i) or line(i, env)))
    _each("count(project.indicators where line < it.line and level3 == it.level3)")
    # `line` and `it.line` of the items tested: the list walked whole for the first item (7), then
    # each other item's namesakes (2 + 3 + 1 + 2 + 3 + 1); a walk of all 7 for each reads 98
    assert len(read) == 2 * (7 + 12)

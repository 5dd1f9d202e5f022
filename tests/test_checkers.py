"""Named checkers (bplint.engine.checkers), the limits that send long logic to them, and the
outcomes of a sum (BP407, BP408) found by what a rule declares, not by its id."""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from bplint import extract
from bplint.catalog import CatalogError, builtin_rules, load_rules
from bplint.engine import checkers, expr, exprlimits
from bplint.engine import vocabulary as v
from bplint.engine.checkers import copied, emptytable
from bplint.engine.expr import Definitions, Scope, compile_expr
from bplint.engine.vocabulary import Env
from bplint.lint import lint_source
from bplint.model.comparisons import Prior
from bplint.model.sentences import Figure
from bplint.read import decode
from tests.packs import one_rule

RULES = load_rules()

# The one-rule pack of the hostile-configuration tests, with its words and without its check.
RULE = one_rule(message="m").split("select:")[0]


def pack(tmp_path: Path, check: str, head: str = "") -> tuple[str, ...]:
    path = tmp_path / "pack.yaml"
    path.write_text(head + RULE + check, encoding="utf-8")
    return (str(path),)


def refused(tmp_path: Path, check: str, head: str = "") -> str:
    with pytest.raises(CatalogError) as error:
        load_rules(pack(tmp_path, check, head))
    return str(error.value)


def lint(text: str, rules: dict = RULES):
    return lint_source(decode(text.encode("utf-8"), "case.txt"), rules, "zh")


# -- the limits -----------------------------------------------------------------------------------


def test_every_shipped_rule_loads_and_its_expressions_are_within_the_limits():
    texts = []
    for rule in builtin_rules():
        spec = rule.extra
        texts += [spec[key] for key in ("where", "when", "at") if key in spec]
        texts += list((spec.get("vars") or {}).values())
    assert len(texts) > 250
    assert max(map(len, texts)) <= expr.MAX_LENGTH
    assert len(RULES) == len(builtin_rules())


def test_an_expression_over_the_length_limit_fails_to_load_and_says_to_write_a_checker(tmp_path):
    when = " or ".join(f"name == '项目{n}'" for n in range(12))
    assert len(when) > expr.MAX_LENGTH
    said = refused(tmp_path, f'select: projects\nwhen: "{when}"\n')
    assert "pack.yaml:1: 规则 X901：when：" in said
    assert f"超过 {expr.MAX_LENGTH}" in said and "命名的 checker" in said


def test_an_expression_at_the_length_limit_loads(tmp_path):
    when = "name == '" + "项" * (expr.MAX_LENGTH - len("name == ''")) + "'"
    assert len(when) == expr.MAX_LENGTH
    assert "X901" in load_rules(pack(tmp_path, f'select: projects\nwhen: "{when}"\n'))


def test_if_nested_three_deep_fails_to_load_and_two_deep_loads(tmp_path):
    two = "if(name == 'a', 'x', if(name == 'b', 'y', 'z'))"
    three = "if(name == 'a', 'x', if(name == 'b', 'y', if(name == 'c', 'z', 'w')))"
    assert "X901" in load_rules(pack(tmp_path, f'select: projects\nvars:\n  v: "{two}"\nwhen: "true"\n'))
    said = refused(tmp_path, f'select: projects\nvars:\n  v: "{three}"\nwhen: "true"\n')
    assert "vars.v：" in said and "if 嵌套 3 层，超过 2 层" in said and "命名的 checker" in said


def test_a_shared_definition_is_held_to_the_limits_too(tmp_path):
    long = " or ".join(f"name == '项目{n}'" for n in range(12))
    said = refused(
        tmp_path, 'select: projects\nwhen: "mine_long"\n', f'define:\n  mine_long: "{long}"\n---\n'
    )
    assert "定义 mine_long" in said and f"超过 {expr.MAX_LENGTH}" in said


# -- the registry -----------------------------------------------------------------------------------


def test_every_checker_is_named_by_a_shipped_rule_and_reads_an_item_a_rule_can_select():
    named = {rule.extra["checker"] for rule in builtin_rules() if "checker" in rule.extra}
    assert named == set(checkers.CHECKERS)
    kinds = {kind for kind, _ in v.SELECTORS.values()}
    for name, checker in checkers.CHECKERS.items():
        assert name == checker.name and "." in name and checker.item in kinds
        assert not set(checker.fields) & set(v.FIELDS[checker.item]), name  # its own, not the vocabulary's


def test_an_unknown_checker_is_a_load_error_naming_the_rule_and_the_nearest_name(tmp_path):
    said = refused(
        tmp_path, "select: figures\nchecker: narrative.restate\nidentities:\n  - 本数 = 文中前述同一数\n"
    )
    assert "pack.yaml:1: 规则 X901：" in said and "narrative.restate" in said
    assert "是不是 narrative.restated？" in said


def test_a_checker_of_other_items_than_the_rule_selects_is_a_load_error(tmp_path):
    said = refused(tmp_path, 'select: paragraphs\nchecker: narrative.copied_item\nwhen: "true"\n')
    assert "checker narrative.copied_item 检查的是 select: priors" in said


def test_a_checker_that_gives_sums_needs_identities(tmp_path):
    said = refused(tmp_path, 'select: figures\nchecker: narrative.restated\nwhen: "true"\n')
    assert "请写 identities" in said


def test_a_checker_field_is_read_only_by_the_rules_naming_the_checker(tmp_path):
    said = refused(tmp_path, 'select: priors\nwhen: "twin != null"\n')
    assert "未知的名称 twin" in said
    rules = load_rules(
        pack(tmp_path, 'select: priors\nchecker: narrative.copied_item\nwhen: "twin != null"\n')
    )
    bad = RULES["BP519"].examples["bad"]["text"]
    assert [f.rule for f in lint(bad, rules).findings if f.rule in ("X901", "BP519")] == ["BP519", "X901"]


# -- the checkers --------------------------------------------------------------------------------

# BP519's `other` as it was written in YAML before it became copied.speaks_of.
OTHER = (
    "if(abroad and not names_abroad and (names_car or names_host), if(names_car, '公务用车', '公务接待'), "
    "if(car and not names_car and (names_abroad or names_host), "
    "if(names_abroad, '因公出国（境）', '公务接待'), "
    "if(host and not names_host and (names_abroad or names_car), "
    "if(names_abroad, '因公出国（境）', '公务用车'), null)))"
)
OTHER_VARS = {
    "names_abroad": "reason matches '出国|出访|出境|团组'",
    "names_car": "reason matches '车'",
    "names_host": "reason matches '接待'",
    "abroad": "level.label matches '因公出国'",
    "car": "level.label matches '公务用车|公车'",
    "host": "level.label matches '公务接待'",
}
LABELS = ["因公出国（境）费", "公务用车运行维护费", "公务接待费", "会议费", "因公出国和公务接待费"]
REASONS = [
    "",
    "出访团组减少",
    "公车数量减少",
    "接待批次减少",
    "出国团组和接待减少",
    "车辆和接待减少",
    "严控支出",
]


def test_speaks_of_is_what_bp519s_nested_expression_gave(monkeypatch):
    monkeypatch.setattr(exprlimits, "MAX_LENGTH", 10_000)
    monkeypatch.setattr(exprlimits, "MAX_IFS", 10)
    scope = Scope("prior", "prior", {}, Definitions())
    for name, text in OTHER_VARS.items():
        scope.locals[name] = expr.compile_typed(text, scope)
    old = compile_expr(OTHER, scope)
    document = extract.build(decode("2026年部门预算\n".encode(), "x.txt"))
    seen = set()
    for label, reason in itertools.product(LABELS, REASONS):
        level = Figure(label, Decimal(5), "万元", 1, line=1)
        change = Figure(label, Decimal(1), "万元", 2, line=1, change=-1)
        prior = Prior(level, change, None, True, reason=reason)
        env = Env(prior, prior, None, document, {})
        assert copied.speaks_of(prior, env) == old(env), (label, reason)
        seen.add(old(env))
    assert seen == {None, "公务用车", "公务接待", "因公出国（境）"}


# BP602's `explained` and `said_empty` as they were written in YAML before they became tables.empty.
OLD_EXPLAINED = (
    "listed_empty or note matches '空表|无.{0,30}(?:预算|收支|经费|支出|资产|采购)' or document.text matches "
    "('(?:无|没有(?:使用)?)(?:当年)?' + kind + '[^。]{0,20}(?:预算|收支|支出)') or document.text matches "
    "(kind + '[^。；;0-9]{0,20}(?<![0-9.])0(?:[.]0+)?(?: ?万?元|(?=[。；;，,]))')"
)
OLD_SAID_EMPTY = (
    "if(nonzero > 0 and note matches "
    "'(?<!如)(?:空表|本表(?:本年)?(?:无|没有)(?:数据|数字|发生额|内容))', note, "
    "if(nonzero > 0 and kind in ['政府性基金', '国有资本经营'], text_in(document.text, "
    "'(?:^|(?<=[。；;\\n]))[^。；;\\n]*?(?:无|没有(?:使用)?)\\s*(?:当年)?' + kind + "
    "'[^。；;，,]{0,20}(?:支\\s*出|收\\s*支)[^。；;，,\\n]*'), null))"
)

EMPTY = """2026年部门预算
部门预算政府性基金预算支出表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t{total}\t\t{total}
{note}
本部门{said}
"""


@pytest.mark.parametrize(
    ("total", "note", "said", "explained", "said_empty"),
    [
        ("", "", "2026年无政府性基金预算收支。", True, None),  # the text says there is none
        ("", "", "2026年收入预算100.00万元。", False, None),  # nothing says why it is empty
        ("", "注：本表无数据，空表列示。", "", True, None),  # its note says
        ("5.00", "注：本表无数据。", "", False, "注：本表无数据。"),  # figures, yet called empty
        (
            "5.00",
            "",
            "没有使用政府性基金预算拨款安排的支出。",
            True,
            "本部门没有使用政府性基金预算拨款安排的支出",
        ),
        ("5.00", "注：此表如无数字则表示本部门无此项收支。", "", True, None),  # 长沙's conditional note
    ],
)
def test_an_empty_table_is_explained_and_a_table_with_figures_is_said_empty(
    monkeypatch, total, note, said, explained, said_empty
):
    document = extract.build(decode(EMPTY.format(total=total, note=note, said=said).encode(), "x.txt"))
    (table,) = [t for t in document.checked_tables if t.kind == "政府性基金"]
    env = Env(table, table, None, document, {})
    assert (emptytable.explained(table, env), emptytable.said_empty(table, env)) == (explained, said_empty)
    monkeypatch.setattr(exprlimits, "MAX_LENGTH", 10_000)
    scope = Scope("table", "table", {}, Definitions())
    old = [compile_expr(text, scope)(env) for text in (OLD_EXPLAINED, OLD_SAID_EMPTY)]
    assert old == [explained, said_empty]


# -- outcomes of a sum ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "outcome"), [("BP407", "arithmetic.rounding"), ("BP408", "arithmetic.magnitude")]
)
def test_an_outcome_of_a_sum_is_reported_by_the_rule_declaring_it_whatever_its_id(rule, outcome):
    assert RULES[rule].outcome_of == outcome
    renamed = {rid: r for rid, r in RULES.items() if rid != rule} | {"X407": replace(RULES[rule], id="X407")}
    bad = RULES[rule].examples["bad"]["text"]
    assert rule in {f.rule for f in lint(bad).findings}
    found = {f.rule for f in lint(bad, renamed).findings}
    assert "X407" in found and rule not in found


def test_an_unknown_outcome_is_a_load_error(tmp_path):
    said = refused(tmp_path, "outcome_of: arithmetic.roundng\n")
    assert "outcome_of 应为 arithmetic.rounding、arithmetic.magnitude 之一" in said


def test_one_outcome_is_reported_by_one_rule(tmp_path):
    said = refused(tmp_path, "outcome_of: arithmetic.rounding\n")
    assert "规则 X901：arithmetic.rounding 已由 BP407" in said


def test_a_rule_reporting_an_outcome_has_no_check_of_its_own(tmp_path):
    said = refused(tmp_path, 'outcome_of: arithmetic.magnitude\nselect: tables\nwhen: "true"\n')
    assert "不能自己写 select" in said


def test_every_checker_is_in_the_guide_for_rule_writers():
    guide = (Path(__file__).parents[1] / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    assert [name for name in checkers.CHECKERS if f"| `{name}` |" not in guide] == []

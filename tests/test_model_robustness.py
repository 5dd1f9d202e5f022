"""The layout and model stages never crash, whatever rows and labels arrive in whatever order."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bplint import extract
from bplint.catalog import load_rules
from bplint.lint import lint_source
from bplint.read import Source

RULES = load_rules()

TOKENS = [
    "1.接待费绩效目标表", "项目编码", "项目名称", "预算数", "其中：财政资金", "其他资金", "资金支出计划（%）",
    "3月底", "6月底", "12月底", "绩效目标", "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值",
    "指标值确定依据", "产出指标", "数量指标", "≥50次", "20%", "12.00", "健全", "", " ", "单位：万元",
    "430001 某某局本级", "[bookmark: _Toc_1]", "≥100百分 比", "abc",
]  # fmt: skip
lines = st.lists(st.sampled_from(TOKENS), max_size=7).map(lambda cells: "\t".join(cells))
prefixed = st.tuples(st.sampled_from(["", "\t"]), lines).map("".join)
documents = st.lists(prefixed, max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(documents)
# Found by this test: a second, narrower indicator header after rows read under a wider one.
@example("1.接待费绩效目标表\n一级指标\t指标值\n1.接待费绩效目标表\t1.接待费绩效目标表\n\t一级指标\t指标值")
def test_build_never_raises(text):
    document = extract.build(Source("fuzz.txt", text, "UTF-8", ""))
    for problem in document.problems:
        assert problem.rule in {"BP002", "BP003", "BP004"}
        assert 1 <= problem.line <= text.count("\n") + 1


TITLES = ["部门预算收支总表", "部门预算支出总表", "部门预算一般公共预算财政拨款基本支出表",
          "部门财政拨款“三公”经费支出表", "部门固定资产占用情况表", "部门政府采购预算",
          "1.接待费绩效目标表"]  # fmt: skip
CELLS = [
    "单位：元", "序号", "收入", "支出", "项目", "预算数", "科目编码", "科目名称", "合计", "基本支出",
    "项目支出", "本年收入合计", "收入总计", "支出总计", "一、一般公共预算拨款收入", "二、事业收入", "201",
    "20103", "2010301", "栏次", "1", "1630.30", "0.01", "-3", "1,000.00", "---", "其中：", "…小计", "类",
    "款", "资产总额", "1、房屋", "人员经费", "公用经费", "资金性质",
]  # fmt: skip
TEXTS = [
    "2024年预算收入100万元，其中基本支出60万元，包括人员经费30万元和公用经费30万元；项目支出40万元。",
    "较上年增加5万元，其中：基本支出增加3万元，项目支出持平。", "基本支出58.30万元，占58.3%", "20XX年",
    "注：无预算，空表列示。", "12",
]  # fmt: skip
rows = st.lists(st.sampled_from(CELLS + TOKENS), min_size=1, max_size=7).map(
    lambda cells: "\t".join(cells) + "\t"
)
sections = st.tuples(st.sampled_from(TITLES), st.lists(st.one_of(rows, st.sampled_from(TEXTS)), max_size=12))
full_documents = st.lists(sections, max_size=5).map(
    lambda parts: "\n".join(title + "\n" + "\n".join(body) for title, body in parts)
)


@settings(max_examples=200, deadline=None)
@given(full_documents)
def test_every_rule_runs_on_any_model(text):
    """Tables, narrative and sheets in any order: the rules report, they never raise."""
    result = lint_source(Source("fuzz.txt", text, "UTF-8", ""), RULES, "zh")
    assert all(1 <= f.line <= text.count("\n") + 1 for f in result.findings)

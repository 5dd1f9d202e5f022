"""The layout and model stages never crash, whatever rows and labels arrive in whatever order."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bplint import model
from bplint.read import Source

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
    document = model.build(Source("fuzz.txt", text, "UTF-8", ""))
    for problem in document.problems:
        assert problem.rule in {"BP002", "BP003", "BP004"}
        assert 1 <= problem.line <= text.count("\n") + 1

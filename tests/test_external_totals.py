"""The totals the text of the shared PDFs states (收支总数, 财政拨款, 一般公共预算, 基本支出, the items of
收入说明), each against the table cell BP502's `figures` names for it: read against the pages."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from bplint.catalog import load_rules
from bplint.engine import claims
from bplint.lint import lint_path
from tests.external import EXTERNAL

pytestmark = pytest.mark.external

RULES = load_rules()

# The figure (file, line, label) | the cell it is read against | that cell in the text's unit; read
# against the pages.
TOTALS = [
    tuple(field.strip() for field in entry.split("|"))
    for entry in """
# 福州 p.7 `收入预算为 351904.90 万元`: its 收支总表 ends `收入合计`, not 收入总计 (p.10).
fuzhou-yibao-2026.pdf | 462 | 福州市医疗保障局收入预算 | 《收支总表》收入合计 | 351904.90
# 长沙 p.9 `（一）基本支出：…基本支出预算数 386.73 万元` under `四、一般公共预算拨款支出` (the 一般公共预算's:
# its 基本支出表), `2026 年本单位一般公共预算拨款支出 656.73`.
changsha-jiaoyu-2026.pdf | 66 | 2026 年本单位基本支出预算数 | 《基本支出表》合计 | 386.73
changsha-jiaoyu-2026.pdf | 64 | 2026 年本单位一般公共预算拨款支出 | 《一般公共预算支出表》合计 | 656.73
# 苏州 p.22 `财政拨款收、支总预算 4,651.67 万元` (收、支 one word) and `财政拨款预算支出`.
suzhou-shenji-2026.pdf | 543 | 2026 年度财政拨款收、支总预算 | 《财政拨款收支总表》收入总计 | 4651.67
suzhou-shenji-2026.pdf | 547 | 2026 年财政拨款预算支出 | 《财政拨款收支总表》支出总计 | 4651.67
# 杭州 p.4 `人员支出 58,486.35 万元` under `（三）支出预算情况说明` (all funds': the 支出总表's) and p.8's
# 一般公共预算基本支出.
hangzhou-sifa-2026.pdf | 92 | 人员支出 | 《支出总表》合计[基本支出/人员支出/2] | 58486.35
hangzhou-sifa-2026.pdf | 284 | 2026 年一般公共预算基本支出 | 《基本支出表》合计 | 70724.29
# 无锡 p.47 `本年事业收入 6,577 万元`, p.51 `一般公共预算财政拨款支出预算 475,631.69 万元`.
wuxi-jiaoyu-2026.pdf | 1148 | 本年事业收入 | 《收支总表》五、事业收入 | 6577.00
wuxi-jiaoyu-2026.pdf | 1284 | 2026 年一般公共预算财政拨款支出预算 | 《一般公共预算支出表》合计 | 475631.69
# 苏州 p.27 and 无锡 p.57: 会议费 and 培训费, which their 三公 tables print in columns of their own.
suzhou-shenji-2026.pdf | 626 | 2026 年度一般公共预算拨款安排的会议费预算支出 | 《三公》会议费 | 10.00
wuxi-jiaoyu-2026.pdf | 1324 | 2026 年度一般公共预算拨款安排的培训费预算支出 | 《三公》培训费 | 925.46
# 无锡 p.47 `本年财政专户管理资金 243 万元`.
wuxi-jiaoyu-2026.pdf | 1147 | 本年财政专户管理资金 | 《收支总表》四、财政专户管理资金收入 | 243.00
# 西安 p.10 `本部门当年机关运行经费预算安排120.89万元`: its 基本支出表's 公用经费支出, 1,208,867.20 元.
xian-xinfang-2026.pdf | 183 | 本部门当年机关运行经费预算 | 《基本支出表》合计[公用经费支出] | 120.886720
# 西安 p.4 `本部门当年财政拨款收入2,838.42万元`: the table prints 28,384,234.71 元.
xian-xinfang-2026.pdf | 89 | 本部门当年财政拨款收入 | 《财政拨款收支总表》本年收入合计 | 2838.423471
""".splitlines()
    if entry and not entry.startswith("#")
]


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize(("name", "line", "label", "cell", "value"), TOTALS)
def test_a_total_the_text_states_is_read_against_its_table_cell(name, line, label, cell, value):
    line = int(line)
    result = lint_path(str(EXTERNAL / name), RULES, "zh")
    rule = RULES["BP502"]
    (identity,) = rule.check.identities
    (stated,) = [f for s in result.document.narrative for f in s.figures
                 if f.line == line and f.label == label and not f.change]  # fmt: skip
    step = Decimal(1).scaleb(stated.amount.as_tuple().exponent)
    ((balance, *_),) = claims.in_figure(
        identity, replace(stated, amount=stated.amount + 2 * step), result.document, rule.check.params
    )
    (held,) = balance.terms
    assert (held.label, held.value) == (cell, Decimal(value))
    assert abs(balance.difference) > balance.tolerance  # two units off is reported
    if name == "xian-xinfang-2026.pdf":  # 元 tables: a finding quotes the cell as printed
        assert held.printed.endswith("元") and held.printed[0].isdigit() and "," in held.printed
    assert not [f for f in result.findings if f.rule == "BP502" and f.line == line]  # as printed, it agrees

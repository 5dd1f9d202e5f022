"""Every money figure of the shared PDFs' narrative, changed: noticed, or tied to nothing bplint can
check.  Each figure is raised by seven units of its last digit (past any rounding) and the document
re-read from its layout; the narrative rules (BP5xx, BP602) must then say something new, unless the
figure restates, decomposes and changes nothing the document prints.

What cannot be noticed falls in three kinds the test tells by itself (a threshold, `单价100万元以上`;
a change against last year's amount printed nowhere; a level whose amount the document prints
nowhere else) and the figures of UNCHECKED, each read against its page with its reason.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import replace
from decimal import Decimal

import pytest
import regex

from bplint.catalog import load_rules
from bplint.extract.changes import priors
from bplint.layout import Paragraph
from bplint.lint import lint_source
from bplint.read import read_path
from tests.external import EXTERNAL, FIRST_TEN

pytestmark = [pytest.mark.external, pytest.mark.slow]  # each PDF re-read once a figure: minutes

RULES = load_rules()
NARRATIVE = {rule for rule in RULES if rule.startswith("BP5")} | {"BP602"}
_NUMBER = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_THRESHOLD = regex.compile(r"单价|单位价值")

_SCOPES = (
    "restated in another scope: 收入 and 支出, 财政拨款 and 一般公共预算, or 部门 and 政府 economic classes"
)
_NO_TABLE = "a figure no table of the document holds"
_COVERAGE = "the funds 绩效目标管理 covers: no rule says what they must equal"
_COINCIDENCE = "a change against last year printed nowhere (its digits occur elsewhere by chance)"
_PART_UNSTATED = "a change breakdown with a part stating no change of its own"
# file → (line, column) → why a change to that figure is not noticed (the figure's label in the
# comment).
UNCHECKED = {
    # 长沙 p.11: the 基本支出表's rows 培训费 2.00 and 委托业务费 6.98 are 基本支出 only; the text's
    # 培训费预算 and 委托业务费预算总额 may include 项目支出's.
    "changsha-jiaoyu-2026.pdf": {
        (90, 7): _NO_TABLE,  # 培训费预算
        (107, 3): _NO_TABLE,  # 2026 年本单位委托业务费预算总额
    },
    # 福州 p.26: 机关运行经费, with no 机关运行经费 or 公用经费 column in any table (the 基本支出表 is by
    # economic class).
    "fuzhou-yibao-2026.pdf": {
        (813, 9): _NO_TABLE,  # 福州市医疗保障局一般公共预算拨款安排的机关运行经费支出
        (473, 4): _SCOPES,  # 2026 年度一般公共预算拨款支出
    },
    "guangzhou-jiaotong-2026.pdf": {
        (1064, 20): _NO_TABLE,  # 本部门机关运行经费
    },
    # 杭州 p.4: `一般公共预算当年拨款 91,842.80` counts 上年结转 347.32 although it says 当年; p.14: the
    # 一级项目 total of 表 11, which no rule maps.  (Its 财政拨款收支总表's 收入总计 row, printed alone at
    # the top of p.29, is read since grids are joined over pages: 4）2026 年财政拨款收支总预算 is noticed.)
    "hangzhou-sifa-2026.pdf": {
        (106, 18): "a scope the words do not say",  # 2026 年一般公共预算当年拨款
        (358, 1): _NO_TABLE,  # 金
        (337, 23): _COINCIDENCE,  # 家参公事业单位的机关运行经费财政拨款预算
    },
    # 上海普陀 p.13: 面向中小企业预留 34 万元, of which 小微企业 34: no table prints them.
    "shanghai-putuo-bangongshi-2025.pdf": {
        (313, 27): _NO_TABLE,  # 2025年本部门面向中小企业预留政府采购项目预算金额
        (313, 55): _NO_TABLE,  # 预留给小型和微型企业的政府采购项目预算
        (70, 65): _SCOPES,  # 财政拨款收入
    },
    "shanghai-shujuju-2026.pdf": {
        (72, 54): _SCOPES,  # 财政拨款收入
        (74, 44): _SCOPES,  # 财政拨款支出预算
        # p.4: its 一般公共预算's siblings state no change (`政府性基金拨款支出预算0万元；`), so the change
        # breakdown is not complete.
        (75, 25): _SCOPES,  # 一般公共预算拨款支出预算
    },
    # 深圳 p.15: 涉及预算资金 (绩效); p.18: 计划购置车辆 2 辆、36 万元 and `无 100 万元以上设备`.
    "shenzhen-shichang-2026.pdf": {
        (360, 20): _COVERAGE,  # 涉及预算资金
        (391, 18): _NO_TABLE,  # 计划购置车辆 2 辆、36 万元
        (393, 9): "a threshold",  # 本单位2026 年无
    },
    # 苏州 p.23: the 三公 total's change over items whose second states none (only its (1) (2) do).
    "suzhou-shenji-2026.pdf": {
        (613, 21): _PART_UNSTATED,  # 2026 年度一般公共预算拨款安排的“三公”经费支出预算
        (623, 27): _PART_UNSTATED,  # 3．公务接待费预算支出
        (626, 18): _COINCIDENCE,  # 2026 年度一般公共预算拨款安排的会议费预算支出
        (480, 17): _SCOPES,  # 支出预算总计
        (548, 28): _SCOPES,  # 财政拨款支出
        (656, 3): _COVERAGE,  # 涉及财政性资金
        (657, 8): _COVERAGE,  # 涉及财政性资金
    },
    "wuxi-jiaoyu-2026.pdf": {
        (1097, 3): _SCOPES,  # （1）一般公共预算拨款收入
        (1173, 22): _SCOPES,  # 财政拨款收、支总计各
        (1178, 1): _SCOPES,  # 财政拨款支出
        (1284, 23): _SCOPES,  # 2026 年一般公共预算财政拨款支出预算
        (1205, 7): _COINCIDENCE,  # 8.普通教育（款）其他普通教育支出（项）支出
        (1236, 17): _COINCIDENCE,  # 1.科学技术管理事务（款）其他科学技术管理事务支出（项）支出
        (1308, 29): _COINCIDENCE,  # 1．因公出国（境）费预算支出
        (1311, 29): _COINCIDENCE,  # （1）公务用车购置预算支出
        (1351, 3): _COVERAGE,  # 涉及财政性资金
        (1352, 10): _COVERAGE,  # 涉及财政性资金
    },
    # 西安 p.4: `其中：一般公共预算拨款2,838.42万元` under 收入 and again under 支出: the words name no side.
    "xian-xinfang-2026.pdf": {
        (84, 23): "a scope the words do not say",  # 一般公共预算拨款
        (86, 12): "a scope the words do not say",  # 一般公共预算拨款
        (84, 39): _SCOPES,  # 一般公共预算拨款
        (86, 28): _SCOPES,  # 一般公共预算拨款
        (90, 5): _SCOPES,  # 一般公共预算拨款收入
        (127, 30): _SCOPES,  # （2）商品和服务支出（302）
        (138, 32): _SCOPES,  # （2）机关商品和服务支出（502）
        (179, 26): _COVERAGE,  # 涉及当年一般公共预算拨款
    },
}
PDFS = list(FIRST_TEN)  # the ten whose unnoticed figures were each read on the page


@functools.cache
def _printed(name: str) -> tuple[Counter, object, object]:
    """The amounts the document prints (table cells, 元 tables also in 万元), its lint result and
    what it was read from."""
    source = read_path(str(EXTERNAL / name))
    result = lint_source(source, RULES, "zh", NARRATIVE)
    amounts = Counter()
    for table in result.document.tables:
        for row in table.rows:
            for cell in row.cells:
                for found in _NUMBER.finditer(cell.text):
                    value = Decimal(found[0].replace(",", ""))
                    amounts[value] += 1
                    if table.unit == "元":  # in 万元, as the text may round it
                        amounts.update(
                            (value / 10000).quantize(Decimal(digits)) for digits in ("1", "0.1", "0.01")
                        )
    for sentence in result.document.narrative:
        amounts.update(f.amount for f in sentence.figures)
    return amounts, result, source


def _kind(name: str, figure, prior) -> str | None:
    """Why a change to this figure cannot be noticed, where the figure itself tells."""
    amounts, _, _ = _printed(name)
    if not figure.change and _THRESHOLD.search(figure.label):
        return "a threshold"
    if figure.change:
        if amounts[figure.amount] <= 1 and (prior is None or not amounts[prior.amount]):
            return "a change against last year printed nowhere"
        return None
    return "stated once" if amounts[figure.amount] <= 1 else None


def _mutated(name: str, figure):
    """The document with `figure` raised by seven units of its last digit, linted."""
    _, _, source = _printed(name)
    blocks = list(source.blocks)
    index = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.line == figure.line)
    text = blocks[index].text
    printed = [m for m in _NUMBER.finditer(text) if Decimal(m[0].replace(",", "")) == figure.amount]
    match = min(printed, key=lambda m: abs(m.start() + 1 - figure.column))
    raised = str(figure.amount + 7 * Decimal(1).scaleb(figure.amount.as_tuple().exponent))
    block = replace(blocks[index], text=text[: match.start()] + raised + text[match.end() :])
    return lint_source(
        replace(source, blocks=(*blocks[:index], block, *blocks[index + 1 :])), RULES, "zh", NARRATIVE
    )


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize("name", PDFS)
def test_every_changed_narrative_figure_of_a_pdf_is_noticed_or_tied_to_nothing(name):
    _, base, _ = _printed(name)
    before = {(f.rule, f.line, f.message) for f in base.findings}
    listed = UNCHECKED.get(name, {})
    unnoticed, wrongly_listed = [], []
    for sentence in base.document.narrative:
        by_change = {(p.change.line, p.change.column): p for p in priors(sentence)}
        for figure in sentence.figures:
            if figure.unit == "%" or figure.share or not figure.amount:
                continue
            key = (figure.line, figure.column)
            after = {(f.rule, f.line, f.message) for f in _mutated(name, figure).findings}
            if after - before:
                if key in listed:
                    wrongly_listed.append((*key, figure.label))  # noticed now: take it out of UNCHECKED
            elif (
                key not in listed and _kind(name, figure, by_change.get((figure.line, figure.column))) is None
            ):
                unnoticed.append((*key, figure.label))
    assert (unnoticed, wrongly_listed) == ([], [])

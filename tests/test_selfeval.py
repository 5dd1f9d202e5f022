"""Self-evaluation sheets printed with a 决算 (issue 26, item 5): 项目支出绩效自评表 and
部门整体支出绩效自评表 read into Document.evaluations, their numbers accounted for, and rules BP706–BP709
on the problems the 西安 决算 shows (执行率 1000% for 100%, a 总分 that leaves out the funds row,
efficiency indicators given 26 of their 30 points, a cost overrun scored in full).

Fixtures are text exports in the PDF export's layout (one row a line, a merged cell an empty field)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bplint.catalog import load_rules
from bplint.extract import build
from bplint.lint import lint_source
from bplint.model.evaluation import EvaluationKind
from bplint.read import decode

RULES = load_rules()
COVER = "某某委员会\n2024年度部门决算\n"
FUNDS_HEADER = (
    "项目资金（万元）\t\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分\n"
)
INDICATOR_HEADER = (
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
)


def sheet(rate="90.00%", points="30", score="99", cost="≤100万元", spent_cost="90万元", cost_score="10"):
    """A 项目支出绩效自评表 as the 西安 决算 prints it; each argument a cell to plant a problem in."""
    return (
        "某某市级病媒生物防制项目绩效自评表\n"
        "（2024年度）\n"
        "项目名称\t\t病媒生物防制\n"
        "主管部门\t\t某某委员会\t\t\t\t实施单位\t\t某某中心\n"
        + FUNDS_HEADER
        + f"\t\t年度资金总额\t100\t100\t90\t10\t{rate}\t9\n"
        "\t\t其中：当年财政拨款\t100\t100\t90\t—\t\t—\n"
        "\t\t上年结转资金\t\t\t\t—\t\t—\n"
        "年度总体目标完成情况\t预期目标（年初设定）\t\t\t\t\t实际完成情况\n"
        "\t将病媒生物密度控制在国家标准范围之内。\t\t\t\t\t已控制在国家标准范围之内。\n"
        + INDICATOR_HEADER
        + "\t产出指标（50分）\t数量指标\t消杀覆盖区县数量\t≥16个\t16个\t20\t20\t\n"
        "\t\t质量指标\t控制病媒生物密度\t国家标准范围之内\t国家标准范围之内\t10\t10\t\n"
        "\t\t时效指标\t项目实施时效\t全年\t全年\t10\t10\t\n"
        f"\t\t成本指标\t全年项目经费支出\t{cost}\t{spent_cost}\t10\t{cost_score}\t\n"
        f"\t效益指标（30分）\t社会效益指标\t减少病媒传播疾病\t有效减少\t有效减少\t{points}\t30\t\n"
        "\t满意度指标（10分）\t服务对象满意度指标\t群众满意率\t≥90%\t92%\t10\t10\t\n"
        f"总分\t\t\t\t\t\t100\t{score}\t\n"
    )


WHOLE = (
    "某某委员会部门整体支出绩效自评表\n"
    "部门（单位）名称\t\t\t某某委员会\n"
    "年度主要任务完成情况\t任务名称\t主要内容\t完成情况\t全年预算数（万元）\t\t\t全年执行数（万元）\t\t\t分值\t执行率\t得分\n"
    "\t\t\t\t总额\t财政拨款\t其他资金\t总额\t财政拨款\t其他资金\n"
    "\t学前教育\t保证学前教育支出。\t基本任务完成\t1292.55\t1182.59\t109.96\t1263.33\t1182.59\t80.74\t5\t97.74%\t5\n"
    "\t其他教育支出\t保证日常教育支出。\t部分任务完成\t3669\t268\t3401\t268\t268\t0\t5\t7.30%\t5\n"
    "\t金额合计\t\t\t4961.55\t1450.59\t3510.96\t1531.33\t1450.59\t80.74\t10\t30.86%\t10\n"
    "年度总体目标完成情况\t预期目标（年初设定）\t\t目标实际完成情况\n"
    "\t目标1：全面加强党的建设\t\t目标1：党的全面领导持续加强\n"
    "年度绩效指标完成情况\t一级指标\t二级指标\t指标内容\t年度指标值\t实际完成值\t分值\t得分\n"
    "\t产出指标（50分）\t数量指标\t指标1：覆盖单位数量\t28个\t28个\t50\t50\n"
    "\t\t\t指标2：引进高层次人次\t≥800人\t744人\t30\t25\n"
    "\t满意度指标（10分）\t服务对象满意度指标\t指标1：群众满意率\t≥80%\t85%\t10\t10\n"
    "总分\t\t\t\t\t\t100\t95\n"
)


def source(text: str):
    return decode((COVER + text).encode("utf-8"), "t.txt")


def linted(text: str):
    return lint_source(source(text), RULES, "zh")


def fired(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in linted(text).findings:
        found.setdefault(finding.rule, []).append(finding.message)
    return found


def test_a_project_sheet_is_read_whole():
    document = build(source(sheet()))
    (evaluation,) = document.evaluations
    assert (evaluation.kind, evaluation.name) == (EvaluationKind.PROJECT, "病媒生物防制")
    total, fiscal, carried = evaluation.funds
    assert (total.budget, total.spent, total.rate, total.points, total.score, total.total) == (
        Decimal(100), Decimal(90), Decimal("90.00"), Decimal(10), Decimal(9), True)  # fmt: skip
    assert (fiscal.label, fiscal.points, carried.budget) == ("其中：当年财政拨款", None, None)
    assert evaluation.goal.startswith("将病媒") and evaluation.achieved.startswith("已控制")
    quality = evaluation.results[1]
    assert (quality.level1, quality.level2) == ("产出指标（50分）", "质量指标")  # 一级 carried down
    assert quality.name == "控制病媒生物密度"
    assert (evaluation.total.points, evaluation.total.score) == (Decimal(100), Decimal(99))
    assert (evaluation.points_sum, evaluation.score_sum) == (Decimal(100), Decimal(99))
    # Every number of the sheet is taken; nothing left to BP004.
    assert document.coverage.grid == document.coverage.grid_taken > 0
    assert not [p for p in document.problems if p.rule == "BP004"]
    assert not document.projects


def test_a_whole_sheet_is_read_task_by_task():
    document = build(source(WHOLE))
    (evaluation,) = document.evaluations
    assert evaluation.kind is EvaluationKind.WHOLE and evaluation.name == "某某委员会"
    other = evaluation.funds[1]
    assert (other.label, other.status, other.budget, other.spent, other.rate) == (
        "其他教育支出", "部分任务完成", Decimal(3669), Decimal(268), Decimal("7.30"))  # fmt: skip
    assert other.parts == (Decimal(268), Decimal(3401), Decimal(268), Decimal(0))
    assert [r.level1 for r in evaluation.results][:2] == ["产出指标（50分）"] * 2  # carried down
    assert evaluation.scored_funds.label == "金额合计"
    assert (evaluation.points_sum, evaluation.score_sum) == (Decimal(100), Decimal(95))
    assert document.coverage.grid == document.coverage.grid_taken


def test_a_clean_sheet_gives_no_self_evaluation_finding():
    assert fired(sheet() + WHOLE) == {}


@pytest.mark.parametrize(
    ("planted", "rule", "words"),
    [
        ({"rate": "1000%"}, "BP706", "执行率（B/A）应为90%，表中却写1000%"),
        ({"rate": "9.00%"}, "BP706", "表中却写9.00%"),
        ({"points": "26"}, "BP708", "分值合计为96"),  # 效益指标（30分） given 26
        ({"score": "95"}, "BP708", "得分合计为99"),
        ({"score": "101"}, "BP707", "“总分”的得分为101，高于其分值100"),
        ({"cost": "≤80万元"}, "BP709", "年度指标值为≤80万元，实际完成值为90万元"),
    ],
)
def test_each_planted_problem_is_caught(planted, rule, words):
    found = fired(sheet(**planted))
    assert any(words in message for message in found.get(rule, [])), found


def test_a_target_missed_but_scored_below_full_or_met_or_bare_is_no_finding():
    assert "BP709" not in fired(sheet(cost="≤80万元", cost_score="8", score="97"))  # scored for the miss
    assert "BP709" not in fired(sheet(cost="≤100万元", spent_cost="100万元"))  # met, at the bound
    assert "BP709" not in fired(sheet(cost="80万元"))  # a bare target says no direction


def test_a_truncated_or_rounded_rate_stands():
    # 268/3669 = 7.3044…%: 7.30% is the rate rounded; the task's row is no finding.
    assert "BP706" not in fired(WHOLE)
    assert "BP706" not in fired(sheet(rate="90%"))


def test_a_budget_sheet_is_left_to_the_project_reader():
    budget = (
        "某某局2026年部门预算\n"
        "某某项目绩效目标表\n"
        "项目名称\t\t某某项目\n"
        "主管部门\t\t某某局\t\t实施单位\t\t某某中心\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t培训人数\t≥100人\n"
    )
    document = build(decode(budget.encode("utf-8"), "t.txt"))
    assert not document.evaluations and [p.name for p in document.projects] == ["某某项目"]


def test_the_read_line_counts_a_final_accounts_self_evaluation_sheets():
    """A 决算 said `读取 0 个项目、0 个指标值` and then reported on its sheets' projects."""
    from bplint.report.text import _read_line

    result = linted(sheet() + "\n" + sheet(score="98"))
    assert result.stats["evaluations"] == 2 and result.stats["projects"] == 0
    assert _read_line(result, "zh").startswith("t.txt: 读取 2 张绩效自评表")
    assert _read_line(result, "en").startswith("t.txt: read 2 self-evaluation sheets")


def test_the_html_report_files_a_sheets_findings_under_its_project(tmp_path):
    """A 决算's findings on a 绩效自评表 were all filed under （不属于项目）, below a 预算年度."""
    from click.testing import CliRunner

    from bplint.cli import main

    path = tmp_path / "决算.txt"
    path.write_text(COVER + sheet(rate="1000%"), encoding="utf-8")
    page = CliRunner().invoke(main, ["--format", "html", "--fail-on", "never", str(path)]).output
    assert 'data-rule="BP706"' in page and 'data-project="病媒生物防制"' in page
    assert "（不属于项目）" not in page and "预算年度" not in page

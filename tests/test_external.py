"""Real PDFs from other provinces in ../shared/external/ (never copied here).

Skipped where that folder is absent.  What bplint reads and finds in each was checked by hand
against the PDFs; the reasoning for every rule's findings is in the session notes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal

import pytest
import regex

from bplint.catalog import load_rules
from bplint.engine import check, claims
from bplint.engine.checkers.subjectrow import in_subject
from bplint.extract.changes import changes, priors
from bplint.layout import Paragraph
from bplint.lint import lint_path, lint_source
from bplint.model.document import TableCell, TableRow
from bplint.model.printing import Habit
from bplint.read import read_path
from tests.external import EXTERNAL

pytestmark = pytest.mark.external

RULES = load_rules()

# 苏州's and 无锡's template: thirteen tables, 公开01表 … 公开13表.
JIANGSU = ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "财政拨款支出表", "财政拨款基本支出表",
           "一般公共预算支出表", "基本支出表", "三公", "政府性基金", "国有资本经营", "机关运行经费",
           "政府采购"]  # fmt: skip

EXPECTED = {
    "shanghai-putuo-bangongshi-2025.pdf": {
        "projects": 0, "indicators": 0,
        "tables": ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "政府性基金",
                   "国有资本经营", "基本支出表", "三公"],
        "findings": {},
    },
    # The 政府性基金 and 国有资本经营 tables are empty, and the text says `…拨款支出预算0万元` (no BP602);
    # the 三公 total's decrease is explained item by item after `其中：` (no BP507).
    "shanghai-shujuju-2026.pdf": {
        "projects": 0, "indicators": 0,
        "tables": ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "政府性基金",
                   "国有资本经营", "基本支出表", "三公"],
        "findings": {},
    },
    # A running header on every page, `- 8 -` page numbers, `部门：苏州市审计局 单位：万元` between title
    # and grid, a title printed inside the grid (公开02表 收入总表): all thirteen tables of the 目录.
    "suzhou-shenji-2026.pdf": {
        "projects": 0, "indicators": 0,
        "tables": JIANGSU,
        "findings": {},
    },
    # The same template as 苏州; 机关运行经费 135.29万元 is read against its own table (not 公用经费,
    # which in an 教育局 with schools is far larger), and 支出总表's 基本支出 (all funds) is not
    # compared with the 一般公共预算 基本支出表.
    "wuxi-jiaoyu-2026.pdf": {
        "projects": 0, "indicators": 0,
        "tables": JIANGSU,
        "findings": {},
    },
    # The 报表目录 marks 表11 (上年结转资金支出表) `是 | 不涉及`: its empty table is explained (no BP602).
    # 表16 专项资金总体绩效目标表 is the blank template the 报表目录 marks `是 | 不涉及`: no project.
    "xian-xinfang-2026.pdf": {
        "projects": 10, "indicators": 77,
        "tables": ["其他表", "收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表",
                   "一般公共预算支出表", "基本支出表", "基本支出表", "政府性基金", "其他表", "其他表",
                   "政府采购", "三公"],
        # Read against pp.33–43: seven cells holding several values (`≥9547平方米；…；≥36次` for four
        # 三级 in one row, p.36) are BP003; `每月发放金额(元) 235` under 数量指标 is money (BP113); no
        # 国有资本经营 table (BP601). `事件每年不得超过次数 ≤1次` under 质量指标 is quality (no BP114).
        # pp.9–11 list the 一般公共预算支出 2,838.42 万元 three ways (by 项, eleven items; by economic
        # class, twice four): each adds up to 2,838.43, a cent within the rounding (BP407, redone by hand).
        "findings": {"BP003": 7, "BP113": 1, "BP407": 3, "BP601": 1},
    },
    # 七、重点项目预算绩效目标情况 lists 60 key projects (项目 | 预算数（单位：万元）| 绩效目标) over pages
    # 83–94: projects, but some of all, so not summed against 项目支出 (no BP406).
    # Five rounding differences of a cent, each redone by hand (2589.54 + 2614.58 = 5204.12 against 5204.11;
    # 456990.37 + 175075.32 = 632065.69 against 632065.70 …); 支出总计 under 二十七、结转下年 is BP404's.
    "guangzhou-jiaotong-2026.pdf": {
        "projects": 60, "indicators": 0,
        "tables": ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "基本支出表",
                   "项目支出表", "三公", "政府性基金", "国有资本经营", "基本支出表", "项目支出表"],
        "findings": {"BP407": 5},
    },
    # `** 1 2 3` column numbers are a header; `没有使用政府性基金预算拨款安排的支出` explains the empty 表8.
    # 项目支出 28506.17 (支出总表) against its 31 projects' 28506.18: a cent of rounding (BP407, info).
    # 表11 项目支出绩效表 lists 31 projects (单位名称 | 项目名称 | 金额 | 绩效目标), as the text says
    # (`共计 31 个一级项目，涉及资金 28,506.17 万元`): their 28506.18 is 项目支出 to the cent (no BP406).
    # p.5's `财政拨款收支总预算 91,842.80 万元。收入包括：…。支出包括：…` (four classes, 91,842.81): a cent.
    "hangzhou-sifa-2026.pdf": {
        "projects": 31, "indicators": 0,
        "tables": ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "基本支出表",
                   "三公", "政府性基金", "国有资本经营", "项目支出表"],
        "findings": {"BP407": 2},
    },
    # 第七部分 重点项目预算绩效情况说明: the 5 projects its text counts (`设置并编报 5 个项目绩效目标`).
    # Each table is printed page by page with `表1 收支总表 部门名称：… 单位：万元` repeated: one table each.
    # 市场监督管理事务 3049.04 against its seven 项 3049.05 (and three more cents) are BP407.
    "shenzhen-shichang-2026.pdf": {
        "projects": 5, "indicators": 0,
        "tables": ["收支总表", "收入总表", "支出总表", "基本支出表", "项目支出表", "财政拨款收支总表",
                   "一般公共预算支出表", "一般公共预算支出表", "三公", "政府性基金", "国有资本经营"],
        "findings": {"BP407": 4},
    },
    # Its narrative is drawn in boxes (one-row "tables"): read as lines, `…与 2025 年持` + `平` joined.
    # One list of projects (单位（项目）名称 | 资金总额 | 绩效目标 left of the indicators) continued on the
    # next page with its project row repeated: one project, and so the 部门整体支出 sheet. Its 目录 lists no
    # 国有资本经营 table (BP601, as 西安).
    "changsha-jiaoyu-2026.pdf": {
        "projects": 2, "indicators": 24,
        "tables": ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "基本支出表",
                   "三公", "政府性基金"],
        "findings": {"BP601": 1},
    },
    "fuzhou-yibao-2026.pdf": {
        "projects": 13, "indicators": 104,
        "tables": ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "政府性基金",
                   "国有资本经营", "一般公共预算支出表", "基本支出表", "三公"],
        # Read against pp.26–39: cost targets written as rates (`预算执行率 ≥95%` under 经济成本指标,
        # BP102; a rate under 社会成本 owes no money; `人均财政补助标准 ≥800元` is a policy floor, no
        # BP101); `结算对象满意度 ≥100%` (BP104); rates `≥100%` (BP111, info); `开展医保宣传活动次数 ≥18次`
        # under 质量指标 and complaint counts under 服务对象满意度指标 (BP114); 政府采购 370.62 against
        # its items 370.619 (BP407, info). `项目支出预算控制率 ≤100%` is a real cap (no BP106).
        "findings": {"BP102": 6, "BP104": 2, "BP111": 20, "BP114": 5, "BP407": 1},
    },
}  # fmt: skip


# The project sheets a 目录 lists, each matched with what was read: 长沙's two lists by their titles
# (`2026年项目支出绩效目标表`), 西安's 专项资金总体 with its blank template (p.43).
SHEETS_LISTED = {
    "changsha-jiaoyu-2026.pdf": ["项目支出绩效目标表", "部门整体支出绩效目标表"],
    "hangzhou-sifa-2026.pdf": ["2026年市级部门项目支出绩效表"],
    "xian-xinfang-2026.pdf": [
        "部门专项业务经费绩效目标表",
        "部门整体支出绩效目标表",
        "专项资金总体绩效目标表",
    ],
}


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_other_provinces_pdfs(name):
    result = lint_path(str(EXTERNAL / name), RULES, "zh")
    expected = EXPECTED[name]
    document = result.document
    assert (len(document.projects), len(document.indicators)) == (
        expected["projects"],
        expected["indicators"],
    )
    assert [t.kind for t in document.tables] == expected["tables"]
    assert dict(Counter(f.rule for f in result.findings)) == expected["findings"]
    assert all(f.page for f in result.findings if f.rule in ("BP003", "BP004"))
    # Every table and project sheet the document's own 目录 lists was read (no BP006).
    assert [entry.title for entry in document.contents if entry.table_line is None] == []
    assert [
        entry.title for entry in document.sheets_listed if entry.table_line is not None
    ] == SHEETS_LISTED.get(name, [])


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
def test_a_project_list_continued_over_pages_is_one_project_per_row():
    document = lint_path(str(EXTERNAL / "changsha-jiaoyu-2026.pdf"), RULES, "zh").document
    water, whole = document.projects
    assert (water.name, water.code, str(water.budget.total), water.goals) == (
        "经常性运转经费（水电气）",
        "201056",
        "270.00",
        "保障基地正常运转",
    )
    # 6 rows on page 22 (the empty 社会成本指标, 生态环境成本指标 rows are no indicators), 6 on page 23.
    assert [(i.level2, i.level3, i.raw) for i in water.indicators][2:4] == [
        ("经济成本指标", "燃气费", "＝10万元"),
        ("数量指标", "燃气用量", "＝38.61万立方"),
    ]
    assert len(water.indicators) == 12 and water.indicators[-1].level2 == "服务对象满意度指标"
    assert (whole.name, str(whole.budget.total)) == ("长沙职业教育基地综合协调办公室", "656.73")
    assert ("基本支出", "386.73") in whole.details
    assert [i.level2 for i in whole.indicators if i.level3 == "满足学生多样化学习需求，办人民满意学校"] == [
        "社会效益指标"
    ]


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
def test_a_list_of_projects_with_amount_and_goals_gives_projects():
    document = lint_path(str(EXTERNAL / "hangzhou-sifa-2026.pdf"), RULES, "zh").document
    projects = document.projects
    # 日常保障运行 is a project of six units: six projects, each under its unit.
    assert [p.details for p in projects if p.name == "日常保障运行"][1] == (("单位名称", "杭州市东郊监狱"),)
    assert len([p for p in projects if p.name == "日常保障运行"]) == 6
    assert (projects[0].name, str(projects[0].budget.total)) == ("法治杭州建设", "69.00")
    assert projects[0].goals.startswith("加快推进法治领域改革杭州实践")
    assert str(sum(p.budget.total for p in projects)) == "28506.18"
    assert not any(p.indicator_table for p in projects)


# Header cells merged across and down, read from the PDF's rules (each checked against the page).
COLUMNS = {
    # 表3: 项目支出 is merged down over the row of 人员支出 | 日常公用支出, not a child of it.
    ("hangzhou-sifa-2026.pdf", "支出总表"): (
        "功能分类科目名称/**", "总计/1", "基本支出/人员支出/2", "基本支出/日常公用支出/3", "项目支出/4",
        "事业单位经营支出/5", "上缴上级支出/6", "对附属单位补助支出/7"),
    # 本级财政拨款 spans 金额 | 其中:经费拨款; the columns after it are merged down.
    ("changsha-jiaoyu-2026.pdf", "收入总表"): (
        "类/**", "款/**", "项/**", "功能科目/**", "合计/1", "本级财政拨款/金额/2",
        "本级财政拨款/其中:经费拨款/3", "财政专户管理事业收入/4", "事业单位经营服务收入/5",
        "上级补助收入/6", "其它收入/7", "事业收入/8",
        "上年结转/9"),
    # Three header rows, the second starting with 合计 over 小计 | 购置费 | 运行费: a header band.
    ("shanghai-shujuju-2026.pdf", "三公"): (
        "“三公”经费预算数/合计", "“三公”经费预算数/因公出国(境)费", "“三公”经费预算数/公务接待费",
        "“三公”经费预算数/公务用车购置及运行费/小计", "“三公”经费预算数/公务用车购置及运行费/购置费",
        "“三公”经费预算数/公务用车购置及运行费/运行费", "机关运行经费预算数"),
    # `编制单位：上海市数据局 | 单位：元` drawn inside the grid is the meta line, not a header.
    ("shanghai-shujuju-2026.pdf", "财政拨款收支总表"): (
        "财政拨款收入/项目", "财政拨款收入/预算数", "财政拨款支出/项目", "财政拨款支出/合计",
        "财政拨款支出/一般公共预算", "财政拨款支出/政府性基金预算", "财政拨款支出/国有资本经营预算"),
    ("suzhou-shenji-2026.pdf", "三公"): (
        "“三公”经费合计", "因公出国（境）费", "公务用车购置及运行维护费/小计",
        "公务用车购置及运行维护费/公务用车购置费", "公务用车购置及运行维护费/公务用车运行维护费",
        "公务接待费", "会议费", "培训费"),
}  # fmt: skip


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize(("name", "kind"), sorted(COLUMNS))
def test_merged_header_cells_are_read_from_the_rules(name, kind):
    document = lint_path(str(EXTERNAL / name), RULES, "zh").document
    (table,) = [table for table in document.tables if table.kind == kind]
    assert table.columns == COLUMNS[name, kind]
    assert table.rows and not table.unread


# Table rows no reader took (each looked at on its page): lists of the units the budget covers, words
# only, so listed by dump and not reported; every other document's rows are all read (目录 included).
LEFTOVERS = {
    "fuzhou-yibao-2026.pdf": [(6, 5, "序号 | 单位名称", 0)],
    "xian-xinfang-2026.pdf": [(7, 2, "序号 | 单位名称 | 拟变动情况", 0)],
}


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_table_rows_no_reader_took(name):
    document = lint_path(str(EXTERNAL / name), RULES, "zh").document
    found = [(left.page, left.rows, left.first, left.figures) for left in document.leftovers]
    assert found == LEFTOVERS.get(name, [])


# Changes stated with their rate (`比上年增加46.49万元，增长8.9%`) in each PDF's narrative, all
# consistent with their amounts (no BP509): read against the pages of 广州 (p.81) and 杭州 (p.5).
# 长沙 (p.4) names the amount by a word of the sentence before: `收入较去年增加 24.17 万元，上升 3.82%`
# after `2026 年本单位收入预算 656.73 万元，其中，…`.
CHANGES = {"changsha-jiaoyu-2026.pdf": 2, "fuzhou-yibao-2026.pdf": 4, "guangzhou-jiaotong-2026.pdf": 8,
           "hangzhou-sifa-2026.pdf": 33, "shenzhen-shichang-2026.pdf": 3, "suzhou-shenji-2026.pdf": 16,
           "wuxi-jiaoyu-2026.pdf": 36, "xian-xinfang-2026.pdf": 29}  # fmt: skip


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize("name", sorted(CHANGES))
def test_every_stated_rate_of_change_is_checked_and_a_changed_figure_noticed(name):
    """A mutation test on the real sentences: the rate or the change doubled (and a little more) is
    inconsistent every time (BP509), where the printed figures are.  (5 points off is not always:
    杭州's 0.19 万元 increased by 0.09 万元 may be anything from 77% to 105%, as printed.)"""
    document = lint_path(str(EXTERNAL / name), RULES, "zh").document
    found = [c for s in document.narrative for c in changes(s)]
    rounded = Habit()  # each PDF rounds its rates: a rate is right as its figures' rate rounded
    assert len(found) == CHANGES[name] and all(rounded.accepts(c.fit) for c in found)
    for c in found:
        assert not rounded.accepts(replace(c, rate=replace(c.rate, amount=c.rate.amount * 2 + 5)).fit), c
        doubled = replace(c, change=replace(c.change, amount=c.change.amount * 2 + 1))
        assert not rounded.accepts(doubled.fit) or doubled.prior < 0, c  # past this year's: BP514's negative


# Figures the text states for a 科目 by level (`公共安全支出（类）司法（款）行政运行（项）8,553.80 万元`):
# how many each PDF states, and how many name a row of its tables.  Read against 杭州 pp.6–12
# (一般公共预算支出表, p.30), 苏州 pp.25–27 and 无锡 pp.53–57: every figure equals its row.  无锡's two
# unplaced are 0 万元 items (其他普通教育支出, 其他科学技术管理事务支出) the tables print no row for.
SUBJECTS = {
    # 杭州 also names 类 bare (`一般公共服务支出 12,868.19 万元`, p.5): eight more, all equal to their rows.
    # 长沙's three bare `教育支出` (p.9): its 一般公共预算支出表's row (labelled in its 功能科目 column),
    # 656.73 twice in the 总计 column and, under `（二）项目支出…其中：`, 270.00 in the 项目支出 column.
    "changsha-jiaoyu-2026.pdf": (3, 3),
    # 福州 names each 项 by code and name (`（一）2080501-行政单位离退休 178.51 万元`, printed pp.21–23),
    # found by code in 表五 (printed p.12); 15 paragraphs, the third's amount on the line after its
    # name (`（三）2080505- 机关事业单位基本养老保险缴费支出` / `553.54 万元。…`).
    "fuzhou-yibao-2026.pdf": (15, 15),
    # 杭州's (27), p.11, prints its 款 and 项 a character apart (`支 出 （ 款 ） 机 关 …`): closed up.
    "hangzhou-sifa-2026.pdf": (40, 40),
    # 上海 quotes the 科目, its levels joined by dashes (`“一般公共服务支出-政府办公厅（室）及相关机构事务-
    # 行政运行”科目1202.95万元`, p.6), its rows printed in 元: each the row rounded to the text's digits.
    "shanghai-putuo-bangongshi-2025.pdf": (12, 12),
    "shanghai-shujuju-2026.pdf": (4, 4),
    "suzhou-shenji-2026.pdf": (11, 11),
    "wuxi-jiaoyu-2026.pdf": (30, 28),
}


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_every_figure_stated_for_a_subject_is_checked_against_its_row(name):
    """A mutation test on the real 科目 paragraphs: each figure equals its row (no BP510), and the
    same figure one unit of its last digit and a bit more off is reported every time."""
    result = lint_path(str(EXTERNAL / name), RULES, "zh")
    document = result.document
    rule = RULES["BP510"]
    (ident,) = rule.check.identities
    stated = [
        f for s in document.narrative for f in s.figures if f.subject and not f.change and f.unit != "%"
    ]
    placed = [f for f in stated if list(in_subject(ident, f, document, rule.check.params))]
    assert (len(stated), len(placed)) == SUBJECTS[name]
    assert not [f for f in result.findings if f.rule == "BP510"]
    for figure in placed:
        step = Decimal(1).scaleb(figure.amount.as_tuple().exponent)
        (balances,) = in_subject(ident, replace(figure, amount=figure.amount + 2 * step), document,
                                          rule.check.params)  # fmt: skip
        assert abs(balances[0].difference) > balances[0].tolerance, figure


# The tables whose note says they are empty (`故本表无数据`, `故本表为空表`, 杭州's and 福州's
# `备注：本部门没有使用…安排的支出`), each read as its table's note (p.35/36 of 杭州, pp.15–16 of 福州).
SAID_EMPTY = {
    "fuzhou-yibao-2026.pdf": {
        "政府性基金": "备注：本部门 2026 年没有使用政府性基金预算拨款安排的支出。",
        "国有资本经营": "备注：本部门 2026 年没有使用国有资本经营预算拨款安排的支出。"},
    "hangzhou-sifa-2026.pdf": {
        "政府性基金": "备注：本部门没有政府性基金预算拨款安排的支出，故本表无数据。",
        "国有资本经营": "备注：本部门没有国有资本经营预算拨款安排的支出，故本表无数据。"},
    "shanghai-putuo-bangongshi-2025.pdf": {
        "政府性基金": "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。",
        "国有资本经营": "注:本部门2025年无国有资本经营预算财政拨款安排的预算，故本表为空表。"},
    "suzhou-shenji-2026.pdf": {
        "政府性基金": "注：本部门无政府性基金预算，也没有使用政府性基金安排的支出，故本表无数据。",
        "国有资本经营": "注：本部门无国有资本经营预算支出，故本表无数据。"},
}  # fmt: skip


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize("name", sorted(SAID_EMPTY))
def test_a_figure_put_into_a_table_said_empty_is_reported(name):
    """Each note is its table's, the table holds no figure but zeros (no BP602), and a figure put
    into it is BP602 quoting the note; 福州's note says only that there is no such spending."""
    document = lint_path(str(EXTERNAL / name), RULES, "zh").document
    noted = {t.kind: t for t in document.tables if t.kind in SAID_EMPTY[name]}
    assert {kind: t.note for kind, t in noted.items()} == SAID_EMPTY[name]
    rule = RULES["BP602"]
    for table in noted.values():
        assert not any(c.amount for c in table.figures)
        assert not _bp602(document, table, table), table.kind
        cell = TableCell("12.34", table.end_line, 20, 1, table.columns[-1], "合计", Decimal("12.34"))
        changed = replace(table, rows=(*table.rows, TableRow(table.end_line, "", "", "合计", (cell,))))
        (finding,) = _bp602(document, table, changed)
        assert finding.line == table.line and "有不为零的数字" in finding.message, finding.message
        quoted = table.note.split("：", 1)[-1].split(":", 1)[-1].rstrip("。")
        assert quoted.split("，")[-1] in finding.message, finding.message
    assert rule.severity == "warning"


def _bp602(document, table, changed):
    """BP602's findings on the document with one table changed."""
    tables = tuple(changed if t is table else t for t in document.tables)
    rule = RULES["BP602"]
    mutated = replace(document, tables=tables)
    return [
        f
        for f in check.run(rule, rule.check, mutated, "zh", lambda line: None, RULES)
        if f.line == table.line
    ]


# Changes stated with the amount they change (`X万元，比上年增加Y万元`), each giving last year's amount:
# how many each PDF states, none below zero and no fall past 100% (no BP514).  无锡's `支出 0 万元，与上年
# 相比减少 1,591 万元，减少 100%` (p.56) is a fall to zero, exactly 100%.
PRIORS = {"fuzhou-yibao-2026.pdf": 4, "guangzhou-jiaotong-2026.pdf": 10, "hangzhou-sifa-2026.pdf": 33,
          "shanghai-putuo-bangongshi-2025.pdf": 3, "shanghai-shujuju-2026.pdf": 8,
          "shenzhen-shichang-2026.pdf": 8, "suzhou-shenji-2026.pdf": 20, "wuxi-jiaoyu-2026.pdf": 46,
          "xian-xinfang-2026.pdf": 29}  # fmt: skip


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize("name", sorted(PRIORS))
def test_every_change_with_its_amount_gives_a_possible_last_year(name):
    result = lint_path(str(EXTERNAL / name), RULES, "zh")
    found = [p for s in result.document.narrative for p in priors(s)]
    assert len(found) == PRIORS[name]
    assert all(p.this_year and p.amount >= 0 for p in found)
    assert not [f for f in result.findings if f.rule == "BP514"]
    # The same sentences written as increases past their level: last year below zero, every time.
    for p in found:
        raised = replace(p, change=replace(p.change, change=1, amount=p.level.amount * 2 + 2))
        assert raised.amount + raised.slack < 0, p


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
def test_a_period_that_ended_before_the_budget_year_is_reported():
    """上海普陀 p.22: `五、实施周期` / `2025全年度。` in the 2025 budget is right (no BP515); the same
    page in a 2026 budget is a period that has ended."""
    result = lint_path(str(EXTERNAL / "shanghai-putuo-bangongshi-2025.pdf"), RULES, "zh")
    assert not [f for f in result.findings if f.rule == "BP515"]
    document = result.document
    rule = RULES["BP515"]
    later = replace(document, meta=replace(document.meta, year=2026))
    found = check.run(rule, rule.check, later, "zh", lambda line: None, RULES)
    assert [(f.line, f.message) for f in found] == [
        (336, "“2025全年度”：项目实施周期到2025年就结束了，而本文件是2026年预算；请核对实施周期"
              "（或说明已结束的项目为何仍安排预算）")]  # fmt: skip


# The 三公 paragraph's figures (`“三公”经费预算数413.68万元`, `公务接待费预算74.00万元` …): how many each
# PDF states, and how many are checked against its 三公 table, whether the table prints the items as
# rows (广州) or as columns of a 合计 row (杭州, 苏州, 无锡, 上海, 西安: its 当年 group, not 上年) or of
# the row of the budget's year (深圳).  Unchecked: figures the table leaves blank (西安's 因公出国 and
# 购置费, 上海普陀's 公务用车 0), 长沙's columns named otherwise.  福州's and 深圳's items are named by the
# heading before a generic label (`（二）公务接待费` / `2026 年预算安排 5.00 万元`).  All equal (no BP502).
SANGONG = {
    "changsha-jiaoyu-2026.pdf": (6, 1), "fuzhou-yibao-2026.pdf": (5, 5),
    "guangzhou-jiaotong-2026.pdf": (6, 6), "hangzhou-sifa-2026.pdf": (5, 5),
    "shanghai-putuo-bangongshi-2025.pdf": (6, 3), "shanghai-shujuju-2026.pdf": (6, 5),
    "shenzhen-shichang-2026.pdf": (6, 6), "suzhou-shenji-2026.pdf": (9, 9),
    "wuxi-jiaoyu-2026.pdf": (9, 9), "xian-xinfang-2026.pdf": (5, 3),
}  # fmt: skip
_SANGONG_WORDS = ("三公", "因公出国", "公务接待", "公务用车", "公车")


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize("name", sorted(SANGONG))
def test_every_sangong_figure_is_checked_against_its_table(name):
    """A mutation test on the real 三公 paragraphs: each figure two units of its last digit off is
    reported (BP502) where the table holds it."""
    result = lint_path(str(EXTERNAL / name), RULES, "zh")
    document = result.document
    rule = RULES["BP502"]
    (ident,) = rule.check.identities
    stated = [
        f
        for s in document.narrative
        for f in s.figures
        if not f.change and not f.share and f.unit != "%" and any(w in f.label for w in _SANGONG_WORDS)
    ]
    checked = 0
    for figure in stated:
        step = Decimal(1).scaleb(figure.amount.as_tuple().exponent)
        off = list(claims.in_figure(ident, replace(figure, amount=figure.amount + 2 * step), document,
                                    rule.check.params))  # fmt: skip
        checked += bool(off and abs(off[0][0].difference) > off[0][0].tolerance)
    assert (len(stated), checked) == SANGONG[name]
    assert not [f for f in result.findings if f.rule == "BP502"]


# Last year's amount a 三公 change implies, against the 三公 table's own last year: 西安's 上年 columns
# (p.32: 三公 12.00, 公务接待费 2.00, 公务用车运行维护费 10.00, 培训费 12.20 万元, printed in 元: the
# text's `培训费预算支出21.98万元，较上年增加9.78万元`, p.10) and 深圳's 2025 row
# (p.18: 三公 11.58, 公务接待费 0.18 …; its items named in the heading before `2026 年预算数`, p.17).
# All equal (no BP517); the change two units of its last digit off is reported.
PRIOR_TABLE = {
    "shenzhen-shichang-2026.pdf": [331, 333, 336, 343, 347],
    "xian-xinfang-2026.pdf": [152, 155, 157, 161],
}


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize("name", sorted(PRIOR_TABLE))
def test_last_year_a_change_implies_is_checked_against_the_tables_last_year(name):
    result = lint_path(str(EXTERNAL / name), RULES, "zh")
    rule = RULES["BP517"]
    (ident,) = rule.check.identities
    found = [
        (p, balances[0])
        for s in result.document.narrative
        for p in priors(s)
        for balances in claims.in_prior(ident, p, result.document, rule.check.params)
    ]
    assert [p.line for p, _ in found] == PRIOR_TABLE[name]
    assert all(b.difference == 0 for _, b in found)
    assert not [f for f in result.findings if f.rule == "BP517"]
    for p, _ in found:
        step = Decimal(1).scaleb(p.change.amount.as_tuple().exponent)
        off = replace(p, change=replace(p.change, amount=p.change.amount + 2 * step))
        ((balance, *_),) = claims.in_prior(ident, off, result.document, rule.check.params)
        assert abs(balance.difference) > balance.tolerance, p


# Totals whose parts follow as numbered items (`基本支出 7841.26 万元，其中：` over `（一）人员经费…`), by
# the total's line: the items' amounts, each read against its page.  西安's three lists (p.6–7) add
# up to 2838.43 against 2838.42, within the rounding of eleven and four printed figures (BP407).
ITEMISED = {
    "fuzhou-yibao-2026.pdf": {526: ["7263.35", "577.91"]},
    "shanghai-putuo-bangongshi-2025.pdf": {304: ["839", "0", "28.50"]},
    "shanghai-shujuju-2026.pdf": {288: ["109.14", "14.00", "20.00"]},
    "shenzhen-shichang-2026.pdf": {274: ["1012.29", "39.50", "1028.40", "6.84", "2.45"]},
    # 苏州 pp.5–6 and 无锡 pp.48–50: `（一）收入预算总计 X。包括：` over `1．本年收入合计 X。` (its own parts
    # (1) to (9) below it, unannounced) and `2．上年结转结余为 0 万元`; the same for 支出.
    "suzhou-shenji-2026.pdf": {482: ["4651.67", "0"], 483: ["4651.67", *["0"] * 8],
                               496: ["4651.67", "0"], 497: ["2906.63", "442.09", "1302.95"],
                               579: ["3916.57", "395.6"], 598: ["3916.57", "395.6"]},
    "wuxi-jiaoyu-2026.pdf": {1094: ["512434.34", "0"],
                             1095: ["475631.69", "0", "0", "243", "6577", "4397.65", "0", "0", "25585"],
                             1118: ["512434.34", "0"],
                             1119: ["366490.44", "50527", "28656.75", "8580.21", "58179.94"],
                             1272: ["262303.68", "17323.61"], 1288: ["262303.68", "17323.61"],
                             1310: ["36", "104.8"]},
    "xian-xinfang-2026.pdf": {
        99: ["1373.32", "893.61", "21.98", "44.03", "138.16", "75.08", "1.74", "46.50", "48.53", "120.87",
             "74.61"],
        124: ["1710.33", "991.95", "126.60", "9.55"], 134: ["1710.33", "991.95", "9.55", "126.60"]},
}  # fmt: skip


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_parts_written_as_numbered_items_add_up_and_a_changed_one_is_reported(name):
    """Each total with numbered parts is read, none is BP501 as printed, and each part raised by
    seven units of its last digit makes the total's BP501."""
    from bplint.extract.itemised import read_itemised
    from bplint.extract.narrative import passages

    source = read_path(str(EXTERNAL / name))
    result = lint_source(source, RULES, "zh", {"BP501"})
    blocks = [b for b in source.blocks if isinstance(b, Paragraph)]
    found = {
        b.total.line: b
        for b in read_itemised(passages(blocks))
        if b.kind == "level"
        and (b.total.line, b.total.column)
        in {(d.total.line, d.total.column) for d in result.document.breakdowns}
    }
    assert {line: [str(p.amount) for p in b.parts] for line, b in found.items()} == ITEMISED.get(name, {})
    assert not [f for f in result.findings if f.rule == "BP501"]
    at_line = {b.line: i for i, b in enumerate(source.blocks) if isinstance(b, Paragraph)}
    for breakdown in found.values():
        part = max(breakdown.parts, key=lambda p: p.amount)
        index = at_line[part.line]
        text = source.blocks[index].text
        start = text.index(f"{part.amount:,}" if f"{part.amount:,}" in text else str(part.amount))
        printed = f"{part.amount:,}" if text.startswith(f"{part.amount:,}", start) else str(part.amount)
        # Past the rounding of every printed figure of the list (`0 万元` may be up to 0.5).
        raised = str(
            part.amount
            + max(7 * Decimal(1).scaleb(part.amount.as_tuple().exponent), len(breakdown.parts) + 1)
        )
        block = replace(source.blocks[index], text=text[:start] + raised + text[start + len(printed) :])
        mutated = replace(source, blocks=(*source.blocks[:index], block, *source.blocks[index + 1 :]))
        lines = [f.line for f in lint_source(mutated, RULES, "zh", {"BP501"}).findings if f.rule == "BP501"]
        assert breakdown.total.line in lines, (name, part)


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
def test_the_changes_of_numbered_items_add_up_to_the_totals_change():
    """上海数据局 p.13: `143.14万元，比2025年预算减少20.36万元。其中：` over （一） +4.14, （二） −24.50 and
    （三） `与2025年预算持平`; an item's change raised is BP503."""
    source = read_path(str(EXTERNAL / "shanghai-shujuju-2026.pdf"))
    result = lint_source(source, RULES, "zh", {"BP503"})
    (moved,) = [b for b in result.document.breakdowns if b.kind == "change" and b.total.line == 288]
    assert ([p.signed for p in moved.parts], moved.steady, moved.total.signed) == (
        [Decimal("4.14"), Decimal("-24.50")], ("（三）公务接待费",), Decimal("-20.36"))  # fmt: skip
    assert not [f for f in result.findings if f.rule == "BP503"]
    index = next(
        i for i, b in enumerate(source.blocks) if isinstance(b, Paragraph) and "增加4.14万元" in b.text
    )
    block = replace(
        source.blocks[index], text=source.blocks[index].text.replace("增加4.14万元", "增加4.21万元")
    )
    mutated = replace(source, blocks=(*source.blocks[:index], block, *source.blocks[index + 1 :]))
    assert [f.line for f in lint_source(mutated, RULES, "zh", {"BP503"}).findings if f.rule == "BP503"] == [
        288
    ]


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
def test_a_paragraph_wrapped_at_the_margin_is_read_whole_with_or_without_figures():
    """深圳 p.12–13: `3.市场监督管理事务 1,028.40 万元，主要包括：…` lists six items over fifteen lines and a
    page break, many of its lines without a figure. Read whole, the six add up (855.71 + 49.95 + 26.75
    + 67.15 + 23.84 + 5.00); cut where two lines without figures meet, it was two items short of the
    total: a false BP501."""
    result = lint_path(str(EXTERNAL / "shenzhen-shichang-2026.pdf"), RULES, "zh")
    (listed,) = [b for b in result.document.breakdowns if b.total.amount == Decimal("1028.40")]
    assert [p.amount for p in listed.parts] == [
        Decimal(a) for a in ("855.71", "49.95", "26.75", "67.15", "23.84", "5.00")
    ]
    assert sum(p.amount for p in listed.parts) == listed.total.amount
    assert not [f for f in result.findings if f.rule == "BP501"]


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
def test_every_cell_of_the_pdfs_has_pdfplumbers_text(monkeypatch):
    """bplint's own cell text (formats/celltext.py) against pdfplumber's `extract_text`, on every
    table cell of the first ten PDFs: 16,218-16,219 cells, none left to pdfplumber (16,198 before the
    one-row grids that open a page were read as the rows they continue; 16,232 while a row with text
    run on past a rule had each cell's text written twice).  The count is one more in a process
    that has not run celltext's random cases first (a cell of 上海数据局 written once more, the
    lines read the same: bench/pdfdump.py)."""
    from pdfplumber.utils import extract_text

    from bplint.formats import pdfrows
    from bplint.formats.celltext import plain_text

    compared, own = [], pdfrows.chars_text

    def both(inside):
        compared.append(plain_text(inside) == extract_text(inside))
        return own(inside)

    monkeypatch.setattr(pdfrows, "chars_text", both)
    for name in sorted(EXPECTED):
        read_path(str(EXTERNAL / name))
    assert len(compared) in (16218, 16219) and all(compared)


# PDFium reads what pdfminer reads: chosen for a hyphen that ends a table cell's line (广州), fonts
# scaled by the text matrix (上海, 长沙), paragraphs over pages (深圳) and a font not embedded (杭州).
# The one difference: 杭州's `9 台` is `9台` by PDFium, which measures the unembedded font's `9`
# wider (9.76 pt against pdfminer's 8), so the gap before `台` is under pdfplumber's 3 pt.
ENGINE_DIFFERS = {
    "hangzhou-sifa-2026.pdf": [
        ("单位价值 100 万元以上设备9 台（套）。", "单位价值 100 万元以上设备9台（套）。")
    ]
}


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
@pytest.mark.parametrize(
    "name", ["changsha-jiaoyu-2026.pdf", "guangzhou-jiaotong-2026.pdf", "hangzhou-sifa-2026.pdf",
             "shanghai-shujuju-2026.pdf", "shenzhen-shichang-2026.pdf"],
)  # fmt: skip
def test_pdfium_reads_the_pdfs_as_pdfminer_does(name, monkeypatch):
    from bplint.model.dump import to_dict

    def sentences(document):
        return [s["text"] for s in to_dict(document)["narrative"]["sentences"]]

    fast = lint_path(str(EXTERNAL / name), RULES, "zh")
    monkeypatch.setenv("BPLINT_PDF_ENGINE", "pdfminer")
    slow = lint_path(str(EXTERNAL / name), RULES, "zh")
    assert fast.document.tables == slow.document.tables
    assert fast.document.projects == slow.document.projects
    pairs = [
        (a, b) for a, b in zip(sentences(slow.document), sentences(fast.document), strict=True) if a != b
    ]
    assert pairs == ENGINE_DIFFERS.get(name, [])
    assert [(f.line, f.rule, f.message) for f in fast.findings] == [
        (f.line, f.rule, f.message) for f in slow.findings
    ]


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
def test_pdf_findings_lead_with_the_page_number_printed_on_the_page():
    """福州 prints `18` at the foot of its 20th page (a cover and a contents page come first)."""
    result = lint_path(str(EXTERNAL / "fuzhou-yibao-2026.pdf"), RULES, "zh")
    located = [f for f in result.findings if f.page == 27]
    assert located and all(f.where("zh").startswith("第25页（PDF 第27页）") for f in located)
    # A sheet's row is named by its label, as the reader finds it on the page (not `表1 行12`).
    assert any(regex.search(r"项目“.+” “.+”行$", f.where("zh")) for f in located)


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the other provinces' PDFs) is absent")
def test_steady_with_a_change_is_reported_and_a_steady_text_is_not():
    """上海普陀 p.17: `（三）公务接待费28.50万元，与2024年预算持平。` is right (no BP518); with a change
    written into it, it says two things. 杭州's `…减少 1.26 万元…与上年基本持平` and 广州's
    `增加0万元…与上年持平` stay silent (no BP518 in any of the ten: see EXPECTED)."""
    source = read_path(str(EXTERNAL / "shanghai-putuo-bangongshi-2025.pdf"))
    blocks = list(source.blocks)
    (index,) = [
        i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and "公务接待费28.50万元" in b.text
    ]
    text = blocks[index].text.replace("，与2024年预算持平", "，比2024年预算增加2.5万元，与2024年预算持平")
    mutated = replace(
        source, blocks=(*blocks[:index], replace(blocks[index], text=text), *blocks[index + 1 :])
    )
    found = [f.message for f in lint_source(mutated, RULES, "zh", {"BP518"}).findings]
    assert found == [
        "这里写“增加2.5万元，与2024年预算持平”：有增减额就不是持平；请删去“持平”，或写“基本持平”，或核对增减额"
    ]
    assert not [f for f in lint_source(source, RULES, "zh", {"BP518"}).findings]

"""Real PDFs from other provinces in ../shared/external/ (never copied here).

Skipped where that folder is absent.  What bplint reads and finds in each was checked by hand
against the PDFs; the reasoning for every rule's findings is in the session notes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bplint.catalog import load_rules
from bplint.lint import lint_path

EXTERNAL = Path(__file__).resolve().parent.parent.parent / "shared" / "external"
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
    "xian-xinfang-2026.pdf": {
        "projects": 11, "indicators": 88,
        "tables": ["其他表", "收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表",
                   "一般公共预算支出表", "基本支出表", "基本支出表", "政府性基金", "其他表", "其他表",
                   "政府采购", "三公"],
        "findings": {"BP003": 7, "BP108": 11, "BP113": 1, "BP114": 3, "BP601": 1},
    },
    # Five rounding differences of a cent, each redone by hand (2589.54 + 2614.58 = 5204.12 against 5204.11;
    # 456990.37 + 175075.32 = 632065.69 against 632065.70 …); 支出总计 under 二十七、结转下年 is BP404's.
    "guangzhou-jiaotong-2026.pdf": {
        "projects": 0, "indicators": 0,
        "tables": ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "基本支出表",
                   "项目支出表", "三公", "政府性基金", "国有资本经营", "基本支出表", "项目支出表"],
        "findings": {"BP407": 5},
    },
    # `** 1 2 3` column numbers are a header; `没有使用政府性基金预算拨款安排的支出` explains the empty 表8.
    "hangzhou-sifa-2026.pdf": {
        "projects": 0, "indicators": 0,
        "tables": ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "基本支出表",
                   "三公", "政府性基金", "国有资本经营", "项目支出表"],
        "findings": {},
    },
    # Each table is printed page by page with `表1 收支总表 部门名称：… 单位：万元` repeated: one table each.
    # 市场监督管理事务 3049.04 against its seven 项 3049.05 (and three more cents) are BP407.
    "shenzhen-shichang-2026.pdf": {
        "projects": 0, "indicators": 0,
        "tables": ["收支总表", "收入总表", "支出总表", "基本支出表", "项目支出表", "财政拨款收支总表",
                   "一般公共预算支出表", "一般公共预算支出表", "三公", "政府性基金", "国有资本经营"],
        "findings": {"BP407": 4},
    },
    "fuzhou-yibao-2026.pdf": {
        "projects": 13, "indicators": 104,
        "tables": ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "政府性基金",
                   "国有资本经营", "一般公共预算支出表", "基本支出表", "三公"],
        "findings": {"BP101": 8, "BP102": 7, "BP104": 2, "BP106": 2, "BP111": 20, "BP114": 5, "BP407": 1},
    },
}  # fmt: skip


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
    assert all(f.details.get("page") for f in result.findings if f.rule in ("BP003", "BP004"))
    # Every table the document's own 目录 lists was read (no BP006).
    assert [entry.title for entry in document.contents if entry.table_line is None] == []

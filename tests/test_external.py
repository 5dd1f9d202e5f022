"""The three real PDFs from other provinces in ../shared/external/ (never copied here).

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

EXPECTED = {
    "shanghai-putuo-bangongshi-2025.pdf": {
        "projects": 0, "indicators": 0,
        "tables": ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "政府性基金",
                   "国有资本经营", "基本支出表", "三公"],
        "findings": {},
    },
    "xian-xinfang-2026.pdf": {
        "projects": 11, "indicators": 88,
        "tables": ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "政府性基金", "政府采购", "三公"],
        "findings": {"BP003": 7, "BP108": 11, "BP113": 1, "BP114": 3, "BP601": 1},
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

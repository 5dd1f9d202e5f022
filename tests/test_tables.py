"""Budget tables: every table of 001 and 003 with its rows and figures, and no cell lost.

tests/fixtures/tables.json was generated from the model, then read against the
documents table by table (001 lines 27-3335, 003 lines 526-558): titles, units,
the header paths the merged header cells resolve to, each row's 序号/科目编码/label
and every figure under its column.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from bplint import layout
from bplint.extract.headers import columns
from bplint.extract.tables import table_kind
from bplint.layout import Paragraph, Row
from tests.conftest import SEEDS

PINNED = json.loads((Path(__file__).parent / "fixtures" / "tables.json").read_text(encoding="utf-8"))


def _summary(table) -> dict:
    return {
        "kind": table.kind,
        "title": table.title,
        "line": table.line,
        "end_line": table.end_line,
        "unit": table.unit,
        "note": table.note,
        "columns": list(table.columns),
        "rows": [
            [r.line, r.number, r.code, r.label, {c.header: str(c.amount) for c in r.figures}]
            for r in table.rows
        ],
    }


@pytest.mark.parametrize("seed", sorted(PINNED))
def test_tables_match_pinned(documents, seed):
    assert [_summary(table) for table in documents[seed].tables] == PINNED[seed]


def test_performance_only_documents_have_no_tables(documents):
    for seed in ("000", "002", "004"):
        assert documents[seed].tables == ()


def test_001_has_every_kind_of_table(documents):
    kinds = [table.kind for table in documents["001"].tables]
    assert kinds == [
        "收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "基本支出表",
        "政府性基金", "国有资本经营", "三公", "政府采购", "国有资产",
    ]  # fmt: skip


def test_figures_are_exact_decimals_found_by_header_words(documents):
    tables = {table.kind: table for table in documents["001"].tables}
    total = tables["收支总表"].rows[-1]
    assert total.label == "收入总计"
    assert total.amount("收入/预算数") == Decimal("1630.30")
    assert total.cell("支出/预算数").label == "支出总计"
    basic = tables["基本支出表"].rows[0]
    assert (basic.label, basic.amount("人员经费"), basic.amount("公用经费")) == (
        "合计", Decimal("275.16"), Decimal("1019.03"))  # fmt: skip
    # 序号 and 科目编码 print as numbers but are not figures.
    assert basic.cell("序号").amount is None
    assert tables["支出总表"].rows[1].code == "201"
    assert tables["支出总表"].rows[1].cell("科目编码").amount is None


def test_empty_table_keeps_its_note(documents):
    table = next(t for t in documents["001"].tables if t.kind == "国有资本经营")
    assert table.rows == ()
    assert table.note == "注：无国有资本经营预算财政拨款预算，空表列示。"
    assert table.note_line == 1650


def test_table_of_contents_is_not_a_table():
    assert table_kind("部门预算公开表") is None
    assert table_kind("1、公车信息平台服务费绩效目标表") is None
    assert table_kind("部门预算财政拨款收支总表") == "财政拨款收支总表"
    assert table_kind("部门预算收支总表") == "收支总表"
    assert table_kind("部门政府采购预算") == "政府采购"


def _word_row(*texts: str) -> Row:
    return Row(tuple(layout.Cell(t, i + 1) for i, t in enumerate(texts)), 1, len(texts), layout.WORD)


def test_merged_header_cells_resolve_to_paths():
    parent = _word_row("序号", "收入", "支出")
    child = _word_row("", "项  目", "金额", "项  目", "合计", "一般公共预算财政拨款")
    assert columns([parent, child], 6) == [
        "序号", "收入/项目", "收入/金额", "支出/项目", "支出/合计", "支出/一般公共预算财政拨款"]  # fmt: skip


def test_unresolvable_header_is_reported(tmp_path):
    from bplint import extract, read

    # Four header words under three parents, none repeated: no way to tell the spans.
    text = "部门预算收支总表\n\t序号\n\t收入\n\t支出\n\n\t甲\n\t乙\n\t丙\n\t丁\n\n\t1\n\t2\n\t3\n\t4\n"
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    document = extract.build(read.read_path(str(path)))
    assert [p.rule for p in document.problems] == ["BP004"]
    assert document.tables[0].columns == ("列1", "列2", "列3", "列4")


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_no_table_cell_is_lost(documents, seed):
    """The non-empty cells inside each table equal the cells in the model plus those reported as BP004."""
    document = documents[seed]
    lines = SEEDS[seed].read_text(encoding="utf-8").splitlines()
    blocks = list(layout.blocks(lines))
    for table in document.tables:
        printed = set()
        for block in blocks:
            if table.line < block.line <= table.end_line:
                if isinstance(block, Row):
                    printed |= {(c.line, c.column) for c in block.cells if c.value}
                elif isinstance(block, Paragraph) and not block.text.isdigit():
                    printed.add((block.line, 1))
        modelled = {(c.line, c.column) for c in table.meta + table.headers if c.text}
        modelled |= {(c.line, c.column) for row in table.rows for c in row.cells if c.text}
        if table.note_line:
            modelled.add((table.note_line, 1))
        problems = [p for p in document.problems if p.rule == "BP004" and p.table == table.title]
        reported = {(p.line, p.column) for p in problems}
        assert printed == modelled | reported, table.title


def test_a_header_repeated_after_a_page_break_is_no_data_row(tmp_path):
    from bplint import extract, read

    header = "序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n"
    text = (
        "部门预算支出总表\n单位：万元\n" + header + "1\t201\t一般公共服务支出\t30.00\t20.00\t10.00\n"
        "12\n" + header + "2\t20103\t政府办公厅（室）及相关机构事务\t30.00\t20.00\t10.00\n"
    )
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    document = extract.build(read.read_path(str(path)))
    (table,) = document.tables
    assert [row.code for row in table.rows] == ["201", "20103"]
    assert document.problems == ()

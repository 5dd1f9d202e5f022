"""Tables found by their structure, not by their words: PDFs printed by Chromium from HTML built
here, each with one way real disclosures differ from what bplint was fitted to (issue 25).

- lines of any wording between a title and its grid;
- a table continued on the next page in a grid of its own, drawn narrower, without its header,
  whose first page splits a column the data rows do not (each figure lands one position off if
  cells are matched by position);
- a table's last row printed alone at the top of the next page, after the page number;
- a title sharing its line with the agency and unit.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from bplint.catalog import load_rules
from bplint.formats import GridCell
from bplint.formats.pdfgrid import Geometry, Line, join_fragment, stitch
from bplint.formats.pdfstray import stray_text
from bplint.layout import ACROSS, DOWN, Row
from bplint.lint import lint_path
from bplint.read import read_path
from tests.documents import print_pdf
from tests.test_layouts import ruled_page

RULES = load_rules()
FOOTER = "<div style='font-size:9px;width:100%;text-align:center'>- <span class='pageNumber'></span> -</div>"
WIDTHS = (6, 6, 6, 34, 16, 16, 16)  # percent: 类 款 项 | 科目名称 | 合计 基本支出 项目支出
COLUMNS = "<colgroup>" + "".join(f"<col style='width:{w}%'>" for w in WIDTHS) + "</colgroup>"
HEADER = (
    "<tr><td colspan='3'>科目编码</td><td rowspan='2'>科目名称</td><td rowspan='2'>合计</td>"
    "<td rowspan='2'>基本支出</td><td rowspan='2'>项目支出</td></tr>"
    "<tr><td>类</td><td>款</td><td>项</td></tr>"
)


def _row(code: str, name: str, total: int, basic: int, slip: int = 0) -> str:
    """A row of 支出总表; `slip` added to its 基本支出 alone makes the row not add up."""
    return (f"<tr><td colspan='3'>{code}</td><td>{name}</td><td>{total:,.2f}</td>"
            f"<td>{basic + slip:,.2f}</td><td>{total - basic:,.2f}</td></tr>")  # fmt: skip


def _items(first: int, last: int, wrong: int | None = None) -> str:
    """Rows of 类 科目 (201, 202 …), each 1000 + 10i of which 600 基本支出; `wrong` one 基本支出 off."""
    rows = (_row(str(201 + i), f"事务{i}", 1000 + i * 10, 600, int(i == wrong)) for i in range(first, last))
    return "".join(rows)


def _pdf(tmp_path, body: str, name: str, footer: bool = True) -> str:
    path = tmp_path / name
    path.write_bytes(print_pdf(ruled_page(body), footer=FOOTER if footer else ""))
    return str(path)


def test_lines_of_any_wording_between_a_title_and_its_grid(tmp_path):
    """An agency line, a stamp, a unit with a remark and a code the lexicon never heard of."""
    total = sum(1000 + i * 10 for i in range(5))
    body = (
        "<p>表3 部门支出总表</p><p>报送机关（盖章）：某某局</p><p>计量：万元（保留两位小数）</p>"
        "<p>编号 A-301</p>"
        f"<table style='width:100%'>{COLUMNS}{HEADER}{_row('', '合计', total, 3000)}{_items(0, 5)}</table>"
    )
    result = lint_path(_pdf(tmp_path, body, "between.pdf"), RULES, "zh")
    (table,) = result.document.tables
    assert table.kind == "支出总表" and len(table.rows) == 6
    assert [f.rule for f in result.findings if f.rule.startswith(("BP0", "BP4"))] == []


@pytest.fixture(scope="module")
def narrower(tmp_path_factory) -> str:
    """支出总表 over two pages: the second page's grid has no header, is drawn at 70% of the width
    and has one wrong 基本支出 (事务15)."""
    total = sum(1000 + i * 10 for i in range(20))
    body = (
        "<p>表3 部门支出总表</p><p>单位：万元</p>"
        f"<table style='width:100%'>{COLUMNS}{HEADER}{_row('', '合计', total, 12000)}{_items(0, 10)}</table>"
        f"<table style='width:70%;page-break-before:always'>{COLUMNS}{_items(10, 20, wrong=15)}</table>"
        "<p>注：本表反映部门本年度支出情况。</p>"
    )
    path = tmp_path_factory.mktemp("narrower") / "narrower.pdf"
    path.write_bytes(print_pdf(ruled_page(body), footer=FOOTER))
    return str(path)


def test_a_continuation_drawn_narrower_is_placed_on_the_first_pages_columns(narrower):
    rows = [block for block in read_path(narrower).blocks if isinstance(block, Row)]
    assert len({row.grid for row in rows}) == 1  # one grid over both pages
    last = rows[-1]
    assert last.page == 2 and [c.value for c in last.cells if not c.covered] == [
        "220",
        "事务19",
        "1,190.00",
        "600.00",
        "590.00",
    ]
    assert last.cells[0].span == 3 and last.cells[1].covered == ACROSS
    result = lint_path(narrower, RULES, "zh")
    (table,) = result.document.tables
    assert len(table.rows) == 21 and table.rows[-1].amount("基本支出") == Decimal("600.00")
    found = [(f.rule, f.page) for f in result.findings if f.rule.startswith(("BP0", "BP4"))]
    # 事务15's row, where it is printed; and the 合计 row's 基本支出 against all 20 rows of both pages.
    assert sorted(found) == [("BP401", 1), ("BP402", 2)]
    (row,) = [f for f in result.findings if f.rule == "BP402"]
    assert "事务15" in row.message


def test_a_last_row_printed_alone_after_the_page_number_is_the_tables(tmp_path):
    """The 合计 row that did not fit, at the top of the next page, then the text goes on."""
    total = sum(1000 + i * 10 for i in range(8))
    body = (
        "<p>表3 部门支出总表</p><p>单位：万元</p>"
        f"<table style='width:100%'>{COLUMNS}{HEADER}{_items(0, 8)}</table>"
        f"<table style='width:100%;page-break-before:always'>{COLUMNS}{_row('', '合计', total, 4801)}</table>"
        "<p>第三部分 名词解释</p>"
    )
    result = lint_path(_pdf(tmp_path, body, "last-row.pdf"), RULES, "zh")
    (table,) = result.document.tables
    assert len(table.rows) == 9 and table.rows[-1].label == "合计"
    # The total's 基本支出 is one off the rows': the row was read as the table's, and checked.
    assert [(f.rule, f.page) for f in result.findings if f.rule.startswith("BP4")] == [("BP401", 2)]


def test_a_title_sharing_its_line_with_the_agency_and_unit(tmp_path):
    body = (
        f"<table style='width:100%'>{COLUMNS}<tr><td colspan='7'>"
        f"2026年部门支出总表编制单位：某某院 单位：元</td></tr>{HEADER}{_items(0, 3)}</table>"
    )
    result = lint_path(_pdf(tmp_path, body, "shared-line.pdf", footer=False), RULES, "zh")
    (table,) = result.document.tables
    assert (table.kind, table.title, table.unit) == ("支出总表", "2026年部门支出总表", "元")


def test_geometry_places_a_scaled_grid_on_the_first_ones_positions():
    first = Geometry((0.0, 10.0, 20.0, 30.0, 100.0, 200.0))
    placing = first.fit(Geometry((50.0, 72.5, 125.0, 200.0)))  # three quarters as wide, shifted
    assert placing is not None
    row = placing.place([GridCell(["a"]), GridCell(["b"]), GridCell(["c"])],
                        [(50.0, 72.5), (72.5, 125.0), (125.0, 200.0)])  # fmt: skip
    assert [(c.paragraphs[0], c.span, c.covered) for c in row] == [
        ("a", 3, ""),
        ("", 1, ACROSS),
        ("", 1, ACROSS),
        ("b", 1, ""),
        ("c", 1, ""),
    ]
    # An edge that falls on no edge of the first grid: another table.
    assert first.fit(Geometry((0.0, 45.0, 100.0, 200.0))) is None
    assert first.fit(Geometry((0.0, 200.0))) is None  # one column proves nothing


def test_a_cut_rows_rest_finishes_its_cells():
    row = (
        GridCell(["(5)资本性支出"]),
        GridCell(["0.00"]),
        GridCell(["11、债务利息及费用支"], 2),
        GridCell([""], covered=ACROSS),
    )
    rest = (GridCell(["(基本建设)"]), GridCell([""]), GridCell([""], covered=DOWN), GridCell(["出"]))
    joined = join_fragment(row, rest)
    assert [c.paragraphs[0] for c in joined] == [
        "(5)资本性支出(基本建设)",
        "0.00",
        "11、债务利息及费用支出",
        "",
    ]


def test_a_table_that_fails_its_own_arithmetic_as_read_is_said_once(tmp_path):
    """The second page prints the rows without the 科目编码 column, in a grid that fits nothing:
    read by position, each figure lands one column to the left and no row adds up.  bplint says
    once that it could not read the table (BP005) and reports none of its rows."""
    total = sum(1000 + i * 10 for i in range(12))
    short = "".join(
        f"<tr><td>事务{i}</td><td>{1000 + i * 10:,.2f}</td><td>600.00</td><td>{400 + i * 10:,.2f}</td></tr>"
        for i in range(4, 12)
    )
    body = (
        "<p>表3 部门支出总表</p><p>单位：万元</p>"
        f"<table style='width:100%'>{COLUMNS}{HEADER}{_row('', '合计', total, 7200)}{_items(0, 4)}</table>"
        f"<table style='width:100%;page-break-before:always'>{short}</table>"
    )
    result = lint_path(_pdf(tmp_path, body, "shifted.pdf"), RULES, "zh")
    (table,) = result.document.tables
    assert table.unread and len(table.rows) == 13
    found = [f for f in result.findings if f.rule.startswith(("BP0", "BP4"))]
    assert [f.rule for f in found] == ["BP005"]
    assert found[0].message.startswith(
        "bplint 未能可靠读取《表3 部门支出总表》（第 1–2 页）：按 bplint 读到的数字，13 行中有 9 行"
    )
    assert "请对照原表人工核对" in found[0].message and found[0].table == "表3 部门支出总表"


def test_a_listed_title_worded_otherwise_is_matched_when_alike():
    """西安: the 目录 lists `财政拨款上年结转资金支出表`, the page prints
    `2022部门综合预算财政拨款结转资金支出表` (neither contains the other); and a sheet listed as
    `部门专项业务经费绩效目标表` is printed `2022 年部门预算专项业务经费绩效目标表`."""
    from bplint.lint import lint_source
    from bplint.read import decode

    text = (
        "目录\n表1\t2022年部门综合预算财政拨款上年结转资金支出表\t\n"
        "表2\t2022年部门专项业务经费绩效目标表\t\n\n"
        "2022部门综合预算财政拨款结转资金支出表\n单位：元\n序号\t项目名称\t金额\t\n1\t某项目\t100.00\t\n\n"
        "2022 年部门预算专项业务经费绩效目标表\n项目名称\t信用体系建设\t\n"
        "一级指标\t二级指标\t三级指标\t指标值\t\n产出指标\t数量指标\t报告数量\t≥2份\t\n"
    )
    document = lint_source(decode(text.encode("utf-8"), "t.txt"), RULES, "zh").document
    assert [entry.table_line is not None for entry in document.contents] == [True]
    assert [entry.table_line is not None for entry in document.sheets_listed] == [True]


def _sheet(name: str, budget: str) -> str:
    return (f"1.{name}绩效目标表\n项目名称\t{name}\n"
            f"预算规模及资金用途\t预算数\t{budget}\t其中：财政资金\t{budget}\t其他资金\n")  # fmt: skip


SPENDING = (
    "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n"
    "\t科目编码\t科目名称\t\t\t\n1\t\t合计\t50.00\t30.00\t20.00\n"
)


def test_projects_are_summed_once_each_and_only_in_the_departments_own_scope():
    """A sheet printed twice counts once; sheets adding up to more than twice 项目支出 are of funds the
    department manages beyond its own projects (福州民政: 40,460 万元 of sheets, 798.28 of 项目支出)."""
    from bplint.lint import lint_source
    from bplint.read import decode

    def found(text: str) -> list[str]:
        result = lint_source(decode(text.encode("utf-8"), "t.txt"), RULES, "zh")
        return [f.rule for f in result.findings if f.rule == "BP406"]

    assert (
        found(SPENDING + _sheet("维修费", "12.00") + _sheet("维修费", "12.00") + _sheet("印刷费", "8.00"))
        == []
    )
    assert found(SPENDING + _sheet("维修费", "12.00") + _sheet("印刷费", "9.00")) == ["BP406"]
    assert found(SPENDING + _sheet("专项资金", "16000.00") + _sheet("维修费", "12.00")) == []


def test_a_column_of_dates_is_no_money():
    """西安审批: 政府采购表's 实施采购时间 prints `12` (December) on one row: never summed up its codes."""
    from bplint.lint import lint_source
    from bplint.read import decode

    text = (
        "政府采购预算表\n单位：元\n科目编码\t项目\t预算金额\t实施采购时间\t\n"
        "201\t一般公共服务支出\t300.00\t\t\n20101\t人大事务\t300.00\t\t\n2010101\t行政运行\t300.00\t12\t\n"
    )
    result = lint_source(decode(text.encode("utf-8"), "t.txt"), RULES, "zh")
    assert [f.rule for f in result.findings if f.rule.startswith("BP4")] == []


def test_text_under_no_cell_goes_to_its_position_and_a_label_down_a_merged_cell_is_one():
    """pdfplumber makes a cell only where four rules close a box: a merged cell cut open by a page
    break has none, and its text (`经济效益指标`, `益/指/标` printed down a label column) was lost."""
    rows = [
        [(0, 0, 10, 10), (10, 0, 20, 10), (20, 0, 30, 10)],
        [None, (10, 10, 20, 20), (20, 10, 30, 20)],
        [None, None, (20, 20, 30, 30)],
    ]
    chars = [_char(ch, x, y) for ch, x, y in (("益", 4, 11), ("指", 4, 16), ("标", 4, 21), ("乙", 14, 21))]
    stray = stray_text(rows, chars, [0, 10, 20, 30], lambda found: "".join(c["text"] for c in found))
    assert stray == {(1, 0): "益指标", (2, 1): "乙"}
    # A character inside a cell is that cell's, never a stray one.
    assert stray_text(rows, [_char("甲", 14, 4)], [0, 10, 20, 30], lambda f: "x") == {}


def _char(text: str, x: float, top: float) -> dict:
    return {"text": text, "x0": x, "x1": x + 2, "top": top, "bottom": top + 2}


def test_a_label_cut_by_the_page_break_finishes_the_cell_it_began_in():
    """西安工信 p.52–53: `效` closes the 一级 cell at the foot of a page and `益指标` opens the next
    page's first row, merged down it, under no top rule; the row's own cells (`指标2`) stay its."""
    geometry = Geometry((0.0, 10.0, 20.0, 30.0, 40.0))
    boxes = ((0.0, 10.0), (10.0, 20.0), (20.0, 30.0), (30.0, 40.0))
    last = (GridCell(["效"]), GridCell(["经济效益指标"]), GridCell(["指标1"]), GridCell(["提升"]))
    first = (
        GridCell(["益指标"], open=True, down=True),
        GridCell([""], covered=DOWN),
        GridCell(["指标2"], open=True),
        GridCell(["提升"], open=True),
    )
    pages = [
        ([Line("", "", last, 1, boxes=boxes, geometry=geometry)], set()),
        ([Line("", "", first, 1, boxes=boxes, geometry=geometry)], set()),
    ]
    (one, _), (two, _) = stitch(pages)
    assert [c.paragraphs[0] for c in one[0].row] == ["效益指标", "经济效益指标", "指标1", "提升"]
    assert [c.paragraphs[0] for c in two[0].row] == ["", "", "指标2", "提升"]
    # Not merged down the page: a cell of the row's own, under a closed cell, stays the row's.
    single = (GridCell(["丙"], open=True), *first[1:])
    pages[1] = ([Line("", "", single, 1, boxes=boxes, geometry=geometry)], set())
    (one, _), (two, _) = stitch(pages)
    assert [c.paragraphs[0] for c in two[0].row] == ["丙", "", "指标2", "提升"]


def _sheet_grid(rows: int) -> str:
    """A project sheet's table: name, budget (its label carrying the unit), indicators."""
    head = ("<table style='width:100%'><tr><td>项目名称</td><td colspan='4'>信息化建设与运维保障</td></tr>"
            "<tr><td>预算数（万元）</td><td colspan='4'>8.00</td></tr>"
            "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td>"
            "<td>备注</td></tr>")  # fmt: skip
    body = "".join(
        f"<tr><td>产出指标</td><td>数量指标</td><td>发布信息{i}</td><td>≥{i + 1}条</td><td></td></tr>"
        for i in range(rows)
    )
    tail = ("<tr><td>产出指标</td><td>成本指标</td><td>运维成本</td><td>≤8万元</td><td></td></tr>"
            "<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>用户满意度</td><td>≥90%</td>"
            "<td></td></tr>")  # fmt: skip
    return head + body + tail + "</table>"


def test_a_sheet_title_wrapped_over_two_lines_is_one_title(tmp_path):
    """A long title printed centred wraps at the page's margin: its first line is part of it."""
    title = (
        "2026年某某局信息化建设与运维保障及数据资源管理平台升级改造和网络安全等级保护测评项目支出绩效目标表"
    )
    body = f"<p style='text-align:center;font-size:30px'>{title}</p>" + _sheet_grid(5)
    path = tmp_path / "wrapped.pdf"
    path.write_bytes(print_pdf(ruled_page(body)))
    assert len(read_path(str(path)).lines[0]) < len(title)  # printed over two lines
    result = lint_path(str(path), RULES, "zh")
    (project,) = result.document.projects
    assert project.title == title.removesuffix("绩效目标表")
    assert (project.name, len(project.indicators), project.budget.total) == (
        "信息化建设与运维保障",
        7,
        Decimal("8.00"),
    )
    assert project.budget.unit == "万元"  # from the label `预算数（万元）`
    assert "BP004" not in {f.rule for f in result.findings}


def test_a_sheet_title_printed_on_every_page_is_one_sheet(tmp_path):
    """The title as the running header of each page the sheet fills: kept above its grid on the
    first page, and on the next the same sheet goes on (not a new one whose rows nobody reads)."""
    header = "<div style='font-size:14px;width:100%;text-align:center'>2026年信息化建设项目绩效目标表</div>"
    path = tmp_path / "repeated.pdf"
    path.write_bytes(print_pdf(ruled_page(_sheet_grid(40)), header=header))
    lines = read_path(str(path)).lines
    assert lines.count("2026年信息化建设项目绩效目标表") == 2  # one page each
    result = lint_path(str(path), RULES, "zh")
    (project,) = result.document.projects
    assert (project.title, len(project.indicators)) == ("2026年信息化建设", 42)
    assert "BP004" not in {f.rule for f in result.findings}


def test_a_tables_printed_number_is_its_label_not_a_number_nobody_read():
    """`公开02表` in a grid's first row names the table (苏州): counted with the furniture, never
    listed as a number bplint could not read; a figure in a row nobody took still is."""
    from bplint import layout
    from bplint.extract.coverage import measure

    blocks = list(layout.blocks(["公开02表\t\t", "收入总表\t\t", "项目\t合计\t", "合计\t12.00\t"]))
    coverage = measure(blocks, taken_cells=set(), taken_rows=set())
    assert [m.text for m in coverage.missed] == ["12.00"]

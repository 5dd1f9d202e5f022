"""Issue 28 on every shared PDF (../shared/external/, never copied here): each finding's location in
every report names the page and the table as the document prints them, never bplint's own line;
the agency, year and kind are read from where a reader finds them; a PDF linted under another name
keeps its fingerprints; the marked copy carries each finding where it is."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from xml.etree import ElementTree

import pypdfium2 as pdfium
import pytest
import regex

from bplint import read
from bplint.catalog import load_rules
from bplint.layout import Paragraph
from bplint.lint import lint_path, lint_source
from bplint.locate import Locator
from bplint.location import render
from bplint.report import annotate, ci, sarif, text
from tests.external import EXTERNAL, every_pdf, needs_external
from tests.test_marked import annotations

pytestmark = needs_external

RULES = load_rules()

# Read against each cover (rendered), its 单位名称/编制单位/预算单位 lines and its 目录. The evaluation
# report (jixiao) is no disclosure (BP002): nothing in it says a disclosure's kind, so none is
# claimed for it (its one table, 项目支出情况表, is no disclosure table).
META = {
    "changsha-jiaoyu-2026.pdf": ("长沙职业教育基地综合协调办公室", 2026, "部门预算"),
    "changsha-jixiao-pingjia-2020.pdf": ("长沙市人民政府国有资产监督管理委员会", 2020, "unknown"),
    "fuzhou-gongan-zhian-2026.pdf": ("福州市公安局治安管理支队", 2026, "单位预算"),
    "fuzhou-keji-2026.pdf": ("福州市科学技术局(本级)", 2026, "单位预算"),
    "fuzhou-minzheng-2026.pdf": ("福州市民政局(本级)", 2026, "单位预算"),
    "fuzhou-yibao-2026.pdf": ("福州市医疗保障局", 2026, "部门预算"),
    "guangzhou-bangongting-2026.pdf": ("广州市人民政府办公厅", 2026, "部门预算"),
    "guangzhou-fagai-2026.pdf": ("广州市发展和改革委员会", 2026, "部门预算"),
    "guangzhou-jiaotong-2026.pdf": ("广州市交通运输局", 2026, "部门预算"),
    "guangzhou-shangwu-2026.pdf": ("广州市商务局", 2026, "部门预算"),
    "guangzhou-shichang-2026.pdf": ("广州市市场监督管理局", 2026, "部门预算"),
    "guangzhou-yingji-2026.pdf": ("广州市应急管理局", 2026, "部门预算"),
    "hangzhou-jiaotong-2026.pdf": ("杭州市交通运输局", 2026, "部门预算"),
    "hangzhou-qixiang-2026.pdf": ("杭州市气象局", 2026, "部门预算"),
    "hangzhou-sifa-2026.pdf": ("杭州市司法局", 2026, "部门预算"),
    "shanghai-gongan-xingji-2026.pdf": ("上海市刑事科学技术研究院", 2026, "单位预算"),
    "shanghai-guozi-huahui-2026.pdf": ("上海市花卉良种试验场", 2026, "单位预算"),
    "shanghai-putuo-bangongshi-2025.pdf": ("上海市普陀区人民政府办公室", 2025, "部门预算"),
    "shanghai-putuo-juesuan-template-2024.pdf": ("上海市 XX 局", 2024, "部门决算"),
    "shanghai-renshe-kaoshiyuan-2026.pdf": ("上海市职业能力考试院", 2026, "单位预算"),
    "shanghai-shujuju-2026.pdf": ("上海市数据局", 2026, "单位预算"),
    "shanghai-tongji-yanjiuyuan-2026.pdf": (
        "上海市统计和大数据研究院（上海市统计数据管理中心）", 2026, "单位预算"),
    "shanghai-yingji-zhifa-2026.pdf": ("上海市应急管理局执法总队", 2026, "单位预算"),
    "shenzhen-bangongting-2026.pdf": ("深圳市人民政府办公厅", 2026, "部门预算"),
    "shenzhen-caizheng-2026.pdf": ("深圳市财政局（本级）", 2026, "部门预算"),
    "shenzhen-chengguan-2026.pdf": ("深圳市城市管理和综合执法局（本级）", 2026, "部门预算"),
    "shenzhen-kouan-2026.pdf": ("深圳市人民政府口岸办公室", 2026, "部门预算"),
    "shenzhen-shenji-2026.pdf": ("深圳市审计局", 2026, "部门预算"),
    "shenzhen-shichang-2026.pdf": ("深圳市市场监督管理局深汕监管局", 2026, "部门预算"),
    "suzhou-keji-2026.pdf": ("苏州市科学技术局", 2026, "单位预算"),
    "suzhou-shengtai-2026.pdf": ("苏州市生态环境局", 2026, "单位预算"),
    "suzhou-shenji-2026.pdf": ("苏州市审计局", 2026, "部门预算"),
    "suzhou-shuiwu-2026.pdf": ("苏州市水务局", 2026, "单位预算"),
    "suzhou-shuju-2026.pdf": ("苏州市数据局", 2026, "部门预算"),
    "wuxi-jiaoyu-2026.pdf": ("无锡市教育局", 2026, "部门预算"),
    "wuxi-jiaoyu-benji-2026.pdf": ("无锡市教育局（本级）", 2026, "单位预算"),
    "wuxi-shuili-2026.pdf": ("无锡市水利局", 2026, "部门预算"),
    "wuxi-tongji-2026.pdf": ("无锡市统计局", 2026, "部门预算"),
    "wuxi-yingji-2026.pdf": ("无锡市应急管理局", 2026, "部门预算"),
    "xian-bangongting-2026.pdf": ("西安市人民政府办公厅（汇总）", 2026, "部门预算"),
    "xian-gongxin-2022.pdf": ("西安市工业和信息化局", 2022, "部门预算"),
    "xian-qixiang-2022.pdf": ("西安市气象局", 2022, "部门预算"),
    "xian-shenpi-2025.pdf": ("西安市行政审批服务局（汇总）", 2025, "部门预算"),
    "xian-weijian-juesuan-2022.pdf": ("西安市卫生健康委员会（汇总）", 2022, "部门决算"),
    "xian-xinfang-2026.pdf": ("西安市信访局（汇总）", 2026, "部门预算"),
}  # fmt: skip
SCANS = ("changsha-jiaojing-scan.pdf", "changsha-wenlv-scan.pdf")

# The documents that number their tables, and how: every table they print bears its number, in
# order (西安's 培训费/会议费明细表 in the text are no numbered table of the set).
NUMBERED = {
    "guangzhou": r"表\d{1,2}", "hangzhou": r"表\d{1,2}", "shenzhen": r"表\d{1,2}", "suzhou": r"公开\d\d表",
    "wuxi": r"公开\d\d表", "xian-weijian": r"公开\d\d表", "xian": r"表\d{1,2}",
}  # fmt: skip
UNNUMBERED_TITLES = ("培训费明细表", "会议费明细表")


@pytest.fixture(scope="module")
def read_all():
    """Each readable shared PDF linted once: its result (without the model) and its tables' numbers
    as bplint reads them: (PDF page, number, title)."""
    found = {}
    for name in every_pdf():
        if name in SCANS:
            continue
        source = read.read_path(EXTERNAL / name)
        result = lint_source(source, RULES, "zh")
        locator = Locator(name, source.lines, source.locations, result.document)
        tables = [(source.locations[t.line - 1].page, *locator.numbers[t.line])
                  for t in result.document.tables]  # fmt: skip
        found[name] = (result.slim(False), tables)
    return found


def test_the_agency_year_and_kind_are_those_a_reader_finds(read_all):
    assert set(read_all) == set(META)
    for name, (result, _) in read_all.items():
        meta = result.meta
        assert (meta.agency, meta.year, meta.kind.value) == META[name], name


_LINE_WORDS = regex.compile(r"第\s*\d+\s*行(?!次)|\bline \d+")


def test_every_report_names_page_and_table_never_a_line(read_all):
    for name, (result, _) in read_all.items():
        text_report = text.file_report(result, "zh", False)
        github = ci.github([result], "zh").splitlines()
        junit = ElementTree.fromstring(ci.junit([result], "zh").split("\n", 1)[1])
        results = json.loads(sarif.render([result], RULES, "zh"))["runs"][0]["results"]
        cases = junit.findall("testsuite/testcase")
        for n, finding in enumerate(result.findings):
            where = finding.where("zh")
            assert finding.location.in_document and regex.match(r"^(?:PDF )?第\d+页", where), (name, where)
            assert not _LINE_WORDS.search(finding.message), (name, finding.message)
            assert f"{result.path}: {where}: {finding.rule} [" in text_report, (name, where)
            assert f":{finding.line}:" not in text_report.splitlines()[n]
            assert ",line=" not in github[n] and ci._data(where) in github[n]
            assert cases[n].get("name") == f"{finding.rule} {where}"
            assert "region" not in results[n]["locations"][0]["physicalLocation"]
            assert results[n]["message"]["text"].startswith(where + "：")
            assert results[n]["properties"]["location"]["pdf_page"] == finding.page
            if finding.location.table:  # `表1` was the page's first grid; now the document's own
                table = finding.location.table_number or ""
                assert not (table == "表1" and finding.location.table != _first_title(read_all[name][1]))


_HAN = regex.compile(r"\p{Han}")
_OWN_NUMBER = regex.compile(r"^表\s*\d")  # said `table 3` in English; `公开02表` is the document's own


def test_every_location_said_in_english_has_no_chinese_words_but_the_documents(read_all):
    """`--lang en`: the page, table, row, column, section and project words are English; what is left
    in Chinese is quoted from the document (its titles, labels, headings, its `公开02表`)."""
    said = 0
    for name, (result, _) in read_all.items():
        for finding in result.findings:
            where = finding.location
            number = (
                where.table_number if where.table_number and _OWN_NUMBER.match(where.table_number) else None
            )
            words = replace(where, table=None, row=None, column=None, heading=None, project=None, sheet=None,
                            part=None, table_number=number)  # fmt: skip
            assert not _HAN.search(render(words, "en")), (name, finding.where("en"))
            said += 1
    assert said > 100
    # 西安工信 states 预算收入 on p. 7 and 预算支出 on p. 8, told apart since its 收支总表 prints 结转下年
    # and 未安排支出的实户资金 between 本年支出合计 and 支出总计; its 预算支出 said as a second 预算收入:
    source = read.read_path(str(EXTERNAL / "xian-gongxin-2022.pdf"))
    said = ("本部门预算支出", "本部门预算收入")
    blocks = tuple(
        replace(b, text=b.text.replace(*said)) if isinstance(b, Paragraph) and b.page == 8 else b
        for b in source.blocks
    )
    english = lint_source(replace(source, blocks=blocks), RULES, "en")
    restated = [f.message for f in english.findings if f.rule == "BP512"]
    assert len(restated) == 2 and all("的“" not in m and "的增减额" not in m for m in restated), restated
    assert "but p. 7 “2022 年本部门预算收入” gives it as 105946.48万元" in restated[0]


def _first_title(tables) -> str | None:
    return next((title for _, number, title in tables if number == "表1"), None)


def test_table_numbers_are_the_documents_own(read_all):
    counted = 0
    for name, (_, tables) in read_all.items():
        pattern = next((p for prefix, p in NUMBERED.items() if name.startswith(prefix)), None)
        document = pdfium.PdfDocument(EXTERNAL / name)
        for page, number, title in tables:
            if number is None:
                assert pattern is None or title in UNNUMBERED_TITLES, (name, page, title)
                continue
            counted += 1
            assert pattern is not None and regex.fullmatch(pattern, number), (name, number)
            printed = "".join(document[page - 1].get_textpage().get_text_range().split())
            assert number in printed, (name, page, number)  # printed on the table's own page
        numbers = [int(regex.search(r"\d+", n)[0]) for _, n, _ in tables if n]
        assert numbers == list(range(1, len(numbers) + 1)), (name, numbers)  # in order, none missed
        document.close()
    assert counted > 300


def test_a_shared_pdf_under_another_name_keeps_its_fingerprints(tmp_path):
    name = "fuzhou-yibao-2026.pdf"
    copy = tmp_path / "福州市医疗保障局2026年部门预算（修改稿）.pdf"
    shutil.copy(EXTERNAL / name, copy)
    first = lint_path(str(EXTERNAL / name), RULES, "zh")
    again = lint_path(str(copy), RULES, "zh")
    assert [f.fingerprint for f in first.findings] == [f.fingerprint for f in again.findings]
    assert len({f.fingerprint for f in first.findings}) == len(first.findings) > 20


def test_the_marked_copy_of_a_shared_pdf_shows_each_finding_on_its_row():
    path = EXTERNAL / "fuzhou-yibao-2026.pdf"
    result = lint_path(str(path), RULES, "zh")
    data = path.read_bytes()
    copy = pdfium.PdfDocument(annotate.marked(result, data, ".pdf", "zh", RULES))
    original = pdfium.PdfDocument(data)
    pages = {f.location.pdf_page for f in result.findings}
    assert sum(len(annotations(copy[p - 1])) for p in pages) == len(result.findings)
    for finding in result.findings:
        page = copy[finding.location.pdf_page - 1]
        mark = next(m for m in annotations(page) if finding.message in m["note"])
        if finding.location.row:  # on the row's line of the page: a highlight (not a stray note)
            assert mark["subtype"] == 9, finding
            textpage = page.get_textpage()
            searcher = textpage.search(finding.location.row.rstrip("…")[:8])
            middles = []
            while (hit := searcher.get_next()) is not None:
                box = textpage.get_charbox(hit[0])
                middles.append((box[1] + box[3]) / 2)
            _, bottom, _, top = mark["rect"]
            assert any(bottom - 12 <= m <= top + 12 for m in middles), (finding.message, mark["rect"])
    # Rendered, the page of the first finding shows its mark, in the warning's or error's colour.
    first = result.findings[0]
    number = first.location.pdf_page
    after = copy[number - 1].render(scale=1).to_pil().convert("RGB")
    before = original[number - 1].render(scale=1).to_pil().convert("RGB")
    pixels = zip(_pixels(after.tobytes()), _pixels(before.tobytes()), strict=True)
    changed = [p for p, q in pixels if p != q]
    assert changed and all(r >= g and r >= b for r, g, b in changed)  # tinted towards red/orange


def _pixels(data: bytes):
    return (tuple(data[i : i + 3]) for i in range(0, len(data), 3))

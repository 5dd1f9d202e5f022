"""The HTML and SARIF reports, checked without a browser (the browser tests are in test_browser.py)."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from click.testing import CliRunner

from bplint import __version__
from bplint.catalog import load_rules
from bplint.cli import main
from bplint.lint import lint_path
from bplint.report import html, sarif
from tests.conftest import EXAMPLES, SEEDS
from tests.tools import SARIF_SCHEMA

RULES = load_rules()
XSS = (
    "1.<script>alert('x')</script>接待费绩效目标表\n"
    "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
    '产出指标\t数量指标\t"><img src=x onerror=alert(1)>\t<b>会务</b>\t≥50xyz\t年初工作计划\n'
)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_html_escapes_every_piece_of_document_text(tmp_path):
    doc = tmp_path / "xss.txt"
    doc.write_text(XSS, encoding="utf-8")
    report = html.render([lint_path(str(doc), RULES, "zh")], RULES, "zh")
    # The document's text is shown, never interpreted: no tag of the document survives.
    assert "<script>alert" not in report and "<img src=x" not in report and "<b>会务</b>" not in report
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in report
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in report
    # The report's own one script is the filter code.
    assert len(re.findall(r"<script>", report)) == 1


def test_html_report_of_all_seeds(tmp_path):
    out = tmp_path / "report.html"
    result = run("--format", "html", "-o", out, EXAMPLES)
    assert result.exit_code == 1 and result.output == ""
    report = out.read_text(encoding="utf-8")
    assert len(report.encode("utf-8")) < 1_000_000
    counts = json.loads(run("--format", "json", EXAMPLES).output)["summary"]
    for severity in ("error", "warning", "info"):
        assert f'data-count="{severity}">{counts[severity]}<' in report
    assert f"发现 {counts['error']} 处须修改的问题（错误），请修改后再发布" in report
    assert report.count('class="finding ') == counts["error"] + counts["warning"] + counts["info"]
    for path in SEEDS.values():  # the index of files and the provenance of each
        assert '<a href="#file-' in report and str(path) in report
    sha = lint_path(str(SEEDS["001"]), RULES, "zh").sha256
    assert sha in report and f"bplint 版本 {__version__}" in report
    # What was read, per file: 001's 目录 lists nine tables, all read; 000 has no 目录.
    assert "读取表格：11（目录所列 9，已读取 9）　读取项目：12　读取指标值：115" in report
    assert "读取表格：0　读取项目：8（目录所列绩效目标表 8，已读取 8）　读取指标值：81" in report
    assert '<td class="num" data-label="读取表格">11 (9/9)</td>' in report
    assert "http://" not in report.replace("http://www.w3.org", "") and "https://" not in report


def test_html_in_english_and_the_verdict_when_clean(tmp_path):
    report = run("--format", "html", "--lang", "en", SEEDS["001"]).output
    assert 'lang="en"' in report and "3 errors found: fix them before publishing" in report
    assert ">error <b" in report
    clean = run("--format", "html", "--select", "BP3", SEEDS["004"]).output
    assert "可以发布：未发现须修改的问题" in clean


def test_html_option_writes_a_report_besides_the_terminal(tmp_path):
    out = tmp_path / "also.html"
    result = run("--html", out, SEEDS["000"])
    assert "BP301 [错误]" in result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_finding_context_marks_the_offending_cell():
    result = lint_path(str(SEEDS["000"]), RULES, "zh")
    finding = next(f for f in result.findings if f.rule == "BP101")
    (target,) = [e for e in html._context(finding, result.lines) if e.target]
    assert (target.number, target.hit) == (250, "≥25万元")


@pytest.fixture(scope="module")
def schema():
    assert SARIF_SCHEMA.exists(), "run `python -m tests.tools` first (the README's test command does)"
    return json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))


def test_sarif_is_valid_sarif_2_1_0(schema):
    results = [lint_path(str(path), RULES, "zh") for path in SEEDS.values()]
    document = json.loads(sarif.render(results, RULES, "zh"))
    jsonschema.validators.validator_for(schema)(schema).validate(document)
    run_ = document["runs"][0]
    assert len(run_["results"]) == sum(len(r.findings) for r in results)
    rule_ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    first = run_["results"][0]
    assert rule_ids[first["ruleIndex"]] == first["ruleId"]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("000_9d52ecbd56ee9879.txt")
    assert location["region"]["startLine"] == results[0].findings[0].line
    prints = [r["partialFingerprints"]["bplintFinding/v3"] for r in run_["results"]]
    assert len(set(prints)) == len(prints)  # one finding, one fingerprint
    # The same fingerprints as the JSON report's (what waivers and baselines name).
    assert prints == [f.fingerprint for r in results for f in r.findings]


def test_sarif_from_the_command_line(schema):
    document = json.loads(run("--format", "sarif", SEEDS["003"]).output)
    jsonschema.validators.validator_for(schema)(schema).validate(document)
    levels = {r["level"] for r in document["runs"][0]["results"]}
    assert levels == {"error", "warning", "note"}


def test_a_report_of_many_files_keeps_each_findings_context_but_not_whole_texts():
    one = lint_path(str(SEEDS["002"]), RULES, "zh")
    few = html.render([one] * html.WHOLE_TEXTS, RULES, "zh")
    many = html.render([one] * (html.WHOLE_TEXTS + 1), RULES, "zh")
    assert few.count('<details class="document"') == html.WHOLE_TEXTS and "未附各文件全文" not in few
    assert '<details class="document"' not in many
    assert f"本报告包含 {html.WHOLE_TEXTS + 1} 个文件，为便于打开，未附各文件全文" in many
    cards = few.count('class="finding ') // html.WHOLE_TEXTS
    assert cards == len(one.findings) and many.count('class="finding ') == cards * (html.WHOLE_TEXTS + 1)


def test_the_index_gives_each_files_agency_outcome_and_what_was_read():
    results = [lint_path(str(SEEDS[seed]), RULES, "zh") for seed in ("001", "002")]
    page = html.render(results, RULES, "zh")
    rows = re.findall(r"<tr data-file=\"\d\"><td><a href=\"#file-\d\">.*?</tr>", page, re.S)
    assert len(rows) == 2
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    # The agency leads, its file's name under it. 001: 3 errors, 12 projects and 11 tables read (the 9
    # its 目录 lists among them); 002: warnings only, 6 projects, no table.
    agency = "青龙满族自治县机关事务服务中心"
    assert cells[0][0].startswith(f'<a href="#file-0">{agency}</a><br><small class="path">')
    assert [c.strip() for c in cells[0][1:]] == ["需修改", "3", "6", "5", "12", "11 (9/9)"]
    assert [c.strip() for c in cells[1][1:]] == ["建议核对", "0", "7", "0", "6", "0"]


def test_github_annotations_one_per_finding_escaped():
    """`--format github`: a workflow command per finding, `%`, newlines, `:` and `,` escaped as the
    runner expects (002 line 107: `如“≥95%”` becomes `≥95%25`)."""
    result = run("--format", "github", str(SEEDS["002"]))
    lines = result.output.splitlines()
    expected = lint_path(str(SEEDS["002"]), RULES, "zh").findings
    assert len(lines) == len(expected) == 7 and result.exit_code == 0
    assert lines[0].startswith("::warning file=") and ",line=7,col=1,title=BP505 year-mismatch::" in lines[0]
    assert "“≥95%25”" in lines[1]
    from bplint.report.ci import _data, _property

    assert _data("a%b\nc") == "a%25b%0Ac" and _property("x:y,z") == "x%3Ay%2Cz"


def test_junit_a_suite_per_file_and_a_failure_per_finding_at_fail_on(tmp_path):
    """A case a finding, failing where the finding fails the run (`--fail-on`): 002's seven warnings
    fail with `--fail-on warning`, and pass (their message kept as the case's output) by default."""
    from dataclasses import replace
    from xml.etree import ElementTree

    from bplint.report.ci import junit

    dirty = lint_path(str(SEEDS["002"]), RULES, "zh")
    clean = replace(dirty, path="clean.txt", findings=())
    root = ElementTree.fromstring(junit([dirty, clean], "zh", "warning"))
    suites = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in suites] == [
        (dirty.path, "7", "7"), ("clean.txt", "1", "0")]  # fmt: skip
    first = suites[0].find("testcase/failure")
    assert first.get("type") == "warning" and first.get("message").startswith("“现将我中心2022年”")
    assert suites[1].find("testcase/failure") is None
    out = tmp_path / "junit.xml"
    assert run("--format", "junit", "-o", str(out), str(SEEDS["002"])).exit_code == 0
    by_default = ElementTree.parse(out).getroot().find("testsuite")
    assert by_default.get("failures") == "0" and by_default.find("testcase/failure") is None
    assert by_default.find("testcase/system-out").text.endswith("请核对年份")
    # The severity in the messages' language, as the text report says it (it was `[warning]` in Chinese).
    assert " BP505 [警告] " in by_default.find("testcase/system-out").text
    run("--format", "junit", "--fail-on", "warning", "-o", str(out), str(SEEDS["002"]))
    assert ElementTree.parse(out).getroot().find("testsuite").get("failures") == "7"
    # A case is named by the rule and where the finding is: a text export's line, a PDF's page.
    assert suites[0].find("testcase").get("name") == "BP505 行7"


def test_html_offers_a_waiver_to_paste_for_each_finding(tmp_path):
    """Each finding's card holds the waiver that names it alone, ready for bplint.yaml's waive:."""
    out = tmp_path / "r.html"
    assert run("--format", "html", "-o", out, str(SEEDS["002"])).exit_code == 0
    page = out.read_text(encoding="utf-8")
    findings = json.loads(run("--format", "json", str(SEEDS["002"])).output)["files"][0]["findings"]
    assert page.count('<details class="waiver">') == len(findings) == 7
    for f in findings:
        assert f"- {{rule: {f['rule']}, fingerprint: {f['fingerprint']}, reason: 为什么豁免}}" in page

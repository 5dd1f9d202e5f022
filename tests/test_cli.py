"""The command line contract of ../shared/spec/output.md, run as a user runs it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bplint import __version__
from bplint.cli import main
from tests.conftest import EXAMPLES, SEEDS

regex_cjk = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def run():
    def invoke(*args, input=None):
        return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def test_version(run):
    result = run("--version")
    assert (result.exit_code, result.output) == (0, f"bplint {__version__}\n")


def test_the_console_script_answers_version_without_loading_the_command_line():
    """`bplint --version` prints what click's version option prints, before click is imported;
    anything else goes to the command line."""
    probe = (
        "import sys; from bplint import console; sys.argv = ['bplint', '--version']; console.main(); "
        "print('click' in sys.modules, 'bplint.cli' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out == f"bplint {__version__}\nFalse False\n"
    listed = subprocess.run([sys.executable, "-m", "bplint", "rules"], capture_output=True, text=True)
    assert listed.returncode == 0 and listed.stdout.startswith("BP001 ")


def test_a_text_report_loads_no_template_engine():
    """The HTML report's template (and jinja2) cost a lone file's run a tenth: only an HTML report
    loads them."""
    probe = (
        "import sys; from bplint import console; sys.argv = ['bplint', sys.argv[1]]\n"
        "try:\n    console.main()\nexcept SystemExit:\n    pass\n"
        "print('jinja2' in sys.modules, 'bplint.report.html' in sys.modules, file=sys.stderr)"
    )
    seed = str(SEEDS["004"])
    out = subprocess.run([sys.executable, "-c", probe, seed], capture_output=True, text=True)
    assert out.stderr.splitlines()[-1] == "False False"


def test_json_shape_for_every_seed(run):
    result = run("--format", "json", EXAMPLES)
    data = json.loads(result.output)
    assert data["bplint"] == __version__
    assert [f["path"] for f in data["files"]] == [str(p) for p in SEEDS.values()]
    documents = {Path(f["path"]).name[:3]: f["document"] for f in data["files"]}
    assert {seed: d["projects"] for seed, d in documents.items()} == {
        "000": 8, "001": 12, "002": 6, "003": 30, "004": 6,
    }  # fmt: skip
    assert documents["001"]["agency"] == "青龙满族自治县机关事务服务中心"
    assert (documents["001"]["year"], documents["001"]["unit"]) == (2024, "万元")
    assert all(d["values_parsed"] == d["indicators"] for d in documents.values())
    assert set(data["summary"]) == {"files", "error", "warning", "info", "waived"}


def test_text_report_reports_what_it_read(run):
    result = run("--select", "BP0", SEEDS["001"])
    assert result.exit_code == 0
    # 001 prints eleven tables, nine of them listed in its 目录: all nine read.
    assert (
        "读取 12 个项目、115 个指标值（已解析 115 个）、11 张预算表（目录所列 9 张表已读取 9 张）"
        "；数字 1,088/1,088 已读取" in result.output
    )
    # Every number 001 prints was taken by a table, a sheet or the text (bplint.model.coverage).
    assert result.output.rstrip().endswith(
        "共检查 1 个文件：错误 0 处，警告 0 处，提示 0 处；目录所列的表已读取 9/9；数字 1,088/1,088 已读取"
    )


def test_unparsed_value_is_bp003_with_line_and_project(run, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(
        "1.接待费绩效目标表\n一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
        "产出指标\t数量指标\t接待次数\t会务接待\t≥50xyz\t年初工作计划\n",
        encoding="utf-8",
    )
    # The sheet is a fragment (BP204, BP211 also fire); look at what bplint read.
    result = run("--format", "json", "--select", "BP0", doc)
    (finding,) = json.loads(result.output)["files"][0]["findings"]
    assert finding["rule"] == "BP003" and finding["severity"] == "warning"
    assert (finding["line"], finding["column"], finding["project"]) == (3, 21, "接待费")
    assert finding["value"] == {"raw": "≥50xyz"}
    assert "≥50xyz" in finding["message"]
    assert result.exit_code == 0  # warnings do not fail by default
    assert run("--fail-on", "warning", "--select", "BP0", doc).exit_code == 1
    text = run("--lang", "en", doc).output
    assert f"{doc}:3:21: BP003 [warning] indicator value '≥50xyz' cannot be parsed" in text
    assert "(project: 接待费)" in text


def test_a_bad_file_does_not_stop_the_batch(run, tmp_path):
    binary = tmp_path / "a.txt"
    binary.write_bytes(b"\x00\x01\x02\x03")
    empty = tmp_path / "b.txt"
    empty.write_bytes(b"")
    result = run("--format", "json", binary, empty, SEEDS["004"], tmp_path / "missing.txt")
    files = json.loads(result.output)["files"]
    assert [[x["rule"] for x in f["findings"] if x["rule"] == "BP001"] for f in files] == [
        ["BP001"], ["BP001"], [], ["BP001"]]  # fmt: skip
    assert "控制字符" in files[0]["findings"][0]["message"]
    assert "为空" in files[1]["findings"][0]["message"]
    assert files[2]["document"]["projects"] == 6
    assert result.exit_code == 3  # some inputs could not be read: not a usage error (2)


def test_stdin_and_gb18030(run):
    data = SEEDS["004"].read_text(encoding="utf-8").encode("gb18030")
    result = CliRunner().invoke(main, ["--format", "json", "-"], input=data)
    assert json.loads(result.output)["files"][0]["document"]["projects"] == 6


def test_nothing_recognisable_is_bp002(run, tmp_path):
    doc = tmp_path / "notice.txt"
    doc.write_text("会议通知\n请各单位按时参加。\n", encoding="utf-8")
    (finding,) = json.loads(run("--format", "json", doc).output)["files"][0]["findings"]
    assert finding["rule"] == "BP002"


def test_output_file_is_written_whole(run, tmp_path):
    out = tmp_path / "report.json"
    result = run("--format", "json", "-o", out, SEEDS["000"])
    assert result.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_rules_and_explain(run):
    listing = run("rules").output.splitlines()
    assert listing[0].split()[:3] == ["BP001", "unreadable-input", "错误"]
    explained = run("explain", "BP003")
    assert explained.exit_code == 0
    assert "## 错误示例" in explained.output and "≥50xyz" in explained.output
    assert run("explain", "unparsed-value").output == explained.output
    # Every built-in rule has an English title; a pack's rule with only a Chinese one keeps it.
    english = run(
        "rules", "--lang", "en", "--rules", EXAMPLES / "rules-satisfaction.yaml"
    ).output.splitlines()
    assert english[0].split(None, 3)[3] == "Input cannot be read"
    builtin = [line for line in english if line.startswith("BP")]
    assert len(builtin) == 81 and not any(regex_cjk.search(line.split(None, 3)[3]) for line in builtin)
    assert any(line.startswith("QL001") and "满意度" in line for line in english)


def test_unknown_rule_is_a_usage_error(run):
    result = run("explain", "BP999")
    assert result.exit_code == 2 and "没有规则 BP999" in result.output
    assert run("--select", "BP9", SEEDS["000"]).exit_code == 2


def test_broken_rule_pack_names_file_and_line(run, tmp_path):
    pack = tmp_path / "mine.yaml"
    pack.write_text("id: X1\nname: x\nseverity: error\n  title: [oops\n", encoding="utf-8")
    result = run("--rules", pack, SEEDS["000"])
    assert result.exit_code == 2
    assert f"{pack}:" in result.output and "YAML" in result.output
    pack.write_text(
        "id: X1\nname: x\nseverity: fatal\ntitle: t\nmessage: {zh: m}\nexplain: {}\nexamples: {}\n"
    )
    result = run("--rules", pack, SEEDS["000"])
    assert result.exit_code == 2 and f"{pack}:1: 规则 X1 的 severity" in result.output
    pack.write_text(
        "id: X1\nname: x\nseverity: error\ntitle: {en: only English}\n"
        "message: {zh: m}\nexplain: {}\nexamples: {}\n"
    )
    result = run("--rules", pack, SEEDS["000"])
    assert (
        result.exit_code == 2
        and "title 应当是一段文字，或按语言分开写（zh: …，en: …），至少有 zh" in result.output
    )


def test_dump_shows_the_model(run):
    data = json.loads(run("dump", SEEDS["000"]).output)
    first = data["projects"][0]
    assert first["name"] == "公车改革经费"
    assert first["budget"]["total"] == "2.00"
    assert first["indicators"][0]["value"] == {"kind": "quantity", "op": "≥", "amount": "4", "unit": "次"}


def test_dump_lists_the_narrative_figures_no_rule_reads(run):
    """narrative.unplaced: 001's narrative has 30 sentences with figures, and one figure no rule
    reads: a planned purchase of fixed assets no table holds (line 3304)."""
    narrative = json.loads(run("dump", SEEDS["001"]).output)["narrative"]
    assert len(narrative["sentences"]) == 30
    assert narrative["sentences"][0]["figures"][0]["label"]
    assert narrative["unplaced"] == [
        {"line": 3304, "column": 63, "label": "本年度拟购置固定资产总额", "amount": "0.00", "unit": "万元"}
    ]


def test_dump_tables_shows_what_was_understood_in_one_look(run):
    out = run("dump", "--tables", SEEDS["001"]).output.splitlines()
    assert out[0] == "目录所列的表：9" and out[1] == "  部门预算收支总表　[收支总表]　行27"
    assert "读取的表：11" in out
    assert "  行27　[收支总表]　部门预算收支总表　单位：万元　5 列　34 行" in out
    assert "    列：序号 | 收入/项目 | 收入/预算数 | 支出/项目 | 支出/预算数" in out
    assert "项目：12" in out
    assert "  行3065　行政办公中心、民族文化宫空调改造项目经费　预算数 40.00　指标 9 个" in out
    # The table of units no reader takes: listed, words only.
    assert out[-2:] == [
        "未读取的表格：1",
        "  行1751　2 行　首行：单位名称 | 单位性质 | 单位规格 | 经费保障形式　没有数字",
    ]


def test_a_rule_that_names_nothing_is_a_usage_error(run, tmp_path):
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        'id: X1\nname: x\nseverity: error\ntitle: t\nselect: indicators\nwhen: "value.amout > 1"\n'
        "message: {zh: m}\nexplain: {}\nexamples: {}\n",
        encoding="utf-8",
    )
    result = run("--rules", pack, SEEDS["000"])
    assert result.exit_code == 2
    assert f"{pack}:1: 规则 X1：when：value 没有字段 amout" in result.output


def test_config_file_selects_waives_and_counts(run, tmp_path, monkeypatch):
    (tmp_path / "bplint.yaml").write_text(
        "select: [BP1]\nfail-on: warning\nlang: en\nrules: [pack.yaml]\n"
        "waive:\n  - {rule: BP104, project: 接待费, reason: 上级文件要求满意度100%}\n",
        encoding="utf-8",
    )
    (tmp_path / "pack.yaml").write_text((EXAMPLES / "rules-satisfaction.yaml").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    result = run("--format", "json", SEEDS["000"])
    data = json.loads(result.output)
    (file,) = data["files"]
    assert {f["rule"][:3] for f in file["findings"]} == {"BP1"}
    (waived,) = file["waived"]
    assert len(waived.pop("fingerprint")) == 16
    assert waived.pop("where") == "project “接待费”, row “圆满完成接待任务”"  # lang: en
    assert waived == {"rule": "BP104", "line": 151, "project": "接待费", "reason": "上级文件要求满意度100%"}
    assert not any(f["rule"] == "BP104" and f["project"] == "接待费" for f in file["findings"])
    assert data["summary"]["waived"] == 1
    assert result.exit_code == 1  # fail-on: warning
    text = run(SEEDS["000"]).output  # an accepted finding is counted, not printed; -v prints it
    assert "[accepted]" not in text and "(1 accepted by a waiver or the baseline; -v lists them)" in text
    assert "BP104 [accepted] " in run("-v", SEEDS["000"]).output
    # The command line wins over the config.
    assert run("--select", "BP3", "--fail-on", "never", SEEDS["000"]).exit_code == 0


def test_config_in_pyproject_and_its_errors(run, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.bplint]\nignore = ["BP111"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = json.loads(run("--format", "json", SEEDS["000"]).output)
    assert not any(f["rule"] == "BP111" for f in data["files"][0]["findings"])
    (tmp_path / "bad.yaml").write_text("selct: [BP1]\n", encoding="utf-8")
    result = run("--config", tmp_path / "bad.yaml", SEEDS["000"])
    assert result.exit_code == 2 and "未知的配置项 selct" in result.output
    (tmp_path / "bad.yaml").write_text("waive: [{rule: BP104}]\n", encoding="utf-8")
    assert "reason" in run("--config", tmp_path / "bad.yaml", SEEDS["000"]).output
    (tmp_path / "bad.yaml").write_text("waive: [{rule: BP999, reason: x}]\n", encoding="utf-8")
    assert run("--config", tmp_path / "bad.yaml", SEEDS["000"]).exit_code == 2


def test_the_config_nearest_the_linted_files_is_used_and_stdin_can_be_named(run, tmp_path, monkeypatch):
    """As ruff: a department's folder carries its bplint.yaml, found from the files linted wherever
    bplint is run; standard input takes the name `--stdin-filename` gives (and that name's config)."""
    department = tmp_path / "dept"
    department.mkdir()
    (department / "bplint.yaml").write_text("ignore: [BP5]\nlang: en\n", encoding="utf-8")
    document = department / "002.txt"
    document.write_bytes(SEEDS["002"].read_bytes())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert "BP505" in run(SEEDS["002"]).output  # the seed's own folder has no config
    out = run(document).output
    assert "BP505" not in out and "1 file checked" in out
    assert f"config: {department / 'bplint.yaml'}" in run("--show-settings", document).output
    named = json.loads(
        run("--format", "json", "--stdin-filename", document, "-", input=document.read_bytes()).output
    )
    (file,) = named["files"]
    assert file["path"] == str(document) and not any(f["rule"] == "BP505" for f in file["findings"])
    unnamed = json.loads(run("--format", "json", "-", input=document.read_bytes()).output)
    assert unnamed["files"][0]["path"] == "-" and any(
        f["rule"] == "BP505" for f in unnamed["files"][0]["findings"]
    )


def test_statistics_counts_per_rule(run):
    lines = run("--statistics", SEEDS["000"]).output.splitlines()
    assert lines[0].split() == ["12", "BP111", "share-ge-100", "提示"]
    assert any(line.split()[:2] == ["3", "BP301"] for line in lines)


def test_statistics_line_up_a_long_rule_name(run, tmp_path):
    """Names past 30 characters (self-evaluation-score-over-points) pushed their severity out of line."""
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "id: X901\nname: a-rule-name-longer-than-thirty-characters\nseverity: warning\ntitle: 长名\n"
        "message: {zh: 长名}\nexplain: {what: a, why: b, fix: c}\n"
        "examples: {bad: {text: a}, good: {text: b}}\nselect: projects\nwhen: 'true'\n",
        encoding="utf-8",
    )
    lines = [
        line
        for line in run("--statistics", "--rules", pack, SEEDS["002"]).output.splitlines()
        if "  BP" in line or "X901" in line
    ]
    assert len(lines) > 1 and len({line.rindex(" ") for line in lines}) == 1, lines


def test_explain_shows_what_the_rule_checks(run):
    explained = run("explain", "BP404").output
    assert "select: tables" in explained and "  - 收入总计 = 支出总计" in explained
    assert "when: caps - budget.total > budget.rounding" in run("explain", "cost-exceeds-budget").output
    # The examples are tab-separated tables, shown with their tabs (they were `\x09`, escaped as controls).
    example = run("explain", "BP003").output
    assert "一级指标\t二级指标\t三级指标" in example and "\\x09" not in example


def test_the_english_summary_counts_in_english(run):
    out = run("--lang", "en", SEEDS["002"]).output.splitlines()
    assert out[-1] == "1 file checked: 0 errors, 7 warnings, 0 info; numbers read: 171/171"


def test_the_help_shows_the_check_options_in_chinese(run):
    """`bplint --help` lists what `bplint FILE…` takes (it runs `check`), and its own lines in Chinese."""
    out = run("--help").output
    assert "检查选项（bplint FILE… 即 bplint check FILE…）" in out
    for option in ("--format [text|json|html|sarif|github|junit|xlsx]", "--fail-on", "--select", "--jobs"):
        assert option in out
    assert "显示帮助并退出" in out and "显示版本并退出" in out and "Show this message" not in out
    assert "显示帮助并退出" in run("check", "--help").output


def test_a_waiver_names_one_finding_by_its_fingerprint_and_an_unused_one_is_reported(
    run, tmp_path, monkeypatch
):
    """000 has 12 BP111 findings; the fourth's fingerprint (its start is enough) waives it alone. A
    waiver that matches nothing is said on stderr (like ruff's RUF100), once, naming it."""
    monkeypatch.chdir(tmp_path)
    first = json.loads(run("--format", "json", SEEDS["000"]).output)["files"][0]["findings"]
    shares = [f for f in first if f["rule"] == "BP111"]
    assert len(shares) == 12 and len({f["fingerprint"] for f in first}) == len(first)
    again = json.loads(run("--format", "json", SEEDS["000"]).output)["files"][0]["findings"]
    assert [f["fingerprint"] for f in again] == [f["fingerprint"] for f in first]  # stable
    target = shares[3]
    (tmp_path / "bplint.yaml").write_text(
        f"waive:\n  - {{rule: BP111, fingerprint: '{target['fingerprint'][:8]}', reason: 已核实}}\n"
        "  - {rule: BP104, project: 不存在的项目, reason: 旧的豁免}\n",
        encoding="utf-8",
    )
    result = run("--format", "json", "-o", tmp_path / "out.json", SEEDS["000"])
    file = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["files"][0]
    assert [(w["rule"], w["line"]) for w in file["waived"]] == [("BP111", target["line"])]
    assert len([f for f in file["findings"] if f["rule"] == "BP111"]) == 11
    assert "豁免（rule: BP104, project: 不存在的项目）没有对应任何问题" in result.output
    assert "BP111" not in result.output


def test_a_baseline_leaves_out_the_findings_accepted_before(run, tmp_path):
    """`--write-baseline` keeps the fingerprints of what is reported; with `--baseline` a re-check
    reports only findings that are new (a placeholder added to 002's text), the others listed as
    waived with the reason."""
    doc = tmp_path / "002.txt"
    doc.write_text(SEEDS["002"].read_text(encoding="utf-8"), encoding="utf-8")
    base = tmp_path / "baseline.json"
    assert run("--fail-on", "warning", "--write-baseline", base, doc).exit_code == 1
    assert len(json.loads(base.read_text(encoding="utf-8"))["accepted"]) == 7
    again = run("--fail-on", "warning", "--baseline", base, "--format", "json", doc)
    file = json.loads(again.output)["files"][0]
    assert again.exit_code == 0 and file["findings"] == []
    assert {w["reason"] for w in file["waived"]} == {"已在基线中（--baseline）"} and len(file["waived"]) == 7
    doc.write_text(doc.read_text(encoding="utf-8") + "\n本部门20XX年预算收入待填写。\n", encoding="utf-8")
    edited = json.loads(run("--baseline", base, "--format", "json", doc).output)["files"][0]
    assert [f["rule"] for f in edited["findings"]] == ["BP506"]
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    broken = run("--baseline", tmp_path / "bad.json", doc)
    assert broken.exit_code == 2 and "不是 bplint 的基线文件" in broken.output


def test_color_and_show_settings(run, tmp_path, monkeypatch):
    """`--color always` colours even into a pipe, `never` never; `--show-settings` prints what a run
    would use (the selection after --select, the waivers, the limits) and lints nothing."""
    assert "\x1b[" in run("--color", "always", SEEDS["002"]).output
    assert "\x1b[" not in run("--color", "never", SEEDS["002"]).output
    monkeypatch.chdir(tmp_path)
    shown = run("--show-settings", "--select", "BP1", SEEDS["002"])
    assert shown.exit_code == 0
    lines = shown.output.splitlines()
    assert lines[0] == "config（配置文件）: -" and lines[2] == "fail-on（退出码为 1 的级别）: error"
    assert lines[4].startswith("selected（启用的规则）: 14/")
    assert "BP101" in lines[4] and "BP301" not in lines[4]
    assert "file-mb=256" in lines[-1] and "BP505" not in shown.output


def test_a_pre_commit_hook_is_declared():
    import yaml

    hooks = Path(__file__).parent.parent / ".pre-commit-hooks.yaml"
    (hook,) = yaml.safe_load(hooks.read_text(encoding="utf-8"))
    assert hook["id"] == "bplint" and hook["entry"] == "bplint" and hook["language"] == "python"
    assert re.search(hook["files"], "dept/001.pdf") and not re.search(hook["files"], "README.md")


def test_usage_errors_speak_chinese_unless_asked_otherwise(run):
    """click's own messages too: a mistyped option reads in the language of the rest of bplint."""
    result = run("--format", "xx", SEEDS["002"])
    assert result.exit_code == 2
    assert "错误：'--format' 的值无效：'xx' 不是可选的值之一" in result.output and "用法：" in result.output
    assert "没有选项 '--nope'" in run("--nope").output
    import subprocess
    import sys

    command = [sys.executable, "-m", "bplint", "--lang", "en", "--format", "xx", str(SEEDS["002"])]
    english = subprocess.run(command, capture_output=True, text=True)
    assert "Error: Invalid value for '--format'" in english.stderr


def test_a_shells_examples_star_leaves_the_readme_out_with_a_note(run):
    """`bplint examples/*` hands over README.md and the example rule pack beside the documents: they
    are left out with a note, not counted as unreadable disclosures; named alone, one is BP001."""
    everything = sorted(str(p) for p in EXAMPLES.iterdir())
    result = run(*everything)
    assert result.exit_code == 1  # the seeds' errors, not an unreadable file (3)
    assert "已跳过" in result.output and "README.md：.md 文件不是预算公开文件" in result.output
    assert "BP001" not in result.output and "共检查 5 个文件" in result.output
    alone = run(EXAMPLES / "README.md")
    assert alone.exit_code == 3 and "BP001" in alone.output

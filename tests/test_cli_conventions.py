"""The conventions users bring from ruff and ESLint (issue 28, item 5): comma lists, "did you mean",
every word in the chosen language, columns aligned by terminal width, a distinct exit code for
inputs that could not be read, CI formats that follow --fail-on, a pre-commit hook that takes what
bplint reads."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from bplint.cli import main
from bplint.clickwords import columns
from tests.conftest import ROOT, SEEDS


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_select_and_ignore_take_comma_lists():
    listed = run("--format", "json", "--select", "BP1,BP2", SEEDS["003"]).output
    repeated = run("--format", "json", "--select", "BP1", "--select", "BP2", SEEDS["003"]).output
    assert listed.split('"config"')[0] == repeated.split('"config"')[0]
    assert '"BP1' in listed and '"BP2' in listed and '"BP4' not in listed
    ignored = run("--format", "json", "--ignore", "BP1, BP2,BP6", SEEDS["003"]).output
    assert '"BP1' not in ignored and '"BP2' not in ignored and '"BP501"' in ignored


def test_a_mistyped_command_is_asked_about_not_linted():
    result = run("explian", "BP101")
    assert result.exit_code == 2 and "没有命令 explian，也没有这个文件；是不是 explain？" in result.output
    assert "BP001" not in result.output
    assert "没有规则 BP1O1（是不是 BP101？）；" in run("explain", "BP1O1").output  # a rule id too (O for 0)
    assert "没有规则 BP115（是不是 BP" in run("explain", "BP115").output  # one digit off: a guess
    # Two digits off is no guess (it was `BP709` for BP999), and one mark ends each clause.
    assert "没有规则 BP999；用 `bplint rules` 查看全部规则" in run("explain", "BP999").output
    assert "(did you mean" not in run("--lang", "en", "explain", "BP999").output
    english = subprocess.run([sys.executable, "-m", "bplint", "--lang", "en", "rulse"], capture_output=True,
                             text=True)  # fmt: skip
    assert english.returncode == 2 and "did you mean rules?" in english.stderr


def test_severities_and_settings_speak_the_chosen_language():
    zh = run(SEEDS["002"]).output
    assert "[警告]" in zh and "[warning]" not in zh
    en = run("--lang", "en", SEEDS["002"]).output
    assert "[warning]" in en and "[警告]" not in en
    settings = run("--show-settings", SEEDS["002"]).output
    assert "fail-on（退出码为 1 的级别）: error" in settings and "语言" in settings
    assert "fail-on: error" in run("--lang", "en", "--show-settings", SEEDS["002"]).output


def test_columns_align_by_terminal_width():
    """`--output 文件` took two columns more than click counted: its help stood out of line."""
    help_lines = run("--help").output.splitlines()
    options = help_lines[help_lines.index("检查选项（bplint FILE… 即 bplint check FILE…）:") :]
    starts = set()
    for line in options:
        match = re.match(r"^  (-\S.*?\S)  +(\S.*)$", line)
        if match and columns(match[1]) < 30:
            starts.add(columns(line) - columns(match[2]))
    assert len(starts) == 1, starts  # every option's help starts in one column
    assert all(columns(line) <= 80 for line in help_lines), max(help_lines, key=columns)
    rules = run("rules").output.splitlines()
    heads = {columns(line[: line.index(line.split()[3])]) for line in rules}
    assert len(heads) == 1  # the titles start in one column whatever the severity's language


def test_an_unreadable_input_exits_3_a_usage_error_2(tmp_path):
    broken = tmp_path / "a.pdf"
    broken.write_bytes(b"%PDF-1.7 broken")
    result = run(broken, SEEDS["002"])
    assert result.exit_code == 3 and "BP001" in result.output
    assert run("--nope", SEEDS["002"]).exit_code == 2
    assert run("--format", "xlsx", SEEDS["002"]).exit_code == 2  # a workbook needs -o


def test_a_file_not_read_is_named_at_no_line(tmp_path):
    """Nothing of a broken PDF was read: its BP001 points at no line 1 of it, in any report."""
    broken = tmp_path / "a.pdf"
    broken.write_bytes(b"%PDF-1.7 broken")
    text = run(broken).output.splitlines()[0]
    assert text.startswith(f"{broken}: BP001 [错误] ")
    github = run("--format", "github", broken).output
    assert f"file={broken},title=BP001" in github and "line=" not in github
    junit = run("--format", "junit", broken).output
    assert 'name="BP001"' in junit and "行1" not in junit
    sarif = json.loads(run("--format", "sarif", broken).output)["runs"][0]["results"][0]
    assert "region" not in sarif["locations"][0]["physicalLocation"]
    data = json.loads(run("--format", "json", broken).output)["files"][0]["findings"][0]
    assert data["location"] == {"unread": True, "said": ""}


def test_github_follows_fail_on():
    """002's warnings: `warning` annotations by default (they fail nothing), `error` ones when
    --fail-on warning makes them fail the run."""
    default = run("--format", "github", SEEDS["002"]).output.splitlines()
    strict = run("--format", "github", "--fail-on", "warning", SEEDS["002"]).output.splitlines()
    assert all(line.startswith("::warning ") for line in default) and len(default) == 7
    assert all(line.startswith("::error ") for line in strict)
    never = run("--format", "github", "--fail-on", "never", SEEDS["003"]).output
    assert "::error " not in never and "::warning " in never


def test_the_pre_commit_hook_takes_what_bplint_reads_in_any_case():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    files = re.compile(hook["files"])
    for name in ("dept/预算.PDF", "a.pdf", "b.DOCX", "c.xlsx"):
        assert files.search(name), name
    for name in ("README.txt", "notes.txt", "README.md", "a.pdf.bak"):
        assert not files.search(name), name
    usage = Path(ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    assert usage.count("(?i)\\.(txt|pdf|docx|xlsx)$") >= 1


def test_explain_speaks_the_chosen_language_and_takes_it_before_the_command():
    """A new user tried `bplint explain BP103 --lang en` (no such option) and `bplint --lang en
    explain BP103` (taken for a file named explain, "did you mean explain?")."""
    after = run("explain", "BP103", "--lang", "en")
    before = run("--lang", "en", "explain", "BP103")
    assert after.exit_code == before.exit_code == 0
    assert after.output == before.output
    assert after.output.startswith(
        "BP103 satisfaction-upper-bound (error)\nSatisfaction written as an upper bound\n"
    )
    assert "## Bad example" in after.output and "错误示例" not in after.output
    assert run("explain", "BP103").output.startswith(
        "BP103 satisfaction-upper-bound（错误）\n满意度写成了上限\n"
    )


def test_the_limit_option_says_where_the_bounds_are_listed():
    # The README for users no longer lists the bounds: the help points at the command that does.
    said = run("check", "--help").output
    assert "--show-settings" in said.split("--limit", 1)[1].split("--debug", 1)[0]
    assert "README" not in said


def test_a_folder_with_nothing_to_check_says_so(tmp_path):
    """A folder of notes (or the wrong folder) printed only `共检查 0 个文件` and passed silently."""
    from click.testing import CliRunner

    from bplint.cli import main

    (tmp_path / "a.md").write_text("hi\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(tmp_path)])
    assert result.exit_code == 0
    assert f"bplint: {tmp_path} 中没有可检查的文件（.txt、.docx、.pdf、.xlsx）" in result.output
    english = CliRunner().invoke(main, ["--lang", "en", str(tmp_path)])
    assert "no file to check (.txt, .docx, .pdf, .xlsx) in" in english.output


def test_a_text_report_into_a_json_file_gets_a_note(tmp_path):
    """`-o out.json` without --format wrote the text report into out.json, quietly."""
    from click.testing import CliRunner

    from bplint.cli import main
    from tests.conftest import SEEDS

    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["-o", str(out), str(SEEDS["004"])])
    assert f"-o {out} 写入的是文本报告；要 json 格式，请加 --format json" in result.output
    assert out.read_text(encoding="utf-8").startswith(str(SEEDS["004"]))  # still written, as asked
    plain = CliRunner().invoke(main, ["-o", str(tmp_path / "out.txt"), str(SEEDS["004"])])
    assert "写入的是文本报告" not in plain.output


def test_a_number_option_given_words_is_refused_in_one_language():
    """`--jobs abc` said `不是有效的integer range`: click names the number's type in English."""
    from click.testing import CliRunner

    from bplint.cli import main

    said = CliRunner().invoke(main, ["--jobs", "abc", "x.txt"]).output
    assert "'abc' 不是有效的数字。" in said and "integer" not in said


def test_a_config_selecting_no_rule_names_the_config(tmp_path):
    """`select: [BP9]` in a bplint.yaml said 没有与 BP9 对应的规则 and not where it was written."""
    from click.testing import CliRunner

    from bplint.cli import main
    from tests.conftest import SEEDS

    config = tmp_path / "bplint.yaml"
    config.write_text("select: [BP9]\n", encoding="utf-8")
    said = CliRunner().invoke(main, ["--config", str(config), str(SEEDS["004"])])
    assert (
        said.exit_code == 2
        and f"没有与 BP9 对应的规则（--select、--ignore，或配置 {config} 中）" in said.output
    )

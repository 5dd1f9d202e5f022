"""Hostile and broken inputs, run as a user runs bplint: a clear finding or error, never a
traceback, a hang or the machine's memory; one bad file never stops the others.

Each run has a wall-clock bound far above its normal time (a hang detector, not a benchmark).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import hostile
from tests.conftest import EXAMPLES, SEEDS
from tests.packs import one_rule

BPLINT = [sys.executable, "-m", "bplint"]
SEED = SEEDS["002"]  # 6 projects, warnings only: exit 0, and its line `读取 6 个项目` shows it was read
READ_SEED = "读取 6 个项目"


def bplint(*args, stdin=None, cwd=None, timeout=120) -> subprocess.CompletedProcess:
    argv = [a if isinstance(a, str) else os.fsdecode(a) if isinstance(a, Path) else str(a) for a in args]
    result = subprocess.run([*BPLINT, *argv], stdin=stdin, cwd=cwd, capture_output=True, timeout=timeout)
    assert b"Traceback" not in result.stderr + result.stdout, result.stderr.decode(errors="replace")
    return result


def out(result: subprocess.CompletedProcess) -> str:
    return result.stdout.decode("utf-8")


def written(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- what is not a file --------------------------------------------------------------------------


def test_devices_and_pipes_are_refused_and_the_batch_goes_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = bplint(fifo, "/dev/zero", SEED)
    assert result.returncode == 3
    assert out(result).count("不是普通文件（设备、管道或套接字）") == 2
    assert READ_SEED in out(result)


def test_standard_input_is_bounded():
    with open("/dev/zero", "rb") as zero:
        result = bplint("--limit", "file-mb=1", "-", stdin=zero)
    assert result.returncode == 2
    assert "标准输入：文件过大，超过上限 1 MB" in result.stderr.decode()


def test_links_in_a_folder(tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "sub" / "up").symlink_to("..")  # a loop: its files are already being read
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    result = bplint(folder)
    text = out(result)
    assert text.count(READ_SEED) == 1
    assert f"{folder / 'gone.txt'}: BP001" in text  # no line: nothing of it was read and "文件不存在" in text
    assert text.count("符号链接循环") == 2  # a.txt and b.txt
    assert "sub" not in text  # a link back up loses nothing: a note, not a finding
    assert f"bplint: 已跳过 {folder / 'sub' / 'up'}：指向上层目录的符号链接" in result.stderr.decode()


# -- text that would make a pattern backtrack ------------------------------------------------------

LONG_LINES = {
    "digits": "1" * 100_000,
    "thousands": "1,000" * 20_000,
    "digits before a unit": "1" * 100_000 + "万元",
    "sentences": "本年预算数为100万元，比上年增加10万元，增长10%。" * 3_000,
    "brackets": "（" * 50_000 + "）" * 50_000,
    "cells": "\t".join(["1"] * 50_000),
    "signs": "≥" * 50_000 + "%",
}


@pytest.mark.parametrize("name", LONG_LINES)
def test_long_lines_are_read_in_linear_time(tmp_path, name):
    path = written(tmp_path, "long.txt", "一、部门预算说明\n" + LONG_LINES[name] + "\n")
    result = bplint("--timeout", "100", path)
    assert result.returncode in (0, 1), out(result)
    assert "BP001" not in out(result)


def test_control_characters_name_their_line(tmp_path):
    path = written(tmp_path, "doc.txt", "预算说明\n" * 8_000 + "正文\x1b]0;pwned\x07\n")
    result = bplint(path)
    assert result.returncode == 3
    assert "第 8001 行" in out(result) and "\x1b" not in out(result)


def test_file_names_are_printed_safely(tmp_path):
    escape = written(tmp_path, "x\x1b[31mred.txt", SEED.read_bytes())
    text = out(bplint(escape))
    assert "x\\x1b[31mred.txt" in text and "\x1b" not in text
    odd = tmp_path / os.fsdecode(b"n\xffame.txt")
    odd.write_bytes(SEED.read_bytes())
    data = json.loads(out(bplint("--format", "json", odd)))
    assert data["files"][0]["path"].endswith("n\\xffame.txt")
    sarif = json.loads(out(bplint("--format", "sarif", odd)))
    assert sarif["runs"][0]["artifacts"][0]["location"]["uri"].endswith("n%5Cxffame.txt")
    result = bplint("--html", tmp_path / "report.html", "-o", tmp_path / os.fsdecode(b"r\xff.txt"), odd)
    assert result.returncode == 0
    assert "n\\xffame.txt" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert READ_SEED in (tmp_path / os.fsdecode(b"r\xff.txt")).read_text(encoding="utf-8")


# -- documents as published, broken ---------------------------------------------------------------

PDF_OUTCOMES = {
    "ok": (0, "BP002"),
    "huge-mediabox": (3, "PDF 文件已损坏"),
    "nan-mediabox": (3, "PDF 文件已损坏"),
    "reference-loop": (3, "PDF 中没有任何文字"),
    "page-tree-loop": (0, "BP002"),
    "self-reference": (3, "PDF 文件已损坏"),
    "form-recursion": (0, "BP002"),
    "digits": (0, "BP002"),
    "million-chars": (3, "第 1 页超过每页 200000 个字符的上限，未读取"),
    "truncated": (3, "PDF 文件已损坏"),
}


@pytest.mark.parametrize("name", PDF_OUTCOMES)
def test_broken_pdfs(tmp_path, name):
    path = written(tmp_path, f"{name}.pdf", hostile.pdf_cases()[name])
    result = bplint(path)
    code, said = PDF_OUTCOMES[name]
    assert (result.returncode, said in out(result)) == (code, True), out(result)
    assert result.stderr == b""  # pdfminer's own warnings are not the user's business


def test_a_string_longer_than_pdfium_keeps_is_read_whole():
    """PDFium keeps the first 32,767 bytes of a string; such a page is read by pdfminer, whole."""
    from bplint import read
    from bplint.limits import Limits

    data = hostile.one_page(b"BT /F1 1 Tf 0 100 Td (" + b"a" * 40_000 + b"b) Tj ET")
    source = read.decode(data, "long-string.pdf", Limits(page_chars=50_000))
    assert source.text.count("a") == 40_000 and "ab" in source.text


def test_a_flate_bomb_stops_at_its_bound(tmp_path):
    path = written(tmp_path, "bomb.pdf", hostile.flate_bomb(16))
    result = bplint("--limit", "pdf-stream-mb=2", path)
    assert result.returncode == 3
    assert "内容流解压后超过 2 MB，疑为压缩炸弹" in out(result)


def test_a_damaged_page_is_bp005_and_the_other_pages_are_read():
    from bplint.catalog import builtin_rules

    (rule,) = [r for r in builtin_rules() if r.id == "BP005"]
    data = rule.examples["bad"]["bytes"].encode("latin-1")
    from bplint import read

    source = read.decode(data, "two-pages.pdf")
    assert "Budget" in source.text
    said = [notice.message.said("zh") for notice in source.notices]
    assert said == ["第 2 页已损坏，未能读取（PDFNotImplementedError）"]


@pytest.mark.parametrize("name", ["claims-a-million-rows", "far-cell", "merge-everything"])
def test_workbooks_that_claim_huge_sheets_are_read_as_they_are(tmp_path, name):
    path = written(tmp_path, f"{name}.xlsx", hostile.xlsx_cases()[name])
    result = bplint(path)
    # The sheet's one table (a title and a header, no rows) is read as it is, and no more.
    assert result.returncode == 0 and "1 张预算表" in out(result), out(result)


def test_a_missing_worksheet_is_an_unread_part(tmp_path):
    path = written(tmp_path, "book.xlsx", hostile.xlsx_cases()["missing-sheet"])
    result = bplint(path)
    assert result.returncode == 1
    assert "BP005" in out(result) and "“第二表”" in out(result)


@pytest.mark.parametrize("build", [hostile.xlsx_bomb, hostile.docx_bomb], ids=["xlsx", "docx"])
def test_zip_bombs_are_refused_before_unpacking(tmp_path, build):
    suffix = ".xlsx" if build is hostile.xlsx_bomb else ".docx"
    path = written(tmp_path, f"bomb{suffix}", build(12))
    result = bplint("--limit", "office-mb=4", path)
    assert result.returncode == 3
    assert "超过上限 4 MB，疑为压缩炸弹" in out(result)


def test_a_nested_word_table_is_read():
    from bplint import read

    source = read.decode(hostile.nested_docx(), "nested.docx")
    assert "嵌套表格" in source.text and "第二格" in source.text


# -- reports ----------------------------------------------------------------------------------


def test_a_report_never_overwrites_an_input(tmp_path):
    document = written(tmp_path, "doc.txt", SEED.read_bytes())
    result = bplint("-o", document, document)
    assert result.returncode == 2 and "是被检查的文件之一" in result.stderr.decode()
    assert document.read_bytes() == SEED.read_bytes()
    result = bplint("-o", tmp_path / "r.html", "--html", tmp_path / "r.html", document)
    assert result.returncode == 2 and "同一个文件" in result.stderr.decode()
    result = bplint("-o", tmp_path, document)
    assert result.returncode == 2


def test_a_report_goes_through_a_device():
    result = bplint("-o", "/dev/null", SEED)
    assert result.returncode == 0 and result.stdout == b""
    assert Path("/dev/null").is_char_device()
    result = bplint("-o", "/dev/full", SEED)  # a device that refuses: said, and left a device
    assert result.returncode == 2 and "无法写入 /dev/full" in result.stderr.decode()
    assert Path("/dev/full").is_char_device()


def test_a_file_past_its_timeout_is_bp001_and_the_others_finish(tmp_path):
    """001 a hundred times over takes seconds; with --timeout 1 it is stopped and said so, and the
    seed after it is linted as ever."""
    slow = tmp_path / "slow.txt"
    slow.write_text(SEEDS["001"].read_text(encoding="utf-8") * 100, encoding="utf-8")
    beyond = ("--limit", "text-chars=10000000", "--limit", "text-lines=1000000")  # 001 × 100 is past them
    result = bplint("--timeout", "1", *beyond, "--format", "json", slow, SEED)
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == [str(slow), str(SEED)]
    (stopped,) = files[0]["findings"]
    assert stopped["rule"] == "BP001" and "处理超过 1 秒仍未完成，已停止" in stopped["message"]
    assert files[1]["document"]["projects"] == 6 and result.returncode == 3


def _workers_of(tmp_path, monkeypatch, paths, *options, crash: str = ""):
    """The JSON report of a run in this process, and the worker that linted each file (its pid):
    the workers are forked from here, so they carry the patch that records them."""
    from click.testing import CliRunner

    from bplint import runner
    from bplint.cli import main

    lint_path, log = runner.lint_path, tmp_path / "workers.log"

    def recorded(path, *args, **kwargs):
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {Path(path).name}\n")
        if crash and path.endswith(crash):
            os._exit(3)  # a crash no Python code sees: a C library's, say
        return lint_path(path, *args, **kwargs)

    monkeypatch.setattr(runner, "lint_path", recorded)
    result = CliRunner().invoke(
        main, ["--format", "json", *options, *map(str, paths)], catch_exceptions=False
    )
    pids = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    return json.loads(result.output), {name: pid for pid, name in pids}


def test_a_worker_lints_file_after_file_and_a_crash_ends_only_its_own(tmp_path, monkeypatch):
    files = [written(tmp_path, f"{n}.txt", SEED.read_bytes()) for n in range(4)]
    report, workers = _workers_of(tmp_path, monkeypatch, files, "--jobs", "1")
    assert len(set(workers.values())) == 1 and all(f["document"]["projects"] == 6 for f in report["files"])
    (tmp_path / "workers.log").unlink()
    report, workers = _workers_of(tmp_path, monkeypatch, files, "--jobs", "1", crash="1.txt")
    found = [[x["rule"] for x in f["findings"]] for f in report["files"]]
    assert found[1] == ["BP001"] and "异常退出（退出码 3）" in report["files"][1]["findings"][0]["message"]
    assert all("BP001" not in rules for n, rules in enumerate(found) if n != 1)
    assert workers["0.txt"] == workers["1.txt"] != workers["2.txt"] == workers["3.txt"]


def test_a_worker_grown_past_half_its_memory_bound_is_replaced(tmp_path, monkeypatch):
    from bplint import runner

    monkeypatch.setattr(runner, "_address_space", lambda: 1 << 62)
    files = [written(tmp_path, f"{n}.txt", SEED.read_bytes()) for n in range(3)]
    report, workers = _workers_of(tmp_path, monkeypatch, files, "--jobs", "1")
    assert len(set(workers.values())) == 3 and all(f["document"]["projects"] == 6 for f in report["files"])


def test_the_text_report_prints_each_file_as_it_finishes(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for n in range(200):
        (inputs / f"{n:03}.txt").write_bytes(SEEDS["001"].read_bytes())
    process = subprocess.Popen([*BPLINT, "--jobs", "1", str(inputs)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)  # fmt: skip
    first = process.stdout.readline().decode()
    running = process.poll() is None  # the first file's lines came while the others were linted
    os.killpg(process.pid, signal.SIGTERM)
    process.communicate(timeout=60)
    assert f"{inputs / '000.txt'}:" in first and running


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_run_leaves_no_report(tmp_path, signum, code):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for n in range(400):
        (inputs / f"{n:03}.txt").write_bytes(SEEDS["001"].read_bytes())
    reports = tmp_path / "reports"
    reports.mkdir()
    process = subprocess.Popen(
        [*BPLINT, "--jobs", "1", "--format", "json", "-o", str(reports / "r.json"), str(inputs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    time.sleep(2)
    os.killpg(process.pid, signum)  # as a terminal's Ctrl-C: the whole group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr.decode()
    assert "已中断" in stderr.decode() and b"Traceback" not in stderr
    assert list(reports.iterdir()) == []


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_output_is_the_same_byte_for_byte_whatever_the_jobs(fmt):
    runs = [bplint("--format", fmt, "--jobs", jobs, EXAMPLES).stdout for jobs in (1, 1, 2, 4)]
    assert runs[0] == runs[1] == runs[2] == runs[3]
    assert out(bplint("--format", fmt, "--jobs", 1, *SEEDS.values())).count(str(SEEDS["004"])) >= 1


# -- rule packs -------------------------------------------------------------------------------

RULE = one_rule()

PACKS = {
    "positional placeholder": (RULE.replace("MESSAGE", "{0}"), "占位符 {0} 不可用"),
    "attribute placeholder": (
        RULE.replace("MESSAGE", "{project.__class__}"),
        "占位符 {project.__class__} 不可用",
    ),
    "conversion": (RULE.replace("MESSAGE", "{project!z}"), "占位符 {project!z} 不可用"),
    "padding": (RULE.replace("MESSAGE", "{project:>1000000000}"), "占位符 {project:>1000000000} 不可用"),
    "unpaired brace": (RULE.replace("MESSAGE", "预算{"), "花括号不成对"),
    "misspelt": (RULE.replace("MESSAGE", "项目{projct}"), "{projct} 没有值；可用：budget、project、year"),
    "deep": (RULE.replace("WHEN", "not " * 500 + "true"), "嵌套超过 64 层"),
    "aliases": ("a: &a [x, x]\nb: [*a, *a]\n", "不能使用 YAML 别名（*a）"),
    "id": (RULE.replace("X901", "X 901\\x1b"), "id 应由字母开头"),
    "title": (RULE.replace("title: 标题", "title: {a: 1}"), "title 应当是一段文字"),
    "examples": (RULE.replace('{bad: {text: "a"}, good: {text: "b"}}', "[1, 2]"), "examples 应写成"),
}


@pytest.mark.parametrize("name", PACKS)
def test_hostile_rule_packs_are_refused_with_file_and_line(tmp_path, name):
    text, said = PACKS[name]
    pack = written(tmp_path, "pack.yaml", text.replace("MESSAGE", "m").replace("WHEN", "true"))
    result = bplint("--rules", pack, SEED)
    assert result.returncode == 2
    error = result.stderr.decode()
    assert error.startswith(f"bplint: {pack}:") and said in error, error


def test_a_rule_pack_must_be_a_small_regular_file(tmp_path):
    assert "不是普通文件" in bplint("--rules", "/dev/zero", SEED).stderr.decode()
    big = written(tmp_path, "big.yaml", "# " + "x" * (2 * 1024 * 1024) + "\n")
    result = bplint("--rules", big, "--limit", "pack-mb=1", SEED)
    assert result.returncode == 2 and "文件过大" in result.stderr.decode()


def test_a_misspelt_sum_in_an_identity_is_an_error(tmp_path):
    rule = RULE.replace(
        'select: projects\nwhen: "WHEN"\n', "select: tables\nidentities:\n  - 合计 = 各项之合\n"
    )
    result = bplint("--rules", written(tmp_path, "pack.yaml", rule.replace("MESSAGE", "m")), SEED)
    assert result.returncode == 2 and "“各项之合”不是可用的求和写法" in result.stderr.decode()


def test_a_pattern_that_backtracks_without_end_matches_nothing():
    import regex

    from bplint.engine import expr

    started = time.monotonic()
    assert expr._search(regex.compile(r"(a+)+$"), "a" * 40 + "!") is False
    assert time.monotonic() - started < 30  # stopped by the match timeout, not after 2^40 steps


# -- a bug of ours, at each stage -------------------------------------------------------------

STAGES = {
    "read": "bplint.read.decode",
    "format": "bplint.formats.docx.render",
    "layout": "bplint.layout.blocks",
    "model": "bplint.extract.build",
    "rules": "bplint.engine.check.run",
}


@pytest.mark.parametrize("stage", STAGES)
def test_an_internal_error_is_that_files_bp001_and_the_batch_goes_on(tmp_path, monkeypatch, stage):
    """A stage raises while it works on the bad file (the forked workers inherit the patch); the
    seed beside it is read as usual.  A .docx's layout is built by its reader, so the layout stage
    is tried on a text export."""
    import importlib

    from click.testing import CliRunner

    from bplint import runner
    from bplint.cli import main
    from tests.documents import WORD_TEXT, docx_of

    module_name, name = STAGES[stage].rsplit(".", 1)
    module = importlib.import_module(module_name)
    stage_function, lint_path = getattr(module, name), runner.lint_path
    current = []

    def tracked(path, *args, **kwargs):
        current.append(path)
        return lint_path(path, *args, **kwargs)

    def broken(*args, **kwargs):
        if current and current[-1].endswith(bad.name):
            raise ZeroDivisionError("injected")
        return stage_function(*args, **kwargs)

    if stage == "layout":
        bad = written(tmp_path, "bad.txt", WORD_TEXT.encode())
    else:
        bad = written(tmp_path, "bad.docx", docx_of(WORD_TEXT))
    monkeypatch.setattr(runner, "lint_path", tracked)
    monkeypatch.setattr(module, name, broken)
    result = CliRunner().invoke(main, [str(bad), str(SEED)], catch_exceptions=False)
    first = result.output.splitlines()[0]
    # A reader's failure reads as a damaged file (python-docx and openpyxl raise anything on one).
    said = "文件已损坏，无法读取：ZeroDivisionError" if stage == "format" else (
        "bplint 内部错误，请报告：ZeroDivisionError: injected")  # fmt: skip
    assert first.startswith(f"{bad}: BP001 [错误] 无法读取该文件：{said}"), result.output
    assert READ_SEED in result.output
    assert result.exit_code == 3


def test_a_report_that_cannot_be_written_is_a_clear_error(tmp_path, monkeypatch, capsys):
    from bplint import cli
    from bplint.report import json_report

    def broken(*args, **kwargs):
        raise ZeroDivisionError("injected")

    monkeypatch.setattr(json_report, "render", broken)
    monkeypatch.setattr(sys, "argv", ["bplint", "--format", "json", str(SEED)])
    with pytest.raises(SystemExit) as stop:
        cli.entry()
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert "bplint: 内部错误，请报告（加 --debug 可看到详情）：ZeroDivisionError: injected" in error
    assert "Traceback" not in error


# -- any bytes at all ---------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _read_or_refuse(data: bytes, name: str) -> None:
    """Reading gives a Source (its notices saying what was not read) or a ReadError; nothing else."""
    from bplint import read

    try:
        source = read.decode(data, name)
    except read.ReadError as error:
        assert error.zh and error.en
    else:
        assert isinstance(source.text, str)


def _mutated(original: bytes):
    """The file with a few bytes overwritten, cut short or repeated."""
    edits = st.lists(
        st.tuples(st.integers(0, len(original) - 1), st.binary(min_size=1, max_size=8)), max_size=6
    )
    return st.tuples(edits, st.integers(len(original) // 2, len(original))).map(
        lambda spec: _apply(original, *spec)
    )


def _apply(original: bytes, edits, cut: int) -> bytes:
    data = bytearray(original[:cut])
    for at, chunk in edits:
        data[at : at + len(chunk)] = chunk
    return bytes(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_any_bytes_are_read_or_refused(data):
    _read_or_refuse(data, "any.txt")
    _read_or_refuse(b"%PDF-1.4\n" + data, "any.pdf")
    _read_or_refuse(b"PK\x03\x04" + data, "any.docx")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated(hostile.one_page(hostile.TEXT)))
def test_damaged_pdfs_are_read_or_refused(data):
    _read_or_refuse(data, "damaged.pdf")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated(hostile.workbook()))
def test_damaged_workbooks_are_read_or_refused(data):
    _read_or_refuse(data, "damaged.xlsx")


def test_progress_shows_on_a_terminal_only(tmp_path):
    """Several files: a progress bar on stderr when it is a terminal, none with --quiet or a pipe."""
    import pty

    def stderr_of(*args) -> bytes:
        master, slave = pty.openpty()
        process = subprocess.Popen([*BPLINT, *args, str(EXAMPLES)], stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
        os.close(master)
        return b"".join(chunks)

    assert b"bplint" in stderr_of() and b"5/5" in stderr_of()
    assert stderr_of("--quiet") == b""
    assert bplint(EXAMPLES).stderr == b""

"""Configuration as input (issue 30, S4, S5, R3, R4): a config, a rule pack or a baseline is read
like a document (bounded in size, nesting and aliases, regular files only); one that came with the
documents may select and waive, never loosen a bound or `fail-on`; a number out of range or a
misspelt key is a clear message naming it."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.packs import one_rule

SEED = SEEDS["003"]  # errors: exit 1 under fail-on error
BYTES = 1024**3


def _limited() -> None:
    """A run that would take gigabytes (a YAML alias bomb) ends at 1 GB instead of the machine's."""
    resource.setrlimit(resource.RLIMIT_AS, (BYTES, BYTES))


def bplint(*args, cwd=None, timeout=60) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "bplint", *map(str, args)]
    result = subprocess.run(argv, cwd=cwd, capture_output=True, timeout=timeout, preexec_fn=_limited)
    assert b"Traceback" not in result.stderr + result.stdout, result.stderr.decode(errors="replace")
    return result


def _folder(tmp_path: Path, config: str, name: str = "bplint.yaml") -> Path:
    """A folder as a sender hands it over: a document and a configuration beside it."""
    folder = tmp_path / "received"
    folder.mkdir(exist_ok=True)
    (folder / "doc.txt").write_bytes(SEED.read_bytes())
    (folder / name).write_text(config, encoding="utf-8")
    return folder


def _elsewhere(tmp_path: Path) -> Path:
    cwd = tmp_path / "office"
    cwd.mkdir(exist_ok=True)
    return cwd


# 470 bytes standing for a billion list items.
BOMB = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
) + "select: *i\n"  # fmt: skip
NESTED_YAML = "select: " + "[" * 5_000 + "]" * 5_000 + "\n"
NESTED_TOML = "[tool.bplint]\nselect = " + "[" * 5_000 + "]" * 5_000 + "\n"

CONFIGS = {
    "alias bomb": ("bplint.yaml", BOMB, "不能使用 YAML 别名（*"),
    "alias": ("bplint.yaml", "select: &s [BP1]\nignore: *s\n", ":2: 不能使用 YAML 别名（*s）"),
    "nested yaml": ("bplint.yaml", NESTED_YAML, "嵌套超过 64 层"),
    "nested toml": ("pyproject.toml", NESTED_TOML, "嵌套超过 64 层"),
    "typo": ("bplint.yaml", "fial-on: never\n", "未知的配置项 fial-on（是否想写 fail-on？）"),
    "waiver typo": ("bplint.yaml", "waive: [{rule: BP1, reasn: x}]\n", "reasn（是否想写 reason？）"),
    "infinite timeout": ("bplint.yaml", "limits: {timeout: .inf}\n", "上限 timeout 应为大于 0"),
    "huge file-mb": (
        "bplint.yaml",
        "limits: {file-mb: 1000000000000000000000000}\n",
        "上限 file-mb 应为大于 0",
    ),
    "limit typo": ("bplint.yaml", "limits: {fiel-mb: 1}\n", "没有名为 fiel-mb（是否想写 file-mb？）"),
}


@pytest.mark.parametrize("case", CONFIGS)
def test_a_hostile_or_broken_config_is_a_clear_error(tmp_path, case):
    name, text, said = CONFIGS[case]
    folder = _folder(tmp_path, text, name)
    result = bplint(folder / "doc.txt", cwd=_elsewhere(tmp_path))
    assert result.returncode == 2, result
    assert said in result.stderr.decode(), result.stderr.decode()


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (("--timeout", "inf"), "--timeout 应为大于 0"),
        (("--timeout", "nan"), "--timeout 应为大于 0"),
        (("--limit", "timeout=1e308"), "上限 timeout 应为大于 0"),
        (("--limit", "file-mb=99999999999999999999"), "上限 file-mb 应为大于 0"),
        (("--limit", "memory-mb=nan"), "上限 memory-mb 应为大于 0"),
        (("--limit", "pdf-pages=1.5"), "上限 pdf-pages 应为大于 0"),
    ],
)
def test_a_bound_out_of_range_is_a_usage_error_naming_it(option, said):
    result = bplint(*option, SEED)
    assert result.returncode == 2 and said in result.stderr.decode(), result.stderr.decode()


LOOSE = """
limits: {file-mb: 100000, pdf-stream-mb: 100000, timeout: 5}
fail-on: never
waive:
  - {rule: BP401, reason: 寄件人说没问题}
"""


def test_a_config_beside_the_documents_may_waive_but_not_loosen(tmp_path):
    folder = _folder(tmp_path, LOOSE)
    office = _elsewhere(tmp_path)
    result = bplint("--format", "json", folder / "doc.txt", cwd=office)
    assert result.returncode == 1, result.stderr  # its fail-on: never is not taken
    notes = result.stderr.decode()
    assert "不能调高上限 file-mb、pdf-stream-mb，已按默认值" in notes
    assert "不能放宽 fail-on（never），仍按 error" in notes
    report = json.loads(result.stdout)
    assert report["config"] == {"path": str(folder / "bplint.yaml"), "beside_documents": True}
    assert report["files"][0]["waived"]  # it may waive: each waiver listed in the report
    shown = bplint("--show-settings", folder / "doc.txt", cwd=office).stdout.decode()
    assert "file-mb=256" in shown and "pdf-stream-mb=64" in shown and "timeout=5" in shown  # lowering is fine
    text = bplint("--html", office / "r.html", folder / "doc.txt", cwd=office).stdout.decode()
    said = f"配置：{folder / 'bplint.yaml'}（在被检查文件旁找到"
    assert said in text and said in (office / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["named", "the working folder's"])
def test_a_config_named_or_of_the_working_folder_may_loosen(tmp_path, how):
    folder = _folder(tmp_path, LOOSE)
    if how == "named":
        args, cwd = ("--config", folder / "bplint.yaml"), _elsewhere(tmp_path)
    else:
        args, cwd = (), folder
    result = bplint(*args, "--show-settings", folder / "doc.txt", cwd=cwd)
    shown = result.stdout.decode()
    assert "file-mb=100000" in shown and "fail-on（退出码为 1 的级别）: never" in shown
    assert bplint(*args, folder / "doc.txt", cwd=cwd).returncode == 0
    assert "在被检查文件旁" not in bplint(*args, folder / "doc.txt", cwd=cwd).stdout.decode()


def test_a_baseline_is_a_small_regular_file(tmp_path):
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    for path in ("/dev/zero", fifo):
        result = bplint("--baseline", path, SEED, timeout=30)
        assert result.returncode == 2 and "不是普通文件" in result.stderr.decode(), result.stderr
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = bplint("--baseline", deep, SEED)
    assert result.returncode == 2 and "嵌套超过 64 层" in result.stderr.decode()


RULE = one_rule(message="m", when="true")

PACK_TYPOS = {
    "explain": (RULE.replace("what: a", "waht: a"), "explain 中未知的键 waht（是否想写 what？）"),
    "examples": (RULE.replace("bad: {", "bda: {"), "examples 中未知的键 bda（是否想写 bad？）"),
    "message language": (
        RULE.replace('{zh: "m"}', '{zh: "m", eng: "m"}'),
        "message 中未知的语言 eng（是否想写 en？）",
    ),
    "title language": (RULE.replace("title: 标题", "title: {zh: 标题, zn: x}"), "title 中未知的语言 zn"),
    "rule key": (RULE.replace("when:", "wehn:"), "有未知的字段 wehn（是否想写 when？）"),
    "define": ("define: {a: 'true'}\nwhen: b\n---\n" + RULE, "define 文档中未知的键 when"),
}


@pytest.mark.parametrize("case", PACK_TYPOS)
def test_a_misspelt_key_in_a_rule_pack_is_named_with_a_suggestion(tmp_path, case):
    text, said = PACK_TYPOS[case]
    pack = tmp_path / "pack.yaml"
    pack.write_text(text, encoding="utf-8")
    result = bplint("--rules", pack, SEED)
    assert result.returncode == 2 and said in result.stderr.decode(), result.stderr.decode()


def test_the_working_folders_broken_config_is_not_read_when_the_files_have_their_own(tmp_path):
    folder = _folder(tmp_path, "ignore: [BP5]\n")
    office = _elsewhere(tmp_path)
    (office / "pyproject.toml").write_text("[tool.bplint\nselect = 1\n", encoding="utf-8")
    result = bplint(folder / "doc.txt", cwd=office)
    assert result.returncode == 1 and "配置：" in result.stdout.decode(), result.stderr
    assert bplint(SEED, cwd=office).returncode == 2  # with no config of their own, it is the one

"""Folders as a download or an attacker hands them over (issue 30, S8, R2): links are followed only
inside the folder named and `/` is never walked; a folder that cannot be read, a path over the
system's limit or a tree thousands deep is that path's BP001, never the batch's end; an empty
argument is a usage error; someone else's broken pyproject.toml above the inputs is a note."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bplint import lint
from tests.conftest import SEEDS

SEED = SEEDS["002"]
READ_SEED = "读取 6 个项目"


def bplint(*args, cwd=None, timeout=60) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "bplint", *map(str, args)]
    result = subprocess.run(argv, cwd=cwd, capture_output=True, timeout=timeout)
    assert b"Traceback" not in result.stderr + result.stdout, result.stderr.decode(errors="replace")
    return result


def test_links_out_of_the_folder_named_are_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_bytes(SEED.read_bytes())
    folder = tmp_path / "received"
    (folder / "inner").mkdir(parents=True)
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "out").symlink_to(elsewhere)  # a folder out of it
    (folder / "up").symlink_to(tmp_path)  # the named folder's parent
    (folder / "leak.txt").symlink_to(elsewhere / "secret.txt")  # a file out of it
    (folder / "inner" / "same.txt").symlink_to(folder / "seed.txt")  # inside: read
    result = bplint(folder)
    text, notes = result.stdout.decode(), result.stderr.decode()
    assert text.count(READ_SEED) == 2, text  # seed.txt and inner/same.txt
    assert "secret" not in text and "elsewhere" not in text and "leak" not in text
    for name in ("out", "up", "leak.txt"):
        assert f"已跳过 {folder / name}：指向所检查目录之外的" in notes, notes


def test_a_link_to_the_root_is_never_walked(tmp_path):
    folder = tmp_path / "received"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "everything").symlink_to("/")
    result = bplint(folder, timeout=30)
    assert result.stdout.decode().count(READ_SEED) == 1
    assert f"已跳过 {folder / 'everything'}：指向所检查目录之外的目录" in result.stderr.decode()
    named = bplint("/", SEED, timeout=30)
    assert (
        "这是根目录：bplint 不遍历整个文件系统" in named.stdout.decode()
        and READ_SEED in named.stdout.decode()
    )


def test_an_empty_argument_is_a_usage_error(tmp_path):
    (tmp_path / "doc.txt").write_bytes(SEED.read_bytes())
    result = bplint("", SEED, cwd=tmp_path)
    assert result.returncode == 2 and '路径不能为空（""）' in result.stderr.decode()
    assert READ_SEED not in result.stdout.decode()
    (skipped,) = lint.expand([""])
    assert isinstance(skipped, lint.Skipped) and not skipped.covered


def test_a_path_over_the_system_limit_is_its_own_bp001(tmp_path):
    long = tmp_path / (("a" * 200 + "/") * 30 + "doc.txt")
    result = bplint(long, SEED)
    text = result.stdout.decode()
    assert result.returncode == 3 and "BP001" in text and READ_SEED in text, text


def _deep(top: Path, depth: int) -> Path:
    """A chain of `depth` folders named d, made through descriptors (past the limit of a path),
    a seed at each hundredth; the chain's top."""
    chain = top / "deep"
    chain.mkdir()
    fd = os.open(chain, os.O_RDONLY)
    try:
        for level in range(depth):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
            if level % 100 == 99:
                made = os.open("seed.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
                os.write(made, SEED.read_bytes())
                os.close(made)
    finally:
        os.close(fd)
    return chain


def _remove(chain: Path, depth: int) -> None:
    """The chain taken apart from the bottom, without recursion (shutil.rmtree recurses)."""
    fds = [os.open(chain, os.O_RDONLY)]
    for _ in range(depth):
        fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
    for level in range(depth, 0, -1):
        for name in os.listdir(fds[level]):
            os.unlink(name, dir_fd=fds[level])
        os.close(fds[level])
        os.rmdir("d", dir_fd=fds[level - 1])
    os.close(fds[0])
    chain.rmdir()


def test_a_tree_thousands_deep_is_walked_and_past_the_limit_is_bp001(tmp_path):
    depth = 2_100  # 4,200 characters of path: past PATH_MAX (4,096) near the bottom
    chain = _deep(tmp_path, depth)
    try:
        result = bplint("--format", "json", "--fail-on", "never", chain, SEED, timeout=120)
    finally:
        _remove(chain, depth)
    files = json.loads(result.stdout)["files"]
    read = [f for f in files if f["document"] and f["document"]["projects"] == 6]
    assert len(read) == 21  # 20 seeds in the chain within the limit, and the seed named after it
    too_long = [f for f in files if f["findings"] and f["findings"][0]["rule"] == "BP001"]
    assert too_long and all("路径或文件名太长" in f["findings"][0]["message"] for f in too_long)
    assert files[-1]["path"] == str(SEED)


def test_a_folder_that_cannot_be_read_is_its_own_bp001(tmp_path, monkeypatch):
    """Without search permission (as root every folder can be read: the refusal is made here)."""
    folder = tmp_path / "docs"
    (folder / "locked").mkdir(parents=True)
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    locked = str(folder / "locked")
    scandir, stat = os.scandir, os.stat
    monkeypatch.setattr(os, "scandir", lambda path, *a, **k: _refuse(locked, scandir, path, *a, **k))
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: _refuse(locked, stat, path, *a, **k))
    entries = list(lint.expand([str(folder), str(folder / "locked" / "doc.txt")]))
    assert [e.path if isinstance(e, lint.Skipped) else e for e in entries] == [
        locked,
        str(folder / "seed.txt"),
        str(folder / "locked" / "doc.txt"),
    ]
    assert "无法读取目录：没有权限" in entries[0].said("zh") and not entries[0].covered


def _refuse(locked: str, call, path, *args, **kwargs):
    if os.fspath(path).startswith(locked):
        raise PermissionError(13, "Permission denied", os.fspath(path))
    return call(path, *args, **kwargs)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_a_folder_without_permission_is_its_own_bp001(tmp_path):
    folder = tmp_path / "docs"
    (folder / "locked").mkdir(parents=True)
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    os.chmod(folder / "locked", 0)
    try:
        result = bplint(folder)
    finally:
        os.chmod(folder / "locked", 0o700)
    assert READ_SEED in result.stdout.decode() and "无法读取目录" in result.stdout.decode()


@pytest.mark.parametrize(
    "content", [b"[project\nname = 1\n", "[project]\nname = '预算'\n".encode("gb18030"), None]
)
def test_someone_elses_broken_pyproject_above_the_inputs_is_a_note(tmp_path, content):
    (tmp_path / "pyproject.toml").write_bytes(content or b"# " + b"x" * (9 * 1024 * 1024))
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    result = bplint(folder / "seed.txt", cwd=folder)
    assert result.returncode == 0 and READ_SEED in result.stdout.decode(), result.stderr
    assert f"未读取 {tmp_path / 'pyproject.toml'}" in result.stderr.decode()
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.bplint\nselect = 1\n")  # bplint's own: an error
    assert bplint(folder / "seed.txt", cwd=folder).returncode == 2

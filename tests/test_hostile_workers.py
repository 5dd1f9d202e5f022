"""Processes, bounded (issue 30, S6, S10): `dump` runs under the bounds of linting; workers end with
their parent, killed or hung up, and end themselves after a file's timeout when it cannot."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import hostile
from tests.conftest import SEEDS

BPLINT = [sys.executable, "-m", "bplint"]


def bplint(*args, timeout=120, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([*BPLINT, *map(str, args)], capture_output=True, timeout=timeout, **kwargs)
    assert b"Traceback" not in result.stderr + result.stdout, result.stderr.decode(errors="replace")
    return result


def test_dump_is_bounded_as_linting_is(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(hostile.flate_bomb(8))
    result = bplint("dump", "--limit", "pdf-stream-mb=1", bomb)
    assert "超过 1 MB" in result.stdout.decode() + result.stderr.decode()
    slow = tmp_path / "slow.txt"
    slow.write_text(SEEDS["001"].read_text(encoding="utf-8") * 60, encoding="utf-8")
    started = time.monotonic()
    beyond = ("--limit", "text-chars=10000000", "--limit", "text-lines=1000000")  # 001 × 60 is past them
    result = bplint("dump", "--timeout", "0.5", *beyond, slow)
    assert result.returncode == 3 and "处理超过 0.5 秒仍未完成" in result.stderr.decode(), result.stderr
    assert time.monotonic() - started < 20
    # Well under what a Python with bplint's pipeline maps: 64 MB was within a few MB of it, and
    # dumping 001 fitted or not by what the start had read (the compiled-pattern cache or none).
    result = bplint("dump", "--limit", "memory-mb=32", SEEDS["001"])
    assert result.returncode == 3 and "需要超过 32 MB 内存" in result.stderr.decode(), result.stderr


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(x) for x in (task / "children").read_text().split()}
    return found


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def _alive(pid: int) -> bool:
    return _state(pid) not in ("Z", "gone")


def _workers(tmp_path: Path, *args) -> tuple[subprocess.Popen, set[int]]:
    """A run linting slow files with two workers, once both have started."""
    slow = []
    for n in range(4):
        path = tmp_path / f"slow{n}.txt"
        path.write_text(SEEDS["001"].read_text(encoding="utf-8") * 100, encoding="utf-8")
        slow.append(str(path))
    beyond = ("--limit", "text-chars=10000000", "--limit", "text-lines=1000000")  # 001 × 100 is past them
    run = subprocess.Popen([*BPLINT, "-q", "--jobs", "2", *beyond, *args, *slow], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)  # fmt: skip
    deadline, busy = time.monotonic() + 30, set()
    while len(busy) < 2 and time.monotonic() < deadline:  # each seen running: it has its file
        busy |= {pid for pid in _children(run.pid) if _state(pid) == "R"}
        time.sleep(0.01)
    assert len(busy) == 2
    return run, busy


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGHUP])
def test_workers_end_with_their_parent_killed_or_hung_up(tmp_path, signum):
    run, workers = _workers(tmp_path)
    os.kill(run.pid, signum)
    run.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, workers))


def test_a_worker_honours_the_timeout_when_its_parent_cannot(tmp_path):
    """A parent stopped (a hung terminal, a debugger): the worker ends itself a little after the
    file's timeout rather than linting on."""
    run, workers = _workers(tmp_path, "--timeout", "1")
    os.kill(run.pid, signal.SIGSTOP)
    try:
        deadline = time.monotonic() + 15
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, workers))
    finally:
        os.kill(run.pid, signal.SIGKILL)
        run.wait()

"""Where a report goes (`-o`, `--html`): only a regular file is ever renamed over; standard output,
a FIFO or a terminal is written through, whatever standard output is redirected to (issue 30, S3)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bplint.report import output
from tests.conftest import SEEDS

SEED = SEEDS["002"]
READ_SEED = "读取 6 个项目"
EARLIER = "earlier line of the log\n"


def _redirected(tmp_path: Path, target: str, stream: str) -> tuple[subprocess.CompletedProcess, str]:
    """bplint -o `target` with `stream` (stdout or stderr) appending to a log that has a line
    already, as a cron job's or a CI step's; the log's text after the run."""
    log = tmp_path / "cron.log"
    log.write_text(EARLIER, encoding="utf-8")
    with open(log, "a", encoding="utf-8") as appended:
        streams = {"stdout": appended, "stderr": subprocess.PIPE} if stream == "stdout" else \
            {"stdout": subprocess.PIPE, "stderr": appended}  # fmt: skip
        result = subprocess.run(
            [sys.executable, "-m", "bplint", "-o", target, str(SEED)], timeout=120, **streams
        )
    return result, log.read_text(encoding="utf-8")


@pytest.mark.parametrize(("stream", "fd"), [("stdout", 1), ("stderr", 2)])
def test_a_link_to_a_descriptor_is_written_through_when_it_is_a_file(tmp_path, stream, fd):
    """`-o /dev/stdout` in a cron job: the report is appended to the log, and the link stays a link
    (a link of the test's own, made as /dev/stdout is)."""
    link = tmp_path / stream
    link.symlink_to(f"/proc/self/fd/{fd}")
    result, log = _redirected(tmp_path, str(link), stream)
    assert result.returncode == 0, result
    assert link.is_symlink() and os.readlink(link) == f"/proc/self/fd/{fd}"
    assert log.startswith(EARLIER) and READ_SEED in log
    assert not list(tmp_path.glob(".*bplint-tmp"))


def test_dev_stdout_redirected_to_a_file_is_written_through():
    """The system's own links name the descriptors (checked first: a bplint that would rename over
    /dev/stdout must not be run here)."""
    assert output._descriptor(Path("/dev/stdout")) == 1
    assert output._descriptor(Path("/dev/stderr")) == 2
    assert output._descriptor(Path("/dev/fd/7")) == 7
    assert output._descriptor(Path("/proc/self/fd/1")) == 1
    assert output._descriptor(SEED) is None


def test_dev_stdout_in_a_cron_job(tmp_path):
    if output._descriptor(Path("/dev/stdout")) != 1:
        pytest.fail("/dev/stdout is not recognised: the run would replace the system's link")
    result, log = _redirected(tmp_path, "/dev/stdout", "stdout")
    assert result.returncode == 0 and log.startswith(EARLIER) and READ_SEED in log
    assert os.path.islink("/dev/stdout")


def test_a_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = subprocess.run([sys.executable, "-m", "bplint", "-o", str(fifo), str(SEED)], capture_output=True,
                            timeout=120)  # fmt: skip
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert fifo.is_fifo() and READ_SEED in got[0].decode("utf-8")


def test_a_terminal_is_written_through():
    controller, terminal = os.openpty()
    name = os.ttyname(terminal)
    try:
        result = subprocess.run([sys.executable, "-m", "bplint", "-o", name, str(SEED)], capture_output=True,
                                timeout=120)  # fmt: skip
        os.set_blocking(controller, False)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            shown += chunk
        assert Path(name).is_char_device()  # still the terminal, while it is open
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 0, result.stderr
    assert READ_SEED in shown.decode("utf-8")


def test_a_link_to_a_file_stays_a_link_and_its_target_gets_the_report(tmp_path):
    target = tmp_path / "reports" / "latest.txt"
    target.parent.mkdir()
    target.write_text("old report\n", encoding="utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to(target)
    result = subprocess.run([sys.executable, "-m", "bplint", "-o", str(link), str(SEED)], capture_output=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and READ_SEED in target.read_text(encoding="utf-8")


def test_a_link_loop_is_refused_and_left_alone(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    result = subprocess.run([sys.executable, "-m", "bplint", "-o", str(tmp_path / "a"), str(SEED)],
                            capture_output=True, timeout=120)  # fmt: skip
    assert result.returncode == 2 and "无法写入" in result.stderr.decode()
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


def test_a_report_into_a_missing_folder_is_refused_before_any_lint(tmp_path):
    """`-o nodir/x.json` said only `不存在`, and `--html nodir/r.html` printed the whole text report
    before it failed: the folder is named, and nothing is linted."""
    from click.testing import CliRunner

    from bplint.cli import main
    from tests.conftest import SEEDS

    for option in ("-o", "--html"):
        target = tmp_path / "nodir" / "report.out"
        result = CliRunner().invoke(main, [option, str(target), str(SEEDS["004"])])
        assert result.exit_code == 2, result.output
        assert f"文件夹 {target.parent} 不存在" in result.output
        assert "BP2" not in result.output and "共检查" not in result.output

"""PDF streams, bounded whatever their filter (issue 30, S10): LZW, RunLength, a stream listed again
and the fonts PDFium decodes by itself all count against `pdf-stream-mb`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests import hostile

BPLINT = [sys.executable, "-m", "bplint"]


def bplint(*args, timeout=120, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([*BPLINT, *map(str, args)], capture_output=True, timeout=timeout, **kwargs)
    assert b"Traceback" not in result.stderr + result.stdout, result.stderr.decode(errors="replace")
    return result


@pytest.mark.parametrize("name", ["lzw", "run-length", "repeated", "font"])
def test_every_filter_and_a_repeated_stream_count_against_the_stream_bound(tmp_path, name):
    """LZW and RunLength decode past the bound from a few KB; a stream of a third of the bound
    listed four times is read four times; a font PDFium would inflate itself: each stops at it."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(hostile.filter_bombs(1)[name])
    result = bplint("--limit", "pdf-stream-mb=1", path)
    assert result.returncode == 3
    assert "解压后超过 1 MB，疑为压缩炸弹" in result.stdout.decode(), result.stdout.decode()


def test_a_sound_pdf_reads_the_same_under_the_stream_bound(tmp_path):
    path = tmp_path / "ok.pdf"
    path.write_bytes(hostile.pdf_cases()["ok"])
    result = bplint("--format", "json", "--fail-on", "never", "--limit", "pdf-stream-mb=1", path)
    assert result.returncode == 0 and b"BP001" not in result.stdout

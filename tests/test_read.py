"""Reading bytes: the encodings published exports come in, and what is refused."""

from __future__ import annotations

import codecs

import pytest

from bplint.read import ReadError, decode, read_path

TEXT = "1.接待费绩效目标表\n预算数\t90.00\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 BOM"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16"),
        (TEXT.encode("gb18030"), "GB18030"),
        (TEXT.replace("\n", "\r\n").encode("gb18030"), "GB18030"),
    ],
)
def test_supported_encodings_give_the_same_text(data, encoding):
    source = decode(data, "x.txt")
    assert (source.text, source.encoding) == (TEXT, encoding)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "为空"),
        (b"  \n\n", "为空"),
        (b"\x00\x01\x02binary\x00", "控制字符"),
        (b"%PDF-1.7\n", "PDF 文件已损坏"),
        (b"PK\x03\x04rest", "已损坏"),
        (b"\xff\xfe\x00", "UTF-16"),
        (bytes([0x81, 0x30, 0x81]) + b"\xff\xff", "编码"),
    ],
)
def test_refused_inputs_say_why(data, words):
    with pytest.raises(ReadError) as caught:
        decode(data, "x")
    assert words in caught.value.zh
    assert caught.value.en


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ReadError, match="不存在"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="目录"):
        read_path(tmp_path)


def test_seed_is_read_with_its_hash(documents):
    from tests.conftest import SEEDS

    source = read_path(SEEDS["001"])
    assert source.encoding == "UTF-8"
    assert len(source.sha256) == 64
    assert source.lines[2] == "部门预算公开表"


def test_files_beside_the_documents_are_refused_by_their_suffix(tmp_path):
    """`bplint examples/*` also hands over README.md and the example rule pack."""
    from bplint.read import ReadError, read_path

    for name in ("README.md", "rules.yaml"):
        path = tmp_path / name
        path.write_text("1.接待费绩效目标表\n", encoding="utf-8")
        with pytest.raises(ReadError, match="不是预算公开文件"):
            read_path(path)

"""Text in an encoding bplint cannot trust (issue 30, R5): Big5, Big5-HKSCS, Shift-JIS, EUC-KR, UTF-7
and HZ decode as GB18030 or ASCII into nonsense; each is a read error naming what it seems to be and
the encodings tried, never a document of nonsense passed with a warning."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bplint import read
from tests.conftest import SEEDS

TRADITIONAL = (
    "一般公共預算支出表\n單位：萬元\n項目\t預算數\n基本支出\t1,234.56\n"
    "本部門預算收入總計為一千萬元，比上年增加十萬元，主要原因是人員經費增加。\n"
)
JAPANESE = (
    "令和八年度予算書の説明\n単位：千円\n事業名\t予算額\n"
    "一般会計の歳出予算は前年度と比べて増加しました。主な理由は人件費の増加です。\n"
)
KOREAN = (
    "2026년 부서 예산 공개\n단위: 만원\n항목\t예산액\n"
    "올해 예산 수입 총액은 천만원으로 작년보다 십만원 증가하였습니다. 주요 원인은 인건비 증가입니다.\n"
)
SIMPLIFIED = SEEDS["002"].read_text(encoding="utf-8")[:2000]

CASES = {
    "Big5": (TRADITIONAL * 3, "big5", "Big5"),
    "Big5-HKSCS": (TRADITIONAL * 3, "big5hkscs", "Big5"),
    "Shift-JIS": (JAPANESE * 3, "shift_jis", "Shift-JIS"),
    "EUC-KR": (KOREAN * 3, "euc_kr", "EUC-KR"),
    "UTF-7": (SIMPLIFIED, "utf-7", "UTF-7"),
    "HZ": (SIMPLIFIED.replace("≥", ">").replace("≤", "<"), "hz", "HZ"),
}


@pytest.mark.parametrize("case", CASES)
def test_an_encoding_bplint_cannot_trust_is_a_read_error_naming_it(case):
    text, codec, named = CASES[case]
    data = text.encode(codec, errors="ignore")
    with pytest.raises(read.ReadError) as refused:
        read.decode(data, f"{case}.txt")
    assert (
        f"文件似乎是 {named}" in refused.value.zh
        and "已尝试 UTF-8、UTF-8 BOM、UTF-16 BOM、GB18030" in refused.value.zh
    )
    assert named.split("-")[0] in refused.value.en and "save it as UTF-8" in refused.value.en


def test_it_is_that_files_bp001_in_a_batch(tmp_path):
    big5 = tmp_path / "big5.txt"
    big5.write_bytes((TRADITIONAL * 3).encode("big5"))
    result = subprocess.run([sys.executable, "-m", "bplint", "--format", "json", big5, SEEDS["002"]],
                            capture_output=True, timeout=120)  # fmt: skip
    files = json.loads(result.stdout)["files"]
    assert result.returncode == 3 and "文件似乎是 Big5" in files[0]["findings"][0]["message"]
    assert files[1]["document"]["projects"] == 6


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_a_gb18030_disclosure_still_reads_as_gb18030(seed):
    text = SEEDS[seed].read_text(encoding="utf-8")
    source = read.decode(text.encode("gb18030"), "seed.txt")
    assert source.encoding == "GB18030" and source.text == text.replace("\r\n", "\n")

"""A cell's label and cleaned text (`bplint.layout.label`, `clean`) are asked of every cell; they
skip their patterns where the text cannot match them, and must say what the patterns say."""

from __future__ import annotations

import dataclasses
import sys

import pytest

from bplint import layout

# Every white space the patterns or str.strip know, and the Chinese they join around.
_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\u200b"


def _texts() -> list[str]:
    texts = [chr(point) for point in range(sys.maxunicode + 1) if not 0xD800 <= point <= 0xDFFF]
    texts += [f"项目{space}名称" for space in _SPACES] + [f"经济效益指{space}标" for space in _SPACES]
    texts += [f"{space}合计{space}" for space in _SPACES] + ["其中：财政    资金", "1,234. 56", "（一） 收入"]
    return texts


def test_label_says_what_its_pattern_says_for_every_character():
    assert [layout.label(text) for text in _texts()] == [layout._SPACE.sub("", text) for text in _texts()]


def test_clean_says_what_its_pattern_says_for_every_character():
    wanted = [layout._HAN_GAP.sub("", text.strip()) for text in _texts()]
    assert [layout.clean(text) for text in _texts()] == wanted


def test_a_cell_keeps_what_label_and_clean_say_for_every_character():
    cells = [layout.Cell(text, 1) for text in _texts()]
    assert [(cell.value, cell.label, cell.clean) for cell in cells] == [
        (text.strip(), layout._SPACE.sub("", text), layout._HAN_GAP.sub("", text.strip()))
        for text in _texts()
    ]


def test_a_cell_keeps_its_texts_and_is_compared_by_its_place_and_text_only():
    cell = layout.Cell(" 经济效益指 标\n 1、 收入 ", 3, 2)
    assert (cell.value, cell.label, cell.clean) == (
        "经济效益指 标\n 1、 收入",
        "经济效益指标1、收入",
        "经济效益指标\n 1、收入",
    )
    assert cell == layout.Cell(" 经济效益指 标\n 1、 收入 ", 3, 2) and hash(cell) == hash(
        layout.Cell(cell.text, 3, 2)
    )
    assert repr(cell) == "Cell(text=' 经济效益指 标\\n 1、 收入 ', line=3, column=2, span=1, covered='')"
    moved = dataclasses.replace(cell, text="项目 名称", line=4)
    assert (moved.line, moved.value, moved.label, moved.clean) == (4, "项目 名称", "项目名称", "项目名称")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cell.text = "x"  # type: ignore[misc]

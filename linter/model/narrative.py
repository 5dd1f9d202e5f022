"""Narrative sentences that state amounts: `2024年预算收入1630.30万元，其中：…`.

Each sentence keeps its figures (the label before each, its amount and unit,
where it stands) and the words the narrative rules key on (其中, 增加, 持平 …).
Splitting is by sentence punctuation; a figure's label is the text back to the
previous comma, colon or figure, with filler verbs (为, 安排, 共计) removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from bplint.layout import Block, Paragraph

_SENTENCE = regex.compile(r"[^。；;！!？?]+[。；;！!？?]?")
_FIGURE = regex.compile(r"(?P<amount>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>亿元|万元|千元|元|%|％)")
_LABEL_STOP = regex.compile(r"[，,、：:\s]")
_FILLER = regex.compile(
    r"^(?:其中|包括|主要用于|主要为|主要是|合计|共计|总计|安排|以及|和|及|为|是|达到|占)+|(?:为|是|安排|共计|合计|达到)+$"
)
WORDS = (
    "收入", "支出", "基本支出", "项目支出", "人员经费", "公用经费", "其中", "包括", "增加", "减少", "持平",
    "较上年", "上年", "三公", "因公出国", "公务用车", "公务接待", "机关运行经费", "政府采购", "国有资产",
    "占", "原因", "主要是", "主要为", "由于",
)  # fmt: skip


@dataclass(frozen=True)
class Figure:
    label: str
    amount: Decimal
    unit: str
    column: int  # 1-based column of the figure in its line


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    column: int
    figures: tuple[Figure, ...]
    words: tuple[str, ...]


def read_narrative(blocks: list[Block]) -> list[Sentence]:
    sentences = []
    for block in blocks:
        if isinstance(block, Paragraph):
            sentences.extend(_sentences(block))
    return sentences


def _sentences(paragraph: Paragraph) -> list[Sentence]:
    found = []
    for match in _SENTENCE.finditer(paragraph.text):
        text = match[0]
        figures = tuple(_figures(text, match.start()))
        if figures:
            words = tuple(word for word in WORDS if word in text)
            found.append(Sentence(text.strip(), paragraph.line, match.start() + 1, figures, words))
    return found


def _figures(text: str, offset: int):
    previous_end = 0
    for match in _FIGURE.finditer(text):
        before = text[previous_end : match.start()]
        stops = list(_LABEL_STOP.finditer(before))
        label = before[stops[-1].end() :] if stops else before
        unit = "%" if match["unit"] == "％" else match["unit"]
        yield Figure(_FILLER.sub("", label.strip()), Decimal(match["amount"].replace(",", "")), unit,
                     offset + match.start() + 1)  # fmt: skip
        previous_end = match.end()

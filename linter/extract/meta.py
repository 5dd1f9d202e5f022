"""Document meta: the agency (单位名称), the budget year and the amount unit."""

from __future__ import annotations

from collections import Counter

from bplint import regexes
from bplint.extract.lexicon import LEXICON
from bplint.extract.text import ENUMERATOR, UNIT, UNIT_WORD, clean, heading
from bplint.layout import Block, Paragraph
from bplint.model.document import Meta

_YEAR_WORD = "预算年度"
_YEAR_LABEL = regexes.compile(rf"{_YEAR_WORD}[:：]\s*(\d{{4}})")
# A year compared with (`与2019年相比`, `比2025年预算增加`) is an earlier one, never the budget year.
_ANY_YEAR = regexes.compile(r"(?<!(?:较|比|与|同)\s*)(20\d{2})\s*年")
_TITLE_YEAR = regexes.compile(r"(20\d{2})\s*年?\s*(?:度)?\s*(?:部门|单位)?\s*(?:预算|绩效|决算(?!数))")
# `430001 承德县机关事务管理办公室本级`, `430青龙满族自治县机关事务服务中心`
_AGENCY_CODE = regexes.compile(
    rf"^\d{{3,9}}\s*(?P<name>\p{{Han}}[\p{{Han}}（）()]{{3,}}?(?:{LEXICON.agency_suffix}))(?:本级)?$"
)
_AGENCY_TITLE = regexes.compile(r"^(?P<name>\p{Han}[\p{Han}（）()]+?)\s*\d{4}\s*年")
_AGENCY_SUFFIX = regexes.compile(f"(?:{LEXICON.agency_suffix})$")


def read_meta(blocks: list[Block]) -> Meta:
    texts = [(block.text if isinstance(block, Paragraph) else " ".join(block.texts)) for block in blocks]
    return Meta(agency=_agency(blocks), year=_year(texts), unit=_unit(texts))


def _year(texts: list[str]) -> int | None:
    for text in texts:
        if _YEAR_WORD in text and (match := _YEAR_LABEL.search(text)):  # the word first: cheaper
            return int(match[1])
    for text in texts[:20]:
        if match := _TITLE_YEAR.search(text):
            return int(match[1])
    # No title year (002 calls itself 绩效信息): the year the sheets keep naming.
    years = Counter(int(match[1]) for text in texts for match in _ANY_YEAR.finditer(text))
    year, count = years.most_common(1)[0] if years else (None, 0)
    return year if count >= 3 else None


def _unit(texts: list[str]) -> str | None:
    # The word first: few texts name a unit, and a containment test costs a tenth of the search.
    found = Counter(match[1] for text in texts if UNIT_WORD in text for match in UNIT.finditer(text))
    return found.most_common(1)[0][0] if found else None


# `编制部门：上海市普陀区人民政府办公室 单位：元`, `填报单位：…`: the labels are the lexicon's.
_AGENCY_LABEL = LEXICON.agency_label
_COVER_LINES = 8  # paragraphs before the 目录 the cover may take
_COVER_LINE = 30  # characters a line of a cover title may have: a longer one is a sentence


def _agency(blocks: list[Block]) -> str | None:
    """The agency where a reader finds it: a label (`单位名称：…`), the cover's title (its lines
    before the 目录 joined, the year and the kind left out), a code beside the name; never a part
    heading (`第二部分`) or a sentence."""
    # Every label the lexicon knows is followed by its colon: a text without one is not searched.
    labelled = Counter(
        match["name"]
        for block in blocks
        for text in ([block.text] if isinstance(block, Paragraph) else block.texts)
        if (":" in text or "：" in text) and (match := _AGENCY_LABEL.search(text))
    )
    if labelled:
        return labelled.most_common(1)[0][0]
    covered = _cover(blocks)
    if covered:
        return covered
    coded: Counter[str] = Counter()
    for block in blocks:
        texts = [clean(block.text)] if isinstance(block, Paragraph) else [cell.clean for cell in block.cells]
        for text in texts:
            if text[:1].isdigit() and (match := _AGENCY_CODE.match(text)):  # a code's digit first
                coded[match["name"]] += 1
    if coded:
        return coded.most_common(1)[0][0]
    for block in blocks[:10]:
        if isinstance(block, Paragraph):
            text = clean(heading(block.text))
            if _PART.match(text) or len(text) > _COVER_LINE or _SENTENCE.search(text):
                continue  # a part heading or a sentence names no agency
            if (match := _AGENCY_TITLE.match(text)) or _AGENCY_SUFFIX.search(text):
                return match["name"] if match else text
    return None


_PART = regexes.compile(rf"^(?:{ENUMERATOR})")  # 第二部分, 一、, （一）: a part's heading, no title
_SENTENCE = regexes.compile(r"[，。；：:,;]")


def _cover(blocks: list[Block]) -> str | None:
    """The name the cover's title gives: its lines up to the 目录 (which may name it too:
    `福州市民政局2026年部门预算目录`), joined, the year and the kind of disclosure left out."""
    lines: list[str] = []
    for block in blocks[: _COVER_LINES + 1]:
        if not isinstance(block, Paragraph) or ((block.page or 1) > 1 and lines):
            break
        text = clean(heading(block.text))
        if _PART.match(text) or len(text) > _COVER_LINE or _SENTENCE.search(text):
            break
        lines.append(text)
        if LEXICON.contents_heading.match(text):
            break
    name = LEXICON.cover_words.sub("", "".join(lines)).strip()
    return name if LEXICON.agency_name.match(name) else None

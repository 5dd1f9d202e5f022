"""Narrative text that states amounts: `2024年预算收入1630.30万元，其中：…`.

PDF export wraps a paragraph over several lines (`项目支出824.42` / `万元，…`), so
paragraphs are first joined into passages.  Each figure keeps its own line and
column, the label before it and whether it is a level or a change (`增加15.99万元`).
Sentences split at 。；！？ and keep the words the narrative rules key on.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

import regex

from bplint import numerals, regexes
from bplint.extract import subjects
from bplint.extract.lexicon import LEXICON, alternatives
from bplint.extract.text import ENUMERATOR, SUB_ITEM, TOP_ITEM
from bplint.layout import Block, Paragraph
from bplint.model.sentences import Figure, Passage, Sentence

_SENTENCE = regexes.compile(r"[^。；;！!？?]+[。；;！!？?]?")
OPEN, CLOSE = "（(", "）)"  # brackets, full and half width
# A figure starts where a run of digits starts and is at most a trillion with six decimals:
# bounded, possessive parts keep a line of 100,000 digits linear, and a longer "figure" is
# not an amount anyone printed.
# An amount of money may be written in Chinese numerals (`三十五万元`, `三万五千元`, `一点五亿元`): from a
# digit or 十, not after a word of estimate (`数百万元`, `上万元`), its last numeral not 万 or 亿 (those
# are the unit's: 三十五|万元).
_CHINESE = (
    r"(?<![数几上近逾余多第每约百千万亿零〇一二三四五六七八九十两])"
    r"(?P<chinese>[一二三四五六七八九两十](?:[零〇一二三四五六七八九十百千万亿两]{0,24}[零〇一二三四五六七八九十百千两])?"
    r"(?:点[零〇一二三四五六七八九]{1,6})?)(?=\s*(?:亿元|万元|千元|元))"
)
_DIGITS = r"(?<!\d)(?P<amount>\d{1,13}+(?:,\d{3}){0,5}+(?:\.\d{1,6})?+)"
# `80.52 万 元`: a line a PDF justified by spacing its characters spaces the unit too.
_UNIT = r"\s*+(?P<unit>[亿万千] ?元|元|%|％)"
_FIGURE = regexes.compile(f"(?:{_DIGITS}|{_CHINESE}){_UNIT}")
# Whether a text holds a figure is asked of every pair of paragraphs (where a PDF wrapped one): the
# figures in digits answer it at half the cost, and an amount in words decides no wrap.
_DIGIT_FIGURE = regexes.compile(_DIGITS + _UNIT)
# White space ends a label, except inside a year a PDF printed apart (`2026 年收支总预算`); so does
# 、, except in 收、支 (江苏's `财政拨款收、支总预算`), one word; nor does a space after a 科目 code's dash
# (`2080505- 机关事业单位…`, 福州).
_LABEL_STOP = regexes.compile(r"[，,：:。；;]|(?<!收)、|(?<![\d\-－—])\s+|(?<![\-－—])\s+(?!年)")
_FILLER = regexes.compile(
    r"^(?:其中|包括|主要用于|主要为|主要是|合计|共计|总计|安排|以及|和|及|为|是|达到|占)+|(?:为|是|安排|共计|合计|达到)+$"
)
# The words right before a figure that make it a change rather than a level.
_CHANGE = regexes.compile(rf"(?P<word>{alternatives(LEXICON.change_up + LEXICON.change_down)})了?\s*$")
_DOWN = LEXICON.change_down
_NO_SUBJECT = regexes.compile(rf"^(?:{alternatives(LEXICON.compare_words)}|$)")
# A paragraph that ends mid-sentence continues on the next one, unless that one starts a heading.
_ENDS_SENTENCE = regexes.compile(r"[。；;！!？?：:]\s*$")
# A line that reaches the margin ends its paragraph only with the end of a sentence (a list of
# `…0 万元；` wraps there like any clause).
_ENDS_PARAGRAPH = regexes.compile(r"[。！!？?]\s*$")
# An enumerated line with a comma is a sentence that wraps (`3．公务接待费…减少3万元，主`), not a heading.
_CLAUSE = regexes.compile(r"[，,]")
_HEADING = regexes.compile(f"^{ENUMERATOR}")
WORDS = LEXICON.sentence_words


def passages(blocks: Sequence[Block], known: Sequence[Passage] = ()) -> list[Passage]:
    """The paragraphs among `blocks` joined into passages, each with its figures; those of a passage
    in `known` (the same paragraphs read before) are taken from it, not found again."""
    found: list[list[Paragraph]] = []  # each passage's paragraphs, joined once at the end
    previous: Paragraph | None = None
    for block in blocks:
        if not isinstance(block, Paragraph):
            previous = None
            continue
        if previous is not None and _continues(previous, block):
            found[-1].append(block)
        else:
            found.append([block])
        previous = block
    read = {(passage.text, passage.starts): passage for passage in known}
    return [_joined(parts, read) for parts in found]


def _joined(parts: list[Paragraph], read: dict[tuple, Passage]) -> Passage:
    starts, at = [], 0
    for part in parts:
        starts.append((at, part.line))
        at += len(part.text)
    bare = Passage("".join(part.text for part in parts), tuple(starts))
    if (same := read.get((bare.text, bare.starts))) is not None:
        return same
    return Passage(bare.text, bare.starts, tuple(figures_of(bare)))  # (no `replace`: its field walk is slow)


# Asked again of the same two paragraphs by build's second walk (every paragraph's passages, after
# those of the text outside the tables): a pure answer, kept for the last pairs asked.
@functools.lru_cache(maxsize=2048)
def _continues(before: Paragraph, after: Paragraph) -> bool:
    # A PDF page break leaves blank lines (its footer and header) inside a paragraph.
    next_page = before.page is not None and after.page == before.page + 1
    # `（三）2080505- 机关事业单位基本养老保险缴费支出` / `553.54 万元。…` (福州): a line that opens with
    # an amount finishes the line before, whatever that looks like.
    amount_first = bool(_DIGIT_FIGURE.match(after.text.lstrip()))
    return (
        (after.line - before.line <= 2 or next_page)
        and not (_ENDS_PARAGRAPH if before.full else _ENDS_SENTENCE).search(before.text)
        and (
            amount_first
            or not (_HEADING.match(before.text) and not _CLAUSE.search(before.text) and not before.full)
        )
        and not _HEADING.match(after.text)
        # a line that reaches the margin wraps (PDF); elsewhere only lines that carry a figure join
        and (before.full or bool(_DIGIT_FIGURE.search(before.text + after.text)))
        # a short line without a full stop is a heading, unless it reaches the margin (PDF wraps there)
        and (len(before.text) >= 30 or before.full or amount_first)
    )


# A sentence whose parts come next: `其中：…`, a numbered list after `具体如下：` or after the
# paragraph (`…增加 35.98 万元。` / `1.因公出国（境）费用。…`).
_PARTS_FOLLOW = regexes.compile(f"^(?:其中|{SUB_ITEM})")
_PARTS_ANNOUNCED = regexes.compile(r"(?:如下|下列|以下)[：:]?\s*$")
_COMPARES = regexes.compile(rf"^(?:{alternatives(LEXICON.compare_words)})")
# `收入较去年增加 24.17 万元` after `本单位收入预算 656.73 万元，…`: a change of what the sentence
# before stated, named by a word its label has.
_NAMED_COMPARES = regexes.compile(
    rf"^(?P<subject>\p{{Han}}{{2,4}}?)(?:{alternatives(LEXICON.compare_words)})"
)
_SPACES = regexes.compile(r"\s+")
_TOP = regexes.compile(f"^{TOP_ITEM}")  # a part's heading (`六、…`) ends the 类 a heading named


def read_narrative(found: list[Passage]) -> list[Sentence]:
    sentences = []
    heading = ""  # the 类 the last heading named, for the 款 and 项 under it
    last: tuple[Figure, ...] = ()  # the figures of the last sentence with any, for `收入较去年…`
    listing: tuple[Figure, ...] = ()  # the amount the last numbered item lists the parts of
    for number, passage in enumerate(found):
        after = found[number + 1].text if number + 1 < len(found) else ""
        if (named := subjects.category(passage.text)) is not None or _TOP.match(passage.text):
            heading = named or ""
        item = _item(found[number - 1].text) if number else None  # `（二）公务接待费` over its paragraph
        figures = [_placed(_named(f, item), heading) for f in passage.figures]
        offsets = [f.offset for f in figures]  # in order: a sentence's figures are one slice
        if _HEADING.match(passage.text):
            listing = _listed_total(passage.text, figures)
        before: tuple[Figure, ...] = ()
        spans = list(_sentences(passage.text))
        moves = [f.offset for f in figures if f.change]  # in order, as the figures
        changed = [start for start, stop in spans if _between(moves, start, stop)]
        for start, stop in spans:
            first, end = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, stop)
            inside = tuple(figures[first:end])
            if inside:
                text = passage.text[start:stop]
                line, column = passage.line_at(start)
                words = tuple(word for word in WORDS if word in text)
                # What follows, its first characters only: a slice to the passage's end for each
                # sentence made a long paragraph quadratic.
                ahead = _TEXT.search(passage.text, stop)
                rest = passage.text[ahead.start() : ahead.start() + _AHEAD] if ahead else after[:_AHEAD]
                # `其 中 ，公 务用 车…` (a line a PDF spaced out) opens the parts as 其中 does
                itemised = bool(_PARTS_FOLLOW.match(_SPACES.sub("", rest[:8]) + rest[8:])
                                or _PARTS_ANNOUNCED.search(text))  # fmt: skip
                cut = changed[bisect.bisect_left(changed, stop)] if changed and changed[-1] >= stop else None
                offset = start + len(text) - len(text.lstrip())
                listed = listing if not ahead else ()  # the item's last sentence
                compared = _compared(text.strip(), inside, listed or before, last)
                sentences.append(Sentence(text.strip(), line, column, inside, words, itemised, offset,
                                          compared, (stop, cut), passage.text))  # fmt: skip
                last = inside
            before = inside
    return sentences


_TEXT = regexes.compile(r"[^\s\x1c-\x1f]")  # what str.strip keeps
_AHEAD = 256  # characters after a sentence enough to tell whether its parts follow


def _between(offsets: list[int], start: int, stop: int) -> bool:
    """Whether any of the offsets (in order) lies in [start, stop)."""
    at = bisect.bisect_left(offsets, start)
    return at < len(offsets) and offsets[at] < stop


_LISTS = regexes.compile(alternatives(LEXICON.breakdown_markers))


def _listed_total(text: str, figures: list[Figure]) -> tuple[Figure, ...]:
    """Where a numbered item opens listing the parts of an amount (`2.口岸管理业务 40,000.70 万元，主要
    包括：口岸管养工作…；…上年结转 66.73 万元，…。`, 深圳), that amount: the sentence opening with a
    comparison that closes the item, in its paragraph or a later one before the next number (`较 2025
    年年初预算增加 569.63万元，增幅 1.4%。`), compares the whole, not the last part listed."""
    levels = [f for f in figures if not f.change and f.unit != "%"]
    if len(levels) < 2:
        return ()
    marker = _LISTS.search(text, figure_end(text, levels[0].offset), levels[1].offset)
    return (levels[0],) if marker is not None else ()


def _compared(text: str, inside: tuple[Figure, ...], before: tuple[Figure, ...], last: tuple[Figure, ...]):
    """The amount a sentence that opens with a comparison compares: the sentence before ended with
    it (`…8,553.80 万元。比上年执行数增加…`), or it is the first of the last sentence's amounts whose
    label has the word the comparison names (`收入较去年增加…` after `本单位收入预算 656.73 万元，…`)."""
    if _COMPARES.match(text):
        return _last_amount(before)
    named = _NAMED_COMPARES.match(text)
    if named is None or not inside or not inside[0].change:
        return None
    return next((f for f in last if not f.change and f.unit != "%" and named["subject"] in f.label), None)


def _item(text: str) -> str | None:
    """The item an enumerated heading names (`（二）公务接待费`), if the text is such a heading."""
    if not _HEADING.match(text) or _DIGIT_FIGURE.search(text) or len(text) > 30:
        return None
    return _HEADING.sub("", text).strip(" 。：:") or None


def _named(figure: Figure, item: str | None) -> Figure:
    """A figure with a generic label (`2026 年预算安排 5.00 万元`) under an item's heading is the item's."""
    return replace(figure, label=item) if item and _GENERIC.match(figure.label) else figure


def _placed(figure: Figure, heading: str) -> Figure:
    # A change's label is its level's (`…行政运行（项）比上年增加`): named by level, never bare.
    found = () if figure.change else subjects.quoted(figure.label) or subjects.bare_class(figure.label)
    if not found and ("（" in figure.label or "(" in figure.label):
        found = subjects.subject(figure.label, heading)
    if not found and not figure.change:
        found = subjects.coded(figure.label)
    return replace(figure, subject=found) if found else figure


def _last_amount(figures: tuple[Figure, ...]) -> Figure | None:
    """The amount a sentence ended with, if it states one (and no change or rate of it)."""
    last = figures[-1] if figures else None
    return last if last is not None and not last.change and last.unit != "%" else None


def bracket_balance(text: str) -> int:
    """Brackets a text opens less those it closes."""
    return sum(text.count(c) for c in OPEN) - sum(text.count(c) for c in CLOSE)


def _sentences(text: str):
    """(start, end) of each sentence; a bracket's ；and 。 do not end the sentence it is in
    (`运维费567.72万元（购置费230.55万元，增加49.45万元；运行维护费…。）比上年增加…，主要原因是…`)."""
    start = depth = 0
    for match in _SENTENCE.finditer(text):
        piece = match[0]
        depth = max(0, depth + bracket_balance(piece))
        if depth == 0 or match.end() == len(text):
            yield start, match.end()
            start = match.end()


_SUBJECT_REACH = 400  # characters looked back for the bracket a change's subject may sit behind


def _subject(text: str, found: list[Figure], at: int) -> str:
    """`运维费3.5万元，与2019年相比减少14万元` is a change of 运维费: the level figure before it,
    skipping a closed bracket (`购置及运维费3.5万元（其中：…），与…相比减少8万元`)."""
    near = max(at - _SUBJECT_REACH, 0)
    opening = max(text.rfind("（", near, at), text.rfind("(", near, at))
    closing = max(text.rfind("）", opening, at), text.rfind(")", opening, at)) if opening >= 0 else -1
    subject = next((f for f in reversed(found) if not opening < f.offset < closing), None)
    return subject.label if subject else ""


# A label that names no item, only that a figure is this year's (`2026 年预算数 0.16 万元`): the item
# is the name before it (`公务用车购置费 2026 年预算数`, `2.公务接待费。2026 年预算数`, 深圳).
_GENERIC = regexes.compile(r"^(?:\d{4}\s*年度?)?(?:年初)?(?:预算数|预算|预算安排)$")


def _named_before(before: str, stops: list) -> str | None:
    """The name printed right before a generic label: the word before its stop, enumerator removed."""
    if not stops:
        return None
    head = before[: stops[-1].start()].rstrip()
    earlier = list(_LABEL_STOP.finditer(head))
    word = _HEADING.sub("", head[earlier[-1].end() :] if earlier else head).strip()
    return word if 2 <= len(word) <= 30 and not _FIGURE.search(word) and not _GENERIC.match(word) else None


def _amount(match: regex.Match) -> Decimal | None:
    if match["amount"] is not None:
        return Decimal(match["amount"].replace(",", ""))
    written = match["chinese"]
    if match["unit"] == "元" and not regex.search("[十百千万亿点]", written):
        return None  # `一元化`, `统一元旦`: a word, not one yuan
    try:
        return numerals.chinese_amount(written)
    except ValueError:
        return None


def figure_end(text: str, offset: int) -> int:
    """Where the figure printed at `offset` of a text (its amount and unit) ends."""
    printed = _FIGURE.match(text, offset)
    return printed.end() if printed else offset


# A line a PDF justified by spacing its characters (`支 出 （ 款 ） 机 关 事 业 单 位`): one word a
# character apart, closed up for the label (white space would end it).
_LETTER_SPACED = regexes.compile(r"(?:[\p{Han}（）()] ){4,}[\p{Han}（）()]")


def _closed_up(match: regex.Match) -> str:
    return match[0].replace(" ", "")


def figures_of(passage: Passage) -> list[Figure]:
    found: list[Figure] = []
    previous_end = 0
    text = passage.text
    for match in _FIGURE.finditer(text):
        before = _LETTER_SPACED.sub(_closed_up, text[previous_end : match.start()])
        stops = list(_LABEL_STOP.finditer(before.rstrip()))
        label = before.rstrip()[stops[-1].end() :] if stops else before
        change = _CHANGE.search(before)
        sign = 0 if change is None else (-1 if change["word"] in _DOWN else 1)
        unit = "%" if match["unit"] == "％" else match["unit"].replace(" ", "")
        line, column = passage.line_at(match.start())
        label = _FILLER.sub("", _CHANGE.sub("", label).strip())
        if _GENERIC.match(label):
            label = _named_before(before.rstrip(), stops) or label
        if sign and found and _NO_SUBJECT.match(label) and not regex.search(r"[。；;]", before):
            label = _subject(text, found, match.start())
        amount = _amount(match)
        if amount is None:
            continue  # Chinese numerals out of order (`十十元`): no amount
        share = unit == "%" and "占" in before[-6:]
        bound = bool(_PRICED.search(before[-_PRICE_REACH:]) or _BOUND.match(text, match.end()))
        found.append(Figure(label, amount, unit, column, line, sign, match.start(), share, threshold=bound))
        if not bound:  # `单价100万元以上设备200.00万元`: the next figure's label takes in the threshold
            previous_end = match.end()
    return _respectively(text, found)


# A threshold: a price a figure is (`单价100万元`, `单位价值 50 万元`, `单价在100万元`), or a bound it
# sets (`…万元以上`, `以下`, `及以上`, `以内`, `起`).
_PRICED = regexes.compile(r"(?:单价|单位价值|单件价值|每[台套件辆项])\s*(?:在|为|达到?)?\s*$")
_PRICE_REACH = 8
_BOUND = regexes.compile(r"\s*(?:及|或)?\s*(?:以上|以下|以内|起(?![草步始]))")


# `因公出国（境）费、公务用车购置及运行维护费、公务接待费分别为0万元、3.5万元、1万元`: names listed, then
# their figures in the same order.
_RESPECTIVELY = regexes.compile(r"(?P<names>[^，,。；;：:\d]{2,120}?)分别(?:为|是)")
_FIGURES_APART = regexes.compile(r"^\s*(?:[、，,]|和|及|以及)?\s*$")


def _respectively(text: str, found: list[Figure]) -> list[Figure]:
    """Each figure after `A、B和C分别为` named by its name, where the figures follow at once, one per
    name, separated by 、 or 和 alone; else the figures keep the labels they have."""
    if "分别" not in text:
        return found
    for match in _RESPECTIVELY.finditer(text):
        start = bisect.bisect_left([f.offset for f in found], match.end())
        names = [_FILLER.sub("", n.strip()) for n in match["names"].split("、")]
        run = found[start : start + len(names) + 1]
        if len(run) > len(names) and regex.search("和|及", names[-1]):  # `A、B和C`
            names[-1:] = [
                _FILLER.sub("", n.strip()) for n in regex.split("以及|和|及", names[-1], maxsplit=1)
            ]
        run = run[: len(names)]
        if (
            len(names) < 2
            or len(run) < len(names)
            or not all(names)
            or text[match.end() : run[0].offset].strip()
        ):
            continue
        if not all(
            _FIGURES_APART.match(text[figure_end(text, a.offset) : b.offset]) for a, b in pairwise(run)
        ):
            continue
        for n, (figure, name) in enumerate(zip(run, names, strict=True), start=start):
            found[n] = replace(figure, label=name)
    return found

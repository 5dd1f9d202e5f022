"""The narrative as the model holds it: passages (paragraphs a PDF wrapped, joined back), their
sentences and the figures they print.  The reader is bplint.extract.narrative: it finds the figures
of a passage when it builds it, so nothing here parses when a rule looks.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Figure:
    label: str
    amount: Decimal  # as printed: 1630.30 keeps its two decimals, which set its rounding
    unit: str
    column: int  # 1-based column of the figure in its line
    line: int = 0
    change: int = 0  # +1 for 增加, -1 for 减少, 0 for a level
    offset: int = 0  # where it stands in its passage
    share: bool = False  # a percentage the text says something takes of a whole (`占62%`)
    subject: tuple[str, ...] = ()  # the 科目 its label names by level, 类 first (bplint.extract.subjects)
    # A bound, not an amount (`单价100万元以上设备`, `10万元以下`, `50万元起`): no part, level or change.
    threshold: bool = False

    @property
    def signed(self) -> Decimal:
        return -self.amount if self.change < 0 else self.amount


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    column: int
    figures: tuple[Figure, ...]
    words: tuple[str, ...]
    # The sentence is followed by its parts (`…减少20.36万元。其中：（一）…`), each a sentence of its own.
    itemised: bool = False
    offset: int = 0  # where its text starts in its passage (figures' offsets count from there too)
    # A sentence that opens with a comparison (`比上年执行数增加 2,017.17 万元，增长 30.9%`) compares
    # the amount the sentence before ended with (`…行政运行（项）8,553.80 万元，主要用于…。`).
    compared: Figure | None = None
    # Where the text of its paragraph after it runs, up to the next sentence that states a change of
    # its own (see `following`); the paragraph's text itself, shared by its sentences.
    after: tuple[int, int | None] = (0, 0)
    paragraph: str = field(default="", repr=False, compare=False)

    @property
    def following(self) -> str:
        """The text of its paragraph after it, up to the next sentence that states a change of its
        own: where `…减少5.00万元，下降15.6%。主要用于…减少的主要原因是…` gives its reason.  Cut when
        asked: a copy kept for every sentence made a long paragraph quadratic in memory."""
        start, stop = self.after
        return self.paragraph[start:stop].strip()


@dataclass(frozen=True)
class Passage:
    """Paragraphs joined where export wrapped them; offsets map back to lines."""

    text: str
    starts: tuple[tuple[int, int], ...]  # (offset in text, line)
    # Its figures, found once by the reader for the narrative, the breakdowns and the numbered lists.
    figures: tuple[Figure, ...] = ()

    @property
    def line(self) -> int:
        return self.starts[0][1]

    def line_at(self, offset: int) -> tuple[int, int]:
        start, line = self.starts[bisect.bisect_right(self.starts, (offset, _LAST)) - 1]
        return line, offset - start + 1


_LAST = float("inf")  # after every line number, for a bisection by offset

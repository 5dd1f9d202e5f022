"""A total the text breaks into parts (`其中：…`, `包括…`, a numbered list under it), as data; the
readers are bplint.extract.breakdown and bplint.extract.itemised."""

from __future__ import annotations

from dataclasses import dataclass

from bplint.model.sentences import Figure


@dataclass(frozen=True)
class Breakdown:
    kind: str  # "level" or "change"
    marker: str  # 其中 / 包括
    total: Figure
    parts: tuple[Figure, ...]
    steady: tuple[str, ...]  # parts said to be unchanged: each counts as 0
    line: int
    column: int
    complete: bool = True  # False for `主要为/主要用于`: the main parts, perhaps not all

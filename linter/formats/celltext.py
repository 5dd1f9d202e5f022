"""A table cell's characters as text, the way pdfplumber's `extract_text` writes them, for the
case of every cell bplint reads: upright characters, left to right, lines from the top.

pdfplumber builds a word extractor, a text map and a dictionary per word for each cell; on pages
of thousands of cells that was a fifth of the reading time.  This is the same algorithm with its
default settings, done directly: characters are clustered into lines by their tops (3 pt), each
line sorted by x, split into words at white space and at gaps over 3 pt, the words clustered into
lines again by their tops, then joined with spaces and line breaks.  Where the characters are not
all upright, or one has no text, it returns None and pdfplumber does the work (tests compare the
two on every cell of the shared PDFs and on random characters).
"""

from __future__ import annotations

import itertools
from operator import itemgetter

from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES

_TOP, _X0 = itemgetter("top"), itemgetter("x0")
_LIGATURES = frozenset(LIGATURES)  # each one character


def plain_text(chars: list[dict]) -> str | None:
    words = _all_words(chars)
    if words is None:
        return None
    if len(words) == 1:  # most cells: one word, one line
        return words[0][1]
    lines = _clusters(words, [top for top, _, _ in words], DEFAULT_Y_TOLERANCE)
    return "\n".join(" ".join(text for _, text, _ in line) for line in lines)


def plain_lines(chars: list[dict]) -> list[dict] | None:
    """What `chars_to_textmap(chars).extract_text_lines(strip=True, return_chars=True)` gives:
    each line's text, box and characters.  Its lines are runs of words, in the order they were
    found, whose tops fall in one cluster (the text map takes its words as sorted already)."""
    words = _all_words(chars)
    if words is None:
        return None
    cluster = _cluster_numbers([top for top, _, _ in words], DEFAULT_Y_TOLERANCE)
    found = []
    for _, run in itertools.groupby(words, lambda w: cluster[w[0]]):
        line = list(run)
        # a character once for each letter it is written as (a ligature `ﬁ` twice), as pdfplumber maps them
        mine = [c for _, _, word in line for c in word for _ in LIGATURES.get(c["text"], c["text"])]
        found.append({
            "text": " ".join(text for _, text, _ in line),
            "x0": min(c["x0"] for c in mine), "top": min(c["top"] for c in mine),
            "x1": max(c["x1"] for c in mine), "bottom": max(c["bottom"] for c in mine),
            "chars": mine,
        })  # fmt: skip
    return found


_Word = tuple[float, str, list[dict]]  # its top, text and characters


def _all_words(chars: list[dict]) -> list[_Word] | None:
    """The words of lines of characters clustered by their tops, each line from the left; None
    unless every character is upright and has text."""
    for c in chars:
        if not (c["upright"] and c["text"]):
            return None
    words: list[_Word] = []
    for line in _clusters(chars, list(map(_TOP, chars)), DEFAULT_Y_TOLERANCE):
        words += _words(sorted(line, key=_X0))  # by x0 alone, as pdfplumber sorts
    return words


def _words(line: list[dict]) -> list[_Word]:
    """pdfplumber's `iter_chars_to_words` and `merge_chars`: each word's top, text and characters.
    A word begins after white space, and where a character starts left of the one before, more
    than the tolerance right of its end, or off its top by more than the tolerance."""
    found: list[list[dict]] = []
    current: list[dict] = []
    left = right = top = 0.0  # the last character of the current word
    for char in line:
        if char["text"].isspace():
            if current:
                found.append(current)
                current = []
            continue
        x0, y = char["x0"], char["top"]
        if current and (x0 < left or x0 > right + DEFAULT_X_TOLERANCE or abs(y - top) > DEFAULT_Y_TOLERANCE):
            found.append(current)
            current = []
        current.append(char)
        left, right, top = x0, char["x1"], y
    if current:
        found.append(current)
    return [(min(map(_TOP, word)), _text(word), word) for word in found]


def _text(word: list[dict]) -> str:
    """The word's letters, a ligature written out (`ﬁ` as `fi`), as pdfplumber's `merge_chars`."""
    text = "".join([c["text"] for c in word])
    if _LIGATURES.isdisjoint(text):
        return text
    return "".join(LIGATURES.get(c["text"], c["text"]) for c in word)


def _cluster_numbers(values, tolerance: float) -> dict[float, int]:
    """pdfplumber's `make_cluster_dict`: values chained while each is within `tolerance` of the one before."""
    cluster, number, last = {}, 0, None
    for value in sorted(set(values)):
        if last is not None and value > last + tolerance:
            number += 1
        cluster[value] = number
        last = value
    return cluster


def _clusters(items: list, values: list[float], tolerance: float) -> list[list]:
    """pdfplumber's `cluster_objects` (`values` are the items' keys): the items by cluster, in
    their own order within one."""
    cluster = _cluster_numbers(values, tolerance)
    numbers = [cluster[value] for value in values]
    last = max(numbers, default=0)
    if last == 0:
        return [items] if items else []
    found: list[list] = [[] for _ in range(last + 1)]
    for item, number in zip(items, numbers, strict=True):
        found[number].append(item)
    return found

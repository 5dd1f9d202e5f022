"""A document n times larger costs n times the work (issue 30, item 10): counted, not timed.

bench/scale.py measures the time; these tests count the work that used to grow as n²: whole-text
searches asked once per table, and each figure a text names looked for in every table of its kind
(a document of many units prints a table of each kind for each unit)."""

from __future__ import annotations

import collections

import pytest

from bplint.catalog import load_rules
from bplint.engine import identity, semantics
from bplint.engine import tablefigures as tf
from bplint.limits import Limits
from bplint.lint import lint_source
from bplint.read import decode
from tests.conftest import SEEDS

RULES = load_rules()
BEYOND = Limits(text_chars=10**9, text_lines=10**8)


def scaled(n: int) -> str:
    # Each copy's sheets renamed, so that each is a project of its own (as bench/scale.py builds it).
    text = SEEDS["001"].read_text(encoding="utf-8")
    return "".join(text.replace("绩效目标表", f"绩效目标表{k}") for k in range(n))


def work(monkeypatch, module, name: str, n: int) -> int:
    """How much `module.name` is asked to do while linting the document n times larger: its calls,
    or for a search the characters it searches in texts long enough to be a whole document's."""
    done = collections.Counter()
    original = getattr(module, name)

    def counting(*args, **kwargs):
        long = [len(a) for a in args if isinstance(a, str) and len(a) >= semantics._LONG]
        done[name] += sum(long) if module is semantics else 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    lint_source(decode(scaled(n).encode("utf-8"), "big.txt"), RULES, "zh")
    monkeypatch.setattr(module, name, original)
    return done[name]


@pytest.mark.slow
@pytest.mark.parametrize(("module", "name"), [(tf, "find_rows"), (semantics, "_search")])
def test_the_work_grows_as_the_document(monkeypatch, module, name):
    # Before: find_rows 439 → 1,399 calls for 2 → 6 copies (each figure looked for in every table of
    # its kind); whole-text searches 11 → 15 of a text three times longer (one per fund table).
    semantics._FOUND.clear()
    small = work(monkeypatch, module, name, 2)
    semantics._FOUND.clear()
    large = work(monkeypatch, module, name, 6)
    assert small > 0
    assert large <= 3 * small * 1.02, (small, large)  # three times the document, three times the work


def test_a_long_text_is_searched_once_for_each_pattern(monkeypatch):
    searched = []
    original = semantics._search
    monkeypatch.setattr(semantics, "_search", lambda c, t: searched.append(c) or original(c, t))
    text = "本部门无当年政府性基金预算收支。" * 1000
    first = semantics.find("无当年(政府性基金)", text)
    again = semantics.find("无当年(政府性基金)", text)
    assert first is again and first[1] == "政府性基金" and len(searched) == 1
    semantics.find("没有", text)
    assert len(searched) == 2  # another pattern is another search
    semantics.find("无当年", "无当年")  # a short text is searched each time, and not kept
    semantics.find("无当年", "无当年")
    assert len(searched) == 4


def test_the_searches_kept_are_those_of_a_few_texts():
    semantics._FOUND.clear()
    texts = [f"{k}" + "。" * semantics._LONG for k in range(semantics._TEXTS + 3)]
    for text in texts:
        assert semantics.find(r"^\d", text)[0] == text[0]
    assert list(semantics._FOUND) == texts[-semantics._TEXTS :]  # the oldest dropped first


def test_a_figure_is_read_in_the_first_table_of_its_kind_that_has_it():
    # The index answers as the loop it replaced: the first table of the kind holding the row.
    document = lint_source(decode(scaled(3).encode("utf-8"), "big.txt"), RULES, "zh").document
    for table in document.checked_tables:
        for row in table.rows[:3]:
            for side in tf.sides(table):
                label = tf.row_label(row, side)
                if not label:
                    continue
                named = identity._named_rows(document, table.kind, label)
                first = next(
                    t
                    for t in document.checked_tables
                    if table.kind in (t.kind, t.title) and tf.find_rows(t, label)
                )
                assert named[0][0] is first

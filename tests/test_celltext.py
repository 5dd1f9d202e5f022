"""The cell text bplint writes itself is pdfplumber's `extract_text`, character for character: on
random characters here, and on every cell of the shared PDFs (tests/test_external.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils import extract_text

from bplint.formats.celltext import plain_text

# Positions on a coarse grid, so that characters touch, overlap and sit exactly 3 pt apart.
coordinates = st.integers(min_value=0, max_value=40).map(lambda n: n * 0.75)
letters = st.sampled_from(["支", "出", "1", ".", "5", " ", "\u3000", "ﬁ", "ﬀ", "万", "a"])


@st.composite
def chars(draw):
    x0, top = draw(coordinates), draw(coordinates)
    width, height = (
        draw(st.sampled_from([0.0, 2.25, 3.0, 6.0, 10.5])),
        draw(st.sampled_from([6.0, 9.0, 10.5])),
    )
    return {"text": draw(letters), "x0": x0, "x1": x0 + width, "top": top, "bottom": top + height,
            "doctop": top, "upright": True, "size": height}  # fmt: skip


@settings(max_examples=400)
@given(st.lists(chars(), min_size=1, max_size=12))
def test_random_upright_characters_give_pdfplumbers_text(found):
    assert plain_text(found) == extract_text(found)


def test_what_it_does_not_do_is_left_to_pdfplumber():
    char = {"text": "支", "x0": 0.0, "x1": 10.0, "top": 0.0, "bottom": 10.0, "doctop": 0.0, "upright": True}
    assert plain_text([char, {**char, "x0": 20.0, "x1": 30.0, "upright": False}]) is None
    assert plain_text([char, {**char, "text": ""}]) is None
    assert plain_text([char]) == "支"

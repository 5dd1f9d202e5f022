"""The cell text bplint writes itself is pdfplumber's `extract_text`, character for character: on
random characters here, and on every cell of the shared PDFs (tests/test_external.py); the lines of
text outside the grids are pdfplumber's `extract_text_lines`, on random characters and on every page
of the shared PDFs."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils import chars_to_textmap, extract_text

from bplint.formats import pdf
from bplint.formats.celltext import plain_lines, plain_text
from tests.external import EXTERNAL, every_pdf, needs_external

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


def _textmap_lines(found: list[dict]) -> list[dict]:
    textmap = chars_to_textmap(found, layout_bbox=(0, 0, 600, 800), keep_blank_chars=False)
    return textmap.extract_text_lines(strip=True, return_chars=True)


@settings(max_examples=400)
@given(st.lists(chars(), min_size=0, max_size=16))
def test_random_upright_characters_give_pdfplumbers_lines(found):
    assert plain_lines(found) == _textmap_lines(found)


@pytest.mark.parametrize("name", every_pdf())
@needs_external[0]
@needs_external[1]
def test_every_page_of_the_shared_pdfs_gives_pdfplumbers_lines(name):
    """All the page's characters, as PDFium gives them to bplint: the lines of text outside the grids
    are a part of them."""
    data = (EXTERNAL / name).read_bytes()
    try:
        document = pdfplumber.open(io.BytesIO(data))
    except Exception:  # a file pdfplumber cannot open has no lines of its to compare with
        pytest.skip(f"pdfplumber cannot open {name}")
    engine, pages = pdf._engine(data), 0
    with document:
        for number, page in enumerate(document.pages, 1):
            if engine is not None:
                pdf._fast(engine, page, number, 10**7)
            mine = plain_lines(page.chars)
            assert mine is None or mine == _textmap_lines(page.chars), number
            pages += mine is not None
    assert pages or not document.pages

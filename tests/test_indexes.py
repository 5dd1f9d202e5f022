"""The indexes rules build once per document live in the engine, not on the frozen Document."""

from __future__ import annotations

import gc

from bplint.engine import indexes
from bplint.extract import build
from bplint.model.document import Document
from bplint.read import decode
from tests.conftest import SEEDS


def document() -> Document:
    return build(decode(SEEDS["002"].read_bytes(), "002.txt"))


def test_an_index_is_built_once_for_a_document_and_apart_for_another():
    first, second = document(), document()
    built = []
    for _ in range(3):
        indexes.indexed(first, ("k",), lambda: built.append(1) or len(built))
    assert indexes.indexed(second, ("k",), lambda: built.append(2) or len(built)) == 2
    assert built == [1, 2]


def test_the_indexes_go_with_their_document():
    held = document()
    indexes.indexed(held, ("k",), lambda: "v")
    assert id(held) in indexes._BY_DOCUMENT
    key = id(held)
    del held
    gc.collect()
    assert key not in indexes._BY_DOCUMENT  # a worker linting thousands keeps none of them


def test_the_model_holds_no_memo_of_the_engine():
    assert not hasattr(Document, "indexed") and not hasattr(Document, "_indexes")

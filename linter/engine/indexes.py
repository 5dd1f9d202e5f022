"""Indexes a rule builds once per document: what keeps a rule that looks across the document linear
(BP512's first statements, the tables of a kind that have a row).

They live here, beside the rules that build them, not on the Document: the model is frozen data,
and a memo is the engine's own business.  Each document's indexes go when the document does.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any

from bplint.model.document import Document

_BY_DOCUMENT: dict[int, dict[Hashable, Any]] = {}


def indexed(document: Document, key: Hashable, build: Callable[[], Any]) -> Any:
    """The index `key` names (with the rule's parameters) for this document, built on first use."""
    indexes = _BY_DOCUMENT.get(id(document))
    if indexes is None:
        indexes = _BY_DOCUMENT[id(document)] = {}
        # Keyed by identity (a Document's value is its whole content: slow to hash), and dropped
        # when the document is collected, so that a worker linting thousands keeps none of them.
        weakref.finalize(document, _BY_DOCUMENT.pop, id(document), None)
    if key not in indexes:
        indexes[key] = build()
    return indexes[key]

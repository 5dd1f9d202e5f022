"""`narrative.typography` (BP521): the first slip of punctuation in a passage.

The slips themselves (a doubled `。。`, a quote or bracket opened and never closed, a sentence with
no end) are read by bplint.extract.typography; this checker reads each passage with its neighbours,
since a quote may wrap where the export split the paragraph, and gives the rule its `slip` field:
the slip quoted with what it is (`“…。。…”（。。重复）`), or null.
"""

from __future__ import annotations

from typing import Any

from bplint import regexes
from bplint.engine import indexes
from bplint.engine.checkers.checker import Checker
from bplint.engine.vocabulary import TEXT, Env
from bplint.extract import typography
from bplint.extract.text import ENUMERATOR
from bplint.model.document import Document

_HEADING = regexes.compile(f"^\\s*{ENUMERATOR}")


def slip(passage: Any, env: Env) -> str | None:
    return _slip(passage, env.document)


def _slip(passage: Any, document: Document) -> str | None:
    """The typography slip of a passage, read with what ends the passage before it and what opens
    the one after (a quote may wrap where the export split the paragraph)."""
    around = indexes.indexed(document, "passage neighbours", lambda: _neighbours(document.passages))
    before, after = around.get(id(passage), ("", ""))
    return typography.slip(
        passage.text,
        opened=not before or bool(typography.ENDS_SENTENCE.search(before)),
        closed=bool(typography.ENDS_SENTENCE.search(passage.text)),
        heading_next=bool(_HEADING.match(after)) and len(after) <= 40 and "。" not in after,
    )


def _neighbours(passages: tuple) -> dict[int, tuple[str, str]]:
    texts = ["", *(p.text for p in passages), ""]
    return {id(p): (texts[n], texts[n + 2]) for n, p in enumerate(passages)}


CHECKER = Checker("narrative.typography", "passage", fields={"slip": (TEXT, slip)})

"""`narrative.copied_item` (BP519): an item of a breakdown that looks copied from another.

Written item by item, a disclosure is often made by copying the item before and editing it; what
is left unedited shows.  Two signs, each a field of the prior (the item's amount and change):
`twin`, the part before it in the same breakdown stating the same amount and the same change (not
zero: parts all 0 or 持平 alike are normal), and `speaks_of`, the other 三公经费 item its reason
speaks of (公务接待费's reason saying 公务用车数量减少, and nothing of 接待).
"""

from __future__ import annotations

from bplint.engine import indexes
from bplint.engine.checkers.checker import Checker
from bplint.engine.semantics import matched
from bplint.engine.vocabulary import TEXT, Env
from bplint.extract.changes import twins
from bplint.model.comparisons import Prior
from bplint.model.document import Document
from bplint.model.sentences import Figure


def twin(prior: Prior, env: Env) -> Figure | None:
    """The part before this one that states its amount and its change; None where there is none."""
    return _twins(env.document).get((prior.level.line, prior.level.column))


def _twins(document: Document) -> dict:
    """The repeated parts of the document's breakdowns (bplint.extract.changes.twins), found once."""
    return indexes.indexed(document, ("twins",), lambda: twins(document.breakdowns, document.narrative))


# The three 三公经费 items: what names the item (its label) and what its reason says of it.
_ABROAD, _CAR, _HOST = "因公出国（境）", "公务用车", "公务接待"
_LABELS = {_ABROAD: "因公出国", _CAR: "公务用车|公车", _HOST: "公务接待"}
_REASONS = {_ABROAD: "出国|出访|出境|团组", _CAR: "车", _HOST: "接待"}


def speaks_of(prior: Prior, env: Env) -> str | None:
    """The other 三公经费 item the item's reason speaks of, where it says nothing of its own: its
    name as a message shows it (`公务用车`); None for any other item or reason."""
    named = [item for item, pattern in _REASONS.items() if matched(pattern, prior.reason)]
    for item, pattern in _LABELS.items():
        # The first of the others it names, in the order 因公出国（境）, 公务用车, 公务接待.
        others = [other for other in named if other != item]
        if matched(pattern, prior.level.label) and item not in named and others:
            return others[0]
    return None


CHECKER = Checker(
    "narrative.copied_item",
    "prior",
    fields={"twin": ("figure", twin), "speaks_of": (TEXT, speaks_of)},
)

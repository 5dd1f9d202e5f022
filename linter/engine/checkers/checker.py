"""What a named checker is: the part of a rule's logic written in Python, not as an expression.

A rule names its checker (`checker: narrative.restated`, resolved in bplint.engine.checkers).  The
checker says which items it reads and adds what the rule needs: fields of those items that only
the rules naming it can read (`twin` of a prior), or the sums that must hold (`balances`, read
with the rounding of the printed figures as every identity is, bplint.engine.arithmetic).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from bplint.engine.identity import Balance, Identity
from bplint.engine.vocabulary import Accessor
from bplint.model.document import Document

# (the rule's identity, the item, the document, the rule's params) → groups of balances, one
# group for each place checked (its worst balance is reported).
Balances = Callable[[Identity, Any, Document, dict], Iterator[list[Balance]]]


@dataclass(frozen=True)
class Checker:
    name: str  # `family.what`, as the rule's YAML names it
    item: str  # the item type it reads (bplint.engine.vocabulary.SELECTORS): the rule must select it
    # The fields it adds to that item, by name: (type, accessor), as vocabulary.FIELDS has them.
    fields: Mapping[str, tuple[str, Accessor]] = field(default_factory=dict)
    balances: Balances | None = None  # for a rule with identities: where its sums are found

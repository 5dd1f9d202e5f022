"""`items where level3 == it.level3 and …`: the items whose text field equals a text the rule's item
gives, found through an index of the list rather than by walking all of it for every item a rule
looks at.  BP206 asks, for each indicator, for the earlier ones of its project with the same name:
walked, that is quadratic in a sheet's length; indexed, each project's list is read once.

The index only narrows the walk: every item it gives is tested by the whole condition, in the
list's order, so a `where` gives the same items as before, and `first` the same first one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import lark

from bplint.engine.vocabulary import Env

Fn = Callable[[Env], Any]

# The names that mean the same for every item of the list: what the rule's item gives.
_INVARIANT = ("it", "project", "document", "params")


def equality(condition: Any, fields: dict[str, Any]) -> tuple[lark.Tree, lark.Tree] | None:
    """In a condition that is `a and b and …`, the first `field == it…` (either way round): the
    item's own field (a name of `fields`) and what it is compared with, which no item changes."""
    for part in _conjuncts(condition):
        if getattr(part, "data", None) != "compare" or str(part.children[1]) != "==":
            continue
        left, right = part.children[0], part.children[2]
        for own, other in ((left, right), (right, left)):
            if _own_field(own, fields) and _invariant(other, fields):
                return own, other
    return None


def _conjuncts(tree: Any) -> Iterator[Any]:
    stack = [tree]
    while stack:
        node = stack.pop()
        if getattr(node, "data", None) == "and_":
            stack.extend(reversed(node.children))
        else:
            yield node


def _own_field(tree: Any, fields: dict[str, Any]) -> bool:
    return (
        getattr(tree, "data", None) == "path" and len(tree.children) == 1 and str(tree.children[0]) in fields
    )


def _invariant(tree: Any, fields: dict[str, Any]) -> bool:
    first = str(tree.children[0]) if getattr(tree, "data", None) == "path" else None
    return first in _INVARIANT and first not in fields  # a field of the item named so would be its own


def indexed(items_fn: Fn, holds: Fn, field: Fn, key: Fn) -> Fn:
    """`items where holds` as a generator, narrowed by `field == key` when `key` is a text."""
    # The list last walked, and its items by field once it is walked a second time: a project's
    # indicators are asked for again by each of them; a list built afresh each time is never
    # indexed.  One list per condition is held, so an id is never another list's.
    last: list[Any] = [None, None]

    def where(env: Env) -> Iterator[Any]:
        items = items_fn(env) or ()
        wanted = key(env)
        if isinstance(wanted, str) and items is last[0]:
            if last[1] is None:
                last[1] = _index(items, field, env)
            items = last[1].get(wanted, ())
        elif items is not last[0]:
            last[0], last[1] = items, None
        return (x for x in items if holds(env.over(x)))

    return where


def _index(items: Any, field: Fn, env: Env) -> dict[str, list[Any]]:
    """The items by their text field, each group in the list's order.  An item whose field is no
    text is equal to no text (equal(): a quantity equals no text; otherwise ==), so it is left out."""
    groups: dict[str, list[Any]] = {}
    for x in items:
        value = field(env.over(x))
        if isinstance(value, str):
            groups.setdefault(value, []).append(x)
    return groups

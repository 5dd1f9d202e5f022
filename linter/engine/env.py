"""What a rule's expression sees while it runs: the item, the rule's item, and their context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bplint.model.document import Document, Project


class Env:
    """What an expression sees while it runs: the item, the rule's item, and their context.

    Built once per item a rule or a `where` looks at: a slotted class with a plain __init__, not a
    frozen dataclass, whose __init__ sets each field through object.__setattr__ (a third of the
    cost of walking a list).  Nothing assigns to an Env after it is built."""

    __slots__ = ("document", "it", "item", "memo", "params", "project")

    def __init__(
        self,
        item: Any,
        it: Any,
        project: Project | None,
        document: Document,
        params: dict[str, Any],
        memo: dict[str, Any] | None = None,
    ) -> None:
        self.item = item
        self.it = it
        self.project = project
        self.document = document
        self.params = params
        # The rule's vars already worked out for this rule item: `when` and the message use them alike.
        self.memo: dict[str, Any] = {} if memo is None else memo

    def __repr__(self) -> str:
        return f"Env(item={self.item!r}, it={self.it!r}, project={self.project!r})"

    def over(self, item: Any) -> Env:
        return Env(item, self.it, self.project, self.document, self.params, self.memo)

    def local(self, name: str, fn: Callable[[Env], Any]) -> Any:
        """The rule's var `name`, about the rule's item, computed once per item."""
        memo = self.memo
        if name not in memo:
            it = (
                self
                if self.item is self.it
                else Env(self.it, self.it, self.project, self.document, self.params, memo)
            )
            memo[name] = fn(it)
        return memo[name]

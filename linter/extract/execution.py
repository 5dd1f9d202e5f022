"""A 决算's statements of spending against its budget found in its passages (the statement and its
arithmetic: bplint.model.execution)."""

from __future__ import annotations

from collections.abc import Iterable

from bplint import regexes
from bplint.extract.lexicon import LEXICON
from bplint.model.execution import Execution
from bplint.model.sentences import Figure, Passage

_CLAUSE_END = regexes.compile(r"[，,。；;：:！!？?]")


def executions(passages: Iterable[Passage]) -> tuple[Execution, ...]:
    """Every statement of the narrative's passages (paragraphs joined where export wrapped them)."""
    words = LEXICON.execution
    found = []
    for passage in passages:
        figures = [(f, lead(passage.text, f)) for f in passage.figures if not f.change]
        for i, (figure, before) in enumerate(figures):
            if figure.unit == "%" or not words["budget"].search(before):
                continue
            actual = next(((f, b) for f, b in figures[i + 1 : i + 2] if f.unit != "%"), None)
            if actual is None or not words["actual"].search(actual[1]):
                continue
            rate = next(
                (f for f, b in figures[i + 2 : i + 3] if f.unit == "%" and words["rate"].search(b)), None
            )
            found.append(_execution(figure, actual[0], rate, _tail(passage.text, actual[0])))
    return tuple(found)


def _execution(budget: Figure, actual: Figure, rate: Figure | None, tail: str) -> Execution:
    words = LEXICON.execution
    said = words["said"].search(tail)
    direction = None
    if said:
        text = said[0]
        direction = 1 if words["above"].search(text) else -1 if words["below"].search(text) else 0
    reason = ""
    if said and (because := words["reason"].search(tail, said.end())):
        reason = tail[because.end() :].lstrip("：: ").split("。")[0].strip()
    return Execution(budget, actual, rate, said[0] if said else "", direction, reason, budget.line,
                     budget.column)  # fmt: skip


def lead(text: str, figure: Figure) -> str:
    """The words of the figure's clause before it: `年初预算`, `支出决算为`, `完成年初预算的`."""
    return _CLAUSE_END.split(text[: figure.offset])[-1].strip()


def _tail(text: str, actual: Figure) -> str:
    """The text after B up to the next statement's budget (the words comparing A and B often open
    the next sentence: `…完成年初预算的98.63%。决算数小于年初预算数的主要原因是：…`)."""
    tail = text[actual.offset :]
    following = LEXICON.execution["budget_anywhere"].search(tail, 1)
    return tail[: following.start()] if following else tail

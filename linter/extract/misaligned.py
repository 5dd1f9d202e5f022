"""Honest volume: a table many of whose rows do not fit its header is one finding, not one per row.

Where rows cannot be aligned, bplint does not know which figure stands under which heading, so
no sum over that table can be trusted: the table is marked unread and no rule does arithmetic
on it.  A row or two off is said row by row, and the rest of the table is still checked.
"""

from __future__ import annotations

from bplint.messages import Message
from bplint.model.document import Problem

# Rows of one table that may be misaligned before the table as a whole is unread.
TOLERATED = 2


def collapse(problems: list[Problem], data_lines: set[int], title: str, line: int) -> Problem | None:
    """One problem for the table when more than TOLERATED of its data rows are misaligned, else None
    (a header that could not be resolved is said on its own)."""
    rows = sorted({p.line for p in problems if p.rule == "BP004" and p.line in data_lines})
    if len(rows) <= TOLERATED:
        return None
    said = Message.of("BP004.misaligned_table", title=title, count=len(rows), first=rows[0], last=rows[-1])
    return Problem("BP004", line, 1, said, table=title)

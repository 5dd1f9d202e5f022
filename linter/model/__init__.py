"""Stage 3, model: rows and paragraphs to a typed Document."""

from __future__ import annotations

from bplint import layout
from bplint.model import leftover
from bplint.model.breakdown import read_breakdowns
from bplint.model.changes import moved
from bplint.model.contents import SHEET, match, match_sheets, read_contents, unread
from bplint.model.document import Document
from bplint.model.itemised import read_itemised
from bplint.model.meta import read_meta
from bplint.model.narrative import passages, read_narrative
from bplint.model.sheets import read_projects
from bplint.model.tables import read_tables
from bplint.read import Source


def build(source: Source) -> Document:
    # A document's reader built its layout from the grid it saw; a text export's is read from text.
    blocks = list(source.blocks) if source.blocks is not None else list(layout.blocks(source.lines))
    tables, table_problems, rest = read_tables(blocks)
    projects, problems, left, blank = read_projects(rest)
    problems += table_problems
    listed, listed_lines = read_contents(blocks)
    contents = match(tuple(e for e in listed if e.kind != SHEET), tuple(tables))
    read = [(name, p.line) for p in projects for name in (p.name, p.title)] + blank
    sheets_listed = match_sheets(tuple(e for e in listed if e.kind == SHEET), read)
    problems += unread(blocks, contents + sheets_listed, len(tables), len(projects))
    left_over = leftover.leftovers(left, listed_lines)
    if tables or projects:  # else the document as a whole is said to be unread (BP007) or no disclosure
        problems += leftover.problems(left_over)
    problems.sort(key=lambda p: (p.line, p.column))
    found = passages(rest)
    narrative = read_narrative(found)
    breakdowns = (*(b for passage in found for b in read_breakdowns(passage)), *read_itemised(found))
    return Document(
        path=source.path,
        meta=read_meta(blocks),
        projects=tuple(projects),
        narrative=tuple(narrative),
        breakdowns=(*breakdowns, *moved(breakdowns, narrative)),
        tables=tuple(tables),
        contents=contents,
        sheets_listed=sheets_listed,
        paragraphs=tuple(block for block in blocks if isinstance(block, layout.Paragraph)),
        problems=tuple(problems),
        leftovers=tuple(left_over),
    )

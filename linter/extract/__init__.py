"""Stage 3, extraction: rows and paragraphs read into the typed Document of bplint.model.

`build(source)` is the one entry; the modules here are the readers (tables, project sheets, the
目录, the narrative, a 决算's self-evaluation sheets …) and the vocabulary they read by (lexicon.yaml).
The model they fill holds data only: nothing there reads text when a rule looks."""

from __future__ import annotations

from dataclasses import replace

from bplint import layout
from bplint.extract import coverage, leftover
from bplint.extract.breakdown import read_breakdowns
from bplint.extract.changes import moved
from bplint.extract.contents import SHEET, match, match_sheets, read_contents, unread
from bplint.extract.execution import executions
from bplint.extract.itemised import read_itemised
from bplint.extract.kind import is_blank_template, read_kind
from bplint.extract.lexicon import LEXICON
from bplint.extract.meta import read_meta
from bplint.extract.narrative import passages, read_narrative
from bplint.extract.selfeval import read_evaluations
from bplint.extract.sheets import read_projects
from bplint.extract.tables import read_tables
from bplint.model.document import Document, Meta, Table
from bplint.read import Source


def build(source: Source) -> Document:
    # A document's reader built its layout from the grid it saw; a text export's is read from text.
    blocks = list(source.blocks) if source.blocks is not None else list(layout.blocks(source.lines))
    tables, table_problems, rest = read_tables(blocks)
    # A 决算's self-evaluation sheets first: their rows are no budget sheet's (extract/selfeval.py).
    evaluations = read_evaluations(rest)
    sheets = read_projects([block for block in rest if block.line not in evaluations.claimed])
    projects, problems, left, blank = sheets.projects, sheets.problems, sheets.rows_left, sheets.blank
    problems += table_problems + evaluations.problems
    listed, listed_lines = read_contents(blocks)
    contents = match(tuple(e for e in listed if e.kind != SHEET), tuple(tables))
    read = [(name, p.line) for p in projects for name in (p.name, p.title)] + blank
    sheets_listed = match_sheets(tuple(e for e in listed if e.kind == SHEET), read)
    paragraphs = [block for block in blocks if isinstance(block, layout.Paragraph)]
    meta = _meta(blocks, tables, listed, len(projects), paragraphs)
    sheets_read = len(projects) + len(evaluations.evaluations)  # a self-evaluation is a sheet read too
    # A disclosure is known by its budget tables or sheets, not by a table of any name (an
    # evaluation report's 项目支出情况表 makes no disclosure).
    disclosing = sum(1 for table in tables if table.kind in LEXICON.disclosure_tables)
    problems += unread(blocks, contents + sheets_listed, disclosing, sheets_read, meta.kind)
    left_over = leftover.leftovers(left, listed_lines)
    taken = {row.line for row in rest if isinstance(row, layout.Row)} - {row.line for row in left}
    taken -= evaluations.claimed  # of those rows, the cells the sheets read are taken
    taken |= {table.line for table in tables}  # a title printed as a row of its grid
    cells = _cells_of(tables) | evaluations.taken
    measured = coverage.measure(blocks, cells, (taken - sheets.unread_rows) | listed_lines,
                                sheets.unread_cells, source.furniture)  # fmt: skip
    if tables or sheets_read:  # else the document as a whole is said to be unread (BP007) or no disclosure
        # A table's reader says what of its rows did not fit (a row, or the whole table, BP004).
        within = (line for table in tables if table.unread for line in range(table.line, table.end_line + 1))
        said = frozenset(p.line for p in problems if p.rule == "BP004") | frozenset(within)
        problems += leftover.unread_numbers(measured, said)
    problems.sort(key=lambda p: (p.line, p.column))
    found = passages(rest)
    narrative = read_narrative(found)
    breakdowns = (*(b for passage in found for b in read_breakdowns(passage)), *read_itemised(found))
    # The text rules read every paragraph's passages, table titles too: mostly the same passages.
    running = tuple(passages(paragraphs, known=found))
    return Document(
        path=source.path,
        meta=meta,
        projects=tuple(projects),
        narrative=tuple(narrative),
        breakdowns=(*breakdowns, *moved(breakdowns, narrative)),
        tables=tuple(tables),
        contents=contents,
        sheets_listed=sheets_listed,
        paragraphs=tuple(paragraphs),
        problems=tuple(problems),
        leftovers=tuple(left_over),
        executions=executions(found) if meta.kind.accounts else (),
        evaluations=evaluations.evaluations,
        coverage=measured,
        passages=running,
        text="\n".join(passage.text for passage in running),
    )


def _meta(blocks, tables: list[Table], listed, sheets: int, paragraphs) -> Meta:
    """The agency, year and unit, with what the document is: its kind and whether it is blank."""
    kind = read_kind(blocks, tables, tuple(e for e in listed if e.kind != SHEET), sheets)
    return replace(read_meta(blocks), kind=kind, template=is_blank_template(paragraphs, tables))


def _cells_of(tables: list[Table]) -> set[tuple[int, int]]:
    """Where each cell a table took stands: its rows', header's and meta lines' cells."""
    cells = {(cell.line, cell.column) for table in tables for row in table.rows for cell in row.cells}
    cells |= {(cell.line, cell.column) for table in tables for cell in (*table.headers, *table.meta)}
    return cells

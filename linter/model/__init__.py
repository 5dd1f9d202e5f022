"""Stage 3, model: rows and paragraphs to a typed Document."""

from __future__ import annotations

from bplint import layout
from bplint.model.breakdown import read_breakdowns
from bplint.model.document import Document, Problem
from bplint.model.meta import read_meta
from bplint.model.narrative import passages, read_narrative
from bplint.model.sheets import read_projects
from bplint.model.tables import read_tables
from bplint.read import Source


def build(source: Source) -> Document:
    blocks = list(layout.blocks(source.lines))
    tables, table_problems, rest = read_tables(blocks)
    projects, problems = read_projects(rest)
    problems += table_problems
    if not projects and not tables:
        problems.append(
            Problem("BP002", 1, 1, "未找到可识别的内容：没有项目绩效目标表、指标表或预算表",
                    "nothing recognisable: no project sheet, indicator table or budget table")
        )  # fmt: skip
    problems.sort(key=lambda p: (p.line, p.column))
    return Document(
        path=source.path,
        meta=read_meta(blocks),
        projects=tuple(projects),
        narrative=tuple(read_narrative(rest)),
        breakdowns=tuple(b for passage in passages(rest) for b in read_breakdowns(passage)),
        tables=tuple(tables),
        paragraphs=tuple(block for block in blocks if isinstance(block, layout.Paragraph)),
        problems=tuple(problems),
    )

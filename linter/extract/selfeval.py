"""Reading a 决算's self-evaluation sheets (项目支出绩效自评表, 部门整体支出绩效自评表).

A sheet opens at its title (`西安市级2022年病媒生物防制项目绩效自评表`, a line of text or the grid's
first row) or at a 项目名称 row that a self-evaluation header follows, and ends at its 总分 row.
Inside, rows are known by their header words (lexicon.yaml `self_evaluation`), never by position:
the money block (年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率 | 得分, on a whole sheet
one row per task under 任务名称 | 主要内容 | 完成情况), the year's goal and what was achieved, the
indicator rows (一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…) and the
总分.  A header maps its words to the grid's columns; the rows under it are read at those columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from bplint.extract.lexicon import LEXICON
from bplint.extract.text import amount, clean, heading, label
from bplint.layout import Block, Cell, Paragraph, Row
from bplint.messages import Message
from bplint.model.document import Problem
from bplint.model.evaluation import Evaluation, EvaluationKind, Funds, Result, Score
from bplint.values import Quantity, Value, ValueParseError, parse_value

_WORDS = LEXICON.self_evaluation
_PARTS = ("fiscal", "other")
_SPLIT = ("budget_fiscal", "budget_other", "spent_fiscal", "spent_other")
_FUNDS_HEADER = ("initial", "budget", "spent", "points", "rate", "score", "status")
_FUNDS = (*_FUNDS_HEADER, *_SPLIT)
_RESULTS = ("level1", "level2", "indicator", "target", "actual", "points", "score", "remark")


def evaluation_title(text: str) -> str | None:
    """The name a self-evaluation sheet's title gives, or None where the text is no such title."""
    match = _WORDS["title"].match(clean(heading(text)))
    return match["name"].strip() if match else None


@dataclass
class _Draft:
    """A sheet being read; frozen into an Evaluation by `finish`."""

    title: str
    line: int
    confirmed: bool  # a title or a self-evaluation header says what it is
    name: str = ""
    whole: bool = False  # named by 部门（单位）名称: a department's whole spending
    details: list[tuple[str, str]] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    mode: str = ""  # "funds", "goals" or "results": what the rows under the last header are
    funds: list[Funds] = field(default_factory=list)
    goal: str = ""
    achieved: str = ""
    results: list[Result] = field(default_factory=list)
    total: Score | None = None
    rows: list[Row] = field(default_factory=list)
    taken: set[tuple[int, int]] = field(default_factory=set)  # the cells read
    end_line: int = 0

    @property
    def sheet_name(self) -> str:
        return self.name or self.title

    def take(self, row: Row, cells: Iterable[Cell]) -> None:
        self.rows.append(row)
        self.taken |= {(cell.line, cell.column) for cell in cells}

    def cells(self, row: Row, roles: tuple[str, ...]) -> list[Cell]:
        """The filled cells of the row under the columns of these roles."""
        at = self.columns
        return [cell for role in roles if (cell := _cell(row, at.get(role))) is not None and cell.value]


class EvaluationReader:
    def __init__(self) -> None:
        self.sheets: list[Evaluation] = []
        self.claimed: set[int] = set()  # lines of the rows and titles the sheets hold
        self.taken: set[tuple[int, int]] = set()
        self.problems: list[Problem] = []
        self.draft: _Draft | None = None

    def paragraph(self, block: Paragraph) -> None:
        name = evaluation_title(block.text)
        if name is not None:
            self.finish()
            self.draft = _Draft(title=clean(heading(block.text)), line=block.line, confirmed=True)
            self.claimed.add(block.line)
        elif self.draft is not None and (self.draft.funds or self.draft.results):
            self.finish()  # running text after the sheet

    def row(self, row: Row) -> None:
        draft = self.draft
        labels = list(row.labels)
        title = _title_row(row)
        if title is not None:
            self.finish()
            self.draft = _Draft(title=title, line=row.line, confirmed=True)
            self.draft.take(row, row.filled)
            return
        if draft is None:
            if _named(labels, "name"):
                self.draft = _Draft(title="", line=row.line, confirmed=False)
                self._identify(self.draft, row, labels)
            return
        if draft.confirmed and draft.total is not None:
            self.finish()
            return self.row(row) if _named(labels, "name") else None
        self._read(draft, row, labels)

    def _read(self, draft: _Draft, row: Row, labels: list[str]) -> None:
        if all(_WORDS["year"].match(text) for text in labels if text) and any(labels):
            draft.take(row, row.filled)  # `（2022年度）` under a title printed in the grid
        elif _named(labels, "name"):
            target = draft
            if draft.funds or draft.results:
                self.finish()
                target = self.draft = _Draft(title="", line=row.line, confirmed=False)
            self._identify(target, row, labels)
        elif _named(labels, "detail"):
            self._details(draft, row, labels)
        elif _named(labels, "spent") and _named(labels, "rate"):
            self._header(draft, row, labels, "funds", _FUNDS_HEADER)
        elif _named(labels, "target") and _named(labels, "actual"):
            self._header(draft, row, labels, "results", _RESULTS)
        elif _named(labels, "goal") and _named(labels, "achieved"):
            self._header(draft, row, labels, "goals", ("goal", "achieved"))
        elif not draft.confirmed:
            self._abandon()
            self.row(row)
        elif _named(labels, "total"):
            self._total(draft, row)
        elif not row.filled:
            draft.rows.append(row)
        elif draft.mode == "funds" and all(_WORDS["split"].match(text) for text in labels if text):
            self._split(draft, row, labels)
        elif draft.mode == "funds":
            self._funds(draft, row)
        elif draft.mode == "goals":
            self._goals(draft, row)
        elif draft.mode == "results":
            self._result(draft, row)
        else:
            self._unread(draft, row)
        draft.end_line = row.end_line

    # -- the parts of a sheet ------------------------------------------------

    def _identify(self, draft: _Draft, row: Row, labels: list[str]) -> None:
        at = next(i for i, text in enumerate(labels) if _WORDS["name"].match(text))
        value = _after(row, at)
        if value is not None:
            draft.name = value.clean
        draft.whole = draft.whole or bool(_WORDS["whole"].match(labels[at]))
        draft.take(row, [row.cells[at], *([value] if value else [])])

    def _details(self, draft: _Draft, row: Row, labels: list[str]) -> None:
        for at, text in enumerate(labels):
            if _WORDS["detail"].match(text) and (value := _after(row, at)) is not None:
                draft.details.append((text, value.clean))
                draft.take(row, [row.cells[at], value])

    def _header(self, draft: _Draft, row: Row, labels: list[str], mode: str, roles: tuple[str, ...]) -> None:
        draft.columns = {}
        for at, text in enumerate(labels):
            role = next((role for role in roles if _WORDS[role].match(text)), None)
            if role is not None and role not in draft.columns:
                draft.columns[role] = at
        draft.mode = mode
        draft.confirmed = draft.confirmed or mode != "goals"
        draft.take(row, row.filled)

    def _split(self, draft: _Draft, row: Row, labels: list[str]) -> None:
        """The lower header of a whole sheet's money: 总额 | 财政拨款 | 其他资金 under 全年预算数 and
        under 全年执行数 (总额 stays the column the upper header named)."""
        columns = draft.columns
        for at, text in enumerate(labels):
            parent = max(
                (r for r in ("budget", "spent") if columns.get(r, at + 1) <= at),
                key=lambda role: columns[role],
                default=None,
            )
            part = next((p for p in _PARTS if _WORDS[p].match(text)), None)
            if parent and part:
                columns[f"{parent}_{part}"] = at
        draft.take(row, row.filled)

    def _funds(self, draft: _Draft, row: Row) -> None:
        at = draft.columns
        first_money = min(at.get(role, len(row.cells)) for role in ("initial", "budget", "spent"))
        label_cell = next((c for c in row.cells[:first_money] if c.value), None)
        name = label_cell.clean if label_cell else ""
        rate_cell = _cell(row, at.get("rate"))
        rate_text = rate_cell.value if rate_cell else ""
        spot = rate_cell if rate_cell is not None and rate_text else label_cell or row.cells[0]
        draft.funds.append(
            Funds(
                sheet=draft.sheet_name, label=name, initial=_amount(row, at.get("initial")),
                budget=_amount(row, at.get("budget")), spent=_amount(row, at.get("spent")),
                rate=_percent(rate_text), rate_text=rate_text, points=_amount(row, at.get("points")),
                score=_amount(row, at.get("score")), total=bool(_WORDS["funds_total"].match(label(name))),
                status=clean(_text(row, at.get("status"))),
                parts=tuple(_amount(row, at.get(role)) for role in _SPLIT),
                line=spot.line, column=spot.column,
            )
        )  # fmt: skip
        draft.take(row, [c for c in row.cells[:first_money] if c.value] + draft.cells(row, _FUNDS))

    def _goals(self, draft: _Draft, row: Row) -> None:
        draft.goal = clean(_text(row, draft.columns.get("goal")))
        draft.achieved = clean(_text(row, draft.columns.get("achieved")))
        draft.mode = ""
        draft.take(row, row.filled)

    def _result(self, draft: _Draft, row: Row) -> None:
        at = draft.columns
        before = draft.results[-1] if draft.results else None
        texts = {role: clean(_text(row, i)) for role, i in at.items()}
        level1 = texts.get("level1") or (before.level1 if before else "")
        level2 = texts.get("level2") or (before.level2 if before else "")
        spot = _cell(row, at.get("actual")) or row.cells[0]
        draft.results.append(
            Result(
                sheet=draft.sheet_name, level1=level1, level2=level2, name=texts.get("indicator", ""),
                target=texts.get("target", ""), actual=texts.get("actual", ""),
                points=_amount(row, at.get("points")), score=_amount(row, at.get("score")),
                remark=texts.get("remark", ""), line=spot.line, column=spot.column,
                target_value=_quantity(texts.get("target", "")),
                actual_value=_quantity(texts.get("actual", "")),
            )
        )  # fmt: skip
        draft.take(row, draft.cells(row, _RESULTS))

    def _total(self, draft: _Draft, row: Row) -> None:
        points, score = _amount(row, draft.columns.get("points")), _amount(row, draft.columns.get("score"))
        spot = _cell(row, draft.columns.get("score"))
        if points is not None and score is not None and spot is not None:  # a score read has its cell
            draft.total = Score(draft.sheet_name, "总分", points, score, spot.line, spot.column)
        draft.take(row, [row.filled[0], *draft.cells(row, ("points", "score", "remark"))])

    def _unread(self, draft: _Draft, row: Row) -> None:
        cell = row.filled[0]
        draft.rows.append(row)
        self.problems.append(
            Problem("BP004", cell.line, cell.column, Message.of("BP004.evaluation_row"),
                    project=draft.sheet_name, raw=cell.value)
        )  # fmt: skip

    # -- bookkeeping ----------------------------------------------------------

    def _abandon(self) -> None:
        """A 项目名称 row no self-evaluation header followed: not a sheet of ours."""
        self.draft = None

    def finish(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None or not draft.confirmed:
            return
        self.claimed |= {row.line for row in draft.rows} | {draft.line}
        self.taken |= draft.taken
        if not (draft.funds or draft.results or draft.name):
            return  # a heading over the sheets (`项目支出绩效自评表`), no sheet itself
        whole = draft.whole or LEXICON.whole_sheet.search(draft.title)
        self.sheets.append(
            Evaluation(
                kind=EvaluationKind.WHOLE if whole else EvaluationKind.PROJECT, title=draft.title,
                name=draft.name or draft.title, line=draft.line, end_line=max(draft.end_line, draft.line),
                funds=tuple(draft.funds), goal=draft.goal, achieved=draft.achieved,
                results=tuple(draft.results), total=draft.total, details=tuple(draft.details),
            )
        )  # fmt: skip


def _named(labels: list[str], role: str) -> bool:
    return any(_WORDS[role].match(text) for text in labels if text)


def _title_row(row: Row) -> str | None:
    filled = row.filled
    if len(filled) == 1 and filled[0] is row.cells[0] and evaluation_title(filled[0].text) is not None:
        return clean(heading(filled[0].text))
    return None


def _after(row: Row, at: int) -> Cell | None:
    """The value a label cell names: the next filled cell."""
    return next((cell for cell in row.cells[at + 1 :] if cell.value), None)


def _cell(row: Row, at: int | None) -> Cell | None:
    return row.cells[at] if at is not None and at < len(row.cells) else None


def _text(row: Row, at: int | None) -> str:
    cell = _cell(row, at)
    return cell.text if cell else ""


def _amount(row: Row, at: int | None) -> Decimal | None:
    return amount(_text(row, at))


def _quantity(text: str) -> Quantity | None:
    try:
        value: Value = parse_value(text)
    except ValueParseError:
        return None
    return value if isinstance(value, Quantity) else None


def _percent(text: str) -> Decimal | None:
    compact = label(text)
    return amount(compact[:-1]) if compact.endswith(("%", "％")) else None


class EvaluationsRead(NamedTuple):
    evaluations: tuple[Evaluation, ...]
    problems: list[Problem]
    claimed: frozenset[int]  # lines of the rows (and titles) the sheets hold: no other reader's
    taken: frozenset[tuple[int, int]]  # the cells read


def read_evaluations(blocks: list[Block]) -> EvaluationsRead:
    reader = EvaluationReader()
    for block in blocks:
        if isinstance(block, Paragraph):
            reader.paragraph(block)
        else:
            reader.row(block)
    reader.finish()
    return EvaluationsRead(tuple(reader.sheets), reader.problems, frozenset(reader.claimed),
                           frozenset(reader.taken))  # fmt: skip

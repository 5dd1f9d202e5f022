"""The money of a project sheet and the rows around it: Hebei's 预算数 row, the 资金金额 block
other provinces print instead (实施期资金总额 / 其中：财政拨款 / 其他资金), label–value rows
(主管部门, 实施单位), and the 一级指标 a merged cell leaves blank.
"""

from __future__ import annotations

from decimal import Decimal

from bplint import regexes
from bplint.extract.lexicon import LEXICON
from bplint.extract.text import amount, label
from bplint.layout import Cell, Row
from bplint.messages import Message
from bplint.model.document import Budget, Problem
from bplint.values import Quantity, Value, ValueParseError, parse_value


def key(text: str) -> str:
    """A label by its words: no white space, no colon, no unit in brackets after it (`预算数（万元）`
    labels the same figure as `预算数`; the unit is the figure's)."""
    text = label(text).rstrip("：:")
    # The unit's bracket closes the label: a label ending otherwise has none to drop, and most
    # labels, asked for their key by several of a sheet row's tests, are answered without a call.
    return _LABEL_UNIT.sub("", text) if text.endswith((")", "）")) else text


def budget_row(row: Row, labels: list[str], project: str | None) -> tuple[Budget, list[Problem]]:
    """`预算数 | 12 | 其中：财政资金 | 12 | 其他资金 | 0`: each figure after its label."""
    fiscal = next((text for text in labels if LEXICON.fund_labels.get(key(text)) == "fiscal"), None)
    names = LEXICON.sheet_labels
    keys = {
        "total": _first(labels, names["budget"]),
        "fiscal": fiscal,
        "other": _first(labels, names["other"]),
    }
    named = {role: name for role, name in keys.items() if name}
    texts = {role: text_after(row, labels, name) for role, name in named.items()}
    budget = Budget(
        total=amount(texts.get("total", "")),
        fiscal=amount(texts.get("fiscal", "")) if fiscal else None,
        other=amount(texts.get("other", "")),
        purpose="",
        line=row.line,
        unit=next((m[1] for text in labels if (m := _UNIT.search(text))), None),
    )
    problems = []
    for role, text in texts.items():
        cell, name = cell_after(row, labels, named[role]), named[role]
        if text.strip() and amount(text) is None and cell is not None:  # (the text is the cell's)
            said = Message.of("BP003.not_an_amount", name=name, text=text.strip())
            problems.append(Problem("BP003", cell.line, cell.column, said, project=project, raw=cell.value))
    return budget, problems


def _first(labels: list[str], names: frozenset[str]) -> str | None:
    return next((text for text in labels if key(text) in names), None)


def text_after(row: Row, labels: list[str], name: str) -> str:
    cell = cell_after(row, labels, name)
    return cell.text if cell else ""


def cell_after(row: Row, labels: list[str], name: str) -> Cell | None:
    """The cell a label names: the next one, or, past merged empty cells, the next filled one."""
    if name not in labels:
        return None
    index = labels.index(name)
    following = row.cells[index + 1] if index + 1 < len(row.cells) else None
    if following is not None and following.value:
        return following
    return next_filled(row, index) or following


def is_fund_row(labels: list[str]) -> bool:
    return any(key(text) in LEXICON.fund_labels for text in labels)


def funds(budget: Budget | None, row: Row) -> Budget:
    """Fill a budget from a row of the 资金金额 block; the figure is the next amount after its label."""
    found: dict[str, Decimal | None] = {}
    written: list[str | None] = []  # the unit beside each figure
    cells = list(row.cells)
    for index, cell in enumerate(cells):
        field = LEXICON.fund_labels.get(key(cell.text))
        if field and field not in found:
            figure = next((_money(c.text) for c in cells[index + 1 :] if c.value), (None, None))
            found[field], unit_beside = figure
            written.append(unit_beside)
    base = budget or Budget(None, None, None, "", row.line)
    printed = next((m[1] for c in cells if (m := _UNIT.search(c.text))), None)
    unit = printed or (written[0] if written else None)  # or the first figure's
    return Budget(
        total=found.get("total", base.total),
        fiscal=found.get("fiscal", base.fiscal),
        other=found.get("other", base.other),
        purpose=base.purpose,
        line=base.line,
        purpose_line=base.purpose_line,
        unit=unit or base.unit,
    )


def details(row: Row) -> list[tuple[str, str]]:
    """`主管部门 | 西安市信访局 | 实施单位 | …`: each label with the text after it."""
    cells = list(row.cells)
    pairs = []
    for index, cell in enumerate(cells):
        name = key(cell.text)
        if name in LEXICON.detail_labels:
            after = (
                c.value for c in cells[index + 1 :] if c.value and key(c.text) not in LEXICON.detail_labels
            )
            value = next(after, "")
            pairs.append((name, value))
    return pairs


def level1_of(level1: str, level2: str, printed: bool) -> str:
    """The 一级 of a row: as printed; where the cell was blank, the group's, unless the tree disagrees:
    a 二级 of another 一级 shows the cell was merged over rows it does not cover in the export
    (西安's sheets), so the 一级 is read from the tree instead."""
    if printed:
        return level1
    parents = LEXICON.parents(level2)
    return parents[0] if parents and LEXICON.category(level1) not in parents else level1


def next_filled(row: Row, index: int) -> Cell | None:
    return next((c for c in row.cells[index + 1 :] if c.value), None)


# `资金金额（万元）`, `单位：万元`
_UNIT = regexes.compile(r"(?:（|\(|单位[:：]\s*)(亿元|万元|千元|元)")
_LABEL_UNIT = regexes.compile(r"[（(](?:亿元|万元|千元|元)[)）]$")
# A figure printed with its unit in the cell (`2400000万元`, `100000 万元`).
_WITH_UNIT = regexes.compile(r"^(?P<figure>[\d,.]+)\s*(?P<unit>亿元|万元|千元|元)$")


def _money(text: str) -> tuple[Decimal | None, str | None]:
    """The amount a cell of the 资金金额 block prints, and the unit printed beside it, if any."""
    found = _WITH_UNIT.match(label(text))
    if found is None:
        return amount(text), None
    return amount(found["figure"]), found["unit"]


def unit_in(texts) -> str | None:
    return next((m[1] for text in texts if (m := _UNIT.search(text))), None)


# `信访事项及时受理率（%）` with `≥95`, `业务经费支出（万元/年）` with `≤443.62`: the unit is in the name.
_NAMED_UNIT = regexes.compile(r"[（(]([^（）()]{1,8})[）)]\s*$")


def with_named_unit(value: Value, raw: str, name: str) -> Value:
    """A bare figure takes the unit its 三级 name gives in brackets, when that is a unit."""
    match = _NAMED_UNIT.search(name)
    if not (isinstance(value, Quantity) and value.unit is None and match):
        return value
    try:
        named = parse_value(raw.strip() + match[1])
    except ValueParseError:
        return value
    return named if isinstance(named, Quantity) and named.unit is not None else value

"""Indicator tables (一级/二级/三级指标, 指标值 …): the columns bplint reads, rows read as Indicators."""

from __future__ import annotations

from collections.abc import Iterator

from bplint import regexes
from bplint.extract import funds
from bplint.extract.lexicon import LEXICON
from bplint.layout import Cell
from bplint.messages import Message
from bplint.model.document import Indicator, Problem
from bplint.values import Qualitative, Value, ValueParseError, parse_value

_OPERATOR = regexes.compile(r"^(?:[≥≤=＝<>＜＞]|>=|<=)$")


def read(rows: list[dict[str, Cell]], name: str, problems: list[Problem]) -> Iterator[Indicator]:
    """Indicator rows (by field) to Indicators; a value that does not parse is BP003."""
    level1 = level2 = ""
    for cells in rows:
        printed = text(cells, "level1")
        level2 = text(cells, "level2") or level2
        level1 = funds.level1_of(printed or level1, level2, bool(printed))
        cell = cells.get("value", cells["row"])
        kind = text(cells, "kind")
        comparator = text(cells, "comparator") or (kind if _OPERATOR.match(kind) else "")
        # A value split over comparator | figure | unit columns is read as one value.
        raw = comparator + cell.text.strip() + text(cells, "unit")
        if not (raw or text(cells, "level3") or text(cells, "description")):
            continue  # a category the template prints and the sheet leaves empty (长沙's 社会成本指标)
        try:
            value = funds.with_named_unit(parse_value(raw), raw, text(cells, "level3"))
            _names_itself(value, text(cells, "level3"))
        except ValueParseError as error:
            value = None
            said = Message.of("BP003.indicator_value", raw=raw, reason_zh=error.reason)
            problems.append(Problem("BP003", cell.line, cell.column, said, project=name, raw=raw))
        yield Indicator(
            level1=level1,
            level2=level2,
            level3=text(cells, "level3"),
            description=text(cells, "description"),
            raw=raw,
            value=value,
            basis=text(cells, "basis"),
            line=cell.line,
            column=cell.column,
            end=cell.end,
            extra=tuple((key[6:], c.clean) for key, c in cells.items() if key.startswith("extra:"))
            + ((("指标值类型", kind),) if kind and not _OPERATOR.match(kind) else ()),
        )


def _names_itself(value: Value, name: str) -> None:
    """A value that is the last words of its own measure's name (`及时率` under `影视节目传输及时率`)
    states no value: it is unparsed, not a qualitative target."""
    if isinstance(value, Qualitative) and len(value.text) >= 2 and value.text in name \
            and LEXICON.measure_suffix.search(value.text):  # fmt: skip
        raise ValueParseError(value.raw, "写的是指标的名称，没有写目标值")


def spans(columns: dict[str, int], labels: list[str]) -> dict[str, range]:
    """The columns each field's header cell spans: its own and the blank-headed ones after it, up
    to the next column with a header (西安 heads four columns 指标值 in one merged cell)."""
    labelled = sorted(i for i, label in enumerate(labels) if label)
    ends = {i: next((j for j in labelled if j > i), len(labels)) for i in columns.values()}
    return {key: range(i, ends[i]) for key, i in columns.items()}


def spanned(cells: list[Cell], columns: dict[str, int], spans: dict[str, range]) -> dict[str, Cell]:
    """Each field's cell; where its own is empty and one other column under its header cell is
    filled (a row drawn with a rule more than the header), that one."""
    mapped = {}
    for key, i in columns.items():
        own = mapped[key] = cells[i]
        if not own.value:  # (the columns under its header looked at only then: most cells are filled)
            filled = [cells[j] for j in spans.get(key, ()) if j < len(cells) and cells[j].value]
            mapped[key] = filled[0] if len(filled) == 1 else own
    return mapped


def continues(before: dict[str, Cell], cells: dict[str, Cell]) -> bool:
    """A PDF row that is the rest of the row above, cut by a page break or a wrap."""
    if text(cells, "value") or text(cells, "level1"):
        return False
    level2 = text(cells, "level2")
    above = text(before, "level2")
    # A wrapped 二级 label (`服务对象满` | `意度指标`) has its first part above.
    return not level2 or (bool(above) and not above.endswith("指标") and (above + level2).endswith("指标"))


def text(cells: dict[str, Cell], key: str) -> str:
    return cells[key].clean if key in cells else ""


def join(before: Cell, after: Cell) -> Cell:
    if not after.value:
        return before
    if not before.value:
        return after
    return Cell(before.text.rstrip() + after.text.strip(), before.line, before.column)

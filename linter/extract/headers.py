"""A table's header rows: where they end and the data begins, and one path of header words per
column (`收入/预算数`), from the grid's spans where the reader saw them, else from the text."""

from __future__ import annotations

from bplint import regexes
from bplint.extract.lexicon import LEXICON
from bplint.extract.text import ENUMERATOR, amount, label
from bplint.layout import ACROSS, DOWN, PDF, Row

# A row of figures, not of header words: an enumerated item in its first cell (or a total, an amount).
_ITEM = regexes.compile(rf"^(?:{ENUMERATOR}|其中)")


def signature(row: Row) -> tuple[str, ...]:
    return tuple(label(text) for text in row.texts if text.strip())


def split_header(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Header rows (栏次 included) and data rows."""
    for index, row in enumerate(rows):
        first = label(row.text(0))
        if first == "栏次" or _column_numbers(row):
            return rows[: index + 1], rows[index + 1 :]
        if _is_data(row, first) and not _header_band(row, rows[index + 1 : index + 2]):
            return rows[:index], rows[index:]
    return rows, []


def _header_band(row: Row, below: list[Row]) -> bool:
    """`合计 | 因公出国(境)费 | 公务用车购置及运行费` over `小计 | 购置费 | 运行费`: a row without figures
    whose words the grid merges down into the next row is header, whatever its first word."""
    if not below or row.grid is None or below[0].grid != row.grid:
        return False
    if any(amount(cell.text) is not None for cell in row.cells):
        return False
    under = zip(row.cells, below[0].cells, strict=False)
    return any(lower.covered == DOWN and upper.value and not upper.covered for upper, lower in under)


def _column_numbers(row: Row) -> bool:
    """A row numbering the columns (`1 2 3 …`, under 合计 基本支出 项目支出): a header, not figures."""
    filled = [text for text in row.texts if text]
    numbers = [text for text in filled if text.isdigit() and len(text) <= 2]
    # Beside them only marks (杭州: `** | 1 | 2 | 3`), never a label or an amount.  After a mark one
    # column is enough (杭州's one-column 国有资本经营 table: `** | 1`), counted from 1.
    marked = bool(filled) and bool(LEXICON.column_mark.match(filled[0]))
    if len(numbers) < (1 if marked else 3) or any(
        not (t in numbers or LEXICON.column_mark.match(t)) for t in filled
    ):
        return False
    values = [int(text) for text in numbers]
    return values == list(range(values[0], values[0] + len(values))) and (values[0] == 1 or len(values) >= 3)


def _is_data(row: Row, first: str) -> bool:
    return bool(
        LEXICON.total_label.search(first)
        or _ITEM.match(first)
        or any(amount(c.text) is not None for c in row.cells)
    )


def columns(headers: list[Row], width: int) -> list[str] | None:
    """One header path per column; None when merged cells cannot be resolved."""
    if not headers:
        return [f"列{i + 1}" for i in range(width)]
    if headers[0].grid is not None and all(row.grid == headers[0].grid for row in headers):
        return _grid_columns(headers, width)
    if any(row.layout == PDF for row in headers):
        return _pdf_columns(headers, width)
    names = [c.label for c in headers[0].cells]
    for row in headers[1:]:
        merged = _merge(names, [c.label for c in row.cells])
        if merged is None:
            return None
        names = merged
    if len(names) < width:
        names += [f"列{i + 1}" for i in range(len(names), width)]
    return names


def _merge(parent: list[str], child: list[str]) -> list[str] | None:
    """Word merges cells: a parent spanning k columns is one cell above k children;
    a child merged down from its parent is an empty cell.  Resolve the spans."""
    if len(child) == len(parent):
        return [_path(p, c) for p, c in zip(parent, child, strict=True)]
    if len(child) < len(parent):
        return None
    segments = _segments(child)
    groups = sum(1 for segment in segments if segment[0])
    blanks = len(segments) - groups
    for split in (_split_repeats, _split_labels):
        if groups == len(parent) - blanks:
            break
        segments = [part for segment in segments for part in split(segment)]
        groups = sum(1 for segment in segments if segment[0])
    if groups != len(parent) - blanks:
        return None
    names: list[str] = []
    for parent_name, segment in zip(parent, segments, strict=True):
        if segment[0]:
            names.extend(_path(parent_name, leaf) for leaf in segment)
        else:
            names.append(parent_name)
    return names


def _segments(child: list[str]) -> list[list[str]]:
    """Runs of header words, and each empty cell by itself."""
    segments: list[list[str]] = []
    for text in child:
        if text and segments and segments[-1][0]:
            segments[-1].append(text)
        else:
            segments.append([text])
    return segments


def _split_repeats(segment: list[str]) -> list[list[str]]:
    """`项目 预算数 项目 预算数` under `收入 支出`: a repeated first word starts the next span."""
    if not segment[0]:
        return [segment]
    parts = [[segment[0]]]
    for text in segment[1:]:
        if text == segment[0]:
            parts.append([text])
        else:
            parts[-1].append(text)
    return parts


def _split_labels(segment: list[str]) -> list[list[str]]:
    """`科目编码 科目名称 合计 人员经费` under `经济分类科目 基本支出`: figures start a new span."""
    parts = [[segment[0]]]
    for text in segment[1:]:
        if LEXICON.label_header_word.search(parts[-1][-1]) and not LEXICON.label_header_word.search(text):
            parts.append([text])
        else:
            parts[-1].append(text)
    return parts


def _grid_columns(headers: list[Row], width: int) -> list[str]:
    """Where the reader saw the grid, spans are known: a position covered across takes the words
    of the cell it is under; one covered down adds nothing to the words above it."""
    grid = []
    for row in headers:
        texts: list[str] = []
        for i in range(width):
            cell = row.cells[i] if i < len(row.cells) else None
            if cell is not None and cell.covered == ACROSS and texts:
                texts.append(texts[-1])
            else:
                texts.append(cell.label if cell is not None else "")
        grid.append(texts)
    return _paths(grid, width)


def _pdf_columns(headers: list[Row], width: int) -> list[str]:
    """PDF rows keep a field per column; an empty field under words continues the span to its left."""
    grid = [[label(row.text(i)) for i in range(width)] for row in headers]
    for r, row in enumerate(grid[:-1]):
        for i in range(1, width):
            below = any(lower[i] for lower in grid[r + 1 :])
            if not row[i] and below:
                row[i] = row[i - 1]
    return _paths(grid, width)


def _paths(grid: list[list[str]], width: int) -> list[str]:
    """Each column's words from the top header row down, each once."""
    names = []
    for i in range(width):
        parts: list[str] = []
        for row in grid:
            if row[i] and row[i] not in parts:
                parts.append(row[i])
        names.append("/".join(parts) or f"列{i + 1}")
    return names


def _path(parent: str, child: str) -> str:
    if not child or child == parent:
        return parent
    return f"{parent}/{child}" if parent else child

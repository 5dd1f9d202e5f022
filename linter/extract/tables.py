"""Budget tables (收支总表 … 三公, 政府采购, 国有资产): title, unit, headers, rows.

A table starts at a title paragraph that names a known kind and is followed by
rows; it takes the agency/unit lines above its header, its rows, and a `注：`
note right below it.  Column meaning comes from the header text: merged header
cells are resolved into paths such as `本年收入/财政拨款收入`, so rules name
columns by words, never by position.
"""

from __future__ import annotations

from dataclasses import dataclass

from bplint import regexes
from bplint.extract import misaligned
from bplint.extract.headers import columns, signature, split_header
from bplint.extract.lexicon import LEXICON, OTHER_KIND
from bplint.extract.sheettitle import sheet_title
from bplint.extract.text import UNIT, amount, clean, label
from bplint.layout import PDF, Block, Cell, Paragraph, Row
from bplint.messages import Message
from bplint.model.document import Problem, Table, TableCell, TableRow

_PAGE_NUMBER = regexes.compile(r"^\d{1,3}$")
_BLANK_FIGURE = {"-", "--", "---", "－", "—", "——"}


@dataclass
class _Found:
    tables: list[Table]
    problems: list[Problem]
    rest: list[Block]


def table_kind(text: str) -> str | None:
    """The kind of table a paragraph titles, or None when it is no table title."""
    title = label(text)
    if len(title) > 60 or "绩效" in title or not LEXICON.title_end.search(title):
        return None
    return LEXICON.kind(title)


def read_tables(blocks: list[Block]) -> tuple[list[Table], list[Problem], list[Block]]:
    """The tables in `blocks`, the problems reading them, and the blocks that are no table's."""
    found = _Found([], [], [])
    index = 0
    while index < len(blocks):
        block = blocks[index]
        title, beside = _titled(block)
        kind = table_kind(title) if title else None
        end = _extent(blocks, index) if kind else index
        if kind == OTHER_KIND and _lists_tables(blocks[index + 1 : end]):
            end = index  # a 目录 of the tables (`部门预算收支总表 | 1`), not a table
        if kind and title and end > index + 1:  # (no kind: end is index)
            body = [*beside, *blocks[index + 1 : end]]
            meta = _meta_of(body)
            while (more := _continued(blocks, end, title, meta)) is not None:
                body, end = body + more[0], more[1]
            if not _spill(found.tables, title, body):
                _read(kind, Paragraph(title, block.line), body, found)
            index = end
        else:
            found.rest.append(block)
            index += 1
    return found.tables, found.problems, found.rest


def _continued(blocks: list[Block], end: int, title: str, meta: list[str]):
    """The rows of the same table printed again after a page break, with its title and meta lines
    repeated (深圳: `表1 收支总表 部门名称：… 单位：万元` on each page), and the index past them;
    None when what follows is another table (another title, or the same title for another unit)."""
    index = end
    while index < len(blocks) and isinstance(line := blocks[index], Paragraph) and not _same(line, title):
        if not LEXICON.table_number.match(label(line.text)):
            return None
        index += 1
    if index >= len(blocks) or not _same(blocks[index], title):
        return None
    stop = _extent(blocks, index)
    if stop <= index + 1:
        return None
    if _meta_of(blocks[index + 1 : stop]) != meta:
        return None
    return [b for b in blocks[index + 1 : stop] if isinstance(b, Row)], stop


def _meta_of(body: list[Block]) -> list[str]:
    return [label(b.text) for b in body if isinstance(b, Paragraph) and _is_meta(b.text)]


def _same(block: Block, title: str) -> bool:
    return (found := _title(block)) is not None and label(found) == label(title)


def _lists_tables(body: list[Block]) -> bool:
    return any(isinstance(b, Row) and b.filled and table_kind(b.filled[0].value) for b in body)


def _title(block: Block) -> str | None:
    """A paragraph's text, or the one cell of a row: some tables print their title inside the grid."""
    if isinstance(block, Paragraph):
        return block.text
    filled = block.filled
    return filled[0].value if len(filled) == 1 else None


# The colon after a label (`编制单位：`, `单位:`), where a title shares its line with meta lines.
_COLON = regexes.compile(r"[:：]")
_LABEL_LENGTH = 8


def _titled(block: Block) -> tuple[str | None, list[Paragraph]]:
    """The title a block gives, and the meta text printed on its line after it (`…收支预算总表编制单位：
    某院 单位：元` in one cell): the title is what precedes the label of the first colon, where that
    is a title."""
    text = _title(block)
    if text is None or table_kind(text):
        return text, []
    for colon in _COLON.finditer(text):
        for start in range(colon.start() - 1, max(colon.start() - _LABEL_LENGTH, 0) - 1, -1):
            head = text[:start].strip()
            if head and table_kind(head):
                return head, [Paragraph(text[start:].strip(), block.line)]
    return text, []


def _spill(tables: list[Table], title: str, body: list[Block]) -> bool:
    """The title of the table just read, printed again over a grid holding no figure: the columns
    that did not fit its pages, printed after them (上海's 收入预算总表 and its empty 其他收入
    column), no table of its own."""
    if not tables or tables[-1].title != clean(title):
        return False
    return not any(amount(cell.text) is not None for b in body if isinstance(b, Row) for cell in b.cells)


def _extent(blocks: list[Block], start: int) -> int:
    """Index just past a table's last block (its note included); start+1 when it has no rows.

    Between the title and the grid stand lines of any wording that are no title (an agency, a
    unit, a table number, a code: `_between`); inside the grid, lines that stand between two rows
    of one ruled grid (text the reader could not place in a cell) do not end it."""
    end, seen_rows, index, between = start + 1, False, start + 1, 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Row) and seen_rows and (title := _titled(block)[0]) and table_kind(title):
            break  # the next table's title, printed inside the same grid
        if isinstance(block, Row):
            seen_rows, end = True, index + 1
        elif _PAGE_NUMBER.match(block.text) and seen_rows:
            pass  # a page number inside a table broken over pages
        elif LEXICON.table_note.match(label(block.text)) and seen_rows:
            return index + 1
        elif seen_rows:
            if not _grid_goes_on(blocks, index):
                break
        elif _is_meta(block.text) or (between < _BETWEEN and _between(block.text)):
            between += 1
        else:
            break
        index += 1
    return end if seen_rows else start + 1


# Lines a title and its grid may have between them: agency, unit, number, code, date.
_BETWEEN = 4
_SENTENCE_END = regexes.compile(r"[。；;！？]")


def _between(text: str) -> bool:
    """A line that may stand between a title and its grid, whatever its words: short, no sentence
    and no title of its own (a table's or a project sheet's)."""
    text = label(text)
    return len(text) <= 60 and not _SENTENCE_END.search(text) and table_kind(text) is None \
        and sheet_title(text) is None  # fmt: skip


def _grid_goes_on(blocks: list[Block], index: int) -> bool:
    """Whether the rows after the lines at `index` are of the same ruled grid as the row before."""
    # Walked back by index: a reversed copy of the blocks before it costs the document's length
    # at every title, quadratic in a long document.
    before = next((b for i in range(index - 1, -1, -1) if isinstance(b := blocks[i], Row)), None)
    after = next((b for b in blocks[index : index + _BETWEEN + 1] if isinstance(b, Row)), None)
    return before is not None and after is not None and before.grid is not None and before.grid == after.grid


def _is_meta(text: str) -> bool:
    return bool(LEXICON.meta.match(label(text)))


def _read(kind: str, title: Paragraph, body: list[Block], found: _Found) -> None:
    name = clean(title.text)
    meta: list[Cell] = []
    rows: list[Row] = []
    note: Paragraph | None = None
    for block in body:
        if isinstance(block, Paragraph):
            if not rows:
                meta.append(Cell(block.text, block.line))
            elif LEXICON.table_note.match(label(block.text)):
                note = block
        elif not rows and not block.filled:
            continue  # an empty ruled row above the header holds nothing
        elif not rows and all(_is_meta(cell.text) for cell in block.filled):
            meta.extend(block.filled)
        else:
            rows.append(block)
    headers, data = split_header(rows)
    # A header printed again after a page break is header, not data.
    signatures = {signature(row) for row in headers}
    repeated: list[Row] = []
    kept: list[Row] = []
    for row in data:
        (repeated if signature(row) in signatures else kept).append(row)
    data = kept
    problems: list[Problem] = []
    reader = _TableReader(name, headers, data, problems)
    read_rows = tuple(reader.rows())
    whole = misaligned.collapse(problems, {row.line for row in data}, name, title.line)
    found.problems.extend([whole] if whole else problems)
    last = body[-1]
    table = Table(
        kind=kind,
        title=name,
        line=title.line,
        end_line=last.end_line if isinstance(last, Row) else last.line,
        unit=_unit(meta, headers),
        columns=tuple(reader.columns),
        rows=read_rows,
        meta=tuple(TableCell(c.clean, c.line, c.column) for c in meta),
        headers=tuple(
            TableCell(c.label, c.line, c.column, i)
            for row in headers + repeated
            for i, c in enumerate(row.cells)
        ),
        note=clean(note.text) if note else "",
        note_line=note.line if note else None,
        unread=whole is not None,
    )
    found.tables.append(table)


def _unit(meta: list[Cell], headers: list[Row]) -> str | None:
    texts = [c.text for c in meta] + [c.text for row in headers for c in row.cells]
    return next((m[1] for text in texts if (m := UNIT.search(label(text)))), None)


class _TableReader:
    """Maps data rows onto the header's columns; cells that do not fit become BP004."""

    def __init__(self, title: str, headers: list[Row], data: list[Row], problems: list[Problem]) -> None:
        self.title, self.data, self.problems = title, data, problems
        named = [row for row in headers if label(row.text(0)) != "栏次"]
        widths = [len(row.cells) for row in headers] or [max((len(r.cells) for r in data), default=0)]
        self.width = max(widths)
        named_columns = columns(named, self.width)
        self.columns = (
            named_columns if named_columns is not None else [f"列{i + 1}" for i in range(self.width)]
        )
        if named_columns is None:
            where = named[0].cells[0] if named else (data[0].cells[0] if data else None)
            if where is not None:
                self._problem(where, Message.of("BP004.merged_header"))
        leaves = [column.rsplit("/", 1)[-1] for column in self.columns]
        self.number = _find(leaves, lambda leaf: leaf == "序号")
        self.code = _find(leaves, lambda leaf: "编码" in leaf)
        # Codes printed over 类/款/项 columns (201 | 03 | 01) read as one code: 2010301.
        self.code_parts = [i for i, leaf in enumerate(leaves) if leaf in ("类", "款", "项")]
        # Every code column (单位编码, 政府经济科目编码 beside 部门经济科目编码) holds no amount, nor a
        # column of dates (实施采购时间: `12` is December).
        self.codes = [
            i
            for i, leaf in enumerate(leaves)
            if LEXICON.code_column.search(leaf) or LEXICON.date_column.search(leaf)
        ]
        self.labels = [i for i, leaf in enumerate(leaves) if LEXICON.is_label(leaf)]
        # What each column is, asked at every cell of every row: said once a table. A column's
        # label column is the last label column at or left of it; 序号 and 科目编码 are printed
        # as numbers but are no figures.
        self.label_of = [
            max((i for i in self.labels if i <= index), default=None) for index in range(self.width)
        ]
        self.no_figures = frozenset(
            i for i in (self.number, self.code, *self.code_parts, *self.codes) if i is not None
        )

    def rows(self):
        for row in self.data:
            if not row.filled:
                continue
            cells = self._fit(row)
            yield TableRow(
                line=row.line,
                number=self._text(cells, self.number),
                code=self._code(cells),
                label=self._text(cells, self.labels[0] if self.labels else None),
                cells=tuple(self._cell(cells, i) for i in range(self.width)),
            )

    def _fit(self, row: Row) -> list[Cell]:
        cells = list(row.cells)
        beyond = [extra for extra in cells[self.width :] if extra.value]
        if beyond:  # once per row: the row is what does not fit
            self._problem(beyond[0], Message.of("BP004.beyond_header", count=len(beyond)))
        if row.layout != PDF and len(cells) < self.width:
            self._problem(row.filled[0], Message.of("BP004.short_row", cells=len(cells), width=self.width))
        # A PDF row drops its trailing empty fields: they stand just after its last one.
        last = cells[-1] if cells else Cell("", row.line, 0)
        after = Cell("", row.line, last.column + len(last.text) + 1)
        return cells[: self.width] + [after] * (self.width - len(cells))

    def _cell(self, cells: list[Cell], index: int) -> TableCell:
        cell = cells[index]
        text = cell.clean
        left = self.label_of[index]
        return TableCell(
            text=text,
            line=cell.line,
            column=cell.column,
            index=index,
            header=self.columns[index],
            label=cells[left].clean if left is not None else "",
            amount=None if index in self.no_figures or text in _BLANK_FIGURE else amount(text),
        )

    def _code(self, cells: list[Cell]) -> str:
        if len(self.code_parts) >= 2:
            return "".join(cells[i].label for i in self.code_parts)
        return label(self._text(cells, self.code))

    @staticmethod
    def _text(cells: list[Cell], index: int | None) -> str:
        return cells[index].clean if index is not None else ""

    def _problem(self, cell: Cell, said: Message) -> None:
        self.problems.append(Problem("BP004", cell.line, cell.column, said, table=self.title, raw=cell.value))


def _find(leaves: list[str], test) -> int | None:
    return next((i for i, leaf in enumerate(leaves) if test(leaf)), None)

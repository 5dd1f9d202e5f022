"""The document's own list of its tables (目录, 报表目录, `第二部分 部门预算表 一、收支总表 …`).

What a disclosure says it contains is what bplint owes a reading of: each listed table is matched
with a table read, each listed project sheet (`1.公车改革经费绩效目标表`) with a project read (BP006
for one that was not), and a list that marks a table empty (西安's `是否空表 | 是 | 不涉及`)
explains that empty table (BP602).
"""

from __future__ import annotations

from difflib import SequenceMatcher
from itertools import islice

from bplint import regexes
from bplint.extract.lexicon import LEXICON, OTHER_KIND
from bplint.extract.sheettitle import sheet_title
from bplint.extract.tables import table_kind
from bplint.extract.text import NUMERAL, label
from bplint.layout import Block, Paragraph, Row
from bplint.messages import Message
from bplint.model.document import Listed, Problem, Table
from bplint.model.kind import DocumentKind

# A heading naming the set of tables (`四、2026 年预算公开表`, `第二部分 2026年部门预算表`): the
# list may follow it instead of a 目录 (杭州).
_PART = regexes.compile(rf"^(?:第{NUMERAL}部分|{NUMERAL}[、.．])?(?P<rest>.{{2,30}})$")
# Dot leaders and the page number after an entry: `一、收支预算总表………… 12`.
_LEADER = regexes.compile(r"\s*(?:[.．…·。-]{2,}\s*\d*|\s\d{1,3})\s*$")
SHEET = "绩效目标表"  # the kind of a listed project sheet
_WINDOW = 160  # blocks after the heading a list of tables may take
_GAP = 12  # blocks of other text after which a list that has begun is over
_FIRST = 40  # blocks after the heading within which the list must begin
_PART_GAP = 3  # paragraphs (part headings) a list's entries may have between them
_YEAR = regexes.compile(r"(?:^|(?<=\D))(?:19|20)\d{2}\s*(?:年度?)?(?=\D|$)")
_NOISE = regexes.compile(r"[\s“”\"‘’'《》]")


def read_contents(blocks: list[Block]) -> tuple[tuple[Listed, ...], frozenset[int]]:
    """The tables the document lists (in every 目录 it has), in its order, () when it has none; and
    the lines of the lists, from each heading to its last entry (its other entries, 一、部门职责 …,
    are read as the list's too)."""
    listed: list[Listed] = []
    lines: set[int] = set()
    seen: set[str] = set()
    for start, block in enumerate(blocks):
        if _is_heading(block):
            found = list(_listed_after(blocks, start, seen))
            listed.extend(entry for _, entry in found)
            last = found[-1][0] if found else start
            lines.update(b.line for b in blocks[start : _list_end(blocks, last) + 1])
    return tuple(listed), frozenset(lines)


def _list_end(blocks: list[Block], index: int) -> int:
    """The last line of a list going on from `index` after its tables: the entries for the parts
    and sheets (`一、总体绩效目标 | 1`, `表14 | 部门专项业务经费绩效目标表`), part headings between."""
    last, gap = index, 0
    for at in range(index + 1, min(index + 1 + _WINDOW, len(blocks))):
        block = blocks[at]
        if isinstance(block, Row) and _entry_like(block):
            last, gap = at, 0
        elif isinstance(block, Row) or (gap := gap + 1) > _PART_GAP:
            break
    return last


def _entry_like(row: Row) -> bool:
    texts = [cell.label for cell in row.filled]
    return bool(texts) and bool(
        LEXICON.entry_number.match(texts[0]) or (texts[-1].isdigit() and len(texts[-1]) <= 3)
    )


def _listed_after(blocks: list[Block], start: int, seen: set[str]):
    """(index, entry) for each table listed after the heading at `start`."""
    gap = 0
    for index in range(start + 1, min(start + 1 + _WINDOW, len(blocks))):
        block = blocks[index]
        entry = _entry(block)
        if entry is not None and _printed_table(blocks, index):
            return  # past the list: this title heads its own table
        if entry is None:
            gap += 1
            if gap > (_GAP if seen else _FIRST):  # the list is over, or there is none
                return
            continue
        if entry.title in seen:  # the document now prints the tables themselves
            return
        gap = 0
        seen.add(entry.title)
        yield index, entry


def _printed_table(blocks: list[Block], index: int) -> bool:
    """A title paragraph followed by its table's meta line or rows, not by the next entry."""
    if not isinstance(blocks[index], Paragraph):
        return False
    following = next(
        (b for b in blocks[index + 1 : index + 4] if not isinstance(b, Paragraph) or b.text), None
    )
    return isinstance(following, Row) or (
        following is not None and bool(LEXICON.meta.match(label(following.text)))
    )


def _texts(block: Block) -> list[str]:
    return [block.text] if isinstance(block, Paragraph) else [c.value for c in block.filled]


def _is_heading(block: Block) -> bool:
    # 上海's 目录 is printed inside a ruled box: a row of one cell.
    if isinstance(block, Paragraph):
        text = label(block.text)
    elif len(block.filled) == 1:
        text = block.filled[0].label  # (its label: the row's, kept on the cell)
    else:
        return False
    return bool(
        LEXICON.contents_heading.match(text)
        or ((part := _PART.match(text)) and LEXICON.table_group.match(part["rest"]))
    )


def _entry(block: Block) -> Listed | None:
    texts = _texts(block)
    titles = [_title(text) for text in texts]
    line = block.line
    for index, (text, title) in enumerate(zip(texts, titles, strict=True)):
        kind = table_kind(title) if title else None
        if kind:
            marks = texts[index + 1 :] if isinstance(block, Row) else [text]
            empty = any(LEXICON.contents_empty.match(mark) for mark in marks)
            return Listed(title=title, kind=kind, line=line, empty=empty)
    return next((Listed(title=t, kind=SHEET, line=line) for t in titles if t and sheet_title(t)), None)


def _title(text: str) -> str:
    # The leader first: `收支总表 12` keeps the space that tells its page number from its name.
    return LEXICON.entry_number.sub("", label(_LEADER.sub("", text))).lstrip("、.．:：")


def match(listed: tuple[Listed, ...], tables: tuple[Table, ...]) -> tuple[Listed, ...]:
    """Each listed table with the line of the table read for it (None when none was read).

    A title printed alike is matched first; then one of the same kind whose title contains the
    listed one or is contained in it; then, in order, the next unmatched table of the same kind
    (the list and the tables may word a title differently: 收支预算总表 and 收支总表).
    """
    left = list(tables)
    found: list[Listed] = []
    for entry in listed:
        table = _pick(entry, left)
        if table is not None:
            left.remove(table)
        found.append(entry.read(table.line if table else None))
    return tuple(found)


def _pick(entry: Listed, tables: list[Table]) -> Table | None:
    core = _core(entry.title)
    exact = next((t for t in tables if _core(t.title) == core), None)
    if exact is not None:
        return exact
    same = [t for t in tables if t.kind == entry.kind]
    near = next((t for t in same if core in _core(t.title) or _core(t.title) in core), None)
    if near is not None:
        return near
    if same and entry.kind != OTHER_KIND:
        return same[0]
    return _most_alike(core, same, lambda table: _core(table.title))


# How alike a listed title and a printed one must be (difflib's ratio) where neither contains the
# other: `财政拨款上年结转资金支出表` listed, `财政拨款结转资金支出表` printed; `部门专项业务经费绩效目标表`
# listed, `部门预算专项业务经费绩效目标表` printed.
_ALIKE = 0.85


def _most_alike(core: str, candidates: list, title):
    """The candidate whose title is most like `core`, if alike enough."""
    scored = [(SequenceMatcher(None, core, title(c)).ratio(), i) for i, c in enumerate(candidates)]
    best = max(scored, default=None)
    return candidates[best[1]] if best is not None and best[0] >= _ALIKE else None


def match_sheets(listed: tuple[Listed, ...], read: list[tuple[str, int]]) -> tuple[Listed, ...]:
    """Each listed sheet with the line of a sheet read for it: a project whose name or title is the
    listed one's (years aside), or contains it or is contained in it (`项目支出` lists 长沙's
    `2026年项目支出` sheets); `read` has each project's name and title, and each blank sheet's."""
    cores = [(_core(name), line) for name, line in read if len(_core(name)) >= 2]
    found = []
    for entry in listed:
        core = _core(sheet_title(entry.title) or entry.title)
        line = next((at for name, at in cores if name == core), None)
        if line is None:
            line = next((at for name, at in cores if core in name or name in core), None)
        if line is None and (alike := _most_alike(core, cores, lambda pair: pair[0])) is not None:
            line = alike[1]
        found.append(entry.read(line))
    return tuple(found)


def _core(title: str) -> str:
    return _NOISE.sub("", _YEAR.sub("", title))


_OPENING = 60  # paragraphs


def unread(
    blocks: list[Block], contents: tuple[Listed, ...], tables: int, projects: int,
    kind: DocumentKind = DocumentKind.UNKNOWN,
) -> list[Problem]:  # fmt: skip
    """What was not read: the whole document (BP007) or the listed tables one by one (BP006);
    BP002 for a file that does not look like a disclosure at all."""
    if tables or projects:
        return [_unread_table(entry) for entry in contents if entry.table_line is None]
    opening = islice((b.text for b in blocks if isinstance(b, Paragraph)), _OPENING)
    if contents or any(LEXICON.disclosure.search(text) for text in opening):
        if not any(isinstance(b, Row) for b in blocks):
            return [_text_alone(kind)]
        return [Problem("BP007", 1, 1, _no_table(kind, len(contents)))]
    return [Problem("BP002", 1, 1)]  # the rule's message says it


def _no_table(kind: DocumentKind, listed: int) -> Message:
    """A disclosure none of whose tables was read: those its 目录 lists, or (no 目录) all of them."""
    if listed:
        return Message.of("BP007.no_listed_table", kind=kind.wording, count=listed)
    return Message.of("BP007.no_table", kind=kind.wording, tables=kind.tables_word, sheets=kind.sheets_word)


def _text_alone(kind: DocumentKind) -> Problem:
    """A 说明 published apart from its tables: its text was read, its tables are elsewhere."""
    return Problem("BP007", 1, 1, Message.of("BP007.text_alone", kind=kind.wording))


def _unread_table(entry: Listed) -> Problem:
    if entry.kind == SHEET:
        said = Message.of("BP006.unread_sheet", title=entry.title)
        return Problem("BP006", entry.line, 1, said, project=sheet_title(entry.title))
    said = Message.of("BP006.unread_table", title=entry.title)
    return Problem("BP006", entry.line, 1, said, table=entry.title)

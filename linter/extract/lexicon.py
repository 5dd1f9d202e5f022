"""The layout vocabulary (`lexicon.yaml`): table kinds, the lines around a table, column roles,
the labels of a project sheet, and the one tree of performance indicators.

Read once per process; a broken entry is a bug of the package, so it fails loudly at import.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import regex

from bplint import cache, regexes
from bplint.extract.text import ENUMERATOR
from bplint.structured import yaml_documents

OTHER_KIND = "其他表"


@dataclass(frozen=True)
class DocumentWords:
    """What a document says it is (lexicon.yaml `document_kinds`; bplint.model.kind reads them)."""

    title: regex.Pattern
    accounts_table: regex.Pattern
    budget_table: regex.Pattern
    unit: regex.Pattern
    placeholder: regex.Pattern
    template_paragraphs: int


@dataclass(frozen=True)
class Lexicon:
    kinds: tuple[tuple[str, regex.Pattern], ...]
    title_end: regex.Pattern
    agency_suffix: str  # a pattern's alternatives, for meta.py's agency patterns
    unit_suffix: str  # further endings of a subordinate unit's name, for counts.py
    meta: regex.Pattern
    sheet_heading_cell: regex.Pattern
    measure_suffix: regex.Pattern
    agency_label: regex.Pattern
    cover_words: regex.Pattern  # the year and kind a cover prints around the agency's name
    agency_name: regex.Pattern  # a whole name: Chinese ending in an agency's suffix, its qualifier
    disclosure_tables: frozenset[str]
    date_column: regex.Pattern
    total_label: regex.Pattern
    label_header_word: regex.Pattern
    column_mark: regex.Pattern
    not_money: frozenset[str]
    contents_heading: regex.Pattern
    contents_empty: regex.Pattern
    table_note: regex.Pattern
    disclosure: regex.Pattern
    table_number: regex.Pattern
    entry_number: regex.Pattern  # a 目录 entry's number: 一、 （一） 1. 表4： 公开04表
    table_group: regex.Pattern
    other_table: regex.Pattern
    code_column: regex.Pattern
    label_columns: frozenset[str]
    project_columns: tuple[tuple[str, regex.Pattern], ...]
    project_column: regex.Pattern  # the same, one alternative a role: `project_role`
    whole_sheet: regex.Pattern
    sheet_title: regex.Pattern
    sheet_reference: regex.Pattern
    sheet_labels: dict[str, frozenset[str]]  # code, name, budget, other, goals → the labels printed
    schedule_label: regex.Pattern
    tree: dict[str, tuple[str, ...]]  # 一级 → its 二级
    known: frozenset[str]  # every category the tree names, 一级 and 二级
    aliases: dict[str, str]
    counts_as: tuple[tuple[str, regex.Pattern], ...]
    indicator_columns: dict[str, str]  # header text → field
    indicator_extra: regex.Pattern
    fund_labels: dict[str, str]  # label → total, fiscal, other
    detail_labels: frozenset[str]
    task_labels: frozenset[str]
    function_classes: frozenset[str]
    bare_classes: frozenset[str]  # the classes a text may name without （类）
    change_up: tuple[str, ...]  # the narrative's words: see lexicon.yaml
    change_down: tuple[str, ...]
    compare_words: tuple[str, ...]
    breakdown_markers: tuple[str, ...]
    steady_words: tuple[str, ...]
    reason_words: tuple[str, ...]
    sentence_words: tuple[str, ...]
    document_kinds: DocumentWords
    execution: dict[str, regex.Pattern]  # a 决算's 预算 against 决算 words (model/execution.py)
    self_evaluation: dict[str, regex.Pattern]  # a 决算's 绩效自评表: title and headers (extract/selfeval.py)
    fund_scopes: tuple[tuple[str, regex.Pattern], ...]  # fund → its words, the most specific first
    all_funds_heading: regex.Pattern  # a heading of all the department's funds (extract/scope.py)
    all_funds_title: regex.Pattern
    all_funds_label: regex.Pattern

    def kind(self, title: str) -> str | None:
        """The kind a table title names; 其他表 when it names none we know; None for a table's
        number (公开02表) or the name of the whole set (部门预算表)."""
        if self.table_number.match(title):
            return None
        found = next((kind for kind, pattern in self.kinds if pattern.search(title)), None)
        if found is None and (self.table_group.match(title) or not self.other_table.match(title)):
            return None
        return found or OTHER_KIND

    def project_role(self, text: str) -> str | None:
        """The role of a project list's column its header names (the first of `project_columns` whose
        pattern matches the whole text), or None."""
        return _role(self.project_column, text)

    def is_not_money(self, column: str) -> bool:
        """Whether a column (a header path, read by its last word) holds numbers that are no money:
        序号, 行次, 数量, codes."""
        return column.rsplit("/", 1)[-1] in self.not_money or bool(self.code_column.search(column))

    def is_label(self, column: str) -> bool:
        """Whether a column (a header path `收入/项目`, or its last word) names the rows (项目, 科目名称);
        a mark printed where the others print column numbers (`功能分类科目名称/**`) is no word."""
        words = column.split("/")
        if len(words) > 1 and self.column_mark.match(words[-1]):
            words.pop()
        word = _QUALIFIER.sub("", words[-1])  # `支出功能分类科目（按大类）` (西安)
        return word in self.label_columns or word.endswith(("科目名称", "分类科目"))

    def category(self, name: str) -> str:
        """The tree's name for an indicator category: `效果指标` is 效益指标, `经济成本` 经济成本指标."""
        if name in self.aliases:
            return self.aliases[name]
        return name + "指标" if name and not name.endswith("指标") and name + "指标" in self.known else name

    def parents(self, level2: str) -> tuple[str, ...]:
        """The 一级 names a 二级 may stand under, each with its other names; a 一级 printed in the
        二级 column too (成本指标 of the 2021 tree) stands under itself."""
        own = self.category(level2)
        found = [parent for parent, children in self.tree.items() if own in children]
        found += [own] if own in self.tree and own not in found else []
        return tuple(name for parent in found for name in (parent, *self._names_of(parent)))

    def in_tree(self, level1: str, level2: str) -> bool:
        """Whether the 二级 stands under a 一级 of the tree that has it, or one it counts as (a
        满意度 the tree does not name, under 满意度指标)."""
        parent, own = self.category(level1), self.category(level2)
        return own in self.tree.get(parent, ()) or (parent in self.tree and parent in self.counted(own))

    def categories(self, name: str) -> list[str]:
        """A category's name, the tree's name for it, and what it counts as."""
        own = self.category(name)
        return list(dict.fromkeys(n for n in [name, own, *self.counted(own)] if n))

    def counted(self, category: str) -> list[str]:
        """The categories a name counts as by `indicator_counts_as`."""
        return [counted for counted, pattern in self.counts_as if pattern.search(category)]

    def _names_of(self, category: str) -> list[str]:
        return [alias for alias, name in self.aliases.items() if name == category]


def _load() -> Lexicon:
    text = resources.files("bplint.extract").joinpath("lexicon.yaml").read_text("utf-8")
    # libyaml where PyYAML has it: 15 ms → 1 ms; kept as JSON in the cache, PyYAML is not even imported.
    data = cache.shipped("lexicon", text, lambda t: yaml_documents(t)[0])
    agency = data["agency_suffix"]
    meta = "|".join(f"(?:{p})" for p in data["meta_lines"]).replace("{agency}", agency)
    tree = {parent: tuple(children) for parent, children in data["indicator_tree"].items()}
    return Lexicon(
        kinds=tuple((entry["kind"], regexes.compile(entry["title"])) for entry in data["table_kinds"]),
        title_end=regexes.compile(f"(?:{data['table_title_end']})$"),
        agency_suffix=agency,
        unit_suffix=data["unit_suffix"],
        meta=_whole(meta),
        sheet_heading_cell=_whole(data["sheet_heading_cells"]),
        measure_suffix=regexes.compile(f"(?:{data['measure_suffix']})$"),
        disclosure_tables=frozenset(data["disclosure_tables"]),
        date_column=regexes.compile(data["date_column"]),
        # The name ends where a space, another label (`单位：元` printed right after it) or the text does.
        agency_label=regexes.compile(
            "(?:"
            + "|".join(map(regex.escape, data["agency_labels"]))
            + r")[:：]\s*(?P<name>[\p{Han}（）()]{4,40}?)(?=(?:"
            + "|".join(map(regex.escape, data["agency_followers"]))
            + r")[:：]|[^\p{Han}（）()]|$)"
        ),
        cover_words=regexes.compile(data["cover_words"]),
        agency_name=regexes.compile(
            rf"^\p{{Han}}[\p{{Han}}（）()]{{3,40}}(?:{data['agency_suffix']})(?:{data['agency_qualifier']})?$"
        ),
        total_label=regexes.compile(data["total_label"]),
        label_header_word=regexes.compile(data["label_header_words"]),
        column_mark=_whole(data["column_marks"]),
        not_money=frozenset(data["not_money_columns"]),
        contents_heading=_whole(data["contents_heading"]),
        contents_empty=_whole(data["contents_empty"]),
        table_note=regexes.compile(f"^(?:{data['table_note']})"),
        disclosure=regexes.compile(data["disclosure"]),
        table_number=_whole(data["table_number"]),
        entry_number=regexes.compile(rf"^(?:{ENUMERATOR}|(?:{data['table_number']})[：:]?)"),
        table_group=_whole(data["table_group"]),
        other_table=_whole(data["other_table"]),
        code_column=regexes.compile(data["code_column"]),
        label_columns=frozenset(data["label_columns"]),
        project_columns=tuple((role, _whole(pattern)) for role, pattern in data["project_columns"].items()),
        project_column=_roles(data["project_columns"]),
        whole_sheet=regexes.compile(data["whole_sheet"]),
        sheet_title=_whole(data["sheet_title"]),
        sheet_reference=regexes.compile(data["sheet_reference"]),
        sheet_labels={role: frozenset(texts) for role, texts in data["sheet_labels"].items()},
        schedule_label=_whole(data["schedule_label"]),
        tree=tree,
        known=frozenset(tree) | {child for children in tree.values() for child in children},
        aliases=dict(data["indicator_aliases"]),
        counts_as=tuple((name, regexes.compile(p)) for name, p in data["indicator_counts_as"].items()),
        indicator_columns=_inverted(data["indicator_columns"]),
        indicator_extra=_whole(data["indicator_extra_columns"]),
        fund_labels=_inverted(data["fund_labels"]),
        detail_labels=frozenset(data["detail_labels"]),
        task_labels=frozenset(data["task_labels"]),
        function_classes=frozenset(data["function_classes"]),
        bare_classes=frozenset(data["function_classes"]) - frozenset(data["bare_class_excluded"]),
        change_up=tuple(data["change_words"]["up"]),
        change_down=tuple(data["change_words"]["down"]),
        compare_words=tuple(data["compare_words"]),
        breakdown_markers=tuple(data["breakdown_markers"]),
        steady_words=tuple(data["steady_words"]),
        reason_words=tuple(data["reason_words"]),
        sentence_words=tuple(data["sentence_words"]),
        document_kinds=_document_words(data["document_kinds"]),
        execution={key: regexes.compile(text) for key, text in data["execution"].items()},
        self_evaluation={key: _whole(text) for key, text in data["self_evaluation"].items()},
        fund_scopes=tuple((fund, regexes.compile(words)) for fund, words in data["fund_scopes"].items()),
        all_funds_heading=regexes.compile(data["all_funds_heading"]),
        all_funds_title=regexes.compile(data["all_funds_title"]),
        all_funds_label=regexes.compile(data["all_funds_label"]),
    )


def _document_words(data: dict) -> DocumentWords:
    patterns = {key: regexes.compile(text) for key, text in data.items() if isinstance(text, str)}
    return DocumentWords(**patterns, template_paragraphs=int(data["template_paragraphs"]))


# A bracketed qualifier ending a column's name says how its rows are grouped, not what they are.
_QUALIFIER = regexes.compile(r"[（(][^（）()]*[）)]$")


def alternatives(words: tuple[str, ...]) -> str:
    """Words as a pattern's alternatives, in their order (the data lists the longer first)."""
    return "|".join(regex.escape(word) for word in words)


# A sheet reader asks every label of every row for its role (a list's header is looked for at each
# row): the same few hundred labels (一级指标, 数量指标 …) over and over, kept here by text.
@functools.lru_cache(maxsize=4096)
def _role(pattern: regex.Pattern, text: str) -> str | None:
    found = pattern.match(text)
    return found.lastgroup if found else None


def _whole(pattern: str) -> regex.Pattern:
    """A pattern that must match a whole text."""
    return regexes.compile(f"^(?:{pattern})$")


def _roles(patterns: dict[str, str]) -> regex.Pattern:
    """Patterns by role as one, a named alternative a role, in order: the alternatives are tried in
    turn, so the role matched is the first whose pattern matches the whole text, as a loop over
    them would find, in one search where every header cell of every row is asked."""
    return _whole("|".join(f"(?P<{role}>{pattern})" for role, pattern in patterns.items()))


def _inverted(roles: dict[str, list[str]]) -> dict[str, str]:
    """`{field: [header, …]}` as the data file groups them, to header → field."""
    return {text: role for role, texts in roles.items() for text in texts}


LEXICON = _load()

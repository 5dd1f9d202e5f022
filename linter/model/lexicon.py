"""The layout vocabulary (`lexicon.yaml`): table kinds, the lines around a table, column roles.

Read once per process; a broken entry is a bug of the package, so it fails loudly at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import regex
import yaml

OTHER_KIND = "其他表"


@dataclass(frozen=True)
class Lexicon:
    kinds: tuple[tuple[str, regex.Pattern], ...]
    meta: regex.Pattern
    table_number: regex.Pattern
    table_group: regex.Pattern
    other_table: regex.Pattern
    code_column: regex.Pattern
    label_columns: frozenset[str]
    project_columns: tuple[tuple[str, regex.Pattern], ...]
    whole_sheet: regex.Pattern

    def kind(self, title: str) -> str | None:
        """The kind a table title names; 其他表 when it names none we know; None for a table's
        number (公开02表) or the name of the whole set (部门预算表)."""
        if self.table_number.match(title):
            return None
        found = next((kind for kind, pattern in self.kinds if pattern.search(title)), None)
        if found is None and (self.table_group.match(title) or not self.other_table.match(title)):
            return None
        return found or OTHER_KIND


def _load() -> Lexicon:
    data = yaml.safe_load(resources.files("bplint.model").joinpath("lexicon.yaml").read_text("utf-8"))
    return Lexicon(
        kinds=tuple((entry["kind"], regex.compile(entry["title"])) for entry in data["table_kinds"]),
        meta=regex.compile("^(?:" + "|".join(f"(?:{p})" for p in data["meta_lines"]) + ")$"),
        table_number=regex.compile(f"^(?:{data['table_number']})$"),
        table_group=regex.compile(f"^(?:{data['table_group']})$"),
        other_table=regex.compile(f"^(?:{data['other_table']})$"),
        code_column=regex.compile(data["code_column"]),
        label_columns=frozenset(data["label_columns"]),
        project_columns=tuple(
            (role, regex.compile(f"^(?:{pattern})$")) for role, pattern in data["project_columns"].items()
        ),
        whole_sheet=regex.compile(data["whole_sheet"]),
    )


LEXICON = _load()

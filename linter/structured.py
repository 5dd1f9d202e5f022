"""Configuration read as input: the YAML, TOML and JSON people write (a `bplint.yaml`, a
`pyproject.toml`, a rule pack, a baseline), from files that may come with the documents.

Each is a regular UTF-8 file of at most `pack-mb` (bplint.read.read_small: a device, a FIFO or
/dev/zero is refused before anything is read), without YAML aliases (470 bytes of them stand
for billions of nodes), nested at most MAX_DEPTH deep (deeper is a parser's recursion error);
parsing is then linear in the file's size, so the size bounds the time too.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bplint import read

if TYPE_CHECKING:
    import yaml

# PyYAML is imported when a YAML text is read: a lint whose rules and data come from the cache
# (bplint.cache) reads none, and importing it is a twentieth of a lone file's run.
MAX_DEPTH = 64  # no configuration, rule or baseline comes near it; conditions are bounded at 64 too


def loader() -> type:
    """PyYAML's safe loader: libyaml's when installed."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StructureError(ValueError):
    """What is wrong, in Chinese, with where (`file:line`) when it is known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def text(path: str | Path, mb: int) -> str:
    """The file's text; StructureError when it is not a small regular UTF-8 file."""
    try:
        return read.read_small(path, mb)
    except read.ReadError as error:
        raise StructureError(f"无法读取：{error.zh}") from None


def _line(event: yaml.Event) -> int | None:
    """The line an event starts on (the parser marks every event it makes)."""
    return event.start_mark.line + 1 if event.start_mark is not None else None


def yaml_documents(source: str, reader: type | None = None) -> list[Any]:
    """The YAML documents of a text, without aliases and at most MAX_DEPTH deep; `reader`, a loader
    (the safe one by default)."""
    import yaml

    reader = reader or loader()
    depth = 0
    try:
        for event in yaml.parse(source, Loader=reader):
            if isinstance(event, yaml.AliasEvent):
                raise StructureError(f"不能使用 YAML 别名（*{event.anchor}）；请直接写出内容", _line(event))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise StructureError(f"嵌套超过 {MAX_DEPTH} 层", _line(event))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return list(yaml.load_all(source, Loader=reader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = str(getattr(error, "problem", None) or error)
        if "nesting depth" in problem:  # libyaml's own bound, met before the events above
            raise StructureError(f"嵌套超过 {MAX_DEPTH} 层", line) from None
        raise StructureError(f"YAML 格式错误：{problem}", line) from None


def yaml_one(source: str) -> Any:
    """The one YAML document of a configuration (none: an empty mapping)."""
    documents = yaml_documents(source)
    if len(documents) > 1:
        raise StructureError("配置文件只应有一个 YAML 文档")
    return documents[0] if documents and documents[0] is not None else {}


def toml(source: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise StructureError(f"TOML 格式错误：{error}") from None
    except RecursionError:
        raise StructureError(f"嵌套超过 {MAX_DEPTH} 层") from None
    return _shallow(data)


def json_value(source: str) -> Any:
    try:
        data = json.loads(source)
    except ValueError as error:
        raise StructureError(f"JSON 格式错误：{error}") from None
    except RecursionError:
        raise StructureError(f"嵌套超过 {MAX_DEPTH} 层") from None
    return _shallow(data)


def _shallow(data: Any) -> Any:
    """`data` when it nests at most MAX_DEPTH deep (counted without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise StructureError(f"嵌套超过 {MAX_DEPTH} 层")
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return data

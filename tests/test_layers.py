"""The model is data (issue 31, item 2): no module under bplint.model imports a reader (bplint.extract),
a format's reader, the decoding of files, the expression parsers, or a pattern or grammar engine
(regex, re, lark).  Of the layout and of the values it may name only the data they define, never
their parsers (layout.blocks, values.parse_value).  Read from the modules' imports with ast, those
inside functions and under TYPE_CHECKING too."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "linter"

_FORBIDDEN = ("bplint.extract", "bplint.formats", "bplint.read", "bplint.parsers", "regex", "re", "lark")
# What the model may name of a module that also holds a parser: its data classes and their arithmetic.
_DATA_ONLY = {
    "bplint.layout": {"Block", "Cell", "Row", "Paragraph", "WORD", "PDF", "ACROSS", "DOWN"},
    "bplint.values": {
        "Value",
        "Quantity",
        "Range",
        "Deadline",
        "Qualitative",
        "Empty",
        "half_unit",
        "last_digit",
    },
}


def _imports(tree: ast.AST) -> list[tuple[str, str | None, int]]:
    """(module, name or None for the whole module, line) of every import in the tree."""
    found: list[tuple[str, str | None, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                # `from bplint import layout` names a module: the whole of it.
                whole = f"{node.module}.{alias.name}"
                module = ROOT / alias.name
                if node.module == "bplint" and (module.with_suffix(".py").exists() or module.is_dir()):
                    found.append((whole, None, node.lineno))
                else:
                    found.append((node.module, alias.name, node.lineno))
    return sorted(found, key=lambda item: item[2])


def _breaches(source: str, where: str) -> list[str]:
    said = []
    for module, name, line in _imports(ast.parse(source)):
        if any(module == bad or module.startswith(bad + ".") for bad in _FORBIDDEN):
            said.append(f"{where}:{line} imports {module}")
        elif module in _DATA_ONLY and (name is None or name not in _DATA_ONLY[module]):
            said.append(f"{where}:{line} imports {module}.{name or '*'}, not data")
    return said


def model_breaches(model: Path = ROOT / "model") -> list[str]:
    return [
        breach
        for path in sorted(model.glob("*.py"))
        for breach in _breaches(path.read_text("utf-8"), f"model/{path.name}")
    ]


def test_the_model_imports_no_reader_parser_or_pattern_engine():
    assert model_breaches() == []


def test_the_check_sees_each_kind_of_breach():
    """Each way a reader could come back into the model is caught."""
    source = "\n".join(
        [
            "import regex",
            "from bplint.extract.narrative import passages",
            "from bplint import layout",
            "from bplint.layout import blocks, Paragraph",
            "from bplint.values import parse_value, Quantity",
            "def f():",
            "    from bplint.formats import pdf",
            "if TYPE_CHECKING:",
            "    from bplint.read import Source",
        ]
    )
    assert [b.split(" ", 1)[1] for b in _breaches(source, "m.py")] == [
        "imports regex",
        "imports bplint.extract.narrative",
        "imports bplint.layout.*, not data",
        "imports bplint.layout.blocks, not data",
        "imports bplint.values.parse_value, not data",
        "imports bplint.formats",
        "imports bplint.read",
    ]


def test_the_readers_live_apart_and_build_is_theirs():
    """One entry builds a Document: bplint.extract.build; the model package has none."""
    import bplint.extract
    import bplint.model

    assert callable(bplint.extract.build)
    assert not hasattr(bplint.model, "build")

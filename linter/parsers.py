"""The Lark parsers of values, rule expressions and identities, from tables built ahead of time.

Building an LALR parser from a grammar costs Lark about 100 ms for the three, at every start.
Lark's own `cache=True` keeps the built tables as a pickle in the shared temp folder, under a name
anyone can predict, and unpickles it at the next start: whoever writes that file first runs code
as the next user of bplint.  Instead the tables are built when a grammar changes
(`python -m bplint.parsers`), kept in the package beside the grammars as JSON (`grammars/*.json`),
and read with json: data, never code, from where bplint's own code is.  A table whose grammar
text (its SHA-256) or Lark version does not match is not used: the parser is then built from the
grammar, as Lark builds it without a cache, the same parser ~100 ms later.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from typing import Any

import lark
from lark.grammar import Rule
from lark.lexer import TerminalDef

FORMAT = 1
_INT_KEYS = "#int"  # JSON keys are strings; Lark's tables key states and tokens by number


def load(name: str, grammar: str, **options: Any) -> lark.Lark:
    """The LALR parser of `grammar`, from grammars/`name`.json when it was built from this text;
    `options` are those Lark applies when loading (a transformer)."""
    tables = _shipped(name)
    if tables is not None and tables.get("key") == key(grammar):
        try:
            return lark.Lark._load_from_dict(tables["data"], tables["memo"], **options)
        except Exception:  # tables of another shape: built below, as without them
            pass
    return lark.Lark(grammar, parser="lalr", **options)


def key(grammar: str) -> str:
    """What the tables depend on: the grammar's text, the Lark that built them, their format."""
    text = f"{FORMAT}\n{lark.__version__}\n{grammar}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tables(grammar: str) -> str:
    """The JSON text of the parser tables of `grammar`, as `load` reads them."""
    data, memo = lark.Lark(grammar, parser="lalr").memo_serialize([TerminalDef, Rule])
    document = {"key": key(grammar), "lark": lark.__version__, "data": data, "memo": memo}
    return json.dumps(_encoded(document), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def _shipped(name: str) -> dict[str, Any] | None:
    try:
        text = resources.files("bplint.grammars").joinpath(f"{name}.json").read_text(encoding="utf-8")
        return json.loads(text, object_hook=_decoded)
    except (OSError, ValueError):
        return None


def _encoded(value: Any) -> Any:
    if isinstance(value, dict):
        if value and all(isinstance(k, int) for k in value):
            return {_INT_KEYS: [[k, _encoded(v)] for k, v in value.items()]}
        return {str(k): _encoded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encoded(v) for v in value]
    return value


def _decoded(value: dict[str, Any]) -> Any:
    if set(value) == {_INT_KEYS}:
        return {int(k): v for k, v in value[_INT_KEYS]}
    return value


def grammars() -> dict[str, str]:
    """The three grammars by table name, as their modules build them."""
    from bplint import values
    from bplint.engine import expr, identity

    return {"value": values.grammar(), "expr": expr._grammar(), "identity": identity._grammar()}


def main() -> None:
    """Write grammars/*.json beside the grammars (run after changing a grammar or Lark)."""
    folder = resources.files("bplint.grammars")
    for name, grammar in grammars().items():
        path = folder.joinpath(f"{name}.json")
        with resources.as_file(path) as target:
            target.write_text(tables(grammar), encoding="utf-8")
        print(f"{path}: written")


if __name__ == "__main__":
    main()

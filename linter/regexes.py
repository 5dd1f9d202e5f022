"""Regular expressions compiled once per installation, not at every start.

Compiling a pattern runs `regex`'s parser, which is Python: about a fifth of a millisecond a
pattern, and a lint compiles some 350 of them (its lexicon's, its readers', its rules') before
it reads a line — a sixth of a lone file's whole run.  What compiling gives is data: the regex
engine's code for the pattern, its groups, the text it requires.  It is the data `regex` itself
pickles a pattern as (its copyreg reducer), and `regex`'s own constructor takes it back without
parsing anything.  That data is kept in bplint's private cache (bplint.cache: a folder only this
user can write, JSON, never pickle), keyed by the pattern, its flags and the versions of regex and
Python, so a pattern compiled by another regex is never given to this one.

Only patterns written in bplint or in its rules are kept (`keep=True`, the default); one built
from a document's words is compiled as usual (`keep=False`), so the cache holds what the code and
the rule packs hold, not what documents say.
"""

from __future__ import annotations

import contextlib
import copyreg
import sys
from collections.abc import Callable
from typing import Any

import regex

from bplint import cache

# regex's pickle support: (constructor, data) for a compiled pattern.  Looked up once, here, from
# regex itself: what is restored is handed only to the constructor regex gives for its own type.
_REDUCE: Callable[[regex.Pattern], Any] = copyreg.dispatch_table[regex.Pattern]
_CONSTRUCT: Callable[..., regex.Pattern] = _REDUCE(regex.compile(""))[0]
_VERSION = f"{regex.__version__}:{sys.version_info[0]}.{sys.version_info[1]}"
_MEMORY_BOUND = 4096  # compiled patterns held in memory: a long process's rule packs stay bounded
_memory: dict[tuple[str, int], regex.Pattern] = {}


def compile(pattern: str, flags: int = 0, keep: bool = True) -> regex.Pattern:
    """`regex.compile(pattern, flags)`, from the cache when this pattern was compiled before."""
    key = (pattern, flags)
    compiled = _memory.get(key)
    if compiled is None:
        compiled = _restored(pattern, flags) or _compiled(pattern, flags, keep)
        if len(_memory) >= _MEMORY_BOUND:
            _memory.clear()
        _memory[key] = compiled
    return compiled


def _entry(pattern: str, flags: int) -> str:
    return f"regex:{_VERSION}:{flags}:{pattern}"


def _restored(pattern: str, flags: int) -> regex.Pattern | None:
    data = cache.PATTERNS.get(_entry(pattern, flags))
    if data is None:
        return None
    with contextlib.suppress(Exception):  # anything amiss in the file: compiled anew
        compiled = _CONSTRUCT(*_from_json(data))
        if compiled.pattern == pattern:
            return compiled
    return None


def _compiled(pattern: str, flags: int, keep: bool) -> regex.Pattern:
    compiled = regex.compile(pattern, flags)
    if keep:
        data = _REDUCE(compiled)[1]
        with contextlib.suppress(Exception):
            kept = _json(data)
            if _from_json(kept) == data:  # only what JSON gives back exactly
                cache.PATTERNS.put(_entry(pattern, flags), kept)
    return compiled


def _json(data: tuple) -> list[Any]:
    """regex's data as JSON: its code is bytes (kept as hex) and one table has number keys."""
    text, flags, code, group_index, index_group, named_lists, *rest = data
    if named_lists:  # patterns with named lists (keyword sets) are not kept: none of bplint's
        raise ValueError("named lists")
    return [text, flags, code.hex(), group_index, sorted(index_group.items()), *rest]


def _from_json(data: list[Any]) -> tuple:
    text, flags, code, group_index, index_group, named_list_indexes, offset, chars, *rest = data
    return (text, flags, bytes.fromhex(code), group_index, dict(index_group), {}, named_list_indexes,
            offset, tuple(chars), *rest)  # fmt: skip

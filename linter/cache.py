"""What is the same at every start, kept between runs: rule files read from YAML, the parse
trees of their expressions, and compiled regular expressions (bplint.regexes).

Reading the built-in rule packs costs about 25 ms of YAML and 30 ms of Lark parsing at every
start, and both depend on nothing but the texts.  They are kept as JSON, never pickle (a cache
file is data a later run reads, not code it runs), in one file per bplint version:
`$BPLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/bplint`, else `~/.cache/bplint`.
Only a private folder is used: one this user owns, created 0700, not a link, that no one else
may write in (a shared `XDG_CACHE_HOME` or CI cache is not); and only a file there this user
owns and no one else may write.  A planted file would otherwise decide which rules run.  Nothing
that is run as code is kept (the parsers' tables ship with bplint, see bplint.parsers; the HTML
template is compiled at each start).  `BPLINT_CACHE_DIR=off` turns the cache off.  A cache that
cannot be read or written is left alone: bplint gives the same results without it, only later.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bplint import __version__

if TYPE_CHECKING:
    import lark

FORMAT = 1  # raised when what an entry holds changes, so that an old file is never misread
MAX_ENTRIES = 5000  # the oldest go first: a folder of many users' packs cannot grow it forever
# A store's file is read whole at each start: a pack edited a hundred times must not make every
# start read a hundred old copies of it.  The newest entries are kept up to this size.
MAX_BYTES = 2 * 1024 * 1024
_MISSING = object()


def folder() -> Path | None:
    chosen = os.environ.get("BPLINT_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    # A relative XDG_CACHE_HOME is ignored, as the XDG spec says; without a home there is no
    # cache (and never a folder named `~` in the working directory).
    for base in (os.environ.get("XDG_CACHE_HOME", ""), os.path.join(os.path.expanduser("~"), ".cache")):
        if os.path.isabs(base):
            return Path(base) / "bplint"
    return None


def private(where: Path, create: bool = False) -> bool:
    """Whether `where` is a folder only this user can write in (made so, 0700, with `create`)."""
    if create:
        with contextlib.suppress(OSError):
            where.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        info = os.lstat(where)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _ours(info)


def _ours(info: os.stat_result) -> bool:
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_private(path: Path) -> str:
    """A file of a private folder, if it is this user's alone; OSError otherwise."""
    if not private(path.parent):
        raise PermissionError(f"{path.parent} is not a private folder")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _ours(info):
            raise PermissionError(f"{path} is not this user's own file")
        return handle.read(64 * 1024 * 1024).decode("utf-8")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class Store:
    """One JSON file of entries by key, read at the first lookup, written back by `save` (whole,
    through a temporary file) when this run added an entry."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, Any] | None = None
        self._added = False

    def path(self) -> Path | None:
        where = folder()
        return where / f"{self.name}-{__version__}-f{FORMAT}.json" if where else None

    def get(self, key: str) -> Any:
        entries = self._load()
        value = entries.pop(key, _MISSING)
        if value is _MISSING:
            return None
        entries[key] = value  # used now: last to be dropped
        return value

    def put(self, key: str, value: Any) -> None:
        entries = self._load()
        if len(entries) < 2 * MAX_ENTRIES:  # a long process parsing at lint time stays bounded
            entries[key] = value
            self._added = True

    def save(self) -> None:
        import tempfile  # only when something new is kept: most starts write nothing

        path = self.path()
        if not self._added or path is None or self._entries is None:
            return
        entries = _newest(self._entries)
        if not private(path.parent, create=True):
            return
        with contextlib.suppress(OSError):
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(entries, out, ensure_ascii=False, separators=(",", ":"))
                os.replace(temporary, path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
        self._added = False

    def _load(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries = {}
            path = self.path()
            if path is not None:
                with contextlib.suppress(OSError, ValueError):
                    loaded = json.loads(read_private(path))
                    if isinstance(loaded, dict):
                        self._entries = loaded
        return self._entries


def _newest(entries: dict[str, Any]) -> dict[str, Any]:
    """The most recently used entries, at most MAX_ENTRIES of them and MAX_BYTES of JSON."""
    kept: list[tuple[str, Any]] = []
    size = 0
    for key, value in reversed(list(entries.items())[-MAX_ENTRIES:]):
        size += len(key) + len(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
        if size > MAX_BYTES and kept:
            break
        kept.append((key, value))
    return dict(reversed(kept))


RULES = Store("rules")
PATTERNS = Store("patterns")  # bplint.regexes: what compiling a pattern gave, as regex pickles it


def save() -> None:
    """Write back what this run added to any store."""
    RULES.save()
    PATTERNS.save()


def documents(text: str, read) -> list[Any]:
    """`read(text)`, the YAML documents of a rule file, from the cache when this text was read before.
    Only documents that JSON gives back unchanged are kept (YAML's dates or number keys are not)."""
    return _kept(f"yaml:{digest(text)}", list, lambda: read(text))


def shipped(name: str, text: str, read: Callable[[str], Any]) -> Any:
    """`read(text)`, the data of a YAML file bplint ships (`units.yaml`, `lexicon.yaml`,
    `messages.yaml`: each a mapping), from the cache when this text was read before: a start then
    imports no YAML parser (~20 ms).  Kept only when JSON gives it back unchanged."""
    return _kept(f"data:{name}:{digest(text)}", dict, lambda: read(text))


def _kept(key: str, kind: type, read: Callable[[], Any]) -> Any:
    """What `read()` gives, from the rules' store under `key` when kept there as a `kind`; kept
    after reading only when JSON gives it back unchanged."""
    cached = RULES.get(key)
    if isinstance(cached, kind):
        return cached
    data = read()
    with contextlib.suppress(TypeError, ValueError):
        if json.loads(json.dumps(data)) == data:
            RULES.put(key, data)
    return data


def parse(parser: Callable[[], lark.Lark], grammar: str, text: str) -> lark.Tree:
    """`parser().parse(text)`, from the cache when this expression was parsed by this grammar
    before (the parser is not even built then).  Syntax errors are not kept: the parser raises
    them each time, with their position."""
    key = f"tree:{digest(grammar)}:{text}"
    cached = RULES.get(key)
    if cached is not None:
        with contextlib.suppress(KeyError, TypeError, ValueError, IndexError):
            return _tree(cached)
    tree = parser().parse(text)
    with contextlib.suppress(RecursionError):  # nested past any use: the caller refuses it
        RULES.put(key, _json(tree))
    return tree


def _json(node: lark.Tree | lark.Token | None) -> Any:
    if node is None or isinstance(node, str):  # a Token is a str with a type
        return None if node is None else [node.type, str(node)]
    return {"d": str(node.data), "c": [_json(child) for child in node.children]}


def _tree(data: Any) -> Any:
    import lark  # here: `bplint rules` reads the catalogue without Lark

    if data is None:
        return None
    if isinstance(data, list):
        kind, value = data
        return lark.Token(kind, value)
    return lark.Tree(data["d"], [_tree(child) for child in data["c"]])

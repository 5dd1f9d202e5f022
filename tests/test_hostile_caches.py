"""Caches as an attacker meets them: nothing bplint keeps between runs is code it runs, and what
it keeps is read only from a folder and a file no one else can write (issue 30, S1 and S2)."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import jinja2.bccache
import pytest

from bplint import cache, catalog, parsers
from tests.conftest import SEEDS

SEED = SEEDS["003"]


class _Planted:
    """Unpickled, it makes the file `marker`: proof that a planted cache file was run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _run(tmp_path: Path) -> subprocess.CompletedProcess:
    """bplint as a user of a shared machine runs it: the temp folder, the cache folder and home
    of this test's own, an HTML report (the template) and every parser used."""
    env = {k: v for k, v in os.environ.items() if k not in ("BPLINT_CACHE_DIR", "TMPDIR")}
    env |= {"TMPDIR": str(tmp_path / "tmp"), "XDG_CACHE_HOME": str(tmp_path / "xdg"),
            "HOME": str(tmp_path / "home")}  # fmt: skip
    argv = [sys.executable, "-m", "bplint", "--format", "html", "-o", str(tmp_path / "r.html"), str(SEED)]
    return subprocess.run(argv, env=env, capture_output=True, timeout=120)


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_no_cache_file_is_run_as_code(tmp_path):
    """Each file a first run leaves in the temp or cache folder becomes an attacker's pickle (after
    the line or header its reader checks first); a second run must not run it."""
    for name in ("tmp", "xdg", "home"):
        (tmp_path / name).mkdir()
    first = _run(tmp_path)
    assert first.returncode == 1, first.stderr.decode()
    marker = tmp_path / "planted-code-ran"
    payload = pickle.dumps(_Planted(marker))
    kept = _files(tmp_path / "tmp") + _files(tmp_path / "xdg")
    for path in kept:
        if path.suffix == ".json":
            continue  # data, read only from a private folder: see the tests below
        head = path.read_bytes().split(b"\n", 1)[0] + b"\n" if path.name.startswith(".lark") else b""
        head = jinja2.bccache.bc_magic if path.suffix == ".cache" else head
        path.write_bytes(head + payload)
    second = _run(tmp_path)
    assert second.returncode == 1, second.stderr.decode()
    assert not marker.exists(), [str(p) for p in kept]
    assert _files(tmp_path / "tmp") == []  # nothing kept in the shared temp folder at all
    kept = sorted(p.name for p in _files(tmp_path / "xdg"))
    assert kept == [f"{name}-{cache.__version__}-f{cache.FORMAT}.json" for name in ("patterns", "rules")]


def test_the_shipped_parser_tables_are_those_of_the_grammars():
    """Tables that no longer match their grammar would be ignored (each start ~100 ms slower):
    after changing a grammar or Lark, run `python -m bplint.parsers`."""
    for name, grammar in parsers.grammars().items():
        shipped = parsers._shipped(name)
        current = shipped is not None and shipped["key"] == parsers.key(grammar)
        assert current, f"{name}: run python -m bplint.parsers"


def test_tables_of_another_grammar_are_not_used(monkeypatch):
    from bplint.engine import expr

    monkeypatch.setattr(parsers, "_shipped", lambda name: {"key": "another", "data": {}, "memo": {}})
    built = parsers.load("expr", expr._grammar())
    assert built.source_path != "<deserialized>"
    assert built.parse("a and b") == expr._parser().parse("a and b")


@pytest.fixture
def planted(tmp_path, monkeypatch):
    """A cache folder holding a planted store: every built-in rule pack read as no rule at all."""
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("BPLINT_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "RULES", cache.Store("rules"))
    catalog.builtin_packs.cache_clear()
    packs = catalog.resources.files("bplint.rules")
    yamls = (e for e in packs.iterdir() if e.name.endswith(".yaml"))  # not __pycache__
    entries = {f"yaml:{cache.digest(e.read_text(encoding='utf-8'))}": [] for e in yamls}
    store = cache.RULES.path()
    store.write_text(json.dumps(entries), encoding="utf-8")
    yield folder, store
    catalog.builtin_packs.cache_clear()


def _rules_read() -> int:
    cache.RULES._entries = None  # read the folder again
    catalog.builtin_packs.cache_clear()
    return len(catalog.builtin_rules())


@pytest.mark.parametrize("how", ["folder others may write", "file others may write", "a link"])
def test_a_store_others_could_have_written_is_not_read(planted, how):
    folder, store = planted
    os.chmod(folder, 0o700)
    os.chmod(store, 0o600)
    assert _rules_read() == 0  # the planted store itself, when it is the user's own
    if how == "folder others may write":
        os.chmod(folder, 0o777)
    elif how == "file others may write":
        os.chmod(store, 0o666)
    else:
        elsewhere = folder.parent / "elsewhere.json"
        store.rename(elsewhere)
        store.symlink_to(elsewhere)
    assert _rules_read() > 60


def test_a_shared_cache_folder_is_neither_read_nor_written(planted):
    folder, store = planted
    os.chmod(folder, 0o1777)  # a /tmp-like folder: anyone may add files
    store.unlink()
    assert _rules_read() > 60
    cache.RULES.put("yaml:x", [])
    cache.RULES.save()
    assert list(folder.iterdir()) == []

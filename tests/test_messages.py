"""The message catalogue (linter/messages.yaml, bplint.messages) and the code agree: every key a
stage raises is in it, in Chinese and English; each call gives exactly the parameters the key's
templates name; and no key in it is unused.  Read from the source (the calls `Message.of(KEY, …)`
and the keys a module names as strings), so a message no test happens to raise is checked too."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bplint import messages
from bplint.catalog import load_rules
from bplint.language import LANGS
from bplint.messages import Message

PACKAGE = Path(messages.__file__).parent
KEY = r"BP\d{3}\.\w+"


def _modules() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.rglob("*.py"))}


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _assigned(tree: ast.Module, name: str) -> list[ast.AST]:
    """What a module assigns to `name` (`key = …`, `key, bound = …`)."""
    values = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                names = [target] if isinstance(target, ast.Name) else getattr(target, "elts", [])
                for n, element in enumerate(names):
                    if isinstance(element, ast.Name) and element.id == name:
                        value = node.value
                        values.append(
                            value.elts[n] if isinstance(value, ast.Tuple) and len(names) > 1 else value
                        )
    return values


def _is_message(node: ast.AST) -> bool:
    """`Message.of(…)`."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    owner = node.func.value
    return node.func.attr == "of" and isinstance(owner, ast.Name) and owner.id == "Message"


def _calls() -> list[tuple[str, set[str], str]]:
    """Each `Message.of(key, …)`: its key(s), the parameters it gives, where it is."""
    found = []
    for path, tree in _modules().items():
        for node in ast.walk(tree):
            if not _is_message(node):
                continue
            given = {k.arg for k in node.keywords if k.arg}
            for spread in (k.value for k in node.keywords if k.arg is None):
                assert isinstance(spread, ast.Name), f"{path.name}:{node.lineno}: ** of a name only"
                for value in _assigned(tree, spread.id):
                    assert isinstance(value, ast.Dict), f"{path.name}:{node.lineno}: ** of a dict literal"
                    given |= {k.value for k in value.keys if isinstance(k, ast.Constant)}
            first = node.args[0]
            keys = {first.value} if isinstance(first, ast.Constant) else set()
            if isinstance(first, ast.Name):
                keys = {
                    s for value in _assigned(tree, first.id) for s in _strings(value) if re.fullmatch(KEY, s)
                }
            assert keys, f"{path.name}:{node.lineno}: a key the test cannot read"
            found += [(key, given, f"{path.name}:{node.lineno}") for key in keys]
    return found


CALLS = _calls()


def test_the_code_raises_messages_by_key():
    assert len(CALLS) >= 30


@pytest.mark.parametrize(("key", "given", "where"), CALLS, ids=[f"{k}@{w}" for k, _, w in CALLS])
def test_every_key_used_is_in_the_catalogue_with_its_parameters(key, given, where):
    said = messages.catalogue().get(key)
    assert said is not None, f"{where}: {key} is not in linter/messages.yaml"
    assert set(said) == set(LANGS), f"{key}: in {sorted(said)} only"
    named = set().union(*(messages.fields(text) for text in said.values()))
    assert named == given, f"{where}: {key} names {sorted(named)}, the call gives {sorted(given)}"


def test_the_catalogue_holds_no_unused_key():
    used = {key for key, _, _ in CALLS}
    assert set(messages.catalogue()) - used == set()


def test_the_extractor_raises_its_problems_by_key():
    """What the extractor could not understand (BP003, BP004, BP006, BP007) is a key and its
    parameters, never words: the readers of bplint.extract raise every such key."""
    extractor = PACKAGE / "extract"
    raised = {key for key, _, where in CALLS if (extractor / where.split(":")[0]).exists()}
    assert {key.split(".")[0] for key in raised} == {"BP003", "BP004", "BP006", "BP007"}
    assert len(raised) >= 18


def _said(text: str) -> str:
    """A template's words up to its first parameter: what a copy of it in code would hold."""
    return text.split("{", 1)[0]


def _docstrings(tree: ast.Module) -> set[str]:
    """Strings standing alone as statements: docstrings, which may name a message's words."""
    return {
        node.value.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def test_a_message_is_written_once():
    """No message's words are also in the code: a rule's own message (BP002's `未找到可识别的内容`)
    and the catalogue's are written in YAML alone, so the two cannot drift apart.  (Their Chinese:
    an English head, `the table `, is the words of many a docstring.)"""
    templates = [rule.message["zh"] for rule in load_rules().values()]
    templates += [by_lang["zh"] for by_lang in messages.catalogue().values()]
    heads = {head for head in map(_said, templates) if len(head) >= 6}
    strings = set().union(*(_strings(tree) - _docstrings(tree) for tree in _modules().values()))
    assert sorted(head for head in heads if any(head in s for s in strings)) == []


def test_a_message_is_said_in_each_language():
    message = Message.of("BP001.too_large", size_mb="12", limit_mb=10)
    assert message.said("zh") == "文件过大（12 MB），超过上限 10 MB；确需检查时用 --limit file-mb=… 调高上限"
    assert (
        message.said("en")
        == "the file is too large (12 MB): the limit is 10 MB; raise it with --limit file-mb=…"
    )


def test_no_template_leaves_a_gap_where_a_word_was():
    # `a table on  (the first in …)`: the English of a table no page was known for once kept the
    # preposition of the page it did not name.
    for key, said in messages.catalogue().items():
        for lang, text in said.items():
            assert "  " not in text, f"{key} ({lang}): {text}"

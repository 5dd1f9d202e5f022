"""What a document, a file name or a rule pack holds is shown, never obeyed (issue 30, S7): every text
output escapes control characters and bidirectional overrides (`dump`, `rules`, `explain`,
`--show-settings`, `--format github`), and JUnit and SARIF hold no character XML 1.0 forbids."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from xml.etree import ElementTree

import pytest

from tests.conftest import SEEDS

# Escape, bidi override, vertical tab, form feed, a C1 control: in YAML's own escapes.
HOSTILE = r"\e]0;pwned\a\u202e\v\f\x85"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PACK = f"""id: X901
name: "mine{HOSTILE}"
severity: warning
title: "标题{HOSTILE}"
message: {{zh: "m{HOSTILE}"}}
explain: {{what: "a{HOSTILE}", why: b, fix: c}}
examples: {{bad: {{text: "a"}}, good: {{text: "b"}}}}
select: projects
when: "true"
"""


def bplint(*args) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bplint", *map(str, args)], capture_output=True, timeout=120
    )
    assert b"Traceback" not in result.stderr, result.stderr
    return result.stdout.decode("utf-8") + result.stderr.decode("utf-8")


@pytest.fixture
def pack(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ("rules", "--rules"),
        ("explain", "X901", "--rules"),
        ("--show-settings", "--config", "CONFIG", SEEDS["002"], "--rules"),
        ("--format", "github", SEEDS["002"], "--rules"),
        ("--format", "text", SEEDS["002"], "--rules"),
    ],
    ids=["rules", "explain", "show-settings", "github", "text"],
)
def test_text_outputs_escape_what_a_terminal_would_obey(tmp_path, pack, command):
    config = tmp_path / "bplint.yaml"
    config.write_text(f'waive: [{{rule: X901, reason: "r{HOSTILE}"}}]\n', encoding="utf-8")
    out = bplint(*(str(config) if part == "CONFIG" else part for part in command), pack)
    assert "X901" in out or "mine" in out, out
    assert not RAW.search(out), repr(RAW.search(out))
    assert "\\x1b]0;pwned" in out


def test_junit_and_sarif_hold_no_character_xml_forbids(pack):
    junit = bplint("--format", "junit", "--fail-on", "info", "--rules", pack, SEEDS["002"])
    assert not XML_FORBIDDEN.search(junit)
    tree = ElementTree.fromstring(junit.split("\n", 1)[1].encode("utf-8"))
    messages = [f.get("message") for f in tree.iter("failure") if f.get("message")[:1] == "m"]
    assert any("\\x1b]0;pwned" in m for m in messages) and not any(RAW.search(m) for m in messages)
    printed = bplint("--format", "sarif", "--rules", pack, SEEDS["002"])
    assert not RAW.search(printed.replace("\n", " "))  # as printed: JSON's escapes only
    texts = [r["message"]["text"] for r in json.loads(printed)["runs"][0]["results"]]
    assert any("\\x1b]0;pwned" in t for t in texts) and not any(XML_FORBIDDEN.search(t) for t in texts)


def test_the_json_report_escapes_overrides_as_json_does(pack):
    text = bplint("--format", "json", "--rules", pack, SEEDS["002"])
    assert "\u202e" not in text and "\x85" not in text and "\\u202e" in text
    assert json.loads(text)  # still the same JSON


def test_dump_shows_a_documents_controls_escaped(tmp_path):
    seed = SEEDS["002"].read_text(encoding="utf-8")
    name = "2023城区机关食堂补贴"  # the first project's name
    doc = tmp_path / "doc.txt"
    doc.write_text(seed.replace(name, name + "\u202e\x85", 1), encoding="utf-8")
    for args in (("dump", doc), ("dump", "--tables", doc)):
        out = bplint(*args)
        assert name in out and "\u202e" not in out and "\x85" not in out, args
    assert "\\u202e" in bplint("dump", doc)  # the JSON's own escape: the same JSON

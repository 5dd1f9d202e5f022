"""Each rule's cases as data (tests/rule_cases/BPnnn.yaml, as sqlfluff's std_rule_cases): small
documents that must fire the rule (`fail`: the rules and how many findings of each) or must not
(`pass`: the rule is absent). One parametrised test runs them all, with every built-in rule on, as
`bplint FILE` would.

A case's document is its `text`; a file of other bytes is `text` with an `encoding` (`big5`,
`utf-16`), or `bytes` (each character one byte, as latin-1: a PDF, a binary file)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from bplint.catalog import builtin_rules, load_rules
from bplint.lint import lint_path, lint_source
from bplint.read import decode

RULES = load_rules()
FOLDER = Path(__file__).parent / "rule_cases"
MINIMUM = 5  # cases a rule's file holds at least


def _files() -> list[Path]:
    return sorted(FOLDER.glob("BP*.yaml"))


def _cases() -> list:
    params = []
    for path in _files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, case in enumerate(data["cases"], 1):
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{number}-{case['name']}"))
    return params


def counts(case: dict, tmp_path: Path, rules: dict = RULES) -> Counter:
    """How many findings of each rule the case's document gives."""
    if "bytes" in case or "encoding" in case:
        path = tmp_path / "case.txt"
        encoded = case["text"].encode(case["encoding"]) if "encoding" in case else None
        path.write_bytes(encoded if encoded is not None else case["bytes"].encode("latin-1"))
        result = lint_path(str(path), rules, "zh")
    else:
        result = lint_source(decode(case["text"].encode("utf-8"), "case.txt"), rules, "zh")
    return Counter(finding.rule for finding in result.findings)


def verdict(rule: str, case: dict, found: Counter) -> str | None:
    """What is wrong with the outcome, or None: a `fail` case gives exactly its counts of the rules
    it names, a `pass` case gives no finding of its rule."""
    if "fail" in case:
        wrong = {rid: found[rid] for rid, n in case["fail"].items() if found[rid] != n}
        return f"expected {case['fail']}, got {dict(found)}" if wrong else None
    return f"{rule} fired: {dict(found)}" if found[rule] else None


def test_every_built_in_rule_has_its_cases():
    """A rule added without cases fails here: `tests/rule_cases/<ID>.yaml` for each."""
    built_in = {rule.id for rule in builtin_rules()}
    assert built_in - {path.stem for path in _files()} == set()


def test_every_rule_file_is_named_for_its_rule_and_has_enough_cases():
    assert _files(), FOLDER
    for path in _files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] == path.stem and data["rule"] in RULES, path
        cases = data["cases"]
        assert len(cases) >= MINIMUM, f"{path.name}: {len(cases)} cases"
        assert all(("fail" in c) != ("pass" in c) for c in cases), f"{path.name}: a case is fail or pass"
        assert any("fail" in c for c in cases) and any("pass" in c for c in cases), path.name
        assert all(data["rule"] in c["fail"] for c in cases if "fail" in c), path.name


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_rule_case(rule, case, tmp_path):
    problem = verdict(rule, case, counts(case, tmp_path))
    assert problem is None, problem

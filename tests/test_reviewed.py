"""No unread finding ships: every error and warning on the shared real PDFs is in the reviewed
list (tests/reviewed/), which holds true findings only, each with why it is true."""

from __future__ import annotations

import pytest
import yaml

from bplint.catalog import load_rules
from bplint.lint import lint_path
from tests import reviewed
from tests.external import EXTERNAL, every_pdf, needs_external

pytestmark = needs_external
RULES = load_rules()


@pytest.mark.parametrize("name", every_pdf())
def test_every_error_and_warning_was_read_against_its_page(name):
    result = lint_path(str(EXTERNAL / name), RULES, "zh")
    found, listed = reviewed.found(result), reviewed.listed(name)
    unread = sorted((found - listed).elements(), key=str)
    stale = sorted((listed - found).elements(), key=str)
    assert (unread, stale) == ([], []), "unread: findings no one has read; stale: entries no finding matches"


def test_each_entry_says_why():
    for path in sorted(reviewed.HERE.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            assert set(entry) == {"rule", "page", "at", "why"}, (path.name, entry)
            assert entry["why"] and entry["why"] != "?", (path.name, entry)

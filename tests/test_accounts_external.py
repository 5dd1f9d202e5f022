"""The two 决算 files of ../shared/external (issue 26): read as 决算, the template as a blank one, every
table their 目录 lists read, and every error and warning the one the reviewed list holds."""

from __future__ import annotations

import pytest

from bplint.catalog import load_rules
from bplint.lint import lint_path
from bplint.model.kind import DocumentKind
from tests import reviewed
from tests.external import EXTERNAL, needs_external

pytestmark = needs_external

RULES = load_rules()


@pytest.mark.parametrize(
    ("name", "template"),
    [("xian-weijian-juesuan-2022.pdf", False), ("shanghai-putuo-juesuan-template-2024.pdf", True)],
)
def test_the_final_accounts_are_read_and_every_finding_reviewed(name, template):
    result = lint_path(str(EXTERNAL / name), RULES, "zh")
    assert result.meta.kind is DocumentKind.DEPARTMENT_ACCOUNTS and result.meta.template is template
    assert result.stats["tables_listed"] == result.stats["tables_listed_read"] > 0
    assert reviewed.found(result) == reviewed.listed(name)

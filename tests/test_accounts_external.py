"""The two 决算 files of ../shared/external (issue 26): read as 决算, the template as a blank one, every
table their 目录 lists read, and every error and warning the one the reviewed list holds."""

from __future__ import annotations

import pytest

from bplint.catalog import load_rules
from bplint.extract import build
from bplint.lint import lint_path
from bplint.model.kind import DocumentKind
from bplint.read import read_path
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


def test_the_self_evaluation_sheets_are_read():
    """西安's 88 项目支出绩效自评表 and its 部门整体支出 one (pp.30–31, 55–141, 143), with every number in
    them taken: the file's grid numbers ≥ 99% accounted for (issue 25), 20% before."""
    document = build(read_path(str(EXTERNAL / "xian-weijian-juesuan-2022.pdf")))
    assert len(document.evaluations) == 89 and document.evaluations[0].kind.name == "WHOLE"
    assert all(e.total is not None and e.results and e.funds for e in document.evaluations)
    assert document.coverage.grid_taken >= 0.99 * document.coverage.grid

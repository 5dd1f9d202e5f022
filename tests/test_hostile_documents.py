"""Documents as Word saves them that python-docx would refuse (issue 30, R7): a macro document
(.docm) renamed .docx, which Word opens, is read as the document it is (its macros never run)."""

from __future__ import annotations

import io
import zipfile

from bplint import read
from bplint.lint import lint_source
from tests import hostile
from tests.conftest import SEEDS
from tests.documents import docx_of


def test_a_macro_document_named_docx_is_read_as_the_document(tmp_path):
    from bplint.catalog import load_rules

    plain = docx_of(SEEDS["002"].read_text(encoding="utf-8"))
    macro = hostile.macro_document(plain)
    with zipfile.ZipFile(io.BytesIO(macro)) as package:
        assert hostile.MACRO_MAIN in package.read("[Content_Types].xml") and package.read(
            "word/vbaProject.bin"
        )
    as_docm, as_docx = read.decode(macro, "macro.docx"), read.decode(plain, "plain.docx")
    assert as_docm.text == as_docx.text and as_docm.encoding == "DOCX"
    rules = load_rules()
    findings = [(f.rule, f.line) for f in lint_source(as_docm, rules, "zh").findings]
    assert findings == [(f.rule, f.line) for f in lint_source(as_docx, rules, "zh").findings]

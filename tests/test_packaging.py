"""The installed package is whole: every folder of code is a package that pyproject.toml ships."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_every_code_folder_is_a_listed_package():
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(setup["packages"])
    folders = {
        "bplint"
        + (
            "." + ".".join(init.parent.relative_to(ROOT / "linter").parts)
            if init.parent != ROOT / "linter"
            else ""
        )
        for init in (ROOT / "linter").rglob("__init__.py")
    }
    assert folders, "no package found under linter/"
    assert folders <= listed, f"pyproject.toml does not ship {sorted(folders - listed)}"
    assert {"bplint.grammars", "bplint.rules"} <= listed
    assert listed - folders == {"bplint.grammars", "bplint.rules"}, sorted(listed - folders)

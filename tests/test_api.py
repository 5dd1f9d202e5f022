"""The library API and the Dask path give the command line's findings, file for file."""

from __future__ import annotations

import json
import os
import pickle

import pytest
from click.testing import CliRunner

import bplint
from bplint.cli import main
from bplint.config import Config, Waiver
from tests.conftest import EXAMPLES, SEEDS


def _cli_findings(*args) -> dict[str, list[tuple[str, int]]]:
    result = CliRunner().invoke(main, ["--format", "json", "--fail-on", "never", *map(str, args)])
    return {
        f["path"]: [(x["rule"], x["line"]) for x in f["findings"]] for f in json.loads(result.output)["files"]
    }


def _findings(results) -> dict[str, list[tuple[str, int]]]:
    return {r.path: [(f.rule, f.line) for f in r.findings] for r in results}


def test_lint_file_gives_the_command_lines_findings():
    config = Config(ignore=("BP1",))
    result = bplint.lint_file(SEEDS["001"], config=config)
    assert _findings([result]) == _cli_findings("--ignore", "BP1", SEEDS["001"])
    assert result.stats["projects"] == 12 and not any(f.rule.startswith("BP1") for f in result.findings)


def test_run_applies_waivers_and_keeps_input_order():
    config = Config(waivers=(Waiver(rule="BP203", reason="已核对"),))
    results = list(bplint.run([EXAMPLES], config=config, jobs=2))
    assert [r.path for r in results] == [str(p) for p in SEEDS.values()]
    (waived,) = [r for r in results if r.waived]
    assert waived.path.endswith(SEEDS["001"].name)
    assert [(f.rule, reason) for f, reason in waived.waived] == [("BP203", "已核对")]
    assert "BP203" not in {f.rule for r in results for f in r.findings}


def test_a_selection_naming_no_rule_is_an_error():
    with pytest.raises(bplint.api.SelectionError, match="BP999"):
        bplint.lint_file(SEEDS["002"], config=Config(select=("BP999",)))


def test_configs_and_results_cross_process_boundaries():
    config = Config(select=("BP2",), lang="en")
    assert pickle.loads(pickle.dumps(config)) == config
    result = bplint.lint_file(SEEDS["002"], config=config)
    assert pickle.loads(pickle.dumps(result)).findings == result.findings


def test_dask_gives_the_command_lines_findings():
    pytest.importorskip("dask")
    from bplint import cluster

    config = Config()
    results = cluster.lint_all([str(EXAMPLES)], config, scheduler="processes", num_workers=2)
    assert _findings(results) == _cli_findings(EXAMPLES)
    assert sum(len(r.findings) for r in results) > 50


def test_a_batch_keeps_what_the_report_needs_not_the_model():
    (batch,) = bplint.run([SEEDS["001"]], config=Config(), jobs=1)
    assert batch.document is None and batch.lines == ()
    assert batch.meta.agency == "青龙满族自治县机关事务服务中心" and batch.stats["projects"] == 12
    (shown,) = bplint.run([SEEDS["001"]], config=Config(), jobs=1, lines=True)
    assert len(shown.lines) == 3352  # 3,351 lines and the empty one after the last newline
    whole = bplint.lint_file(SEEDS["001"])
    assert len(whole.document.projects) == 12 and whole.findings == batch.findings


def test_a_batch_for_many_files_keeps_only_the_lines_around_findings():
    (near,) = bplint.run([SEEDS["001"]], config=Config(), jobs=1, lines=2)
    (whole,) = bplint.run([SEEDS["001"]], config=Config(), jobs=1, lines=True)
    kept = {n for n, text in enumerate(near.lines, 1) if text}
    assert kept and all(any(abs(n - f.line) <= 2 for f in near.findings) for n in kept)
    assert all(near.lines[f.line - 1] == whole.lines[f.line - 1] for f in near.findings)
    assert len(kept) < len(whole.lines) // 10


def test_a_config_written_by_hand_as_the_readme_shows(tmp_path):
    """A new user's script: `bplint.Config` did not exist, `Config(select="BP102")` selected the
    letters B, P, 1, 0, 2, `lang="fr"` was taken, and the README's loop failed on a scan's counts."""
    assert bplint.Config is Config
    assert Config(select="BP102, BP2", ignore="BP601").select == ("BP102", "BP2")
    assert Config(select="BP102, BP2", ignore="BP601").ignore == ("BP601",)
    with pytest.raises(ValueError, match="zh"):
        Config(lang="fr")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")  # no page to read
    (tmp_path / "001.txt").write_text(SEEDS["001"].read_text(encoding="utf-8"), encoding="utf-8")
    seen = {}
    for result in bplint.run([str(tmp_path)], config=bplint.load_config(), jobs=2):
        seen[result.path.rsplit("/", 1)[-1]] = (result.readable, result.stats.get("projects"))
    assert seen == {"001.txt": (True, 12), "scan.pdf": (False, None)}


def test_help_on_the_package_shows_the_api_with_its_signatures():
    # The API is imported lazily (`bplint --version` loads nothing); `help(bplint)` must still show it.
    import pydoc

    page = pydoc.render_doc(bplint, renderer=pydoc.plaintext)
    for shown in ("lint_file(path", "run(paths", "load_config(path", "class Config"):
        assert shown in page, shown


def test_the_run_api_takes_its_options_by_name():
    """Past the first argument every parameter of the API is keyword-only: `run(paths, config, 4)`
    said nothing of what 4 was, and a parameter added between two would have taken its place."""
    import inspect

    from bplint import api

    for function in (bplint.run, bplint.lint_file, bplint.load_config, api.finish, api.read_baseline,
                     api.baseline_text):  # fmt: skip
        kinds = [p.kind for p in inspect.signature(function).parameters.values()][1:]
        assert kinds and all(kind is inspect.Parameter.KEYWORD_ONLY for kind in kinds), function
    with pytest.raises(TypeError):
        bplint.lint_file(SEEDS["002"], Config())  # type: ignore[misc]
    assert bplint.lint_file(SEEDS["002"], config=Config(select="BP1")).readable


def test_the_api_takes_one_path_and_refuses_what_it_cannot_run(tmp_path):
    """`run("a.pdf")` linted each character of the name, `lint_file(b"a.txt")` raised an
    AttributeError, and `run(..., jobs=0)` was taken (the command line refuses it)."""
    from bplint import api

    one = list(api.run(str(SEEDS["004"]), jobs=1))
    assert [r.path for r in one] == [str(SEEDS["004"])]
    assert api.lint_file(os.fsencode(SEEDS["004"])).findings == api.lint_file(SEEDS["004"]).findings
    with pytest.raises(ValueError, match="jobs must be 1 or more"):
        list(api.run([SEEDS["004"]], jobs=0))

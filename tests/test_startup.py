"""What a `bplint FILE` process does at its start (issue 30, item 10): only what a lone text file's
lint uses is imported, and what the start makes is left out of the collector's passes in the
command's own process only."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from click.testing import CliRunner

from bplint.cli import main
from tests.conftest import SEEDS

PROBE = (
    "import gc, sys; from bplint import console, clickwords; sys.argv = ['bplint', sys.argv[1]]\n"
    "try:\n    console.main()\nexcept SystemExit:\n    pass\n"
    "print({0}, file=sys.stderr)"
)


def _probe(said: str, cache: str = "off") -> str:
    env = {**os.environ, "BPLINT_CACHE_DIR": cache}
    out = subprocess.run([sys.executable, "-c", PROBE.format(said), str(SEEDS["001"])],
                         capture_output=True, text=True, env=env)  # fmt: skip
    return out.stderr.splitlines()[-1]


def test_a_lone_text_file_imports_no_workers_server_or_help_wrapping():
    said = "'multiprocessing' in sys.modules, 'webbrowser' in sys.modules, clickwords._wide.cache_info()"
    assert _probe(said) == "False False CacheInfo(hits=0, misses=0, maxsize=None, currsize=0)"


def test_a_text_file_loads_no_reader_of_documents():
    assert _probe("'bplint.formats' in sys.modules") == "False"


def test_the_start_is_frozen_in_the_commands_own_process_only():
    assert _probe("gc.isenabled(), gc.get_freeze_count() > 10_000") == "True True"
    frozen = gc.get_freeze_count()
    result = CliRunner().invoke(main, [str(SEEDS["001"])], catch_exceptions=False)
    assert result.exit_code in (0, 1) and "BP" in result.output
    # Nothing more frozen here (freeing frozen objects may lower the count); the collector is back on.
    assert gc.isenabled() and gc.get_freeze_count() <= frozen


def test_a_start_with_its_cache_filled_imports_no_yaml_parser(tmp_path):
    """The rules, units.yaml and lexicon.yaml come from the cache as JSON: PyYAML is not imported."""
    cache = str(tmp_path / "cache")
    assert _probe("'yaml' in sys.modules", cache) == "True"  # the first start reads the YAML
    assert _probe("'yaml' in sys.modules", cache) == "False"

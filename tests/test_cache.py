"""The cache kept between runs: rule files' YAML and expressions' parse trees as JSON.  Whatever
the cache holds, the results are those of a run without it (what an attacker may plant there:
tests/test_hostile_caches.py)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bplint import cache, catalog, structured
from bplint.cli import main
from bplint.engine import expr, identity
from tests.conftest import SEEDS


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A cache folder of this test's own, and no rule file read yet in this process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("BPLINT_CACHE_DIR", str(folder))

    def restart():
        monkeypatch.setattr(cache, "RULES", cache.Store("rules"))
        catalog.builtin_packs.cache_clear()
        identity.parse.cache_clear()

    restart()
    yield folder, restart
    catalog.builtin_packs.cache_clear()


def _findings() -> list:
    out = CliRunner().invoke(main, ["--format", "json", *map(str, SEEDS.values())]).output
    return [
        (f["line"], f["rule"], f["message"]) for file in json.loads(out)["files"] for f in file["findings"]
    ]


@pytest.fixture(scope="module")
def without_cache():
    """The seeds' findings from a run that keeps nothing."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BPLINT_CACHE_DIR", "off")
        catalog.builtin_packs.cache_clear()
        found = _findings()
    catalog.builtin_packs.cache_clear()
    assert len(found) > 100
    return found


def test_a_second_start_reads_the_rules_from_the_cache_and_finds_the_same(fresh, monkeypatch, without_cache):
    folder, restart = fresh
    first = catalog.load_rules()
    (stored,) = folder.glob("rules-*.json")
    entries = json.loads(stored.read_text(encoding="utf-8"))
    assert sum(key.startswith("yaml:") for key in entries) == len(catalog.builtin_packs())
    assert sum(key.startswith("tree:") for key in entries) > 150

    restart()

    def not_built():
        raise AssertionError("a cached expression was parsed again")

    with monkeypatch.context() as patch:
        patch.setattr(expr, "_parser", not_built)
        patch.setattr(identity, "_parser", not_built)
        patch.setattr(structured, "yaml_documents", not_built)
        second = catalog.load_rules()
    assert second.keys() == first.keys()
    assert [r.extra for r in second.values()] == [r.extra for r in first.values()]
    assert _findings() == without_cache


def test_every_builtin_expression_comes_back_from_json_as_the_same_tree():
    parser = expr._parser()
    texts = {text for pack in catalog.builtin_packs() for text in pack.definitions.values()}
    texts |= {check for rule in catalog.builtin_rules() for key in ("where", "when", "at")
              if isinstance(check := rule.extra.get(key), str)}  # fmt: skip
    texts |= {text for rule in catalog.builtin_rules() for text in (rule.extra.get("vars") or {}).values()}
    assert len(texts) > 140
    sums = {text for rule in catalog.builtin_rules() for text in rule.extra.get("identities") or ()}
    assert len(sums) > 20
    for text, grammar in [*((t, parser) for t in texts), *((t, identity._parser()) for t in sums)]:
        tree = grammar.parse(text if isinstance(text, str) else text[0])
        assert cache._tree(json.loads(json.dumps(cache._json(tree)))) == tree


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"tree:x": 3}', ""])
def test_a_damaged_cache_is_read_past_and_written_anew(fresh, content, without_cache):
    folder, restart = fresh
    catalog.load_rules()
    (stored,) = folder.glob("rules-*.json")
    entries = json.loads(stored.read_text(encoding="utf-8"))
    damaged = content or json.dumps({key: {"d": 5} for key in entries})  # every entry unreadable
    stored.write_text(damaged, encoding="utf-8")
    restart()
    assert catalog.load_rules().keys() == {r.id for r in catalog.builtin_rules()}
    assert _findings() == without_cache
    assert json.loads(stored.read_text(encoding="utf-8")).keys() >= {
        k for k in entries if k.startswith("yaml:")
    }


def test_a_cache_folder_that_cannot_be_made_is_left_alone(fresh, monkeypatch, tmp_path):
    _, restart = fresh
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("BPLINT_CACHE_DIR", str(blocker / "bplint"))
    restart()
    assert len(catalog.load_rules()) == len(catalog.builtin_rules())
    result = CliRunner().invoke(main, ["--format", "html", str(SEEDS["003"])])
    assert result.exit_code == 1 and 'class="finding error"' in result.output


def test_yaml_that_json_would_change_is_not_kept(fresh):
    folder, _ = fresh
    text = "id: X\nwhen: 2024-01-01\n"  # a YAML date: JSON would give back a string
    docs = cache.documents(text, lambda t: [{"id": "X", "when": __import__("datetime").date(2024, 1, 1)}])
    assert docs[0]["when"].year == 2024
    cache.RULES.save()
    assert not list(folder.glob("rules-*.json"))


def test_off_keeps_nothing(fresh, monkeypatch):
    folder, restart = fresh
    monkeypatch.setenv("BPLINT_CACHE_DIR", "off")
    restart()
    catalog.load_rules()
    CliRunner().invoke(main, ["--format", "html", str(SEEDS["002"])])
    assert not folder.exists() and cache.folder() is None


def test_the_html_report_is_the_same_with_or_without_a_cache(fresh, monkeypatch):
    from bplint.report import html

    folder, _ = fresh
    pages = []
    for _ in range(2):
        html._template.cache_clear()
        result = CliRunner().invoke(main, ["--format", "html", str(SEEDS["003"])])
        pages.append(_without_time(result.output))
    assert not (folder / "templates").exists()  # jinja2's compiled template is not kept: it is code
    monkeypatch.setenv("BPLINT_CACHE_DIR", "off")
    html._template.cache_clear()
    pages.append(_without_time(CliRunner().invoke(main, ["--format", "html", str(SEEDS["003"])]).output))
    html._template.cache_clear()
    assert pages[0] == pages[1] == pages[2] and "640.93" in pages[0]


def _without_time(page: str) -> str:
    import re

    return re.sub(r"<time id=\"generated\"[^<]*</time>", "", page)


def test_without_a_home_nothing_is_kept_in_the_working_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("BPLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(cache.os.path, "expanduser", lambda path: path)  # `~` stays `~`
    assert cache.folder() is None
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.folder() is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "bplint"
    monkeypatch.setattr(cache.os.path, "expanduser", lambda path: path.replace("~", str(tmp_path / "home")))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the XDG spec says
    assert cache.folder() == tmp_path / "home" / ".cache" / "bplint"


def test_a_store_keeps_its_newest_entries_within_its_size(fresh, monkeypatch):
    """A pack edited many times leaves one entry a version; each start reads the whole file."""
    folder, _ = fresh
    monkeypatch.setattr(cache, "MAX_BYTES", 50_000)
    store = cache.Store("sized")
    for n in range(30):  # 30 versions of a 5 KB pack, the last one used again at the end
        store.put(f"yaml:{n}", ["x" * 5000])
    assert store.get("yaml:0") == ["x" * 5000]
    store.save()
    kept = json.loads(next(folder.glob("sized-*.json")).read_text(encoding="utf-8"))
    assert list(kept) == [*(f"yaml:{n}" for n in range(22, 30)), "yaml:0"]  # 9 of about 5,011 bytes

"""The library API: what the command line, the benchmarks, a script and a cluster all call.

    import bplint
    config = bplint.load_config()                      # bplint.yaml found upward, or the defaults
    result = bplint.lint_file("report.pdf", config=config)    # one file, here
    for result in bplint.run(["depts/"], config=config):      # many, a process per file, in input order
        print(result.path, [f.rule for f in result.findings])

A Config is plain data (picklable, hashable); each process compiles its rules from it once.
Selection and waivers are applied here, so every caller gets the same findings.  Past the first
argument every parameter is keyword-only: a call says what it sets (`run(paths, jobs=4)`), and a
parameter added later cannot take the place of another.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from bplint import baseline, runner
from bplint.catalog import Rule, load_rules
from bplint.config import Config, ConfigError, Waiver
from bplint.config import find as find_config
from bplint.config import load as _load
from bplint.fingerprint import fingerprinted
from bplint.language import Lang
from bplint.limits import Limits
from bplint.lint import FileResult, Skipped, expand, lint_path
from bplint.together import Together


class SelectionError(ValueError):
    """`select`, `ignore` or a waiver names no rule."""


def load_config(path: str | Path | None = None, *, near: Iterable[str | os.PathLike] = ()) -> Config:
    """The config at `path`; else the one nearest the files `near` (found upward from the folder
    they share), else the one found upward from the working directory; else the defaults.

    One found near the files that is not also the working directory's is `beside` them: it came
    with the documents, perhaps from their sender, and may not loosen a bound or `fail-on`."""
    if path:
        if not Path(path).is_file():
            raise ConfigError(f"{path}: 配置文件不存在")
        return _load(Path(path))
    notes: list[tuple[str, str]] = []
    nearest = _nearest(near, notes)
    try:
        own = find_config(Path.cwd(), notes)
    except ConfigError:
        if nearest is None:
            raise
        own = None  # the working folder's broken config is not the one used: the files have theirs
    found = nearest or own
    beside = nearest is not None and (own is None or not _same(nearest, own))
    conf = _load(found, beside=beside) if found else Config()
    return replace(conf, notes=tuple(notes) + conf.notes)


def _nearest(paths: Iterable[str | os.PathLike], notes: list[tuple[str, str]]) -> Path | None:
    folders = [os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in paths]
    return find_config(Path(os.path.commonpath(folders)), notes) if folders else None


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@functools.cache
def rules_of(config: Config) -> dict[str, Rule]:
    """The built-in rules and the config's packs, compiled once per process."""
    return load_rules(config.rules, config.limits.pack_mb)


def selected(config: Config) -> frozenset[str]:
    """The ids of the rules the config turns on; a name that matches no rule is an error."""
    rules = rules_of(config)
    for key in (*config.select, *config.ignore, *(w.rule for w in config.waivers)):
        if not any(_matches(rule, (key,)) for rule in rules.values()):
            where = f"（--select、--ignore，或配置 {config.path} 中）" if config.path else ""
            raise SelectionError(f"没有与 {key} 对应的规则{where}；用 `bplint rules` 查看全部规则")
    return frozenset(
        r.id
        for r in rules.values()
        if (not config.select or _matches(r, config.select)) and not _matches(r, config.ignore)
    )


def _matches(rule: Rule, keys: tuple[str, ...]) -> bool:
    return any(rule.id.startswith(key.upper()) or rule.name == key for key in keys)


def lint_file(path: str | bytes | os.PathLike, *, config: Config | None = None) -> FileResult:
    """One file linted in this process, with the config's selection and waivers applied.  Its size
    and the document's are bounded as in a run, but not its time: no timer interrupts this process
    (`run` lints each file in a worker that the timeout ends; use it for files you do not trust)."""
    config = config or Config()
    only = selected(config)
    result = lint_path(
        os.fsdecode(path), rules_of(config), config.lang or "zh", None, set(only), config.limits
    )
    return finish(result, only=only, waivers=config.waivers, accepted=config.baseline)


def run(
    paths: Iterable[str | os.PathLike | Skipped | Together] | str | os.PathLike,
    *,
    config: Config | None = None,
    jobs: int | None = None,
    stdin: bytes | None = None,
    debug: bool = False,
    lines: bool | int = False,
    stdin_name: str | None = None,
) -> Iterator[FileResult]:
    """Each file's result in input order, `jobs` files at a time (default: the processors), each in a
    process of its own with the config's bounds.  A folder stands for the files below it.

    Results carry what a report needs (findings, counts, the document's agency, year and unit; the
    input's lines with `lines=True`, those within N of a finding with `lines=N`), not the model, so
    a batch of thousands stays small; use `lint_file` for a file's whole Document.  Standard input
    (`-`) is reported as `stdin_name` where one is given (waivers and fingerprints use that name);
    a `Together` of several files is linted as one document (bplint.together)."""
    if isinstance(paths, str | bytes | os.PathLike):  # one path, not the characters of its name
        paths = [paths]
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    config = config or Config()
    only = selected(config)
    inputs = [
        e for p in paths for e in ([p] if isinstance(p, Skipped | Together) else expand([os.fsdecode(p)]))
    ]
    inputs = [e for e in inputs if not (isinstance(e, Skipped) and e.covered)]
    settings = runner.Settings(
        rules_of(config),
        config.lang or "zh",
        set(only),
        config.limits,
        jobs or os.cpu_count() or 1,
        debug,
        lines,
    )
    for result in runner.run(inputs, settings, stdin):
        if stdin_name and result.path == "-":
            result = replace(result, path=stdin_name)
        yield finish(result, only=only, waivers=config.waivers, accepted=config.baseline)


BASELINED = baseline.ACCEPTED


def finish(
    result: FileResult,
    *,
    only: frozenset[str],
    waivers: tuple[Waiver, ...],
    accepted: tuple[baseline.Entry, ...] = (),
) -> FileResult:
    """The findings of selected rules (BP001 always), those a waiver covers, or a baseline holds,
    set apart with the reason."""
    kept = [f for f in result.findings if f.rule in only or f.rule == "BP001"]
    if not all(f.fingerprint for f in kept):  # a result made elsewhere than bplint.lint
        kept = fingerprinted(kept, result.meta)
    held = {entry.fingerprint: entry for entry in accepted}
    waived = tuple((f, reason) for f in kept if (reason := _waived(result.path, f, waivers, held)))
    return replace(
        result, findings=tuple(f for f in kept if all(f is not w for w, _ in waived)), waived=waived
    )


def _waived(path: str, finding, waivers: tuple[Waiver, ...], held: dict[str, baseline.Entry]) -> str | None:
    if finding.fingerprint in held:
        return held[finding.fingerprint].said()
    return next((w.reason for w in waivers if w.covers(path, finding)), None)


def read_baseline(path: str | os.PathLike, *, mb: int = Limits.pack_mb) -> tuple[baseline.Entry, ...]:
    """The entries a baseline file (`--write-baseline`) holds; ConfigError if it cannot be read.
    Read as any configuration is: a small regular file, nested boundedly (a FIFO, /dev/zero)."""
    try:
        return baseline.read(os.fspath(path), mb)
    except baseline.BaselineError as error:
        raise ConfigError(str(error)) from None


def baseline_text(results: list[FileResult], *, path: str, lang: Lang = "zh",
                  kept: tuple[baseline.Entry, ...] = ()) -> str:  # fmt: skip
    """A baseline of every finding reported, and of those `kept` accepted that are still found:
    what `--baseline` then sets apart."""
    return baseline.dumps(baseline.entries(results, lang, kept), path)

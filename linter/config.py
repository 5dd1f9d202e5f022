"""The configuration: `bplint.yaml`, or `[tool.bplint]` in `pyproject.toml`, found upward from the
linted files or the cwd.

Documents cannot carry `noqa` comments, so a config is also where a finance office
waives a finding it has accepted, for a file, a project or a rule, with its reason.
Every waived finding is still counted and listed in the summary.

A config is input like any document (bplint.structured: bounded in size, nesting and aliases).
One found beside the documents, neither named by `--config` nor the working folder's own, may
have come with them: it may select rules and waive findings (each waiver listed in the report),
but a bound it would raise or a `fail-on` it would make more lenient is ignored, with a note.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from bplint import limits as bounds
from bplint import schema, structured
from bplint.findings import Finding
from bplint.language import LANGS, Lang, lang_of
from bplint.severity import FAIL_ON, Severity

KEYS = ("select", "ignore", "rules", "fail-on", "lang", "waive", "limits")
WAIVER_KEYS = ("rule", "file", "project", "fingerprint", "reason")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Waiver:
    rule: str  # an id, an id prefix or a rule name
    reason: str
    file: str | None = None  # a glob on the file's path or name
    project: str | None = None
    fingerprint: str | None = None  # one finding (its `fingerprint` in the JSON report, or its start)

    def covers(self, path: str, finding: Finding) -> bool:
        if not (finding.rule.startswith(self.rule.upper()) or finding.name == self.rule):
            return False
        if self.project is not None and finding.project != self.project:
            return False
        if self.fingerprint is not None and not (finding.fingerprint or "").startswith(self.fingerprint):
            return False
        if self.file is not None:
            name = PurePath(path).name
            return fnmatch.fnmatch(path, self.file) or fnmatch.fnmatch(name, self.file)
        return True


@dataclass(frozen=True)
class Config:
    path: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()  # rule packs, relative to the config file
    fail_on: str | None = None
    lang: Lang | None = None
    waivers: tuple[Waiver, ...] = field(default_factory=tuple)
    limits: bounds.Limits = field(default_factory=bounds.Limits)
    baseline: tuple = ()  # bplint.baseline.Entry: findings accepted before (--baseline)
    beside: bool = False  # found beside the documents: it may not loosen a bound or fail-on
    notes: tuple[tuple[str, str], ...] = ()  # (zh, en): what was passed over or ignored, and why

    def __post_init__(self) -> None:
        # Written by hand in a script (`Config(select="BP102,BP2", lang="en")`): a string of ids is a
        # list of them, not of its letters, and a language bplint does not speak is an error.
        for name in ("select", "ignore", "rules"):
            value = getattr(self, name)
            if isinstance(value, str):
                parts = value.split(",") if name != "rules" else [value]
                object.__setattr__(self, name, tuple(p.strip() for p in parts if p.strip()))
        if self.lang is not None:
            lang_of(self.lang)  # a ValueError for a language bplint does not speak


def find(start: Path, notes: list[tuple[str, str]] | None = None) -> Path | None:
    """The nearest bplint.yaml, or pyproject.toml with [tool.bplint], from `start` upward.  A
    pyproject.toml that cannot be read and does not mention tool.bplint is some other project's:
    passed over, with a note."""
    for folder in (start, *start.parents):
        candidate = folder / "bplint.yaml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_section(pyproject, notes if notes is not None else []):
            return pyproject
    return None


def _has_section(pyproject: Path, notes: list[tuple[str, str]]) -> bool:
    try:
        data = _toml(pyproject)
    except ConfigError as error:
        if _mentions_bplint(pyproject):
            raise
        note = (f"未读取 {error}（与 bplint 无关的项目文件）", f"passed over {pyproject}: it cannot be read")
        if note not in notes:
            notes.append(note)
        return False
    return isinstance(data.get("tool"), dict) and "bplint" in data["tool"]


def _mentions_bplint(path: Path) -> bool:
    """Whether a file's first `pack-mb` bytes name bplint's section (in any encoding close to ASCII)."""
    try:
        with open(path, "rb") as handle:
            return b"bplint" in handle.read(bounds.Limits.pack_mb * bounds.MIB)
    except OSError:
        return False


def load(path: Path, beside: bool = False) -> Config:
    """The config at `path`; `beside`: found beside the documents, so it may not loosen anything."""
    data = _toml(path).get("tool", {}).get("bplint", {}) if path.name == "pyproject.toml" else _yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: 配置应当是键值映射")
    if set(data) - set(KEYS):
        raise ConfigError(f"{path}: {schema.stray('', data, KEYS, '配置项')}")
    base = path.parent
    notes: list[tuple[str, str]] = []
    return Config(
        path=str(path),
        select=_names(data, "select", path),
        ignore=_names(data, "ignore", path),
        rules=tuple(str(base / pack) for pack in _names(data, "rules", path)),
        fail_on=_fail_on(data, path, beside, notes),
        lang=_lang(data, path),
        waivers=tuple(_waiver(item, path) for item in _list(data, "waive", path)),
        limits=_limits(data.get("limits") or {}, path, beside, notes),
        beside=beside,
        notes=tuple(notes),
    )


def _fail_on(data: dict, path: Path, beside: bool, notes: list[tuple[str, str]]) -> str | None:
    chosen = _choice(data, "fail-on", FAIL_ON, path)
    if beside and chosen is not None and FAIL_ON.index(chosen) > FAIL_ON.index(Severity.ERROR):
        zh = f"{path} 在被检查文件旁，不能放宽 fail-on（{chosen}），仍按 error"
        notes.append((zh, f"{path} is beside the documents: its fail-on {chosen} is ignored (error)"))
        return None
    return chosen


def _limits(data: Any, path: Path, beside: bool, notes: list[tuple[str, str]]) -> bounds.Limits:
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: limits 应当是“名称: 数值”的映射，如 file-mb: 512")
    try:
        limits = bounds.parse(data)
    except bounds.LimitError as error:
        raise ConfigError(f"{path}: {error}") from None
    loosened = bounds.loosened(limits)
    if beside and loosened:
        names = "、".join(loosened)
        zh = f"{path} 在被检查文件旁，不能调高上限 {names}，已按默认值"
        notes.append((zh, f"{path} is beside the documents: raising {names} is ignored (defaults kept)"))
        kept = {k: v for k, v in data.items() if str(k) not in loosened}
        return bounds.parse(kept)
    return limits


def _toml(path: Path) -> dict[str, Any]:
    try:
        return structured.toml(structured.text(path, bounds.Limits.pack_mb))
    except structured.StructureError as error:
        raise ConfigError(f"{path}: {error}") from None


def _yaml(path: Path) -> Any:
    try:
        return structured.yaml_one(structured.text(path, bounds.Limits.pack_mb))
    except structured.StructureError as error:
        where = f"{path}:{error.line}" if error.line else str(path)
        raise ConfigError(f"{where}: {error}") from None


def _list(data: dict, key: str, path: Path) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ConfigError(f"{path}: {key} 应当是一组条目（每项以 - 开头）")
    return value


def _names(data: dict, key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{path}: {key} 应当是一个或一组文字")
    return tuple(value)


def _lang(data: dict, path: Path) -> Lang | None:
    value = _choice(data, "lang", LANGS, path)
    return lang_of(value) if value is not None else None


def _choice(data: dict, key: str, choices: tuple[str, ...], path: Path) -> str | None:
    value = data.get(key)
    if value is not None and value not in choices:
        raise ConfigError(f"{path}: {key} 应为 {'、'.join(choices)} 之一，而不是 {value!r}")
    return value


def _waiver(item: Any, path: Path) -> Waiver:
    if isinstance(item, dict) and set(item) - set(WAIVER_KEYS):
        raise ConfigError(f"{path}: {schema.stray('waive 中', item, WAIVER_KEYS)}")
    if not isinstance(item, dict) or "rule" not in item or "reason" not in item:
        raise ConfigError(f"{path}: waive 的每一项都要有 rule 和 reason（为什么豁免），例如 "
                          "{rule: BP104, project: 接待费, reason: …}")  # fmt: skip
    return Waiver(
        rule=str(item["rule"]),
        reason=str(item["reason"]),
        file=str(item["file"]) if item.get("file") is not None else None,
        project=str(item["project"]) if item.get("project") is not None else None,
        fingerprint=str(item["fingerprint"]) if item.get("fingerprint") is not None else None,
    )

"""The configuration: `bplint.yaml`, or `[tool.bplint]` in `pyproject.toml`, found upward from the
linted files or the cwd.

Documents cannot carry `noqa` comments, so a config is also where a finance office
waives a finding it has accepted, for a file, a project or a rule, with its reason.
Every waived finding is still counted and listed in the summary.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import yaml

from bplint import limits as bounds
from bplint import read
from bplint.findings import Finding

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
    lang: str | None = None
    waivers: tuple[Waiver, ...] = field(default_factory=tuple)
    limits: bounds.Limits = field(default_factory=bounds.Limits)
    baseline: frozenset[str] = frozenset()  # fingerprints of findings accepted before (--baseline)


def find(start: Path) -> Path | None:
    """The nearest bplint.yaml, or pyproject.toml with [tool.bplint], from `start` upward."""
    for folder in (start, *start.parents):
        candidate = folder / "bplint.yaml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "tool" in (data := _toml(pyproject)) and "bplint" in data["tool"]:
            return pyproject
    return None


def load(path: Path) -> Config:
    data = _toml(path).get("tool", {}).get("bplint", {}) if path.name == "pyproject.toml" else _yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: 配置应当是键值映射")
    unknown = [key for key in data if key not in KEYS]
    if unknown:
        raise ConfigError(f"{path}: 未知的配置项 {', '.join(unknown)}（可用：{', '.join(KEYS)}）")
    base = path.parent
    return Config(
        path=str(path),
        select=_names(data, "select", path),
        ignore=_names(data, "ignore", path),
        rules=tuple(str(base / pack) for pack in _names(data, "rules", path)),
        fail_on=_choice(data, "fail-on", ("error", "warning", "info", "never"), path),
        lang=_choice(data, "lang", ("zh", "en"), path),
        waivers=tuple(_waiver(item, path) for item in data.get("waive") or ()),
        limits=_limits(data.get("limits") or {}, path),
    )


def _limits(data: Any, path: Path) -> bounds.Limits:
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: limits 应当是“名称: 数值”的映射，如 file-mb: 512")
    try:
        return bounds.parse(data)
    except bounds.LimitError as error:
        raise ConfigError(f"{path}: {error}") from None


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(read.read_small(path, bounds.Limits.pack_mb))
    except read.ReadError as error:
        raise ConfigError(f"{path}: 无法读取：{error.zh}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: TOML 格式错误：{error}") from None


def _yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(read.read_small(path, bounds.Limits.pack_mb)) or {}
    except read.ReadError as error:
        raise ConfigError(f"{path}: 无法读取：{error.zh}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: YAML 格式错误：{getattr(error, 'problem', error)}") from None


def _names(data: dict, key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{path}: {key} 应当是一个或一组文字")
    return tuple(value)


def _choice(data: dict, key: str, choices: tuple[str, ...], path: Path) -> str | None:
    value = data.get(key)
    if value is not None and value not in choices:
        raise ConfigError(f"{path}: {key} 应为 {'、'.join(choices)} 之一，而不是 {value!r}")
    return value


def _waiver(item: Any, path: Path) -> Waiver:
    if not isinstance(item, dict) or "rule" not in item or "reason" not in item:
        raise ConfigError(f"{path}: waive 的每一项都要有 rule 和 reason（为什么豁免），例如 "
                          "{rule: BP104, project: 接待费, reason: …}")  # fmt: skip
    unknown = [key for key in item if key not in WAIVER_KEYS]
    if unknown:
        raise ConfigError(f"{path}: waive 中未知的键 {', '.join(unknown)}（可用：{', '.join(WAIVER_KEYS)}）")
    return Waiver(
        rule=str(item["rule"]),
        reason=str(item["reason"]),
        file=str(item["file"]) if item.get("file") is not None else None,
        project=str(item["project"]) if item.get("project") is not None else None,
        fingerprint=str(item["fingerprint"]) if item.get("fingerprint") is not None else None,
    )

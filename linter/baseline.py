"""The baseline: findings a finance office has accepted, as a list a person can review.

`--write-baseline FILE` writes each finding reported (and each accepted one still found) as an
entry: its rule, where it is as the document prints it, its message, why it was accepted, who
accepted it and when (a new entry's reason is left for the reviewer to write).  `--baseline FILE`
then sets those findings apart, counted but not printed; `bplint baseline prune FILE PATHS…` drops
the entries no finding matches any more.  An entry names its finding by fingerprint
(bplint.fingerprint): what the finding is about, never the file's name or a line, so a redraft
keeps its acceptances.  YAML, or JSON where the file's name ends in .json; the bare list of
fingerprints bplint wrote before is still read.
"""

from __future__ import annotations

import datetime
import getpass
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import PurePath

from bplint import structured
from bplint.language import Lang
from bplint.limits import Limits

VERSION = 2
KEYS = ("fingerprint", "rule", "file", "where", "message", "reason", "who", "when")
ACCEPTED = "已在基线中（--baseline）"


class BaselineError(ValueError):
    """A baseline that cannot be read; the message names the file and why (in Chinese)."""


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str = ""
    file: str = ""
    where: str = ""
    message: str = ""
    reason: str = ""
    who: str = ""
    when: str = ""

    def said(self) -> str:
        """Why a finding this entry accepts is set apart, as the reports say it."""
        return f"{ACCEPTED}：{self.reason}" if self.reason else ACCEPTED


def read(path: str, mb: int = Limits.pack_mb) -> tuple[Entry, ...]:
    """The entries of a baseline file; BaselineError if it is none."""
    try:
        text = structured.text(path, mb)
        data = structured.json_value(text) if str(path).endswith(".json") else structured.yaml_one(text)
    except structured.StructureError as error:
        raise BaselineError(f"{path}: {error}") from None
    if isinstance(data, dict) and isinstance(data.get("fingerprints"), list):  # bplint's first baselines
        return tuple(Entry(str(f)) for f in data["fingerprints"])
    listed = data.get("accepted") if isinstance(data, dict) else None
    if not isinstance(listed, list) or not all(isinstance(e, dict) and e.get("fingerprint") for e in listed):
        raise BaselineError(f"{path}: 不是 bplint 的基线文件（--write-baseline 写出的 accepted: 列表，"
                            "每项有 fingerprint）")  # fmt: skip
    return tuple(Entry(**{k: str(e.get(k) or "") for k in KEYS}) for e in listed)


def entries(results: Iterable, lang: Lang, kept: Iterable[Entry] = ()) -> list[Entry]:
    """An entry for each finding reported, after the entries of `kept` still found (their reason,
    who and when kept), in the order of the files."""
    previous = {entry.fingerprint: entry for entry in kept}
    who, when = _who(), datetime.date.today().isoformat()
    made: dict[str, Entry] = {}
    for result in results:
        name = PurePath(result.path).name
        accepted = [f for f, _ in result.waived if f.fingerprint in previous]
        for finding in [*accepted, *result.findings]:
            if finding.fingerprint and finding.fingerprint not in made:
                made[finding.fingerprint] = previous.get(finding.fingerprint) or Entry(
                    finding.fingerprint,
                    finding.rule,
                    name,
                    finding.where(lang),
                    finding.message,
                    "",
                    who,
                    when,
                )
    return list(made.values())


def pruned(entries: Iterable[Entry], results: Iterable) -> tuple[list[Entry], list[Entry]]:
    """The entries some finding of `results` still matches (or of a file that could not be read,
    whose findings are unknown), and those none does."""
    results = list(results)
    found = {f.fingerprint for r in results for f in (*r.findings, *(w for w, _ in r.waived))}
    unread = {PurePath(r.path).name for r in results if not r.readable}
    kept: list[Entry] = []
    dropped: list[Entry] = []
    for entry in entries:
        (kept if entry.fingerprint in found or entry.file in unread else dropped).append(entry)
    return kept, dropped


def dumps(entries: Iterable[Entry], path: str) -> str:
    """The baseline file's text: JSON for a name ending in .json, else YAML with a heading comment."""
    listed = [{k: v for k, v in asdict(e).items()} for e in entries]
    data = {"bplint_baseline": VERSION, "accepted": listed}
    if str(path).endswith(".json"):
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    heading = (
        "# bplint 基线：已接受的问题。每一项请在 reason 写明为什么接受；\n"
        "# --baseline 使用时这些问题只计数、不列出（-v 列出）。\n"
        "# 删去一项，该问题下次会再报告；bplint baseline prune 删去已没有对应问题的项。\n"
    )
    import yaml  # only when a baseline is written: a lint's start does not load PyYAML

    return heading + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return ""

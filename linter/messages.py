"""The message catalogue: what a stage says of a problem, keyed by id (`BP001.directory`), in each
language, with named parameters (`linter/messages.yaml`).

A stage raises a problem with its key and the parameters (`Message.of("BP001.read_failed",
reason=…)`), never with words; a report says it in the run's language (`Message.said`).  The
catalogue lives beside the package rather than in rules/, whose every YAML file is a rule pack.
tests/test_messages.py checks that every key the code uses is in the catalogue in both languages,
with each parameter its templates name, and that the catalogue holds no key no code uses.
"""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass
from importlib import resources

from bplint import cache
from bplint.language import LANGS, Lang

Param = str | int | float


@dataclass(frozen=True)
class Message:
    """A problem as a stage raises it: its catalogue key and its parameters, no words."""

    key: str
    params: tuple[tuple[str, Param], ...] = ()

    @classmethod
    def of(cls, key: str, **params: Param) -> Message:
        return cls(key, tuple(sorted(params.items())))

    def said(self, lang: Lang) -> str:
        """The message in `lang`: its template with the parameters filled."""
        return template(self.key, lang).format_map(dict(self.params))


class CatalogueError(LookupError):
    """A key or a language the catalogue does not hold: a bug in bplint, not in a document."""


@functools.cache
def catalogue() -> dict[str, dict[Lang, str]]:
    text = resources.files("bplint").joinpath("messages.yaml").read_text(encoding="utf-8")
    data = cache.shipped("messages", text, _read)
    return {str(key): {lang: str(said[lang]) for lang in LANGS if lang in said} for key, said in data.items()}


def _read(text: str) -> dict:
    from bplint.structured import yaml_documents  # here: bplint.structured reads files, which says Messages

    return yaml_documents(text)[0]


def template(key: str, lang: Lang) -> str:
    try:
        return catalogue()[key][lang]
    except KeyError:
        raise CatalogueError(f"no message {key!r} in {lang}") from None


def fields(text: str) -> set[str]:
    """The parameters a template names (`{reason}`)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}

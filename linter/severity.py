"""The severities of a finding, and the one place a severity's word in a language is given.

A str enum, so the JSON contract (`"severity": "error"`) and the rule packs' YAML keep their words;
severities compare by rank (error > warning > info), as `--fail-on` reads them.
"""

from __future__ import annotations

from enum import StrEnum

from bplint.language import Lang


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """error 3, warning 2, info 1: `--fail-on` compares with this."""
        return _RANK[self]

    def word(self, lang: Lang) -> str:
        """The severity as a reader of `lang` calls it: 错误, warning."""
        return _WORDS[lang][self]

    # Compared by rank, not as strings ("info" > "error" alphabetically).
    def __lt__(self, other: object) -> bool:
        return self.rank < Severity(other).rank if isinstance(other, str) else NotImplemented

    def __le__(self, other: object) -> bool:
        return self.rank <= Severity(other).rank if isinstance(other, str) else NotImplemented

    def __gt__(self, other: object) -> bool:
        return self.rank > Severity(other).rank if isinstance(other, str) else NotImplemented

    def __ge__(self, other: object) -> bool:
        return self.rank >= Severity(other).rank if isinstance(other, str) else NotImplemented


SEVERITIES: tuple[Severity, ...] = tuple(Severity)  # the most severe first
_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}
_WORDS: dict[Lang, dict[Severity, str]] = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {s: s.value for s in Severity},
}


NEVER = "never"  # `--fail-on never`: no finding fails a run
FAIL_ON: tuple[str, ...] = (*(s.value for s in reversed(SEVERITIES)), NEVER)  # from the strictest


def threshold(fail_on: str | None) -> Severity | None:
    """`--fail-on`'s word as the least severity that fails a run; `never` (or none) is None."""
    return None if fail_on in (None, NEVER) else Severity(fail_on)


def fails(severity: Severity, fail_on: str | None) -> bool:
    """Whether a finding of `severity` fails a run under `--fail-on fail_on`."""
    least = threshold(fail_on)
    return least is not None and severity >= least

"""The reports made, kept in this process's memory for a while so that the page can link to their
downloads: never on disk, gone when the server stops, the oldest dropped past a count or an age.
Each is reached by a random token (its link), not by anything the client named."""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from bplint.language import Lang
from bplint.lint import FileResult

KEEP_MINUTES = 30
MOST_REPORTS = 64


@dataclass(frozen=True)
class Download:
    filename: str  # as offered to the browser
    media: str
    data: bytes = field(repr=False)
    label: str  # the link's words


@dataclass(frozen=True)
class Outcome:
    token: str
    lang: Lang
    results: tuple[FileResult, ...]
    view: str = field(repr=False)  # the HTML report with its links
    downloads: dict[str, Download] = field(repr=False)
    made: float = field(default_factory=time.monotonic)


def token() -> str:
    return secrets.token_urlsafe(24)


class Store:
    def __init__(self, keep_minutes: float = KEEP_MINUTES, most: int = MOST_REPORTS) -> None:
        self.keep, self.most = keep_minutes * 60, most
        self.kept: OrderedDict[str, Outcome] = OrderedDict()

    def put(self, outcome: Outcome) -> None:
        self.kept[outcome.token] = outcome
        while len(self.kept) > self.most:
            self.kept.popitem(last=False)

    def get(self, key: str) -> Outcome | None:
        now = time.monotonic()
        while self.kept and now - next(iter(self.kept.values())).made > self.keep:
            self.kept.popitem(last=False)
        return self.kept.get(key)

    def clear(self) -> None:
        self.kept.clear()

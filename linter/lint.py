"""Running bplint over inputs: read, model, findings; one file's failure stays its own."""

from __future__ import annotations

import dataclasses
import functools
import os
import stat
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bplint import extract, location, oswords, read, regexes
from bplint.catalog import Rule
from bplint.engine import check, selfcheck
from bplint.findings import Finding, ValueDetail, said_in
from bplint.fingerprint import fingerprinted
from bplint.language import Lang
from bplint.limits import Limits
from bplint.locate import Locator
from bplint.messages import Message
from bplint.model.document import Document, Meta, Problem
from bplint.together import Together, joined

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".xlsx")
_WHOLE_DOCUMENT = 40  # paragraphs: fewer are a part of a document (a 说明's excerpt), checked as such


@dataclass(frozen=True)
class FileResult:
    path: str
    document: Document | None
    findings: tuple[Finding, ...]
    sha256: str | None = None
    readable: bool = True
    stats: dict = field(default_factory=dict)
    # Findings a config waived, each with the waiver's reason: (finding, reason).
    waived: tuple[tuple[Finding, str], ...] = ()
    lines: tuple[str, ...] = ()  # the decoded input, for reports that show the document
    meta: Meta | None = None  # the document's agency, year and unit; None when it was not read

    def slim(self, lines: bool | int) -> FileResult:
        """What a report needs, for a batch whose memory must not grow with each file: no model;
        the input's lines all (True), none (False), or only those within `lines` of a finding (an
        int: the HTML report's contexts), the others left empty."""
        if lines is True:
            kept = self.lines
        elif lines is False:
            kept = ()
        else:
            near = {n for f in self.findings for n in range(f.line - lines, f.line + lines + 1)}
            kept = tuple(text if n in near else "" for n, text in enumerate(self.lines, 1))
        return dataclasses.replace(self, document=None, lines=kept)


@dataclass(frozen=True)
class Skipped:
    """An entry of a directory that was not linted, and why.  `covered`: nothing was lost (a link
    back to a folder whose files are being linted), so it is a note, not a finding."""

    path: str
    why: Message
    covered: bool = False

    def said(self, lang: Lang) -> str:
        return self.why.said(lang)

    def result(self, rules: dict[str, Rule], lang: Lang) -> FileResult:
        """This entry's BP001, saying why it was not linted."""
        return unreadable(self.path, rules, lang, self.said(lang))


def expand(paths: Iterable[str]) -> Iterator[str | Skipped]:
    """Files as given; a directory stands for every supported file below it, in order.

    Links are followed only to what is inside the folder named (a link out of it, to its parent or
    to `/`, is a covered Skipped entry: said, its target not read), and not back into a folder
    being walked; a folder that cannot be opened (no permission, a path over the system's limit)
    is a Skipped entry, and a link to nowhere is yielded, so that reading it says so.  Among
    several files (a shell's `examples/*`), a README or a rule pack is left out with a note (a
    covered Skipped entry); named alone, reading it says why not."""
    paths = list(paths)
    for path in paths:
        if path == "":
            yield Skipped(path, Message.of("BP001.empty_path"))
        elif path != "-" and _is_folder(path):
            yield from _walk(Path(path))
        elif len(paths) > 1 and path != "-" and (refused := read.not_a_document(path)):
            yield Skipped(path, refused, covered=True)
        else:
            yield path


def _is_folder(path: str | os.PathLike) -> bool:
    """Whether `path` is a folder; one that cannot be looked at is not (reading it says why)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


_Listing = tuple[tuple[int, int], Iterator[os.DirEntry]]


def _walk(top: Path) -> Iterator[str | Skipped]:
    """The files below `top`, depth first in name order, without recursion (a tree may be
    thousands of folders deep)."""
    root = os.path.realpath(top)
    if os.path.dirname(root) == root:
        yield Skipped(shown(str(top)), Message.of("BP001.root_folder"))
        return
    stack: list[_Listing] = []
    opened = _opened(top, stack)
    if isinstance(opened, Skipped):
        yield opened
        return
    stack.append(opened)
    while stack:
        entry = next(stack[-1][1], None)
        if entry is None:
            stack.pop()
            continue
        path = Path(entry.path)
        kind = "folder" if _is_dir(entry) else "file" if path.suffix.lower() in SUPPORTED_SUFFIXES else None
        if kind is None:
            continue
        if entry.is_symlink() and not _inside(os.path.realpath(path), root):
            yield _outside(path, kind)
        elif kind == "file":
            yield str(path)  # a file, or a broken link: reading it says which
        elif isinstance(opened := _opened(path, stack), Skipped):
            yield opened
        else:
            stack.append(opened)


def _opened(folder: Path, above: list[_Listing]) -> _Listing | Skipped:
    """A folder's entries in name order, or why they are not read: it cannot be opened, or it is
    one of the folders being walked (a link back up: a covered entry, its files are linted)."""
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        reasons = {"reason_zh": oswords.reason(error), "reason": str(error.strerror)}
        return Skipped(shown(str(folder)), Message.of("BP001.folder_unreadable", **reasons))
    identity = (info.st_dev, info.st_ino)
    if any(identity == walked for walked, _ in above):
        return Skipped(shown(str(folder)), Message.of("BP001.link_above"), covered=True)
    return identity, iter(entries)


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _outside(path: Path, kind: str) -> Skipped:
    """A link out of the folder named: what it points at may be anyone's, so it is not read."""
    key = "BP001.link_outside_folder" if kind == "folder" else "BP001.link_outside_file"
    return Skipped(shown(str(path)), Message.of(key), covered=True)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def lint_source(
    source: read.Source, rules: dict[str, Rule], lang: Lang, only: set[str] | None = None
) -> FileResult:
    """Model one decoded input and run the rules (those in `only`, when given) over it."""
    excerpt = functools.partial(_excerpt, source)
    # A table whose own arithmetic fails as read is said once (BP005) and not checked.
    reviewed = selfcheck.review(extract.build(source), rules, lang, excerpt, source.pages)
    document, done = reviewed.document, reviewed.found  # done: rules already run on this document
    findings = [_from_problem(problem, rules, lang, source) for problem in document.problems]
    findings += [_unread(notice, rules, lang, source) for notice in source.notices] + reviewed.said
    kind = document.meta.kind
    # A whole document that is no disclosure (an evaluation report) is said to be none (BP002) and
    # no rule for disclosures runs on it; a few paragraphs are checked as a part of one.
    none = any(problem.rule == "BP002" for problem in document.problems)
    disclosure = not (none and len(document.paragraphs) >= _WHOLE_DOCUMENT)
    for rule in rules.values():
        if disclosure and rule.check is not None and (only is None or rule.id in only) and rule.applies(kind):
            findings.extend(
                done[rule.id]
                if rule.id in done
                else check.run(rule, rule.check, document, lang, excerpt, rules)
            )
    locator = Locator(shown(source.path), source.lines, source.locations, document)
    findings = [_located(_spanned(finding, source.lines), locator, source) for finding in findings]
    findings.sort(key=Finding.sort_key)
    # Fingerprinted before the places a message points at are said in it: a page number moves.
    unsaid = {n: location.said(f.message, lambda line: "") for n, f in enumerate(findings)}
    findings = [_said(f, locator, lang) for f in fingerprinted(findings, document.meta, unsaid)]
    return FileResult(shown(source.path), document, tuple(findings), source.sha256, stats=_stats(document),
                      lines=tuple(source.lines), meta=document.meta)  # fmt: skip


def lint_path(
    path: str | Together,
    rules: dict[str, Rule],
    lang: Lang,
    stdin: bytes | None = None,
    only: set[str] | None = None,
    limits: Limits | None = None,
    debug: bool = False,
) -> FileResult:
    """Lint one input; an unreadable file or an internal error becomes its BP001 finding.

    This is the one safety net around a file's whole work (reading, formats, layout, model,
    rules): whatever goes wrong stays this file's finding, and the batch goes on."""
    source = None
    try:
        if isinstance(path, Together):
            source = _joined(path, limits)
        else:
            source = read.decode(stdin, "-", limits) if stdin is not None else read.read_path(path, limits)
        return lint_source(source, rules, lang, only)
    except read.ReadError as error:
        return unreadable(_named(path), rules, lang, error.said(lang))
    except MemoryError:
        mb = (limits or Limits()).memory_mb
        reason = Message.of("BP001.memory", mb=mb).said(lang)
        return unreadable(_named(path), rules, lang, reason, source.sha256 if source else None)
    except (Exception, RecursionError) as error:  # a bug of ours must not stop the batch
        if debug:
            traceback.print_exc()
        where = traceback.extract_tb(error.__traceback__)[-1]
        detail = f"{type(error).__name__}: {str(error)[:200]} ({Path(where.filename).name}:{where.lineno})"
        reason = Message.of("BP001.internal", detail=detail).said(lang)
        return unreadable(_named(path), rules, lang, reason, source.sha256 if source else None)


def _joined(group: Together, limits: Limits | None) -> read.Source:
    """The files of one disclosure read as one source; one of them unreadable makes the whole
    unreadable, naming it (what the others say could not be checked against it)."""
    sources = []
    for path in group.paths:
        try:
            sources.append(read.read_path(path, limits))
        except read.ReadError as error:
            reasons = {"reason_zh": error.zh, "reason": error.en}
            raise read.ReadError(Message.of("BP001.in_group", path=str(path), **reasons)) from None
    return joined(sources)


def _named(path: str | Together) -> str:
    return path.name if isinstance(path, Together) else path


def unreadable(
    path: str, rules: dict[str, Rule], lang: Lang, reason: str, sha256: str | None = None
) -> FileResult:
    """The result of a file that could not be linted: its BP001 finding, saying why."""
    rule = rules["BP001"]
    whole = location.Location(shown(path), 1, unread=True)  # at no line: nothing of it was read
    finding = Finding(
        rule.id, rule.name, rule.severity, rule.render(lang, reason=reason), line=1, location=whole
    )
    return FileResult(shown(path), None, tuple(fingerprinted([finding])), sha256, readable=False)


def shown(path: str) -> str:
    """A path as reports print it: a name that is not UTF-8 (`bad\\xff.txt`) keeps its bytes as
    `\\xff` escapes, so every report stays valid UTF-8."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _from_problem(problem: Problem, rules: dict[str, Rule], lang: Lang, source: read.Source) -> Finding:
    rule = rules[problem.rule]
    detail = problem.message.said(lang) if problem.message else ""
    value = ValueDetail(problem.raw) if problem.rule == "BP003" and problem.raw is not None else None
    return Finding(
        rule=rule.id,
        name=rule.name,
        severity=rule.severity,
        message=rule.render(lang, detail=detail),
        line=problem.line,
        column=problem.column,
        project=problem.project,
        table=problem.table,
        excerpt=_excerpt(source, problem.line),
        value=value,
    )


def _unread(notice, rules: dict[str, Rule], lang: Lang, source: read.Source) -> Finding:
    rule = rules["BP005"]
    detail = notice.message.said(lang)
    return rule.finding(lang, {"detail": detail}, notice.line, excerpt=_excerpt(source, notice.line))


# A figure as printed where a finding points: `1,028.40 万元`, `640.93万元`, `95%`.
_PRINTED_FIGURE = regexes.compile(r"[-−]?\d[\d,，.]*\s*(?:亿元|万元|千元|元|%|％|百分比)")


def _spanned(finding: Finding, lines: Sequence[str]) -> Finding:
    """A finding without a range spans what it points at: the amount printed there with its unit,
    else the table cell (up to the next tab); a heading, a sheet's title or an empty cell stays a
    point."""
    if finding.end_line is not None or not 0 < finding.line <= len(lines):
        return finding
    text, start = lines[finding.line - 1], finding.column - 1
    if not 0 <= start < len(text):
        return finding
    figure = _PRINTED_FIGURE.match(text, start)
    if figure:
        end = figure.end()
    elif "\t" in text and text[start] != "\t":
        stop = text.find("\t", start)
        end = start + len(text[start : stop if stop >= 0 else len(text)].rstrip())
    else:
        return finding  # a heading, a sheet's title, an empty cell: a point
    return dataclasses.replace(finding, end_line=finding.line, end_column=end) if end > start else finding


def _located(finding: Finding, locator: Locator, source: read.Source) -> Finding:
    """A finding with its location (bplint.locate); in a PDF also its page in the file (`page`)."""
    end = finding.end_column if finding.end_line in (None, finding.line) else None
    where = locator.at(finding.line, finding.column, end, finding.project)
    index = finding.line - 1
    page = source.pages[index] if 0 <= index < len(source.pages) else None
    return dataclasses.replace(finding, location=where, page=page if page is not None else finding.page)


def _said(finding: Finding, locator: Locator, lang: Lang) -> Finding:
    """The places a message points at (`与{earlier_at}的指标完全相同`) said as the reader finds them."""
    where = functools.partial(locator.phrase, lang=lang, here=finding.location)
    say = functools.partial(location.said, where=where, lang=lang)
    value, working = said_in(finding.value, say), said_in(finding.working, say)
    if working is not None and working.terms:  # each term of a sum said where it is printed
        terms = tuple(t if t.line is None else dataclasses.replace(t, where=locator.phrase(t.line, lang))
                      for t in working.terms)  # fmt: skip
        working = dataclasses.replace(working, terms=terms)
    return dataclasses.replace(finding, message=say(finding.message), value=value, working=working)


def _excerpt(source: read.Source, line: int) -> str | None:
    lines = source.lines
    return lines[line - 1].strip().replace("\t", " | ")[:200] if 0 < line <= len(lines) else None


def _stats(document: Document) -> dict:
    indicators = document.indicators
    return {
        "kind": document.meta.kind.value,  # 部门预算 … 单位决算, or unknown (bplint.model.kind)
        "template": document.meta.template,
        "projects": len(document.projects),
        "evaluations": len(document.evaluations),  # a 决算's 绩效自评表
        "indicators": len(indicators),
        "values_parsed": sum(ind.value is not None for ind in indicators),
        "tables": len(document.tables),
        # The tables the document's own 目录 lists, and how many of them were read.
        "tables_listed": len(document.contents),
        "tables_listed_read": sum(entry.table_line is not None for entry in document.contents),
        # The project sheets it lists (`1.公车改革经费绩效目标表`), and how many were read.
        "sheets_listed": len(document.sheets_listed),
        "sheets_listed_read": sum(entry.table_line is not None for entry in document.sheets_listed),
        # Every number printed on the pages, and how many the model took (bplint.model.coverage).
        "numbers": document.coverage.printed,
        "numbers_read": document.coverage.taken,
        "grid_numbers": document.coverage.grid,
        "grid_numbers_read": document.coverage.grid_taken,
    }

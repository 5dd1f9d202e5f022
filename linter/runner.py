"""Running a batch: files linted in worker processes, `jobs` at a time, reported in input order.

A process apart is what makes a file's failure its own: a PDF whose reference loop never ends is
killed at `timeout` seconds with its worker, one that would take all memory stops at `memory-mb`,
a crash in a C library ends that worker only.  Each of these is the file's BP001; the next file
gets a new worker and the others finish.  Workers are forked after the rules are compiled, so they
share them; a worker lints file after file (forking one per file cost more than many a file's
linting) until it fails or has grown past half its memory bound.  Only results cross back,
pickled.  Where fork is not available the files are linted in this process, without those bounds.
A lone text file is linted in this process, its timeout and memory bound held here (`_in_process`).
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from bplint import cache
from bplint.catalog import Rule
from bplint.language import Lang
from bplint.limits import MIB, Limits
from bplint.lint import FileResult, Skipped, lint_path, unreadable
from bplint.messages import Message
from bplint.read import CLAIMED
from bplint.together import Together

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# multiprocessing is imported where workers are started: a lone text file, linted in this
# process, does not load it (~10 ms of a start).


@dataclass(frozen=True)
class Settings:
    rules: dict[str, Rule]
    lang: Lang
    only: set[str] | None = None
    limits: Limits = field(default_factory=Limits)
    jobs: int = 1
    debug: bool = False
    lines: bool | int = False  # each input's lines kept in its result: see FileResult.slim
    # A lone text file linted in this process (`_in_process`); not where this process is a server
    # (bplint serve): its timer and memory bound would be the server's, from a thread of it.
    lone_text_here: bool = True


def run(
    paths: list[str | Skipped | Together], settings: Settings, stdin: bytes | None = None
) -> Iterator[FileResult]:
    """Each path's result, in the order of `paths`, as soon as it and those before it are done."""
    if not hasattr(os, "fork"):
        for path in paths:
            yield path.result(settings.rules, settings.lang) if isinstance(path, Skipped) \
                else _lint(path, settings, stdin).slim(settings.lines)  # fmt: skip
        return
    lone = paths[0] if len(paths) == 1 else None
    if isinstance(lone, str) and settings.lone_text_here and _plain_text(lone, stdin):
        here = _in_process(lone, settings, stdin)
        cache.save()  # patterns first compiled by this lint: the next start has them
        yield here
        return
    import multiprocessing
    from multiprocessing.connection import wait

    if len(paths) > 2:
        _warm(settings)
    context = multiprocessing.get_context("fork")
    pending = list(enumerate(paths))[::-1]
    idle: list[_Worker] = []
    busy: dict[Connection, _Worker] = {}
    done: dict[int, FileResult] = {}
    following = 0
    try:
        while pending or busy:
            while pending and len(busy) < max(settings.jobs, 1):
                index, path = pending.pop()
                if isinstance(path, Skipped):
                    done[index] = path.result(settings.rules, settings.lang)
                    continue
                worker = idle.pop() if idle else _Worker(context, settings, stdin)
                if not worker.give(index, path, settings.limits.timeout):
                    worker.end()  # gone while idle (killed from outside): another takes the file
                    worker = _Worker(context, settings, stdin)
                    worker.give(index, path, settings.limits.timeout)
                busy[worker.connection] = worker
            nearest = min((w.deadline for w in busy.values()), default=time.monotonic())
            for connection in wait(list(busy), timeout=max(nearest - time.monotonic(), 0)):
                worker = busy.pop(cast("Connection", connection))  # wait() gives back what it was given
                index, path = worker.index, worker.path
                result, staying = worker.take()
                done[index] = result if result is not None else _crashed(path, worker, settings)
                if staying:
                    idle.append(worker)
                else:
                    worker.end()
            for connection, worker in list(busy.items()):
                if time.monotonic() >= worker.deadline:
                    worker.end()
                    del busy[connection]
                    done[worker.index] = _failed(worker.path, settings, _timeout(settings))
            while following in done:
                yield done.pop(following)
                following += 1
    finally:
        for worker in (*idle, *busy.values()):
            worker.end()


class _Worker:
    """A forked process that lints the files it is given, one at a time, and stays for the next:
    forking a process per file cost more than many a file's linting (its pages copied as it
    touched them, its caches lost).  A file that hangs or crashes ends its worker, and the next
    file gets a new one; so does a worker that has grown past half its memory bound."""

    def __init__(self, context, settings: Settings, stdin: bytes | None) -> None:
        self.connection, theirs = context.Pipe(duplex=True)
        self.process = context.Process(
            target=_serve, args=(theirs, settings, stdin, os.getpid()), daemon=True
        )
        with _stops_held():  # registered before a held Ctrl-C lands, so that it is ended
            self.process.start()
        theirs.close()
        self.index, self.deadline = -1, 0.0
        self.path: str | Together = ""

    def give(self, index: int, path: str | Together, timeout: float) -> bool:
        self.index, self.path, self.deadline = index, path, time.monotonic() + timeout
        try:
            self.connection.send(path)
        except OSError:
            return False
        return True

    def take(self) -> tuple[FileResult | None, bool]:
        """The file's result and whether the worker stays; (None, False) when it died."""
        try:
            result, staying = self.connection.recv()
        except (EOFError, OSError, MemoryError, ValueError, TypeError):
            return None, False
        return result, staying

    def end(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


def _warm(settings: Settings) -> None:
    """Before a batch, fill here the caches each file's process would otherwise fill for itself and
    lose (the value grammar's parser, compiled patterns, memoised lookups) by linting the rules'
    own examples once: about 35 ms, saving about 15 ms a file."""
    from bplint.lint import lint_source
    from bplint.read import Source

    shipped = (rule for rule in settings.rules.values() if rule.source.startswith("rules/"))
    examples = (rule.examples.get("bad") or {} for rule in shipped)  # a user's pack is not run here
    text = "\n\n".join(example["text"] for example in examples if isinstance(example.get("text"), str))
    with contextlib.suppress(Exception):  # a warm-up only saves time; each file has its own net
        lint_source(Source("warm-up.txt", text, "UTF-8", ""), settings.rules, settings.lang)
    cache.save()
    # What exists now is left out of the collector's passes, so that a child collecting garbage
    # does not write to (and so copy) every page it shares with this process.
    gc.freeze()


# What a PDF, a .docx/.xlsx or an old Office file starts with: read by C libraries (PDFium, zlib,
# lxml) that a timer cannot interrupt and whose crash would end the run, so always in a worker.
_NOT_TEXT = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def _plain_text(path: str, stdin: bytes | None) -> bool:
    """Whether a lone input is a text file, which is linted in this process."""
    if path == "-":
        return stdin is not None and not stdin.startswith(_NOT_TEXT)
    if path.lower().endswith(tuple(CLAIMED)):
        return False  # read as that or refused (a PDF's header may come after other bytes)
    try:
        with open(path, "rb") as handle:
            if not os.path.isfile(path):
                return False
            return not handle.read(8).startswith(_NOT_TEXT)
    except OSError:
        return False  # its BP001 comes from the reader, in a worker as ever


class _Overdue(BaseException):
    """The file's timeout passed (not an Exception: the linter's net for a file's errors lets it by)."""


# The timer goes on ringing after the timeout: Python swallows an exception raised in a gc callback
# or a __del__ (hypothesis installs one), so one ring may be lost; the file is overdue all the same.
_AGAIN = 0.05


def _in_process(path: str, settings: Settings, stdin: bytes | None) -> FileResult:
    """A lone text file linted here: a worker would cost a fork and its pages copied, a sixth of a
    one-document run, and a profile of the command line would see nothing.  Its timeout is a timer
    here, its memory bound this process's own for the file (then restored); Python code and
    patterns bounded by time are all a text file runs, so both hold."""
    import resource

    rung: list[int] = []

    def overdue(signum, frame) -> None:
        rung.append(signum)
        raise _Overdue

    handler = signal.signal(signal.SIGALRM, overdue)
    signal.setitimer(signal.ITIMER_REAL, settings.limits.timeout, _AGAIN)
    before = resource.getrlimit(resource.RLIMIT_AS)
    with contextlib.suppress(ValueError, OSError):
        memory = settings.limits.memory_mb * MIB
        hard = before[1]
        resource.setrlimit(resource.RLIMIT_AS, (memory if hard < 0 else min(memory, hard), hard))
    try:
        result = _lint(path, settings, stdin).slim(settings.lines)
    except _Overdue:
        result = None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, handler)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, before)
    return _failed(path, settings, _timeout(settings)) if rung or result is None else result


def _lint(path: str | Together, settings: Settings, stdin: bytes | None) -> FileResult:
    return lint_path(path, settings.rules, settings.lang, stdin if path == "-" else None,
                     settings.only, settings.limits, settings.debug)  # fmt: skip


_STOPS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _stops_held():
    """Ctrl-C and SIGTERM held back while a child is forked: one arriving in between would reach
    the child before it set its own handlers, with the parent's (a traceback from the child). The
    parent gets it as soon as the child is started; the child, once it ignores it."""
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)


def _serve(connection: Connection, settings: Settings, stdin: bytes | None, parent: int) -> None:
    memory = _bounded_child(settings.limits, parent)
    try:
        while True:
            try:
                while not connection.poll(1.0):
                    if os.getppid() != parent:  # where the kernel cannot end it with its parent
                        return
                path = connection.recv()
            except (EOFError, OSError):
                return
            signal.alarm(math.ceil(settings.limits.timeout) + _GRACE)  # in case the parent cannot
            result = _lint(path, settings, stdin).slim(settings.lines)
            signal.alarm(0)
            staying = _address_space() < memory // 2
            connection.send((result, staying))
            if not staying:
                return
    finally:
        connection.close()


_GRACE = 2  # seconds a worker gives its parent to end it at a file's timeout before it ends itself


def _bounded_child(limits: Limits, parent: int) -> int:
    """A forked child's bounds: the memory bound, the stops left to the parent, its end with the
    parent's, and SIGALRM ending it (a file's own deadline). Its memory bound in bytes."""
    # Ctrl-C reaches the whole process group: the parent stops the run and ends its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    _die_with(parent)
    memory = limits.memory_mb * MIB
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):
        pass  # no such limit here: the timeout still bounds the file
    return memory


def _die_with(parent: int) -> None:
    """Have the kernel end this process when its parent ends, even by SIGKILL (Linux's
    PR_SET_PDEATHSIG): a worker waiting for its next file would otherwise wait for ever, the pipe
    kept open by its siblings.  A parent gone before this took effect is seen here."""
    with contextlib.suppress(Exception):  # elsewhere the worker looks for its parent between files
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(0)


_PR_SET_PDEATHSIG = 1


class Stopped(Exception):
    """A bounded task that did not finish, and why."""

    def __init__(self, why: Message) -> None:
        super().__init__(why.said("zh"))
        self.why = why

    @property
    def zh(self) -> str:
        return self.why.said("zh")


def bounded(task: Callable[[], str], limits: Limits) -> str:
    """`task()` under the bounds of one file (its timeout, its memory, its end with this process),
    in a forked process: `bplint dump` reads a file as hostile as any it lints.  Stopped says why
    it did not finish; a ReadError of the task comes back as Stopped too."""
    if not hasattr(os, "fork"):
        return task()
    import multiprocessing

    context = multiprocessing.get_context("fork")
    mine, theirs = context.Pipe(duplex=False)
    process = context.Process(target=_run_bounded, args=(theirs, task, limits, os.getpid()), daemon=True)
    with _stops_held():
        process.start()
    theirs.close()
    try:
        if not mine.poll(limits.timeout):
            raise Stopped(_timeout_words(limits.timeout))
        kind, said = mine.recv()
    except (EOFError, OSError):
        process.join(timeout=5)
        raise Stopped(_crash_words(process.exitcode)) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        mine.close()
    if kind != "done":
        raise Stopped(said)
    return said


def _run_bounded(connection: Connection, task: Callable[[], str], limits: Limits, parent: int) -> None:
    _bounded_child(limits, parent)
    from bplint.read import ReadError

    try:
        connection.send(("done", task()))
    except ReadError as error:
        connection.send(("stopped", error.message))
    except MemoryError:
        connection.send(("stopped", Message.of("BP001.dump_memory", mb=limits.memory_mb)))
    finally:
        connection.close()


def _address_space() -> int:
    """The worker's address space now (what its memory bound counts), 0 where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _crashed(path: str | Together, worker: _Worker, settings: Settings) -> FileResult:
    worker.process.join(timeout=5)
    return _failed(path, settings, _crash_words(worker.process.exitcode))


def _crash_words(code: int | None) -> Message:
    return Message.of("BP001.crashed", code=str(code))


def _failed(path: str | Together, settings: Settings, reason: Message) -> FileResult:
    name = path.name if isinstance(path, Together) else path
    return unreadable(name, settings.rules, settings.lang, reason.said(settings.lang))


def _timeout(settings: Settings) -> Message:
    return _timeout_words(settings.limits.timeout)


def _timeout_words(timeout: float) -> Message:
    return Message.of("BP001.timeout", seconds=f"{timeout:g}")

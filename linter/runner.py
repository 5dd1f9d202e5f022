"""Running a batch: each file linted in a process of its own, `jobs` at a time, in input order.

A process per file is what makes a file's failure its own: a PDF whose reference loop never
ends is killed at `timeout` seconds, one that would take all memory stops at `memory-mb`, a
crash in a C library ends that process only.  Each of these is the file's BP001; the others
finish.  The process is forked after the rules are compiled, so it starts in a millisecond or
two and shares the compiled rules; only its result crosses back, pickled.  Where fork is not
available the files are linted in this process, without those bounds.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from bplint.catalog import Rule
from bplint.limits import MIB, Limits
from bplint.lint import FileResult, Skipped, lint_path, unreadable


@dataclass(frozen=True)
class Settings:
    rules: dict[str, Rule]
    lang: str
    only: set[str] | None = None
    limits: Limits = field(default_factory=Limits)
    jobs: int = 1
    debug: bool = False
    lines: bool | int = False  # each input's lines kept in its result: see FileResult.slim


def run(paths: list[str | Skipped], settings: Settings, stdin: bytes | None = None) -> Iterator[FileResult]:
    """Each path's result, in the order of `paths`, as soon as it and those before it are done."""
    if not hasattr(os, "fork"):
        for path in paths:
            yield path.result(settings.rules, settings.lang) if isinstance(path, Skipped) \
                else _lint(path, settings, stdin).slim(settings.lines)  # fmt: skip
        return
    if len(paths) > 2:
        _warm(settings)
    context = multiprocessing.get_context("fork")
    pending = list(enumerate(paths))[::-1]
    running: dict[Connection, tuple[int, str, multiprocessing.Process, float]] = {}
    done: dict[int, FileResult] = {}
    following = 0
    try:
        while pending or running:
            while pending and len(running) < max(settings.jobs, 1):
                index, path = pending.pop()
                if isinstance(path, Skipped):
                    done[index] = path.result(settings.rules, settings.lang)
                    continue
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_child, args=(send, path, settings, stdin), daemon=True)
                with _stops_held():  # registered before a held Ctrl-C lands, so that it is ended
                    process.start()
                    running[receive] = (index, path, process, time.monotonic() + settings.limits.timeout)
                send.close()
            nearest = min((deadline for *_, deadline in running.values()), default=time.monotonic())
            for receive in wait(list(running), timeout=max(nearest - time.monotonic(), 0)):
                index, path, process, _ = running.pop(receive)
                done[index] = _received(receive, path, process, settings)
            for receive, (index, path, process, deadline) in list(running.items()):
                if time.monotonic() >= deadline:
                    process.kill()
                    process.join()
                    receive.close()
                    del running[receive]
                    done[index] = _failed(path, settings, _timeout(settings))
            while following in done:
                yield done.pop(following)
                following += 1
    finally:
        for receive, (_, _, process, _) in running.items():
            process.kill()
            process.join()
            receive.close()


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
    # What exists now is left out of the collector's passes, so that a child collecting garbage
    # does not write to (and so copy) every page it shares with this process.
    gc.freeze()


def _lint(path: str, settings: Settings, stdin: bytes | None) -> FileResult:
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


def _child(send: Connection, path: str, settings: Settings, stdin: bytes | None) -> None:
    # Ctrl-C reaches the whole process group: the parent stops the run and ends its children.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    try:
        import resource

        memory = settings.limits.memory_mb * MIB
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):
        pass  # no such limit here: the timeout still bounds the file
    try:
        send.send(_lint(path, settings, stdin).slim(settings.lines))
    finally:
        send.close()


def _received(receive: Connection, path: str, process, settings: Settings) -> FileResult:
    try:
        result = receive.recv()
    except (EOFError, OSError, MemoryError):
        result = None
    finally:
        receive.close()
    process.join()
    if result is not None:
        return result
    code = process.exitcode
    zh = f"bplint 处理该文件时异常退出（退出码 {code}），请报告"
    en = f"bplint stopped abnormally on this file (exit code {code}); please report"
    return _failed(path, settings, (zh, en))


def _failed(path: str, settings: Settings, reason: tuple[str, str]) -> FileResult:
    zh, en = reason
    return unreadable(path, settings.rules, settings.lang, zh if settings.lang == "zh" else en)


def _timeout(settings: Settings) -> tuple[str, str]:
    seconds = f"{settings.limits.timeout:g}"
    return (
        f"处理超过 {seconds} 秒仍未完成，已停止（文件可能已损坏或过大）；确需检查时用 --timeout 调高上限",
        f"not finished after {seconds} s and stopped (damaged or very large?); raise it with --timeout",
    )

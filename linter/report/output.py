"""Writing a report file whole or not at all, whatever happens meanwhile.

The report is written to an anonymous file in the target's folder (Linux's O_TMPFILE), which
has no name until it is complete: a process killed while writing, even by SIGKILL, leaves
nothing behind.  Only then is it given a temporary name and renamed over the target.  Where the
folder's file system cannot do that, a named temporary file is used and removed on any
exception, Ctrl-C and SIGTERM included.

Only a regular file is ever renamed over.  `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` are
written to the descriptor they name, whatever it is open on (a cron job's log is appended to,
not replaced, and the system's link stays); a device, a FIFO or a terminal is written through;
a link to a file gets its target replaced, and stays a link.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

SUFFIX = ".bplint-tmp"


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8; bytes as they are: a workbook, an annotated PDF) to `path`;
    raises OSError when the folder cannot be written."""
    # A stray surrogate in text must not lose the report.
    data = content if isinstance(content, bytes) else content.encode("utf-8", "backslashreplace")
    descriptor = _descriptor(path)
    if descriptor is not None:  # -o /dev/stdout: what this process has open, as it is open
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()  # what was printed before comes before the report
        _write_all(descriptor, data)
        return
    if is_stream(path):  # /dev/null, a pipe, a terminal: written as it is, nothing to replace
        with open(path, "wb") as handle:
            handle.write(data)
        return
    path = _final(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not _anonymous(folder, path, data):
        _named(folder, path, data)


class Refused(ValueError):
    """A report path that must not be written; the message says why (in Chinese)."""


def targets(paths: tuple[str | None, ...], inputs: list[str]) -> dict[str, Path]:
    """Report paths (`-o`, `--html`, `--write-baseline`, `--annotate`), checked before any work:
    never an input, a directory or socket, or one named twice."""
    chosen: dict[str, Path] = {}
    for target in filter(None, paths):
        path = Path(target)
        if target in chosen:
            raise Refused(
                f"-o、--html、--annotate 与 --write-baseline 中有两个指向同一个文件 {target}；请分别指定"
            )
        if path.exists() and not path.is_file() and not through(path):
            raise Refused(f"{target} 不是普通文件（目录或套接字），不能写入报告")
        if not path.parent.is_dir():  # said before any file is linted, not after the report
            raise Refused(f"无法写入 {target}：文件夹 {path.parent} 不存在；请先建立它，或换一个路径")
        if path.exists() and any(_same(path, Path(p)) for p in inputs):
            raise Refused(f"{target} 是被检查的文件之一，写入报告会覆盖它；请换一个报告文件名")
        chosen[target] = path
    return chosen


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def through(path: Path) -> bool:
    """Whether a report is written through `path` rather than over it."""
    return _descriptor(path) is not None or is_stream(path)


def is_stream(path: Path) -> bool:
    """A character device or a named pipe: a report goes through it, never over it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _descriptor(path: Path) -> int | None:
    """The descriptor `/dev/stdout`, `/dev/fd/3` or `/proc/self/fd/1` names, through any links.

    Each link is read one step at a time, its folder resolved: the last step (`/proc/self/fd/1`) is
    a link to whatever the descriptor is open on, which must not be replaced, nor reopened (that
    would truncate a log opened for appending)."""
    own = re.compile(rf"/proc/(?:self|thread-self|{os.getpid()}(?:/task/\d+)?)/fd/(\d+)")
    current = os.path.abspath(path)
    for _ in range(40):  # as many links as the kernel follows
        folder = os.path.realpath(os.path.dirname(current))
        current = os.path.join(folder, os.path.basename(current))
        named = own.fullmatch(current)
        if named:
            return int(named[1])
        try:
            target = os.readlink(current)
        except OSError:
            return None  # not a link (or nothing there)
        current = os.path.join(folder, target)
    return None


def _final(path: Path) -> Path:
    """What a report replaces: a link's target (the link stays), which must be a regular file or
    nothing yet; a directory, a socket or a link loop is refused (OSError)."""
    target = Path(os.path.realpath(path))
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    if stat.S_ISREG(info.st_mode):
        return target
    code = (
        errno.ELOOP
        if stat.S_ISLNK(info.st_mode)
        else errno.EISDIR
        if stat.S_ISDIR(info.st_mode)
        else errno.EPERM
    )
    raise OSError(code, "不是普通文件，不能在其上写入报告", str(path))


def _anonymous(folder: Path, path: Path, data: bytes) -> bool:
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        return False
    try:
        fd = os.open(folder, flag | os.O_WRONLY, 0o666)  # the umask applies, as to any new file
    except OSError:
        return False  # e.g. a file system without O_TMPFILE
    temporary = folder / f".{path.name}.{os.getpid()}{SUFFIX}"
    try:
        _write_all(fd, data)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        os.link(f"/proc/self/fd/{fd}", temporary, follow_symlinks=True)
    except OSError:
        return False
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    finally:
        os.close(fd)
    _rename(temporary, path)
    return True


def _named(folder: Path, path: Path, data: bytes) -> None:
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=SUFFIX)
    try:
        _write_all(fd, data)
        os.close(fd)
        fd = -1
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(name, 0o666 & ~mask)  # a temporary file is private; a report is not
    except BaseException:
        if fd >= 0:
            os.close(fd)
        os.unlink(name)
        raise
    _rename(Path(name), path)


def _rename(temporary: Path, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]

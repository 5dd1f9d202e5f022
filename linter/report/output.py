"""Writing a report file whole or not at all, whatever happens meanwhile.

The report is written to an anonymous file in the target's folder (Linux's O_TMPFILE), which
has no name until it is complete: a process killed while writing, even by SIGKILL, leaves
nothing behind.  Only then is it given a temporary name and renamed over the target.  Where the
folder's file system cannot do that, a named temporary file is used and removed on any
exception, Ctrl-C and SIGTERM included.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

SUFFIX = ".bplint-tmp"


def write_atomically(path: Path, content: str) -> None:
    """Write `content` (UTF-8) to `path`; raises OSError when the folder cannot be written."""
    data = content.encode("utf-8", "backslashreplace")  # a stray surrogate must not lose the report
    if is_stream(path):  # -o /dev/stdout, /dev/null, a pipe: written as it is, nothing to replace
        with open(path, "wb") as handle:
            handle.write(data)
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not _anonymous(folder, path, data):
        _named(folder, path, data)


def is_stream(path: Path) -> bool:
    """A character device or a named pipe: a report goes through it, never over it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


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

"""Writing files so that an interrupt never leaves half of one: a temporary file in the same
folder, flushed to disk, then renamed over the target. The file gets the permissions an
ordinary `open(path, "w")` would give it: an existing file keeps its own, a new one gets
0666 less the umask (mkstemp alone would leave it 0600).

The temporary file has no name while it is written (O_TMPFILE, where the system has it), so
even `kill -9` leaves nothing behind (interrupts wait while it is linked and renamed into
place); elsewhere it is a named file removed on an exception, SIGTERM or SIGHUP. A target that exists and is not a regular file (/dev/null, /dev/stdout, a
FIFO) is written to, as `open(path, "w")` would, never replaced by a file.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path


def write_atomic(path: Path, text: str, durable: bool = True, mode: int | None = None,
                 into_devices: bool = True) -> None:
    """`durable`: wait until the disk has it (fsync). A cache entry need not: lost to a power
    cut, it is a miss. `mode`: the new file's permissions, when the caller knows them already.
    `into_devices=False`: a device or FIFO at the path is replaced, not written to (a cache)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        info = None
    if into_devices and info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        with open(path, "w", encoding="utf-8", newline="") as f:      # a device or a pipe: write to it
            f.write(text)
        return
    if mode is None:
        mode = info.st_mode & 0o777 if info is not None else new_file_mode()
    if _write_unnamed(path, folder, text, durable, mode):
        return
    with _signals_raise():
        _write_named(path, folder, text, durable, mode)


def _write_unnamed(path: Path, folder: Path, text: str, durable: bool, mode: int) -> bool:
    """Write through an O_TMPFILE file linked into place at the end; False where the system or
    the file system has no O_TMPFILE (the caller then writes a named temporary file)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return False
    try:
        fd = os.open(folder, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
        f.flush()
        if durable:
            os.fsync(f.fileno())
        os.fchmod(f.fileno(), mode)
        with _signals_held():
            tmp = _link(f.fileno(), folder, path)
            if tmp is None:
                return False
            _into_place(tmp, path)
    return True


def _link(fd: int, folder: Path, path: Path) -> Path | None:
    """Give the unnamed file a temporary name beside the target (linkat through /proc); None
    if the system cannot. Any exception after the link removes the name again."""
    try:
        proc = os.open("/proc/self/fd", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    linked = None
    try:
        for _ in range(100):
            tmp = linked = folder / f".{path.name}.{os.urandom(6).hex()}.tmp"   # before: no gap after the link
            try:
                os.link(str(fd), tmp, src_dir_fd=proc, follow_symlinks=True)
                return tmp
            except FileExistsError:
                linked = None                       # another file's name: never removed
                continue
            except (OSError, NotImplementedError):
                return None
        return None
    except BaseException:
        if linked is not None:
            _remove(linked)
        raise
    finally:
        os.close(proc)


@contextmanager
def _signals_held():
    """SIGINT, SIGTERM and SIGHUP wait while the finished file has a temporary name: they are
    delivered once it is renamed into place, so an interrupt leaves the old file or the new
    one and nothing else (kill -9 cannot wait; its window is one link and one rename)."""
    wanted = {s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP")) if s is not None}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    except (AttributeError, OSError, ValueError):
        old = None
    try:
        yield
    finally:
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


class _Signalled(BaseException):
    def __init__(self, signum: int) -> None:
        self.signum = signum


@contextmanager
def _signals_raise():
    """SIGTERM and SIGHUP raise while a named temporary file exists (so it is removed), then
    take their usual course."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    old = {}

    def handler(signum, frame):
        raise _Signalled(signum)

    try:
        for s in wanted:
            old[s] = signal.signal(s, handler)
    except (ValueError, OSError):
        pass
    try:
        yield
    except _Signalled as e:
        for s, h in old.items():
            signal.signal(s, h)
        old.clear()
        signal.raise_signal(e.signum)
        raise SystemExit(128 + e.signum) from None
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def _write_named(path: Path, folder: Path, text: str, durable: bool, mode: int) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        _remove(tmp)
        raise
    _into_place(tmp, path)


def _into_place(tmp, path: Path) -> None:
    """Rename a finished temporary file over the target; on any failure, remove it."""
    try:
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def create_new(path: Path, text: str) -> None:
    """Write a file that must not exist yet (init): complete or absent, and never over another
    file, even in a race (FileExistsError). The whole text goes to a temporary file first,
    which is then hard-linked into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, new_file_mode())
        os.link(tmp, path)
    finally:
        os.unlink(tmp)


def umask() -> int:
    """The process's umask, read without changing it where the system allows (changing it, even
    for a moment, would affect files other threads create meanwhile)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def new_file_mode() -> int:
    """The mode `open(path, "w")` gives a new file: 0666 less the umask."""
    return 0o666 & ~umask()

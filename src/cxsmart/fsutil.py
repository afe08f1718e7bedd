"""Writing files so that an interrupt never leaves half of one: a temporary file in the same
folder, flushed to disk, then renamed over the target. The file gets the permissions an
ordinary `open(path, "w")` would give it: an existing file keeps its own, a new one gets
0666 less the umask (mkstemp alone would leave it 0600)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str, durable: bool = True, mode: int | None = None) -> None:
    """`durable`: wait until the disk has it (fsync). A cache entry need not: lost to a power
    cut, it is a miss. `mode`: the new file's permissions, when the caller knows them already."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if mode is None:
        mode = path.stat().st_mode & 0o777 if path.exists() else new_file_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


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

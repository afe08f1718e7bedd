"""The one place that opens files a repository controls: goal files, rule packs, baselines,
cache entries, .gitignore files and configuration.

- Regular files only: a FIFO, a device or a folder is refused without blocking (the file is
  opened with O_NONBLOCK and checked with fstat before a byte is read).
- A size bound: at most `max_bytes` (+1, so the caller can tell "too large") is read.
- Links are followed only when they stay inside the workspace: the repository (the nearest
  folder holding .git) or, outside one, the folder the link lies in, or a root the caller
  names. A link to /proc/self/environ or ../../outside is refused, and the message names the
  path, never anything read from the other side.
- JSON is read with a nesting limit, so '[' x 100,000 is an error, not a RecursionError.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

MAX_JSON_DEPTH = 200
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class Unreadable(Exception):
    """The path cannot be read at all (exit 2 territory, not a finding)."""


class OutsideWorkspace(Unreadable):
    """A link that leads out of the workspace."""


def repository_of(folder: str) -> str:
    """The nearest folder at or above `folder` (read as written, not resolved) that holds
    .git; or `folder` itself."""
    return _repository(os.path.abspath(folder))


@lru_cache(maxsize=256)
def _repository(folder: str) -> str:
    candidate = folder
    while True:
        if os.path.lexists(os.path.join(candidate, ".git")):
            return candidate
        parent = os.path.dirname(candidate)
        if parent == candidate:
            return folder
        candidate = parent


def inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def check_link(path: str | os.PathLike, within: Iterable[str | os.PathLike] = ()) -> str:
    """The resolved path to open; OutsideWorkspace if following the links on the way leads out
    of the repository the path lies in (and out of every root in `within`)."""
    absolute = os.path.abspath(path)
    real = os.path.realpath(absolute)
    if real == absolute:
        return real                                 # no link on the way
    roots = [repository_of(os.path.dirname(absolute)), *map(os.fspath, within)]
    if any(inside(real, os.path.realpath(r)) for r in roots):
        return real
    raise OutsideWorkspace(f"{os.fspath(path)} is a link to a file outside the workspace: cxsmart does not follow it")


def read_regular(path: str | os.PathLike, max_bytes: int, within: Iterable[str | os.PathLike] = (),
                 follow: bool = True) -> bytes:
    """Up to max_bytes + 1 bytes of a regular file (one more than the limit: the caller says
    what a file too large means). `follow=False`: a link is refused outright."""
    name = os.fspath(path)
    try:
        target = check_link(name, within) if follow else name
        fd = os.open(target, _FLAGS | getattr(os, "O_NOFOLLOW", 0))
    except Unreadable:
        raise
    except OSError as e:
        if not follow and e.errno == getattr(os, "ELOOP", -1):
            raise Unreadable(f"{name} is a link: cxsmart does not follow it here") from None
        raise Unreadable(f"cannot open {name}: {e.strerror or e}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"{name} is not a regular file")
        chunks = []
        remaining = max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    except OSError as e:
        raise Unreadable(f"cannot read {name}: {e.strerror or e}") from None
    finally:
        os.close(fd)


def read_limited(path: str | os.PathLike, max_bytes: int, within: Iterable[str | os.PathLike] = (),
                 follow: bool = True) -> bytes:
    """A regular file's bytes, or Unreadable if it is larger than max_bytes."""
    data = read_regular(path, max_bytes, within, follow)
    if len(data) > max_bytes:
        raise Unreadable(f"{os.fspath(path)} is larger than {_size(max_bytes)}: cxsmart does not read it")
    return data


def read_text(path: str | os.PathLike, max_bytes: int, within: Iterable[str | os.PathLike] = (),
              follow: bool = True, errors: str = "strict") -> str:
    """A bounded regular file as UTF-8 text (a BOM is dropped); Unreadable if it is not."""
    data = read_limited(path, max_bytes, within, follow)
    try:
        return data.decode("utf-8-sig", errors=errors)
    except UnicodeDecodeError as e:
        raise Unreadable(f"{os.fspath(path)} is not UTF-8 text (byte {e.start})") from None


_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest (strings skipped), in linear time."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    depth = deepest = 0
    for opened in brackets.translate(_OPEN_CLOSE):
        if opened == "(":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


_OPEN_CLOSE = str.maketrans("[{]}", "(())")


def loads(text: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """json.loads with a nesting limit: ValueError (never RecursionError) past it."""
    if json_depth(text) > max_depth:
        raise ValueError(f"JSON nested deeper than {max_depth} levels")
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError(f"JSON nested deeper than {max_depth} levels") from None


def read_json(path: str | os.PathLike, max_bytes: int, within: Iterable[str | os.PathLike] = (),
              follow: bool = True, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """A bounded regular file's JSON; Unreadable (naming the path, not the content) if it
    cannot be read or is not JSON within the nesting limit."""
    text = read_text(path, max_bytes, within, follow)
    try:
        return loads(text, max_depth)
    except ValueError as e:
        message = str(e) if "nested deeper" in str(e) else "not valid JSON"
        raise Unreadable(f"{os.fspath(path)}: {message}") from None


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB" if n >= 1024 * 1024 and n % (1024 * 1024) == 0 else f"{n} bytes"

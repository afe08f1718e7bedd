"""The persistent cache (`.cxsmart_cache/`, `--no-cache`, `--cache-dir`, `cxsmart clean`).

Three levels:
- results: the findings of a whole run, keyed by everything that can change them (each
  file's content, the configuration, the rule packs, the rules and plugins, today's date
  and cxsmart's version). A run where nothing changed prints them without parsing a file
  or importing spaCy.
- files: what the YAML parser made of each file (its plain data and the span of every
  value), keyed by the file's bytes. After an edit only the edited file is parsed again;
  the loader still validates every file's data into models, so the cache holds nothing
  that a goal file could not say itself.
- facts: what the language analysis read from each distinct text, keyed by the text and
  the packs. After an edit, only new sentences go through spaCy.

The cache sits in the repository, so it is untrusted input: JSON only (never pickle), read
with a size and nesting bound, never through a link; a corrupt entry is a miss, and nothing
in it is ever executed. Writing it is best effort and atomic; a read-only checkout just runs
without it. A committed `.cxsmart_cache/` cannot be planted: an entry's file name is an HMAC
of its key under a secret kept outside the repository (`$XDG_CACHE_HOME/cxsmart/cache-key`,
or ~/.cache/cxsmart/cache-key, mode 0600), so a file in the repository cannot name the entry
a run will look for. Without that secret the cache is off, and in CI (`CI` set) it is off
unless --cache-dir names one.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
import secrets
import shutil
import stat
import struct
from pathlib import Path
from typing import Any

from cxsmart import __version__
from cxsmart.hashing import digest
from cxsmart.read.safeopen import (
    Unreadable,
    inside,
    read_json,
    read_limited,
    repository_of,
)

DIR_NAME = ".cxsmart_cache"
KEEP_RESULTS = 16
KEEP_FILES = 64             # parsed files kept beyond the ones the last run used
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# cxsmart's cache; 'cxsmart clean' removes it.\n"


class Cache:
    def __init__(self, folder: Path | None, secret: bytes | None = None):
        if folder is not None and secret is None:
            secret = user_secret()
        self.folder = folder if secret is not None else None
        self._secret = secret
        self._ready = False
        self._used: set[str] = set()          # names of the file entries this run read or wrote
        self._facts: dict[str, dict] = {}
        self._stored_files = False

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    # -- results -------------------------------------------------------------------
    def result(self, key: str) -> dict | None:
        return self._read(self._path("results", key))

    def store_result(self, key: str, doc: dict) -> None:
        if self._write(self._path("results", key), doc):
            self._prune(self.folder / "results")

    # -- facts -----------------------------------------------------------------------
    def facts(self, packs_key: str) -> dict[str, Any]:
        """The facts table (read once per run: the prose worker and the analysis both ask)."""
        if packs_key not in self._facts:
            doc = self._read(self._path("facts", packs_key))
            self._facts[packs_key] = doc if isinstance(doc, dict) else {}
        return self._facts[packs_key]

    def store_facts(self, packs_key: str, table: dict[str, Any]) -> None:
        self._write(self._path("facts", packs_key), table)

    # -- parsed files ---------------------------------------------------------------
    def parsed(self, sha: str):
        """The parse of a file whose bytes have this digest (a yamlread.Parsed), or None if
        there is none or the entry is not exactly what cxsmart writes."""
        path = self._path("files", sha)
        if path is None:
            return None
        self._used.add(path.name)
        return decode_parsed(self._read(path), sha)

    def has_parsed(self, sha: str) -> bool:
        """Whether there is an entry for this digest (not whether it is sound: parsed() says)."""
        path = self._path("files", sha)
        return path is not None and path.is_file()

    def store_parsed(self, sha: str, parsed) -> None:
        doc = encode_parsed(parsed, sha)
        path = self._path("files", sha)
        if doc is not None and path is not None and self._write(path, doc):
            self._used.add(path.name)
            self._stored_files = True

    def keep_parsed(self, keys) -> None:
        """Files of the workspace this run did not need to read: their entries are kept too."""
        for key in keys:
            path = self._path("files", key)
            if path is not None:
                self._used.add(path.name)

    def prune_files(self) -> None:
        """Keep the entries this run used and the KEEP_FILES newest others (after a run that
        stored new ones: edits leave an entry behind each time)."""
        if self._stored_files:
            self._prune(self.folder / "files", KEEP_FILES, keep=self._used)

    # -- files -------------------------------------------------------------------------
    def _path(self, kind: str, key: str) -> Path | None:
        if self.folder is None or not key.isalnum():
            return None
        name = hmac.new(self._secret, f"{kind}/{key}-{__version__}".encode(), "sha256").hexdigest()[:48]
        return self.folder / kind / f"{name}.json"

    def _read(self, path: Path | None) -> Any:
        """The entry's JSON, or None: missing, a link, not a regular file, too large, too
        deep, not JSON, all alike."""
        if path is None:
            return None
        try:
            return read_json(path, MAX_ENTRY_BYTES, follow=False)
        except Unreadable:
            return None

    def _write(self, path: Path | None, doc: Any) -> bool:
        if path is None:
            return False
        try:
            self._prepare()
            path.parent.mkdir(exist_ok=True)
            _real_folder(path.parent)
            _write_atomic(path, json.dumps(doc, separators=(",", ":"), ensure_ascii=False))
            return True
        except (OSError, ValueError):          # ValueError: a lone surrogate cannot be written as UTF-8
            return False

    def _prepare(self) -> None:
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        _real_folder(self.folder)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# cxsmart's cache\n*\n")):
            try:                                    # never through a link planted in its place
                fd = os.open(self.folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                             0o666)
            except FileExistsError:
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
        self._ready = True

    def _prune(self, folder: Path, keep_newest: int = KEEP_RESULTS, keep: set[str] = frozenset()) -> None:
        try:
            entries = sorted((p for p in folder.glob("*.json") if p.name not in keep),
                             key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[keep_newest:]:
                old.unlink()
        except OSError:
            pass


def _real_folder(path: Path) -> None:
    """OSError unless `path` is a folder itself, not a link to one elsewhere."""
    if not stat.S_ISDIR(os.lstat(path).st_mode):
        raise OSError(f"{path} is not a folder")


_MODE: int | None = None


def _write_atomic(path: Path, text: str) -> None:
    """Whole or absent, without waiting for the disk: a run may store a hundred entries."""
    global _MODE
    from cxsmart.fsutil import new_file_mode, write_atomic

    if _MODE is None:
        _MODE = new_file_mode()
    write_atomic(path, text, durable=False, mode=_MODE, into_devices=False)


def clean(folder: Path) -> bool:
    """Remove a cache folder, but only one that cxsmart made (it holds CACHEDIR.TAG)."""
    if not folder.is_dir():
        return False
    try:
        tag = read_limited(folder / "CACHEDIR.TAG", 4096, follow=False)
    except Unreadable:
        tag = b""
    if b"cxsmart" not in tag:
        raise OSError(f"{folder} does not look like cxsmart's cache (no CACHEDIR.TAG); not removing it")
    shutil.rmtree(folder)
    return True


def from_settings(root: Path, no_cache: bool, cache_dir: Path | None) -> Cache:
    """The run's cache: none with --no-cache or CXSMART_NO_CACHE, none in CI (`CI` set) unless
    --cache-dir names one, and none without a secret kept outside the repository."""
    if no_cache or os.environ.get("CXSMART_NO_CACHE"):
        return Cache(None)
    if cache_dir is None and os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return Cache(None)
    secret = user_secret()
    if secret is None or inside(os.path.realpath(secret_path() or ""), os.path.realpath(repository_of(str(root)))):
        return Cache(None)                          # a key the repository could hold is no key
    return Cache(cache_dir if cache_dir is not None else root / DIR_NAME, secret)


def secret_path() -> Path | None:
    """$XDG_CACHE_HOME/cxsmart/cache-key, or ~/.cache/cxsmart/cache-key."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError, OSError):
            return None
    return Path(base) / "cxsmart" / "cache-key"


def user_secret() -> bytes | None:
    """The per-user secret that names cache entries, made (0600) on first use; None if it
    cannot be read or written: the cache is then off."""
    path = secret_path()
    if path is None:
        return None
    for _ in range(2):
        try:
            key = read_limited(path, 256, follow=False).strip()
            return key if len(key) >= 32 else None
        except Unreadable:
            pass
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            continue                                # another run made it meanwhile: read that one
        except OSError:
            return None
        key = secrets.token_hex(32).encode()
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(key + b"\n")
        except OSError:
            return None
        return key
    return None


# -- a parsed file as JSON ------------------------------------------------------------------
#
# yamlread.parse_yaml gives plain data (dicts with text keys, lists, text, numbers, true/false,
# null) and an index: the YAML path of every value -> Entry(key span, value span, style,
# merged). The data is stored as it is. The index is stored without its paths: its entries
# are exactly the values of the data, so walking the data in order (a value, then what is in
# it) gives every path back, and the spans are nine unsigned 32-bit numbers per value, in
# that order, base64-encoded. Reading checks what it reads: the bytes' digest, the types, the
# depth and size limits the parser enforces, one row of spans per value and sane numbers in
# it. Files whose parse reported a problem (F001, a refused tag, a duplicate key) are not
# stored: they are parsed again each time.

FORMAT = 1
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_ROW = struct.Struct("<9I")
_STYLES = (None, "", "'", '"', "|", ">")
_STYLE_CODES = {s: i for i, s in enumerate(_STYLES)}
_SCALARS = (str, int, float, bool, type(None))


def parse_key(data_sha: str) -> str:
    """The key of a file's parse: its bytes' digest and the parser it went through (cxsmart's
    version, this form's FORMAT, and the parser's own source files, so that an edited checkout
    does not reuse what an older parser made)."""
    global _STAMP
    if _STAMP is None:
        from cxsmart.read import yamlread, yamltypes

        stamp = []
        for module in (yamlread, yamltypes):
            try:
                info = os.stat(module.__file__)
                stamp.append((info.st_size, info.st_mtime_ns))
            except (OSError, TypeError):
                stamp.append(None)
        _STAMP = digest(__version__, FORMAT, stamp)
    return digest(_STAMP, data_sha)


_STAMP: str | None = None


def _root(data: Any) -> tuple:
    return ("goals",) if type(data) is list else ()        # yamlread indexes a bare list under 'goals'


def encode_parsed(parsed, sha: str) -> dict | None:
    """The cache's JSON form of a parse, or None if it should not be stored."""
    from cxsmart.read.yamlread import MAX_DEPTH

    if parsed.problems:
        return None
    rows = bytearray()
    pack = _ROW.pack
    index = parsed.index

    def row(path: tuple, container: bool) -> None:
        entry = index[path]
        if (entry.style is None) != container:
            raise ValueError("a style on a container, or none on a scalar")
        flags = _STYLE_CODES[entry.style] | (8 if entry.merged else 0) | (16 if entry.key is not None else 0)
        rows.extend(pack(*(entry.key or (0, 0, 0, 0)), *entry.value, flags))

    def visit(path: tuple, value: Any, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise ValueError("too deep")
        for key, child in (value.items() if type(value) is dict else enumerate(value)):
            kind = type(child)
            if kind is dict or kind is list:
                row(path + (key,), True)
                visit(path + (key,), child, depth + 1)
            elif kind in _SCALARS:
                row(path + (key,), False)
            else:
                raise ValueError(f"a value of type {kind.__name__}")

    data = parsed.data
    root = _root(data)
    container = type(data) in (dict, list)
    try:
        if data is not None or index:                 # an empty file has no value at all
            row(root, container)
        if container:
            visit(root, data, 1)
    except (ValueError, KeyError, TypeError, struct.error):
        return None
    if len(rows) // _ROW.size != len(index):
        return None
    return {"format": FORMAT, "sha": sha, "data": data, "spans": base64.b64encode(rows).decode("ascii")}


def decode_parsed(doc: Any, sha: str):
    """A yamlread.Parsed from the cache's JSON form, or None if anything in it is off: the
    digest, the types (what JSON gives is what the YAML reader gives, except that a key must
    be text), the parser's depth and size limits, one row of spans per value, in order, and
    positive line and column numbers."""
    from cxsmart.read.yamlread import MAX_NODES, Parsed

    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("sha") != sha or "data" not in doc:
        return None
    spans, data = doc.get("spans"), doc["data"]
    if not isinstance(spans, str):
        return None
    try:
        raw = base64.b64decode(spans, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) % _ROW.size or len(raw) // _ROW.size > MAX_NODES:
        return None
    rows = _Rows(raw)
    root = _root(data)
    container = type(data) in (dict, list)
    try:
        if not container and type(data) not in _SCALARS:
            return None
        if data is not None or raw:                   # an empty file has no value at all
            rows.index[root] = rows.entry(container)
        if container:
            rows.visit(root, data, 1)
    except (ValueError, RecursionError):
        return None
    if not rows.done():
        return None                                 # more rows than values
    return Parsed(data, rows.index, [])


class _Rows:
    """The stored spans, one row per value in the order the YAML reader walks them, checked as
    they are read back: a row the parser could not have made ends the entry."""

    def __init__(self, raw: bytes) -> None:
        from cxsmart.diagnostics import Span
        from cxsmart.read.yamlread import MAX_DEPTH, Entry

        self.rows = _ROW.iter_unpack(raw)
        self.index: dict[tuple, Any] = {}
        self.span, self.entry_type, self.max_depth = Span, Entry, MAX_DEPTH

    def entry(self, container: bool):
        row = next(self.rows, None)
        if row is None:
            raise ValueError("fewer rows than values")
        kl, kc, kel, kec, vl, vc, vel, vec, flags = row
        code = flags & 7
        if flags > 31 or code >= 6 or (code == 0) != container or not (vl and vc and vel and vec):
            raise ValueError("a row that the parser does not make")
        new = tuple.__new__
        key = None
        if flags & 16:
            if not (kl and kc and kel and kec):
                raise ValueError("a key span with a zero in it")
            key = new(self.span, (kl, kc, kel, kec))
        return new(self.entry_type, (key, new(self.span, (vl, vc, vel, vec)), _STYLES[code], flags & 8 == 8))

    def visit(self, path: tuple, value: Any, depth: int) -> None:
        if depth > self.max_depth:
            raise ValueError("too deep")
        pairs = value.items() if type(value) is dict else enumerate(value)
        for key, child in pairs:
            kind = type(child)
            here = path + (key,)
            if kind is dict or kind is list:
                self.index[here] = self.entry(True)
                self.visit(here, child, depth + 1)
            elif kind in _SCALARS:
                self.index[here] = self.entry(False)
            else:
                raise ValueError("a value the parser does not make")

    def done(self) -> bool:
        return next(self.rows, None) is None

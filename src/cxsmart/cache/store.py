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
a run will look for, and each entry's first line seals its content with an HMAC under the
same secret, so an entry changed after it was written is a miss. Without that secret the
cache is off, and in CI (`CI` set) it is off unless --cache-dir names one.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import shutil
import stat
from pathlib import Path
from typing import Any

from cxsmart import __version__
from cxsmart.cache.parsed import MAX_ENTRY_BYTES, decode_parsed, encode_parsed
from cxsmart.read.safeopen import Unreadable, inside, loads, read_limited, repository_of

DIR_NAME = ".cxsmart_cache"
KEEP_RESULTS = 16
KEEP_FILES = 64             # parsed files kept beyond the ones the last run used
_SEAL_BYTES = 65            # the hex HMAC that seals an entry, and its line break
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

    in_memory = False           # True: the facts table holds TextFacts objects, not their JSON form

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
        deep, not JSON, or not sealed by this user's secret (damaged), all alike."""
        if path is None:
            return None
        try:
            data = read_limited(path, MAX_ENTRY_BYTES + _SEAL_BYTES, follow=False)
            seal, _, body = data.partition(b"\n")
            if not hmac.compare_digest(seal, self._seal(body)):
                return None
            return loads(body.decode("utf-8"))
        except (Unreadable, ValueError):           # UnicodeDecodeError is a ValueError
            return None

    def _write(self, path: Path | None, doc: Any) -> bool:
        if path is None:
            return False
        try:
            self._prepare()
            path.parent.mkdir(exist_ok=True)
            _real_folder(path.parent)
            body = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
            _write_atomic(path, self._seal(body.encode("utf-8")).decode() + "\n" + body)
            return True
        except (OSError, ValueError):          # ValueError: a lone surrogate cannot be written as UTF-8
            return False

    def _seal(self, body: bytes) -> bytes:
        """An entry's first line: the HMAC of its body under the user's secret, so an entry
        changed after it was written (a bit flip, a half-written copy, a hand edit) is a miss."""
        return hmac.new(self._secret, body, "sha256").hexdigest().encode()

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
    from cxsmart.common.fsutil import new_file_mode, write_atomic

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

"""The persistent cache (`.cxsmart_cache/`, `--no-cache`, `--cache-dir`, `cxsmart clean`).

Two levels:
- results: the findings of a whole run, keyed by everything that can change them (each
  file's content, the configuration, the rule packs, the rules and plugins, today's date
  and cxsmart's version). A run where nothing changed prints them without parsing a file
  or importing spaCy.
- facts: what the language analysis read from each distinct text, keyed by the text and
  the packs. After an edit, only new sentences go through spaCy.

The cache sits in the repository, so it is untrusted input: JSON only (never pickle), a
corrupt entry is a miss, and nothing in it is ever executed. Writing it is best effort and
atomic; a read-only checkout just runs without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from cxsmart import __version__

DIR_NAME = ".cxsmart_cache"
KEEP_RESULTS = 16
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# cxsmart's cache; 'cxsmart clean' removes it.\n"


def digest(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


class Cache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self._ready = False

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
        doc = self._read(self._path("facts", packs_key))
        return doc if isinstance(doc, dict) else {}

    def store_facts(self, packs_key: str, table: dict[str, Any]) -> None:
        self._write(self._path("facts", packs_key), table)

    # -- files -------------------------------------------------------------------------
    def _path(self, kind: str, key: str) -> Path | None:
        if self.folder is None or not key.isalnum():
            return None
        return self.folder / kind / f"{key}-{__version__}.json"

    def _read(self, path: Path | None) -> Any:
        if path is None:
            return None
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def _write(self, path: Path | None, doc: Any) -> bool:
        if path is None:
            return False
        try:
            self._prepare()
            path.parent.mkdir(exist_ok=True)
            from cxsmart.fsutil import write_atomic

            write_atomic(path, json.dumps(doc, separators=(",", ":"), ensure_ascii=False))
            return True
        except OSError:
            return False

    def _prepare(self) -> None:
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# cxsmart's cache\n*\n")):
            target = self.folder / name
            if not target.exists():
                target.write_text(text, encoding="utf-8")
        self._ready = True

    def _prune(self, folder: Path) -> None:
        try:
            entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[KEEP_RESULTS:]:
                old.unlink()
        except OSError:
            pass


def clean(folder: Path) -> bool:
    """Remove a cache folder, but only one that cxsmart made (it holds CACHEDIR.TAG)."""
    if not folder.is_dir():
        return False
    tag = folder / "CACHEDIR.TAG"
    if not tag.is_file() or "cxsmart" not in tag.read_text(encoding="utf-8", errors="replace"):
        raise OSError(f"{folder} does not look like cxsmart's cache (no CACHEDIR.TAG); not removing it")
    shutil.rmtree(folder)
    return True


def from_settings(root: Path, no_cache: bool, cache_dir: Path | None) -> Cache:
    if no_cache or os.environ.get("CXSMART_NO_CACHE"):
        return Cache(None)
    return Cache(cache_dir if cache_dir is not None else root / DIR_NAME)

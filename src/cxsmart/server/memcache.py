"""The server's cache: parses and sentence facts kept in memory for the life of the process.
Every lint after an edit takes the parses and sentence facts of the files it did not change
from here (no file read, no seal to check, no decoding). A parse is handed out as the object
the parser made: the loader and the engine only read it (the loader copies an item's mapping
before it drops a key), so lints share it as the disk cache's readers share its file."""

from __future__ import annotations

from typing import Any

from cxsmart.cache import Cache

class MemoryCache(Cache):
    def __init__(self) -> None:
        super().__init__(None)
        self._facts_tables: dict[str, dict] = {}
        self._parsed: dict[str, Any] = {}
        self._keep: set[str] = set()

    @property
    def enabled(self) -> bool:
        return True

    def result(self, key: str) -> dict | None:
        """No stored results: a result read back has no workspace, which hover and completion
        need; and after an edit the key is new anyway."""
        return None

    def store_result(self, key: str, doc: dict) -> None:
        pass

    def facts(self, packs_key: str) -> dict[str, Any]:
        return self._facts_tables.setdefault(packs_key, {})

    def store_facts(self, packs_key: str, table: dict[str, Any]) -> None:
        self._facts_tables[packs_key] = table

    def parsed(self, sha: str):
        self._keep.add(sha)
        return self._parsed.get(sha)

    def has_parsed(self, sha: str) -> bool:
        return sha in self._parsed

    def store_parsed(self, sha: str, parsed) -> None:
        if not parsed.problems:             # as the disk cache: a parse with problems is parsed again
            self._parsed[sha] = parsed
            self._keep.add(sha)

    def keep_parsed(self, keys) -> None:
        self._keep.update(keys)

    def prune_files(self) -> None:
        """Drop the parses no lint since the last prune used (an edited file's old texts)."""
        if len(self._parsed) > 2 * len(self._keep) + 64:
            self._parsed = {k: v for k, v in self._parsed.items() if k in self._keep}
        self._keep = set()

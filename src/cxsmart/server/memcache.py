"""The server's cache: parses and sentence facts kept in memory for the life of the process.
Every lint after an edit reads the parses and sentence facts of the files it did not change
from here (no file read, no seal to check); entries are the disk cache's JSON forms, so each
lint decodes fresh objects, as it would from disk."""

from __future__ import annotations

from typing import Any

from cxsmart.cache import Cache
from cxsmart.parsecache import decode_parsed, encode_parsed

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
        doc = self._parsed.get(sha)
        return decode_parsed(doc, sha) if doc is not None else None

    def has_parsed(self, sha: str) -> bool:
        return sha in self._parsed

    def store_parsed(self, sha: str, parsed) -> None:
        doc = encode_parsed(parsed, sha)
        if doc is not None:
            self._parsed[sha] = doc
            self._keep.add(sha)

    def keep_parsed(self, keys) -> None:
        self._keep.update(keys)

    def prune_files(self) -> None:
        """Drop the parses no lint since the last prune used (an edited file's old texts)."""
        if len(self._parsed) > 2 * len(self._keep) + 64:
            self._parsed = {k: v for k, v in self._parsed.items() if k in self._keep}
        self._keep = set()

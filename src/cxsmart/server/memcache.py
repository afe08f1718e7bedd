"""The server's cache: prose facts kept in memory for the life of the process, as the objects
the language analysis made (no JSON form to decode at each lint), so only a sentence no lint
has read yet goes through spaCy. Parses are kept only from the count of the goals that a whole
lint announces to that lint (the loaded files are kept by the server instead: see live.py)."""

from __future__ import annotations

from typing import Any

from cxsmart.cache.store import Cache


class MemoryCache(Cache):
    in_memory = True

    def __init__(self) -> None:
        super().__init__(None)
        self._facts_tables: dict[str, dict] = {}
        self._parsed: dict[str, Any] = {}
        self.holding = False                # parses are kept (between a count and its lint)

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
        return self._parsed.get(sha)

    def has_parsed(self, sha: str) -> bool:
        return sha in self._parsed

    def store_parsed(self, sha: str, parsed) -> None:
        if self.holding and not parsed.problems:
            self._parsed[sha] = parsed

    def keep_parsed(self, keys) -> None:
        pass

    def prune_files(self) -> None:
        """After a lint: its parses are in its loaded files now."""
        self._parsed = {}
        self.holding = False

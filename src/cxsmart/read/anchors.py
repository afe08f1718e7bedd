"""Where a merged value is written: `<<: *defaults` brings in values from the mapping anchored
`&defaults`, and a finding about such a value belongs at the anchor, once, not at every goal
that merges it."""

from __future__ import annotations

import re

from cxsmart.diagnostics import Span
from cxsmart.read.yamlread import Entry, Path

_NAME = re.compile(r"[&*]([^\s,\[\]{}]+)")


class Anchors:
    """The anchored mappings of one file (name -> path), found once from its index."""

    def __init__(self, index: dict[Path, Entry], lines: list[str]):
        self.index = index
        self.lines = lines
        self._paths: dict[str, Path] | None = None

    def _at(self, span: Span) -> str | None:
        """The anchor or alias name written at `span`'s start ('&defaults' -> 'defaults')."""
        if not 0 < span.line <= len(self.lines):
            return None
        m = _NAME.match(self.lines[span.line - 1], span.column - 1)
        return m.group(1) if m else None

    def paths(self) -> dict[str, Path]:
        if self._paths is None:
            self._paths = {}
            for path, entry in self.index.items():
                if entry.style is None and not entry.merged and self.lines[entry.value.line - 1:entry.value.line] and \
                        self.lines[entry.value.line - 1][entry.value.column - 1:entry.value.column] == "&":
                    name = self._at(entry.value)
                    if name:
                        self._paths.setdefault(name, path)
        return self._paths

    def origin(self, path: Path, key: bool = False) -> Span | None:
        """Where the value at `path` is written, if it came in through a merge key; else None."""
        entry = self.index.get(path)
        if entry is None or not entry.merged:
            return None
        holder = next((n for n in range(len(path) - 1, 0, -1) if not self._merged(path[:n])), None)
        name = self._at(entry.value)
        anchored = self.paths().get(name) if name else None
        if holder is None or anchored is None:
            return None
        written = self.index.get(anchored + path[holder:])
        if written is None:
            return None
        return (written.key or written.value) if key else written.value

    def _merged(self, path: Path) -> bool:
        entry = self.index.get(path)
        return entry is not None and entry.merged

"""Handing a run's sentences to the prose worker as its files are read.

Each file's goals' titles and descriptions go over as soon as the file is parsed (a quick look at
the parsed values), so that the worker reads while the main process parses the rest; once a file
is loaded, any sentence the quick look missed (a goal under a misspelt `goal:`) follows. The
worker starts at once when there is much YAML to parse (its spaCy import overlaps the parsing);
else once the files with sentences the facts cache lacks are that large.
"""

from __future__ import annotations

from cxsmart.language import text_hash, worker
from cxsmart.read.packs import PackData
from cxsmart.read.loader import SourceFile


class Handover:
    def __init__(self, packs: PackData, encoded: bool, known: set[str], start: bool):
        """`encoded`: the worker sends facts in the cache's form; `known`: hashes of the texts
        the facts cache holds (not handed over)."""
        self.packs = packs
        self.encoded = encoded
        self.known = known
        self.worker: worker.ProseWorker | None = None
        self.failed = False
        self.pending: list[str] = []
        self.pending_bytes = 0
        self.seen: set[str] = set()
        if start:
            self._start()

    def _start(self) -> None:
        try:
            self.worker = worker.ProseWorker(self.packs, encoded=self.encoded)
        except OSError:
            self.failed = True

    def feed_parsed(self, data, size: int, left: int) -> None:
        """A parsed file's sentences. `size`: the file's bytes; `left`: the bytes still to parse."""
        self.feed(goal_texts(data), size, left)

    def feed_loaded(self, source: SourceFile) -> None:
        """A loaded file's sentences that its parse did not show."""
        self.feed([t for item in source.sections["goals"] for t in (item.model.title, item.model.description) if t],
                  0, 0)

    def feed(self, texts: list[str], size: int, left: int) -> None:
        """A sentence handed over already is not handed over again."""
        texts = [t for t in texts if t not in self.seen and (not self.known or text_hash(t) not in self.known)]
        self.seen.update(texts)
        if not texts or self.failed:
            return
        if self.worker is None:
            self.pending += texts
            self.pending_bytes += size
            if self.pending_bytes < worker.MIN_BYTES and left < worker.MIN_BYTES:
                return
            self._start()
            if self.worker is None:
                return
            texts, self.pending = self.pending, []
        self.worker.feed(texts)


def goal_texts(data) -> list[str]:
    """The titles and descriptions of a parsed file's goals, as written (a quick look: a goal the
    loader finds otherwise is handed over once loaded)."""
    goals = data if isinstance(data, list) else data.get("goals") if isinstance(data, dict) else None
    out = []
    for entry in goals.values() if isinstance(goals, dict) else goals if isinstance(goals, list) else ():
        if isinstance(entry, str) and entry:
            out.append(entry)                       # '- Answer 90% of calls within 30 seconds'
        elif isinstance(entry, dict):
            out += [t for t in (entry.get("title"), entry.get("description")) if isinstance(t, str) and t]
    return out

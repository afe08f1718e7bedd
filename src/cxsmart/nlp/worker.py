"""Reading prose in a second process while the first parses YAML.

On a large run the language analysis (importing spaCy, then reading every sentence) and
the YAML parsing each take about as long as the other. A forked worker imports spaCy and
reads sentences as the main process hands them over, file by file, so on two cores the two
overlap. Results come back in the facts cache's JSON-able form. If anything goes wrong the
main process reads the sentences itself: the findings are the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from typing import Any

MIN_BYTES = 256 * 1024          # below this, forking costs more than it saves


def available() -> bool:
    # fork only where it is safe after arbitrary imports (not macOS, where it is offered but
    # can abort the child), and only with a second core to run on
    return (not os.environ.get("CXSMART_NO_WORKER") and sys.platform.startswith("linux")
            and "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1)


class ProseWorker:
    def __init__(self, packs, encoded: bool = True) -> None:
        """encoded: return facts in the cache's JSON form (for storing), else as TextFacts
        (pickled between our own two processes, which is cheaper)."""
        ctx = multiprocessing.get_context("fork")
        self.inbox = ctx.Queue()
        self.outbox = ctx.Queue()
        self.sent: set[str] = set()
        self.process = ctx.Process(target=_serve, args=(self.inbox, self.outbox, packs, encoded), daemon=True)
        self.process.start()

    def feed(self, texts: list[str]) -> None:
        new = [t for t in texts if t not in self.sent]
        if new and self.process.is_alive():
            self.sent.update(new)
            self.inbox.put(new)

    def results(self, timeout: float = 600.0) -> dict[str, Any] | None:
        """{text: facts (encoded or TextFacts)}, or None if the worker failed."""
        try:
            self.inbox.put(None)
            result = self.outbox.get(timeout=timeout)
        except Exception:  # noqa: BLE001 - fall back to reading in-process
            result = None
        finally:
            self.close()
        return result if isinstance(result, dict) else None

    def close(self) -> None:
        # a worker that died early leaves texts in the pipe: never wait to flush them at exit
        self.inbox.cancel_join_thread()
        self.inbox.close()
        if self.process.is_alive():
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()


def _serve(inbox, outbox, packs, encoded: bool) -> None:
    try:
        from cxsmart.nlp import MAX_CHARS
        from cxsmart.nlp.extract import read
        from cxsmart.nlp.pipeline import build
        from cxsmart.nlp.serial import encode

        pipeline = build(packs)
        definitional = {w.lower() for w in packs.terms["definitional-words"]}
        out: dict[str, Any] = {}
        while True:
            batch = inbox.get()
            if batch is None:
                break
            heads = [t[:MAX_CHARS] for t in batch]
            for text, head, doc in zip(batch, heads, pipeline.docs(heads)):
                facts = read(head, doc, pipeline, definitional)
                out[text] = encode(facts) if encoded else facts
        outbox.put(out)
    except BaseException:  # noqa: BLE001 - the parent falls back
        outbox.put(None)

"""Reading prose in a second process while the first parses YAML.

On a large run the language analysis (importing spaCy, then reading every sentence) and
the YAML parsing each take about as long as the other. A forked worker imports spaCy and
reads sentences as the main process hands them over, file by file, so on two cores the two
overlap. From the console script the worker is the process forked at the command's start
(common.prefork), which has spaCy loaded by the time the first file is parsed, so even a small
run has its sentences read there rather than waiting for spaCy in the main process. When the
main process has handed over the last file it has little to do but wait, so if the worker
still has many sentences to read it forks a helper (spaCy loaded already) and the two claim
chunks of what is left from a shared counter. Facts come back as plain tuples, with the facts
cache's JSON form when the cache is on. Whatever does not come back (a process failed) the main
process reads itself: the findings are the same either way. The worker and its helper end
themselves if the main process is killed.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import threading
import time
from typing import Iterator

from cxsmart.common import prefork
# the package is imported already (this module is part of it); spaCy is not, until a Reader is built
from cxsmart.language import Reader
from cxsmart.language.pipeline import prewarm
from cxsmart.language.serial import encode, from_wire, to_wire

MIN_BYTES = 256 * 1024          # below this, forking costs more than it saves
SPLIT_AT = 600                  # sentences left when the main process is done: enough to share
CHUNK = 250                     # sentences read between two looks at the inbox


def available() -> bool:
    return prefork.available()


class ProseWorker:
    def __init__(self, packs, encoded: bool = True) -> None:
        """encoded: return facts in the cache's JSON form (for storing), else as TextFacts
        (pickled between our own processes, which is cheaper). The process forked at the
        command's start (common.prefork) is this worker if it is there; else one is forked."""
        self.sent: set[str] = set()
        self.finished = False
        self.succeeded = False
        early = prefork.take()
        if early is not None:
            self.inbox, self.outbox, self.process = early
            self.inbox.put((packs, encoded))
            return
        ctx = multiprocessing.get_context("fork")
        self.inbox = ctx.Queue()
        self.outbox = ctx.Queue()
        self.process = ctx.Process(target=_serve, args=(self.inbox, self.outbox, packs, encoded, os.getpid()),
                                   daemon=True)
        self.process.start()

    def feed(self, texts: list[str]) -> None:
        new = [t for t in texts if t not in self.sent]
        if new and self.process.is_alive():
            self.sent.update(new)
            self.inbox.put(new)

    def finish(self) -> None:
        """No more texts: the worker may share what is left with a helper."""
        if not self.finished:
            self.finished = True
            self.inbox.put(None)

    def results(self, timeout: float = 600.0) -> dict[str, tuple] | None:
        """{text: (TextFacts, the cache's JSON form or None)}, or None if the worker failed."""
        out: dict[str, tuple] = {}
        for batch in self.stream(timeout):
            out.update(batch)
        return out if self.succeeded else None

    def stream(self, timeout: float = 600.0) -> Iterator[dict[str, tuple]]:
        """Batches of {text: (TextFacts, the cache's JSON form or None)} as the worker and its
        helper send them, until the worker says "end". If it fails or stops answering, the
        stream ends early (succeeded is then False): the caller reads what is missing."""
        deadline = time.monotonic() + timeout
        try:
            self.finish()
            while True:
                try:
                    kind, payload = self.outbox.get(timeout=0.5)
                except queue.Empty:
                    if time.monotonic() > deadline or not self.process.is_alive():
                        return
                    continue
                if kind == "end":
                    self.succeeded = True
                    return
                if kind != "facts":
                    return
                yield {text: (from_wire(wire), encoded) for text, (wire, encoded) in payload.items()}
        except Exception:  # noqa: BLE001 - the caller reads what is missing in-process
            return
        finally:
            self.close()

    def close(self) -> None:
        # a worker that died early leaves texts in the pipe: never wait to flush them at exit
        self.inbox.cancel_join_thread()
        self.inbox.close()
        if self.process.is_alive():
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()


def serve_early(inbox, outbox, main: int) -> None:
    """The process forked at the command's start (common.prefork): it builds what of the
    pipeline needs no rule pack while the command starts, then serves once handed the packs."""
    _watch(main)
    gc.disable()                                # as in the command (its run turns it off later)
    try:
        prewarm()
    except Exception:  # noqa: BLE001 - built again, or failed and said so, once the packs come
        pass
    handed = inbox.get()
    if handed is not None:
        _read(inbox, outbox, *handed, main)


def _serve(inbox, outbox, packs, encoded: bool, main: int) -> None:
    _watch(main)                                # main's pid from main: it may be gone already
    _read(inbox, outbox, packs, encoded, main)


def _read(inbox, outbox, packs, encoded: bool, main: int) -> None:
    try:
        reader = _Reader(packs, encoded, outbox)
        pending: list[str] = []
        finished = False
        while not finished:                     # read as texts arrive, until the main process is done
            while not finished:                 # take what has arrived; wait only with nothing to do
                try:
                    batch = inbox.get(block=not pending)
                except queue.Empty:
                    break
                if batch is None:
                    finished = True
                else:
                    pending.extend(batch)
            if pending and not finished:
                reader.read(pending[:CHUNK])
                pending = pending[CHUNK:]
        chunks = _Chunks(pending)               # the main process waits now: share what is left
        helper = _Helper(chunks, reader, main) if len(pending) >= SPLIT_AT else None
        reader.send_held()
        mine = chunks.read(reader)
        if helper is not None and not helper.succeeded():
            for i in range(chunks.count):       # the helper failed: read what it may have claimed
                if i not in mine:
                    reader.read(chunks.chunk(i))
        outbox.put(("end", None))
    except BaseException:  # noqa: BLE001 - the parent falls back
        outbox.put(("failed", None))


def _watch(main: int) -> None:
    """End this process if the main process is gone (killed by a CI timeout, `kill -9`): nobody
    will read what it sends, and it must not wait for ever on a full pipe or an empty inbox."""
    def watch() -> None:
        while _alive(main):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="cxsmart-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")              # a zombie is dead, only not yet reaped


class _Chunks:
    """Texts shared by the worker and its helper: each claims the next chunk through a counter
    in shared memory, so both finish together whatever else the machine is doing."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.count = -(-len(texts) // CHUNK)
        self.next = multiprocessing.get_context("fork").Value("i", 0)

    def chunk(self, i: int) -> list[str]:
        return self.texts[i * CHUNK:(i + 1) * CHUNK]

    def read(self, reader: "_Reader") -> set[int]:
        """Read chunks until none is left; the numbers of the chunks read here."""
        mine = set()
        while True:
            with self.next.get_lock():
                i = self.next.value
                self.next.value = i + 1
            if i >= self.count:
                return mine
            mine.add(i)
            reader.read(self.chunk(i))


class _Reader:
    """Reads texts and sends their facts. Until the main process is done parsing (it reads
    nothing before) the facts are held: the queue must not be used before the helper is
    forked, as a forked copy of a queue that has sent cannot send."""

    def __init__(self, packs, encoded: bool, outbox) -> None:
        self.reader = Reader(packs)
        self.encoded = encoded
        self.outbox = outbox
        self.holding = True
        self.held: list[dict] = []

    def send_held(self) -> None:
        self.holding = False
        for out in self.held:
            self.outbox.put(("facts", out))
        self.held = []

    def read(self, texts: list[str]) -> None:
        out = {text: (to_wire(facts), encode(facts) if self.encoded else None)
               for text, facts in self.reader.read(texts)}
        if self.holding:
            self.held.append(out)
        else:
            self.outbox.put(("facts", out))


class _Helper:
    """A forked copy of the worker (spaCy loaded) that reads chunks and sends them itself."""

    def __init__(self, chunks: _Chunks, reader: _Reader, main: int) -> None:
        self.pid = os.fork()
        if self.pid == 0:                       # the helper
            code = 1
            try:
                _watch(main)                    # threads do not survive a fork: a watch of its own
                reader.holding = False
                chunks.read(reader)
                reader.outbox.close()
                reader.outbox.join_thread()     # flushed before exiting
                code = 0
            finally:
                os._exit(code)

    def succeeded(self) -> bool:
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status) == 0

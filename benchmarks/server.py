"""`cxsmart server`'s latency and memory on a generated 10,000-goal workspace. Not a test: run it
by hand and quote its table.

    pip install -e '.[server]'
    python benchmarks/server.py [--goals 10000] [--files 100] [--edits 40]

It writes a workspace with benchmarks/speed.py's generator, starts `cxsmart server` over stdio
(the real process, driven by pygls's client) and measures:
- the first workspace lint: time until every file's diagnostics are published, and how long a
  hover request takes while it runs (requests must not wait for it);
- opening one goal file: time to its first diagnostics;
- `didChange` to `publishDiagnostics` of the edited file, one edit at a time, for edits that
  change one title (a sentence spaCy has not read) and edits that touch no prose (a goal's
  `review` value); p50, p95 and max of each. Each change is sent as an editor sends it: the
  edited line's range when the server asks for incremental sync, else the whole text (60 KB);
- the server's peak resident memory (VmHWM);
- the CPU time the server and the client spend per edit (over all the edits and the pauses
  between them): unlike the latencies, it hardly moves with the machine's load.

The server is started with CXSMART_SERVER_TIMING=1, so it logs, for each edit, when (on the
system's monotonic clock, which the client reads too) the change reached its handler, was taken by
the worker, was linted (on the event loop, or in the lint thread), came back, and its publish was
written: the last lines split each edit's latency into those steps, the first and last of which
are the transport (the client's JSON of the change, the pipe, pygls reading and structuring it;
the findings' JSON back, the client's parse of it). The client, woken by the publish, often
preempts the server mid-write: its parse then falls in "publish written", not after it.
Results, with the machine's load: benchmarks/server-results.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).parent))
from speed import generate  # noqa: E402 - the benchmarks' shared workspace generator


class Bench(LanguageClient):
    def __init__(self) -> None:
        super().__init__("cxsmart-bench", "1")
        self.published: dict[str, float] = {}
        self.events: dict[str, asyncio.Event] = {}
        self.timings: list[tuple[float, ...]] = []      # the server's clock readings of each edit (see _steps)

        @self.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_publish(params: lsp.PublishDiagnosticsParams) -> None:
            self.published[params.uri] = time.perf_counter()
            self.events.setdefault(params.uri, asyncio.Event()).set()

        @self.feature(lsp.WINDOW_SHOW_MESSAGE)
        def on_show(params: lsp.ShowMessageParams) -> None:
            print(f"the server says: {params.message}", file=sys.stderr)

        @self.feature(lsp.WINDOW_LOG_MESSAGE)
        def on_log(params: lsp.LogMessageParams) -> None:
            m = re.search(r"arrived ([\d.]+), taken ([\d.]+), lint ([\d.]+) to ([\d.]+), "
                          r"back ([\d.]+), written ([\d.]+)", params.message)
            if m:
                self.timings.append(tuple(float(x) for x in m.groups()))

        @self.feature(lsp.WINDOW_WORK_DONE_PROGRESS_CREATE)
        def on_progress_create(params) -> None:
            return None

    async def next_publish(self, uri: str, timeout: float = 120.0) -> float:
        event = self.events.setdefault(uri, asyncio.Event())
        await asyncio.wait_for(event.wait(), timeout)
        event.clear()
        return self.published[uri]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def run(goals: int, files: int, edits: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, goals, files)
        (root / "cxsmart.toml").write_text('today = 2026-12-01\n')
        uris = [p.as_uri() for p in sorted(root.glob("*.yaml"))]
        client = Bench()
        await client.start_io(sys.executable, "-m", "cxsmart", "server", env={**os.environ, "CXSMART_SERVER_TIMING": "1"})
        pid = client._server.pid
        started = time.perf_counter()
        init = await client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(window=lsp.WindowClientCapabilities(work_done_progress=True)),
            root_uri=root.as_uri()))
        client.initialized(lsp.InitializedParams())
        ranges = _incremental(init.capabilities.text_document_sync)
        target = root / "team-0000.yaml"
        text = target.read_text()
        lines = text.splitlines()
        hover_at = next(i for i, line in enumerate(lines) if line.startswith("    owner: "))
        t = time.perf_counter()
        await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(target.as_uri()),
                                                               lsp.Position(hover_at, 12)))
        hover_during = time.perf_counter() - t
        while len(client.published) < len(uris):
            if time.perf_counter() - started > 1800:
                raise SystemExit("no diagnostics for every file after 30 minutes: is the server failing? "
                                 "(what it said is printed above)")
            await asyncio.sleep(0.02)
        first_lint = max(client.published.values()) - started
        uri = target.as_uri()
        for event in client.events.values():
            event.clear()
        t = time.perf_counter()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "yaml", 1, text)))
        opened = await client.next_publish(uri) - t
        titles = [i for i, line in enumerate(lines) if line.startswith("    title: Improve ")]
        reviews = [i for i, line in enumerate(lines) if line.strip() == "review: monthly"]
        prose, plain = [], []
        inside: dict[bool, list[tuple[float, ...]]] = {True: [], False: []}     # (sent, *server's clock, received)
        version = 1
        cpu = (_cpu_seconds(pid), time.process_time())       # the server's and this client's, over the edits
        for n in range(edits):
            is_title = n % 2 == 0
            row = (titles if is_title else reviews)[n // 2 % len(titles if is_title else reviews)]
            old = lines[row]
            if is_title:
                lines[row] = lines[row].replace("Improve ", f"Improve word{n}x ", 1)
            else:
                lines[row] = "    review: quarterly" if lines[row].endswith("monthly") else "    review: monthly"
            version += 1
            t = time.perf_counter()
            if ranges:                                  # as an editor sends it: the line's range
                change = lsp.TextDocumentContentChangePartial(
                    lsp.Range(lsp.Position(row, 0), lsp.Position(row, len(old))), lines[row])
            else:
                change = lsp.TextDocumentContentChangeWholeDocument("\n".join(lines) + "\n")
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]))
            received = await client.next_publish(uri)
            (prose if is_title else plain).append(received - t)
            await asyncio.sleep(0.3)                    # a pause in typing; background work may run
            if client.timings:
                inside[is_title].append((t, *client.timings[-1], received))
                client.timings.clear()
        cpu = ((_cpu_seconds(pid) - cpu[0]) / edits, (time.process_time() - cpu[1]) / edits)
        peak = _peak_memory(pid)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    print(f"workspace: {goals:,} goals in {files} files (+ objectives and owners); changes sent as "
          f"{'the edited range (incremental sync)' if ranges else 'the whole text (the server asks for it)'}")
    print(f"first workspace lint, all files published: {first_lint:.2f} s; a hover during it: {hover_during * 1000:.0f} ms")
    print(f"open one file ({len(titles) + 0} goals with a structured title): first diagnostics {opened * 1000:.0f} ms")
    for name, values in (("title edit (spaCy)", prose), ("no-prose edit", plain)):
        print(f"didChange -> publish, {name}: p50 {percentile(values, 50) * 1000:.0f} ms, "
              f"p95 {percentile(values, 95) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms ({len(values)} edits)")
    print(f"server peak memory (VmHWM): {peak / 1024:.0f} MB")
    print(f"CPU time per edit (any load: it does not count the waits): server {cpu[0] * 1000:.1f} ms, "
          f"client {cpu[1] * 1000:.1f} ms (background work in the pauses included)")
    for name, is_title in (("title edit", True), ("no-prose edit", False)):
        if inside[is_title]:
            print(f"  {name}, step by step (p50 / p95, ms):")
            for step, values in _steps(inside[is_title]):
                print(f"    {step:<60} {percentile(values, 50) * 1000:5.1f} / {percentile(values, 95) * 1000:5.1f}")


_STEPS = ("sent -> the server's handler has the text", "text arrived -> the worker takes it",
          "-> the lint starts (on the event loop or in the lint thread)", "lint", "-> the worker has the findings",
          "-> publish written", "-> the client has it parsed")


def _steps(edits: list[tuple[float, ...]]) -> list[tuple[str, list[float]]]:
    """Each edit's time split at the clock readings of the client (sent, received) and the server
    (arrived, sent to the lint thread, lint start and end there, back, written): one monotonic
    clock, so they compare."""
    return [(step, [e[i + 1] - e[i] for e in edits]) for i, step in enumerate(_STEPS)] + \
        [("server: text arrived -> publish written", [e[6] - e[1] for e in edits])]


def _incremental(sync) -> bool:
    """Whether the server takes ranges (an editor then sends only what changed), else whole texts."""
    kind = sync.change if isinstance(sync, lsp.TextDocumentSyncOptions) else sync
    return kind == lsp.TextDocumentSyncKind.Incremental


def _cpu_seconds(pid: int) -> float:
    """The process's user and system CPU time (every thread), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_memory(pid: int) -> int:
    """kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def arguments(doc: str) -> argparse.Namespace:
    """The workspace's size and the number of edits, from the command line (server_nvim.py too)."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--goals", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--edits", type=int, default=40)
    return parser.parse_args()


def main() -> None:
    args = arguments(__doc__)
    asyncio.run(run(args.goals, args.files, args.edits))


if __name__ == "__main__":
    main()

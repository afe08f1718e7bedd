"""The pygls server: document sync, publishing, configuration reload, and the requests.

One worker coroutine does the linting, in one lint thread, so requests (hover, completion...)
are answered while it runs. Edits wait in `pending`, the newest text of each file only (a newer
didChange supersedes older work, and findings of a superseded text are not published); each is
linted alone over the workspace kept in memory (live.Live). An edit that changed one goal,
which alone need be checked again (Live.quick: a few milliseconds), is linted on the event loop
itself when the lint thread is idle: handing it to the thread and back cost two wake-ups, which
a busy machine schedules late. After an edit that changed what other files' checks read, every
goal is checked again once typing pauses, in the background; a newer edit cancels that check.
The first lint runs in the background with progress."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from cxsmart import __version__
from cxsmart.server import actions, convert, knowing, stdio, sync
from cxsmart.server.live import Live
from cxsmart.server.positions import Lines
from cxsmart.server.session import GOAL_SUFFIXES, Outcome, Session

FIX_ALL = "source.fixAll.cxsmart"
TIMING = bool(os.environ.get("CXSMART_SERVER_TIMING"))    # log each edit's time in the server (benchmarks/server.py)
QUIET = 0.3                 # seconds without an edit before the other files are checked again


class CxServer(LanguageServer):
    def __init__(self) -> None:
        self.forms = convert.Published()           # the JSON of edited files' findings
        # incremental: the client sends the ranges it changed, applied as LSP counts lines (sync.py)
        super().__init__("cxsmart", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         protocol_cls=sync.Protocol)
        self.session: Session | None = None
        self.live: Live | None = None
        self.lint_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cxsmart-lint")
        self.lint_lock = threading.Lock()           # held by the lint thread's jobs, and by an edit's quick path
        self.pending: dict[str, str] = {}           # path -> the newest text not linted yet
        self.wake = asyncio.Event()
        self.cancel = threading.Event()             # set: the background check stops
        self.need_whole = False                     # lint the workspace through the api
        self.need_reload = False                    # read the configuration first
        self.broken: set[str] = set()               # open files whose text does not parse
        self.published: dict[str, tuple] = {}       # path -> what was last published for it
        self.findings: dict[str, list] = {}         # path -> its last findings (cxsmart Diagnostics)
        self.uris: dict[str, str] = {}              # path -> the URI the client opened it by
        self._ids: tuple = (None, [])               # (workspace, its id occurrences)
        self.linted: dict[str, str | None] = {}     # path -> the text its published findings are of
        self.worker: asyncio.Task | None = None
        self.arrived: dict[str, float] = {}         # path -> when its newest text arrived

    def occurrences(self, ws) -> list:
        """The workspace's id occurrences, computed once per lint."""
        from cxsmart.server.ids import occurrences

        if self._ids[0] is not ws:
            self._ids = (ws, occurrences(ws))
        return self._ids[1]

    # -- documents -----------------------------------------------------------------------
    def path_of(self, uri: str) -> Path | None:
        path = to_fs_path(uri)
        return Path(os.path.abspath(path)) if path else None

    def uri_of(self, path: str) -> str:
        return self.uris.get(path) or from_fs_path(path) or Path(path).as_uri()

    def buffers(self) -> dict[Path, str]:
        """The open goal files' text, by path."""
        out = {}
        for uri, doc in self.workspace.text_documents.items():
            path = self.path_of(uri)
            if path is not None and path.suffix in GOAL_SUFFIXES:
                out[path] = doc.source
        return out

    def text_of(self, path: str) -> str:
        doc = next((d for u, d in self.workspace.text_documents.items() if str(self.path_of(u)) == path), None)
        if doc is not None:
            return doc.source
        try:
            with open(path, encoding="utf-8", errors="replace", newline="") as f:
                return f.read()
        except OSError:
            return ""

    # -- linting -------------------------------------------------------------------------
    def edited(self, path: Path | None, text: str | None = None) -> None:
        """A goal file's text changed (None: read it from the buffer, else from disk)."""
        if path is None or path.suffix not in GOAL_SUFFIXES:
            return
        self.pending[str(path)] = self.text_of(str(path)) if text is None else text
        self.arrived[str(path)] = time.perf_counter()
        self.cancel.set()
        self.wake.set()

    def relint_whole(self, reload: bool = False) -> None:
        self.need_whole = True
        self.need_reload = self.need_reload or reload
        self.cancel.set()
        self.wake.set()

    def start_work(self) -> None:
        if self.worker is None:
            self.worker = asyncio.get_running_loop().create_task(self._work())

    async def _work(self) -> None:
        first = True
        while True:
            try:
                if self.need_whole:
                    await self._whole(progress=first)
                    first = False
                elif self.pending:
                    await self._edit(*next(iter(self.pending.items())))
                elif self.live is not None and self.live.stale:
                    await self._check()
                elif self.live is not None and self.live.garbage:
                    await self._idle(self.live.collect)
                else:
                    self.wake.clear()
                    await self.wake.wait()
            except asyncio.CancelledError:
                raise
            except Exception as e:  # noqa: BLE001 - the server keeps serving; say what failed
                self.show(f"internal error while linting: {type(e).__name__}: {e}", lsp.MessageType.Error)
                self.pending.clear()
                self.need_whole = False

    async def _whole(self, progress: bool) -> None:
        self.need_whole = False
        if self.need_reload:
            self.need_reload = False
            error = await self.in_lint(self.session.reload)
            if error:
                self.show(error, lsp.MessageType.Error)
        buffers = self.buffers()
        token = None
        if progress:
            count = await self.in_lint(self.session.count_goals, buffers)
            token = await self.begin_progress(f"Linting {count}")
        out = await self.in_lint(self.live.whole, buffers)
        if token is not None:
            self.end_progress(token, out)
        for path in buffers:
            self.pending.pop(str(path), None) if self.text_of(str(path)) == buffers[path] else None
        self.broken = {str(p) for p in buffers if any(d.code == "F001" for d in out.findings.get(str(p), []))}
        changed = {str(p) for p, text in buffers.items() if self.text_of(str(p)) != text}
        self.publish(out, buffers=buffers, skip=changed)

    async def _edit(self, path: str, text: str) -> None:
        self.cancel.clear()
        start = time.perf_counter()
        out, ran, tried = None, None, False
        if self.lint_lock.acquire(blocking=False):     # nothing in the lint thread: no hand-over to it and back
            try:
                out, ran = _clocked(self.live.quick, Path(path), text)
                tried = True
            finally:
                self.lint_lock.release()
        if out is None:
            out, ran = await self.in_lint(_clocked, self.live.edit, Path(path), text, self.buffers(), False, tried)
        back = time.perf_counter()
        if self.pending.get(path) is text:
            del self.pending[path]
        if out is None:
            self.need_whole = True                  # the edit changed the workspace's date order
            return
        if path in self.pending:
            return                                  # typed over meanwhile: that text's findings come next
        if any(d.code == "F001" for d in out.findings.get(path, [])):
            self.broken.add(path)
        else:
            self.broken.discard(path)
        self.publish(out, only={path}, force=True, text=text)
        if TIMING:      # perf_counter is the system's monotonic clock: the client can compare it with its own
            arrived, done = self.arrived.get(path, start), time.perf_counter()
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Log, (
                f"cxsmart timing: {path} linted in {(ran[1] - ran[0]) * 1000:.2f} ms, published "
                f"{(done - arrived) * 1000:.2f} ms after its text arrived (clock: arrived {arrived:.6f}, taken "
                f"{start:.6f}, lint {ran[0]:.6f} to {ran[1]:.6f}, back {back:.6f}, written {done:.6f})")))

    async def in_lint(self, job, *args):
        """`job(*args)` in the lint thread, holding the lint lock: an edit's quick path runs on
        the event loop only when nothing runs there (live.Live is used by one thread at a time)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.lint_thread, _locked, self.lint_lock, job, *args)

    async def _quiet(self, seconds: float) -> bool:
        """Whether nothing arrives for `seconds` (an edit that does goes first)."""
        self.wake.clear()
        try:
            await asyncio.wait_for(self.wake.wait(), seconds)
            return False
        except asyncio.TimeoutError:
            return True

    async def _idle(self, job, quiet: float = 3 * QUIET) -> None:
        """`job` in the lint thread once nothing has arrived for `quiet` seconds."""
        if await self._quiet(quiet):
            await self.in_lint(job)

    async def _check(self) -> None:
        """Every goal again, once typing pauses; a newer edit cancels it."""
        if not await self._quiet(QUIET):
            return
        self.cancel.clear()
        out = await self.in_lint(self.live.check, self.cancel)
        if out is not None:
            self.publish(out, skip=self.broken | set(self.pending))

    def publish(self, out: Outcome, only: set[str] | None = None, edited: str | None = None,
                buffers: dict[Path, str] | None = None, force: bool = False, skip: set[str] = frozenset(),
                text: str | None = None) -> None:
        """Publish the findings of the files that changed (with `force`, of every file in
        `only`: the file just edited gets its findings after every edit)."""
        if out.error is not None:
            self.show(out.error, lsp.MessageType.Error)
            return
        for warning in getattr(out.result, "warnings", []):
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Warning, f"cxsmart: {warning}"))
        paths = set(out.findings) - skip
        if only is not None:
            paths &= only
        elif buffers is not None:
            broken = {str(p) for p in buffers if any(d.code == "F001" for d in out.findings.get(str(p), []))} - skip
            if broken:                      # text being typed: the other files keep their last good findings
                paths = broken | ({edited} & paths if edited else set())
            else:                           # files gone from the workspace are cleared
                open_paths = {str(p) for p in buffers}
                for gone in set(self.published) - paths - open_paths:
                    out.findings[gone] = []
                    paths.add(gone)
        for path in sorted(paths):
            found = out.findings.get(path, [])
            key = tuple((d, d.fix) for d in found)
            self.findings[path] = found
            if self.published.get(path) == key and not force:
                continue
            self.published[path] = key
            uri = self.uri_of(path)
            registry = getattr(out.result, "registry", None)
            of = (text if text is not None else self.text_of(path)) if found else None
            self.linted[path] = of              # the text the findings (and their fixes) are of
            lines = Lines(of) if found else None
            # with force, an edit: the file's next findings are mostly these, their JSON is kept
            items = self.forms.json(path, found, lines, uri, registry, keep=force)
            stdio.notify(self.protocol, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                         f'{{"uri": {json.dumps(uri)}, "diagnostics": {items}}}')

    def show(self, message: str, kind: lsp.MessageType) -> None:
        self.window_show_message(lsp.ShowMessageParams(kind, f"cxsmart: {message}"))

    async def begin_progress(self, title: str) -> str | None:
        caps = self.client_capabilities.window
        if caps is None or not caps.work_done_progress:
            return None
        token = "cxsmart-lint"
        try:
            await self.work_done_progress.create_async(token)
        except Exception:  # noqa: BLE001 - a client that refuses the token gets no progress
            return None
        self.work_done_progress.begin(token, lsp.WorkDoneProgressBegin(
            title=title, message="cxsmart", cancellable=False))
        return token

    def end_progress(self, token: str, out: Outcome) -> None:
        result = out.result
        message = f"{result.goals:,} goals in {result.files:,} files" if result is not None else "not run"
        self.work_done_progress.end(token, lsp.WorkDoneProgressEnd(message=message))


def _locked(lock: threading.Lock, job, *args):
    with lock:
        return job(*args)


def _clocked(job, *args) -> tuple:
    """`job(*args)` and when it began and ended (the edit's timing: the lint thread's own clock)."""
    began = time.perf_counter()
    return job(*args), (began, time.perf_counter())


def build() -> CxServer:
    server = CxServer()
    _documents(server)
    actions.register(server, FIX_ALL)
    knowing.register(server)
    return server


def _documents(server: CxServer) -> None:
    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: CxServer, params: lsp.InitializedParams) -> None:
        os.environ.setdefault("CXSMART_NO_WORKER", "1")     # no fork from a threaded server
        folders = ls.workspace.folders
        root = next(iter(folders.values())).uri if folders else ls.workspace.root_uri
        folder = to_fs_path(root) if root else None
        ls.session = Session(Path(folder) if folder else Path.cwd())
        ls.live = Live(ls.session)
        if ls.session.config_error:
            ls.show(ls.session.config_error, lsp.MessageType.Error)
        await _watch(ls)
        ls.need_whole = True
        ls.start_work()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: CxServer, params: lsp.DidOpenTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        if path is not None:
            ls.uris[str(path)] = params.text_document.uri
            ls.edited(path, params.text_document.text)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: CxServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.edited(ls.path_of(params.text_document.uri))

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: CxServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        if path is not None and ls.session is not None and ls.session.is_config(path):
            ls.relint_whole(reload=True)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: CxServer, params: lsp.DidCloseTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        if path is not None and path.exists():
            ls.edited(path, _disk(path))            # the file on disk counts again
        else:
            ls.relint_whole()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: CxServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if ls.session is None:
            return
        changes = [(p, c.type) for p, c in ((ls.path_of(c.uri), c) for c in params.changes) if p is not None]
        if any(ls.session.is_config(p) for p, _ in changes):
            ls.relint_whole(reload=True)
            return
        open_paths = {str(p) for p in ls.buffers()}
        for path, kind in changes:
            if path.suffix not in GOAL_SUFFIXES or str(path) in open_paths:
                continue                            # an open file's buffer is what is linted
            if kind == lsp.FileChangeType.Changed:
                ls.edited(path, _disk(path))
            else:                                   # created or deleted: the workspace's files change
                ls.relint_whole()


def _disk(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
            return f.read()
    except OSError:
        return ""


async def _watch(ls: CxServer) -> None:
    """Ask the client to tell us of changes to goal files and the configuration on disk."""
    caps = ls.client_capabilities.workspace
    watch = caps.did_change_watched_files if caps else None
    if watch is None or not watch.dynamic_registration:
        return
    globs = ["**/*.yaml", "**/*.yml", "**/cxsmart.toml", "**/pyproject.toml", "**/.gitignore"]
    options = lsp.DidChangeWatchedFilesRegistrationOptions(watchers=[lsp.FileSystemWatcher(glob_pattern=g) for g in globs])
    try:
        await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[
            lsp.Registration(id="cxsmart-watch", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                             register_options=options)]))
    except Exception:  # noqa: BLE001 - a client that refuses: saves still reload the configuration
        pass

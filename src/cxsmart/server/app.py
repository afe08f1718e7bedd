"""The pygls server: document sync, publishing, configuration reload, and the requests.

Lints run one at a time in a worker thread, so requests (hover, completion...) are answered
while a lint runs. Each edit bumps a generation; a lint whose generation is no longer the
newest is dropped before it starts and not published after (stale work is cancelled)."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from cxsmart import __version__
from cxsmart.server import actions, convert, knowing
from cxsmart.server.positions import Lines
from cxsmart.server.session import GOAL_SUFFIXES, Outcome, Session

FIX_ALL = "source.fixAll.cxsmart"
QUIET = 0.3                 # seconds without an edit before the workspace is linted again


class CxServer(LanguageServer):
    def __init__(self) -> None:
        # whole texts: the client's own text, never one rebuilt from ranges (pygls splits lines at
        # U+2028 and form feeds, where LSP does not, so a range edit after one lands elsewhere)
        super().__init__("cxsmart", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.session: Session | None = None
        self.generation = 0
        self.lock = asyncio.Lock()
        self.lint_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cxsmart-lint")
        self.published: dict[str, tuple] = {}       # path -> what was last published for it
        self.findings: dict[str, list] = {}         # path -> its last findings (cxsmart Diagnostics)
        self.uris: dict[str, str] = {}              # path -> the URI the client opened it by
        self._ids: tuple = (None, [])               # (workspace, its id occurrences)
        self.signatures: dict[str, tuple | None] = {}   # path -> what it defines and refers to, last lint
        self.stale_workspace = False                # an edit changed that since the last workspace lint
        self.linted: dict[str, str | None] = {}     # path -> the text its published findings are of

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
    async def relint(self, edited: Path | None = None, reload: bool = False, progress: bool = False,
                     whole: bool | None = True, opened: bool = False) -> None:
        """Lint the edited file first (when there is one) and publish it; then the workspace,
        publishing what changed. `whole=None` (an edit being typed): the workspace only when
        the edit changed what the file defines or refers to, after a pause in typing."""
        self.generation += 1
        generation = self.generation
        async with self.lock:
            if generation != self.generation or self.session is None:
                return
            loop = asyncio.get_running_loop()
            if reload:
                error = await loop.run_in_executor(self.lint_thread, self.session.reload)
                if error:
                    self.show(error, lsp.MessageType.Error)
            if edited is not None and edited.suffix in GOAL_SUFFIXES and edited.exists():
                first = await loop.run_in_executor(self.lint_thread, self.session.lint, self.buffers(), [edited])
                if generation != self.generation:
                    return
                self.publish(first, only={str(edited)}, force=True)
                if whole is None:
                    sign = self.session.signature(first.result, edited)
                    if not opened and sign != self.signatures.get(str(edited), ()):
                        self.stale_workspace = True     # (a file just opened changed nothing)
                    self.signatures[str(edited)] = sign
                    if sign is None:            # it does not parse: the other files keep their findings
                        return
            if whole is None and not self.stale_workspace:
                return
        if whole is None:
            await asyncio.sleep(QUIET)
        await self._lint_workspace(generation, str(edited) if edited else None, progress)

    async def _lint_workspace(self, generation: int, edited: str | None, progress: bool) -> None:
        async with self.lock:
            if generation != self.generation:
                return
            buffers = self.buffers()
            token = await self.begin_progress() if progress else None
            whole = await asyncio.get_running_loop().run_in_executor(self.lint_thread, self.session.lint, buffers)
            if token is not None:
                self.end_progress(token, whole)
            # typed over meanwhile: the files edited since wait for their own lint; the rest is current
            changed = {str(p) for p, text in buffers.items() if self.text_of(str(p)) != text}
            self.stale_workspace = False
            self.publish(whole, edited=edited, buffers=buffers, skip=changed)

    def publish(self, out: Outcome, only: set[str] | None = None, edited: str | None = None,
                buffers: dict[Path, str] | None = None, force: bool = False, skip: set[str] = frozenset()) -> None:
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
            text = self.text_of(path) if found else None
            self.linted[path] = text            # the text the findings (and their fixes) are of
            lines = Lines(text) if found else None
            items = [convert.diagnostic(d, lines, uri, registry) for d in found]
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=items))

    def show(self, message: str, kind: lsp.MessageType) -> None:
        self.window_show_message(lsp.ShowMessageParams(kind, f"cxsmart: {message}"))

    async def begin_progress(self) -> str | None:
        caps = self.client_capabilities.window
        if caps is None or not caps.work_done_progress:
            return None
        token = f"cxsmart-lint-{self.generation}"
        try:
            await self.work_done_progress.create_async(token)
        except Exception:  # noqa: BLE001 - a client that refuses the token gets no progress
            return None
        self.work_done_progress.begin(token, lsp.WorkDoneProgressBegin(
            title="cxsmart", message=f"Linting {self.session.goal_estimate()}", cancellable=False))
        return token

    def end_progress(self, token: str, out: Outcome) -> None:
        result = out.result
        message = f"{result.goals:,} goals in {result.files:,} files" if result is not None else "not run"
        self.work_done_progress.end(token, lsp.WorkDoneProgressEnd(message=message))


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
        if ls.session.config_error:
            ls.show(ls.session.config_error, lsp.MessageType.Error)
        await _watch(ls)
        await ls.relint(progress=True)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: CxServer, params: lsp.DidOpenTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        if path is not None:
            ls.uris[str(path)] = params.text_document.uri
            await ls.relint(path, whole=None, opened=True)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: CxServer, params: lsp.DidChangeTextDocumentParams) -> None:
        await ls.relint(ls.path_of(params.text_document.uri), whole=None)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: CxServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        reload = path is not None and ls.session is not None and ls.session.is_config(path)
        await ls.relint(None if reload else path, reload=reload)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: CxServer, params: lsp.DidCloseTextDocumentParams) -> None:
        await ls.relint()               # the file on disk counts again

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: CxServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if ls.session is None:
            return
        paths = [p for p in (ls.path_of(c.uri) for c in params.changes) if p is not None]
        reload = any(ls.session.is_config(p) for p in paths)
        if reload or any(p.suffix in GOAL_SUFFIXES for p in paths):
            await ls.relint(reload=reload)


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

"""Helpers for the language server's tests: a workspace copied from examples/, the CLI's JSON
on it, and the LSP form those findings must take."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CONFIG = 'include = ["**/*.yaml"]\ntoday = 2026-12-01\n'
SERVER = [sys.executable, "-m", "cxsmart", "server"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, workspace: Path):
    """The server started over stdio on the test's `workspace` folder (import it with that fixture)."""
    caps = lsp.ClientCapabilities(window=lsp.WindowClientCapabilities(work_done_progress=True))
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=caps, root_uri=workspace.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(workspace.as_uri(), workspace.name)]))
    yield
    await lsp_client.shutdown_session()


def make_workspace(where: Path, *examples: str) -> Path:
    """examples/<name> copied under `where`, with a configuration pinning the date."""
    where.mkdir(parents=True, exist_ok=True)
    for name in examples:
        shutil.copytree(EXAMPLES / name, where / name)
    (where / "cxsmart.toml").write_text(CONFIG, encoding="utf-8")
    return where


def cli_json(folder: Path, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "cxsmart", "lint", "--format", "json", "--no-cache", *args],
                          cwd=folder, capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected(folder: Path, doc: dict) -> dict[str, list[tuple]]:
    """The CLI's findings by file URI, in the LSP's terms: 0-based lines, UTF-16 columns."""
    out: dict[str, list[tuple]] = {}
    lines_of: dict[str, list[str]] = {}
    for d in doc["diagnostics"]:
        path = (folder / d["path"]).resolve()
        if str(path) not in lines_of:           # lines as LSP and cxsmart count them (not str.splitlines)
            text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
            lines_of[str(path)] = re.split(r"\r\n|\n|\r", text)
        lines = lines_of[str(path)]

        def col(line: int, column: int) -> int:
            text = lines[line - 1] if line - 1 < len(lines) else ""
            return _units(text[:column - 1]) + max(column - 1 - len(text), 0)

        out.setdefault(path.as_uri(), []).append(
            (d["code"], d["severity"], d["message"], d["hint"],
             (d["line"] - 1, col(d["line"], d["column"]), d["end_line"] - 1, col(d["end_line"], d["end_column"]))))
    return out


_SEVERITY = {lsp.DiagnosticSeverity.Error: "error", lsp.DiagnosticSeverity.Warning: "warning",
             lsp.DiagnosticSeverity.Information: "info"}


def published(diagnostics) -> list[tuple]:
    """What the server published, in the same terms as expected()."""
    out = []
    for d in diagnostics:
        hint = d.related_information[0].message if d.related_information else None
        r = d.range
        out.append((d.code, _SEVERITY[d.severity], d.message, hint,
                    (r.start.line, r.start.character, r.end.line, r.end.character)))
    return out


async def until(check, timeout: float = 60.0, what: str = "the condition"):
    """Wait for check() to be true (the server publishes when it has linted)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while True:
        value = check()
        if value:
            return value
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Text edits applied as an editor does (positions in UTF-16 units, lines at \\n, \\r\\n, \\r)."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]

    def offset(p: lsp.Position) -> int:
        start = starts[p.line] if p.line < len(starts) else len(text)
        i, units = start, 0
        while units < p.character and i < len(text) and text[i] not in "\r\n":
            units += 2 if ord(text[i]) > 0xFFFF else 1
            i += 1
        return i

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text


def position(text: str, offset: int) -> lsp.Position:
    """The LSP position of a code-point offset (not inside a CRLF)."""
    before = text[:offset]
    line = len(re.findall(r"\r\n|\n|\r", before))
    start = max((m.end() for m in re.finditer(r"\r\n|\n|\r", before)), default=0)
    return lsp.Position(line, len(before[start:].encode("utf-16-le")) // 2)


def range_change(old: str, new: str) -> lsp.TextDocumentContentChangePartial:
    """The one range edit from `old` to `new`, as an editor sends it (its ends never inside a CRLF)."""
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    s = 0
    while s < min(len(old), len(new)) - p and old[-1 - s] == new[-1 - s]:
        s += 1
    if 0 < p < len(old) and old[p - 1:p + 1] == "\r\n":
        p -= 1
    e = len(old) - s
    if 0 < e < len(old) and old[e - 1:e + 1] == "\r\n":
        e, s = e + 1, s - 1
    return lsp.TextDocumentContentChangePartial(lsp.Range(position(old, p), position(old, e)), new[p:len(new) - s])

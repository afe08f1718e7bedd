"""The server's code actions, applied as an editor applies them: each quick fix gives the bytes
the fix engine writes for its finding and removes it; fix-all gives `cxsmart lint --fix FILE`'s
bytes; unsafe fixes are offered only when the configuration allows them; "ignore this finding
here" silences exactly that finding."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from cxsmart.diagnostics import Fix
from cxsmart.fix.apply import apply
from tests.server_helpers import client, apply_edits, cli_json, make_workspace, until

__all__ = ["client"]                   # the fixture, imported
pytestmark = pytest.mark.asyncio(loop_scope="function")
FIX_ALL = "source.fixAll.cxsmart"


@pytest.fixture
def workspace(tmp_path) -> Path:
    return make_workspace(tmp_path / "ws", "bad", "good")



async def _opened(client: LanguageClient, path: Path) -> tuple[str, str]:
    uri, text = path.as_uri(), path.read_text(encoding="utf-8")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "yaml", 1, text)))
    await until(lambda: uri in client.diagnostics, 60, f"diagnostics of {path.name}")
    return uri, text


async def _actions(client, uri: str, d: dict, only=None) -> list[lsp.CodeAction]:
    where = lsp.Range(lsp.Position(d["line"] - 1, d["column"] - 1), lsp.Position(d["end_line"] - 1, d["end_column"] - 1))
    got = await client.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(uri), where, lsp.CodeActionContext(diagnostics=[], only=only)))
    return list(got or [])


def _findings(folder: Path, rel: str) -> list[tuple]:
    return [(d["code"], d["line"], d["column"], d["message"]) for d in cli_json(folder, rel)["diagnostics"]
            if d["path"] == rel]


async def test_each_quick_fix_is_the_fix_engine_bytes_and_removes_its_finding(client, workspace, tmp_path):
    rel = "bad/written-forms.yaml"
    uri, text = await _opened(client, workspace / rel)
    fixable = [d for d in cli_json(workspace, rel)["diagnostics"] if d["path"] == rel and d["fix"]]
    assert len(fixable) >= 3
    before = _findings(workspace, rel)
    for d in fixable:
        actions = [a for a in await _actions(client, uri, d) if a.title.startswith(d["code"]) and "ignore" not in a.title]
        assert len(actions) == 1, (d, [a.title for a in actions])
        assert actions[0].kind == lsp.CodeActionKind.QuickFix and actions[0].is_preferred
        after = apply_edits(text, actions[0].edit.changes[uri])
        assert after == apply(text, [Fix.from_json(d["fix"])])
        copy = tmp_path / "copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(workspace, copy)
        (copy / rel).write_text(after, encoding="utf-8")
        now = _findings(copy, rel)
        # its finding goes and none comes (the date-order notice goes with the last date that needed it)
        assert (d["code"], d["line"], d["column"], d["message"]) not in now and set(now) < set(before)


async def test_fix_all_is_the_bytes_lint_fix_writes(client, workspace, tmp_path):
    rel = "bad/written-forms.yaml"
    uri, text = await _opened(client, workspace / rel)
    actions = await _actions(client, uri, {"line": 1, "column": 1, "end_line": 1, "end_column": 1}, only=[FIX_ALL])
    assert [a.kind for a in actions] == [FIX_ALL]
    after = apply_edits(text, actions[0].edit.changes[uri])
    copy = tmp_path / "copy"
    shutil.copytree(workspace, copy)
    proc = subprocess.run([sys.executable, "-m", "cxsmart", "lint", "--fix", "--no-cache", rel], cwd=copy,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    fixed = (copy / rel).read_bytes()
    assert fixed != text.encode("utf-8") and after.encode("utf-8") == fixed


async def test_unsafe_fixes_only_when_the_configuration_allows_them(client, workspace):
    rel = "bad/workspace.yaml"
    uri, text = await _opened(client, workspace / rel)
    d = next(d for d in cli_json(workspace, rel)["diagnostics"] if d["path"] == rel and d["fix"])
    assert d["fix"]["applicability"] == "unsafe"
    titles = [a.title for a in await _actions(client, uri, d) if a.title.startswith(d["code"])]
    assert titles == [f"{d['code']}: ignore this finding here"]
    config = workspace / "cxsmart.toml"
    config.write_text(config.read_text() + "unsafe_fixes = true\n", encoding="utf-8")
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(config.as_uri())))

    found = []
    for _ in range(600):                    # until the configuration is read again
        found = [a for a in await _actions(client, uri, d) if "unsafe" in a.title]
        if found:
            break
        await asyncio.sleep(0.1)
    assert len(found) == 1 and not found[0].is_preferred
    assert apply_edits(text, found[0].edit.changes[uri]) == apply(text, [Fix.from_json(d["fix"])])


async def test_ignore_this_finding_here_silences_exactly_it(client, workspace, tmp_path):
    rel = "bad/workspace.yaml"
    uri, text = await _opened(client, workspace / rel)
    before = _findings(workspace, rel)
    d = next(d for d in cli_json(workspace, rel)["diagnostics"] if d["path"] == rel and d["code"] == "S001")
    action, = [a for a in await _actions(client, uri, d) if a.title == "S001: ignore this finding here"]
    after = apply_edits(text, action.edit.changes[uri])
    assert "# cxsmart: ignore[S001]" in after.splitlines()[d["line"] - 1]
    copy = tmp_path / "copy"
    shutil.copytree(workspace, copy)
    (copy / rel).write_text(after, encoding="utf-8")
    now = _findings(copy, rel)
    gone = [f for f in before if f not in now]
    assert [f[0] for f in gone] and {f[0] for f in gone} == {"S001"} and all(f[1] == d["line"] for f in gone)
    assert not [f for f in now if f[0] in ("F006", "F007")]

"""Random edit sequences, sent as fast as a person types (deletions mid-key, unclosed quotes,
tabs, pasted binary, line breaks of every kind), as whole texts or as ranges, never crash
`cxsmart server`, and after each sequence the findings it publishes for the file are the CLI's
on the same text.

One server serves every example (as an editor's does); hypothesis drives it from a sync test
through an event loop of the test's own."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig

from tests.server_helpers import SERVER, cli_json, expected, make_workspace, published, range_change, until

BASE = """goals:
  - id: fuzz-goal
    title: Increase CSAT for phone contacts from 74% to 79% by 30 June 2027
    owner: contact-centre
    parent: corp-nps-2027
    metric: csat
    baseline: 74%
    target: 79%
    deadline: 2027-06-30
    review: monthly
"""
PASTES = ['"', "'", "\t", ":", ": ", "- ", "\n", "\r\n", "\r", "  ", "{", "[", "]", "#", "&a", "*a", "!!", "%",
          "\x00", "\x01\x7f", "\ufffd", "é", "🙂", "\u2028", "\x0c", "\ufeff", "- id: x\n", "owner: nobody\n",
          "title: Improve customer centricity\n", "deadline: 31 February 2027\n", "<<: *a\n"]

edit = st.one_of(
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 12)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.one_of(st.sampled_from(PASTES), st.text(max_size=6))),
)


def _apply(text: str, op) -> str:
    kind, where, what = op
    at = int(where * len(text))
    if kind == "delete":
        return text[:at] + text[at + what:]
    return text[:at] + what.replace("\ud800", "") + text[at:]


class _Server:
    """One `cxsmart server` for the whole test, driven from sync code."""

    def __init__(self, folder: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.folder = folder
        self.client = self.run(self._start())
        self.version = 1

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    async def _start(self):
        client = await ClientServerConfig(server_command=SERVER).start()
        await client.initialize_session(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                             root_uri=self.folder.as_uri()))
        return client

    def close(self) -> None:
        try:
            self.run(self.client.shutdown_session())
            self.run(self.client.stop())
        finally:
            self.loop.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = make_workspace(tmp_path_factory.mktemp("edits") / "ws", "good")
    (folder / "good" / "goals" / "fuzz.yaml").write_text(BASE, encoding="utf-8")
    s = _Server(folder)
    uri = (folder / "good" / "goals" / "fuzz.yaml").as_uri()
    s.client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "yaml", 1, BASE)))
    yield s
    s.close()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(st.lists(st.tuples(edit, st.booleans()), min_size=1, max_size=8))
def test_random_edits_never_crash_and_end_with_the_cli_findings(server, edits):
    """Each edit sent as the whole text or, as editors do, as the range it changed."""
    path = server.folder / "good" / "goals" / "fuzz.yaml"
    uri = path.as_uri()
    text = BASE
    for op, ranged in [(("insert", 0.0, ""), False), *edits]:       # from the base text each time
        before, text = text, _apply(text, op)
        server.version += 1
        change = range_change(before, text) if ranged else lsp.TextDocumentContentChangeWholeDocument(text=text)
        server.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=server.version), [change]))
    path.write_bytes(text.encode("utf-8"))
    want = expected(server.folder, cli_json(server.folder, "good/goals/fuzz.yaml")).get(uri, [])

    async def settled():
        await until(lambda: published(server.client.diagnostics.get(uri, [])) == want, 60, "the CLI's findings")

    try:
        server.run(settled())
    finally:
        assert server.client.error is None, server.client.error
        assert not [m for m in server.client.messages if m.type == lsp.MessageType.Error], server.client.messages
    path.write_text(BASE, encoding="utf-8")

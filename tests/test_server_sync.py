"""Incremental text sync (server/sync.py, positions.replaced): a range a client sends is applied
where the client counts it (lines at CRLF, LF or CR only; UTF-16 characters), and the findings
published after range edits are the CLI's on the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types as lsp

from cxsmart.server.positions import replaced
from tests.server_helpers import (apply_edits, cli_json, client, expected, make_workspace, published, range_change,
                                  until)

__all__ = ["client"]                   # the fixture, imported


@pytest.mark.parametrize("text, start, end, new, want", [
    ("ab\r\ncd\nef", (1, 1), (1, 2), "X", "ab\r\ncX\nef"),
    ("a\u2028b\nc", (1, 0), (1, 1), "X", "a\u2028b\nX"),            # U+2028 ends no line
    ("a\x0cb\x85c\nd", (0, 4), (1, 0), "", "a\x0cb\x85d"),          # nor a form feed, nor NEL
    ("a\rb\rc", (2, 0), (2, 1), "X", "a\rb\rX"),                    # a lone CR does
    ("🙂x\ny", (0, 2), (0, 3), "Y", "🙂Y\ny"),                      # two UTF-16 units
    ("ab\ncd", (0, 9), (1, 1), "-", "ab-d"),                        # past a line's end: its end
    ("ab\ncd", (7, 0), (9, 3), "!", "ab\ncd!"),                     # past the last line: the end
    ("ab\ncd", (1, 1), (0, 1), "", "ad"),                           # backwards: read forwards
    ("", (0, 0), (0, 0), "goals:\n", "goals:\n"),
    ("\ufeffab", (0, 1), (0, 2), "X", "\ufeffXb"),                  # a BOM the client sent is a character
])
def test_a_range_is_replaced_where_the_client_counts_it(text, start, end, new, want):
    assert replaced(text, start, end, new) == want


LINE_BREAKING = st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x0c", "\x85", "🙂", "é", "a", " ", ":", "\t"])


@given(st.lists(LINE_BREAKING, max_size=30).map("".join), st.integers(0, 8), st.integers(0, 12),
       st.integers(0, 8), st.integers(0, 12), st.text(max_size=4))
def test_any_range_is_replaced_as_an_editor_applies_it(text, l1, c1, l2, c2, new):
    """The same as the tests' own LSP edit (server_helpers.apply_edits), positions in or out of range."""
    (l1, c1), (l2, c2) = sorted(((l1, c1), (l2, c2)))
    edit = lsp.TextEdit(lsp.Range(lsp.Position(l1, c1), lsp.Position(l2, c2)), new)
    assert replaced(text, (l1, c1), (l2, c2), new) == apply_edits(text, [edit])


@pytest.fixture
def workspace(tmp_path) -> Path:
    return make_workspace(tmp_path / "ws", "good")


@pytest.mark.asyncio(loop_scope="function")
async def test_range_edits_in_several_places_end_with_the_cli_findings(client, workspace):
    """Edits sent as ranges, one message holding several, around a U+2028 and a form feed (where
    pygls's own lines would misplace them) and across lines: after each, the findings are the
    CLI's on the text the edits make."""
    path = workspace / "good" / "goals" / "contact-centre.yaml"
    text = path.read_text(encoding="utf-8").replace("# Contact Centre team goals", "# Contact\u2028Centre\x0cgoals")
    text = text.replace("owner: contact-centre", "owner: nobody-here", 1)     # a finding (F004)
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "yaml", 1, text)))
    steps = [
        [("review: monthly", "review: fortnightly")],
        [("from 71% to 76%", "from 71 to 76"), ("Increase contact-centre CSAT", "Improve customer centricity")],
        [("    review: fortnightly\n    actions:\n", "    review: weekly\n    actions:\n")],     # across lines
        [("metric: fcr", "metric: nps"), ("metric: nps", "metric: fcr")],        # the second on the first's text
        [("owner: nobody-here", "owner: contact-centre"), ("Contact\u2028Centre", "Contact Centre")],
    ]
    for version, step in enumerate(steps, start=2):
        changes = []
        for old, new in step:
            assert old in text, old
            after = text.replace(old, new, 1)
            changes.append(range_change(text, after))
            text = after
        await until(lambda: uri in client.diagnostics, 60, "the findings before the edit")
        del client.diagnostics[uri]                 # the server publishes the edited file after each edit
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), changes))
        path.write_text(text, encoding="utf-8")
        want = expected(workspace, cli_json(workspace)).get(uri, [])
        await until(lambda: uri in client.diagnostics and published(client.diagnostics[uri]) == want, 60,
                    f"the CLI's findings, step {version}")
    assert client.error is None

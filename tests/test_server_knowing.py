"""Hover, definition, references, completion and document symbols of `cxsmart server` on the
multi-file workspace of examples/good (objectives, owners and team files that name each other)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.server_helpers import client, make_workspace, until

__all__ = ["client"]                   # the fixture, imported
pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest.fixture
def workspace(tmp_path) -> Path:
    return make_workspace(tmp_path / "ws", "good")



async def _open(client: LanguageClient, path: Path, text: str | None = None) -> tuple[str, list[str]]:
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "yaml", 1, text)))
    await until(lambda: uri in client.diagnostics, 60, f"diagnostics of {path.name}")
    return uri, text.splitlines()


def _at(lines: list[str], line_text: str, word: str) -> lsp.Position:
    """The position of `word` on the first line that contains `line_text`."""
    n = next(i for i, line in enumerate(lines) if line_text in line)
    return lsp.Position(n, lines[n].index(word, lines[n].index(line_text)) + 1)


async def test_definition_and_references_of_ids_across_files(client, workspace):
    uri, lines = await _open(client, workspace / "good" / "goals" / "contact-centre.yaml")
    doc = lsp.TextDocumentIdentifier(uri)
    where = await client.text_document_definition_async(lsp.DefinitionParams(doc, _at(lines, "owner: contact-centre", "contact-centre")))
    owners = (workspace / "good" / "owners.yaml")
    owner_line = owners.read_text().splitlines().index("  - id: contact-centre")
    assert [(w.uri, w.range.start.line, w.range.start.character) for w in where] == [(owners.as_uri(), owner_line, 8)]
    refs = await client.text_document_references_async(lsp.ReferenceParams(
        text_document=doc, position=_at(lines, "parent: corp-nps-2027", "corp-nps"),
        context=lsp.ReferenceContext(include_declaration=True)))
    files = sorted({Path(r.uri).name for r in refs})
    assert files == ["contact-centre.yaml", "corporate.yaml", "digital.yaml"]
    text = "".join((workspace / "good" / "goals" / f).read_text() for f in ("contact-centre.yaml", "corporate.yaml", "digital.yaml"))
    assert len(refs) == text.count("parent: corp-nps-2027") + text.count("paired_with: corp-nps-2027") + 1
    where = await client.text_document_definition_async(lsp.DefinitionParams(doc, _at(lines, "parent: corp-churn-2027", "corp")))
    corporate = (workspace / "good" / "goals" / "corporate.yaml").read_text().splitlines()
    assert [(Path(w.uri).name, w.range.start.line) for w in where] == \
        [("corporate.yaml", corporate.index("  - id: corp-churn-2027"))]


async def test_hover_shows_a_metric_an_owner_and_a_finding_s_rule_page(client, workspace):
    uri, lines = await _open(client, workspace / "good" / "goals" / "contact-centre.yaml")
    doc = lsp.TextDocumentIdentifier(uri)
    hover = await client.text_document_hover_async(lsp.HoverParams(doc, _at(lines, "metric: fcr", "fcr")))
    text = hover.contents.value
    assert text.startswith("**fcr**") and "unit: percent" in text and "better: higher" in text
    assert "controlled by: contact-centre, amina" in text
    hover = await client.text_document_hover_async(lsp.HoverParams(doc, _at(lines, "owner: contact-centre", "contact")))
    assert "**owner contact-centre** (Contact Centre)" in hover.contents.value and "owners.yaml" in hover.contents.value
    vague = "goals:\n  - id: v1\n    title: Improve customer centricity\n"
    path = workspace / "good" / "goals" / "vague.yaml"
    path.write_text(vague, encoding="utf-8")
    uri, lines = await _open(client, path, vague)
    await until(lambda: any(d.code == "S001" for d in client.diagnostics.get(uri, [])), 60, "S001")
    hover = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri),
                                                                   _at(lines, "centricity", "centricity")))
    assert "S001 vague-wording" in hover.contents.value and "## What it finds" in hover.contents.value


async def test_completion_offers_owners_where_an_owner_goes_and_controlled_metrics_first(client, workspace):
    text = "goals:\n  - id: new-goal\n    title: Raise CSAT\n    owner: amina\n    metric: \n    review: \n    own"
    path = workspace / "good" / "goals" / "new.yaml"
    path.write_text(text, encoding="utf-8")
    uri, lines = await _open(client, path, text)
    doc = lsp.TextDocumentIdentifier(uri)

    async def labels(line: int, character: int, by_sort: bool = False) -> list[str]:
        got = await client.text_document_completion_async(lsp.CompletionParams(doc, lsp.Position(line, character)))
        items = got.items if hasattr(got, "items") else got
        if by_sort:
            items = sorted(items, key=lambda i: i.sort_text or i.label)
        return [i.label for i in items]

    owners = await labels(3, len("    owner: "))
    assert sorted(owners) == ["amina", "contact-centre", "coo", "cx-office", "digital"]
    metrics = await labels(4, len("    metric: "), by_sort=True)
    assert metrics[:3] == ["csat", "fcr", "survey_response_rate"] and "nps" in metrics[3:]
    assert await labels(5, len("    review: ")) == ["weekly", "biweekly", "fortnightly", "monthly", "bi-monthly",
                                                   "quarterly", "half-yearly", "annually", "per survey wave"]
    keys = await labels(6, len("    own"))
    assert "owner" in keys and "deadline" in keys and "controls" not in keys


async def test_document_symbols_nest_goals_under_their_parent(client, workspace):
    uri, _ = await _open(client, workspace / "good" / "goals" / "contact-centre.yaml")
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(lsp.TextDocumentIdentifier(uri)))

    def tree(items):
        return {s.name: tree(s.children or []) for s in items}

    shape = tree(symbols)
    assert "cc-fcr-2027" in shape and "cc-survey-2027" in shape
    text = (workspace / "good" / "goals" / "contact-centre.yaml").read_text()
    child = text.split("parent: cc-fcr-2027")[0].rsplit("- id: ", 1)[1].split()[0]
    assert child in shape["cc-fcr-2027"] and child not in shape

"""`cxsmart server` driven over stdio by pytest-lsp: the diagnostics it publishes are the
CLI's JSON findings on the same text, on open, change and save, across files."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.server_helpers import client, cli_json, expected, make_workspace, published, until

__all__ = ["client"]                   # the fixture, imported
pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest.fixture
def workspace(tmp_path) -> Path:
    return make_workspace(tmp_path / "ws", "bad", "good")



def _matches(client: LanguageClient, want: dict[str, list[tuple]], uris) -> bool:
    return all(uri in client.diagnostics and published(client.diagnostics[uri]) == want.get(uri, []) for uri in uris)


async def _settled(client: LanguageClient, folder: Path, what: str, timeout: float = 90.0) -> dict:
    """Wait until every file's published findings are the CLI's on the folder as it is on disk."""
    doc = cli_json(folder)
    want = expected(folder, doc)
    uris = {(folder / p).resolve().as_uri() for p in {d["path"] for d in doc["diagnostics"]}} | set(want)
    try:
        await until(lambda: _matches(client, want, uris), timeout, what)
    except AssertionError:
        for uri in sorted(uris):            # show the first difference
            got = published(client.diagnostics.get(uri, []))
            assert got == want.get(uri, []), uri
        raise
    return want


def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=path.read_text(encoding="utf-8") if text is None else text)))
    return uri


def _replace_all(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangeWholeDocument(text=text)]))


async def test_the_workspace_findings_are_the_cli_json_with_a_page_link_and_progress(client, workspace):
    want = await _settled(client, workspace, "the first workspace lint")
    assert sum(len(v) for v in want.values()) > 40                  # examples/bad has most rules
    bad = (workspace / "bad" / "broken.yaml").as_uri()
    first = client.diagnostics[bad][0]
    assert first.code == "F001" and first.source == "cxsmart"
    assert first.code_description.href.startswith("file://") and first.code_description.href.endswith("/F001.md")
    page = Path(first.code_description.href.removeprefix("file://")).read_text(encoding="utf-8")
    assert page.startswith("F001 yaml-syntax")
    clean = [u for u in client.diagnostics if u not in want]
    assert clean and all(list(client.diagnostics[u]) == [] for u in clean)    # files with none are published empty
    (token, reports), = client.progress_reports.items()
    goals = cli_json(workspace)["goals"]
    assert reports[0].kind == "begin" and reports[0].title == f"Linting {goals} goals"     # the real count
    assert reports[-1].kind == "end" and reports[-1].message.startswith(f"{goals} goals in ")


async def test_an_edit_is_linted_as_typed_and_republishes_the_files_that_depend_on_it(client, workspace):
    await _settled(client, workspace, "the first workspace lint")
    objectives = workspace / "good" / "objectives.yaml"
    uri = _open(client, objectives)
    text = objectives.read_text(encoding="utf-8")
    renamed = text.replace("id: grow-retention", "id: grow-retention-2027")
    assert renamed != text
    _replace_all(client, uri, renamed, 2)
    objectives.write_text(renamed, encoding="utf-8")                # the CLI reads the same text from disk
    want = await _settled(client, workspace, "findings after renaming an objective")
    f004 = [u for u, found in want.items() if any(f[0] == "F004" and "grow-retention" in f[2] for f in found)]
    assert f004 and uri not in f004                                 # other files now name nothing
    objectives.write_text(text, encoding="utf-8")
    _replace_all(client, uri, text, 3)
    await _settled(client, workspace, "findings after the rename is undone")


async def test_text_that_does_not_parse_is_f001_at_its_place_and_the_rest_stays(client, workspace):
    await _settled(client, workspace, "the first workspace lint")
    owners = workspace / "good" / "owners.yaml"
    before = {u: list(d) for u, d in client.diagnostics.items()}
    assert any(before.values())
    uri = _open(client, owners)
    broken = owners.read_text(encoding="utf-8") + 'extra: "unclosed\n'
    _replace_all(client, uri, broken, 2)
    await until(lambda: [d.code for d in client.diagnostics.get(uri, [])] == ["F001"], 60, "F001 on the broken file")
    f001 = client.diagnostics[uri][0]
    owners.write_text(broken, encoding="utf-8")
    cli = [d for d in cli_json(workspace, "good/owners.yaml")["diagnostics"] if d["path"] == "good/owners.yaml"]
    assert [(d["code"], d["line"] - 1, d["column"] - 1) for d in cli] == \
        [("F001", f001.range.start.line, f001.range.start.character)]
    others = {u: list(d) for u, d in client.diagnostics.items() if u != uri}
    assert others == {u: d for u, d in before.items() if u != uri}  # owners gone would be F004 everywhere


async def test_saving_the_configuration_reloads_it(client, workspace):
    await _settled(client, workspace, "the first workspace lint")
    config = workspace / "cxsmart.toml"
    config.write_text(config.read_text() + 'ignore = ["S", "T003"]\n', encoding="utf-8")
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(config.as_uri())))
    want = await _settled(client, workspace, "findings after the configuration changed")
    assert not any(f[0].startswith("S") for found in want.values() for f in found)


async def test_columns_are_utf16_units_as_lsp_counts_them(client, workspace):
    await _settled(client, workspace, "the first workspace lint")
    path = workspace / "good" / "emoji.yaml"
    text = "goals:\n  - id: e1\n    title: \"🙂🙂 Improve customer centricity\"\n"
    path.write_text(text, encoding="utf-8")
    uri = _open(client, path, text)
    await until(lambda: any(d.code == "S001" for d in client.diagnostics.get(uri, [])), 60, "S001")
    s001 = next(d for d in client.diagnostics[uri] if d.code == "S001")
    cli = next(d for d in cli_json(workspace, "good/emoji.yaml")["diagnostics"] if d["code"] == "S001")
    line = text.splitlines()[cli["line"] - 1]
    assert s001.range.start.character == len(line[:cli["column"] - 1].encode("utf-16-le")) // 2
    assert s001.range.start.character == cli["column"] - 1 + 2     # two astral characters: two units more


METRICS = """metrics:
  - id: callback_rate
    name: callback rate
    unit: "%"
    better: lower
"""
CALLBACKS = """
  - id: cc-callback-2027
    title: Reduce the callback rate on billing calls from 9% to 7% by 30 June 2027
    parent: corp-churn-2027
    owner: contact-centre
    metric: callback_rate
    baseline: 9%
    target: 7%
    start: 2027-01-01
    deadline: 2027-06-30
    review: monthly
"""


async def test_each_edit_ends_with_the_cli_findings_in_every_file(client, workspace):
    """Edits one after another in a multi-file workspace (prose, a value no prose holds, a parent's
    deadline, an owner's controls, a shared metric's unit): after each, every goal file's findings
    are the CLI's on the same text, the files that depend on the edited one included."""
    good = workspace / "good"
    (good / "metrics.yaml").write_text(METRICS, encoding="utf-8")
    team = good / "goals" / "contact-centre.yaml"
    team.write_text(team.read_text(encoding="utf-8") + CALLBACKS, encoding="utf-8")
    files = sorted(workspace.rglob("*.yaml"))
    await _settled_everywhere(client, workspace, files, "the first workspace lint")
    versions: dict[Path, int] = {}

    async def edit(path: Path, old: str, new: str, what: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, (path, old)
        text = text.replace(old, new, 1)
        if path not in versions:
            _open(client, path)
            versions[path] = 1
        versions[path] += 1
        _replace_all(client, path.as_uri(), text, versions[path])
        path.write_text(text, encoding="utf-8")
        await _settled_everywhere(client, workspace, files, what)

    corporate = good / "goals" / "corporate.yaml"
    await edit(team, "Increase first contact resolution from", "Improve customer centricity and first contact "
               "resolution from", "a title")
    await edit(team, "review: monthly", "review: fortnightly", "a value no sentence holds")
    deadline = next(line for line in corporate.read_text(encoding="utf-8").splitlines() if "deadline:" in line)
    await edit(corporate, deadline, deadline.split(":")[0] + ": 2027-03-31", "a parent goal's deadline")
    await edit(good / "owners.yaml", "controls: [aht, fcr, csat,", "controls: [aht, fcr,", "an owner's controls")
    await edit(good / "metrics.yaml", 'unit: "%"', "unit: calls", "a shared metric's unit")
    await edit(good / "owners.yaml", "id: digital", "id: digital-channels", "an owner's id")
    await edit(team, "Improve customer centricity and first contact resolution from", "Increase first contact "
               "resolution from", "the title back")


async def _settled_everywhere(client: LanguageClient, folder: Path, files: list[Path], what: str) -> None:
    """Every file's published findings (none published counts as none) are the CLI's."""
    want = expected(folder, cli_json(folder))

    def matches() -> bool:
        return all(published(client.diagnostics.get(f.resolve().as_uri(), [])) == want.get(f.resolve().as_uri(), [])
                   for f in files)

    try:
        await until(matches, 90, what)
    except AssertionError:
        for f in files:
            uri = f.resolve().as_uri()
            assert published(client.diagnostics.get(uri, [])) == want.get(uri, []), (what, f.name)
        raise

"""The workspace boundary (issue 17, item 8): the workspace is the nearest folder above the named
files that holds a cxsmart configuration (`cxsmart.toml`, or `[tool.cxsmart]` in
`pyproject.toml`); without one, the git repository. Nothing outside it is read, and every
command (lint, --fix, report, tree) draws the same boundary.

The fixture is a monorepo: a goals folder with its own cxsmart.toml, and beside it folders whose
YAML would change the goals folder's findings if it were read: an objective with the goals'
misspelt id (the F004 would go), the same objective, owner and goal ids again (F003), and more
goals for one owner (A003)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_workspace_default import CARE, DIGITAL, OBJECTIVES, OWNERS, goal, write

PINNED = ["--today", "2026-11-23", "--no-cache"]

GOALS_FOLDER = {
    "cxsmart.toml": 'include = ["**/*.yaml"]\n',
    "objectives.yaml": OBJECTIVES,
    "owners.yaml": OWNERS,
    "teams/care.yaml": CARE,
    "teams/digital.yaml": DIGITAL.replace("    deadline: 2027-06-30\n", "    deadline: 30/06/2027\n", 1),  # T010, fixable
}
CONFLICTING = {
    "apps/fixtures/objectives.yaml": "objectives:\n  - {id: grow-retention, title: A fixture's objective, kpi: nps}\n"
                                "  - {id: grow-retension, title: A fixture's misspelt objective, kpi: nps}\n",
    "apps/fixtures/owners.yaml": "owners:\n  - {id: contact-centre, controls: [nps]}\n",
    "apps/api/test-goals.yaml": "goals:\n" + "".join(goal(f"fx-{i}", "csat", "70%", "75%") for i in range(6))
                                + goal("cc-fcr", "fcr", "50%", "60%", extra="    paired_with: dg-csat\n"),
}


@pytest.fixture
def monorepo(tmp_path):
    repo = tmp_path / "monorepo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "cx-goals", GOALS_FOLDER)
    write(repo, CONFLICTING)
    alone = tmp_path / "alone"
    write(alone / "cx-goals", GOALS_FOLDER)
    return repo, alone


def run_in(run_cli, monkeypatch, folder: Path, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    return run_cli(*args)


def test_the_conflicting_folders_would_change_the_findings(run_cli, monkeypatch, monorepo):
    """The fixture is a real test: read with the rest of the repository, the goals' findings differ."""
    repo, _ = monorepo
    (repo / "cx-goals" / "cxsmart.toml").unlink()
    code, out, err = run_in(run_cli, monkeypatch, repo, "lint", "--format", "json", *PINNED, "cx-goals")
    found = {(d["code"], d["goal"]) for d in json.loads(out)["diagnostics"]}
    assert ("F003", "cc-fcr") in found                       # the fixture's cc-fcr comes first in the repository
    assert any(d["code"] == "F003" and "objective id 'grow-retention'" in d["message"]
               for d in json.loads(out)["diagnostics"])      # the fixture's objective comes first too
    assert ("F004", "cc-typo") not in found                  # the fixture defines the misspelt objective


@pytest.mark.parametrize("command", [
    ["lint", "--format", "json"], ["lint", "--format", "markdown"], ["lint", "--statistics"],
    ["report", "--format", "markdown", "-o", "-"], ["tree", "--color", "never"], ["lint", "--diff"],
])
@pytest.mark.parametrize("named", [["cx-goals"], ["cx-goals/teams/care.yaml"], ["cx-goals/teams"]])
def test_a_goals_folder_with_its_own_configuration_lints_as_the_folder_alone(run_cli, monkeypatch, monorepo,
                                                                              command, named):
    repo, alone = monorepo
    in_repo = run_in(run_cli, monkeypatch, repo, *command, *PINNED, *named)
    by_itself = run_in(run_cli, monkeypatch, alone, *command, *PINNED, *named)
    assert in_repo == by_itself and in_repo[0] in (0, 1)
    if command[-1] == "json":
        found = {(d["code"], d["goal"]) for d in json.loads(in_repo[1])["diagnostics"]}
        assert ("F003", "cc-fcr") not in found
        assert ("F004", "cc-typo") in found


def test_from_inside_the_goals_folder_the_findings_are_the_same(run_cli, monkeypatch, monorepo):
    repo, _ = monorepo
    _, outside, _ = run_in(run_cli, monkeypatch, repo, "lint", "--format", "json", *PINNED, "cx-goals")
    _, inside, _ = run_in(run_cli, monkeypatch, repo / "cx-goals", "lint", "--format", "json", *PINNED)
    assert outside.replace("cx-goals/", "") == inside and json.loads(inside)["diagnostics"]


def test_fix_touches_and_counts_only_the_goals_folder(run_cli, monkeypatch, monorepo):
    repo, alone = monorepo
    fixed = run_in(run_cli, monkeypatch, repo, "lint", "--fix", *PINNED, "cx-goals")
    expected = run_in(run_cli, monkeypatch, alone, "lint", "--fix", *PINNED, "cx-goals")
    assert fixed == expected and "Fixed 1 finding" in fixed[1]
    assert (repo / "cx-goals/teams/digital.yaml").read_bytes() == (alone / "cx-goals/teams/digital.yaml").read_bytes()
    assert all((repo / name).read_text(encoding="utf-8") == text for name, text in CONFLICTING.items())


def test_the_html_report_reads_only_the_goals_folder(run_cli, monkeypatch, monorepo):
    repo, alone = monorepo
    pages = []
    for top in (repo, alone):
        code, _, err = run_in(run_cli, monkeypatch, top, "report", *PINNED, "cx-goals", "-o", "r.html")
        assert code == 0, err
        pages.append((top / "r.html").read_text(encoding="utf-8"))
    assert pages[0] == pages[1] and "fx-0" not in pages[0]


def test_files_in_two_workspaces_are_refused_in_plain_words(run_cli, monkeypatch, monorepo):
    repo, _ = monorepo
    code, out, err = run_in(run_cli, monkeypatch, repo, "lint", *PINNED, "cx-goals/teams/care.yaml",
                            "apps/api/test-goals.yaml")
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.strip() == (
        "cxsmart: cx-goals/teams/care.yaml and apps/api/test-goals.yaml are in different workspaces "
        "(cx-goals/cxsmart.toml configures the first; the second has no cxsmart configuration above it): "
        "cxsmart reads one workspace a run, so lint each in a run of its own, or name one configuration "
        "for both with --config")
    for command in (["report", "-o", "-"], ["tree"], ["lint", "--fix"]):
        again = run_in(run_cli, monkeypatch, repo, *command, *PINNED, "cx-goals/teams/care.yaml",
                       "apps/api/test-goals.yaml")
        assert again[0] == 2 and "are in different workspaces" in again[2]
    assert CARE == (repo / "cx-goals/teams/care.yaml").read_text(encoding="utf-8")


def test_outside_the_goals_folder_the_git_repository_is_the_workspace_without_it(run_cli, monkeypatch, monorepo):
    """A file outside the goals folder is in the repository's workspace, and the goals folder,
    which has a configuration of its own, is not part of it: the fixture's paired_with names a
    goal of the goals folder, and is unknown there as with --isolated."""
    repo, _ = monorepo
    for isolated in ([], ["--isolated"]):
        code, out, err = run_in(run_cli, monkeypatch, repo, "lint", "--format", "json", *PINNED, "--select", "F004",
                                *isolated, "apps/api/test-goals.yaml")
        found = json.loads(out)["diagnostics"]
        assert [(d["code"], d["goal"]) for d in found if "dg-csat" in d["message"]] == [("F004", "cc-fcr")]
        assert "cx-goals" not in err                          # a named file's surroundings: nothing to say


@pytest.mark.parametrize("named", [[], ["."]])
def test_a_walk_from_above_leaves_a_configured_folder_out_and_says_so(run_cli, monkeypatch, monorepo, named):
    repo, _ = monorepo
    code, out, err = run_in(run_cli, monkeypatch, repo, "lint", "--format", "json", *PINNED, *named)
    paths = {d["path"] for d in json.loads(out)["diagnostics"]}
    assert paths and not [p for p in paths if p.startswith("cx-goals/")]
    assert err.splitlines() == [
        "cxsmart: warning: cx-goals/ is not read: it has a cxsmart configuration of its own, which makes it a "
        "workspace of its own; lint it in a run of its own"]
    again = run_in(run_cli, monkeypatch, repo, "lint", "--format", "json", "--today", "2026-11-23", *named)
    again = run_in(run_cli, monkeypatch, repo, "lint", "--format", "json", "--today", "2026-11-23", *named)
    assert again[2] == err and again[1] == out              # the same from the cache


@pytest.mark.parametrize("command", [["report", "--format", "markdown", "-o", "-"], ["tree", "--color", "never"]])
def test_report_and_tree_take_isolated_as_lint_does(run_cli, monkeypatch, monorepo, command):
    _, alone = monorepo
    monkeypatch.chdir(alone)
    isolated = run_cli(*command, *PINNED, "--isolated", "cx-goals/teams/care.yaml")
    linked = run_cli(*command, *PINNED, "cx-goals/teams/care.yaml")
    assert isolated[0] == linked[0] == 0 and isolated[1] != linked[1]
    code, out, _ = run_cli("lint", "--format", "json", *PINNED, "--isolated", "cx-goals/teams/care.yaml")
    unknown = sum(d["code"] == "F004" for d in json.loads(out)["diagnostics"])
    assert unknown > 1                                       # alone, its owners and objective are unknown
    if command[0] == "report":
        assert "F004" in isolated[1] and isolated[1].count("F004") > linked[1].count("F004")


def test_a_configuration_in_pyproject_bounds_the_workspace_too(run_cli, monkeypatch, monorepo):
    repo, alone = monorepo
    for top in (repo, alone):
        (top / "cx-goals/cxsmart.toml").unlink()
        write(top / "cx-goals", {"pyproject.toml": '[project]\nname = "goals"\n\n[tool.cxsmart]\ninclude = ["**/*.yaml"]\n'})
    args = ("lint", "--format", "json", *PINNED, "cx-goals")
    assert run_in(run_cli, monkeypatch, repo, *args) == run_in(run_cli, monkeypatch, alone, *args)



@pytest.mark.parametrize("include,said", [('["apps/**/*.yaml"]', False), ('["**/*.yaml"]', True)])
def test_a_configured_folder_is_mentioned_only_where_include_would_read_it(run_cli, monkeypatch, monorepo,
                                                                             include, said):
    repo, _ = monorepo
    write(repo, {"cxsmart.toml": f"include = {include}\n"})
    code, out, err = run_in(run_cli, monkeypatch, repo, "lint", "--format", "json", *PINNED)
    assert not [d for d in json.loads(out)["diagnostics"] if d["path"].startswith("cx-goals/")]
    assert ("cx-goals/ is not read" in err) is said

"""Named files are linted in their workspace by default (issue 9): references, duplicate ids
and counts see every file of the workspace, but only the named files are reported on.

The workspace is the configuration's files; without a configuration file, the YAML files of
the git repository the named files live in, else of their folder. `--isolated` reads only the
named files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxsmart.api.files import may_define
from cxsmart.read.discovery import git_toplevel, workspace_roots

PINNED = ["--today", "2026-11-23"]
ROOT = Path(__file__).resolve().parents[1]

OBJECTIVES = """\
objectives:
  - {id: grow-retention, title: Grow revenue by reducing churn, kpi: churn_rate}
"""
OWNERS = """\
owners:
  - {id: contact-centre, controls: [fcr, csat, aht]}
  - {id: digital, controls: [csat, app_rating]}
"""


def goal(ident: str, metric: str, base: str, target: str, owner: str = "contact-centre", extra: str = "") -> str:
    return (f"  - id: {ident}\n"
            f"    title: Increase {metric} for segment {ident} from {base} to {target} by 30 June 2027\n"
            f"    objective: grow-retention\n    owner: {owner}\n    metric: {metric}\n"
            f"    baseline: {base}\n    target: {target}\n    start: 2027-01-01\n    deadline: 2027-06-30\n"
            f"    review: monthly\n{extra}")


# Three of contact-centre's goals due in Q2 2027 here and three in digital.yaml: six, one more
# than A003's default maximum, so the sixth (dg-fcr, in digital.yaml, the later file) is reported.
CARE = "goals:\n" + "".join([
    goal("cc-fcr", "fcr", "71%", "76%", extra="    paired_with: dg-csat\n"),     # pairs with a goal in digital.yaml
    goal("cc-csat", "csat", "74%", "78%"),
    goal("shared-id", "csat", "70%", "72%"),                                      # digital.yaml reuses this id
    "  - id: cc-child\n    title: Raise CSAT on the phone line from 70% to 75% by 31 December 2027\n"
    "    parent: dg-csat\n    owner: digital\n    metric: csat\n    baseline: 70%\n    target: 75%\n"
    "    deadline: 2027-12-31\n    review: monthly\n",                             # outlives its parent (T005)
    "  - id: cc-typo\n    title: Raise CSAT on chat from 70% to 75% by 30 June 2027\n    objective: grow-retension\n"
    "    owner: digital\n    metric: csat\n    baseline: 70%\n    target: 75%\n    deadline: 2027-06-30\n"
    "    review: monthly\n",                                                       # F004 with a did-you-mean
])
DIGITAL = "goals:\n" + "".join([
    goal("dg-csat", "csat", "70%", "75%", owner="digital"),
    goal("shared-id", "csat", "60%", "62%"),                                      # F003: care.yaml has it first
    goal("dg-aht", "aht", "7 min", "6.5 min", extra="    paired_with: cc-csat\n"),
    goal("dg-fcr", "fcr", "60%", "64%", extra="    paired_with: cc-csat\n"),
])
BROKEN = "goals:\n  - title: Increase CSAT: from 72% to 80%\n"


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def lint(run_cli, *args: str) -> tuple[int, list[dict], dict]:
    code, out, err = run_cli("lint", "--format", "json", *PINNED, *args)
    assert code in (0, 1), err
    doc = json.loads(out)
    return code, doc["diagnostics"], doc


def about(diagnostics: list[dict], path: str) -> list[dict]:
    return [d for d in diagnostics if d["path"] == path]


@pytest.fixture
def repo(tmp_path):
    write(tmp_path, {"cxsmart.toml": 'include = ["goals/**/*.yaml"]\n', "goals/objectives.yaml": OBJECTIVES,
                     "goals/owners.yaml": OWNERS, "goals/teams/care.yaml": CARE,
                     "goals/teams/digital.yaml": DIGITAL, "goals/teams/broken.yaml": BROKEN})
    return tmp_path


@pytest.mark.parametrize("named", ["goals/teams/care.yaml", "goals/teams/digital.yaml"])
def test_one_file_gives_exactly_the_findings_of_the_whole_repository(run_cli, repo, named):
    _, everything, _ = lint(run_cli, "--no-cache")
    code, alone, doc = lint(run_cli, "--no-cache", named)
    assert alone == about(everything, named) and alone
    assert {d["path"] for d in alone} == {named}
    assert doc["files"] == 1
    _, cached, _ = lint(run_cli, named)                          # the same through the cache, cold then warm
    assert cached == alone and lint(run_cli, named)[1] == alone


def test_cross_file_findings_land_in_the_named_file_only(run_cli, repo):
    _, care, _ = lint(run_cli, "goals/teams/care.yaml")
    codes = {(d["code"], d["goal"]) for d in care}
    assert ("T005", "cc-child") in codes                          # its parent is in digital.yaml
    assert [d["message"] for d in care if d["code"] == "F004"] == [
        "objective 'grow-retension' names no objective defined in the workspace (did you mean 'grow-retention'?)"]
    assert not {c for c, _ in codes} & {"F001", "F003", "A003"}  # the sibling's duplicate, the sibling's sixth goal
    code, digital, _ = lint(run_cli, "goals/teams/digital.yaml")
    f003 = [d for d in digital if d["code"] == "F003"]
    line = CARE.splitlines().index("  - id: shared-id") + 1
    assert [(d["goal"], d["message"]) for d in f003] == [
        ("shared-id", f"goal id 'shared-id' is already used (goals/teams/care.yaml line {line})")]
    a003 = [d for d in digital if d["code"] == "A003"]
    assert [(d["goal"], d["message"].split(",")[0]) for d in a003] == [
        ("dg-fcr", "owner 'contact-centre' holds 6 goals due in Q2 2027")]          # counted over both files
    assert not [d for d in digital if d["code"] == "F004"] and code == 1


def test_a_broken_sibling_neither_shows_nor_fails_the_run(run_cli, repo):
    write(repo, {"goals/teams/clean.yaml": "goals:\n" + goal("cl-csat", "csat", "80%", "84%", owner="digital")})
    code, found, _ = lint(run_cli, "goals/teams/clean.yaml")
    assert code == 0 and found == []
    code, found, _ = lint(run_cli)
    assert code == 1 and ("goals/teams/broken.yaml", "F001") in {(d["path"], d["code"]) for d in found}


def test_isolated_reads_only_the_named_file(run_cli, repo):
    code, found, _ = lint(run_cli, "--isolated", "goals/teams/care.yaml")
    refs = [(d["goal"], d["line"], d["column"]) for d in found if d["code"] == "F004"]
    lines = CARE.splitlines()
    first = [(lines.index(text) + 1, lines[lines.index(text)].index(":") + 3)        # cc-fcr is the first goal
             for text in ("    objective: grow-retention", "    owner: contact-centre", "    paired_with: dg-csat")]
    assert [(line, col) for g, line, col in refs if g == "cc-fcr"] == first
    assert {g for g, _, _ in refs} == {"cc-fcr", "cc-csat", "shared-id", "cc-child", "cc-typo"}
    assert code == 1 and {d["path"] for d in found} == {"goals/teams/care.yaml"}
    code, found, _ = lint(run_cli, "--isolated", "--select", "F004", "goals/teams/care.yaml", "goals/owners.yaml",
                          "goals/objectives.yaml", "goals/teams/digital.yaml")
    assert [(d["goal"], d["line"]) for d in found] == [("cc-typo", lines.index("    objective: grow-retension") + 1)]


def test_workspace_flag_is_still_accepted(run_cli, repo):
    assert lint(run_cli, "--workspace", "goals/teams/care.yaml")[1] == lint(run_cli, "goals/teams/care.yaml")[1]


def test_a_folder_argument_reports_on_its_files_with_workspace_references(run_cli, repo):
    _, everything, _ = lint(run_cli)
    code, found, doc = lint(run_cli, "goals/teams")
    assert found == [d for d in everything if d["path"].startswith("goals/teams/")]
    assert doc["files"] == 3 and not [d for d in found if d["code"] == "F004" and d["goal"] != "cc-typo"]


def test_no_path_and_dot_are_the_whole_workspace(run_cli, repo):
    _, everything, doc = lint(run_cli)
    assert doc["files"] == 5
    _, dot, _ = lint(run_cli, ".")
    assert {d["path"] for d in dot} == {d["path"] for d in everything}


def test_force_exclude_reads_nothing_when_every_named_file_is_refused(run_cli, repo):
    write(repo, {".pre-commit-config.yaml": "repos: []\n", "mkdocs.yml": "site_name: x\n"})
    code, found, doc = lint(run_cli, "--force-exclude", ".pre-commit-config.yaml", "mkdocs.yml")
    assert code == 0 and found == [] and doc["files"] == 0


NON_GOALS = {
    "docker-compose.yml": "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n",
    "mkdocs.yml": "site_name: Goals\nnav:\n  - Home: index.md\n",
    "config/settings.yaml": "[1, 2, 3]\n",                         # a list at the top: read (it could hold goals)
    "config/odd.yaml": "key: [unclosed\n",                         # not YAML at all
}


@pytest.fixture
def no_config_repo(tmp_path):
    write(tmp_path, {"objectives.yaml": OBJECTIVES, "teams/owners.yaml": OWNERS, "teams/care.yaml": CARE,
                     "teams/digital.yaml": DIGITAL, **NON_GOALS})
    return tmp_path


def test_without_configuration_a_git_repository_is_the_workspace(run_cli, no_config_repo, monkeypatch):
    (no_config_repo / ".git").mkdir()
    _, everything, _ = lint(run_cli, "--no-cache")
    assert {"docker-compose.yml", "mkdocs.yml", "config/odd.yaml"} <= {d["path"] for d in everything}
    code, alone, doc = lint(run_cli, "teams/care.yaml")
    assert alone == about(everything, "teams/care.yaml") and doc["files"] == 1
    assert not [d for d in alone if d["code"] == "F004" and d["goal"] != "cc-typo"]     # objectives.yaml is above
    monkeypatch.chdir(no_config_repo / "teams")                   # from inside the repository: the same
    code, out, _ = run_cli("lint", "--format", "json", *PINNED, "--no-cache", "care.yaml")
    inside = json.loads(out)["diagnostics"]
    assert [(d["code"], d["line"], d["message"]) for d in inside] == [(d["code"], d["line"], d["message"]) for d in alone]
    assert {d["path"] for d in inside} == {"care.yaml"}


def test_without_configuration_or_git_the_folder_is_the_workspace(run_cli, no_config_repo):
    if git_toplevel(no_config_repo) is not None:
        pytest.skip("the temporary folder is inside a git repository")
    _, found, _ = lint(run_cli, "--no-cache", "teams/care.yaml")
    unknown = {d["message"].split(" names")[0] for d in found if d["code"] == "F004"}
    assert "objective 'grow-retention'" in unknown                 # objectives.yaml is above teams/: not read
    assert "owner 'contact-centre'" not in unknown                 # teams/owners.yaml is beside it
    assert "paired_with 'dg-csat'" not in unknown


def test_workspace_roots(tmp_path):
    write(tmp_path, {"repo/.git/HEAD": "ref: x\n", "repo/a/g.yaml": "", "plain/b/g.yaml": "", "plain/c.yaml": ""})
    assert workspace_roots([tmp_path / "repo/a/g.yaml", tmp_path / "repo/a"]) == [(tmp_path / "repo").resolve()]
    if git_toplevel(tmp_path) is None:
        assert workspace_roots([tmp_path / "plain/b/g.yaml", tmp_path / "plain/c.yaml"]) == [(tmp_path / "plain").resolve()]
        assert workspace_roots([tmp_path / "plain/b"]) == [(tmp_path / "plain/b").resolve()]
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".git").write_text("gitdir: ../elsewhere\n")      # a worktree or submodule
    assert git_toplevel((tmp_path / "sub").resolve()) == (tmp_path / "sub").resolve()


@pytest.mark.parametrize("text,may", [
    (b"services:\n  web: {image: nginx}\n", False),
    (b"# settings\n---\nsite_name: x\nnav:\n  - Home: index.md\n", False),
    (b"", False),
    (b"goals:\n  - title: x\n", True),
    (b"x-anchors: 1\nowners: []\n", True),
    (b"# a bare list of goals\n\n- title: Raise NPS\n", True),
    (b"  - title: indented list at the top\n", True),
    (b"--- [a, b]\n", True),
    (b"&top\nname: x\n", True),
    (b"!!map\nname: x\n", True),
    (b'"go\\x61ls": []\n', True),                                 # an escape could spell a key
    (b"# comment\r- title: x\r", True),                           # old Mac line ends
    (b"\xef\xbb\xbf- title: x\n", True),                          # UTF-8 byte-order mark
    ("title: x".encode("utf-16"), True),
    ("unreadable: a message, not bytes", False),
])
def test_which_workspace_files_need_reading(text, may):
    assert may_define(text) is may


def test_non_goal_yaml_is_not_parsed_when_one_goal_file_is_named(run_cli, no_config_repo, monkeypatch):
    (no_config_repo / ".git").mkdir()
    from cxsmart.api import files

    seen = []
    real = files.load_text
    monkeypatch.setattr(files, "load_text", lambda path, *a, **k: seen.append(path) or real(path, *a, **k))
    lint(run_cli, "--no-cache", "teams/care.yaml")
    assert "docker-compose.yml" not in seen and "mkdocs.yml" not in seen
    assert {"teams/care.yaml", "objectives.yaml", "config/settings.yaml"} <= set(seen)


def test_the_pre_commit_hook_needs_no_workspace_flag():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entry = next(line.split(":", 1)[1].strip() for line in hooks.splitlines() if line.strip().startswith("entry:"))
    assert entry == "cxsmart lint --force-exclude"

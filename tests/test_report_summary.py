"""The reports built from a lint result: the numbers they show are the lint result's (no
judgement of their own), the markdown summary stays under GitHub's limit and is inert
markdown, and `cxsmart tree` shows every goal once with letters readable without colour."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from cxsmart.report import markdown
from cxsmart.report.data import COLUMNS, LETTERS, build

ROOT = Path(__file__).resolve().parents[1]
PINNED = ["--today", "2026-11-23"]


@pytest.fixture
def examples(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path / "examples"


def _report(folder: Path, **over):
    from cxsmart.api import Overrides, lint_paths, read_workspace
    from cxsmart.settings.config import load_config

    import datetime as dt

    loaded = load_config(None, folder)
    over = Overrides(today=dt.date(2026, 11, 23), **over)
    result = lint_paths([folder], loaded, over, cwd=folder)
    return result, build(result, read_workspace([folder], loaded, over, cwd=folder))


def test_numbers_are_the_lint_results(examples):
    result, report = _report(examples / "bad")
    assert report.total.goals == result.goals == len(report.goals)
    attached = [d for g in report.goals.values() for d in g.findings] + report.other
    assert Counter(attached) == Counter(result.diagnostics)            # every finding once, none invented
    for letter in LETTERS:
        failing = {g.key for g in report.goals.values()
                   if any(d.code.startswith(letter) and d.severity >= 2 for d in g.findings)}
        assert report.total.passing[letter] == result.goals - len(failing)
    assert sum(r.goals for r in report.owners) == sum(r.goals for r in report.objectives) == result.goals


@pytest.mark.parametrize("folder", ["good", "bad"])
def test_clean_goals_read_from_the_columns(examples, folder):
    """A goal with no error or warning is exactly one that passes every column (S M A R T F P):
    no row can show no clean goal while every column reads 100%."""
    result, report = _report(examples / folder)
    assert set(COLUMNS) == {*LETTERS, "F", "P"}
    for goal in report.goals.values():
        assert goal.clean == all(goal.passes(x) for x in COLUMNS)
    for row in [report.total, *report.owners, *report.objectives]:
        if row.goals:
            assert row.clean <= min(row.passing[x] for x in COLUMNS)
            assert row.clean == row.goals or any(row.share(x) < 100 for x in COLUMNS)
    if folder == "bad":
        f_failing = {g.key for g in report.goals.values()
                     if any(d.code[0] == "F" and d.severity >= 2 for d in g.findings)}
        assert f_failing and report.total.passing["F"] == result.goals - len(f_failing)


def test_markdown_lists_goal_findings_then_format_findings_per_file(examples):
    _, report = _report(examples / "bad")
    text = markdown.render(report)
    goals_at, files_at = text.index("\n## Findings on goals\n"), text.index("\n## File and format findings\n")
    assert goals_at < files_at
    on_goals = [line for line in text[goals_at:files_at].splitlines() if line.startswith("- ")]
    assert on_goals and not [line for line in on_goals if "**F0" in line]
    per_file = text[files_at:].split("\n### ")[1:]
    paths = [part.splitlines()[0] for part in per_file]
    assert paths == sorted(paths) and "broken.yaml" in paths
    for part in per_file:
        lines = [line for line in part.splitlines() if line.startswith("- ")]
        numbers = [int(line.rsplit("· line ", 1)[1].split()[0]) for line in lines]
        assert lines and numbers == sorted(numbers)
    everything = sum(1 for g in report.goals.values() for _ in g.findings) + len(report.other)
    assert text.count("\n- ") == everything


def test_cascade_has_every_goal_once_even_with_a_parent_loop(examples):
    _, report = _report(examples / "bad")
    keys = [g.key for g, _ in report.ordered()]
    assert sorted(keys) == sorted(report.goals) and len(keys) == len(set(keys))
    loop = {g.id: g for g in report.goals.values() if g.id in ("fcr-met", "fcr-loop")}
    assert loop["fcr-loop"].parent == loop["fcr-met"].key and loop["fcr-met"].parent is None
    assert report.branches[-1].key == "(no objective)"


def test_markdown_summary_from_lint(run_cli, examples):
    code, out, _ = run_cli("lint", "examples/bad", "--format", "markdown", *PINNED)
    assert code == 1
    assert "| M | Measurable |" in out and "## By owner" in out and "Call Centre (`call-centre`)" in out
    assert "**M005**" in out and "examples/bad/workspace.yaml:" in out
    code, out, _ = run_cli("lint", "examples/good", "--format", "markdown", *PINNED)
    assert code == 0 and out.startswith("# ✅") and "**11** goals" in out and "## Findings" not in out


def test_markdown_is_cut_under_the_limit_with_a_note(examples):
    _, report = _report(examples / "bad")
    full = markdown.render(report)
    cut = markdown.render(report, limit=len(full) // 2)
    assert len(cut) < len(full) // 2 and "more findings not shown" in cut
    assert "more findings" not in full


def test_markdown_neutralises_repository_text():
    assert markdown.md("<img src=x> [a](http://e) @team #12 a|b \x1b[31m") == (
        "\\<img src=x\\> \\[a\\](`http://e)` `@team` `#12` a\\|b \\\\x1b\\[31m")      # linkable text as code (issue 19)


def test_tree_every_goal_one_line_letters_without_colour(run_cli, examples):
    code, out, _ = run_cli("tree", "examples/bad", "--color", "never", *PINNED)
    assert code == 0 and "\x1b[" not in out
    _, report = _report(examples / "bad")
    for goal in report.goals.values():
        assert sum(f" {goal.id}  " in line for line in out.splitlines()) == (
            sum(g.id == goal.id for g in report.goals.values()))
    assert "m✗" in out and "objective retention: Reduce customer churn" in out
    assert "no objective: goals that trace to none" in out


def test_tree_colours_when_asked(run_cli, examples):
    _, out, _ = run_cli("tree", "examples/bad", "--color", "always", *PINNED)
    assert "\x1b[" in out


def test_report_markdown_and_errors(run_cli, examples):
    code, out, _ = run_cli("report", "examples/good", "--format", "markdown", *PINNED)
    assert code == 0 and "## By objective" in out
    code, _, err = run_cli("report", "examples/missing", *PINNED)
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1
    code, _, err = run_cli("report", "examples/good", "--format", "markdown", "-o", "examples/no/such/dir/r.md", *PINNED)
    assert code == 2 and "cannot write" in err


def test_statistics_counts_match_json(run_cli, examples):
    _, out, _ = run_cli("lint", "examples/bad", "--statistics", *PINNED)
    _, doc, _ = run_cli("lint", "examples/bad", "--format", "json", *PINNED)
    counts = Counter(d["code"] for d in json.loads(doc)["diagnostics"])
    shown = {line.split()[1]: int(line.split()[0]) for line in out.splitlines() if line.strip()}
    assert shown == dict(counts)


def test_readme_shows_the_summary_as_it_is(run_cli, examples):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("```text\n# ") + len("```text\n")
    shown = text[start:text.index("\n...\n```", start)]
    _, out, _ = run_cli("lint", "examples/bad", "--format", "markdown", *PINNED)
    assert out.startswith(shown + "\n")


def test_empty_folder_and_markdown_to_a_file(run_cli, tmp_path):
    (tmp_path / "empty").mkdir()
    code, _, err = run_cli("report", "empty", "-o", "r.html", *PINNED)
    assert code == 0 and "0 goals" in err and Path("r.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    code, out, _ = run_cli("tree", "empty", *PINNED)
    assert code == 0 and out.startswith("0 goals")
    Path("g.yaml").write_text("goals:\n  - {id: a, title: Improve things}\n", encoding="utf-8")
    code, out, _ = run_cli("lint", "g.yaml", "--format", "markdown", "-o", "summary.md", *PINNED)
    assert code == 1 and out == "" and "| (no owner) | 1 | 0 (0%) |" in Path("summary.md").read_text(encoding="utf-8")


def test_a_deep_cascade_is_no_recursion_error(run_cli, tmp_path):
    goals = "".join(f"  - {{id: g{i}, title: Raise NPS from 10 to 12 by 2027-06-30, parent: g{i - 1}}}\n"
                    for i in range(1, 1500))
    Path("g.yaml").write_text("goals:\n  - {id: g0, title: Raise NPS from 10 to 12 by 2027-06-30}\n" + goals,
                              encoding="utf-8")
    code, out, err = run_cli("tree", "g.yaml", "--color", "never", "--select", "F", *PINNED)
    assert code == 0 and "1500 goals" in out, err           # (a terminal shows the first levels only)
    code, _, err = run_cli("report", "g.yaml", "-o", "r.html", "--select", "F", *PINNED)
    html = Path("r.html").read_text(encoding="utf-8")
    assert code == 0 and 'data-d="1499"' in html and 'li.goal[data-d="1499"] { --d: 1499; }' in html


def test_findings_of_goals_on_one_line_go_to_the_goal_they_name():
    from cxsmart.api import lint_text

    text = "goals: [{id: a, title: Raise NPS from 10 to 12 by 2027-06-30}, {id: b, title: Be world-class}]\n"
    result = lint_text(text)
    report = build(result, result.workspace)               # the run hands over the workspace it read
    by_id = {g.id: g for g in report.goals.values()}
    assert by_id["b"].findings and all(d.goal == "b" for d in by_id["b"].findings)
    assert all(d.goal == "a" for d in by_id["a"].findings)


def test_an_objective_no_goal_serves_is_shown_for_the_whole_workspace_only(run_cli, tmp_path):
    Path("objectives.yaml").write_text("objectives:\n  - {id: used, title: Keep customers}\n"
                                       "  - {id: orphan, title: Win new markets}\n", encoding="utf-8")
    Path("goals.yaml").write_text("goals:\n  - {id: a, objective: used, title: Raise NPS from 10 to 12 by 2027-06-30}\n",
                                  encoding="utf-8")
    _, out, _ = run_cli("report", ".", "--format", "markdown", *PINNED)
    assert "| Win new markets (`orphan`) | 0 | no goals | – | – | – | – | – |" in out
    _, out, _ = run_cli("tree", ".", "--color", "never", *PINNED)
    assert "objective orphan: Win new markets\n└── no goal serves this objective" in out
    run_cli("report", ".", "-o", "r.html", *PINNED)
    assert "No goal serves this objective." in Path("r.html").read_text(encoding="utf-8")
    _, out, _ = run_cli("report", "goals.yaml", "--format", "markdown", *PINNED)     # a part of it: no claim
    assert "orphan" not in out


def test_markdown_stays_under_the_limit_with_thousands_of_owners_and_emoji():
    from cxsmart.api import lint_text

    goals = "".join(f"  - {{id: g{i}, owner: team-{i}, title: 'Raise NPS 🚀🚀 for {i} from 10 to 12 by 2027-06-30'}}\n"
                    for i in range(3000))
    result = lint_text("goals:\n" + goals, select=["F"])
    out = markdown.render(build(result, result.workspace))
    assert markdown.size(out) <= markdown.LIMIT < len(out.encode("utf-16-le")) // 2 + 2000
    assert "more owners not shown" in out and "more findings not shown" in out
    assert "| S | Specific | 3000 of 3000 | 100% |" in out


@pytest.mark.parametrize(("part", "goals", "shown"), [
    (6, 21, 29), (11, 16, 69), (6, 9, 67), (28, 32, 88),     # to the nearest, halves up (not rounded down)
    (199, 200, 99), (1, 300, 1), (0, 5, 0), (5, 5, 100),       # never 100 with a failure, nor 0 with a pass
])
def test_shares_are_rounded_to_the_nearest_but_never_claim_all_or_none(part, goals, shown):
    from cxsmart.report.data import Row

    row = Row("k", "name", goals=goals, clean=part, passing=Counter({x: part for x in LETTERS}))
    assert row.share() == row.share("S") == shown


def test_a_rule_packs_codes_get_a_column_of_their_own(run_cli, tmp_path):
    """A team rule (CX101) is neither S M A R T nor F or P: it has its own column, so the goals
    with no error or warning still read from the columns."""
    (tmp_path / "cx-rules").mkdir()
    (tmp_path / "cx-rules" / "team.yaml").write_text(
        "rules:\n  - {code: CX101, name: internal-jargon, extends: existence, tokens: [leverage],\n"
        "     message: \"'{match}' is internal jargon\"}\n", encoding="utf-8")
    (tmp_path / "cxsmart.toml").write_text('rule-packs = ["cx-rules/"]\n', encoding="utf-8")
    (tmp_path / "goals.yaml").write_text(
        "objectives:\n  - {id: o, title: Grow retention, kpi: churn_rate}\nowners:\n  - {id: care, controls: [csat]}\n"
        "goals:\n  - id: g1\n    title: Leverage chat to increase CSAT from 70% to 75% by 30 June 2027\n"
        "    objective: o\n    owner: care\n    metric: csat\n    baseline: 70%\n    target: 75%\n"
        "    start: 2027-01-01\n    deadline: 2027-06-30\n    review: monthly\n", encoding="utf-8")
    code, out, err = run_cli("report", "--format", "markdown", "-o", "-", *PINNED)
    assert code == 0, err
    assert "| CX | Your CX rules | 0 of 1 | 0% |" in out
    assert "| care | 1 | 0 (0%) | 100% | 100% | 100% | 100% | 100% | 100% | 100% | 0% |" in out

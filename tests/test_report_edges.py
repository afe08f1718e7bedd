"""The report layer at its edges: the markdown verdict at exactly the --fail-on level, GitHub's
limit counted in UTF-16 units (an emoji is two), where the tree cuts a long title, and which goal
a finding on a line between goals belongs to."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest

from cxsmart.api import lint_text
from cxsmart.diagnostics import Diagnostic, Severity, Span
from cxsmart.report import markdown, tree
from cxsmart.report.data import NO_OWNER, GoalEntry, build

TODAY = dt.date(2026, 6, 1)
INFO = "- {id: g, title: Raise NPS from 32 to 32.5, metric: nps, baseline: 32, target: 32.5}\n"            # A004
WARNING = "- {id: g, title: Improve CSAT by 5%, metric: csat, baseline: 80%, target: +5%}\n"                 # M006
ERROR = "- {id: g, title: Raise NPS, start: 2027-04-01, deadline: 2027-03-31}\n"                               # T004


def report_of(text, select, fail_on="warning"):
    result = lint_text(text, select=select, today=TODAY)
    assert [d.code for d in result.diagnostics] == select
    report = build(result, result.workspace)
    report.fail_on = fail_on
    return report


@pytest.mark.parametrize("text,code,fail_on,verdict", [
    (INFO, "A004", "info", "❌"), (INFO, "A004", "warning", "✅"), (INFO, "A004", "error", "✅"),
    (WARNING, "M006", "info", "❌"), (WARNING, "M006", "warning", "❌"), (WARNING, "M006", "error", "✅"),
    (ERROR, "T004", "error", "❌"), (ERROR, "T004", "warning", "❌"),
    (WARNING, "M006", "never-heard-of", "❌"), (INFO, "A004", "never-heard-of", "✅"),
])
def test_the_verdict_fails_at_exactly_the_fail_on_level(text, code, fail_on, verdict):
    out = markdown.render(report_of(text, [code], fail_on))
    assert out.startswith(f"# {verdict} cxsmart: CX goals report\n")


def test_the_verdict_of_a_real_run_follows_fail_on(run_cli, tmp_path):
    (tmp_path / "g.yaml").write_text(WARNING)
    for fail_on, code, verdict in (("warning", 1, "❌"), ("error", 0, "✅")):
        got, out, _ = run_cli("lint", "g.yaml", "--select", "M006", "--format", "markdown",
                              "--fail-on", fail_on, "--today", "2026-06-01")
        assert (got, out[:3]) == (code, f"# {verdict}")


def test_github_counts_an_emoji_as_two():
    assert markdown.size("") == 0
    assert markdown.size("abc") == 3
    assert markdown.size("é€✅") == 3                 # in the basic plane: one unit each
    assert markdown.size("🚀") == 2 and markdown.size("a🚀b🚀") == 6


def _parts(out: str):
    head, findings = out.split("\n## Findings on goals\n\n")
    findings = findings.split("\n## ")[0]                   # the goals' findings come first (issue 17)
    return head, [line for line in findings.split("\n") if line.startswith("- ")]


def test_findings_are_cut_by_utf16_units_not_characters():
    goals = "".join(f"- {{title: 'Improve CSAT 🚀🚀🚀 by {i}%', metric: csat, baseline: 50%, "
                    f"target: +{i}%}}\n" for i in range(1, 4))
    result = lint_text(goals, select=["M006"], today=TODAY)
    report = build(result, result.workspace)
    head, lines = _parts(markdown.render(report, limit=100_000))
    assert len(lines) == 3 and all("🚀" in line for line in lines)
    exact = markdown.size(head) + 400 + sum(markdown.size(line) + 1 for line in lines)
    assert _parts(markdown.render(report, limit=exact))[1] == lines                   # all fit, exactly
    short = markdown.render(report, limit=exact - 1)                                   # one unit short
    assert _parts(short)[1] == lines[:2]
    assert "_1 more finding not shown, to stay under" in short
    cut = markdown.render(report, limit=exact - markdown.size(lines[-1]) - 2)
    assert _parts(cut)[1] == lines[:1] and "_2 more findings not shown" in cut


def test_a_finding_line_names_its_goal_cut_at_80_characters():
    title = "Improve CSAT by 5% " + "x" * 100
    report = report_of(f"- {{title: '{title}', metric: csat, baseline: 80%, target: +5%}}\n", ["M006"])
    (line,) = _parts(markdown.render(report))[1]
    assert line.endswith(f" — goal {markdown.md(title[:80])}")
    assert line.startswith("- ⚠ **M006** ")


def entry(title: str, **kw) -> GoalEntry:
    base = dict(key="g1", id="g1", title=title, path="g.yaml", line=1, owner=NO_OWNER, owner_name=NO_OWNER,
                owner_kind="", objective="(no objective)", level="", deadline="", metric="", change="")
    return GoalEntry(**{**base, **kw})


@pytest.mark.parametrize("length,shown", [(99, 99), (100, 100), (101, 100)])
def test_the_tree_cuts_a_title_after_100_characters(length, shown):
    title = "".join(chr(ord("a") + i % 26) for i in range(length))
    text = tree.line(entry(title)).plain
    assert title[:shown] in text
    assert (title[:shown] + "…" in text) is (length > 100)
    assert title[:shown + 1] not in text or length <= shown


def test_a_tree_line_shows_letters_owner_and_details():
    goal = entry("Raise NPS", owner="cc", deadline="Q3 2027", metric="nps", change="10 -> 12")
    assert tree.line(goal).plain == "S  M  A  R  T  g1  Raise NPS  (cc, Q3 2027, nps, 10 -> 12)"
    goal = entry("Raise NPS", id=None, findings=[_diag("M001", Severity.ERROR, 1), _diag("S002", Severity.INFO, 1),
                                                 _diag("T003", Severity.WARNING, 1), _diag("F005", Severity.WARNING, 1)])
    assert tree.line(goal).plain == "s? m✗ A  R  t! f! (no id)  Raise NPS  (no owner)"


def _diag(code, severity, line, goal=None, path="g.yaml"):
    return Diagnostic(code, "x", severity, "msg", path, Span(line, 1, line, 2), goal=goal)


GOALS = """\
goals:
  - id: a
    title: Raise NPS from 10 to 12 by 2027-06-30

  # between the goals
  - id: b
    title: Raise CSAT from 70% to 72% by 2027-06-30
    deadline: 2027-06-30
x-notes: at the end
"""


@pytest.mark.parametrize("line,goal", [(2, "a"), (3, "a"), (4, None), (5, None), (6, "b"), (8, "b"), (9, None),
                                       (1, None)])
def test_a_finding_between_goals_belongs_to_none(line, goal):
    result = lint_text({"g.yaml": GOALS}, select=["F"], today=TODAY)
    assert result.diagnostics == []
    result = dataclasses.replace(result, diagnostics=[_diag("F005", Severity.WARNING, line)])
    report = build(result, result.workspace)
    owners = [g.id for g in report.goals.values() if g.findings]
    assert owners == ([goal] if goal else [])
    assert len(report.other) == (0 if goal else 1)


def test_a_finding_naming_a_goal_on_a_shared_line_goes_to_that_goal():
    text = "goals: [{id: a, title: Raise NPS}, {id: b, title: Raise CSAT}]\n"
    result = lint_text({"g.yaml": text}, select=["F"], today=TODAY)
    # naming no goal there, it goes to the nearest goal starting at or before it: the last on the line
    for named, holder in (("a", "a"), ("b", "b"), (None, "b"), ("zz", "b")):
        res = dataclasses.replace(result, diagnostics=[_diag("F005", Severity.WARNING, 1, goal=named)])
        report = build(res, res.workspace)
        assert [g.id for g in report.goals.values() if g.findings] == [holder]


def test_the_tree_render_ends_with_the_totals():
    result = lint_text({"g.yaml": GOALS}, select=["M001"], today=TODAY)
    out = io.StringIO()
    tree.render(build(result, result.workspace), color="never", file=out)
    text = out.getvalue()
    assert "no objective: goals that trace to none" in text
    assert text.rstrip().endswith(f"2 goals, {build(result, result.workspace).total.clean} with no error or "
                                  f"warning. Letters: {tree.LEGEND}")


def test_the_title_words_a_finding_points_at_are_marked():
    result = lint_text({"g.yaml": "- {id: g, title: Deliver a world-class service}\n"}, select=["S001"], today=TODAY)
    (goal,) = build(result, result.workspace).goals.values()
    assert goal.marks == [(10, 21, "S001")]
    assert goal.segments() == [("Deliver a ", []), ("world-class", ["S001"]), (" service", [])]


def test_segments_split_the_title_at_every_mark():
    goal = entry("abcdefgh", marks=[(0, 3, "S001"), (2, 5, "T002")])
    assert goal.segments() == [("ab", ["S001"]), ("c", ["S001", "T002"]), ("de", ["T002"]), ("fgh", [])]
    assert entry("abc").segments() == [("abc", [])]


@pytest.mark.parametrize(("part", "goals", "shown"), [(1, 3, 33), (2, 3, 67), (1, 8, 13), (7, 8, 88)])
def test_thirds_and_eighths_round_to_the_nearest(part, goals, shown):
    from collections import Counter

    from cxsmart.report.data import LETTERS, Row

    assert Row("k", "n", goals=goals, clean=part, passing=Counter({x: part for x in LETTERS})).share() == shown


def test_the_html_report_is_titled():
    from cxsmart.report import html

    report = report_of(WARNING, ["M006"])
    assert "<title>CX goals report" in html.render(report)
    assert "<title>Care team goals" in html.render(report, title="Care team goals")


def test_a_tree_line_shows_the_change_as_the_fields_write_it_not_as_the_title_says_it():
    text = ("- {id: a, title: Raise NPS from 20 to 30 by 2027-06-30, metric: nps, baseline: 20, target: 30}\n"
            "- {id: b, title: Raise NPS from 20 to 30 by 2027-06-30, metric: nps, baseline: 20}\n"
            "- {id: c, title: Raise NPS from 20 to 30 by 2027-06-30, metric: nps, target: '+10'}\n"
            "- {id: d, title: Raise NPS from 20 to 30 by 2027-06-30, metric: nps}\n")
    result = lint_text(text, select=["M001"], today=TODAY)
    details = [tree.line(g).plain.split("  ")[-1] for g in build(result, result.workspace).goals.values()]
    assert details == ["(no owner, nps, 20 -> 30)", "(no owner, nps, 20 -> ?)", "(no owner, nps, ? -> +10)",
                       "(no owner, nps)"]


def test_the_last_character_of_the_basic_plane_counts_one_and_the_first_beyond_it_two():
    assert markdown.size("\uffff") == 1 and markdown.size("\U00010000") == 2
    assert markdown.size("\ud7ff\ue000") == 2


def test_a_finding_that_fills_the_limit_exactly_is_shown_and_one_character_less_cuts_it():
    report = report_of(WARNING, ["M006"])
    (goal, d), = markdown._sections(report)[0]
    line = markdown._finding(goal, d, True)
    limit = 10 ** 6
    for _ in range(10):                         # the head is cut by half the limit: find where it settles
        limit = markdown.size(markdown._head(report, limit // 2)) + 400 + markdown.size(line) + 1
    assert markdown.size(markdown._head(report, limit // 2)) + 400 + markdown.size(line) + 1 == limit
    assert line in markdown.render(report, limit)
    assert markdown._head(report, (limit - 1) // 2) == markdown._head(report, limit // 2)
    cut = markdown.render(report, limit - 1)
    assert line not in cut and "_1 more finding not shown, to stay under" in cut

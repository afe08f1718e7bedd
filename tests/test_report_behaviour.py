"""The report layer on a small workspace with findings made by hand (so that no rule's wording is
pinned here): the whole markdown summary and the whole tree, as a reader sees them. The scorecard
(owners, objectives, the columns of a rule pack's codes), the cascade (parents, an objective no goal
serves, goals serving none), the findings' order and sections, the title words each finding marks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

from cxsmart.api import lint_text
from cxsmart.diagnostics import Diagnostic, Severity, Span
from cxsmart.report import markdown, tree
from cxsmart.report.data import build

TODAY = dt.date(2026, 6, 1)
WORKSPACE = {"goals.yaml": """\
owners:
  - {id: care, name: Care team, kind: team}
  - {id: web, kind: team}
objectives:
  - {id: loyal, title: Keep customers loyal}
  - {id: idle, title: Nobody serves this}
goals:
  - id: top
    title: Raise NPS from 30 to 40 by 2027-06-30
    owner: care
    objective: loyal
  - id: kid
    title: Deliver a world-class service
    owner: web
    parent: top
  - id: lone
    title: Improve CSAT by 5%
""", "other.yaml": "- {id: x, title: Reduce complaints, owner: care}\n"}
E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def said(code, severity, path, line, col=1, end=2, goal=None, hint=None):
    return Diagnostic(code, "x", severity, f"{code} said", path, Span(line, col, line, end), goal=goal, hint=hint)


FOUND = [said("M001", E, "goals.yaml", 13, 12, 19, "kid", hint="add 'metric:'"),     # 'Deliver': the title's start
         said("S001", W, "goals.yaml", 13, 22, 33, "kid"),                            # 'world-class'
         said("T001", I, "goals.yaml", 9, goal="top"), said("R001", E, "goals.yaml", 16, goal="lone"),
         said("F004", E, "goals.yaml", 14, 12, 15, goal="kid",      # below the title's columns: no mark
              hint="define owner 'web' in any linted file, or fix the reference"),
         said("F001", W, "goals.yaml", 4),                                                    # on no goal
         said("F009", W, "other.yaml", 1, goal="x"), said("CX101", W, "goals.yaml", 17, goal="lone")]


def report(found=FOUND, fail_on="warning"):
    result = lint_text(WORKSPACE, today=TODAY, select=["F"])
    assert result.diagnostics == []
    built = build(dataclasses.replace(result, diagnostics=found), result.workspace)
    built.fail_on = fail_on
    return built


SUMMARY = """\
# ❌ cxsmart: CX goals report

**4** goals in 2 files; **1** (25%) with no error or warning. Findings: 3 errors, 4 warnings, 1 info.

## By letter

| letter | criterion | goals passing | share |
| --- | --- | ---: | ---: |
| S | Specific | 3 of 4 | 75% |
| M | Measurable | 3 of 4 | 75% |
| A | Attainable | 4 of 4 | 100% |
| R | Relevant | 3 of 4 | 75% |
| T | Time-bound | 4 of 4 | 100% |
| F | File and format | 2 of 4 | 50% |
| P | Plan | 4 of 4 | 100% |
| CX | Your CX rules | 3 of 4 | 75% |

## By owner

| owner | goals | no error or warning | S | M | A | R | T | F | P | CX |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| Care team (`care`) | 2 | 1 (50%) | 100% | 100% | 100% | 100% | 100% | 50% | 100% | 100% |
| web | 1 | 0 (0%) | 0% | 0% | 100% | 100% | 100% | 0% | 100% | 100% |
| (no owner) | 1 | 0 (0%) | 100% | 100% | 100% | 0% | 100% | 100% | 100% | 0% |

## By objective

| objective | goals | no error or warning | S | M | A | R | T | F | P | CX |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| Nobody serves this (`idle`) | 0 | no goals | – | – | – | – | – | – | – | – |
| Keep customers loyal (`loyal`) | 2 | 1 (50%) | 50% | 50% | 100% | 100% | 100% | 50% | 100% | 100% |
| (no objective) | 2 | 0 (0%) | 100% | 100% | 100% | 50% | 100% | 50% | 100% | 50% |

## Findings on goals

- ✖ **M001** M001 said _(add 'metric:')_ · goals.yaml:13 — goal kid
- ✖ **R001** R001 said · goals.yaml:16 — goal lone
- ⚠ **S001** S001 said · goals.yaml:13 — goal kid
- ⚠ **CX101** CX101 said · goals.yaml:17 — goal lone
- ℹ **T001** T001 said · goals.yaml:9 — goal top

## File and format findings

### goals.yaml

- ⚠ **F001** F001 said · line 4
- ✖ **F004** F004 said _(define owner 'web' in any linted file, or fix the reference)_ · line 14 — goal kid

### other.yaml

- ⚠ **F009** F009 said · line 1 — goal x
"""

TREE = """\
objective loyal: Keep customers loyal
└── S  M  A  R  t? top  Raise NPS from 30 to 40 by 2027-06-30  (care)
    └── s! m✗ A  R  T  f✗ kid  Deliver a world-class service  (web)
objective idle: Nobody serves this
└── no goal serves this objective
no objective: goals that trace to none
├── S  M  A  r✗ T  lone  Improve CSAT by 5%  (no owner)
└── S  M  A  R  T  f! x  Reduce complaints  (care)
4 goals, 1 with no error or warning. Letters: S pass · s? info · s! warning · s✗ error
"""


def test_the_markdown_summary_of_a_small_workspace_whole():
    assert markdown.render(report()) == SUMMARY


def test_the_tree_of_a_small_workspace_whole():
    out = io.StringIO()
    tree.render(report(), color="never", file=out)
    assert out.getvalue() == TREE


def test_the_goals_findings_cascade_and_marks():
    built = report()
    got = [(g.key, g.id, g.parent, g.children, [d.code for d in g.findings], g.marks, built.tokens(g))
           for g in built.goals.values()]
    assert got == [
        ("g1", "top", None, ["g2"], ["T001"], [], "T:info"),
        ("g2", "kid", "g1", [], ["M001", "S001", "F004"], [(0, 7, "M001"), (10, 21, "S001")],
         "F:error M:error S:warning"),
        ("g3", "lone", None, [], ["R001", "CX101"], [], "C:warning R:error"),
        ("g4", "x", None, [], ["F009"], [], "F:warning")]
    assert built.goals["g2"].segments() == [("Deliver", ["M001"]), (" a ", []), ("world-class", ["S001"]),
                                           (" service", [])]
    assert [(b.key, b.title, b.roots) for b in built.branches] == [
        ("loyal", "Keep customers loyal", ["g1"]), ("idle", "Nobody serves this", []),
        ("(no objective)", "(no objective)", ["g3", "g4"])]
    assert [(g.id, depth) for g, depth in built.ordered()] == [("top", 0), ("kid", 1), ("lone", 0), ("x", 0)]
    assert [d.code for d in built.other] == ["F001"]
    assert (built.columns, built.codes, dict(built.counts), built.files) == (
        ("S", "M", "A", "R", "T", "F", "P", "CX"), ["CX101", "F001", "F004", "F009", "M001", "R001", "S001", "T001"],
        {"error": 3, "warning": 4, "info": 1}, 2)
    states = {g.id: {x: g.state(x) for x in g.letters()} for g in built.goals.values()}
    assert states["kid"] == {"S": "warning", "M": "error", "A": "pass", "R": "pass", "T": "pass", "F": "error"}
    assert states["top"] == {"S": "pass", "M": "pass", "A": "pass", "R": "pass", "T": "info"}
    assert [g.clean for g in built.goals.values()] == [True, False, False, False]


def test_one_goal_one_file_one_finding_is_said_in_the_singular():
    text = "- {id: g, title: Raise NPS}\n"
    result = lint_text({"g.yaml": text}, today=TODAY, select=["F"])
    built = build(dataclasses.replace(result, diagnostics=[said("M001", E, "g.yaml", 1, goal="g")]), result.workspace)
    head = markdown.render(built).split("\n\n## By letter")[0]
    assert head == ("# ❌ cxsmart: CX goals report\n\n**1** goal in 1 file; **0** (0%) with no error or warning. "
                    "Findings: 1 error, 0 warnings, 0 info.")
    out = io.StringIO()
    tree.render(built, color="never", file=out)
    assert out.getvalue().splitlines()[-1] == f"1 goal, 0 with no error or warning. Letters: {tree.LEGEND}"
    built = build(dataclasses.replace(result, diagnostics=[]), result.workspace)
    assert "**1** goal in 1 file; **1** (100%) with no error or warning. Findings: 0 errors, 0 warnings, 0 info." \
        in markdown.render(built)
    assert markdown.render(built).startswith("# ✅ ")


def test_a_cut_section_ends_the_findings_and_the_rest_is_counted():
    full = markdown.render(report())
    lines = [line for line in full.split("\n") if line.startswith("- ")]
    # the largest limit that leaves out goals.yaml's last line: other.yaml's shorter line would still
    # fit, but a cut section ends the list
    limit = next(n for n in range(len(full) + 400, 0, -1) if "F004" not in markdown.render(report(), n))
    cut = markdown.render(report(), limit)
    shown = [line for line in cut.split("\n") if line.startswith("- ")]
    assert shown == lines[:6]
    assert "### other.yaml" not in cut and "F009" not in cut
    assert cut.endswith(f"\n_2 more findings not shown, to stay under {limit:,} characters: run `cxsmart lint` or "
                        "open the HTML report (`cxsmart report`) for all of them._\n")


_GOAL_ITEM = re.compile(r'<li class="goal" id="(g\d+)" data-o="([^"]*)" data-f="([^"]*)"( data-clean)?'
                        r'(?: data-p="(g\d+)" data-d="(\d+)")?><details><summary><span class="chips">(.*?)</span>')


def test_the_html_report_shows_each_goal_with_its_chips_owner_filters_and_depth():
    from cxsmart.report import html

    page = html.render(report())
    goals = [(key, owner, tokens, bool(clean), parent, depth, re.sub(r"</?i[^>]*>", " ", chips).split())
             for key, owner, tokens, clean, parent, depth, chips in _GOAL_ITEM.findall(page)]
    assert goals == [
        ("g1", "care", "T:info", True, "", "", ["S✓", "M✓", "A✓", "R✓", "Ti"]),
        ("g2", "web", "F:error M:error S:warning", False, "g1", "1", ["S!", "M✗", "A✓", "R✓", "T✓", "F✗"]),
        ("g3", "(no owner)", "C:warning R:error", False, "", "", ["S✓", "M✓", "A✓", "R✗", "T✓"]),
        ("g4", "care", "F:warning", False, "", "", ["S✓", "M✓", "A✓", "R✓", "T✓", "F!"])]
    assert '<p class="ct"><mark title="M001">Deliver</mark> a <mark title="S001">world-class</mark> service</p>' in page
    assert re.findall(r'li\.goal\[data-d="(\d+)"\]', page) == ["1"]           # a depth rule for each depth used
    assert page.count('<h3>Objective <code>') == 2 and "<h3>Goals that trace to no objective</h3>" in page
    assert '<p class="note empty">No goal serves this objective.</p>' in page
    other = page[page.index('<section id="other"'):page.index('<section id="rules"')]
    assert re.findall(r'<a href="#rule-(\w+)">', other) == ["F001"] and "goals.yaml:4:1" in other
    assert re.findall(r'<details class="rule" id="rule-(\w+)">', page) == \
        ["CX101", "F001", "F004", "F009", "M001", "R001", "S001", "T001"]
    assert "<pre>CX101: no page for this code</pre>" in page                  # no registry: no rule page
    totals = page[page.index('<p class="totals"'):page.index("</p>", page.index('<p class="totals"'))]
    assert re.sub(r"<[^>]+>|\s+", " ", totals).split() == \
        "4 goals in 2 files · 1 (25%) with no error or warning · findings: ✗ 3 errors , ! 4 warnings , i 1 info".split()


def test_the_html_rule_pages_come_from_the_registry():
    from cxsmart.settings.registry import default_registry
    from cxsmart.report import html

    pages = html.rule_pages(["M001", "ZZ999"], default_registry())
    assert pages["ZZ999"] == ("ZZ999", "ZZ999: no page for this code")
    name, page = pages["M001"]
    assert name != "M001" and page.startswith("M001")


def test_a_tree_chip_is_coloured_by_its_state():
    (goal,) = [g for g in report().goals.values() if g.id == "kid"]
    chips = tree.chips(goal)
    assert [(chips.plain[s.start:s.end], str(s.style)) for s in chips.spans] == [
        ("s!", "yellow"), ("m✗", "bold red"), ("A ", "green"), ("R ", "green"), ("T ", "green"), ("f✗", "bold red")]
    (top,) = [g for g in report().goals.values() if g.id == "top"]
    assert [str(s.style) for s in tree.chips(top).spans][-1] == "cyan"

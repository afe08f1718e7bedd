"""`date-order` reads numeric dates that could be day-first or month-first, in fields and titles;
without it they are T007 (title) or F002 (field), never 'no deadline'."""

from __future__ import annotations

import datetime as dt

import pytest

from cxsmart.api import lint_text
from cxsmart.settings.config import Config

LATER = dt.date(2027, 5, 1)


@pytest.mark.parametrize("order,day", [("day-first", "3 April 2027"), ("month-first", "4 March 2027")])
@pytest.mark.parametrize("goal", [
    "- title: Raise CSAT from 78% to 84% by 03/04/2027\n",
    "- title: Raise CSAT from 78% to 84%\n  deadline: 03/04/2027\n",
])
def test_configured_order_reads_the_date(order, day, goal):
    found = lint_text(goal, config=Config(date_order=order), select=["T00", "F002"], today=LATER).diagnostics
    assert [d.code for d in found] == ["T003"]
    assert day in found[0].message


@pytest.mark.parametrize("goal,code", [
    ("- title: Raise CSAT from 78% to 84% by 03/04/2027\n", "T007"),
    ("- title: Raise CSAT from 78% to 84%\n  deadline: 03/04/2027\n", "F002"),
])
def test_without_an_order_the_date_is_named_with_both_readings(goal, code):
    found = lint_text(goal, select=["T", "F002"], today=dt.date(2026, 1, 1)).diagnostics
    assert [d.code for d in found] == [code]
    assert "3 April 2027 or 4 March 2027" in found[0].message


@pytest.mark.parametrize("goal,today,passed", [
    # a UK team: the year starts in April; fiscal Q3 2026/27 ends on 31 December 2026
    ("- title: Reduce call abandonment from 6% to 4% by Q3 2026/27\n", dt.date(2026, 12, 2), None),
    ("- title: Reduce call abandonment from 6% to 4% by Q3 2026/27\n", dt.date(2027, 1, 5), "31 December 2026"),
    ("- title: Reduce call abandonment from 6% to 4%\n  deadline: Q4 2026/27\n", dt.date(2027, 4, 2), "31 March 2027"),
    ("- title: Reduce call abandonment from 6% to 4% in 2026/27\n", dt.date(2027, 4, 2), "31 March 2027"),
    ("- title: Reduce call abandonment from 6% to 4% by FY2027\n", dt.date(2027, 4, 2), "31 March 2027"),
    # the same quarter in the ways teams write it, in titles and fields
    ("- title: Reduce call abandonment from 6% to 4% by end of Q3 FY26/27\n", dt.date(2027, 1, 5), "31 December 2026"),
    ("- title: Reduce call abandonment from 6% to 4% by FY26/27 Q3\n", dt.date(2027, 1, 5), "31 December 2026"),
    ("- title: Reduce call abandonment from 6% to 4%\n  deadline: end of Q3 FY26/27\n", dt.date(2027, 1, 5),
     "31 December 2026"),
    ("- title: Reduce call abandonment from 6% to 4%\n  deadline: FY26/27 Q3\n", dt.date(2026, 12, 31), None),
    ("- title: Reduce call abandonment from 6% to 4% by 31/03/27\n", dt.date(2027, 4, 2), "31 March 2027"),
    ("- title: Reduce call abandonment from 6% to 4%\n  deadline: FY26/27 Q4\n", dt.date(2027, 4, 2), "31 March 2027"),
])
def test_fiscal_years_in_titles_and_fields_follow_the_configured_start(goal, today, passed):
    found = lint_text(goal, config=Config(fiscal_year_start="april"), select=["T", "F002"], today=today).diagnostics
    assert [d.code for d in found] == (["T003"] if passed else [])
    if passed:
        assert passed in found[0].message


def test_a_yearless_quarter_is_the_teams_own_quarter():
    goal = "- title: Reduce call abandonment from 6% to 4% by Q3\n"
    found = lint_text(goal, config=Config(fiscal_year_start="april"), select=["T009"], today=dt.date(2026, 9, 2))
    assert "31 December 2026" in found.diagnostics[0].message          # fiscal Q3: October to December
    found = lint_text(goal, select=["T009"], today=dt.date(2026, 9, 2))
    assert "30 September 2026" in found.diagnostics[0].message


# --- the workspace's own dates (issue 17) --------------------------------------------------------

DAY_FIRST_TEAM = {
    "corporate.yaml": "goals:\n  - title: Cut the claims backlog from 900 to 300 by 31/12/2027\n    deadline: 31/12/2027\n",
    "team.yaml": "goals:\n  - title: Raise CSAT from 78% to 84%\n    deadline: 04/01/2027\n"
                 "  - title: Raise NPS from 20 to 30\n    deadline: 05/02/2027\n",
}


def test_a_day_first_workspace_reads_ambiguous_dates_day_first_and_says_so_once():
    found = lint_text(DAY_FIRST_TEAM, select=["T003", "T011", "F002", "T007"], today=dt.date(2027, 3, 1)).diagnostics
    assert [(d.path, d.code, d.span.line) for d in found] == [
        ("team.yaml", "T003", 3), ("team.yaml", "T011", 3), ("team.yaml", "T003", 5)]
    assert "4 January 2027" in found[0].message and "5 February 2027" in found[2].message
    assert "04/01/2027 is read as 4 January 2027 (day-first)" in found[1].message
    assert 'date-order = "day-first"' in found[1].hint


def test_a_month_first_workspace_reads_them_month_first():
    files = {"a.yaml": "- title: Cut the claims backlog from 900 to 300 by 12/31/2027\n",
             "b.yaml": "- title: Raise CSAT from 78% to 84%\n  deadline: 04/01/2027\n"}
    found = lint_text(files, select=["T003", "T011"], today=dt.date(2027, 5, 1)).diagnostics
    assert [d.code for d in found] == ["T003", "T011"]
    assert "1 April 2027" in found[0].message


def test_the_configured_order_decides_over_the_workspace():
    found = lint_text(DAY_FIRST_TEAM, config=Config(date_order="month-first"), select=["T003", "T011"],
                      today=dt.date(2027, 4, 15)).diagnostics
    assert [(d.code, d.span.line) for d in found] == [("T003", 3)]          # 1 April has passed, 2 May not
    assert "1 April 2027" in found[0].message


def test_a_linted_folder_reads_its_own_dates(tmp_path, monkeypatch):
    from cxsmart.api import Overrides, lint_paths
    from cxsmart.settings.config import LoadedConfig

    for name, text in DAY_FIRST_TEAM.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    loaded = LoadedConfig(config=Config(), root=tmp_path)
    found = lint_paths([tmp_path], loaded, Overrides(select=["T011", "T003"], today=dt.date(2027, 3, 1))).diagnostics
    assert [(d.code, d.span.line, d.span.column) for d in found if d.code == "T011"] == [("T011", 3, 15)]


def test_a_workspace_with_both_orders_assumes_nothing():
    files = {**DAY_FIRST_TEAM, "us.yaml": "- title: Cut repeat calls from 20% to 15%\n  deadline: 12/31/2027\n"}
    found = lint_text(files, select=["T011", "F002"], today=dt.date(2026, 3, 1)).diagnostics
    assert [(d.path, d.code) for d in found] == [("team.yaml", "F002"), ("team.yaml", "F002")]


@pytest.mark.parametrize("as_of,read", [
    ("rolling 12 months to Aug 2026", "31 August 2026"),
    ("12 months to March 2026", "31 March 2026"),
    ("2025/26 outturn", "31 March 2026"),
    ("year to date Sept 2026", "30 September 2026"),
])
def test_a_period_label_in_as_of_is_read_as_its_end(as_of, read):
    goal = (f"- title: Cut repeat calls from 20% to 15% by 2027-12-31\n"
            f"  baseline: {{value: 20, unit: percent, as_of: {as_of}}}\n  start: 2027-11-01\n")
    found = lint_text(goal, config=Config(fiscal_year_start="april"), select=["T008", "F002"],
                      today=dt.date(2027, 1, 1)).diagnostics
    assert [d.code for d in found] == ["T008"]              # stale, measured a year or more before the start
    assert read in found[0].message


def test_fix_reads_the_workspace_as_its_first_pass_did(run_cli, tmp_path):
    """--fix writes the day-first dates as ISO, so nothing is left to show the order: the goal whose
    only date is '04/01/2027' in its title is still read day-first, not an ambiguous T007."""
    import json

    (tmp_path / "a.yaml").write_text("goals:\n  - title: Cut the claims backlog from 900 to 300 by 31/12/2027\n"
                                     "    deadline: 31/12/2027\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("goals:\n  - title: Raise CSAT from 78% to 84% by 04/01/2028\n",
                                     encoding="utf-8")
    code, out, _ = run_cli("lint", ".", "--fix", "--no-cache", "--select", "T", "--today", "2027-01-01",
                           "--format", "json")
    assert "deadline: 2027-12-31" in (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == []

"""`date-order` reads numeric dates that could be day-first or month-first, in fields and titles;
without it they are T007 (title) or F002 (field), never 'no deadline'."""

from __future__ import annotations

import datetime as dt

import pytest

from cxsmart.api import lint_text
from cxsmart.config import Config

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

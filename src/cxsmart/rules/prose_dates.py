"""M008's reading of dates: a title's deadline against the field, and the forms that agree with it
(a milestone among several, the day after, a year of another kind, the date today's value was measured)."""

from __future__ import annotations

import re

from cxsmart.engine.goalview import GoalView
from cxsmart.rule import RuleContext


def a_milestone_agrees(goal: GoalView, field, ctx: RuleContext) -> bool:
    """'Cut emissions by 12% by 2027 and by 30% by 2030' with 'deadline: 2027-12-31': the title sets
    several dated milestones, and the field is the date of one of them."""
    title = goal.goal.title or ""
    for m in (*_MILESTONE.finditer(title), *_YEAR_OF_A_VALUE.finditer(title)):
        when = ctx.workspace.dated_words(m.group(1), goal)
        if when is not None and when.ok and when.first <= field.last <= when.last:
            return True
    return False


_MILESTONE = re.compile(r"(?i)\b(?:by|in|before|until)\s+((?:the\s+end\s+of\s+)?(?:(?:Q[1-4]|H[12])\s+)?(?:FY\s?)?"
                        r"(?:\d{1,2}\s+[A-Za-z]+\s+|[A-Za-z]+\s+)?(?:19|20)\d\d(?:\s?[/\-–]\s?(?:19|20)?\d\d)?)(?![\d/\-–])")

# "91% (FY27) | 94% (FY28)": a value's year in brackets after it
_YEAR_OF_A_VALUE = re.compile(r"(?i)(?<=[\d%])\s?\(((?:FY\s?)?(?:19|20)?\d\d(?:\s?[/\-–]\s?(?:19|20)?\d\d)?)\)")


def next_day(title_date, deadline) -> bool:
    """'by 1 April 2027' and 'deadline: 2027-03-31': the day after a deadline is the same intent."""
    return title_date.first == title_date.last and abs((title_date.last - deadline.last).days) == 1


def as_written(fact, goal, ctx) -> str:
    """The title's deadline as the field should hold it: ISO for one day (T010 asks for that), the
    last day of a period named with no year ('by Q3': T009 asks for the year), else the words."""
    value = fact.value
    if getattr(value, "yearless", False):
        start = goal.start.first if goal.start is not None and goal.start.ok else None
        value = value.resolved(start or ctx.today, ctx.fiscal_start)
        return value.last.isoformat() if value.ok and value.last is not None else fact.words
    if getattr(value, "kind", None) == "day" and getattr(value, "ok", False) and value.last is not None:
        return value.last.isoformat()
    return getattr(value, "text", None) or fact.words    # "2026-27", not "in every month of 2026-27"


def could_be_the_deadline(title_date, goal, ctx) -> bool:
    """The title's date would make a valid deadline: after the start, and not already past."""
    start = goal.start.first if goal.start is not None and goal.start.ok else None
    return title_date.last > (start or ctx.today) and title_date.last >= ctx.today


def when_it_was_measured(title_date, deadline, goal, ctx, fact=None) -> bool:
    """A date in the title that is already past, beside a baseline, while the field's deadline is
    ahead, tells when today's value was measured ('from 61% in Q2 2026/27', '(baseline 82%, Oct
    2026)', '(72% in October 2026)'), not another deadline. Past means before the start, or before
    today when the title does not say 'by' it (a goal that started in April can quote October)."""
    start = goal.start.first if goal.start is not None and goal.start.ok and goal.start.first else None
    title = goal.goal.title or ""
    at = title.find(fact.words) if fact is not None and fact.words else -1
    said_by = at >= 0 and re.search(r"(?i)\b(?:by|before|until|no later than)\s+(?:the\s+end\s+of\s+)?$", title[:at])
    now = start if start is not None and (said_by or start > ctx.today) else ctx.today
    measured = goal.baseline is not None or goal.facts.baseline is not None
    return measured and title_date.last < now and deadline.last >= now


_SPLIT_YEAR = re.compile(r"(?i)(?<![\dq])(?:fy\s?)?(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})(?!\d)")


def period_covered(words: str, title_date, deadline) -> bool:
    """'... for the 2027 tax year' with 'deadline: 30 April 2028': 'for' names the period the measure
    covers, and its result is known some time after the period closes (returns filed by April), so
    a deadline within a year after it agrees."""
    return words.lower().startswith("for ") and title_date.last < deadline.first and \
        (deadline.last - title_date.last).days <= 366


def year_of_another_kind(words: str, deadline) -> bool:
    """'in 2026/27' with 'deadline: 31/07/2027': a year that runs across two calendar years (academic,
    financial) and ends in the deadline's year, whichever month the team's year ends in. A quarter or
    a month named with it is precise, and judged as read."""
    m = _SPLIT_YEAR.search(words)
    if m is None or re.search(r"(?i)\b(?:q[1-4]|h[12]|quarter|half|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
                              words):
        return False
    second = int(m.group(2)) if len(m.group(2)) == 4 else 2000 + int(m.group(2))
    first = int(m.group(1)) if len(m.group(1)) == 4 else 2000 + int(m.group(1))
    return second == first + 1 and deadline.last.year == second


def title_date(fact, goal, ctx):
    """The title's deadline read as the field is, with the configuration: from its words when they
    name more than the reader kept ('in every month of 2027/28' is the fiscal year 2027/28)."""
    read = ctx.workspace.dated_words(_CUE.sub("", fact.words.strip()), goal) if fact.value.relative is None else None
    return read if read is not None and read.ok else ctx.workspace.dated(fact.value, goal, prose=True)


_CUE = re.compile(r"(?i)^(?:by|in|before|until|through|to)\s+")

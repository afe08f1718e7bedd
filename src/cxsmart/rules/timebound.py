"""T: Time-bound. A real deadline, after the start, inside the parent's, not yet passed."""

from __future__ import annotations

from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.timeframes import describe, quarter
from cxsmart.model.unplaced import unplaced
from cxsmart.read.loader import vague_deadline_word
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.fixable import reads_with_year, year_fix


class NoDeadline(Rule):
    """The goal has no deadline.

    A service standard's window is part of its measure, not a deadline: "within 10 working days",
    and a window after each case's event, "within three months of receipt", "within 30 days from
    the closing date". A window after a one-off event ("within 30 days after the lease is signed")
    is a deadline relative to it (T006).

    ## Why it matters
    Del Moro: every goal needs a time frame, usually a quarter or a few quarters. Without a
    date, a goal is never late, so it is never urgent.

    ## Example
    ```yaml
    - title: Increase CSAT from 72% to 78%
      metric: csat
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2026-12-31
      metric: csat
      deadline: 2026-12-31
    ```
    """

    code = "T001"
    name = "no-deadline"
    severity = Severity.ERROR
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if not goal.present("deadline") and goal.facts.deadline is None and not goal.facts.extra.get("vague-deadlines"):
            day, period = _next_quarter(ctx)                # 'going forward' is T002's: one finding, not two
            yield ctx.report(self, goal, f"goal {goal.label} has no deadline", at=goal.title_span,
                             hint=f"add 'deadline: {day.isoformat()}' (or a period such as '{period}') and say it "
                                  f"in the title: '... by {describe(day)}'")


def _next_quarter(ctx: RuleContext) -> tuple:
    """The end of the quarter a year from now and its name: an example deadline that is not past,
    and leaves a goal a year's pace (a nearer one could make the change implausible, A001)."""
    day = quarter(ctx.today, 4)[1]
    return day, f"Q{(day.month - 1) // 3 + 1} {day.year}"


class VagueDeadline(Rule):
    """A deadline that is no deadline: "ASAP", "soon", "ongoing", or an event such as "after go-live".

    Reported when the goal has no real deadline besides the vague words. The words come
    from the `vague-deadlines` pack. A deadline that names an event or a season instead of a
    date ("after go-live", "after the CRM migration", "once the new CRM goes live", "before the
    summer peak"), in the title or as the value of `deadline:`, is one too: the event may slip,
    and the goal with it. As a field it is this finding, once, not a date that cannot be read.

    ## Why it matters
    Del Moro: a goal belongs to a period, most often one or more quarters. "ASAP" is a mood,
    not a date: nobody can be late against it.

    ## Example
    ```yaml
    - title: Reduce call abandonment from 9% to 5% ASAP
    ```

    ## Use instead
    ```yaml
    - title: Reduce call abandonment from 9% to 5% by 30 September 2026
    ```
    """

    code = "T002"
    name = "vague-deadline"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        written = goal.item.unreadable.get("deadline")
        if vague_deadline_word(written):
            yield ctx.report(self, goal, f"'deadline: {written}' {_no_date(written)}",
                             at=goal.span("deadline"), subject=str(written).lower(),
                             hint=f"write a date or a period, e.g. 'deadline: {_next_quarter(ctx)[0].isoformat()}' or "
                                  f"'deadline: {_next_quarter(ctx)[1]}'")
            return
        if goal.deadline is not None:
            return
        for fact in goal.facts.extra.get("vague-deadlines", [])[:1]:
            yield ctx.report(self, goal, f"'{fact.words}' {_no_date(fact.words)}", at=fact.span,
                             subject=fact.words.lower(),
                             hint=f"write a date or a period, e.g. 'by {describe(_next_quarter(ctx)[0])}' or "
                                  f"'by {_next_quarter(ctx)[1]}'")


def _no_date(words: str) -> str:
    names = unplaced(words)
    if names:
        return f"names {'an event' if names == 'event' else 'a season'}, not a date: give the date it means"
    return "is not a deadline: give a date"


class PastDeadline(Rule):
    """The deadline has passed (`--today` or `today` in the configuration pins the date).

    ## Why it matters
    A goal whose date is behind us is either achieved, missed, or silently extended; the
    goals file should say which. Kiruthu (ICX Kenya): managers should follow each goal's
    progress and tell the people involved promptly how it is going.

    ## Example
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2020-12-31
      deadline: 2020-12-31
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2099-12-31
      deadline: 2099-12-31
    ```
    """

    code = "T003"
    name = "past-deadline"
    severity = Severity.WARNING
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        deadline = goal.deadline
        if deadline is not None and deadline.ok and deadline.last < ctx.today:
            yield ctx.report(self, goal, f"deadline {describe(deadline.last)} has passed (today is "
                             f"{describe(ctx.today)})", at=goal.at("deadline"),
                             hint="record the result and set a new goal, or move finished goals to a folder "
                                  "listed in 'exclude'")


class DeadlineBeforeStart(Rule):
    """The deadline is on or before the start.

    ## Why it matters
    A goal that ends before it begins has no time to be worked on; usually a typo in a year.

    ## Example
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2026-03-31
      start: 2026-04-01
      deadline: 2026-03-31
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2027-03-31
      start: 2026-04-01
      deadline: 2027-03-31
    ```
    """

    code = "T004"
    name = "deadline-before-start"
    severity = Severity.ERROR
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        start, deadline = goal.start, goal.deadline
        if start is None or deadline is None or not start.ok or not deadline.ok:
            return
        if deadline.last <= start.first:
            yield ctx.report(self, goal, f"deadline {describe(deadline.last)} is not after the start "
                             f"{describe(start.first)}", at=goal.at("deadline"),
                             hint="check the years of 'start' and 'deadline'")


class OutlivesParent(Rule):
    """The goal's deadline is after its parent goal's deadline.

    ## Why it matters
    Del Moro: quarterly goals feed a shorter list of yearly ones. A team goal that ends after
    the corporate goal it serves cannot count towards it.

    ## Example
    ```yaml
    - id: corporate
      title: Increase NPS from 20 to 30 by 2026-12-31
      deadline: 2026-12-31
    - id: team
      title: Increase NPS in retail from 18 to 28 by 2027-06-30
      parent: corporate
      deadline: 2027-06-30
    ```

    ## Use instead
    ```yaml
    - id: corporate
      title: Increase NPS from 20 to 30 by 2026-12-31
      deadline: 2026-12-31
    - id: team
      title: Increase NPS in retail from 18 to 28 by 2026-09-30
      parent: corporate
      deadline: 2026-09-30
    ```
    """

    code = "T005"
    name = "outlives-parent"
    severity = Severity.WARNING
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        parent, deadline = goal.parent, goal.deadline
        if parent is None or deadline is None or parent.deadline is None or not deadline.ok or not parent.deadline.ok:
            return
        if deadline.last > parent.deadline.last:
            yield ctx.report(self, goal, f"deadline {describe(deadline.last)} is after the deadline of parent goal "
                             f"{parent.label} ({describe(parent.deadline.last)})", at=goal.at("deadline"),
                             hint=f"finish by {describe(parent.deadline.last)}, or roll it up to a later goal")


class RelativeDeadline(Rule):
    """A relative deadline ("within six months", "next financial year") with no `start`.

    Relative dates are read against the goal's `start`; without one they mean something
    different every time someone reads the file.

    ## Why it matters
    Renascence's sample goal gives satisfaction scores six months to rise: six months from
    when? The goal written in January and read in May disagree.

    ## Example
    ```yaml
    - title: Increase NPS from 20 to 30 within a year
      deadline: within a year
    ```

    ## Use instead
    ```yaml
    - title: Increase NPS from 20 to 30 within a year
      start: 2026-01-01
      deadline: within a year
    ```
    """

    code = "T006"
    name = "relative-deadline"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        for field in ("start", "deadline"):
            value = getattr(goal, field)
            if value is not None and value.relative is not None:
                words = goal.facts.deadline.words if field == "deadline" and goal.from_prose("deadline") else value.text
                from_today = value.anchored(ctx.today, ctx.fiscal_start) if field == "deadline" else None
                dated = f"'deadline: {from_today.last.isoformat()}'" if from_today is not None and \
                    from_today.ok and from_today.last is not None else "'deadline: 2027-06-30'"
                yield ctx.report(self, goal, f"{field} '{words}' is relative, and there is no start date "
                                 "to count from", at=goal.at(field), subject=words.lower(),
                                 hint=f"add 'start:' with the date it counts from, or write the deadline as a date "
                                      f"(counted from today: {dated})")


class StaleBaseline(Rule):
    """The baseline was measured more than 12 months before the goal starts.

    Reads the baseline's `as_of` (`baseline: {value: 72, unit: percent, as_of: 2025-01-31}`)
    against the goal's `start`, or today when there is no start. An `as_of` may be the label
    of the period measured ("rolling 12 months to Aug 2026", "2025/26 outturn", "year to date
    Sept 2026"): the measurement is as of the period's last day.

    ## Why it matters
    A target set against a year-old number may already be met, or out of reach. Renascence:
    markets, customers and business aims change, and CX goals need revisiting as they do.

    ## Example
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2026-12-31
      baseline: {value: 72, unit: percent, as_of: 2024-06-30}
      start: 2026-01-01
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2026-12-31
      baseline: {value: 72, unit: percent, as_of: 2025-12-31}
      start: 2026-01-01
      deadline: 2026-12-31
    ```
    """

    code = "T008"
    name = "stale-baseline"
    severity = Severity.INFO

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        as_of = goal.baseline_as_of
        if as_of is None or not as_of.ok:
            return
        start = goal.start.first if goal.start is not None and goal.start.ok else ctx.today
        try:
            limit = start.replace(year=start.year - 1)
        except ValueError:                          # 29 February
            limit = start.replace(year=start.year - 1, day=28)
        if as_of.last < limit:
            months = round((start - as_of.last).days / (365.25 / 12))
            yield ctx.report(self, goal, f"the baseline was measured {months} months before the start "
                             f"({describe(as_of.last)})", at=goal.span("baseline", "as_of") or goal.span("baseline"),
                             hint="measure the baseline again before the goal starts")


class YearlessDeadline(Rule):
    """A deadline with no year: "by Q3", "by year end", "by EOQ", "by September".

    It is a deadline (T001 does not fire): cxsmart reads it as the next such period ending on
    or after the goal's start (or today), and asks for the year, because the goal file outlives
    the year it was written in.

    ## Why it matters
    Goals are set for a quarter or a few quarters (Del Moro), and they are reviewed long after
    they were written: "by Q3" read next year points at a different quarter.
    Kiruthu (ICX Kenya): a goal with no time frame ends up never measured; one with half a
    time frame is measured against the wrong one.

    ## Example
    ```yaml
    - title: Lift first contact resolution from 72% to 78% by Q3
    ```

    ## Use instead
    ```yaml
    - title: Lift first contact resolution from 72% to 78% by Q3 2027
    ```
    """

    code = "T009"
    name = "yearless-deadline"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        deadline = goal.deadline
        if deadline is None or not getattr(deadline, "yearless", False):
            return
        written = goal.written("deadline")
        if deadline.last is None:                   # '30 February': no such day to read it as (T007 says so)
            yield ctx.report(self, goal, f"deadline '{written}' names no year", at=goal.at("deadline"),
                             subject=written.lower(), hint="write the date that is meant, with its year")
            return
        year = deadline.last.year
        diag = ctx.report(self, goal, f"deadline '{written}' names no year: read as {describe(deadline.last)}, the "
                          f"next one after {'the start' if goal.start is not None else 'today'}",
                          at=goal.at("deadline"), subject=written.lower(),
                          hint=f"write the year: '{written} {year}'" if reads_with_year(written, deadline, year) else
                          f"write the date it means, e.g. '{deadline.last.isoformat()}'")
        yield year_fix(diag, goal, written, deadline, year)

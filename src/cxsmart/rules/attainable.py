"""A: Attainable. Stretching but possible: how far and how fast a goal moves (A001). A target already
met and a change too small to count are in achieved.py; how many goals one owner holds in workload.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.measure import bound, show, show_change, unit_problem
from cxsmart.model.timeframes import describe
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.achieved import change_of
from cxsmart.rules.levels import already_holds, holds_level




def _change_alone(goal: GoalView) -> tuple[None, None, float] | None:
    """(None, None, change) for a change written with no baseline ('up 40 over the previous
    quarter', `target: "+40"`) in the metric's own unit: its size is known without a start."""
    metric, target = goal.metric, goal.target
    if metric is None or target is None or not target.change or target.factor or goal.baseline is not None:
        return None
    if target.unit not in (None, "points") or unit_problem(target, metric, "target"):
        return None                                 # '-5%' of an amount: its size needs today's value
    return None, None, target.value


# A team's own metric with no `max_change_per_quarter` but a known direction gets a generic pace, set
# well beyond the fastest metric of its kind in the built-in catalogue (whose paces come from
# published improvement figures: service level 10 points a quarter; response, resolution and wait
# times and complaint counts 30% of today's value): a percentage 30 points a quarter, anything else
# three quarters of today's value a quarter. A share answered within a time moves fast when the
# queue behind it is fixed (Erlang-C: waits grow steeply as a queue nears capacity, so a few more
# staff lift a service level by tens of points in weeks), and a lead time can be cut by more than
# half in a quarter by a process change (acknowledging complaints the next day instead of in 2.3).
# At 20 points and half of today's value it flagged four sound goals on the tuning repositories
# (36 and 32 points in four months, 2.3 to 1 day and 105 to 168 opening hours in a quarter) and
# found no labelled implausible change that this pace misses.
GENERIC_PACE = {"percent": 30.0, "points": 30.0}
GENERIC_RELATIVE_PACE = "75%"
# A share of the team's own is also held to a generic fold: 1.5 times (or a third less) a quarter,
# just beyond the catalogue's fastest relative pace (30% of today's value a quarter, 1.43-fold), and
# only once the whole move is threefold ("10% to 50% in seven months": 30 points a quarter allows
# it, a fivefold move does not). On the tuning repositories the fastest sound share moved
# 1.2-fold a quarter; the labelled implausible ones 1.6- to 5-fold.
# A move of under 5 points is not held to it: a share of a few per cent counts rare events (missed
# visits, failed payments), which a fix can cut threefold ("0.9% to 0.3%" was labelled sound on a
# blind repository), while the fold it flags on the team repositories moves 50 points.
GENERIC_FOLD, GENERIC_FOLD_AT_LEAST, GENERIC_FOLD_POINTS = 1.5, 3.0, 5.0


def pace_of(metric) -> float | str | None:
    """The metric's plausible change a quarter: declared, or the generic one for its kind."""
    if metric.max_change_per_quarter is not None:
        return metric.max_change_per_quarter
    if metric.better is None or metric.unit == "score":
        return None                                 # a score's pace depends on its scale: not guessed
    return GENERIC_PACE.get(metric.unit, GENERIC_RELATIVE_PACE)


def plausible_change(goal: GoalView, baseline: float, today: dt.date) -> tuple[float, float] | None:
    """(plausible change a quarter, plausible change in the goal's window) for its metric, from the
    metric's `max_change_per_quarter`; None when the metric or the window gives none."""
    metric, deadline = goal.metric, goal.deadline
    if metric is None or deadline is None or not deadline.ok or pace_of(metric) is None:
        return None
    start, _ = _window(goal, today)
    per_quarter = bound(pace_of(metric), baseline)
    if deadline.last <= start or not per_quarter:
        return None
    return per_quarter, per_quarter * quarters(start, deadline.last)


def quarters(first: dt.date, last: dt.date) -> float:
    """How many quarters a window holds: whole calendar months when it runs from a month's first
    day to a month's last ('2027-01-01' to '31 March 2027' is one quarter, not 89/91.3 of one),
    else its days."""
    after = last + dt.timedelta(days=1)
    if first.day == 1 and after.day == 1:
        return ((after.year - first.year) * 12 + after.month - first.month) / 3
    return (last - first).days / (365.25 / 4)


def _window_words(start: dt.date, last: dt.date, taken: bool = False) -> str:
    """The goal's window as a message says it: '7 months', '40 days' under a month, or 'the quarter
    before its deadline' when that is the window taken for a goal that gives no start."""
    if taken:
        return "the quarter before its deadline"
    months = round(quarters(start, last) * 3)
    return f"{months} month{'s' if months != 1 else ''}" if months >= 1 else f"{(last - start).days} days"


def _window(goal: GoalView, today: dt.date) -> tuple[dt.date, bool]:
    """When the goal's change began, and whether that start was taken rather than given: `start`, the
    baseline's date, or today; but a goal that says neither is taken to have been set at least a
    quarter before its deadline (a 'Q2 FY27' goal linted in December began before December), so a
    month left is not read as a month's work."""
    if goal.start is not None and goal.start.ok:
        return goal.start.first, False
    if goal.baseline_as_of is not None and goal.baseline_as_of.ok:
        return goal.baseline_as_of.last, False
    deadline = goal.deadline
    if deadline is not None and deadline.ok and deadline.last > today:    # a past deadline is T003's
        start = min(today, _months_before(deadline.last, 3))
        return start, start < today
    return today, False


def _start_hint(goal: GoalView, taken: bool) -> str:
    """How to give the goal's real start, when it has none."""
    if goal.start is not None:
        return ""
    return "; if the goal began earlier, say so with 'start:'" if taken else \
        "; if the goal began before today, say so with 'start:'"


def _months_before(last: dt.date, months: int) -> dt.date:
    """The day after the date `months` months before `last`: 2027-01-01 for 2027-03-31."""
    after = last + dt.timedelta(days=1)
    month = after.month - months
    year = after.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(after.day, 28))


class ImplausibleChange(Rule):
    """The change is larger than the metric usually moves in the goal's time window.

    Each metric in the catalogue has a plausible change per quarter
    (`max_change_per_quarter`, e.g. 10 NPS points, 5 CSAT points, 15% of handling time).
    The window runs from `start` (or the baseline's `as_of`, or the past date the title gives
    today's value, as in "up from 91% in 2025/26", or today) to the deadline; a goal that gives
    none of these is taken to have been set at least a quarter before its deadline, so a goal
    due on 31 December, linted in December, is not judged as a month's work.
    A metric defined in a precise unit (`unit: mins`, `unit: £k`) has its bound in that unit;
    values are compared after converting within the unit's family (hours and minutes,
    `£2.4m` and `£2,400,000`, "per 1,000" and "per 10,000"). A team's own metric that declares
    no pace, but whose direction is known, gets a generic one well beyond the fastest in the
    catalogue: 30 points a quarter for a percentage, three quarters of today's value a quarter for
    anything else (a score's pace depends on its scale, and is not guessed); a share is also
    held to 1.5-fold a quarter once the whole move is threefold ("from 10% to 50% in seven
    months" stays within 30 points a quarter, but grows fivefold), and moves 5 points or more (a
    share of a few per cent counts rare events, which a fix may cut threefold: "missed visits from
    0.9% to 0.3%"). A share the title moves under
    no name ("Lift self-service share from 10% to 50% by ...") is judged as the goal's own, in
    the direction its numbers go. A target today's value already meets asks for no change and
    is not judged: a guardrail ("keep on-time delivery at or above 92%" at 93.4%) keeps it, and a
    goal whose words ask for change is A002's (75% when the line achieves 89%).

    ## Why it matters
    Del Moro: when a goal is so ambitious that it is bound to fail, it is hard to get a team
    to chase it. Stretch goals work; impossible ones are ignored.

    ## Example
    ```yaml
    - title: Raise NPS from 10 to 60 by 2026-06-30
      metric: nps
      baseline: 10
      target: 60
      start: 2026-01-01
      deadline: 2026-06-30
    ```

    ## Use instead
    ```yaml
    - title: Raise NPS from 10 to 25 by 2026-06-30
      metric: nps
      baseline: 10
      target: 25
      start: 2026-01-01
      deadline: 2026-06-30
    ```
    """

    code = "A001"
    name = "implausible-change"
    severity = Severity.WARNING
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        moved = change_of(goal) or _change_alone(goal)
        metric, deadline = goal.metric, goal.deadline
        if moved is None or deadline is None or not deadline.ok or pace_of(metric) is None:
            return
        baseline, landed, change = moved
        if baseline is None and isinstance(pace_of(metric), str):
            return                                  # a pace in % of today's value, and no today's value
        pace = plausible_change(goal, baseline, ctx.today)
        if pace is None:
            return
        per_quarter, allowed = pace
        if abs(change) <= allowed * 1.0001:
            yield from self._multiplied(goal, ctx, baseline, landed)
            return
        if already_holds(metric.better, change):
            return                                  # a level today's value already meets: no change asked (A002
            #                                         says so when the words ask for one; a guardrail keeps it)
        name = metric.name or metric.id
        start, taken = _window(goal, ctx.today)
        window = _window_words(start, deadline.last, taken)
        yield ctx.report(
            self, goal,
            f"a change of {show_change(change, metric)} in {window} is more than {name} usually moves "
            f"(about {show_change(per_quarter, metric)} a quarter, so {show_change(allowed, metric)} in this window)",
            at=goal.at("target"),
            hint=(f"aim for about {show(baseline + allowed * (1 if change > 0 else -1), metric)}" if baseline is not None
                  else f"aim for a change of about {'+' if change > 0 else '-'}{show_change(allowed, metric)}")
                 + f" by {describe(deadline.last)}, or give the goal more time"
                 + _start_hint(goal, taken))


    def _multiplied(self, goal: GoalView, ctx: RuleContext, baseline: float | None, landed: float):
        """A share of the team's own that the goal multiplies or divides faster than the generic fold."""
        metric, deadline = goal.metric, goal.deadline
        if baseline is None or metric.max_change_per_quarter is not None or metric.unit != "percent":
            return
        if not (0 < baseline <= 100 and 0 < landed <= 100) or abs(landed - baseline) < GENERIC_FOLD_POINTS or \
                holds_level(goal) or \
                already_holds(metric.better, landed - baseline):
            return                                  # (a target already met asks for no change: A002's)
        start, taken = _window(goal, ctx.today)
        fold, allowed = max(landed / baseline, baseline / landed), GENERIC_FOLD ** quarters(start, deadline.last)
        if fold < GENERIC_FOLD_AT_LEAST or fold <= allowed * 1.0001:
            return
        window = _window_words(start, deadline.last, taken)
        way = "grows" if landed > baseline else "falls"
        aim = baseline * allowed if landed > baseline else baseline / allowed
        yield ctx.report(
            self, goal,
            f"{show(baseline, metric)} to {show(landed, metric)} {way} {fold:.1f}-fold in {window}: a share seldom "
            f"moves more than {GENERIC_FOLD}-fold a quarter, so about {allowed:.1f}-fold in this window",
            at=goal.at("target"),
            hint=f"aim for about {show(round(aim, 1), metric)} by {describe(deadline.last)}, or give the goal more time"
                 + _start_hint(goal, taken))

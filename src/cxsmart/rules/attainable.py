"""A: Attainable. Stretching but possible (how many goals one owner holds is in workload.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.measure import (bound, incomparable, met_already, ranked, resolve_target, show, show_change,
                                   unit_problem, verb_against_numbers, verb_way)
from cxsmart.model.timeframes import describe
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.levels import already_holds, asks_change, holds_level


def _change(goal: GoalView) -> tuple[float, float, float] | None:
    """(baseline, landed target, change) in the metric's unit, when all are known and comparable
    (A001, A002 and A004 each ask: worked out once while the three values stay the same)."""
    metric, baseline, target = goal.metric, goal.baseline, goal.target
    return goal.remembered("change", (metric, baseline, target), lambda: _work_out_change(metric, baseline, target))


def _work_out_change(metric, baseline, target) -> tuple[float, float, float] | None:
    if metric is None or baseline is None or target is None or ranked(baseline) or ranked(target):
        return None                                 # a league position is not a value of the metric
    if unit_problem(baseline, metric, "baseline") or unit_problem(target, metric, "target") or \
            incomparable(baseline, target):
        return None
    landed = resolve_target(baseline, target)
    if landed is None:
        return None
    return baseline.value, landed, landed - baseline.value


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
        moved = _change(goal) or _change_alone(goal)
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


class AlreadyAchieved(Rule):
    """The baseline already meets the target of a goal that asks for change: nothing to achieve.

    A goal that holds a level is not asking for change, and holding a level you already meet
    is its point: "keep abandonment under 5% every week", "maintain CSAT at or above 85%",
    "hold at least 97% of disputes closed inside the time limit", "no more than 2% of calls
    abandoned". Such a guardrail is read from a holding verb (keep, maintain, hold, sustain,
    stay, remain, protect, preserve, "continue to be", "retain our position"), from a threshold
    target written with no verb of change ("at least 85%", "≤ 5%", "under 6 minutes", a title's "(>=92%)"
    over `target: 92%`), from a level kept through a period ("every week", "at all times"), from a standard of
    availability with no verb of change ("the app is in service 99.8% of the time"), or from a target
    equal to today's value in words that ask for no change ("a no-repossession policy over the
    winter", baseline 0 and target 0); it is quiet here when today's value meets the level,
    and when today is on the wrong side it is a real target anyway. A target already met by a
    goal whose words ask for change ("reduce churn to 3%" when it is 3% today, or "raise the share
    to 83%" when `baseline:` says 84%) is reported; where the title's own numbers point against
    its verb ("raise CSAT from 93% to 90%"), or the verb against the metric's direction, M004
    says so.

    Baseline and target are compared in the metric's unit, whichever way each is written
    (`{value: 4.1 out of 5}` and `4.4/5`, `about 4 days` and `96 hours`).

    ## Why it matters
    Kiruthu (ICX Kenya): a goal that asks nothing of anyone changes nothing; goal-setting
    research finds that harder goals draw more effort. A target behind today's value, written
    as a change, is either a typo or a goal that is already done.

    ## Example
    ```yaml
    - title: Reduce churn rate to 3% by 2026-12-31
      metric: churn_rate
      baseline: 3%
      target: 3%
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Keep churn rate at or below 3% in every month of 2026
      metric: churn_rate
      baseline: 3%
      target: at most 3%
      deadline: 2026-12-31
    ```
    """

    code = "A002"
    name = "already-achieved"
    severity = Severity.WARNING
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        moved = _change(goal)
        if moved is None or goal.target.change or goal.target.factor:
            return
        already = met_already(goal)
        if verb_against_numbers(goal) and not already:
            return                                  # a change the wrong way, or words against numbers: M004
        baseline, landed, change = moved
        better = goal.metric.better or ({"up": "higher", "down": "lower"}.get(verb_way(goal)) if already else None)
        if not already_holds(better, change):
            return
        if holds_level(goal) or (change == 0 and not asks_change(goal)):
            return                                  # keeping a level already met is the goal (a target equal
            #                                         to today's value, in words that ask for no change, too)
        how = "equals" if change == 0 else "is already better than"
        yield ctx.report(self, goal, f"baseline {show(baseline, goal.metric)} {how} the target "
                         f"{show(landed, goal.metric)}: there is nothing to achieve", at=goal.at("target"),
                         hint="set a target beyond today's value, or track this as a threshold, not a goal")


# Where a metric declares no `min_change`: a move smaller than a percentage's reporting noise (half
# a point: a share measured on 1,000 cases at 80% has a 95% margin of about 2.5 points, and shares
# are reported to one decimal) or than 1% of today's value (counts, times, money, scores) is no move.
# Near either end of the scale the bound is a twentieth of the distance to that end (99.8% -> 99.9%
# halves the gap that is left; 2.9% -> 3.3% of sessions is a seventh more): a small share is measured finer.
GENERIC_POINTS, GENERIC_SHARE, GAP_SHARE = 0.5, 0.01, 0.05


def _noise(metric, baseline: float) -> float | None:
    if metric.better is None:
        return None                                 # no direction known: nothing says which moves matter
    if metric.unit in ("percent", "points"):
        near = min(baseline, 100.0 - baseline) * GAP_SHARE
        if metric.unit == "percent" and 0 <= baseline <= 100 and near < GENERIC_POINTS:
            return near     # near either end a tenth of a point is real: 99.8 -> 99.9, 2.9% -> 3.3% of sessions
        return GENERIC_POINTS
    return abs(baseline) * GENERIC_SHARE or None


class TrivialChange(Rule):
    """The change is too small to matter for the metric (below its `min_change`).

    `min_change` is in the metric's unit as its definition writes it (`unit: mins`,
    `min_change: 1` is a minute), or a share of the baseline such as "1%". A metric that
    declares none, and whose direction is known, is held to a generic bound: half a
    percentage point for a percentage (a share measured on 1,000 cases at 80% has a
    margin of about 2.5 points either way, and shares are reported to one decimal) or, near
    either end of the scale, a twentieth of the distance to that end (99.8% to 99.9% halves
    the gap left, 2.9% to 3.3% of sessions is a seventh more: real moves); and 1% of today's
    value for anything else. A guardrail is not held to the generic bound. A share the title
    moves under no name ("lift the no-touch share from 61% to 61.2%") is judged the same way.

    ## Why it matters
    Kiruthu (ICX Kenya): a goal that is a bit hard to reach is what pushes the customer
    experience forward. A change within the
    metric's noise will be met, or missed, by chance.

    ## Example
    ```yaml
    - title: Raise NPS from 32 to 32.5 by 2026-12-31
      metric: nps
      baseline: 32
      target: 32.5
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Raise NPS from 32 to 38 by 2026-12-31
      metric: nps
      baseline: 32
      target: 38
      deadline: 2026-12-31
    ```
    """

    code = "A004"
    name = "trivial-change"
    severity = Severity.INFO
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        moved = _change(goal)
        if moved is None:
            return
        baseline, landed, change = moved
        least = bound(goal.metric.min_change, baseline) if goal.metric.min_change is not None else \
            _noise(goal.metric, baseline)
        if change == 0 or not least or abs(change) >= least:
            return
        if goal.metric.min_change is None and holds_level(goal):
            return                                  # a guardrail asks to hold a level, not to move by much
        name = goal.metric.name or goal.metric.id
        yield ctx.report(self, goal, f"a change of {show_change(change, goal.metric)} is below the "
                         f"{show_change(least, goal.metric)} that counts as a real move in {name}",
                         at=goal.at("target"), hint="set a target that stretches the team, or drop the goal")

"""A: Attainable, the levels a goal starts from and lands on: a target today's value already meets
(A002), and a change too small to tell from noise (A004). How far and how fast a goal moves is in
attainable.py; how many goals one owner holds is in workload.py."""

from __future__ import annotations

from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.measure import (bound, incomparable, met_already, ranked, resolve_target, show, show_change,
                                   unit_problem, verb_against_numbers, verb_way)
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.levels import already_holds, asks_change, holds_level


def change_of(goal: GoalView) -> tuple[float, float, float] | None:
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


class AlreadyAchieved(Rule):
    """The baseline already meets the target of a goal that asks for change: nothing to achieve.

    A goal that holds a level is not asking for change, and holding a level you already meet
    is its point: "keep abandonment under 5% every week", "maintain CSAT at or above 85%",
    "hold at least 97% of disputes closed inside the time limit", "no more than 2% of calls
    abandoned". Such a guardrail is read from a holding verb (keep, maintain, hold, sustain, stay,
    remain, protect, preserve, "continue to be", "retain our position"), from a `notes:` that calls
    its level a guardrail ("keep churn at or under 5%" over `target: 5%`), from a threshold target
    written with no verb of change ("at least 85%", "≤ 5%", "under 6 minutes", a title's "(>=92%)"
    over `target: 92%`), from a level kept through a period ("every week", "at all times"), from a
    standard of availability with no verb of change ("the app is in service 99.8% of the time"), or
    from a target equal to today's value in words that ask for no change ("a no-repossession policy
    over the winter", baseline 0 and target 0); it is quiet here when today's value meets the level,
    and when today is on the wrong side it is a real target anyway.
    A target already met by a goal whose words ask for change ("reduce churn to 3%" when it is 3%
    today, or "raise the share to 83%" when `baseline:` says 84%) is reported; where the title's own
    numbers point against its verb ("raise CSAT from 93% to 90%"), or the verb against the metric's
    direction, M004 says so.

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
        moved = change_of(goal)
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
        moved = change_of(goal)
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

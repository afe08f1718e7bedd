"""M: Measurable. A metric, a baseline and a target: "from what to what"."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.goalview import GoalView
from cxsmart.model.measure import (
    ambiguous_percent,
    bound,
    metric_range,
    resolve_target,
    show,
    unit_problem,
    verb_way,
)
from cxsmart.model.quantities import PERCENT, Quantity, format_duration, format_number
from cxsmart.rule import Rule, RuleContext
from cxsmart.rules.attainable import plausible_change


class NoMetric(Rule):
    """The goal names no metric, so nobody can tell whether it was met.

    Reads the `metric` field and, through the language checks, a metric named in the title
    or description (NPS, CSAT, churn rate ... by name or alias).

    ## Why it matters
    Kiruthu (ICX Kenya): some organisations set CX goals that cannot be measured, or that
    simply never are. Choosing the metric is what
    links a tactical goal to the strategic one (Del Moro).

    ## Example
    ```yaml
    - title: Make our customers happier
      owner: contact-centre
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Increase CSAT from 72% to 78% by 2026-12-31
      metric: csat
      baseline: 72%
      target: 78%
      owner: contact-centre
      deadline: 2026-12-31
    ```
    """

    code = "M001"
    name = "no-metric"
    severity = Severity.ERROR
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if not goal.present("metric") and goal.facts.metric is None:
            yield ctx.report(self, goal, f"goal {goal.label} names no metric: nobody can tell whether it was met",
                             at=goal.title_span,
                             hint="add 'metric:' (e.g. csat, nps, churn_rate, aht; `cxsmart metrics` lists them) "
                                  "and say it in the title: 'Increase CSAT from 72% to 78% by ...'")


class NoBaseline(Rule):
    """The goal says where to go but not where it starts.

    ## Why it matters
    Kiruthu (ICX Kenya): vague goals such as "improve customer experience" give no starting
    level and no end level. A relative target ("by 30%") means nothing without a
    baseline: 30% of what?

    ## Example
    ```yaml
    - title: Increase survey response rate for top-tier customers by 30% by 2026-06-30
      metric: survey_response_rate
      target: +30%
      deadline: 2026-06-30
    ```

    ## Use instead
    ```yaml
    - title: Increase survey response rate for top-tier customers from 12% to 15.6% by 2026-06-30
      metric: survey_response_rate
      baseline: 12%
      target: 15.6%
      deadline: 2026-06-30
    ```
    """

    code = "M002"
    name = "no-baseline"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if goal.baseline is not None or goal.present("baseline"):
            return
        verb = goal.facts.direction
        if verb is not None and verb.value == "hold" and goal.target is not None and not goal.target.change:
            return                                  # "keep CSAT at or above 4.3": the level kept is the start
        target = goal.target
        if target is not None and (target.change or target.factor):
            words = goal.written("target")
            message = f"goal {goal.label} has a relative target '{words}' but no baseline: " + \
                (f"{words} from what?" if target.factor else f"{words} of what?")
        elif (window := _window(goal)) is not None:
            message = f"goal {goal.label} has no baseline: say what share is met {window} today"
        else:
            message = f"goal {goal.label} has no baseline: say where the metric starts"
        at = goal.at("target") if target is not None else goal.title_span
        yield ctx.report(self, goal, message, at=at, hint=_baseline_hint(goal, ctx.today))


def _window(goal: GoalView) -> str | None:
    """A service standard's window, as the title words it ('within 20 seconds'), when the goal's
    target is the share that meets it: the window belongs to the measure."""
    if goal.target is None or goal.target.unit != PERCENT:
        return None
    standards = goal.facts.extra.get("service-standard") or []
    if standards:
        words = standards[0].words.strip()
        return words if words.lower().startswith(("within", "in ")) else f"within {words}"
    m = _WINDOW_WORDS.search(goal.goal.title or "")
    deadline = goal.facts.deadline
    if m is None or (deadline is not None and deadline.words and deadline.words in m.group(0)):
        return None                                 # "within 12 months" read as the deadline
    return m.group(0)


_WINDOW_WORDS = re.compile(r"(?i)\b(?:within|in\s+under|in\s+less\s+than)\s+[\w.-]+\s+(?:working\s+|business\s+)?"
                           r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|rings?)\b")


def _baseline_hint(goal: GoalView, today=None) -> str:
    """How the goal would read with a baseline, worked out on an example value in its unit. An
    absolute target ("to under 6 minutes") gets an example on its worse side, read from the
    metric's better direction or the goal's verb; with neither, no reading is shown."""
    metric, target = goal.metric, goal.target
    if metric is not None and target is not None and unit_problem(target, metric, "target"):
        return "add 'baseline:' with today's value, in the metric's unit (the target's unit is checked by M007)"
    unit = metric.unit if metric else ("percent" if target is not None and target.unit == PERCENT else None)
    absolute = target is not None and not (target.change or target.factor)
    if (unit is None and target is None) or (metric is None and unit is None and absolute):
        return "add 'baseline:' with today's value of the metric the goal should move"
    value = _example_value(goal, unit)

    def shown(v: float) -> str:
        if metric is not None:
            return show(v, metric)
        return f"{format_number(round(v, 1))}%" if unit == "percent" else format_number(round(v, 2))

    if absolute:
        value = _worse_side(goal, target.value, value)
        pace = plausible_change(goal, target.value, today) if value is not None and today is not None else None
        if pace is not None and abs(target.value - value) > pace[1] * 0.8:   # a start the goal can move from
            value = target.value + (pace[1] * 0.8 if value > target.value else -pace[1] * 0.8)
            whole = math.floor(value) if value > target.value else math.ceil(value)   # a round number, nearer
            # unless rounding reaches the target or passes it (3.4 above a target of 3.1 is not 3)
            value = whole if (whole > target.value) == (value > target.value) and whole != target.value \
                else round(value, 2)
        if value is None:
            return "add 'baseline:' with today's value, so the goal reads 'from <today> to " \
                   f"{shown(target.value)}'"
    start = f"add 'baseline:' with today's value (e.g. 'baseline: {shown(value)}')"
    if target is None:
        return start
    resolved = resolve_target(Quantity(value, "percent" if unit == "percent" else None), target)
    if resolved is None:
        return start
    return f"{start}, so the goal reads 'from {shown(value)} to {shown(resolved)}'"


def _example_value(goal: GoalView, unit: str | None) -> float:
    metric = goal.metric
    value = _EXAMPLE_BASELINE.get(unit, 100.0)
    if unit == "percent" and metric is not None and metric.better == "lower":
        value = 12.0                                # churn, repeat calls: small shares
    elif unit == "score" and metric is not None and metric.range and None not in metric.range:
        low, high = metric.range
        value = round(low + (high - low) * 0.7, 1)
    return value


def _worse_side(goal: GoalView, target: float, example: float) -> float | None:
    """An example start that the target improves on: `example` if it does, else a fifth above the
    target where lower is better, a tenth below where higher is, inside the metric's range; None
    when the direction is unknown."""
    verb = goal.facts.direction.value if goal.facts.direction is not None else None
    better = (goal.metric.better if goal.metric is not None else None) or {"up": "higher", "down": "lower"}.get(verb)
    if better not in ("higher", "lower") or target == 0:
        return None
    if (example < target) if better == "higher" else (example > target):
        return example
    grow = (better == "lower") == (target > 0)
    value = round(target * (1.2 if grow else 0.9), 2)
    low, high = metric_range(goal.metric) if goal.metric is not None else (None, None)
    if (low is not None and value < low) or (high is not None and value > high):
        return None
    return value


_EXAMPLE_BASELINE = {"percent": 60.0, "points": 20.0, "score": 4.0, "duration": 360.0, "currency": 100.0,
                     "count": 100.0, "ratio": 1.0}


class NoTarget(Rule):
    """The goal has no target: it says what to measure but not what counts as success.

    A number that qualifies rather than sets the level is no target: one in an opening condition
    closed by a comma ("If we cannot reply within three weeks, we will write to you": the promise is
    the letter, which has no number), a population ("cases open longer than 30 days"), a payment
    for a missed promise ("you will receive a further £40") or the hours a service runs ("24/7",
    "24 hours a day, 365 days a year"; but "available 24/7" is a standard of availability).

    ## Why it matters
    Without an end point, any movement can be called progress. Del Moro: say precisely what
    counts as success.

    ## Example
    ```yaml
    - title: Improve first contact resolution by 2026-09-30
      metric: fcr
      baseline: 68%
      deadline: 2026-09-30
    ```

    ## Use instead
    ```yaml
    - title: Increase first contact resolution from 68% to 74% by 2026-09-30
      metric: fcr
      baseline: 68%
      target: 74%
      deadline: 2026-09-30
    ```
    """

    code = "M003"
    name = "no-target"
    severity = Severity.ERROR
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        if goal.target is None and not goal.present("target"):
            low, high = metric_range(goal.metric) if goal.metric is not None else (None, None)
            baseline = goal.baseline.value if goal.baseline is not None else None
            if baseline is not None and ((low is not None and baseline < low) or (high is not None and baseline > high)):
                example = f"in {goal.metric.name or goal.metric.id}'s range, {show(low, goal.metric)} to " \
                          f"{show(high, goal.metric)}, once the baseline is checked (M005)" if high is not None else \
                          "once the baseline is checked (M005)"
            else:
                example = f"e.g. 'target: {_target_beside(goal, ctx.today)}'"
            yield ctx.report(self, goal, f"goal {goal.label} has no target: say what value counts as success",
                             at=goal.at("baseline") if goal.baseline is not None else goal.title_span,
                             hint=f"add 'target:' ({example}), absolute or as a change like '+5 pp'")


def _target_beside(goal: GoalView, today) -> str:
    """An example target a little beyond the baseline, the better way, in the metric's unit and
    range; without a baseline in that unit, one of the metric's own ('78%', '6 min')."""
    metric, baseline = goal.metric, goal.baseline
    way = verb_way(goal)
    lower = (metric.better if metric is not None and metric.better else {"down": "lower"}.get(way or "")) == "lower"
    if baseline is not None and metric is None:            # a metric nobody defines: the baseline's own unit
        return _like(baseline, baseline.value * (0.95 if lower else 1.05))
    if baseline is None or metric is None or unit_problem(baseline, metric, "baseline"):
        return _example_target(metric)
    step = abs(baseline.value) * 0.05 or 1.0
    pace = plausible_change(goal, baseline.value, today)
    if pace is not None:
        step = min(step, pace[1] * 0.8)                    # within the metric's plausible pace (A001)
    if metric.min_change is not None:
        step = max(step, (bound(metric.min_change, baseline.value) or 0) * 1.2)   # and not trivial (A004)
    value = baseline.value + (-step if lower else step)
    low, high = metric_range(metric)
    if (low is not None and value < low) or (high is not None and value > high) or value == baseline.value:
        return _example_target(metric)
    return show(value, metric)


def _like(q: Quantity, value: float) -> str:
    """`value` written the way the quantity `q` is: '6.3 min' beside '6 min', '63%' beside '60%'."""
    if q.unit == PERCENT:
        return f"{format_number(round(value, 1))}%"
    if q.unit == "duration":
        return format_duration(round(value))
    m = re.match(r"\s*([$€£]?)[\d,.]+(.*)$", q.text or "")
    return f"{m.group(1)}{format_number(round(value, 1))}{m.group(2)}" if m else format_number(round(value, 1))


def _example_target(metric) -> str:
    """A target in the metric's own unit and range, for a hint that must paste without a unit
    mismatch: '78%' for a percentage, '6 min' for a duration, 8 on a 1-10 scale."""
    unit = metric.unit if metric is not None else "percent"
    if unit == "percent":
        return "78%"
    if unit == "duration":
        return "6 min"
    low, high = metric_range(metric) if metric is not None else (None, None)
    if low is not None and high is not None:
        return show(low + 0.8 * (high - low), metric)
    if unit == "points":
        return "+5 pp"
    written = show(40 if unit == "currency" else 100, metric)
    text = getattr(metric, "unit_text", None)
    return f"{written} {text}" if unit in ("rate", "custom") and text else written


class OutOfRange(Rule):
    """A baseline or target lies outside the values the metric can take.

    NPS runs from -100 to 100, a percentage from 0 to 100, a rating from 1 to 5. A change
    target is checked where it lands: a CSAT of 96% plus 5 points is 101%. A metric whose
    unit names a scale (`stars (out of 5)`, `/10`, `0-10`) has that scale as its range unless
    it declares one; a range written for `unit: mins` is in minutes.

    ## Why it matters
    A target that cannot exist cannot be met; it usually means the wrong metric or unit.

    ## Example
    ```yaml
    - title: Raise NPS from 40 to 130 by 2026-12-31
      metric: nps
      baseline: 40
      target: 130
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Raise NPS from 40 to 50 by 2026-12-31
      metric: nps
      baseline: 40
      target: 50
      deadline: 2026-12-31
    ```
    """

    code = "M005"
    name = "out-of-range"
    severity = Severity.ERROR
    needs_text = True               # reads values that may come from the title

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        metric = goal.metric
        if metric is None:
            return
        low, high = metric_range(metric)
        name = metric.name or metric.id
        values = []
        if goal.baseline is not None and unit_problem(goal.baseline, metric, "baseline") is None:
            values.append(("baseline", goal.baseline.value, goal.baseline.text))
        if goal.target is not None and unit_problem(goal.target, metric, "target") is None and \
                not (goal.target.change and goal.baseline is not None and unit_problem(goal.baseline, metric, "baseline")):
            landed = resolve_target(goal.baseline, goal.target)
            if landed is not None:
                values.append(("target", landed, goal.target.text))
        for role, value, text in values:
            if (low is not None and value < low) or (high is not None and value > high):
                lands = "" if text == show(value, metric) or text.rstrip("%") == show(value, metric).rstrip("%") \
                    else f" (lands at {show(value, metric)})"
                limits = f"from {show(low, metric)} to {show(high, metric)}" if low is not None and high is not None \
                    else (f"at least {show(low, metric)}" if low is not None else f"at most {show(high, metric)}")
                yield ctx.report(self, goal, f"{role} '{text}'{lands} is outside the range of {name}, which runs {limits}",
                                 at=goal.at(role), hint=f"check the {role}, its unit, and that the metric is right")


class AmbiguousPercent(Rule):
    """A '%' change on a metric that is itself a percentage or points: relative, or points?

    "Improve CSAT by 5%" from 80% may mean 84% (relative) or 85% (percentage points).
    Write 'pp' or 'points' for an absolute change, or give the target value.

    ## Why it matters
    Sample goals such as a 10% rise in satisfaction scores (Renascence) or a 5% rise in NPS
    (Del Moro) read differently to different people; only one reading gets measured.

    ## Example
    ```yaml
    - title: Improve CSAT by 5% by 2026-12-31
      metric: csat
      baseline: 80%
      target: +5%
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Improve CSAT from 80% to 85% by 2026-12-31
      metric: csat
      baseline: 80%
      target: +5 pp
      deadline: 2026-12-31
    ```
    """

    code = "M006"
    name = "ambiguous-percent"
    severity = Severity.WARNING
    needs_text = True

    def check(self, goal: GoalView, ctx: RuleContext) -> Iterator[Diagnostic]:
        target, metric = goal.target, goal.metric
        if not ambiguous_percent(target, metric, goal.baseline, _quarters(goal, ctx)):
            return
        name = metric.name or metric.id
        detail = ": relative to the baseline, or percentage points?"
        points = target.text.replace('%', ' pp').replace('  ', ' ')
        hint = f"write '{points}' for percentage points, or give the target value itself"
        if goal.baseline is not None:               # no fix: which reading was meant is the question
            b = goal.baseline.value
            relative, absolute = show(b * (1 + target.value / 100), metric), show(b + target.value, metric)
            detail = f": from {show(b, metric)} that is {relative} relative, or {absolute} in points"
            hint = f"write 'target: {relative}' if the change is relative, or 'target: {absolute}' ('{points}') if in points"
        yield ctx.report(self, goal, f"'{goal.written('target')}' on {name} is ambiguous{detail}", at=goal.at("target"),
                         hint=hint)


def _quarters(goal: GoalView, ctx: RuleContext) -> float:
    deadline = goal.deadline
    if deadline is None or not deadline.ok:
        return 4.0
    start = goal.start.first if goal.start is not None and goal.start.ok else ctx.today
    return max((deadline.last - start).days / (365.25 / 4), 1.0)

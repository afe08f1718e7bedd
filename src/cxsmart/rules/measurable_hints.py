"""The example values the M rules' hints suggest: a baseline on the worse side of the target
('baseline: 55%'), or a target a little past the baseline ('target: 4.3'), in the goal's own unit."""

from __future__ import annotations

import math
import re

from cxsmart.engine.goalview import GoalView
from cxsmart.model.measure import bound, metric_range, resolve_target, show, unit_problem, verb_way
from cxsmart.model.quantities import DURATION, PERCENT, Quantity, format_duration, format_number
from cxsmart.rules.attainable import plausible_change


def baseline_hint(goal: GoalView, today=None) -> str:
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
    if target is not None and target.change and not target.relative_percent:
        if (target.unit == DURATION) != (unit == "duration"):     # '+5 hours' on a count: no example adds up
            return f"add 'baseline:' with today's value, so that '{target.text or target.value}' has a start"
        if abs(target.value) * 2 > value:           # a start the change fits on: '-2 hours' from 6 h, not 6 min
            value = abs(target.value) * 3 if target.unit == DURATION else _nice(abs(target.value) * 3)

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
        if unit == "duration":
            value = _whole_in_unit(value, target.value)
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
    if ((example < target) if better == "higher" else (example > target)) and 0.5 <= example / target <= 2:
        return example                              # near enough to read as a start: not 100 for 12,000
    grow = (better == "lower") == (target > 0)
    value = round(target * (1.2 if grow else 0.9), 2)
    low, high = metric_range(goal.metric) if goal.metric is not None else (None, None)
    if (low is not None and value < low) or (high is not None and value > high):
        return None
    return value


def _nice(x: float) -> float:
    """`x` to two significant figures: 5,400 for 5,437."""
    if x == 0:
        return x
    step = 10 ** (math.floor(math.log10(abs(x))) - 1)
    return round(x / step) * step


def _whole_in_unit(value: float, target: float) -> float:
    """An example duration (seconds) as a whole number of the unit the target is written in (17
    days, not 24,192 min), still on its side of the target and not equal to it."""
    size = next((s for s in (86400, 3600, 60) if abs(target) >= s and target % s == 0), 1)
    whole = round(value / size) * size
    if whole == target or (whole > target) != (value > target):
        whole = target + (size if value > target else -size)
    return whole if whole > 0 else value


_EXAMPLE_BASELINE = {"percent": 60.0, "points": 20.0, "score": 4.0, "duration": 360.0, "currency": 100.0,
                     "count": 100.0, "ratio": 1.0}


def target_beside(goal: GoalView, today) -> str:
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

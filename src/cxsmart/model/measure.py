"""Arithmetic the measurable and attainable rules share: units, changes, bounds, formatting.

Values are compared in the metric's own unit (percent metrics in percentage points,
durations in seconds). A target may be absolute ("80%"), a signed change ("+5 pp", "-30%")
or a factor ("x2"); `resolve_target` turns it into the absolute value it means.
"""

from __future__ import annotations

import re

from cxsmart.model.goalfile import MetricDef
from cxsmart.model.quantities import (
    CURRENCY,
    CUSTOM,
    DURATION,
    PERCENT,
    POINTS,
    RATE,
    SCORE,
    Quantity,
    format_duration,
    format_number,
)
from cxsmart.model.units import read_unit, same_currency, same_family_problem

_UNIT_WORDS = {PERCENT: "a percentage", POINTS: "points", DURATION: "a duration", CURRENCY: "an amount of money",
               SCORE: "a score", RATE: "a rate", CUSTOM: "in its own unit", None: "a plain number"}
# what an absolute value may be written in, per metric unit family
_ABSOLUTE = {
    "percent": {None, PERCENT, POINTS},
    "points": {None, POINTS},
    "score": {None, POINTS, SCORE},
    "count": {None, RATE, CUSTOM},
    "currency": {None, CURRENCY},
    "duration": {DURATION},
    "ratio": {None},
    "rate": {None, RATE, CUSTOM},
    "custom": {None, CUSTOM},
}
# what a signed change may be written in (a '%' change is relative to the baseline)
_CHANGE = {
    "percent": {None, PERCENT, POINTS},
    "points": {None, PERCENT, POINTS},
    "score": {None, PERCENT, POINTS, SCORE},
    "count": {None, PERCENT, RATE, CUSTOM},
    "currency": {None, PERCENT, CURRENCY},
    "duration": {PERCENT, DURATION},
    "ratio": {None, PERCENT},
    "rate": {None, PERCENT, RATE, CUSTOM},
    "custom": {None, PERCENT, CUSTOM},
}


def unit_problem(q: Quantity, metric: MetricDef, role: str) -> str | None:
    """_unit_problem, once per value, metric and role: four rules ask it of every goal."""
    key = (id(q), id(metric), role)
    known = _ASKED.get(key)
    if known is not None and known[0] is q and known[1] is metric:
        return known[2]
    if len(_ASKED) > 65536:
        _ASKED.clear()
    found = _ASKED[key] = (q, metric, _unit_problem(q, metric, role))
    return found[2]


_ASKED: dict[tuple[int, int, str], tuple] = {}      # the objects are kept, so their ids stay theirs


def _unit_problem(q: Quantity, metric: MetricDef, role: str) -> str | None:
    """Why `q` cannot be a value of `metric`, or None when it can. Units are compared by family,
    then within it: a currency by its code ('£' is GBP), a score by its scale, a rate by its
    denominator (converted), a unit of the team's own by its text. A metric whose unit could not
    be read is not judged."""
    if q.factor:
        return f"a {role} cannot be a factor like '{q.text}'" if role == "baseline" else None
    if metric.unit not in _ABSOLUTE:
        return None
    change = q.change and role == "target"
    allowed = (_CHANGE if change else _ABSOLUTE)[metric.unit]
    name = metric.name or metric.id
    if q.unit in allowed:
        return _within_family(q, metric, role, name)
    if q.unit is None and metric.unit == "duration":
        return f"{role} '{q.text}' has no unit, but {name} is a duration: write it like '45 s' or '6 min'"
    return f"{role} '{q.text}' is {_UNIT_WORDS[q.unit]}, but {name} is measured {_measured_in(metric)}"


def _within_family(q: Quantity, metric: MetricDef, role: str, name: str) -> str | None:
    spec = metric.spec
    if q.unit == CURRENCY and not same_currency(q.currency, q.text, spec.currency, spec.text):
        return f"{role} '{q.text}' is in {q.currency}, but {name} is measured in {spec.currency} ('{spec.text}')"
    if q.unit in (SCORE, CUSTOM) and q.label and metric.unit == q.unit:
        own = read_unit(q.label)
        problem = same_family_problem(own, spec) if (q.unit == CUSTOM or (own.scale and spec.scale)) else None
        if problem:
            return f"{role} '{q.text}' is not in {name}'s unit: {problem}"
    return None


def incomparable(a: Quantity, b: Quantity) -> bool:
    """Two values of one family that still cannot be compared: two currencies, two units of a
    team's own, two score scales ('£48' and '€41', '182 Ml/d' and '150 kWh', '4.1/5' and '8/10')."""
    if not same_currency(a.currency, a.text, b.currency, b.text):
        return True
    if a.unit == b.unit and a.unit in (SCORE, CUSTOM, RATE) and a.label and b.label:
        return same_family_problem(read_unit(a.label), read_unit(b.label)) is not None
    return False


def _measured_in(metric: MetricDef) -> str:
    if metric.unit_text and metric.unit_text != metric.unit:
        return f"in '{metric.unit_text}'"
    return {"percent": "in percent", "points": "in points", "score": "as a score", "count": "as a count",
            "currency": "in money", "duration": "as a duration", "ratio": "as a ratio", "rate": "as a rate",
            "custom": "in its own unit"}[metric.unit]


def ambiguous_percent(q: Quantity | None, metric: MetricDef | None, baseline: Quantity | None = None,
                      quarters: float | None = None) -> bool:
    """'+10%' on a metric that is itself a percentage or points, where both readings are
    plausible: relative, or percentage points? "Increase response rates by 30%" is clearly
    relative (30 points in a year is not a plausible move); "improve CSAT by 10%" is not."""
    if not (q and metric and q.relative_percent and metric.unit in ("percent", "points")):
        return False
    low, high = metric_range(metric)
    if baseline is not None:
        landed = baseline.value + q.value
        if (low is not None and landed < low) or (high is not None and landed > high):
            return False                        # as points it would leave the metric's range
    per_quarter = metric.max_change_per_quarter
    if per_quarter is None or isinstance(per_quarter, str):
        return True
    allowed = float(per_quarter) * max(quarters or 4.0, 1.0)
    if abs(q.value) <= allowed:
        return True                             # both readings are plausible moves
    # as points it is too fast, so it reads as relative, unless that is too fast as well in the
    # goal's own window (a deadline gives one): then plausibility says nothing of which was meant
    return quarters is not None and baseline is not None and abs(baseline.value * q.value / 100) > allowed


def resolve_target(baseline: Quantity | None, target: Quantity | None) -> float | None:
    """The absolute value a target means, or None if it needs a baseline that is missing."""
    if target is None:
        return None
    if target.factor:
        return baseline.value * target.value if baseline else None
    if target.change:
        if baseline is None:
            return None
        if target.unit == PERCENT:       # a '%' change is relative to the baseline (M006 when ambiguous)
            return baseline.value * (1 + target.value / 100)
        return baseline.value + target.value
    return target.value


def wrong_way(target: Quantity, metric: MetricDef) -> bool:
    """A signed change or factor that moves the metric away from better."""
    if metric.better is None:
        return False
    if target.factor:
        shrinks = target.value < 1
    elif target.change:
        shrinks = target.value < 0
    else:
        return False
    grows = (target.value > 1) if target.factor else (target.value > 0)
    return shrinks if metric.better == "higher" else grows


def bound(spec: float | str | None, baseline: float) -> float | None:
    """A max/min change spec in the metric's unit; "25%" means 25% of the baseline."""
    if spec is None:
        return None
    if isinstance(spec, str):
        return abs(baseline) * float(spec.strip().rstrip("%")) / 100
    return float(spec)


# Percentages of one amount against another, which pass 100 when the amount grows: net revenue
# retention, growth, attainment against a target or budget, utilisation, an index. A share of a
# population (calls answered, customers retained) cannot.
_PAST_100 = re.compile(r"(?i)\b(?:(?:net|revenue|dollar|expansion)[\s_]+(?:revenue[\s_]+)?retention|nrr|ndr|growth|"
                       r"attainment|of[\s_]+(?:target|budget|plan)|vs[\s_.]+(?:target|budget|plan|last)|"
                       r"against[\s_]+(?:target|budget|plan)|utili[sz]ation|occupancy|index|uplift|yoy)\b")


def metric_range(metric: MetricDef) -> tuple[float | None, float | None]:
    if metric.range is not None:
        return metric.range
    if metric.unit == "percent":
        names = " ".join(n for n in (metric.id, metric.name or "", *metric.aliases) if n)
        return (0.0, None) if _PAST_100.search(names) else (0.0, 100.0)
    if metric.unit in ("duration", "count", "currency", "rate"):
        return (0.0, None)
    return (None, None)


_SHORT = {86400: "days", 3600: "h", 60: "min"}         # a duration unit's seconds -> its short name


def show(value: float, metric: MetricDef | None, currency: str | None = None) -> str:
    """A value as a CX lead would write it, in the metric's unit."""
    unit = metric.unit if metric else None
    if unit == "percent":
        return f"{format_number(round(value, 1))}%"
    if unit == "duration":
        factor = metric.spec.factor if metric.unit_text else None
        if factor in _SHORT:                        # a team's metric in hours or days: shown in them
            amount = value / factor
            shown = format_number(round(amount, 1 if abs(amount) >= 10 else 2))
            return f"{shown} {'day' if factor == 86400 and shown == '1' else _SHORT[factor]}"
        return format_duration(round(value, 1))
    if unit == "currency":
        currency = currency or metric.spec.currency
        symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency or "", "")
        return f"{symbol}{format_number(round(value, 2))}" + ("" if symbol or not currency else f" {currency}")
    return format_number(round(value, 1 if abs(value) >= 10 else 2))


def show_change(amount: float, metric: MetricDef | None) -> str:
    unit = metric.unit if metric else None
    if unit in ("percent", "points"):
        shown = format_number(round(abs(amount), 1 if abs(amount) >= 0.095 else 2))   # 0.02, never 0
        return f"{shown} point" if shown == "1" else f"{shown} points"
    return show(abs(amount), metric)


def verb_way(goal) -> str | None:
    """Which way the goal's verb moves its metric: 'up', 'down', or None. 'Improve' moves it
    the way the metric's better direction says, when that is known."""
    verb = goal.facts.direction
    if verb is None:
        return None
    if verb.value in ("up", "down"):
        return verb.value
    metric = goal.metric
    if verb.value == "better" and metric is not None and metric.better is not None:
        return "up" if metric.better == "higher" else "down"
    return None


def ranked(q: Quantity | None) -> bool:
    """A league position ('12th', '5th'): a smaller number is better, whatever the metric."""
    return q is not None and q.text[-2:].lower() in ("st", "nd", "rd", "th") and q.text[:-2].isdigit()


def verb_against_numbers(goal) -> bool:
    """The verb says one way and the baseline and absolute target go the other ('improve CSAT
    from 78% to 72%', 'reduce churn from 2% to 3%'). Positions ('from 12th to 5th') rise as
    their numbers fall, so they are not judged. (A002 and M004 both ask: worked out once while
    the values it reads stay the same.)"""
    return goal.remembered("verb-against", (goal.facts.direction, goal.metric, goal.baseline, goal.target),
                           lambda: _verb_against_numbers(goal))


def _verb_against_numbers(goal) -> bool:
    way, baseline, target = verb_way(goal), goal.baseline, goal.target
    if way is None or baseline is None or target is None or target.change or target.factor:
        return False
    if ranked(baseline) or ranked(target):
        return False
    metric = goal.metric
    if metric is not None and (unit_problem(baseline, metric, "baseline") or unit_problem(target, metric, "target")):
        return False                                # values in another unit than the metric's: M007 says so
    if baseline.unit and target.unit and baseline.unit != target.unit:
        return False
    if target.value == baseline.value:
        return False
    return (target.value > baseline.value) != (way == "up")


def met_already(goal) -> bool:
    """The verb and the numbers disagree only because today's value, written in its own field and
    not in the title, is already past the target the way the verb moves ('increase the share to
    83%' with `baseline: 84%`): the goal is done, not miswritten. A002 says so, not M004. A title
    that states both ends ('from 84% to 83%') contradicts itself, and the metric's declared
    direction, when it disagrees with the verb, is M004's."""
    if goal.facts.baseline is not None or not verb_against_numbers(goal):
        return False
    better = goal.metric.better if goal.metric is not None else None
    return better is None or (better == "higher") == (verb_way(goal) == "up")


def declare_direction(metric: MetricDef) -> str:
    """How a team declares which way its metric is better, in any linted file."""
    other = "lower" if metric.better == "higher" else "higher"
    return f"'metrics: [{{id: {metric.id}, better: {other}}}]' (only the fields it sets change)"

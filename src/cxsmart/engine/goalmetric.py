"""What a goal says about its own metric: the metric a goal measures when nobody defined it (its
unit from the numbers, its better direction from the verb), and the scale a metric whose
direction depends on it (CES) is read on."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cxsmart.model.goalfile import MetricDef
from cxsmart.model.quantities import (
    ABOVE,
    AT_LEAST,
    AT_MOST,
    BELOW,
    CURRENCY,
    CUSTOM,
    DURATION,
    PERCENT,
    POINTS,
    RATE,
    SCORE,
)

if TYPE_CHECKING:
    from cxsmart.engine.goalview import GoalView

_UNITS_OF = {PERCENT: "percent", POINTS: "points", DURATION: "duration", CURRENCY: "currency", SCORE: "score",
             RATE: "rate", CUSTOM: "custom"}
_SCALE = re.compile(r"(?i)\b(\d{1,2})[- ]point\b|\bout of (\d{1,2})\b|\d(?:\.\d+)?\s?/\s?(\d{1,2})\b|"
                    r"\b1\s?(?:-|–|to)\s?(\d{1,2})\s+scale\b|\b(ces\s?2(?:\.0)?|agreement\s+scale)\b")


def own_metric(view: GoalView, name: str | None = None) -> MetricDef:
    """A metric nobody defined, as the goal itself describes it: the unit of its numbers, and the
    way its verb moves it ('reduce' means lower is better for this goal)."""
    ref = view.uncatalogued or "metric"
    ident = re.sub(r"[^a-z0-9]+", "_", ref.lower()).strip("_")
    ident = ident if re.match(r"^[a-z]", ident) else f"m_{ident}"
    way = view.facts.direction.value if view.facts.direction is not None else None
    better = {"up": "higher", "down": "lower"}.get(way) or _side_of(view)
    return MetricDef(id=ident, name=name or ref, unit=unit_of_values(view) or "count", better=better)


def unit_of_values(view: GoalView) -> str | None:
    """The unit the goal's own values are written in ('72%' -> percent, '4.1/5' -> its scale), or
    None when they name none."""
    for q in (view.baseline, view.target):
        if q is not None and not q.factor and q.unit in _UNITS_OF and not (q.change and q.unit == PERCENT):
            return q.label if q.unit in (SCORE, RATE, CUSTOM) and q.label else _UNITS_OF[q.unit]
    return None


def unit_unsaid(metric: MetricDef | None) -> bool:
    """A definition that gives no `unit:` (the catalogue's all do)."""
    return metric is not None and "unit" not in metric.model_fields_set


def in_unit_of_values(view: GoalView) -> MetricDef:
    """A metric defined with no `unit:` is in the unit its goal writes ('retention' defined by its
    name and direction, 'baseline: 72%'): a definition that says nothing of the unit does not
    contradict the goals (M007 names goals that write it in different units)."""
    metric = view.metric
    unit = unit_of_values(view)
    if unit is None:
        return metric
    return MetricDef(**{k: getattr(metric, k) for k in metric.model_fields_set}, unit=unit)


def described(inline: MetricDef, named: MetricDef) -> MetricDef:
    """A metric the goal names in words, with what its inline mapping adds ('metric: {unit: %,
    direction: up}' under 'Raise first contact resolution to 80%')."""
    return named.model_copy(update={k: getattr(inline, k) for k in inline.model_fields_set if k not in ("id", "name")})


def _side_of(view: GoalView) -> str | None:
    """Which side of a threshold is success: 'under £50k' means lower is better, 'at least 90%'
    higher, whether the threshold is written in the field or the title; with no threshold, the
    way the numbers move from the baseline to the target."""
    target, baseline = view.target, view.baseline
    if target is None:
        return None
    if not target.bound:                    # 'down from 14% to 9%', 'clear 1,200 to 300': the numbers say
        if target.factor:
            return "lower" if target.value < 1 else "higher" if target.value > 1 else None
        if target.change:
            return "lower" if target.value < 0 else "higher" if target.value > 0 else None
        if baseline is not None and baseline.unit == target.unit and baseline.value != target.value:
            return "lower" if target.value < baseline.value else "higher"
        return None
    return {AT_MOST: "lower", BELOW: "lower", AT_LEAST: "higher", ABOVE: "higher"}.get(target.bound)


def scale_of(view: GoalView) -> int | None:
    """The top of the scale the goal's words name ('on the 7-point scale', '4.5/5', 'out of 7',
    'CES 2.0'), else the one its numbers need (a value above 5 is on a 7-point scale)."""
    for text in (view.goal.title, view.goal.description or "", view.goal.segment or ""):
        for m in _SCALE.finditer(text):
            if m.group(5):
                return 7
            top = next(g for g in m.groups()[:4] if g)
            return int(top)
    values = [q.value for q in (view.baseline, view.target) if q is not None and not (q.change or q.factor)]
    return 7 if any(v > 5 for v in values) else None


def on_scale(view: GoalView) -> MetricDef:
    metric = view.metric
    better = metric.better_on_scale.get(scale_of(view) or 0)
    return metric.model_copy(update={"better": better}) if better else metric


def names_pattern(metrics: list[MetricDef]) -> "re.Pattern | None":
    words = {w for m in metrics for w in (m.name or "", *m.aliases) if len(w) > 2}
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\w-])(?:{alternatives})(?![\w-])")

"""Values and the units written beside them: a bare number given its unit ('{value: 12, unit:
mins}' is 720 s), checked against it ('{value: 79%, unit: days}' cannot be read), or read in a
metric's precise unit (a bare '12' on a metric in minutes, '3 per 1,000' on one per 10,000)."""

from __future__ import annotations

import re
from dataclasses import replace

from cxsmart.model.quantities import (CURRENCY, CUSTOM, DURATION, MILLIONS_OR_MINUTES, PERCENT, POINTS, RATE,
                                      SCORE, Quantity)
from cxsmart.model.units import Unit, read_unit, same_currency


def with_unit(q: Quantity, unit: Unit) -> Quantity:
    """A bare value given a unit written beside it ('{value: 12, unit: mins}' is 720 s, '12 mins');
    a value that carries its own unit is kept (unit_conflict says when the two disagree)."""
    if q.factor or q.unit is not None or q.label is not None:
        return q
    family = unit.family
    joined = _joined(q.text, unit)
    if family in (PERCENT, POINTS):
        return replace(q, unit=family, text=joined)
    if family == CURRENCY:
        return replace(q, value=q.value * (unit.factor or 1), unit=CURRENCY, currency=unit.currency, text=joined)
    if family == DURATION:
        if unit.factor is None:
            return q
        return replace(q, value=q.value * unit.factor, unit=DURATION, working_days=unit.working, text=joined)
    if family in (SCORE, RATE, CUSTOM):
        return replace(q, unit=family, label=unit.text, text=joined)
    return replace(q, label=unit.text, text=joined)


def _joined(number: str, unit: Unit) -> str:
    """'79' and '%' -> '79%'; '48' and '$' -> '$48'; '2.4' and '£m' -> '£2.4m'; '12' and 'mins' -> '12 mins'."""
    if unit.text == "%":
        return f"{number}%"
    if unit.currency and not unit.text[:1].isalnum():
        symbol = unit.text[:1]
        rest = unit.text[1:].strip()
        return f"{symbol}{number}{rest}" if rest.lower() in ("", "k", "m", "bn", "mn") else f"{number} {unit.text}"
    return f"{number} {unit.text}"


def in_metric_unit(q: Quantity | None, unit: Unit) -> Quantity | None:
    """A goal's value read in its metric's unit: a bare '12' on a metric in minutes is 720 s, on one in
    '£m' is 12,000,000; '3 per 1,000' on a metric 'per 10,000 customers' is 30. Text is kept as written."""
    if q is None or q.factor:
        return q
    if q.unit is None and q.label == MILLIONS_OR_MINUTES and unit.family == DURATION:
        return replace(q, value=q.value / 1e6 * 60, unit=DURATION, label=None)    # 'AHT 6m': six minutes
    if q.unit is None and q.label is None:
        if unit.family == DURATION and unit.factor:
            return replace(q, value=q.value * unit.factor, unit=DURATION, working_days=unit.working,
                           high=None if q.high is None else q.high * unit.factor)
        if unit.family == CURRENCY and (unit.factor or 1) != 1:
            return replace(q, value=q.value * unit.factor, high=None if q.high is None else q.high * unit.factor)
        return q
    if q.unit == RATE and unit.family == RATE and unit.per and q.label:
        per = read_unit(q.label).per
        if per and per != unit.per:
            scale = unit.per / per
            return replace(q, value=q.value * scale, high=None if q.high is None else q.high * scale, label=unit.text)
    return q


def unit_conflict(q: Quantity, unit: Unit) -> str | None:
    """Why a value that carries its own unit cannot be in `unit` ('{value: 79%, unit: days}')."""
    if q.factor or (q.unit is None and q.label is None):
        return None
    family = _FAMILY_OF.get(q.unit, unit.family if q.unit is None else q.unit)
    if family == unit.family and (family != CURRENCY or same_currency(q.currency, q.text, unit.currency, unit.text)):
        return None
    if family == PERCENT and unit.family == POINTS or family == POINTS and unit.family == PERCENT:
        return None
    return f"the value '{q.text}' is not in the unit '{unit.text}': write the number alone, or the unit once"


_FAMILY_OF = {PERCENT: PERCENT, POINTS: POINTS, CURRENCY: CURRENCY, DURATION: DURATION, SCORE: SCORE, RATE: RATE,
              CUSTOM: CUSTOM}


# A working day of working hours: the business hours a service clock counts in one day (offices
# keep 7.5 to 8, most service-level agreements' business hours are 8 to 9). '2 working days' beside
# '12 working hours' is 16 working hours, not 48.
WORKING_DAY_HOURS = 8.0
WORKING_HOURS = "working hours"
_HOURS_WORD = re.compile(r"(?i)\b(?:hours?|hrs?|h)\b")
_DAYS_WORD = re.compile(r"(?i)\b(?:days?|[wb]d)\b")


def one_working_clock(baseline: Quantity | None, target: Quantity | None,
                      metric_in_hours: bool = False) -> tuple[Quantity | None, Quantity | None]:
    """Working days read as working hours where the goal (or its metric) counts working hours."""
    kinds = [_working_kind(q) for q in (baseline, target)]
    if "hours" not in kinds and not metric_in_hours:
        return baseline, target
    return tuple(_as_working_hours(q) if kind == "days" else q for q, kind in zip((baseline, target), kinds))


def _working_kind(q: Quantity | None) -> str | None:
    if q is None or q.unit != DURATION or not q.working_days or q.factor:
        return None
    if q.label == WORKING_HOURS or _HOURS_WORD.search(q.text or ""):     # (read so once already)
        return "hours"
    return "days" if _DAYS_WORD.search(q.text or "") else None


def _as_working_hours(q: Quantity) -> Quantity:
    scale = WORKING_DAY_HOURS / 24.0
    return replace(q, value=q.value * scale, high=None if q.high is None else q.high * scale, label=WORKING_HOURS)

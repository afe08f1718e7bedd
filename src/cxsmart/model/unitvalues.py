"""Values and the units written beside them: a bare number given its unit ('{value: 12, unit:
mins}' is 720 s), checked against it ('{value: 79%, unit: days}' cannot be read), or read in a
metric's precise unit (a bare '12' on a metric in minutes, '3 per 1,000' on one per 10,000)."""

from __future__ import annotations

from dataclasses import replace

from cxsmart.model.quantities import CURRENCY, CUSTOM, DURATION, PERCENT, POINTS, RATE, SCORE, Quantity
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

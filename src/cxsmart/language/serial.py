"""TextFacts to JSON and back, for the facts cache (JSON, never pickle: the cache is in the
repository, so it is untrusted input; anything unexpected makes the entry a miss).

And TextFacts to plain tuples and back, for the prose worker's pipe between cxsmart's own two
processes: pickle rebuilds a NamedTuple through its Python-level constructor, a plain tuple in
C, so 10,000 sentences' facts cross the pipe several times faster as tuples."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cxsmart.language.textfacts import TextFacts
from cxsmart.language.cues import Found
from cxsmart.model.quantities import BOUNDS, Quantity
from cxsmart.model.timeframes import Relative, Timeframe

SINGLE = ("metric", "baseline", "target", "direction", "deadline", "start", "segment")


def _value(v: Any) -> Any:
    if isinstance(v, Quantity):
        return {"q": [v.value, v.unit, v.change, v.factor, v.currency, v.text, v.bound, v.high, v.working_days, v.label]}
    if isinstance(v, Timeframe):
        rel = v.relative
        return {"t": [v.text, v.first and v.first.isoformat(), v.last and v.last.isoformat(), v.kind, v.invalid,
                      rel and [rel.months, rel.days, rel.period, rel.offset], v.yearless]}
    if isinstance(v, tuple):
        return {"p": list(v)}
    return v


def _unvalue(v: Any) -> Any:
    if isinstance(v, dict):
        if "q" in v:
            value, unit, change, factor, currency, text, bound, high, working, label = v["q"]
            if bound not in BOUNDS + (None,) or not (label is None or isinstance(label, str)):
                raise ValueError("unknown bound or label")
            return Quantity(float(value), unit, bool(change), bool(factor), currency, str(text), bound,
                            None if high is None else float(high), bool(working), label)
        if "t" in v:
            text, first, last, kind, invalid, rel, yearless = v["t"]
            return Timeframe(str(text), first and dt.date.fromisoformat(first), last and dt.date.fromisoformat(last),
                             str(kind), invalid, rel and Relative(int(rel[0]), int(rel[1]), rel[2], int(rel[3])),
                             bool(yearless))
        if "p" in v:
            return tuple(v["p"])
        raise ValueError("unknown value")
    if not isinstance(v, str):
        raise ValueError("unexpected value")
    return v


def _found(f: Found | None) -> list | None:
    return None if f is None else [_value(f.value), f.start, f.end, f.cue]


def _unfound(raw: list | None) -> Found | None:
    if raw is None:
        return None
    value, start, end, cue = raw
    return Found(_unvalue(value), int(start), int(end), str(cue))


def encode(facts: TextFacts) -> dict:
    doc = {name: _found(getattr(facts, name)) for name in SINGLE}
    doc["known"] = facts.metric_known
    doc["metrics"] = [_found(m) for m in facts.metrics]
    doc["extra"] = {k: [_found(f) for f in v] for k, v in facts.extra.items()}
    return doc


def decode(doc: dict) -> TextFacts | None:
    try:
        facts = TextFacts(**{name: _unfound(doc[name]) for name in SINGLE})
        facts.metric_known = bool(doc["known"])
        facts.metrics = [_unfound(m) for m in doc["metrics"]]
        facts.extra = {str(k): [_unfound(f) for f in v] for k, v in doc["extra"].items()}
        return facts
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


_new = tuple.__new__


def to_wire(facts: TextFacts) -> tuple:
    return (facts.metric_known, [tuple(m) for m in facts.metrics],
            *(getattr(facts, name) and tuple(getattr(facts, name)) for name in SINGLE),
            {k: [tuple(f) for f in v] for k, v in facts.extra.items()})


def from_wire(wire: tuple) -> TextFacts:
    known, metrics, *single, extra = wire
    facts = TextFacts(metric_known=known, metrics=[_new(Found, m) for m in metrics])
    for name, found in zip(SINGLE, single):
        if found:
            setattr(facts, name, _new(Found, found))
    facts.extra = {k: [_new(Found, f) for f in v] for k, v in extra.items()}
    return facts

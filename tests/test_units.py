"""Units, values and directions as teams write them (issue 17, items 1-4): each text read into
its family with exactly the facts the rules use, and no text ever an exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxsmart.model.goalfile import Measured, MetricDef
from cxsmart.model.quantities import QuantityError, parse_quantity
from cxsmart.model.units import read_direction, read_unit
from tests.conftest import lint


@pytest.mark.parametrize("text,family,factor,currency,working,scale,per", [
    ("%", "percent", None, None, False, None, None),
    ("per cent", "percent", None, None, False, None, None),
    ("pc", "percent", None, None, False, None, None),
    ("percentage", "percent", None, None, False, None, None),
    ("% of claims", "percent", None, None, False, None, None),
    ("pp", "points", None, None, False, None, None),
    ("percentage points", "points", None, None, False, None, None),
    ("pts", "points", None, None, False, None, None),
    ("GBP", "currency", 1.0, "GBP", False, None, None),
    ("£", "currency", 1.0, "GBP", False, None, None),
    ("€", "currency", 1.0, "EUR", False, None, None),
    ("USD", "currency", 1.0, "USD", False, None, None),
    ("pounds", "currency", 1.0, "GBP", False, None, None),
    ("£m", "currency", 1e6, "GBP", False, None, None),
    ("USD (millions)", "currency", 1e6, "USD", False, None, None),
    ("£k", "currency", 1e3, "GBP", False, None, None),
    ("seconds", "duration", 1, None, False, None, None),
    ("mins", "duration", 60, None, False, None, None),
    ("hrs", "duration", 3600, None, False, None, None),
    ("days", "duration", 86400, None, False, None, None),
    ("weeks", "duration", 604800, None, False, None, None),
    ("months", "duration", 2629800, None, False, None, None),
    ("working days", "duration", 86400, None, True, None, None),
    ("business hours", "duration", 3600, None, True, None, None),
    ("working hours", "duration", 3600, None, True, None, None),
    ("calendar days", "duration", 86400, None, False, None, None),
    ("duration", "duration", None, None, False, None, None),
    ("stars", "score", None, None, False, (1.0, 5.0), None),
    ("stars (out of 5)", "score", None, None, False, (1.0, 5.0), None),
    ("out of 5", "score", None, None, False, (0.0, 5.0), None),
    ("/10", "score", None, None, False, (0.0, 10.0), None),
    ("1-5", "score", None, None, False, (1.0, 5.0), None),
    ("0-10", "score", None, None, False, (0.0, 10.0), None),
    ("score (0-10)", "score", None, None, False, (0.0, 10.0), None),
    ("score", "score", None, None, False, None, None),
    ("per 10,000 customers", "rate", None, None, False, None, 10000.0),
    ("tickets per 100 orders", "rate", None, None, False, None, 100.0),
    ("per 100k", "rate", None, None, False, None, 100000.0),
    ("per 1,000 accounts", "rate", None, None, False, None, 1000.0),
    ("count", "count", None, None, False, None, None),
    ("number", "count", None, None, False, None, None),
    ("complaints", "count", None, None, False, None, None),
    ("open cases", "count", None, None, False, None, None),
    ("calls", "count", None, None, False, None, None),
    ("ratio", "ratio", None, None, False, None, None),
    ("Ml/d", "custom", None, None, False, None, None),
    ("kWh", "custom", None, None, False, None, None),
])
def test_unit_families(text, family, factor, currency, working, scale, per):
    unit = read_unit(text)
    assert (unit.family, unit.factor, unit.currency, unit.working, unit.scale, unit.per) == \
        (family, factor, currency, working, scale, per)
    assert unit.text == text                # the display text is kept


@pytest.mark.parametrize("text,value,unit,currency,label", [
    ("$2.4m", 2_400_000, "currency", "USD", None),
    ("€1.2bn", 1_200_000_000, "currency", "EUR", None),
    ("£35k", 35_000, "currency", "GBP", None),
    ("2.5 million", 2_500_000, None, None, None),
    ("4.1 out of 5", 4.1, "score", None, "out of 5"),
    ("4.1/5", 4.1, "score", None, "out of 5"),
    ("8 / 10", 8, "score", None, "out of 10"),
    ("18 working hours", 18 * 3600, "duration", None, None),
    ("~3.9", 3.9, None, None, None),
    ("c. 40%", 40, "percent", None, None),
    ("circa 40%", 40, "percent", None, None),
    ("about 4 days", 4 * 86400, "duration", None, None),
    ("approx. 12%", 12, "percent", None, None),
    ("3.1 per 1,000 customers", 3.1, "rate", None, "per 1,000 customers"),
    ("12 complaints", 12, None, None, "complaints"),
    ("182 Ml/d", 182, "custom", None, "Ml/d"),
])
def test_values_as_written(text, value, unit, currency, label):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.currency, q.label, q.text) == (value, unit, currency, label, text)


@pytest.mark.parametrize("text", ["3.5b", "12 by June", "80 to 90 by 2027 or so", "5 k m"])
def test_not_values(text):
    with pytest.raises(QuantityError):
        parse_quantity(text)


@pytest.mark.parametrize("raw,quantity", [
    ({"value": "$48"}, (48, "currency", "USD", "$48")),
    ({"value": 48, "unit": "USD"}, (48, "currency", "USD", "48 USD")),
    ({"value": 12, "unit": "mins"}, (720, "duration", None, "12 mins")),
    ({"value": 79, "unit": "%"}, (79, "percent", None, "79%")),
    ({"value": "4.1 out of 5"}, (4.1, "score", None, "4.1 out of 5")),
    ({"value": 2.4, "unit": "£m"}, (2_400_000, "currency", "GBP", "£2.4m")),
    ({"value": 2, "unit": "minute"}, (120, "duration", None, "2 minute")),
    ({"value": 2, "unit": "day"}, (172_800, "duration", None, "2 day")),
    ({"value": 4, "unit": "stars"}, (4, "score", None, "4 stars")),
    ({"value": 3.1, "unit": "per 1,000 customers"}, (3.1, "rate", None, "3.1 per 1,000 customers")),
    ({"value": 182, "unit": "Ml/d"}, (182, "custom", None, "182 Ml/d")),
])
def test_a_structured_value_reads_its_unit(raw, quantity):
    q = Measured.model_validate(raw).quantity
    assert (q.value, q.unit, q.currency, q.text) == quantity


def test_a_structured_value_and_its_unit_that_disagree_is_one_error():
    with pytest.raises(ValueError, match="'79%' is not in the unit 'days'"):
        Measured.model_validate({"value": "79%", "unit": "days"})


@pytest.mark.parametrize("raw,better", [
    ({"better": "higher"}, "higher"),
    ({"better": "lower is better"}, "lower"),
    ({"direction": "lower is better"}, "lower"),
    ({"direction": "higher is better"}, "higher"),
    ({"direction": "up"}, "higher"),
    ({"direction": "down"}, "lower"),
    ({"lower_is_better": True}, "lower"),
    ({"lower_is_better": False}, "higher"),
    ({"higher_is_better": True}, "higher"),
    ({"polarity": "negative"}, "lower"),
    ({"polarity": "positive"}, "higher"),
    ({}, None),
])
def test_direction_as_written(raw, better):
    metric = MetricDef.model_validate({"id": "m", **raw})
    assert metric.better == better
    assert ("better" in metric.model_fields_set) == (better is not None)   # a catalogue override takes it


def test_an_unreadable_direction_says_what_to_write():
    with pytest.raises(ValueError, match="write 'higher is better' or 'lower is better'"):
        MetricDef.model_validate({"id": "m", "direction": "sideways"})


def test_a_metric_keeps_its_unit_text_and_reads_its_numbers_in_it():
    metric = MetricDef.model_validate({"id": "m", "unit": "mins", "range": [0, 60], "max_change_per_quarter": 2})
    assert (metric.unit, metric.unit_text, metric.range, metric.max_change_per_quarter) == \
        ("duration", "mins", (0, 3600), 120)
    rating = MetricDef.model_validate({"id": "r", "unit": "stars (out of 5)"})
    assert (rating.unit, rating.range) == ("score", (1, 5))          # the scale is the range
    declared = MetricDef.model_validate({"id": "r", "unit": "out of 10", "range": [1, 10]})
    assert declared.range == (1, 10)                                  # a declared range wins


@pytest.mark.parametrize("text,way", [("lower is better", "lower"), ("Higher-is-better", "higher"),
                                      ("lower_is_better", "lower"), ("sideways", None)])
def test_read_direction(text, way):
    assert read_direction(text) == way


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(max_size=40))
def test_any_unit_text_round_trips(text):
    unit = read_unit(text)
    assert unit.text == " ".join(text.replace("\u00a0", " ").split())
    if text.strip():
        metric = MetricDef.model_validate({"id": "m", "unit": text})
        assert metric.spec.family == metric.unit
    try:
        parse_quantity(f"12 {text}")
    except QuantityError:
        pass


ONE_SLIP = """\
metrics:
  - {id: fair_outcome, name: Fair outcome, unit: [percent, points], better: higher}
goals:
  - id: a
    title: Raise fair outcome agreement from 79% to 85% by 2027-06-30
    metric: fair_outcome
    baseline: 79%
    target: 85%
    deadline: 2027-06-30
  - id: b
    title: Cut the wait from 12 to 9 days by 2027-06-30
    metric: wait_days
    baseline: {value: 12%, unit: days}
    target: 9 days
    deadline: 2027-06-30
"""


def test_one_slip_is_one_finding_and_rules_on_its_value_are_quiet():
    """An unreadable unit is one F002 at its line, and no unit stands in for it (no M007 on the
    goals); a value that disagrees with its unit is one F002 at its line, and no rule judges it."""
    found = [(d.code, d.span.line) for d in lint(ONE_SLIP, select=["F", "M", "A"])]
    assert ("F002", 2) in found and ("F002", 13) in found
    assert [c for c, line in found if c in ("F002", "M007", "M008", "M002", "A001", "A002", "A004")] == \
        ["F002", "F002"]


@pytest.mark.parametrize("value,unit,expected", [
    ("3.1 per 1,000", "per 10,000 customers", 31),        # a rate in the metric's denominator
    ("12", "mins", 720),                                  # a bare number in the metric's precise unit
    ("2.4", "£m", 2_400_000),
    ("1.5 hours", "mins", 5400),                          # already a duration: kept, in seconds
    ("12", "duration", 12),                               # the family alone says no more: left bare
])
def test_values_read_in_the_metrics_unit(value, unit, expected):
    from cxsmart.model.unitvalues import in_metric_unit

    assert in_metric_unit(parse_quantity(value), read_unit(unit)).value == pytest.approx(expected)



def test_a_dollar_named_by_its_country_reads_the_same_as_a_unit_and_in_a_value():
    from cxsmart.model.quantities import parse_quantity
    from cxsmart.model.units import read_unit

    for sym, code in (("AU$", "AUD"), ("CA$", "CAD"), ("C$", "CAD"), ("US$", "USD"), ("SG$", "SGD")):
        assert read_unit(sym).currency == code == parse_quantity(f"{sym}12").currency

from __future__ import annotations

import pytest

from cxsmart.quantities import CURRENCY, DURATION, PERCENT, POINTS, QuantityError, parse_quantity


@pytest.mark.parametrize("text,value,unit,change,factor", [
    ("72%", 72, PERCENT, False, False),
    ("15.6 %", 15.6, PERCENT, False, False),
    ("+5 pp", 5, POINTS, True, False),
    ("3.5 percentage points", 3.5, POINTS, False, False),
    ("8 points", 8, POINTS, False, False),
    ("+12", 12, None, True, False),
    ("-30%", -30, PERCENT, True, False),
    ("−2 pp", -2, POINTS, True, False),          # a typographic minus
    ("45s", 45, DURATION, False, False),
    ("6 min", 360, DURATION, False, False),
    ("26 hours", 93600, DURATION, False, False),
    ("14 days", 1209600, DURATION, False, False),
    ("-45 s", -45, DURATION, True, False),
    ("$1,450", 1450, CURRENCY, False, False),
    ("€35", 35, CURRENCY, False, False),
    ("1450 USD", 1450, CURRENCY, False, False),
    ("$1.2k", 1200, CURRENCY, False, False),
    ("1,200", 1200, None, False, False),
    ("x2", 2, None, False, True),
    ("2x", 2, None, False, True),
    ("×1.5", 1.5, None, False, True),
    (72, 72, None, False, False),
    (4.5, 4.5, None, False, False),
])
def test_quantities(text, value, unit, change, factor):
    q = parse_quantity(text)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.change, q.factor) == (unit, change, factor)


def test_currency_codes():
    assert parse_quantity("€35").currency == "EUR"
    assert parse_quantity("1450 usd").currency == "USD"


def test_relative_percent_is_only_a_signed_percentage():
    assert parse_quantity("+10%").relative_percent
    assert not parse_quantity("10%").relative_percent
    assert not parse_quantity("+10 pp").relative_percent


@pytest.mark.parametrize("bad", ["eighty", "12 km", "", "5 % %", "$5 pp", None, True, [1], float("inf")])
def test_not_quantities(bad):
    with pytest.raises(QuantityError):
        parse_quantity(bad)

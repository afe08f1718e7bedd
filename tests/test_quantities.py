from __future__ import annotations

import pytest

from cxsmart.model.quantities import CURRENCY, DURATION, PERCENT, POINTS, QuantityError, parse_quantity


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
    ("250ms", 0.25, DURATION, False, False),      # a page's load time
    ("160 milliseconds", 0.16, DURATION, False, False),
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


@pytest.mark.parametrize("bad", ["eighty", "12 k m", "about", "", "5 % %", "$5 pp", None, True, [1], float("inf")])
def test_not_quantities(bad):
    with pytest.raises(QuantityError):
        parse_quantity(bad)


# --- the everyday forms of issues 9 and 10 --------------------------------------------------

from cxsmart.model.quantities import ABOVE, AT_LEAST, AT_MOST, BAND, BELOW, Quantity  # noqa: E402


@pytest.mark.parametrize("text,seconds", [
    ("9 min 30 s", 570),
    ("9m30s", 570),
    ("1h 30m", 5400),
    ("1 hr 30 mins", 5400),
    ("1 hour and 30 minutes", 5400),
    ("2 days 4 hours", 187200),
    ("4:30", 270),                 # m:ss
    ("12:05", 725),
    ("1:30:00", 5400),             # h:mm:ss
    ("0:45", 45),
    ("2 h", 7200),
    ("90 secs", 90),
    ("two hours", 7200),
    ("an hour", 3600),
])
def test_compound_and_clock_durations(text, seconds):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.change, q.bound, q.working_days, q.text) == (seconds, DURATION, False, None, False, text)
    assert isinstance(q.value, float)


def test_a_signed_compound_duration_is_a_change():
    q = parse_quantity("-1 min 30 s")
    assert (q.value, q.unit, q.change) == (-90, DURATION, True)
    assert parse_quantity("-0:30") == Quantity(-30.0, DURATION, True, text="-0:30")


@pytest.mark.parametrize("text,days", [
    ("one working day", 1), ("a business day", 1), ("3 business days", 3), ("10 working days", 10),
    ("5 working-days", 5),
])
def test_working_days_are_days_flagged_as_working(text, days):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.working_days) == (days * 86400, DURATION, True)
    assert not parse_quantity(f"{days} days").working_days


@pytest.mark.parametrize("text", ["80pc", "80 pc", "80 per cent", "80 per-cent", "80 percent", "80 pct", "80 PCT"])
def test_percent_words(text):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.change) == (80, PERCENT, False)


@pytest.mark.parametrize("text,value,unit,bound", [
    ("≤ 5%", 5, PERCENT, AT_MOST),
    ("<= 5%", 5, PERCENT, AT_MOST),
    ("< 5%", 5, PERCENT, BELOW),
    (">= 75%", 75, PERCENT, AT_LEAST),
    ("≥ 75%", 75, PERCENT, AT_LEAST),
    ("≥75%", 75, PERCENT, AT_LEAST),
    ("> 75%", 75, PERCENT, ABOVE),
    ("75%+", 75, PERCENT, AT_LEAST),
    ("at least 75%", 75, PERCENT, AT_LEAST),
    ("At Least 75 %", 75, PERCENT, AT_LEAST),
    ("at most 2 min", 120, DURATION, AT_MOST),
    ("under 2 min", 120, DURATION, BELOW),
    ("below 5%", 5, PERCENT, BELOW),
    ("no more than 2%", 2, PERCENT, AT_MOST),
    ("a minimum of 90%", 90, PERCENT, AT_LEAST),
    ("min 90%", 90, PERCENT, AT_LEAST),
    ("90% minimum", 90, PERCENT, AT_LEAST),
    ("max 4 h", 14400, DURATION, AT_MOST),
    ("4 h max", 14400, DURATION, AT_MOST),
    ("75% or more", 75, PERCENT, AT_LEAST),
    ("4 hours or less", 14400, DURATION, AT_MOST),
    ("over 80%", 80, PERCENT, ABOVE),
    ("more than 4.5", 4.5, None, ABOVE),
    ("fewer than 3", 3, None, BELOW),
    ("up to 3 business days", 259200, DURATION, AT_MOST),
    ("under 9 min 30 s", 570, DURATION, BELOW),
    ("≤ 4:30", 270, DURATION, AT_MOST),
    ("at least 80 per cent", 80, PERCENT, AT_LEAST),
    ("no more than $35", 35, CURRENCY, AT_MOST),
])
def test_thresholds_are_a_quantity_with_a_bound(text, value, unit, bound):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.bound, q.change, q.factor, q.text) == (value, unit, bound, False, False, text)


def test_a_bound_keeps_a_change():
    q = parse_quantity("at least +5 pp")
    assert (q.value, q.unit, q.change, q.bound) == (5, POINTS, True, AT_LEAST)


@pytest.mark.parametrize("text,low,high,unit", [
    ("70-78", 70, 78, None),
    ("(70–78)", 70, 78, None),
    ("70 – 78", 70, 78, None),
    ("70-78%", 70, 78, PERCENT),
    ("70% - 78%", 70, 78, PERCENT),
    ("70 to 78%", 70, 78, PERCENT),
    ("between 70% and 78%", 70, 78, PERCENT),
    ("4-6 h", 14400, 21600, DURATION),
    ("$70-80", 70, 80, CURRENCY),
])
def test_a_range_is_a_target_band(text, low, high, unit):
    q = parse_quantity(text)
    assert (q.value, q.high, q.unit, q.bound) == (low, high, unit, BAND)


def test_admits_follows_the_bound():
    assert parse_quantity("at least 75%").admits(75) and not parse_quantity("at least 75%").admits(74.9)
    assert parse_quantity("> 75%").admits(75.1) and not parse_quantity("> 75%").admits(75)
    assert parse_quantity("<= 2 min").admits(120) and not parse_quantity("<= 2 min").admits(121)
    assert parse_quantity("under 2 min").admits(119) and not parse_quantity("under 2 min").admits(120)
    assert parse_quantity("70-78").admits(70) and parse_quantity("70-78").admits(78)
    assert not parse_quantity("70-78").admits(78.5)
    assert parse_quantity("72%").admits(72) and not parse_quantity("72%").admits(73)


def test_existing_callers_see_no_bound():
    q = Quantity(72.0, PERCENT, False, False, None, "72%")          # positional, as serial.py builds it
    assert (q.bound, q.high, q.working_days) == (None, None, False)
    assert parse_quantity("72%") == Quantity(72.0, PERCENT, text="72%")


@pytest.mark.parametrize("bad,why", [
    ("3.5b", "is not a quantity"),              # a bare "b": billions or bytes? ("3.5bn" is billions)
    ("at least", "is not a quantity"),
    (">= x2", "puts a bound on a factor"),
    ("≥ 75%+", "gives two bounds"),
    ("78-70", "from high to low"),
    ("70%-78 pp", "different units"),
    ("4:75", "is not a quantity"),
    ("eighty percent", "is not a quantity"),
    ("6 min min", "is not a quantity"),
])
def test_not_quantities_say_why(bad, why):
    with pytest.raises(QuantityError, match=why):
        parse_quantity(bad)


@pytest.mark.parametrize("text,value,change,unit,label", [
    ("182 Ml/d", 182, False, "custom", "Ml/d"), ("-5 Ml/d", -5, True, "custom", "Ml/d"),
    ("12 kWh", 12, False, "custom", "kWh"), ("3.1 per 1,000", 3.1, False, "rate", "per 1,000"),
    ("12 complaints", 12, False, None, "complaints"),
    ("4.2 stars", 4.2, False, "score", "stars"), ("+0.3 stars", 0.3, True, "score", "stars"),   # a scale's own word
    ("8 points out of 10", 8, False, "score", "points out of 10")])
def test_a_unit_of_the_teams_own_is_kept_with_its_text(text, value, change, unit, label):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.change, q.text, q.label) == (value, unit, change, text, label)


@pytest.mark.parametrize("text,value,currency", [
    ("C$56", 56, "CAD"), ("US$58", 58, "USD"), ("A$1.2m", 1_200_000, "AUD"), ("NZ$40", 40, "NZD"),
    ("$58", 58, "USD"), ("c $56", 56, "USD"),       # 'c ' with a space is circa
])
def test_a_dollar_named_by_its_country_is_that_currency(text, value, currency):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.currency) == (value, CURRENCY, currency)


def test_a_bare_dollar_is_the_dollar_of_the_metric_it_is_written_against():
    from cxsmart.model.units import same_currency

    assert same_currency("USD", "$58", "CAD", "CAD")
    assert same_currency("AUD", "AUD", "USD", "$4.20")
    assert not same_currency("USD", "US$58", "CAD", "CAD")       # named: American
    assert not same_currency("USD", "$58", "EUR", "EUR")         # not a dollar
    assert not same_currency("CAD", "C$58", "AUD", "A$58")


@pytest.mark.parametrize("seconds,said", [(86400, "1 day"), (172800, "2 days"), (3600, "1 h"), (45, "45 s"),
                                          (0.16, "160 ms"), (1.5, "1.5 s")])
def test_a_duration_is_said_as_a_reader_would(seconds, said):
    from cxsmart.model.quantities import format_duration

    assert format_duration(seconds) == said


@pytest.mark.parametrize("text,value,label", [("2.1m", 2_100_000, "m"), ("-0.5m", -500_000, "m"), ("1.2bn", 1.2e9, None),
                                              ("2mn", 2_000_000, None), ("46 (Sep 2026 pulse)", 46, None)])
def test_magnitudes_and_remarks(text, value, label):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.label, q.text) == (value, None, label, text)


@pytest.mark.parametrize("text,value,band", [
    ("top quartile", 1, "quartile"), ("Top Quartile", 1, "quartile"), ("2nd quartile (autumn 2026 wave)", 2, "quartile"),
    ("bottom decile", 10, "decile"), ("upper quintile", 1, "quintile"), ("the top quartile", 1, "quartile"),
    ("third quartile", 3, "quartile"), ("top half", 1, "half"),
])
def test_a_position_in_words_is_a_band_counted_from_the_top(text, value, band):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.label, q.text) == (value, "custom", band, text)


def test_a_position_past_the_bands_is_no_position():
    assert parse_quantity("5th quartile").label != "quartile"      # read as a unit of its own, not a band

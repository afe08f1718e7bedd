from __future__ import annotations

import datetime as dt

import pytest

from cxsmart.timeframes import DateSyntaxError, parse_date_like

D = dt.date


@pytest.mark.parametrize("text,first,last", [
    ("2026-06-30", D(2026, 6, 30), D(2026, 6, 30)),
    ("30 June 2026", D(2026, 6, 30), D(2026, 6, 30)),
    ("30th of June 2026", D(2026, 6, 30), D(2026, 6, 30)),
    ("June 30, 2026", D(2026, 6, 30), D(2026, 6, 30)),
    ("Sept 1 2026", D(2026, 9, 1), D(2026, 9, 1)),
    ("end of June 2026", D(2026, 6, 1), D(2026, 6, 30)),
    ("by end of June 2026", D(2026, 6, 1), D(2026, 6, 30)),
    ("2026-06", D(2026, 6, 1), D(2026, 6, 30)),
    ("2026-02", D(2026, 2, 1), D(2026, 2, 28)),
    ("2026-Q2", D(2026, 4, 1), D(2026, 6, 30)),
    ("Q2 2026", D(2026, 4, 1), D(2026, 6, 30)),
    ("q4 2026", D(2026, 10, 1), D(2026, 12, 31)),
    ("H1 2026", D(2026, 1, 1), D(2026, 6, 30)),
    ("2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
    ("FY2026", D(2026, 1, 1), D(2026, 12, 31)),
    ("FY26", D(2026, 1, 1), D(2026, 12, 31)),
    ("2026", D(2026, 1, 1), D(2026, 12, 31)),
    (2026, D(2026, 1, 1), D(2026, 12, 31)),
    ("end of 2026", D(2026, 1, 1), D(2026, 12, 31)),
])
def test_dates_and_periods(text, first, last):
    t = parse_date_like(text)
    assert (t.first, t.last, t.invalid, t.relative) == (first, last, None, None)


@pytest.mark.parametrize("text,first,last", [
    ("FY2026", D(2025, 4, 1), D(2026, 3, 31)),
    ("FY26", D(2025, 4, 1), D(2026, 3, 31)),
    ("FY2025/26", D(2025, 4, 1), D(2026, 3, 31)),
    ("Q1 FY2026", D(2025, 4, 1), D(2025, 6, 30)),
    ("FY2026 Q4", D(2026, 1, 1), D(2026, 3, 31)),
])
def test_fiscal_year_starting_in_april(text, first, last):
    t = parse_date_like(text, fiscal_start=4)
    assert (t.first, t.last) == (first, last)


@pytest.mark.parametrize("text,why", [
    ("31 February 2026", "February 2026 has 28 days, not 31"),
    ("2026-02-29", "February 2026 has 28 days, not 29"),
    ("2026-13-01", "there is no month 13"),
    ("Q5 2026", "not Q5"),
    ("H3 2026", "not H3"),
    ("Q0 FY2026", "not Q0"),
])
def test_impossible_dates_are_invalid_not_unreadable(text, why):
    t = parse_date_like(text)
    assert t.invalid and why in t.invalid
    assert not t.ok


@pytest.mark.parametrize("text,anchor,last", [
    ("within six months", D(2026, 1, 1), D(2026, 7, 1)),
    ("within 90 days", D(2026, 1, 1), D(2026, 4, 1)),
    ("over the next two quarters", D(2026, 1, 15), D(2026, 7, 15)),
    ("within a year", D(2026, 3, 1), D(2027, 3, 1)),
    ("this year", D(2026, 5, 10), D(2026, 12, 31)),
    ("next year", D(2026, 5, 10), D(2027, 12, 31)),
    ("by the end of the year", D(2026, 5, 10), D(2026, 12, 31)),
    ("next quarter", D(2026, 5, 10), D(2026, 9, 30)),
])
def test_relative_phrases_resolve_only_against_an_anchor(text, anchor, last):
    t = parse_date_like(text)
    assert t.relative is not None and t.last is None and not t.ok
    assert t.anchored(anchor).last == last


def test_next_financial_year_uses_the_fiscal_start():
    t = parse_date_like("next financial year")
    assert t.anchored(D(2026, 5, 10), fiscal_start=4).last == D(2028, 3, 31)
    assert t.anchored(D(2026, 2, 10), fiscal_start=4).last == D(2027, 3, 31)


@pytest.mark.parametrize("bad", ["soon", "ASAP", "Jnue 2026", "2026/06/30/1", "", None, True, 3.5])
def test_not_dates(bad):
    with pytest.raises(DateSyntaxError):
        parse_date_like(bad)

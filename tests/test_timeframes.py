from __future__ import annotations

import datetime as dt

import pytest

from cxsmart.model.timeframes import DateSyntaxError, parse_date_like

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
    ("Jan-Mar 2028", D(2028, 1, 1), D(2028, 3, 31)),          # whole months: a quarter's report
    ("July to September 2026", D(2026, 7, 1), D(2026, 9, 30)),
    ("Apr\u2013Jun 2027", D(2027, 4, 1), D(2027, 6, 30)),
    ("Nov-Jan 2027", D(2026, 11, 1), D(2027, 1, 31)),          # across a year's end: starts in the one before
    ("February \u2013 June , 2024", D(2024, 2, 1), D(2024, 6, 30)),   # a stray space before the comma
    ("2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
    ("FY2026", D(2026, 1, 1), D(2026, 12, 31)),
    ("FY26", D(2026, 1, 1), D(2026, 12, 31)),
    ("RY31", D(2031, 1, 1), D(2031, 12, 31)),                  # a regulatory year: the financial year
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


# --- the everyday forms of issues 9 and 10 --------------------------------------------------

from cxsmart.model.timeframes import AmbiguousDateError  # noqa: E402

TODAY = D(2026, 5, 10)


@pytest.mark.parametrize("text,day", [
    ("June 30th, 2027", D(2027, 6, 30)),
    ("30th June 2027", D(2027, 6, 30)),
    ("1st of July 2027", D(2027, 7, 1)),
    ("the 30th of June 2027", D(2027, 6, 30)),
    ("2nd Sept. 2027", D(2027, 9, 2)),
    ("30/06/2027", D(2027, 6, 30)),
    ("30.06.2027", D(2027, 6, 30)),
    ("30-06-2027", D(2027, 6, 30)),
    ("06/30/2027", D(2027, 6, 30)),
    ("2027/06/30", D(2027, 6, 30)),
    ("2027.06.30", D(2027, 6, 30)),
    ("13/7/2027", D(2027, 7, 13)),
    ("05/05/2027", D(2027, 5, 5)),            # both readings are the same day
    ("mid-October 2026", D(2026, 10, 15)),
    ("by 30/06/2027", D(2027, 6, 30)),
])
def test_ordinal_and_numeric_dates(text, day):
    t = parse_date_like(text)
    assert (t.first, t.last, t.kind, t.invalid, t.yearless) == (day, day, "day", None, False)


def test_an_ambiguous_numeric_date_names_both_readings():
    with pytest.raises(AmbiguousDateError) as e:
        parse_date_like("03/04/2027")
    assert str(e.value) == ("03/04/2027 could be 3 April 2027 or 4 March 2027: write 2027-04-03, "
                            "or say how your team writes dates: date-order = \"day-first\" (or \"month-first\") in cxsmart.toml")
    assert e.value.readings == (D(2027, 4, 3), D(2027, 3, 4))
    assert isinstance(e.value, DateSyntaxError)          # a field written so is a schema finding (F002)


@pytest.mark.parametrize("text,order,day", [
    ("03/04/2027", "day-first", D(2027, 4, 3)),
    ("03/04/2027", "month-first", D(2027, 3, 4)),
    ("03.04.2027", "day-first", D(2027, 4, 3)),
    ("30/06/2027", "month-first", D(2027, 6, 30)),       # unambiguous: read whatever the order
    ("06/30/2027", "day-first", D(2027, 6, 30)),
])
def test_date_order_reads_ambiguous_dates(text, order, day):
    assert parse_date_like(text, date_order=order).last == day


def test_date_order_must_be_known():
    with pytest.raises(ValueError, match="day-first, month-first"):
        parse_date_like("03/04/2027", date_order="year-first")


@pytest.mark.parametrize("text,why", [
    ("31/06/2026", "June 2026 has 30 days, not 31"),
    ("31.06.2026", "June 2026 has 30 days, not 31"),
    ("02/30/2027", "February 2027 has 28 days, not 30"),
    ("31/13/2027", "there is no month 13"),
    ("2027/02/29", "February 2027 has 28 days, not 29"),
    ("2026/28", "a fiscal year runs over two years in a row, such as 2026/27, not 2026/28"),
    ("31 June", "June has 30 days, not 31"),
    ("30 February", "February has 29 days, not 30"),
    ("Q5", "a year has quarters Q1 to Q4, not Q5"),
    ("H3", "a year has halves H1 and H2, not H3"),
])
def test_impossible_numeric_and_yearless_dates_are_invalid(text, why):
    t = parse_date_like(text, today=TODAY)
    assert t.invalid == why
    assert not t.ok


@pytest.mark.parametrize("text,first,last", [
    ("2026/27", D(2026, 4, 1), D(2027, 3, 31)),
    ("2026-27", D(2026, 4, 1), D(2027, 3, 31)),
    ("2026/2027", D(2026, 4, 1), D(2027, 3, 31)),
    ("FY 2026-27", D(2026, 4, 1), D(2027, 3, 31)),
    ("FY2026/27", D(2026, 4, 1), D(2027, 3, 31)),
    ("FY 2026–27", D(2026, 4, 1), D(2027, 3, 31)),
    ("financial year 2026–27", D(2026, 4, 1), D(2027, 3, 31)),
    ("fiscal year 2026/27", D(2026, 4, 1), D(2027, 3, 31)),
    ("financial year 2027", D(2026, 4, 1), D(2027, 3, 31)),
    ("the end of 2026/27", D(2026, 4, 1), D(2027, 3, 31)),
    ("by the end of 2026/27", D(2026, 4, 1), D(2027, 3, 31)),
    ("end of 2026—27", D(2026, 4, 1), D(2027, 3, 31)),
])
def test_fiscal_years_written_with_two_years_end_in_the_second(text, first, last):
    t = parse_date_like(text, fiscal_start=4)
    assert (t.first, t.last, t.kind, t.invalid, t.yearless) == (first, last, "fiscal_year", None, False)


def test_two_year_fiscal_forms_with_a_january_start_are_the_second_year():
    assert parse_date_like("2026/27").last == D(2027, 12, 31)


@pytest.mark.parametrize("text,first,last", [
    ("2026-06", D(2026, 6, 1), D(2026, 6, 30)),         # an ISO month, not a fiscal year
    ("2011-12", D(2011, 12, 1), D(2011, 12, 31)),       # consecutive years, but a month too: ISO wins
])
def test_iso_months_stay_months(text, first, last):
    t = parse_date_like(text, fiscal_start=4)
    assert (t.first, t.last, t.kind) == (first, last, "month")


@pytest.mark.parametrize("text,first,last,kind", [
    ("Q3", D(2026, 7, 1), D(2026, 9, 30), "quarter"),
    ("by Q3", D(2026, 7, 1), D(2026, 9, 30), "quarter"),
    ("end of Q3", D(2026, 7, 1), D(2026, 9, 30), "quarter"),
    ("Q1", D(2027, 1, 1), D(2027, 3, 31), "quarter"),           # Q1 2026 has passed
    ("Q2", D(2026, 4, 1), D(2026, 6, 30), "quarter"),           # not over yet
    ("EOQ", D(2026, 4, 1), D(2026, 6, 30), "quarter"),
    ("end of quarter", D(2026, 4, 1), D(2026, 6, 30), "quarter"),
    ("quarter-end", D(2026, 4, 1), D(2026, 6, 30), "quarter"),
    ("end of year", D(2026, 1, 1), D(2026, 12, 31), "year"),
    ("year end", D(2026, 1, 1), D(2026, 12, 31), "year"),
    ("year-end", D(2026, 1, 1), D(2026, 12, 31), "year"),
    ("EOY", D(2026, 1, 1), D(2026, 12, 31), "year"),
    ("September", D(2026, 9, 1), D(2026, 9, 30), "month"),
    ("end of September", D(2026, 9, 1), D(2026, 9, 30), "month"),
    ("by end of Sept", D(2026, 9, 1), D(2026, 9, 30), "month"),
    ("May", D(2026, 5, 1), D(2026, 5, 31), "month"),            # the month we are in
    ("April", D(2027, 4, 1), D(2027, 4, 30), "month"),
    ("mid-October", D(2026, 10, 15), D(2026, 10, 15), "day"),
    ("mid October", D(2026, 10, 15), D(2026, 10, 15), "day"),
    ("H2", D(2026, 7, 1), D(2026, 12, 31), "half"),
    ("H1", D(2026, 1, 1), D(2026, 6, 30), "half"),
    ("30 June", D(2026, 6, 30), D(2026, 6, 30), "day"),
    ("June 30th", D(2026, 6, 30), D(2026, 6, 30), "day"),
    ("the 1st of May", D(2027, 5, 1), D(2027, 5, 1), "day"),
    ("29 February", D(2028, 2, 29), D(2028, 2, 29), "day"),     # the next leap year
])
def test_yearless_deadlines_are_the_next_such_period(text, first, last, kind):
    t = parse_date_like(text, today=TODAY)
    assert (t.first, t.last, t.kind, t.yearless, t.invalid, t.relative) == (first, last, kind, True, None, None)
    assert t.ok


@pytest.mark.parametrize("text,first,last", [
    ("end of financial year", D(2026, 4, 1), D(2027, 3, 31)),
    ("EOFY", D(2026, 4, 1), D(2027, 3, 31)),
    ("financial year end", D(2026, 4, 1), D(2027, 3, 31)),
])
def test_yearless_fiscal_year_end_uses_the_fiscal_start(text, first, last):
    t = parse_date_like(text, fiscal_start=4, today=TODAY)
    assert (t.first, t.last, t.kind, t.yearless) == (first, last, "fiscal_year", True)


def test_a_period_ending_on_the_reference_date_is_still_next():
    assert parse_date_like("Q3", today=D(2026, 9, 30)).last == D(2026, 9, 30)
    assert parse_date_like("Q3", today=D(2026, 10, 1)).last == D(2027, 9, 30)


def test_yearless_defaults_to_today_and_resolves_again():
    t = parse_date_like("Q3")
    assert t.yearless and t.last >= dt.date.today()
    later = parse_date_like("Q3", today=TODAY).resolved(D(2027, 11, 2))
    assert (later.first, later.last, later.yearless) == (D(2028, 7, 1), D(2028, 9, 30), True)
    dated = parse_date_like("2026-06-30")
    assert dated.resolved(D(2030, 1, 1)) is dated


def test_written_years_are_not_yearless():
    for text in ("Q3 2026", "September 2026", "end of 2026", "FY27", "2026-06-30", "30 June 2026"):
        assert not parse_date_like(text, today=TODAY).yearless, text


def test_relative_phrases_stay_relative():
    # "the end of the year" was relative before yearless deadlines, and stays so (T006)
    for text in ("the end of the year", "by the end of the quarter", "end of the financial year"):
        t = parse_date_like(text, today=TODAY)
        assert t.relative is not None and not t.yearless, text


@pytest.mark.parametrize("bad", ["Q3x", "mid", "year", "2026/06/30/1", "03/04/27", "Sept 2026 2027"])
def test_still_not_dates(bad):
    with pytest.raises(DateSyntaxError):
        parse_date_like(bad, today=TODAY)


# --- dates as teams write them (issue 17) ------------------------------------------------------

@pytest.mark.parametrize("text,order,day", [
    ("30/09/27", None, D(2027, 9, 30)),              # 30 cannot be a month: day-first whatever the order
    ("31/03/27", None, D(2027, 3, 31)),
    ("09/30/27", None, D(2027, 9, 30)),
    ("04/01/27", "day-first", D(2027, 1, 4)),
    ("04/01/27", "month-first", D(2027, 4, 1)),
    ("30.09.27", None, D(2027, 9, 30)),
])
def test_two_digit_years_follow_the_date_order(text, order, day):
    t = parse_date_like(text, date_order=order)
    assert (t.first, t.last, t.kind) == (day, day, "day")


def test_an_ambiguous_two_digit_year_date_names_both_readings():
    with pytest.raises(AmbiguousDateError) as e:
        parse_date_like("04/01/27")
    assert e.value.readings == (D(2027, 1, 4), D(2027, 4, 1))


@pytest.mark.parametrize("text,first,last", [
    ("end of Q3 FY26/27", D(2026, 10, 1), D(2026, 12, 31)),
    ("FY26/27 Q3", D(2026, 10, 1), D(2026, 12, 31)),
    ("Q3 FY26/27", D(2026, 10, 1), D(2026, 12, 31)),
    ("Q3 of FY2026/27", D(2026, 10, 1), D(2026, 12, 31)),
    ("Q4 2026/27", D(2027, 1, 1), D(2027, 3, 31)),
    ("end of Q4 2026/27", D(2027, 1, 1), D(2027, 3, 31)),
    ("2026/27 Q3", D(2026, 10, 1), D(2026, 12, 31)),
    ("Q1 FY2027", D(2026, 4, 1), D(2026, 6, 30)),
    ("FY27 Q1", D(2026, 4, 1), D(2026, 6, 30)),
    ("2027/28", D(2027, 4, 1), D(2028, 3, 31)),
    ("Q3 2026", D(2026, 7, 1), D(2026, 9, 30)),        # a calendar year: the calendar quarter
    ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30)),
])
def test_fiscal_quarters_in_any_order_with_an_april_start(text, first, last):
    t = parse_date_like(text, fiscal_start=4)
    assert (t.first, t.last, t.invalid, t.yearless) == (first, last, None, False)


def test_fiscal_quarters_follow_the_configured_start():
    assert parse_date_like("FY26/27 Q3", fiscal_start=7).last == D(2027, 3, 31)    # July start: Jan-Mar 2027
    assert parse_date_like("FY26/27 Q3").last == D(2027, 9, 30)                    # January start: FY2027's Q3


def test_a_fiscal_quarter_of_years_not_in_a_row_is_invalid():
    t = parse_date_like("Q3 FY26/28", fiscal_start=4)
    assert t.invalid == "a fiscal year runs over two years in a row, such as 2026/27, not 26/28"


@pytest.mark.parametrize("text,first,last", [
    ("rolling 12 months to Aug 2026", D(2025, 9, 1), D(2026, 8, 31)),
    ("Rolling 12 months to Sep 2026", D(2025, 10, 1), D(2026, 9, 30)),
    ("12 months to March 2026", D(2025, 4, 1), D(2026, 3, 31)),
    ("the 3 months to 30/06/2026", D(2026, 4, 1), D(2026, 6, 30)),
    ("2025/26 outturn", D(2025, 4, 1), D(2026, 3, 31)),
    ("year to date Sept 2026", D(2026, 4, 1), D(2026, 9, 30)),
    ("YTD Sept 2026", D(2026, 4, 1), D(2026, 9, 30)),
    ("year ending March 2026", D(2025, 4, 1), D(2026, 3, 31)),
    ("Q2 2026 actuals", D(2026, 4, 1), D(2026, 6, 30)),
    ("Aug 2026 (rolling 12 months)", D(2026, 8, 1), D(2026, 8, 31)),
])
def test_period_labels_are_the_period_ending_where_they_say(text, first, last):
    t = parse_date_like(text, fiscal_start=4)
    assert (t.first, t.last, t.kind, t.invalid) == (first, last, "period", None)


def test_a_label_around_an_impossible_date_is_invalid_not_unreadable():
    assert parse_date_like("12 months to 31/06/2026").invalid == "June 2026 has 30 days, not 31"


@pytest.mark.parametrize("text", ["12 months", "rolling", "year to date", "2025/26 outturn outturn x"])
def test_labels_without_a_date_are_not_dates(text):
    with pytest.raises(DateSyntaxError):
        parse_date_like(text)


@pytest.mark.parametrize("text,kind", [
    ("after go-live", "event"), ("after the CRM migration", "event"), ("once the new CRM goes live", "event"),
    ("post-launch", "event"), ("before the summer peak", "season"), ("by Christmas", "season"),
    ("summer 2027", "season"), ("soon", None), ("Jnue 2026", None), ("", None), (None, None), (2027, None),
])
def test_deadlines_that_name_an_event_or_a_season(text, kind):
    from cxsmart.model.unplaced import unplaced

    assert unplaced(text) == kind

"""The values the language and model helpers give, not only the words they find: "a quarter" is
25%, a working day is one day, years stop at the bounds a goal can name, a short "within" is part
of the measure, and the model's arithmetic lands on each side of its bounds."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from cxsmart.language import Reader
from cxsmart.language.finders import definitional, find_dates
from cxsmart.language.numbers import is_year
from cxsmart.model.goalfile import MetricDef
from cxsmart.model.measure import (ambiguous_percent, bound, metric_range, resolve_target, show, show_change,
                                   wrong_way)
from cxsmart.model.quantities import (ABOVE, AT_LEAST, AT_MOST, BAND, BELOW, DURATION, PERCENT, Quantity,
                                      format_number, parse_quantity)
from cxsmart.read.packs import load_packs


@pytest.fixture(scope="module")
def reader():
    return Reader(load_packs([]))


def target_of(reader, text):
    ((_, facts),) = list(reader.read([text]))
    t = facts.target
    return None if t is None else (t.value.value, t.value.unit, t.value.change, text[t.start:t.end])


@pytest.mark.parametrize("text,value,words", [
    ("Cut repeat calls by a quarter", -25.0, "a quarter"),
    ("Raise NPS by a fifth", 20.0, "a fifth"),
    ("Cut wait times by half", -50.0, "half"),
    ("Reduce complaints by a third", -33.3, "a third"),
    ("Cut repeat calls by two thirds", -66.7, "two thirds"),
    ("Cut backlog by three quarters", -75.0, "three quarters"),
    ("Raise CSAT by a tenth", 10.0, "a tenth"),
])
def test_fractions_in_words_are_their_share_signed_by_the_verb(reader, text, value, words):
    assert target_of(reader, text) == (value, PERCENT, True, words)


@pytest.mark.parametrize("text,days,words", [
    ("Reply to every email within 10 working days", 10, "10 working days"),
    ("Reply to every email within one working day", 1, "one working day"),
    ("Reply to every email in business days", 1, "business days"),          # no count: one day
    ("Reply within two business days", 2, "two business days"),
    ("Resolve tickets the same day", 1, "the same day"),
])
def test_working_days_are_days(reader, text, days, words):
    assert target_of(reader, text) == (days * 86400.0, DURATION, False, words)


@pytest.mark.parametrize("text,seconds,words", [
    ("Answer calls in under an hour", 3600.0, "an hour"),
    ("Answer calls within 4 hours", 14400.0, "4 hours"),
    ("Resolve complaints within five days by Q3 2027", 432000.0, "five days"),
    ("Answer calls within thirty seconds", 30.0, "thirty seconds"),
    ("Answer every call in a second", 1.0, "a second"),
])
def test_worded_times_are_seconds(reader, text, seconds, words):
    assert target_of(reader, text) == (seconds, DURATION, False, words)


@pytest.mark.parametrize("text,verb,words", [
    ("Reduce callbacks kept late from 20% to 10% by 2027-06-30", ("down", "reduce"), "Reduce"),   # 'kept' describes
    ("Keep callbacks late below 10% by 2027-06-30", ("hold", "keep"), "Keep"),                    # the only verb
    ("Cut waiting times and raise CSAT from 70% to 80% by 2027-06-30", ("up", "raise"), "raise"),  # the nearest
])
def test_the_verb_that_moves_the_metric_is_its_direction(reader, text, verb, words):
    ((_, facts),) = list(reader.read([text]))
    assert (facts.direction.value, text[facts.direction.start:facts.direction.end]) == (verb, words)


@pytest.mark.parametrize("number,year", [(1989, False), (1990, True), (2026, True), (2100, True), (2101, False)])
def test_a_year_is_a_whole_number_from_1990_to_2100(number, year):
    assert is_year(SimpleNamespace(value=Quantity(float(number)))) is year
    assert is_year(SimpleNamespace(value=Quantity(number + 0.5))) is False
    assert is_year(SimpleNamespace(value=Quantity(float(number), unit=PERCENT))) is False
    assert is_year(SimpleNamespace(value=Quantity(float(number), change=True))) is False


@pytest.mark.parametrize("text,words,measure", [
    ("Grow sales within 14 days", set(), True),          # two weeks or less: how the measure is timed
    ("Grow sales within 2 weeks", set(), True),
    ("Grow sales within 15 days", set(), False),         # more: a deadline, unless the words say otherwise
    ("Grow sales within 3 weeks", set(), False),
    ("Issue renewals within 3 weeks of receipt", set(), True),
    ("Close all tickets within 3 weeks", set(), True),
    ("Tickets resolved quickly within 31 days", {"resolved"}, True),     # up to a month: any such word
    ("Tickets resolved quickly within 32 days", {"resolved"}, False),    # longer: only right before it,
    ("Resolve member complaints within 40 days", {"resolve"}, True),     # or up to 60 days after the verb
    ("Resolve member complaints within 61 days", {"resolve"}, False),    # that acts on its object
    ("Tickets resolved within 6 weeks", {"resolved"}, True),
    ("Tickets resolved within 6 weeks", set(), False),
])
def test_a_short_within_belongs_to_the_measure(text, words, measure):
    (found,) = find_dates(text)
    assert definitional(found, text, words) is measure


# --- model arithmetic ----------------------------------------------------------------------

CSAT = MetricDef(id="csat", name="CSAT", unit="percent", range=(0.0, 100.0), better="higher",
                 max_change_per_quarter=5)
AHT = MetricDef(id="aht", unit="duration", better="lower", max_change_per_quarter="15%")


@pytest.mark.parametrize("bound_,x,admitted", [
    (AT_LEAST, 80.0, True), (AT_LEAST, 79.9, False),
    (AT_MOST, 80.0, True), (AT_MOST, 80.1, False),
    (BELOW, 80.0, False), (BELOW, 79.9, True),
    (ABOVE, 80.0, False), (ABOVE, 80.1, True),
    (None, 80.0, True), (None, 80.1, False),
])
def test_a_bound_admits_its_own_value_only_when_inclusive(bound_, x, admitted):
    assert Quantity(80.0, PERCENT, bound=bound_).admits(x) is admitted


def test_a_band_includes_both_ends():
    band = Quantity(70.0, PERCENT, bound=BAND, high=78.0)
    assert [band.admits(x) for x in (69.9, 70.0, 78.0, 78.1)] == [False, True, True, False]
    assert Quantity(70.0, bound=BAND).admits(70.0) and not Quantity(70.0, bound=BAND).admits(70.1)


def test_resolving_a_target():
    base = Quantity(80.0, PERCENT)
    assert resolve_target(base, Quantity(85.0, PERCENT)) == 85.0
    assert resolve_target(base, Quantity(5.0, "points", change=True)) == 85.0
    assert resolve_target(base, Quantity(-10.0, PERCENT, change=True)) == pytest.approx(72.0)
    assert resolve_target(Quantity(8.0), Quantity(0.5, factor=True)) == 4.0
    assert resolve_target(None, Quantity(0.5, factor=True)) is None
    assert resolve_target(None, Quantity(5.0, change=True)) is None
    assert resolve_target(None, Quantity(5.0)) == 5.0
    assert resolve_target(base, None) is None


@pytest.mark.parametrize("target,metric,wrong", [
    (Quantity(-1.0, change=True), CSAT, True), (Quantity(1.0, change=True), CSAT, False),
    (Quantity(0.0, change=True), CSAT, False),
    (Quantity(1.0, change=True), AHT, True), (Quantity(-1.0, change=True), AHT, False),
    (Quantity(0.0, change=True), AHT, False),
    (Quantity(0.9, factor=True), CSAT, True), (Quantity(1.0, factor=True), CSAT, False),
    (Quantity(1.1, factor=True), AHT, True), (Quantity(1.0, factor=True), AHT, False),
    (Quantity(90.0), CSAT, False),
])
def test_a_change_the_wrong_way(target, metric, wrong):
    assert wrong_way(target, metric) is wrong


def test_bounds_and_ranges():
    assert bound("15%", -400.0) == 60.0 and bound(" 1% ", 400.0) == 4.0
    assert bound(5, 80.0) == 5.0 and bound(None, 80.0) is None
    assert metric_range(CSAT) == (0.0, 100.0)
    assert metric_range(MetricDef(id="x", unit="percent")) == (0.0, 100.0)
    assert metric_range(AHT) == (0.0, None)
    assert metric_range(MetricDef(id="x", unit="count")) == (0.0, None)
    assert metric_range(MetricDef(id="x", unit="score")) == (None, None)


def test_ambiguous_percent_edges():
    five = Quantity(5.0, PERCENT, change=True)
    assert ambiguous_percent(five, CSAT, Quantity(95.0, PERCENT))              # lands on 100: possible
    assert not ambiguous_percent(five, CSAT, Quantity(95.1, PERCENT))          # past 100: relative
    assert ambiguous_percent(Quantity(-5.0, PERCENT, change=True), CSAT, Quantity(5.0, PERCENT))
    assert not ambiguous_percent(Quantity(-5.0, PERCENT, change=True), CSAT, Quantity(4.9, PERCENT))
    assert ambiguous_percent(Quantity(20.0, PERCENT, change=True), CSAT)       # a year: 4 quarters
    assert not ambiguous_percent(Quantity(20.1, PERCENT, change=True), CSAT)
    assert ambiguous_percent(Quantity(5.0, PERCENT, change=True), CSAT, quarters=0.2)   # never under one
    assert not ambiguous_percent(Quantity(5.1, PERCENT, change=True), CSAT, quarters=0.2)
    assert ambiguous_percent(Quantity(10.0, PERCENT, change=True), CSAT, quarters=2.0)
    assert not ambiguous_percent(Quantity(10.0, PERCENT), CSAT)                # not a change
    assert not ambiguous_percent(Quantity(10.0, PERCENT, change=True), AHT)    # a duration: relative
    assert not ambiguous_percent(None, CSAT)


def test_values_shown_as_a_cx_lead_writes_them():
    assert show(84.04, CSAT) == "84%" and show(84.06, CSAT) == "84.1%"
    assert show(12.345, None) == "12.3" and show(9.876, None) == "9.88"
    assert show_change(1.0, CSAT) == "1 point" and show_change(-2.5, CSAT) == "2.5 points"
    assert show(1450.0, MetricDef(id="x", unit="currency"), "GBP") == "£1450"
    assert show(12.5, MetricDef(id="x", unit="currency"), "KES") == "12.5 KES"
    assert (format_number(12345.6), format_number(2.345), format_number(0.12345), format_number(7.0)) == \
        ("12,346", "2.345", "0.1235", "7")


@pytest.mark.parametrize("raw,value,unit,working", [
    ("3 business days", 3 * 86400.0, DURATION, True),
    ("one working day", 86400.0, DURATION, True),
    ("45 s", 45.0, DURATION, False),
    ("6 min", 360.0, DURATION, False),
    ("1:30", 90.0, DURATION, False),
    ("1:02:03", 3723.0, DURATION, False),
    ("1 calendar day", 86400.0, DURATION, False),
])
def test_quantities_in_seconds(raw, value, unit, working):
    q = parse_quantity(raw)
    assert (q.value, q.unit, q.working_days) == (value, unit, working)


# --- dates: numbers in words, the edges of each calendar check, periods around a date ----------

from cxsmart.model.timeframes import AmbiguousDateError, parse_date_like  # noqa: E402

D = __import__("datetime").date
JUNE_30 = D(2026, 6, 30)


@pytest.mark.parametrize("text,months,days", [
    ("within eighteen months", 18, 0), ("within twenty-four months", 24, 0), ("within two quarters", 6, 0),
    ("within a year", 12, 0), ("within ten days", 0, 10), ("within 3 weeks", 0, 21), ("within ninety days", 0, 90),
])
def test_relative_lengths(text, months, days):
    rel = parse_date_like(text, today=JUNE_30).relative
    assert (rel.months, rel.days) == (months, days)


@pytest.mark.parametrize("text,first,last", [
    ("within six months", D(2026, 1, 31), D(2026, 7, 31)),
    ("within 3 weeks", D(2026, 1, 31), D(2026, 2, 21)),
    ("within a month", D(2026, 1, 31), D(2026, 2, 28)),               # no 31 February: its last day
    ("this half", D(2026, 1, 1), D(2026, 6, 30)), ("next half", D(2026, 7, 1), D(2026, 12, 31)),
    ("this quarter", D(2026, 1, 1), D(2026, 3, 31)), ("next quarter", D(2026, 4, 1), D(2026, 6, 30)),
    ("next month", D(2026, 2, 1), D(2026, 2, 28)), ("this year", D(2026, 1, 1), D(2026, 12, 31)),
])
def test_relative_phrases_anchored_at_a_start(text, first, last):
    tf = parse_date_like(text, today=JUNE_30).anchored(D(2026, 1, 31))
    assert (tf.first, tf.last) == (first, last)


def test_fiscal_periods_around_a_start():
    tf = parse_date_like("next financial year", today=JUNE_30).anchored(D(2026, 5, 10), fiscal_start=4)
    assert (tf.first, tf.last) == (D(2027, 4, 1), D(2028, 3, 31))
    assert parse_date_like("Q3 2026/27", 4).first == D(2026, 10, 1)
    assert parse_date_like("Q3 2026/27", 4).last == D(2026, 12, 31)
    assert parse_date_like("Q5 2026/27", 4).invalid == "a fiscal year has quarters Q1 to Q4, not Q5"
    assert parse_date_like("2026/28").invalid.endswith("such as 2026/27, not 2026/28")
    assert parse_date_like("2026/27").last == D(2027, 12, 31) and parse_date_like("2026/27", 4).last == D(2027, 3, 31)


@pytest.mark.parametrize("text,first", [
    ("12/12/2027", D(2027, 12, 12)),          # both readings the same day: no question
    ("13/12/2027", D(2027, 12, 13)),          # 13 cannot be the month
    ("12/13/2027", D(2027, 12, 13)),
])
def test_numeric_dates_that_read_one_way(text, first):
    assert parse_date_like(text).first == first


def test_numeric_dates_that_read_two_ways():
    for text, one, other in (("05/01/2027", D(2027, 1, 5), D(2027, 5, 1)), ("01/12/2027", D(2027, 12, 1), D(2027, 1, 12))):
        with pytest.raises(AmbiguousDateError) as e:
            parse_date_like(text)
        assert e.value.readings == (one, other)
        assert parse_date_like(text, date_order="day-first").first == one
        assert parse_date_like(text, date_order="month-first").first == other
    assert parse_date_like("31/13/2027").invalid == "there is no month 13"


@pytest.mark.parametrize("text,first,invalid", [
    ("30 June", D(2026, 6, 30), None),            # ends on the reference date: this year's
    ("29 June", D(2027, 6, 29), None),            # already past: next year's
    ("1 July", D(2026, 7, 1), None),
    ("29 February", D(2028, 2, 29), None),        # the next 29 February there is
    ("30 February", None, "February has 29 days, not 30"),
    ("30 April", D(2027, 4, 30), None),
    ("31 April", None, "April has 30 days, not 31"),
    ("0 April", None, "April has 30 days, not 0"),
    ("mid-June", D(2027, 6, 15), None),
    ("H1", D(2026, 1, 1), None), ("H2", D(2026, 7, 1), None),
    ("H3", None, "a year has halves H1 and H2, not H3"),
    ("Q2", D(2026, 4, 1), None), ("Q3", D(2026, 7, 1), None),
])
def test_yearless_dates_are_the_next_that_ends_on_or_after_the_reference(text, first, invalid):
    tf = parse_date_like(text, today=JUNE_30)
    assert (tf.first, tf.invalid, tf.yearless) == (first, invalid, True)


@pytest.mark.parametrize("raw,value,high", [
    ("70-78%", 70.0, 78.0), ("70%-78%", 70.0, 78.0), ("between 2 min and 3 min", 120.0, 180.0),
    ("ten working days", 10 * 86400.0, None), ("-10%", -10.0, None), ("+5 pp", 5.0, None),
])
def test_more_quantities(raw, value, high):
    q = parse_quantity(raw)
    assert (q.value, q.high) == (value, high)


def test_a_band_in_two_units_is_refused():
    from cxsmart.model.quantities import QuantityError

    with pytest.raises(QuantityError):
        parse_quantity("70%-3 min")


@pytest.mark.parametrize("text,value,words", [
    ("Keep queues below four people by Q3 2027", 4.0, "four"),
    ("Keep queues below twelve people by Q3 2027", 12.0, "twelve"),
    ("Keep fewer than five people waiting by Q3 2027", 5.0, "five"),
])
def test_small_numbers_in_words_after_a_bound(reader, text, value, words):
    assert target_of(reader, text)[0::3] == (value, words)


@pytest.mark.parametrize("text,metric", [
    ("Cut complaint resolution time from 5 days to 3 days by Q3 2027", "complaint resolution time"),
    ("Raise net revenue retention from 90% to 95% by Q3 2027", "net revenue retention"),
])
def test_touching_mentions_are_one_measure_of_its_own(reader, text, metric):
    ((_, facts),) = list(reader.read([text]))
    assert text[facts.metric.start:facts.metric.end] == metric and facts.metric_known is False
    assert facts.metrics == []


def test_the_cue_before_a_number():
    from cxsmart.language.cues import cue_before

    cues = frozenset({"from", "to", "no later than", "by"})
    assert [cue_before(cues, s, len(s)) for s in ("Raise CSAT from ", "Raise CSAT to the ", "done no later than ", "≤",
                                            "Raise CSAT ", "Raise", "", "x" * 30 + " to ", "abcdefghijklmnopqrstu to ")] == \
        ["from", "to", "no later than", "≤", "", "", "", "to", "to"]
    assert cue_before(frozenset({"to"}), "go to the ", 10, articles=False) == ""


@pytest.mark.parametrize("text", [
    "Cut repeat calls by a quarter by Q3 2027",
    "Raise CSAT from 72% to 80% within six months",
    "Reply to every email within one working day",
    "Keep abandonment at or below 5% every week in 2027",
])
def test_facts_read_back_from_the_cache_are_the_facts(reader, text):
    import json

    from cxsmart.language.serial import decode, encode, from_wire, to_wire

    ((_, facts),) = list(reader.read([text]))
    assert decode(json.loads(json.dumps(encode(facts)))) == facts
    assert from_wire(to_wire(facts)) == facts


def test_equal_facts_are_one_in_a_set():
    from cxsmart.diagnostics import Span
    from cxsmart.model.facts import Fact

    a, b = Fact(1.0, Span(1, 2, 1, 4), "ab"), Fact(1.0, Span(1, 2, 1, 4), "ab")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert len({a, Fact(1.0, Span(1, 2, 1, 5), "ab")}) == 2


def test_a_dated_timeframe_is_its_own_anchor():
    tf = parse_date_like("2026-06-30")
    assert tf.anchored(D(2025, 1, 1)) is tf and tf.resolved(D(2025, 1, 1)) is tf


def test_a_relative_plausible_move_leaves_a_percent_change_ambiguous():
    share = MetricDef(id="share", unit="percent", max_change_per_quarter="30%")
    assert ambiguous_percent(Quantity(50.0, PERCENT, change=True), share, Quantity(40.0, PERCENT))
    assert ambiguous_percent(Quantity(50.0, PERCENT, change=True), MetricDef(id="x", unit="points"))


@pytest.mark.parametrize("text,numbers", [
    ("Have the room ready by 3 p.m. for 92% of arrivals", ["92%"]),
    ("Rooms ready by 3:30 pm for 92% of arrivals", ["92%"]),
    ("Clear overnight emails by 10:30 for 90% of days", ["90%"]),
    ("Cut handling time from 6:10 to 5:30", ["6:10", "5:30"]),     # a duration, not a time of day
])
def test_a_time_of_day_is_not_a_quantity(text, numbers):
    from cxsmart.language.finders import find_quantities

    assert [text[f.start:f.end] for f in find_quantities(text, [])] == numbers


def test_the_pipeline_is_built_once_per_distinct_set_of_packs():
    from cxsmart.language.pipeline import build

    first = build(load_packs([]))
    assert build(load_packs([])) is first                  # packs loaded again, the same words: built once
    other = load_packs([])
    other.terms["vague-terms"] = [*other.terms["vague-terms"], "frobnicate"]
    assert build(other) is not first                       # other words: another pipeline


@pytest.mark.parametrize("text,target,baseline", [
    ("Monthly help-centre availability: 99.95% against a 99.8% target.", "99.8%", "99.95%"),
    ("Support reply time: 7h against a < 12h target", "12h", "7h"),
    ("Number of parcel collection points: target 640, result 652.", "640", "652"),
    ("Account openings: target response time 10 working days, target compliance level 100%, actual compliance "
     "level 96%", "100%", "96%"),
    ("P2: first response 1 business hour, target resolution 6 business hours", "1 business hour", None),
])
def test_a_value_reported_beside_a_named_target_is_todays(reader, text, target, baseline):
    ((_, facts),) = list(reader.read([text]))
    assert text[facts.target.start:facts.target.end] == target
    assert (text[facts.baseline.start:facts.baseline.end] if facts.baseline else None) == baseline


@pytest.mark.parametrize("text,days", [("Reply to every letter within fourteen days", 14),
                                       ("Resolve complaints within thirteen working days", 13),
                                       ("Return calls within eighteen hours", 0.75)])
def test_numbers_in_words_past_twelve_are_numbers(reader, text, days):
    value, unit, change, _ = target_of(reader, text)
    assert (value / 86400, unit, change) == (days, DURATION, False)

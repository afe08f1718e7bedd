"""The everyday formats of issues 9 and 10 where they meet prose and goal files: the prose
patterns' exact spans (DATE_IN_PROSE, and the quantities the sentence reader finds), their false positives, the speed
trick of date_matches, and the fields of a goal file read end to end."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxsmart.settings.config import Config
from cxsmart.language.dates import DATE_IN_PROSE, date_matches
from cxsmart.language.finders import find_quantities
from cxsmart.model.quantities import AT_LEAST, AT_MOST, BELOW, DURATION, PERCENT, parse_quantity
from cxsmart.model.timeframes import AmbiguousDateError, parse_date_like
from cxsmart.read.loader import load_text

D = dt.date
TODAY = D(2026, 5, 10)


def spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in date_matches(text)]


@pytest.mark.parametrize("text,found", [
    ("Raise FCR to 80% by 30/06/2027", [("30/06/2027", 20, 30)]),
    ("Raise FCR to 80% by 30.06.2027.", [("30.06.2027", 20, 30)]),
    ("Raise FCR to 80% by 30-06-2027", [("30-06-2027", 20, 30)]),
    ("Raise FCR to 80% by 06/30/2027", [("06/30/2027", 20, 30)]),
    ("Raise FCR to 80% by 2027/06/30", [("2027/06/30", 20, 30)]),
    ("Raise FCR to 80% by 03/04/2027", [("03/04/2027", 20, 30)]),
    ("Raise FCR to 80% by June 30th, 2027", [("June 30th, 2027", 20, 35)]),
    ("Raise FCR to 80% by the 30th of June 2027", [("the 30th of June 2027", 20, 41)]),
    ("Raise FCR to 80% by 1st of July 2027", [("1st of July 2027", 20, 36)]),
    ("Raise FCR to 80% by Q3", [("Q3", 20, 22)]),
    ("Raise FCR to 80% by year end", [("year end", 20, 28)]),
    ("Raise FCR to 80% by year-end.", [("year-end", 20, 28)]),
    ("Raise FCR to 80% by September", [("September", 20, 29)]),
    ("Raise FCR to 80% by Sept.", [("Sept", 20, 24)]),
    ("Raise FCR to 80% by mid-October", [("mid-October", 20, 31)]),
    ("Raise FCR to 80% in Q2", [("Q2", 20, 22)]),
    ("Raise FCR to 80% by EOQ", [("EOQ", 20, 23)]),
    ("Raise FCR to 80% by EOY", [("EOY", 20, 23)]),
    ("Raise FCR to 80% by end of year", [("end of year", 20, 31)]),
    ("Raise FCR to 80% by the end of September", [("the end of September", 20, 40)]),
    ("Raise FCR to 80% by end of Q3 2026", [("end of Q3 2026", 20, 34)]),
    ("Raise FCR to 80% by the end of 2026/27", [("the end of 2026/27", 20, 38)]),
    ("Raise FCR to 80% by 2026/27", [("2026/27", 20, 27)]),
    ("Raise FCR to 80% in FY 2026-27", [("FY 2026-27", 20, 30)]),
    ("Raise FCR to 80% in FY2026/27", [("FY2026/27", 20, 29)]),
    ("Raise FCR to 80% in financial year 2026–27", [("financial year 2026–27", 20, 42)]),
    ("Raise FCR to 80% in H2", [("H2", 20, 22)]),
    ("Raise FCR to 80% by 30 June", [("30 June", 20, 27)]),
    ("Raise FCR to 80% by June 30", [("June 30", 20, 27)]),
    ("Raise FCR to 80% no later than May", [("May", 31, 34)]),
    ("From Q1 to Q3", [("Q1", 5, 7)]),
])
def test_dates_in_prose_and_their_spans(text, found):
    assert spans(text) == found
    for words, _, _ in found:
        if words != "03/04/2027":
            parse_date_like(words, fiscal_start=4, today=TODAY)     # every span is a date parse_date_like reads


@pytest.mark.parametrize("text", [
    "Agents may escalate complaints",         # 'may' the verb
    "Customers May escalate",                 # even capitalised, without a cue
    "Publish the Q3 survey results",          # a yearless quarter needs a cue
    "Cut SQ3 tickets by Q3x",                 # 'Q3' inside other words
    "Keep the year-end survey short",         # an adjective, not a deadline
    "Keep the September campaign",
    "Keep H2O in the kitchen",
    "Keep the mid-October launch",
])
def test_words_that_are_not_dates(text):
    assert spans(text) == []


def test_a_two_year_form_without_a_cue_is_not_a_fiscal_year():
    # "2026/27" as a ratio: only the year in front is found, which the sentence finder
    # drops without a cue word (as for any bare year)
    assert spans("a 2026/27 ratio") == [("2026", 2, 6)]


def test_prose_dates_parse_with_the_yearless_flag_where_there_is_no_year():
    words = {w: parse_date_like(w, fiscal_start=4, today=TODAY) for w, _, _ in
             spans("by Q3, by year end, by September, by mid-October, in Q2, by EOQ, by the end of 2026/27, "
                   "in FY 2026-27")}
    assert {w: t.yearless for w, t in words.items()} == {
        "Q3": True, "year end": True, "September": True, "mid-October": True, "Q2": True, "EOQ": True,
        "the end of 2026/27": False, "FY 2026-27": False}
    assert words["the end of 2026/27"].last == words["FY 2026-27"].last == D(2027, 3, 31)


def test_an_ambiguous_date_in_prose_is_found_and_then_refused():
    (words, _, _), = spans("by 03/04/2027")
    with pytest.raises(AmbiguousDateError):
        parse_date_like(words)
    assert parse_date_like(words, date_order="month-first").last == D(2027, 3, 4)


DATE_WORDS = ["by", "in", "the", "end", "of", "30", "June", "2027", "Q3", "q3-2027", "FY26", "H2", "May", "may",
              "30/06/2027", "06/30/2027", "2027/06/30", "30.06.2027", "03/04/2027", "30-06-2027", "2026/27",
              "2026-27", "2026–27", "FY 2026-27", "financial year 2026–27", "fiscal", "year", "end", "year-end",
              "year end", "EOQ", "EOY", "EOFY", "mid-October", "mid", "October", "Sept.", "30th", "1st", "of",
              "until", "before", "no later than", "quarter", "quarter-end", "within six months", "next", "this",
              "x", "-", ",", ".", "/", "calendar", "end of year", "the end of the year", "80%", "9 min 30 s"]


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(DATE_WORDS), max_size=10), st.sampled_from([" ", "", "-", "  ", "/"]))
def test_dates_found_only_where_a_date_can_start_are_all_the_dates(words, sep):
    text = sep.join(words)
    assert [m.span() for m in date_matches(text)] == [m.span() for m in DATE_IN_PROSE.finditer(text)]


def quantity_spans(text: str) -> list[tuple[str, int, int]]:
    return [(text[f.start:f.end], f.start, f.end) for f in find_quantities(text, [])]


@pytest.mark.parametrize("text,found,seconds_or_value", [
    ("Cut AHT from 9 min 30 s to 8 min", [("9 min 30 s", 13, 23), ("8 min", 27, 32)], [570, 480]),
    ("Cut AHT from 9m30s to 8m15s", [("9m30s", 13, 18), ("8m15s", 22, 27)], [570, 495]),
    ("Cut wait from 1h 30m to 45 mins", [("1h 30m", 14, 20), ("45 mins", 24, 31)], [5400, 2700]),
    ("Cut wait from 1 hr 30 mins to 1 hour and 10 minutes", [("1 hr 30 mins", 14, 26),
                                                             ("1 hour and 10 minutes", 30, 51)], [5400, 4200]),
    ("Answer within 3 business days", [("3 business days", 14, 29)], [259200]),
    ("Raise FCR to 80 per cent", [("80 per cent", 13, 24)], [80]),
    ("Raise FCR to 80pc", [("80pc", 13, 17)], [80]),
    ("Raise FCR to 80 percent", [("80 percent", 13, 23)], [80]),
    ("Raise FCR to 80 pct", [("80 pct", 13, 19)], [80]),
    ("Raise NPS by +12 to x2 and $1,450", [("+12", 13, 16), ("x2", 20, 22), ("$1,450", 27, 33)], [12, 2, 1450]),
])
def test_quantities_in_prose_and_their_spans(text, found, seconds_or_value):
    assert quantity_spans(text) == found
    assert [parse_quantity(w).value for w, _, _ in found] == seconds_or_value


GOALS = """\
- title: Raise FCR
  deadline: Q3
  target: ">= 75%"
- title: Cut AHT
  deadline: end of year
  target: 9 min 30 s
  baseline: "4:30"
- title: Cut complaints
  deadline: September
  target: under 2%
  start: 2026/27
- title: Reply faster
  deadline: 31/06/2026
  target: 3 business days or less
- title: Answer sooner
  deadline: 03/04/2027
- title: Keep the ASA
  deadline: by mid-October
  target: max 4 h
"""


def test_goal_fields_in_everyday_formats():
    goals = [item.model for item in load_text("goals.yaml", GOALS, fiscal_start=4).sections["goals"]]
    q3, eoy, september, impossible, ambiguous, mid = goals
    assert q3.deadline.yearless and q3.deadline.kind == "quarter"
    assert (q3.target.value, q3.target.unit, q3.target.bound) == (75, PERCENT, AT_LEAST)
    assert eoy.deadline.yearless and eoy.deadline.kind == "year"
    assert (eoy.target.value, eoy.baseline.value, eoy.target.unit) == (570, 270, DURATION)
    assert september.deadline.yearless and september.deadline.kind == "month"
    assert (september.target.value, september.target.bound) == (2, BELOW)
    assert (september.start.first, september.start.last) == (D(2026, 4, 1), D(2027, 3, 31))
    assert impossible.deadline.invalid == "June 2026 has 30 days, not 31"     # T007, like 31 February 2026
    assert (impossible.target.value, impossible.target.working_days, impossible.target.bound) == \
        (3 * 86400, True, AT_MOST)
    assert ambiguous.deadline is None
    assert mid.deadline.yearless and mid.deadline.last.day == 15
    assert (mid.target.value, mid.target.bound) == (14400, AT_MOST)


def test_an_ambiguous_deadline_field_is_a_schema_finding_naming_both_readings():
    file = load_text("goals.yaml", GOALS)
    (problem,) = [p for p in file.problems if p.subject == "deadline"]
    assert problem.code == "F002"
    assert problem.message == ("03/04/2027 could be 3 April 2027 or 4 March 2027: write 2027-04-03, "
                               "or say how your team writes dates: date-order = \"day-first\" (or \"month-first\") in cxsmart.toml")
    assert (problem.span.line, problem.span.column) == (16, 13)


@pytest.mark.parametrize("value", ["day-first", "month-first"])
def test_date_order_is_a_setting(value):
    assert Config.model_validate({"date-order": value}).date_order == value
    assert Config().date_order is None


def test_date_order_refuses_other_values():
    with pytest.raises(ValueError):
        Config.model_validate({"date-order": "year-first"})

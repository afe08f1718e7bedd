"""What the language analysis reads from a sentence: the words of each fact."""

from __future__ import annotations

import pytest

from cxsmart.engine.workspace import Workspace
from cxsmart.language import analyse
from cxsmart.model.catalogue import Catalogue
from cxsmart.read.loader import load_text
from cxsmart.read.packs import load_packs
from tests.conftest import TODAY


def facts_of(title: str):
    packs = load_packs()
    ws = Workspace.build([load_text("g.yaml", f"- title: {title!r}\n".replace("\\'", "''"))],
                         Catalogue.from_metrics(packs.metrics), TODAY)
    analyse(ws.goals, packs)
    f = ws.goals[0].facts
    words = lambda fact: fact.words if fact else None    # noqa: E731
    return (words(f.metric), words(f.baseline), words(f.target), words(f.deadline), f.direction and f.direction.value)


@pytest.mark.parametrize("title,expected", [
    ("Reduce customer churn in the next financial year by 20%",
     ("customer churn", None, "20%", "the next financial year", "down")),
    ("Increase CSAT from 72% to 80% by 30 September 2026", ("CSAT", "72%", "80%", "30 September 2026", "up")),
    ("Lift NPS from +12 to +20 through 2026", ("NPS", "+12", "+20", "2026", "up")),
    ("Keep first response time below 2 minutes by Q2 2026",
     ("first response time", None, "2 minutes", "Q2 2026", "hold")),
    ("Improve NPS by 5 points in H2 2026", ("NPS", None, "5 points", "H2 2026", "better")),
    ("Halve complaints per quarter by FY2027", ("complaints", None, "Halve", "FY2027", "down")),
    ("Double online sales conversion by end of June 2026",
     ("online sales conversion", None, "Double", "end of June 2026", "up")),
    ("Reach 50 by the end of the year", ("Reach", None, "50", "the end of the year", None)),
    ("Raise the share of customers who rate checkout as easy from 61% to 75% by H2 2026",
     ("the share of customers who rate checkout as easy", "61%", "75%", "H2 2026", "up")),
    # numbers that define the metric are neither targets nor deadlines
    ("Reduce repeat calls within 7 days from 18% to 12% by Q2 2026",
     ("repeat calls within 7 days", "18%", "12%", "Q2 2026", "down")),
    ("Resolve 90% of complaints within 48 hours by end of June 2026",
     ("complaints", None, "90%", "end of June 2026", None)),
    ("Reduce complaints per quarter from 300 to 200 by Q4 2026", ("complaints", "300", "200", "Q4 2026", "down")),
    ("Raise satisfaction on the 7-point scale from 5.1 to 5.6 by Q4 2026",
     ("satisfaction on the 7-point scale", "5.1", "5.6", "Q4 2026", "up")),
    ("Raise the app rating to 4.5 out of 5 in H2 2026", ("app rating", None, "4.5", "H2 2026", "up")),
])
def test_facts(title, expected):
    assert facts_of(title) == expected


@pytest.mark.parametrize("title,baseline,target,deadline", [
    # a heading's number and a qualifier of who is counted are not targets
    ("Commitment 1 - We are committed to giving a personal service", None, None, None),
    ("Reduce cases open longer than 30 days to under 50 by March 2027", None, "50", "March 2027"),
    # numbers in words
    ("Lift CSAT by six percentage points by end of 2027", None, "six percentage points", "end of 2027"),
    ("Answer calls within four rings", None, "four", None),
    # a service standard in weeks or a month is the standard, not a relative deadline
    ("Decide 90% of applications within 12 weeks", None, "90%", None),
    ("Respond to complaints within a month", None, "a month", None),
    # baselines in other words, and a dash used as a minus sign
    ("Lift first contact resolution to 85% by Q3 2027; currently running at 79 per cent",
     "79 per cent", "85%", "Q3 2027"),
    ("Resolve claims in five working days instead of ten working days by Q2 2027",
     "ten working days", "five working days", "Q2 2027"),
    ("Improve NPS from –2.0 to –1.2 by December 2027", "–2.0", "–1.2", "December 2027"),
    # a share after 'from' is who is reached, not where it starts
    ("Collect arrears from 74 per cent of borrowers", None, "74 per cent", None),
    # a value and its period in brackets is when it was measured, never the deadline
    ("Close 90% of complaints within eight weeks by Easter 2027 (86% in September)", "86%", "90%", "by Easter 2027"),
    ("Keep decisions overturned at or below 12% in 2026/27 (9% in 2025/26)", "9%", "12%", "2026/27"),
    ("Issue 95% of quotes within 10 working days by 31/03/2027 (88% in Q2 2026/27)", "88%", "95%", "31/03/2027"),
    # a year naming a result or a survey, and a rank in brackets, are context
    ("Raise CSAT to 86% by end of 2027 (2026 result 79% against a target of 82%)", "79%", "86%", "end of 2027"),
    ("Raise our CSI score from 74.1 to 77.0 by July 2027 (ranked 9th of 20 banks in January 2026)",
     "74.1", "77.0", "July 2027"),
    ("Effort was 6.1 out of 7 in the 2026 wave", "6.1", None, None),
    ("Halve the complaints escalated to stage 2 (212 in 2025/26) within the next academic year",
     "212", "Halve", "next academic year"),
    ("CSAT at or above 88% for store visits by year-end 2027", None, "88%", "year-end 2027"),
])
def test_numbers_that_are_not_targets_and_baselines_in_other_words(title, baseline, target, deadline):
    _, got_baseline, got_target, got_deadline, _ = facts_of(title)
    assert (got_baseline, got_target, got_deadline) == (baseline, target, deadline)


def test_a_horizon_in_weeks_is_still_a_deadline():
    assert facts_of("Launch the new app within 12 weeks")[3] == "within 12 weeks"


def test_weeks_counted_from_each_case_are_the_standard_not_a_deadline():
    # "within six weeks of the exams ending": a window for each learner, no deadline of the goal
    assert facts_of("Return marked coursework within six weeks of the exam period ending")[2:4] == \
        ("six weeks", None)
    assert facts_of("Launch the new app within 12 months of go-live")[3] == "within 12 months"


@pytest.mark.parametrize("title,target", [
    # a share with a service window, in any order: the share is the target, the window the measure's
    ("Arrange a replacement vehicle within 48 hours for 85% of approved claims", "85%"),
    ("Phone back 80% of unhappy respondents (rated 1-2) within 2 days", "80%"),
    ("Within 20 seconds, answer 80% of calls", "80%"),
    ("80% within 20 seconds", "80%"),
    ("Answer 80% of calls within 20 seconds by Q4 2027", "80%"),
    ("Provide water no more than two hours after leaving the gate on 98% of tarmac delays", "98%"),
    ("Refund card purchases within 7 business days of the request - 97% by April 2027", "97%"),
    # a window alone stays the target of a response-time measure, and a time moved to a time is the target
    ("Reply to web messages within 2 working days", "2 working days"),
    ("Cut average handling time from 9 minutes to 7 minutes for 80% of agents", "7 minutes"),
])
def test_a_service_standards_share_is_its_target_in_any_order(title, target):
    assert facts_of(title)[2] == target


@pytest.mark.parametrize("text,seconds", [
    ("Answer emails within half an hour", 1800.0), ("Call back within half a day", 43200.0),
    ("Answer emails within an hour", 3600.0), ("Reply within half  an hour", 1800.0),
])
def test_half_an_hour_is_half_of_one(text, seconds):
    from cxsmart.language.finders import find_quantities

    assert [f.value.value for f in find_quantities(text, [])] == [seconds]


@pytest.mark.parametrize("text,count", [
    ("Hold passenger forums at least twice each year", 2.0), ("Visit every tenant once a year", 1.0),
    ("Run three drop-in sessions four times a year", 4.0), ("Survey members 2 times a quarter", 2.0),
])
def test_how_often_an_activity_is_done_is_a_count(text, count):
    from cxsmart.language.finders import find_quantities

    assert [f.value.value for f in find_quantities(text, []) if f.value.unit is None][-1:] == [count]


@pytest.mark.parametrize("text", [
    "Once a complaint is received we reply", "Answer calls twice as fast", "It is 3 times more likely",
])
def test_once_as_a_conjunction_and_times_as_a_comparison_are_no_counts(text):
    from cxsmart.language.finders import find_quantities

    from cxsmart.language.finders import FREQUENCY

    assert [f.value.text for f in find_quantities(text, []) if FREQUENCY.fullmatch(f.value.text)] == []


@pytest.mark.parametrize("text,found", [
    ("Fix the fault by the end of the second working day after you report it", [(172800.0, True, "within")]),
    ("Restore supply by the third full day after the outage", [(259200.0, False, "within")]),
    ("Ring you back the day we get your voicemail", [(86400.0, False, "within")]),
    ("Offer a three-hour appointment slot", [(10800.0, False, "")]),
    ("Port your number in no more than 2-working-days", [(172800.0, True, "no more than")]),
    ("Add a second adviser to the rota", []),
    ("Do not cancel a train on the day you are due to travel", []),
])
def test_windows_written_as_days_after_an_event_or_in_hyphenated_words(text, found):
    from cxsmart.language.finders import find_quantities

    assert [(f.value.value, f.value.working_days, f.cue) for f in find_quantities(text, [])] == found


@pytest.mark.parametrize("text", ["Reply to voicemails within the working day", "Answer letters within the business day"])
def test_the_working_day_is_one_working_day(text):
    from cxsmart.language.finders import find_quantities

    assert [(f.value.value, f.value.working_days) for f in find_quantities(text, [])] == [(86400.0, True)]


def test_an_activity_done_at_least_twice_a_year_is_an_activity_not_a_level_held():
    from cxsmart.language import Reader

    reader = Reader(load_packs())
    (_, forums), (_, disputes) = reader.read(["Hold passenger forums at least twice each year",
                                              "Hold at least 97% of disputes closed inside the time limit"])
    assert forums.target.value.value == 2.0 and forums.target.value.bound == "at-least"
    assert [f.value for f in forums.extra["activity"]] == ["hold"]
    assert "activity" not in disputes.extra                 # a level held: a guardrail


@pytest.mark.parametrize("title,expected", [
    ("Improve total resolution time by 40% from avg. 6 hours", ("6 hours", "40%")),
    ("Cut wait time from an average of 12 minutes to 8 minutes", ("12 minutes", "8 minutes")),
    ("Raise CSAT from around 78% to 85% by 2027", ("78%", "85%")),
])
def test_a_value_said_to_be_about_or_an_average_keeps_its_cue(title, expected):
    assert facts_of(title)[1:3] == expected

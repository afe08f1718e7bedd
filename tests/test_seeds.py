"""The goals the seed articles offer, good or bad, get the verdict the seed gives them.

Read as goals written only as their title (S, M and T rules), on 1 January 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import lint

SEEDS = [
    # Del Moro: "customer centricity might be a worthy cause, but it's definitely not a SMART goal"
    ("Customer centricity", {"S001", "M001", "M002", "M003", "T001"}),
    # Del Moro offers it as specific and measurable (tactical); the issue: no baseline, no deadline
    ("Increase response rates for top tier customers by 30%", {"M002", "T001"}),
    # Del Moro's second example: specific; relative to no baseline, in a year that depends on when it is read
    ("Reduce customer churn in the next financial year by 20%", {"M002", "T006"}),
    # Del Moro's maturity stages
    ("Increase response rates by 20%", {"M002", "T001"}),
    ("Increase your Net Promoter Score (NPS) by 5%", {"M002", "M006", "T001"}),
    # Kiruthu: "a very common vague goal is 'to improve customer experience' without stating from what to what"
    ("To improve customer experience", {"S001", "M001", "M002", "M003", "T001"}),
    # Renascence's 'Specific' example: the verdict is ambiguous percent and no baseline;
    # "over the next six months" is also relative, which the spec reports as T006
    ("Improve customer satisfaction scores by 10% over the next six months", {"M002", "M006", "T006"}),
    # Renascence calls Target's goal SMART. cxsmart agrees it is specific, measured in points (not
    # an ambiguous percent) and has a target, and still asks the two questions the spec asks:
    # from what baseline (M002), and a year from when (T006).
    ("Improve NPS by 15 points within a year", {"M002", "T006"}),
    # Renascence: American Express prioritises "reducing call center response times"
    ("Reduce call centre response times", {"M002", "M003", "T001"}),
]


@pytest.mark.parametrize("title,verdict", SEEDS, ids=[t for t, _ in SEEDS])
def test_seed_goal_gets_the_seed_verdict(title, verdict):
    found = {d.code for d in lint(f"- title: {title}\n", select=["S", "M", "T"], today=dt.date(2026, 1, 1))}
    assert found == verdict


def test_a_clean_smart_sentence_gets_nothing():
    title = "Increase survey response rate for top-tier customers from 12% to 15.6% by 30 June 2026"
    assert lint(f"- title: {title}\n", select=["S", "M", "T"], today=dt.date(2026, 1, 1)) == []

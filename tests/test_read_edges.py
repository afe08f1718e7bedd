"""What the reading stage attaches to a finding: the goal a problem with a goal's keys belongs to."""

from __future__ import annotations

from tests.conftest import lint


def test_a_problem_in_a_goals_keys_names_the_goal():
    text = "goals:\n  - {id: g, title: Raise NPS, ownr: cc}\n  - {title: Raise CSAT, deadlin: 2027-06-30}\n"
    found = [(d.code, d.goal, tuple(d.span)) for d in lint(text, select=["F009"])]
    assert found == [("F009", "g", (2, 31, 2, 35)), ("F009", None, (3, 25, 3, 32))]

"""Thresholds inside rules that their YAML cases do not reach on both sides: when a metric id
that is defined nowhere is a typing slip of a known one (M009's "did you mean"), and how an id
is read back as a name for the hint."""

from __future__ import annotations

import pytest

from cxsmart.rules.own_metric import _one_slip, _readable
from tests.conftest import lint


@pytest.mark.parametrize("a,b,slip", [
    ("csta", "csat", True),                    # two neighbours swapped
    ("csat", "csat", False),                   # the same id is no slip
    ("ctsa", "csat", False),                   # swapped letters that are not neighbours
    ("abcdefgh", "abcdefgx", True),            # one letter wrong in an id of 8 letters or more
    ("abcdefg", "abcdefx", False),             # ... not in a shorter one ('dmex' is not 'cmex')
    ("xbcdefgh", "abcdefgh", False),           # ... nor in its first letter
    ("abcdefgh", "abxdefgx", False),           # two letters wrong
    ("abcd", "abcde", True), ("abcdd", "abcd", True),        # one letter left out or doubled
    ("abc", "abcd", False),                    # ... not when the shorter has under four letters
    ("abcd", "abcdef", False),                 # two letters left out
    ("abxd", "abcde", False),                  # one left out and another changed
])
def test_a_typing_slip(a, b, slip):
    assert _one_slip(a, b) is slip and _one_slip(b, a) is slip


@pytest.mark.parametrize("ident,name", [
    ("callback_kept_rate", "Callback kept rate"),
    ("ccw_escalations", "CCW escalations"),
    ("gss", "GSS"),
    ("time_to_app", "Time to app"),
    ("nps_of_web", "NPS of web"),
    ("abcd_x", "Abcd X"),
])
def test_an_id_read_as_a_name(ident, name):
    assert _readable(ident) == name


def test_a_near_miss_two_goals_use_is_the_teams_own_metric():
    one = "- {title: Raise CSAT from 70% to 75% by 2026-12-31, metric: csta}\n"
    two = one + "- {title: Raise CSAT from 60% to 65% by 2026-12-31, metric: csta}\n"
    (d,) = lint(one, select=["M009"])
    assert "did you mean 'csat'" in d.message and str(d.severity) == "warning"
    found = lint(two, select=["M009"])
    assert len(found) == 2 and all("did you mean" not in d.message and str(d.severity) == "info" for d in found)

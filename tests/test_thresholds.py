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


# --- the edits fixes are built from: what they refuse to touch ---------------------------------

def _item(text: str):
    from cxsmart.api import lint_text

    return lint_text({"g.yaml": text}, select=["F001"]).workspace.goals[-1].item


def test_replace_value_keeps_quoting_and_refuses_what_it_cannot_write_exactly():
    from cxsmart.rules.edits import replace_value

    def edit(text, new="2026-06-01", key="deadline", **kw):
        e = replace_value(_item(text), (key,), new, **kw)
        return None if e is None else (tuple(e.span), e.content)

    assert edit("- {title: a, deadline: June 1st}\n") == ((1, 24, 1, 32), "2026-06-01")
    assert edit("- {title: a, deadline: 'June 1st'}\n") == ((1, 25, 1, 33), "2026-06-01")
    assert edit('- {title: a, deadline: "June 1st"}\n', new='say "x"') == ((1, 25, 1, 33), 'say \\"x\\"')
    assert edit("- {title: a, deadline: 'June 1st'}\n", new="it's") == ((1, 25, 1, 33), "it''s")
    aliased = "x-d: [&due June 1st]\ngoals:\n  - {title: a, deadline: *due}\n"
    assert edit(aliased) == ((1, 12, 1, 20), "2026-06-01")              # the anchored value, for every alias
    assert edit(aliased, shared=False) is None
    assert edit("- {title: a, owner: a&b}\n", new="cc", key="owner") == ((1, 21, 1, 24), "cc")    # '&' inside
    assert edit("- {title: a, owner: '*b'}\n", new="cc", key="owner") == ((1, 22, 1, 24), "cc")
    anchored = "goals:\n  - {title: a, deadline: &due June 1st}\n"
    assert edit(anchored) == ((2, 31, 2, 39), "2026-06-01")                                    # after the anchor
    assert edit(anchored, shared=False) is None
    assert edit("- title: a\n  deadline: >\n    June 1st\n") is None                            # a block scalar
    assert edit("- {title: a}\n") is None


def test_fields_are_added_only_after_a_key_and_value_on_one_line():
    from cxsmart.rules.edits import add_fields

    def edits(text):
        found = add_fields(_item(text), {"metric": "csat"})
        return None if found is None else [(tuple(e.span), e.content) for e in found]

    assert edits("- title: Raise CSAT\n") == [((1, 20, 1, 20), "\n  metric: csat")]
    assert edits("- title: Raise CSAT\n  owner: cc\n") == [((2, 12, 2, 12), "\n  metric: csat")]
    assert edits("- title:\n    Raise CSAT\n") is None                     # the value on the next line
    assert edits("- title: Raise CSAT\n  owner:\n    cc\n") is None
    assert edits("- {title: Raise CSAT}\n") == [((1, 21, 1, 21), ", metric: csat")]
    assert edits("- &g {title: Raise CSAT}\n") is None                      # an anchored goal
    for empty in ("", " ~", " null"):                  # the key written empty: a second one would be F003
        assert edits(f"- title: Raise CSAT\n  metric:{empty}\n") is None
        assert edits(f"- {{title: Raise CSAT, metric:{empty} }}\n") is None


def test_m011_adds_no_key_the_goal_writes_empty():
    """The fuzzer's 1/fixes/404: 'metric:' left empty, the title stating it; the fix added a second
    'metric:' key (F003 after --fix)."""
    text = ("goals:\n  - id: g\n    title: Increase CSAT on chat from 70% to 75% by 30 June 2027\n"
            "    owner: cx-team\n    metric:\n")
    found = [d for d in lint(text, select=["M011"])]
    assert [d.code for d in found] == ["M011"] and found[0].fix is None


def test_an_impossible_yearless_deadline_claims_no_reading():
    # T007 says the day does not exist; T009 still asks for the year, but has no day to show
    found = lint("- {title: Raise NPS from 20 to 30, deadline: 30 February}\n", select=["T007", "T009"])
    assert [(d.code, tuple(d.span), d.message, d.hint, d.fix) for d in found] == [
        ("T007", (1, 46, 1, 57), "'30 February' is not a real date: February has 29 days, not 30", "correct the date",
         None),
        ("T009", (1, 46, 1, 57), "deadline '30 February' names no year", "write the date that is meant, with its year",
         None)]
    found = lint("- {title: Raise NPS from 20 to 30, deadline: 28 February}\n", select=["T009"])
    assert [d.message for d in found] == ["deadline '28 February' names no year: read as 28 February 2027, the "
                                          "next one after today"]

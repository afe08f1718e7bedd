"""M009's severity: a metric of the team's own is information; only a slip of the keyboard away
from a known metric is it a warning (and a run that fails on warnings fails)."""

from __future__ import annotations

import pytest

from cxsmart.api import lint_text
from cxsmart.diagnostics import Severity


def m009(text: str):
    (d,) = [d for d in lint_text(text, select=["M009"]).diagnostics]
    return d.severity, d.message


@pytest.mark.parametrize("metric,severity,says", [
    ("csta", Severity.WARNING, "did you mean 'csat'?"),                 # two letters swapped
    ("custmer_effort_score", Severity.INFO, "defined nowhere: it is checked"),   # no such built-in id
    ("dmex", Severity.INFO, "defined nowhere: it is checked"),          # D-MeX is not C-MeX
    ("repeat_call_rate", Severity.INFO, "defined nowhere: it is checked"),
    ("trustpilot_score", Severity.INFO, "defined nowhere: it is checked"),
])
def test_only_a_slip_of_the_keyboard_is_a_warning(metric, severity, says):
    got, message = m009(f"- title: Raise it from 70 to 80 by 2027-03-31\n  metric: {metric}\n")
    assert got == severity and says in message


def test_an_id_the_owner_controls_is_meant():
    text = ("owners:\n  - {id: cc, controls: [csta]}\ngoals:\n"
            "  - {title: Raise it from 70 to 80 by 2027-03-31, metric: csta, owner: cc}\n")
    assert m009(text)[0] == Severity.INFO


@pytest.mark.parametrize("ident,name", [("ccw_escalations", "CCW escalations"), ("callback_kept_rate",
                                        "Callback kept rate"), ("gss_payments", "GSS payments")])
def test_the_suggested_definition_names_the_metric_as_people_write_it(ident, name):
    found = lint_text(f"- title: Cut it from 70 to 60 by 2027-03-31\n  metric: {ident}\n", select=["M009"]).diagnostics
    assert f"name: {name}," in found[0].hint


@pytest.mark.parametrize("goal,better", [
    ("- title: Keep GSS compensation payments under £50k per year\n  metric: gss_payments\n", "better: lower"),
    ("- title: Keep callbacks kept on time at least 90% by 2027-03-31\n  metric: callbacks_on_time\n", "better: higher"),
    ("- title: Callbacks on time\n  metric: callbacks_on_time\n  target: '>= 90%'\n", "better: higher"),
])
def test_a_threshold_says_which_side_is_better(goal, better):
    (d,) = lint_text(goal, select=["M009"]).diagnostics
    assert f"{better}}}]' ({better}, as the goal says)" in d.hint


def test_a_metric_of_the_teams_own_is_found_by_its_name_or_by_an_alias_when_it_has_no_name():
    text = ("metrics:\n  - {id: referrals, name: Referral count, unit: count, better: higher}\n"
            "  - {id: nps_b2b, aliases: [business NPS], unit: score, range: [-100, 100], better: higher}\n"
            "goals:\n  - {title: Grow referrals from 40 to 60 by 2027-03-31, metric: Referral count}\n"
            "  - {title: Raise business NPS from 20 to 30 by 2027-03-31, metric: business NPS}\n")
    found = lint_text(text, select=["M009", "M010", "F"]).diagnostics
    assert [(d.code, tuple(d.span), d.message) for d in found] == [
        ("M010", (5, 65, 5, 79), "metric 'Referral count' is written by name or alias: its id is 'referrals'"),
        ("M010", (6, 69, 6, 81), "metric 'business NPS' is written by name or alias: its id is 'nps_b2b'")]

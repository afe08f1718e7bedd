"""Goal values and references as teams write them: today's value under their own name
('current: 72%'), a value not measured yet ('baseline: TBC'), the goal's values inside a
`measure:` mapping, metrics defined with no unit, owners and objectives named in words."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import lint

TODAY = dt.date(2026, 12, 1)
HEAD = """\
owners:
  - {id: svc, name: Head of Service}
objectives:
  - {id: keep, title: Keep customers longer}
goals:
"""


def goal(*lines: str, title: str = "Raise first contact resolution to 80% by 31 March 2027") -> str:
    body = "".join(f"    {line}\n" for line in lines)
    return f"{HEAD}  - id: g1\n    title: {title}\n    objective: keep\n    owner: svc\n    review: monthly\n{body}"


def found(text: str, *codes: str) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.span.line, d.span.column, d.message) for d in lint(text, today=TODAY)
            if not codes or d.code in codes]


@pytest.mark.parametrize("line", ["current: 72%", "starting point: 72%", "as_is: 72% (Sept 2026)",
                                  "Current-Value: 72 per cent", "baseline_fy26: 72%", "baseline (2026): 72%",
                                  "from: 72%", "today: {value: 72%, as_of: 2026-11-30}"])
def test_todays_value_under_the_teams_own_name_is_the_baseline(line):
    text = goal(line)
    assert found(text, "M002", "F002", "F009") == []
    a001 = found(text, "A001")                      # read as the start: 72% -> 80% in four months is fast
    assert len(a001) == 1 and "8 points" in a001[0][3]


@pytest.mark.parametrize("line", ["today: 2026-12-01", "current: yes", "now: see the ops dashboard"])
def test_a_key_of_that_name_holding_no_quantity_stays_the_teams(line):
    assert [c for c, *_ in found(goal(line), "M002", "F002", "F009")] == ["M002"]


def test_a_written_baseline_wins_over_the_teams_name_for_it():
    text = goal("baseline: 70%", "current: 75%")
    assert "10 points" in found(text, "A001")[0][3]         # from 70%, not 75%


@pytest.mark.parametrize("value", ["TBC", "tbd", "To be measured", "n/a", "'-'"])
def test_a_value_not_measured_yet_is_no_baseline_said_at_it_not_a_malformed_quantity(value):
    got = found(goal(f"baseline: {value}"), "M002", "F002")
    value = value.strip("'")
    assert got == [("M002", 11, 15, f"goal 'g1' has no baseline yet ('{value}'): say where the metric starts")]


def test_a_target_not_set_yet_is_no_target_said_at_it():
    text = goal("baseline: 72%", "target: TBC", title="Raise first contact resolution by 31 March 2027")
    assert found(text, "M003", "F002") == [
        ("M003", 12, 13, "goal 'g1' has no target yet ('TBC'): say what value counts as success")]


def test_the_goals_values_inside_a_measure_mapping_are_the_goals():
    text = goal("measure:", "  name: First contact resolution", "  baseline: 72%", "  target: 80%",
                "  deadline: 2027-03-31")
    assert found(text, "M002", "M007", "M008", "M010", "F002", "F009") == []
    assert len(found(text, "A001")) == 1                    # 72% -> 80%, read from the mapping


def test_a_metric_named_inside_the_mapping_is_the_goals_metric():
    text = goal("kpi:", "  metric: fcr", "  current: 72%")
    assert found(text, "M002", "M008", "M009", "F002") == []


def test_a_nameless_mapping_describes_the_metric_the_title_names():
    text = goal("kpi:", "  unit: percent", "  current: 72%")
    assert found(text, "M008", "M007", "M002") == []
    assert "First contact resolution usually moves" in found(text, "A001")[0][3]    # the catalogue's pace


def test_a_definition_with_no_unit_is_in_the_unit_its_goals_write():
    text = HEAD.replace("goals:\n", "metrics:\n  - {id: retention_own, name: Member retention}\ngoals:\n") + \
        "  - {id: g1, title: Raise member retention to 80% by 31 March 2027, objective: keep, owner: svc, " \
        "metric: retention_own, baseline: 72%, review: monthly}\n"
    assert found(text, "M007") == []


def test_goals_that_write_a_unitless_metric_in_two_units_are_one_finding_at_the_definition():
    text = HEAD.replace("goals:\n", "metrics:\n  - {id: wait_own, name: Wait}\ngoals:\n") + \
        "  - {id: g1, title: Cut wait to 60% by 31 March 2027, objective: keep, owner: svc, " \
        "metric: wait_own, baseline: 72%, review: monthly}\n" \
        "  - {id: g2, title: Cut wait to 3 days by 31 March 2027, objective: keep, owner: svc, " \
        "metric: wait_own, baseline: 5 days, review: monthly}\n"
    got = found(text, "M007")
    assert [(c, line, col) for c, line, col, _ in got] == [("M007", 6, 10)]
    assert "different units: percent (goal 'g1'), duration (goal 'g2')" in got[0][3]


def test_owners_and_objectives_named_by_their_name_or_title_resolve():
    text = goal().replace("objective: keep", "objective: keep customers longer").replace(
        "owner: svc", "owner: head of  service")
    assert found(text, "F004", "R001", "R002") == []


def test_a_misspelt_owner_name_is_f004_with_the_name_suggested():
    got = found(goal().replace("owner: svc", "owner: Head of Servce"), "F004")
    assert got == [("F004", 9, 12, "owner 'Head of Servce' names no owner defined in the workspace "
                                   "(did you mean 'Head of Service'?)")]


def test_an_owner_or_objective_defined_nowhere_is_still_f004():
    text = "goals:\n  - id: g1\n    title: Raise first contact resolution from 72% to 76% by 31 March 2027\n" \
           "    objective: Keep customers longer\n    owner: Head of Service\n    review: monthly\n"
    assert [(c, line) for c, line, _, _ in found(text, "F004")] == [("F004", 4), ("F004", 5)]


@pytest.mark.parametrize("line", ["owner: {name: Head of Service, role: team lead}", "owner: [svc, digital]",
                                  "owners: [svc]", "owner: {id: svc}"])
def test_an_owner_written_as_a_mapping_or_a_list_names_its_first(line):
    text = goal().replace("    owner: svc\n", f"    {line}\n")
    assert found(text, "F002", "F004", "F009", "R002") == []


def test_objectives_as_a_list_read_the_first():
    text = goal().replace("    objective: keep\n", "    objectives: [keep, grow]\n")
    assert found(text, "F002", "F004", "F009", "R001") == []


def test_a_bare_m_is_millions_of_a_count_and_minutes_of_a_duration():
    counted = goal("metric: app_bookings", "baseline: 1.05m", "target: 2.1m",
                   title="Double app bookings to 2.1m by 31 March 2027")
    assert found(counted, "F002", "M007", "M008") == []
    timed = goal("metric: aht", "baseline: 7m", "target: 6m", title="Cut average handling time to 6m by 31 March 2027")
    assert found(timed, "F002", "M007") == []       # minutes: a count of millions would be M007 on a duration
    assert "a change of 5 min" in " ".join(m for *_, m in found(timed.replace("6m", "2m"), "A001"))

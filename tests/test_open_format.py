"""Goal files as teams write them (issue 17): keys of their own, collections keyed by id, several
values where one was expected, cadences with remarks, one finding per slip behind an anchor."""

from __future__ import annotations

import pytest

from cxsmart.model.goalfile import cadence
from cxsmart.read.entries import near_key
from cxsmart.read.loader import load_text
from tests.conftest import lint

KEYED = """\
objectives:
  grow-retention:
    title: Grow recurring revenue by reducing churn
    kpi: churn_rate
owners:
  contact-centre:
    name: Contact Centre
    controls: [fcr, csat]
    lead: Priya Shah
goals:
  cc-fcr-2027:
    title: Raise first contact resolution from 70% to 75% by 30 June 2027
    objective: grow-retention
    owner: contact-centre
    metric: fcr
    baseline: 70%
    target: 75%
    deadline: 2027-06-30
    paired_with: [cc-csat-2027]
    review: monthly (ops forum)
    notes: agreed at the Q3 offsite
  cc-csat-2027: Raise CSAT from 80% to 83% by 30 June 2027
"""


def test_collections_keyed_by_id_resolve_like_lists():
    file = load_text("g.yaml", KEYED)
    assert file.problems == []
    assert [i.model.id for i in file.sections["objectives"]] == ["grow-retention"]
    assert [(i.model.id, i.model.name) for i in file.sections["owners"]] == [("contact-centre", "Contact Centre")]
    assert [(i.model.id, i.model.title) for i in file.sections["goals"]] == [
        ("cc-fcr-2027", "Raise first contact resolution from 70% to 75% by 30 June 2027"),
        ("cc-csat-2027", "Raise CSAT from 80% to 83% by 30 June 2027")]
    owner, goal = file.sections["owners"][0], file.sections["goals"][0]
    assert owner.extra == {"lead": "Priya Shah"} and goal.extra == {"notes": "agreed at the Q3 offsite"}
    assert goal.value_span("id") == goal.key_span("id") and goal.value_span("id").line == 11   # the key is the id
    codes = {d.code for d in lint(KEYED, today=__import__("datetime").date(2026, 12, 1))
             if d.severity.value >= 2 and d.goal == "cc-fcr-2027"}
    assert codes == set()                           # references to keyed owners and objectives resolve


def test_an_id_that_disagrees_with_its_key_is_one_finding_at_the_id():
    found = lint("owners:\n  cc: {id: digital}\ngoals:\n  - {title: x, owner: cc}\n", select=["F"])
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("F002", 2, 12)]


@pytest.mark.parametrize("text,want", [
    ("monthly (ops review)", "monthly"), ("monthly - service forum, 2nd Tuesday", "monthly"),
    ("weekly ops call; monthly to the board", "weekly"), ("half-yearly", "half-yearly"),
    ("six-monthly", "half-yearly"), ("fortnightly", "fortnightly"), ("every two weeks", "fortnightly"),
    ("bi-monthly", "bi-monthly"), ("per survey wave", "per survey wave"), ("Quarterly to Cabinet", "quarterly"),
    ("annually", "annually"), ("as needed", None), ("ad hoc", None), ("semi-monthly-ish", None)])
def test_review_reads_the_first_cadence_named(text, want):
    assert cadence(text) == want


def test_a_review_with_no_cadence_is_p004_at_the_value_not_a_schema_error():
    found = lint("- title: Raise CSAT from 80% to 83% by 2027-06-30\n  review: as needed\n", select=["F", "P004"])
    assert [(d.code, d.span.line, d.span.column, d.span.end_column) for d in found] == [("P004", 2, 11, 20)]
    assert "names no cadence" in found[0].message


@pytest.mark.parametrize("key,known", [("deadine", "deadline"), ("baseine", "baseline"), ("ownr", "owner"),
                                       ("tittle", "title"), ("pairedwth", "paired_with"), ("deadlnie", "deadline")])
def test_near_misses(key, known):
    from cxsmart.read.entries import GOAL_KEYS
    assert near_key(key, GOAL_KEYS) == known


@pytest.mark.parametrize("key", ["lead", "status", "notes", "tags", "source", "links", "type", "sponsor",
                                 "definition", "team", "kpi_owner", "stage", "levels"])
def test_the_teams_own_keys_are_not_near_misses(key):
    from cxsmart.read.entries import GOAL_KEYS
    assert near_key(key, GOAL_KEYS) in (None, "level") and (key != "lead" or near_key(key, GOAL_KEYS) is None)


def test_strict_keys_makes_every_unknown_key_a_warning():
    from cxsmart.settings.config import Config

    text = "- title: Raise CSAT from 80% to 83% by 2027-06-30\n  notes: x\n  x-mine: y\n"
    assert lint(text, select=["F009"]) == []
    found = lint(text, select=["F009"], config=Config(strict_keys=True))
    assert [(d.code, d.severity.name, d.span.line, d.span.column) for d in found] == [("F009", "WARNING", 2, 3)]
    assert "strict-keys" in found[0].message


def test_several_measures_are_one_compound_finding_and_read_on_the_first():
    text = ("- title: Improve survey results by 2027-06-30\n  metric: [csat, nps]\n"
            "  baseline: {csat: 80%, nps: 20}\n  target: {csat: 83%, nps: 25}\n")
    found = lint(text)
    assert [(d.code, d.span.line, d.span.column) for d in found if d.code.startswith(("S003", "F", "M00"))] == [
        ("S003", 2, 3)]
    assert "'csat' and 'nps'" in found[[d.code for d in found].index("S003")].message
    (item,) = load_text("g.yaml", text).sections["goals"]
    assert item.compound == ["csat", "nps"]
    assert (item.model.metric, str(item.model.baseline), str(item.model.target)) == ("csat", "80%", "83%")
    assert item.value_span("baseline").column == 20          # findings on the value point at the csat value


def test_measures_mapped_without_a_metric_list_are_compound_too():
    text = "- title: Cut waits by 2027-06-30\n  baseline: {first_response: 58%, resolution: 64%}\n"
    found = lint(text, select=["S003", "F"])
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("S003", 2, 3)]


def test_actions_written_as_sentences_and_paired_with_lists():
    text = ("goals:\n  - id: a\n    title: Cut AHT from 7 min to 6 min by 2027-06-30\n    metric: aht\n"
            "    paired_with: [b, nope]\n    actions:\n      - Send a reminder the day before\n"
            "  - {id: b, title: Raise CSAT from 80% to 83% by 2027-06-30, metric: csat}\n")
    (a, b) = load_text("g.yaml", text).sections["goals"]
    assert [x.title for x in a.model.actions] == ["Send a reminder the day before"]
    assert a.value_span("actions", 0, "title").line == 7
    found = lint(text, select=["F", "R005", "P001"])
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("F004", 5, 22), ("P001", 7, 9)]


def test_a_slip_behind_an_anchor_is_said_once_at_the_anchor():
    text = ("x-defaults: &d\n  owner: nobody\n  review: montly\n  deadline: sometime soonish\n  reviw: weekly\n"
            "goals:\n  - title: Raise CSAT from 70% to 75% by 30 June 2027\n    <<: *d\n"
            "  - title: Raise NPS from 20 to 25 by 30 June 2027\n    <<: *d\n")
    found = lint(text, select=["F", "P004"])
    assert sorted((d.code, d.span.line, d.span.column) for d in found) == [
        ("F002", 4, 13), ("F004", 2, 10), ("F009", 5, 3), ("P004", 8, 9), ("P004", 10, 9)]
    assert all(d.goal is None for d in found if d.code.startswith("F"))


def test_a_key_written_in_the_goal_is_pointed_at_there_even_when_its_value_is_an_anchored_mapping():
    # only a value that came in through `<<:` is said at the anchor; this goal writes 'reviw' itself
    # (its value an alias of a mapping whose own 'reviw' is never read), so F009 points at line 8
    text = ("x-defaults: &d\n  owner: cc\nx-extra: &extra\n  reviw: weekly\ngoals:\n"
            "  - title: Raise CSAT from 70% to 75% by 30 June 2027\n    <<: *d\n    reviw: *extra\n")
    found = lint(text, select=["F009"])
    assert [(d.code, tuple(d.span)) for d in found] == [("F009", (8, 5, 8, 10))]


def test_a_tag_behind_an_anchor_is_said_once_at_the_anchor_however_many_goals_merge_it():
    text = ("x-d: &d\n  deadline: !!str 2026-02-30\ngoals:\n  - title: Raise NPS from 20 to 30\n    <<: *d\n"
            "  - title: Raise CSAT from 70% to 75%\n    <<: *d\n")
    found = lint(text, select=["F", "T007"])
    assert [(d.code, tuple(d.span), d.message) for d in found] == [
        ("F002", (2, 13, 2, 29), "YAML tags such as '!!str' are not allowed in goal files")]

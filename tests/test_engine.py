"""The engine contains failures: a crashing rule is one F008 finding; broken plugins are warnings."""

from __future__ import annotations

from cxsmart.diagnostics import Severity
from cxsmart.settings.registry import Registry, builtin_rules
from cxsmart.rule import Rule
from tests.conftest import lint


class Crashes(Rule):
    """Divides by zero."""

    code = "X901"
    name = "crashes"
    severity = Severity.WARNING

    def check(self, goal, ctx):
        yield ctx.report(self, goal, "first goal is fine")
        raise ZeroDivisionError("division by zero")


def registry_with(*extra) -> Registry:
    reg = Registry()
    for rule in [*builtin_rules(), *extra]:
        reg.add(rule)
    return reg


def test_crashing_rule_becomes_one_internal_error_and_others_still_run():
    text = "- {id: a, title: Raise NPS}\n- {id: b, title: Raise CSAT}\n"
    found = lint(text, registry=registry_with(Crashes), select=["X901", "R002"])
    internal = [d for d in found if d.code == "F008"]
    assert len(internal) == 1
    assert "rule X901 (crashes) failed: ZeroDivisionError" in internal[0].message and internal[0].goal == "a"
    assert [d.goal for d in found if d.code == "R002"] == ["a", "b"]


def test_plugin_rules_from_entry_points(monkeypatch):
    import importlib.metadata as md

    from cxsmart.settings import registry

    class EP:
        def __init__(self, name, value, target):
            self.name, self.value, self._target = name, value, target

        def load(self):
            if isinstance(self._target, Exception):
                raise self._target
            return self._target

    eps = [EP("good", "pkg:Crashes", Crashes), EP("broken", "nope:Rule", ImportError("No module named 'nope'"))]
    monkeypatch.setattr(md, "entry_points", lambda group: eps if group == "cxsmart.rules" else [])
    reg = Registry()
    registry._load_plugins(reg)
    assert "X901" in reg.rules
    assert reg.warnings == ["plugin 'broken' (nope:Rule) could not be loaded: ImportError: No module named 'nope'"]


def test_duplicate_codes_are_refused():
    import pytest

    from cxsmart.settings.registry import RegistryError

    class Clash(Crashes):
        code = "M002"

    with pytest.raises(RegistryError, match="already used"):
        registry_with(Clash)


class CrashesOnB(Rule):
    """Fails on the goal with id b only."""

    code = "X902"
    name = "crashes-on-b"
    severity = Severity.WARNING

    def check(self, goal, ctx):
        if goal.id == "b":
            raise KeyError("b")
        yield ctx.report(self, goal, f"goal {goal.id} is fine")


def test_internal_error_names_the_goal_it_failed_on_and_keeps_what_came_before():
    text = "- {id: a, title: Raise NPS}\n- {id: b, title: Raise CSAT}\n- {id: c, title: Raise FCR}\n"
    found = lint(text, registry=registry_with(CrashesOnB), select=["X902"])
    assert [(d.code, d.goal) for d in sorted(found, key=lambda d: d.span)] == [("X902", "a"), ("F008", "b")]
    assert "rule X902 (crashes-on-b) failed: KeyError" in next(d.message for d in found if d.code == "F008")


def test_findings_that_differ_only_by_goal_come_out_in_one_order():
    from cxsmart.diagnostics import Diagnostic, Severity, Span

    def at_one_place(goal):
        return Diagnostic(code="M007", name="unit-mismatch", severity=Severity.ERROR, message="same",
                          path="g.yaml", span=Span(3, 11, 3, 14), goal=goal)

    a, b = at_one_place("home-claims"), at_one_place("motor-claims")    # one value merged into two goals
    assert sorted([b, a], key=lambda d: d.sort_key) == sorted([a, b], key=lambda d: d.sort_key) == [a, b]


def test_a_value_behind_an_anchor_is_one_finding_at_the_anchor_not_one_per_merge():
    import datetime as dt

    from cxsmart.api import lint_text

    text = ("x-as-of: &measured 31/07/2026\n"
            "goals:\n"
            "  - {id: a, title: Answer 80% of calls in 20 s by 2027-07-31, baseline: {value: 70%, as_of: *measured}}\n"
            "  - {id: b, title: Answer 90% of emails in 1 day by 2027-07-31, baseline: {value: 80%, as_of: *measured}}\n")
    found = [d for d in lint_text(text, today=dt.date(2026, 6, 1), select=["T010"]).diagnostics]
    assert [(d.code, d.span.line, d.goal) for d in found] == [("T010", 1, "a")]

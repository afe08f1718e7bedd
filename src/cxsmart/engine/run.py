"""Runs the selected rules over a workspace, in one pass, without letting a rule crash the run."""

from __future__ import annotations

import traceback

from cxsmart.diagnostics import Diagnostic, Severity, Span
from cxsmart.engine.goalview import GoalView
from cxsmart.engine.workspace import Workspace
from cxsmart.read.packs import PackData
from cxsmart.rule import Rule, RuleContext


def prepare_text(ws: Workspace, rules: list[Rule], packs: PackData | None, cache=None, prose=None,
                 goals: list[GoalView] | None = None) -> None:
    """Fill `goal.facts` from prose when a selected rule needs it: spaCy is imported only
    then, and all prose goes through it in one batch. `goals`: only these goals' prose (an
    editor's workspace where the other goals have theirs from an earlier lint)."""
    goals = ws.goals if goals is None else goals
    if packs is None or not goals or not any(rule.needs_text for rule in rules):
        return
    from cxsmart.language import analyse

    analyse(goals, packs, cache, prose)
    ws.adopt_facts(goals)


def run_rules(ws: Workspace, rules: list[Rule], ctx: RuleContext, packs: PackData | None = None,
              cache=None, prose=None, goals: list[GoalView] | None = None) -> list[Diagnostic]:
    """Rules that read no prose first (while a prose worker may still be reading), then the
    language analysis (of `goals`, default all), then the rules that read what it found."""
    out = _run(ws, [r for r in rules if not r.needs_text], ctx)
    prepare_text(ws, rules, packs, cache, prose, goals)
    return out + _run(ws, [r for r in rules if r.needs_text], ctx)


def _run(ws: Workspace, rules: list[Rule], ctx: RuleContext) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in rules:
        per_goal = type(rule).check is not Rule.check
        current: GoalView | None = None
        try:
            out.extend(rule.check_workspace(ws, ctx))
            if per_goal:
                for current in ws.goals:
                    out.extend(rule.check(current, ctx))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
            out.append(_internal_error(rule, current, exc))
    return out


def _internal_error(rule: Rule, goal: GoalView | None, exc: Exception) -> Diagnostic:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return Diagnostic(
        code="F008", name="internal-error", severity=Severity.ERROR,
        message=f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}{where}",
        path=goal.path if goal else "", span=goal.anchor if goal else Span(1, 1, 1, 2),
        goal=goal.id if goal else None,
        hint=f"this is a bug in cxsmart or a plugin, not in the goal file; --ignore {rule.code} skips the rule",
    )

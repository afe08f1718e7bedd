"""Runs the selected rules over a workspace, in one pass, without letting a rule crash the run."""

from __future__ import annotations

import traceback

from cxsmart.diagnostics import Diagnostic, Severity, Span
from cxsmart.engine.goalview import GoalView
from cxsmart.engine.halves import Forked, worth_halving
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
              cache=None, prose=None, goals: list[GoalView] | None = None, halves: bool = False) -> list[Diagnostic]:
    """Rules that read no prose first (while a prose worker may still be reading), then the
    language analysis (of `goals`, default all), then the rules that read what it found.
    `halves`: a large workspace's prose rules may run in two processes (engine.halves)."""
    out = _run(ws, [r for r in rules if not r.needs_text], ctx)
    prepare_text(ws, rules, packs, cache, prose, goals)
    text_rules = [r for r in rules if r.needs_text]
    if halves and worth_halving(ws):
        return out + run_in_halves(ws, text_rules, ctx)
    return out + _run(ws, text_rules, ctx)


def _run(ws: Workspace, rules: list[Rule], ctx: RuleContext) -> list[Diagnostic]:
    out, ready = _workspace_checks(ws, rules, ctx)
    return out + _goal_checks(ready, ws.goals, ctx)[0]


def run_in_halves(ws: Workspace, rules: list[Rule], ctx: RuleContext) -> list[Diagnostic]:
    """What _run finds, with the goal checks of cxsmart's own rules shared by two processes: the
    workspace checks run here first (a rule's goal checks may read what they worked out, as M007
    reads the definitions it blamed), then a forked copy checks the second half of the goals while
    this process checks the first. A rule that fails on a goal here is not checked further, as in
    _run (the copy's findings of it are dropped); if the copy fails, its half is checked here."""
    out, ready = _workspace_checks(ws, rules, ctx)
    ours = [r for r in ready if type(r).__module__.startswith("cxsmart.")]     # a plugin may keep count
    half = len(ws.goals) // 2
    copy = Forked(lambda: _goal_checks(ours, ws.goals[half:], ctx))
    out += _goal_checks([r for r in ready if r not in ours], ws.goals, ctx)[0]
    first, failed = _goal_checks(ours, ws.goals[:half], ctx)
    second = copy.result()
    if second is None:
        second = _goal_checks(ours, ws.goals[half:], ctx)
    return out + first + [d for d in second[0] if d.code not in failed]


def _workspace_checks(ws: Workspace, rules: list[Rule], ctx: RuleContext) -> tuple[list[Diagnostic], list[Rule]]:
    """Every rule's workspace check (all of them before any goal check: a goal check may read
    what its rule worked out there); and the rules with goal checks still to run (not one whose
    workspace check failed)."""
    out: list[Diagnostic] = []
    ready: list[Rule] = []
    for rule in rules:
        try:
            out.extend(rule.check_workspace(ws, ctx))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
            out.append(_internal_error(rule, None, exc))
            continue
        if type(rule).check is not Rule.check:
            ready.append(rule)
    return out, ready


def _goal_checks(rules: list[Rule], goals: list[GoalView], ctx: RuleContext) -> tuple[list[Diagnostic], set[str]]:
    """Each rule's goal checks over `goals`, in _run's order; and the codes of the rules that failed."""
    out: list[Diagnostic] = []
    failed: set[str] = set()
    for rule in rules:
        current: GoalView | None = None
        try:
            for current in goals:
                out.extend(rule.check(current, ctx))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
            out.append(_internal_error(rule, current, exc))
            failed.add(rule.code)
    return out, failed


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

"""A workspace with one goal of one file re-read (splice.Spliced): that
goal gets a new view, every other view is kept with its prose facts, the file's items are moved
to the new SourceFile (so its spans and text are the new ones, lines below the goal moved with
it), the file's findings of the workspace below the goal moved too, and the links to the old view
(a child's parent, a paired goal, an inherited objective) point at the new one.

Valid when the file gives the workspace what it gave before (shape.structure), the workspace
has no parent loop (F005), and the goal gives other goals' checks what it gave before: its
shape.derived is the same as a view built from the model (what checks that read no prose see)
and with its prose read (what the others see). Then every other goal's view, and its findings,
are what a full build would give; `one_goal` answers None otherwise, having changed nothing."""

from __future__ import annotations

import copy
import dataclasses

from cxsmart.diagnostics import Span
from cxsmart.engine.goalview import GoalView
from cxsmart.engine.run import prepare_text
from cxsmart.engine.workspace import Workspace, index_keys
from cxsmart.read.loader import SourceFile
from cxsmart.read.source import Problem
from cxsmart.server import shape
from cxsmart.server.checkfile import NAMES_A_LINE
from cxsmart.server.patch import _relink


def one_goal(ws: Workspace, old: SourceFile, new: SourceFile, i: int, at: int, lines: range, delta: int,
             run, cache) -> tuple[Workspace, GoalView] | None:
    """(the new workspace, the goal's new view, its prose not read yet) or None. `at`: where the
    goal's view is among the workspace's; `lines`: the goal's lines (1-based) in the old text,
    where its own findings of the workspace (F003, F004) sit; `delta`: lines it gained."""
    old_item, new_item = old.sections["goals"][i], new.sections["goals"][i]
    old_view = ws.goals[at]
    if old_view.item is not old_item or any(p.code == "F005" for _, p in ws.problems):
        return None
    if delta and any(NAMES_A_LINE.search(p.message) for _, p in ws.problems):
        return None                     # 'already used (line 40)': the words would not move with the line
    if shape.derived([_linked(ws, ws._view(old_item))]) != shape.derived([_linked(ws, ws._view(new_item))]):
        return None
    probe = _linked(ws, ws._view(new_item))
    prepare_text(ws, run.selection.rules, run.packs, cache, None, [probe])
    if shape.derived([old_view]) != shape.derived([probe]):
        return None
    # from here on the workspace is changed: nothing below refuses
    for section, items in old.sections.items():
        new.sections[section] = list(items)
        for item in items:
            item.file = new
    new.sections["goals"][i] = new_item
    old_item.file = old
    view = ws._view(new_item)
    return _replaced(ws, old, new, at, view, lines, delta), view


def _linked(ws: Workspace, view: GoalView) -> GoalView:
    g = view.goal
    view.parent = ws.goals_by_id.get(g.parent) if g.parent else None
    view.paired_all = [ws.goals_by_id[ref] for ref in g.paired_ids if ref in ws.goals_by_id]
    view.paired = view.paired_all[0] if view.paired_all else None
    view.objective, view.objective_from = ws._objective_of(view)
    return view


def _replaced(ws: Workspace, old: SourceFile, new: SourceFile, at: int, view: GoalView, lines: range,
              delta: int) -> Workspace:
    stale = ws.goals[at]
    _relink(ws, old, [stale], {id(stale): view})
    out = copy.copy(ws)         # a new workspace (rules keep what they found per workspace) ...
    out.files = [new if f is old else f for f in ws.files]
    out.goals[at] = view        # ... sharing the old one's tables, changed in place: the old one is let go
    ident = view.id
    if ident and ws.goals_by_id.get(ident) is stale:
        out.goals_by_id[ident] = view
    claims = out.claims["goals"]
    out.by = {name: _regrouped(index, name, stale, view) for name, index in ws.by.items()}
    _linked(out, view)
    out.problems = [(f, p) if f is not old else (new, _moved(p, lines.stop - 1, delta)) for f, p in ws.problems
                    if not (f is old and p.span.line in lines)]
    if ident:
        if claims.get(ident) is stale.item:
            claims[ident] = view.item
        else:
            out._claim(ident, view.item, "goals", claims)           # held first elsewhere: F003
    out._check_references(only=new, views=[view])
    return out


def _regrouped(index: dict, name: str, stale: GoalView, view: GoalView) -> dict:
    """A goals_by index with the goal's view replaced (its keys are the same: shape.structure)."""
    out = dict(index)
    for key in index_keys(stale.goal, name):
        if key in out:
            out[key] = [view if v is stale else v for v in out[key]]
    return out


def _moved(problem: Problem, after: int, delta: int) -> Problem:
    s = problem.span
    if not delta or s.line <= after:
        return problem
    return dataclasses.replace(problem, span=Span(s.line + delta, s.column, s.end_line + delta, s.end_column))

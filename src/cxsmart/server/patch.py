"""A workspace with one file re-read: that file's part rebuilt as Workspace.build makes it, every
other file's part kept (its items, its goals' views with their prose facts).

Valid only when the old and new file have the same shape.structure and the workspace has no
`parent` loop (F005 cuts a link; the edit goes through a full build then): every other view is
then what a full build would make, except its links to the edited file's goals, which are
pointed at their new views here."""

from __future__ import annotations

import copy

from cxsmart.engine.workspace import Workspace
from cxsmart.read.loader import Item, SourceFile

SECTIONS = ("metrics", "objectives", "owners", "goals")


class Unpatchable(Exception):
    """The edit changed what the rest of the workspace is built from."""


def patched(ws: Workspace, old: SourceFile, new: SourceFile) -> Workspace:
    if any(p.code == "F005" for _, p in ws.problems):
        raise Unpatchable("a parent loop")
    out = copy.copy(ws)
    out.files = [new if f is old else f for f in ws.files]
    out.problems = [(f, p) for f, p in ws.problems if f is not old]
    firsts = {section: _claims(out, ws, old, new, section) for section in SECTIONS}
    try:
        out.claims = {s: {k: firsts[s][k] if v.file is old else v for k, v in ws.claims[s].items()} for s in SECTIONS}
        out._claimed = out.claims["goals"]
        out.objectives = _swap(ws.objectives, old, firsts["objectives"])
        out.owners = _swap(ws.owners, old, firsts["owners"])
        out.metric_items = _swap(ws.metric_items, old, firsts["metrics"])
        _views(out, ws, old, new)
    except KeyError as e:
        raise Unpatchable(f"id {e} moved") from None
    out._check_references(only=new)
    return out


def _claims(out: Workspace, ws: Workspace, old: SourceFile, new: SourceFile, section: str) -> dict[str, Item]:
    """The new file's claims, against every other file's (F003 for those already taken)."""
    taken = {k: v for k, v in ws.claims[section].items() if v.file is not old}
    mine = {}
    for ident, item in out._in_file_order(new, section):
        if out._claim(ident, item, section, taken):
            mine[ident] = item
    return mine


def _swap(table: dict[str, Item], old: SourceFile, fresh: dict[str, Item]) -> dict[str, Item]:
    return {k: fresh[k] if v.file is old else v for k, v in table.items()}


def _views(out: Workspace, ws: Workspace, old: SourceFile, new: SourceFile) -> None:
    start = 0
    for f in ws.files:
        if f is old:
            break
        start += len(f.sections["goals"])
    stale = ws.goals[start:start + len(old.sections["goals"])]
    if any(v.item.file is not old for v in stale):
        raise Unpatchable("the views are not in file order")
    fresh = [out._view(item) for item in new.sections["goals"]]
    out.goals = ws.goals[:start] + fresh + ws.goals[start + len(stale):]
    named = {v.id: v for v in fresh if v.id and out._claimed.get(v.id) is v.item}
    out.goals_by_id = {k: named[k] if v.item.file is old else v for k, v in ws.goals_by_id.items()}
    moved = {id(v): out.goals_by_id[v.id] for v in stale if v.id and ws.goals_by_id.get(v.id) is v}
    for view in fresh:
        g = view.goal
        view.parent = out.goals_by_id.get(g.parent) if g.parent else None
        view.paired_all = [out.goals_by_id[ref] for ref in g.paired_ids if ref in out.goals_by_id]
        view.paired = view.paired_all[0] if view.paired_all else None
    if moved:
        _relink(out, start, len(fresh), moved)
    for view in fresh:
        view.objective, view.objective_from = out._objective_of(view)


def _relink(out: Workspace, start: int, count: int, moved: dict) -> None:
    """The other goals' links to the edited file's goals, to their new views."""
    for i, view in enumerate(out.goals):
        if start <= i < start + count:
            continue
        if id(view.parent) in moved:
            view.parent = moved[id(view.parent)]
        if id(view.objective_from) in moved:
            view.objective_from = moved[id(view.objective_from)]
        if any(id(p) in moved for p in view.paired_all):
            view.paired_all = [moved.get(id(p), p) for p in view.paired_all]
            view.paired = view.paired_all[0] if view.paired_all else None

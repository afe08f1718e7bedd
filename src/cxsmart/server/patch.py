"""A workspace with one file re-read: that file's part rebuilt as Workspace.build makes it, every
other file's part kept (its items, its goals' views with their prose facts).

Valid only when the old and new file have the same shape.structure and the workspace has no
`parent` loop (F005 cuts a link; the edit goes through a full build then): every other view is
then what a full build would make, except its links to the edited file's goals, which are
pointed at their new views here."""

from __future__ import annotations

import copy

from cxsmart.engine.workspace import Workspace, index_keys
from cxsmart.read.loader import Item, SourceFile

SECTIONS = ("metrics", "objectives", "owners", "goals")


class Unpatchable(Exception):
    """The edit changed what the rest of the workspace is built from."""


def patched(ws: Workspace, old: SourceFile, new: SourceFile) -> Workspace:
    if any(p.code == "F005" for _, p in ws.problems):
        raise Unpatchable("a parent loop")
    out = copy.copy(ws)
    out.by = {}                                 # goals_by's indexes: carried over below
    out._names = {}                             # owners and objectives by name: made again when asked
    out.files = [new if f is old else f for f in ws.files]
    out.problems = [(f, p) for f, p in ws.problems if f is not old]
    firsts = {section: _claims(out, ws, old, new, section) for section in SECTIONS}
    try:
        held = _ids(old)
        out.claims = {s: _swap(ws.claims[s], old, firsts[s], held) for s in SECTIONS}
        out._claimed = out.claims["goals"]
        out.objectives = _swap(ws.objectives, old, firsts["objectives"], held)
        out.owners = _swap(ws.owners, old, firsts["owners"], held)
        out.metric_items = _swap(ws.metric_items, old, firsts["metrics"], held)
        _views(out, ws, old, new, held)
    except KeyError as e:
        raise Unpatchable(f"id {e} moved") from None
    start = _start(ws, old)
    out._check_references(only=new, views=out.goals[start:start + len(new.sections["goals"])])
    return out


def _claims(out: Workspace, ws: Workspace, old: SourceFile, new: SourceFile, section: str) -> dict[str, Item]:
    """The new file's claims, against every other file's (F003 for those already taken)."""
    taken = _Others(ws.claims[section], old)
    mine = {}
    for ident, item in out._in_file_order(new, section):
        if out._claim(ident, item, section, taken):
            mine[ident] = item
    return mine


class _Others(dict):
    """Claims: the other files' (read through, not copied), and the new file's (held here)."""

    def __init__(self, claims: dict[str, Item], old: SourceFile) -> None:
        super().__init__()
        self.claims, self.old = claims, old

    def get(self, key, default=None):
        if key in self:
            return self[key]
        first = self.claims.get(key)
        return first if first is not None and first.file is not self.old else default


def _swap(table: dict, old: SourceFile, fresh: dict, held: frozenset[str]) -> dict:
    """`table` (id -> item or view) with the old file's entries replaced by the new file's, in
    place (the ids are the same: shape.structure; `held`: the old file's ids)."""
    out = dict(table)
    swapped = 0
    for key, value in fresh.items():
        if key in out and _file(out[key]) is old:
            out[key] = value
            swapped += 1
    if swapped != sum(1 for key in held if key in table and _file(table[key]) is old):
        raise KeyError("an id")
    return out


def _file(value) -> SourceFile:
    return value.file if isinstance(value, Item) else value.item.file


def _views(out: Workspace, ws: Workspace, old: SourceFile, new: SourceFile, held: frozenset[str]) -> None:
    start = _start(ws, old)
    stale = ws.goals[start:start + len(old.sections["goals"])]
    if any(v.item.file is not old for v in stale):
        raise Unpatchable("the views are not in file order")
    fresh = [out._view(item) for item in new.sections["goals"]]
    out.goals = ws.goals[:start] + fresh + ws.goals[start + len(stale):]
    named = {v.id: v for v in fresh if v.id and out._claimed.get(v.id) is v.item}
    out.goals_by_id = _swap(ws.goals_by_id, old, named, held)
    moved = {id(v): out.goals_by_id[v.id] for v in stale if v.id and ws.goals_by_id.get(v.id) is v}
    for view in fresh:
        g = view.goal
        view.parent = out.goals_by_id.get(g.parent) if g.parent else None
        view.paired_all = [out.goals_by_id[ref] for ref in g.paired_ids if ref in out.goals_by_id]
        view.paired = view.paired_all[0] if view.paired_all else None
    if moved:
        _relink(ws, old, stale, moved)
    for view in fresh:
        view.objective, view.objective_from = out._objective_of(view)
    rank = {id(f): i for i, f in enumerate(out.files)}
    out.by = {name: _regroup(index, old, new, stale, fresh, name, rank) for name, index in ws.by.items()}


def _start(ws: Workspace, old: SourceFile) -> int:
    """Where the file's goals start among the workspace's (in file order)."""
    start = 0
    for f in ws.files:
        if f is old:
            break
        start += len(f.sections["goals"])
    return start


def _relink(ws: Workspace, old: SourceFile, stale: list, moved: dict) -> None:
    """The other goals' links to the edited file's goals, to their new views: the goals below
    them (a parent, or an objective inherited through one) and the goals paired with them."""
    parents, paired = ws.goals_by("parent"), ws.goals_by("paired")
    ids = [v.id for v in stale if id(v) in moved]
    affected: dict[int, object] = {}
    todo, seen = list(ids), set()
    while todo:
        ident = todo.pop()
        if ident in seen:
            continue
        seen.add(ident)
        for child in parents.get(ident, ()):
            affected[id(child)] = child
            if child.id:
                todo.append(child.id)
    for ident in ids:
        for view in paired.get(ident, ()):
            affected[id(view)] = view
    for view in affected.values():
        if view.item.file is old:
            continue
        if id(view.parent) in moved:
            view.parent = moved[id(view.parent)]
        if id(view.objective_from) in moved:
            view.objective_from = moved[id(view.objective_from)]
        if any(id(p) in moved for p in view.paired_all):
            view.paired_all = [moved.get(id(p), p) for p in view.paired_all]
            view.paired = view.paired_all[0] if view.paired_all else None


def _regroup(index: dict, old: SourceFile, new: SourceFile, stale: list, fresh: list, name: str,
             rank: dict[int, int]) -> dict:
    """A goals_by index with the edited file's goals replaced, each group in workspace order."""
    out = dict(index)
    keys = {k for v in [*stale, *fresh] for k in index_keys(v.goal, name)}
    for key in keys:
        kept = [v for v in index.get(key, ()) if v.item.file is not old]
        mine = [v for v in fresh if key in index_keys(v.goal, name)]
        at = next((i for i, v in enumerate(kept) if rank[id(v.item.file)] > rank[id(new)]), len(kept))
        group = kept[:at] + mine + kept[at:]
        if group:
            out[key] = group
        else:
            out.pop(key, None)
    return out


def _ids(file: SourceFile) -> frozenset[str]:
    """The ids the file's items hold (valid or not)."""
    ids = {item.model.id for items in file.sections.values() for item in items if item.model.id}
    return frozenset(ids | {ident for held in file.invalid_ids.values() for ident in held})

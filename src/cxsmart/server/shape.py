"""What one file gives the rest of the workspace, to tell an edit that only its own findings can
change from one that changes other files' too.

    structure  what the workspace is built from (ids, references, definitions, the lines of
               ids held twice): when it is unchanged, the file's part of the workspace can be
               rebuilt alone (patch.patched), and every other goal's view stays as it is
    derived    what other goals' checks read of the file's goals once they are built (metric,
               values, dates, segment, whether it holds a level ...): when only this changed,
               the edited file's findings are right at once and the others are checked again
               in the background
    dates      the numeric dates that decide the workspace's date order (read.dateorder)
"""

from __future__ import annotations

from cxsmart.engine.workspace import Workspace
from cxsmart.read.dateorder import _dates, _values
from cxsmart.read.loader import Item, SourceFile
from cxsmart.model.timeframes import numeric_order

DEFINED = ("objectives", "owners", "metrics")


def twice(ws: Workspace) -> set[str]:
    """Ids held twice: a duplicate's finding names the line of the first (F003)."""
    return {p.subject for _, p in ws.problems if p.code == "F003" and p.subject}


def structure(src: SourceFile, dups: set[str]) -> tuple:
    def line(ident, item: Item) -> int:
        return item.anchor.line if ident in dups else 0

    defines = tuple((section, item.path, repr(item.model), sorted(item.unreadable), line(item.model.id, item))
                    for section in DEFINED for item in src.sections[section])
    goals = tuple(goal_structure(item, dups) for item in src.sections["goals"])
    invalid = tuple((section, ident, path, line(ident, Item(None, path, src)))
                    for section, ids in src.invalid_ids.items() for ident, path in ids.items())
    return defines, goals, invalid


def goal_structure(item: Item, dups: set[str]) -> tuple:
    """One goal's part of `structure`."""
    g = item.model
    return (item.path, g.id, g.parent, g.objective, g.owner, repr(g.paired_with), repr(g.metric),
            tuple(a.owner for a in g.actions), item.anchor.line if g.id in dups else 0)


def derived(views: list) -> tuple:
    """What the rules read of a goal when they check another one (its parent's deadline and
    metric, a paired goal's metric, an owner's guardrails, the goals beside it ...)."""
    from cxsmart.rules.levels import holds_level
    from cxsmart.rules.relevant import _segment

    return tuple((v.id, repr(v.metric), v.uncatalogued, repr(v.baseline), repr(v.target), repr(v.start),
                  repr(v.deadline), _segment(v), holds_level(v), v.present("objective")) for v in views)


def dates(parsed) -> tuple:
    """The file's part in the workspace's date order: its first unambiguous numeric date of each
    order, and whether it has an ambiguous one."""
    if parsed is None:
        return (), False
    first: dict[str, tuple[str, int]] = {}
    ambiguous = False
    for value in _values(parsed.data):
        for m in _dates(value):
            order = numeric_order(int(m[1]), int(m[3]))
            if order is None:
                ambiguous = True
            else:
                first.setdefault(order, (m.group(0), m.start()))
    return tuple(sorted(first.items())), ambiguous

"""What every report shows, computed once from a lint result and the workspace it read: each
goal with its findings and a state per SMART letter, the scorecard rows (workspace, owners,
objectives) and the cascade. The report judges nothing itself: a letter passes on a goal when
the run reported no error or warning of that letter on it (an info finding is advice).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cxsmart.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from cxsmart.engine.goalview import GoalView
    from cxsmart.engine.workspace import Workspace

LETTERS = ("S", "M", "A", "R", "T")
OTHER_LETTERS = ("F", "P")                              # shown on a goal only where they have a finding
COLUMNS = (*LETTERS, *OTHER_LETTERS)                    # the scorecard's columns: a goal with no error or
                                                        # warning is exactly one that passes all of them
COLUMN_NAMES = {"S": "Specific", "M": "Measurable", "A": "Attainable", "R": "Relevant", "T": "Time-bound",
                "F": "File and format", "P": "Plan"}


def prefix(code: str) -> str:
    """A code's letter or prefix: 'M002' -> 'M'; a rule pack's 'CX101' -> 'CX'."""
    return code.rstrip("0123456789")


def column_name(column: str) -> str:
    return COLUMN_NAMES.get(column, f"Your {column} rules")
STATES = ("pass", "info", "warning", "error")           # a letter's state on a goal, worst last
NO_OWNER, NO_OBJECTIVE = "(no owner)", "(no objective)"


@dataclass
class GoalEntry:
    key: str                        # unique in the report: g1, g2 ... in workspace order
    id: str | None
    title: str
    path: str
    line: int
    owner: str                      # owner id, or NO_OWNER
    owner_name: str
    owner_kind: str                 # team | person | role ("" when the owner is not defined)
    objective: str                  # own or inherited objective id, or NO_OBJECTIVE
    level: str
    deadline: str
    metric: str
    change: str                     # "from -> to"
    parent: str | None = None       # key of the parent goal shown in the report
    findings: list[Diagnostic] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    marks: list[tuple[int, int, str]] = field(default_factory=list)    # title words a finding points at

    def segments(self) -> list[tuple[str, list[str]]]:
        """The title in pieces, each with the codes of the findings that point at it ([] for none)."""
        cuts = sorted({0, len(self.title), *(m[0] for m in self.marks), *(m[1] for m in self.marks)})
        return [(self.title[a:b], sorted({c for s, e, c in self.marks if s <= a and b <= e}))
                for a, b in zip(cuts, cuts[1:])]

    def state(self, letter: str) -> str:
        worst = max((d.severity for d in self.findings if prefix(d.code) == letter), default=None)
        return "pass" if worst is None else str(worst)

    def letters(self) -> list[str]:
        """The five SMART letters, then F (file) and P (plan) where a finding of theirs is on the goal."""
        return [*LETTERS, *(x for x in OTHER_LETTERS if self.state(x) != "pass")]

    def passes(self, letter: str) -> bool:
        return self.state(letter) in ("pass", "info")

    @property
    def clean(self) -> bool:
        """No error or warning on the goal, of any letter."""
        return all(d.severity < Severity.WARNING for d in self.findings)

    @property
    def label(self) -> str:
        return self.id or self.title


@dataclass
class Row:
    """One line of the scorecard: a group of goals and how many pass each letter."""

    key: str
    name: str
    goals: int = 0
    clean: int = 0
    passing: Counter = field(default_factory=Counter)

    def add(self, goal: GoalEntry, columns: tuple[str, ...] = COLUMNS) -> None:
        self.goals += 1
        self.clean += goal.clean
        for letter in columns:
            self.passing[letter] += goal.passes(letter)

    def share(self, letter: str | None = None) -> int:
        """Percentage (to the nearest, halves up) of the goals that pass `letter`, or that are
        clean; never 100 while one goal fails, nor 0 while one passes (100 of no goals: the views
        show a dash for a row with none)."""
        part = self.clean if letter is None else self.passing[letter]
        if not self.goals:
            return 100
        nearest = (part * 200 + self.goals) // (2 * self.goals)
        return min(max(nearest, 1 if part else 0), 99 if part < self.goals else 100)


@dataclass
class Branch:
    """An objective and the goals at the top of its cascade."""

    key: str
    title: str
    roots: list[str]


@dataclass
class Report:
    goals: dict[str, GoalEntry]
    other: list[Diagnostic]                 # findings on no goal (a file, an objective, an owner)
    total: Row
    owners: list[Row]
    objectives: list[Row]
    branches: list[Branch]                  # the last, key NO_OBJECTIVE, holds goals tracing to none
    counts: Counter                         # findings by severity name
    codes: list[str]                        # every code with a finding, sorted
    columns: tuple[str, ...] = COLUMNS      # the scorecard's: S M A R T F P, then the prefix of each
                                            # rule pack's or plugin's codes with findings on goals
    files: int = 0
    fail_on: str = "warning"

    def ordered(self):
        """Every goal once, in cascade order (depth first), with its depth."""
        for branch in self.branches:
            yield from self.walk(branch)

    def walk(self, branch: Branch):
        """The goals of one branch, depth first, with their depth."""
        stack = [(root, 0) for root in reversed(branch.roots)]
        while stack:                                # iterative: a deep cascade is no recursion limit
            key, depth = stack.pop()
            goal = self.goals[key]
            yield goal, depth
            stack += [(child, depth + 1) for child in reversed(goal.children)]

    @staticmethod
    def tokens(goal: GoalEntry) -> str:
        """'M:error T:warning ...': the letter and severity of each finding, for the filters."""
        return " ".join(sorted({f"{d.code[:1]}:{d.severity}" for d in goal.findings}))


def build(result, ws: Workspace) -> Report:
    """The report of a lint result (its findings, files and goals) over the workspace it read."""
    shown = set(result.paths)
    views = [v for v in ws.goals if v.path in shown]
    keys = {id(v): f"g{i + 1}" for i, v in enumerate(views)}
    goals = {keys[id(v)]: _entry(keys[id(v)], v, ws) for v in views}
    other = _attach(result.diagnostics, views, keys, goals)
    lines: dict[int, list[str]] = {}
    for v in views:
        _mark(goals[keys[id(v)]], v, lines)
    for v in views:
        parent = v.parent
        if parent is not None and id(parent) in keys and parent is not v:
            goals[keys[id(v)]].parent = keys[id(parent)]
    _link(goals)
    extra = sorted({prefix(d.code) for g in goals.values() for d in g.findings} - set(COLUMNS))
    columns = (*COLUMNS, *extra)
    total = Row("all", "All goals")
    owners: dict[str, Row] = {}
    objectives: dict[str, Row] = {}
    whole = all(f.path in shown for f in ws.files)     # all of it: an objective no goal serves is news
    for key in ws.objectives if whole else ():
        objectives[key] = Row(key, _objective_title(ws, key))
    for g in goals.values():
        total.add(g, columns)
        owners.setdefault(g.owner, Row(g.owner, g.owner_name)).add(g, columns)
        objectives.setdefault(g.objective, Row(g.objective, _objective_title(ws, g.objective))).add(g, columns)
    return Report(goals, other, total, _sorted_rows(owners, NO_OWNER), _sorted_rows(objectives, NO_OBJECTIVE),
                  _branches(goals, ws, whole), Counter(str(d.severity) for d in result.diagnostics),
                  sorted({d.code for d in result.diagnostics}), columns, result.files, str(result.fail_on))


def _entry(key: str, v: GoalView, ws: Workspace) -> GoalEntry:
    g = v.goal
    owner_item = ws.owners.get(g.owner) if g.owner else None
    owner_name = (owner_item.model.name if owner_item and owner_item.model.name else g.owner) or NO_OWNER
    # the fields as written, never what the prose supplied: the language facts are there only on
    # a run that read the prose, and the report must not depend on whether the cache answered
    deadline = v.deadline.text if g.deadline is not None and v.deadline is not None else ""
    metric = g.metric if isinstance(g.metric, str) else (g.metric.id if g.metric is not None else "")
    base = v.baseline.text if g.baseline is not None and v.baseline is not None else ""
    target = v.target.text if g.target is not None and v.target is not None else ""
    change = f"{base or '?'} -> {target or '?'}" if base or target else ""
    owner_kind = owner_item.model.kind if owner_item else ""
    return GoalEntry(key, g.id, g.title, v.path, v.title_span.line, g.owner or NO_OWNER, owner_name, owner_kind,
                     v.objective.id if v.objective is not None else NO_OBJECTIVE, g.level or "",
                     deadline, metric or "", change)


def _attach(found: list[Diagnostic], views: list[GoalView], keys: dict, goals: dict) -> list[Diagnostic]:
    """Each finding to the goal whose lines hold it; the rest are returned."""
    starts: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    extents: dict[int, dict] = {}
    for v in views:
        file = v.item.file
        if id(file) not in extents:
            extents[id(file)] = _extents(file.index)
        first, last = extents[id(file)].get(v.item.path[:2], (v.anchor.line, v.anchor.end_line))
        starts[v.path].append((first, last, keys[id(v)]))
    for spans in starts.values():
        spans.sort()
    named: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for v in views:
        if v.id:
            named[v.path, v.id] += [s for s in starts[v.path] if s[2] == keys[id(v)]]
    other = []
    for d in found:
        line = d.span.line
        # the goal the finding names, where it holds the line (goals in flow style share lines)
        held = [s for s in named.get((d.path, d.goal), ()) if s[0] <= line <= s[1]] if d.goal else []
        if len(held) != 1:
            spans = starts.get(d.path, [])
            i = bisect_right(spans, (line, float("inf"), "")) - 1
            held = [spans[i]] if i >= 0 and spans[i][0] <= line <= spans[i][1] else []
        if held:
            goals[held[0][2]].findings.append(d)
        else:
            other.append(d)
    return other


def _mark(goal: GoalEntry, v: GoalView, lines: dict[int, list[str]]) -> None:
    """The words of the title each finding on the title's line points at."""
    span, file = v.item.value_span("title"), v.item.file
    for d in goal.findings:
        words = d.subject or ""
        if span is not None and file.text and d.span.line == span.line == span.end_line == d.span.end_line:
            if id(file) not in lines:
                lines[id(file)] = file.text.splitlines()
            source = lines[id(file)]
            if span.line <= len(source) and span.column <= d.span.column < span.end_column:
                words = source[span.line - 1][d.span.column - 1:d.span.end_column - 1]
        at = goal.title.find(words) if words and words != goal.title else -1    # not all of it: no news
        if at >= 0:
            goal.marks.append((at, at + len(words), d.code))


def _extents(index: dict) -> dict[tuple, tuple[int, int]]:
    """(section, n) -> the first and last line of the item's keys and values."""
    out: dict[tuple, tuple[int, int]] = {}
    for path, entry in index.items():
        if len(path) < 2:
            continue
        lines = [s.line for s in (entry.key, entry.value) if s] + [s.end_line for s in (entry.key, entry.value) if s]
        first, last = out.get(path[:2], (min(lines), max(lines)))
        out[path[:2]] = (min(first, *lines), max(last, *lines))
    return out


def _link(goals: dict[str, GoalEntry]) -> None:
    """Children lists; a goal in a parent loop is cut from its parent so each goal shows once."""
    for g in goals.values():
        seen = {g.key}
        p = g.parent
        while p is not None and p not in seen:
            seen.add(p)
            p = goals[p].parent
        if p is not None:                           # the chain loops back: g starts a branch
            g.parent = None
    for g in goals.values():
        if g.parent is not None:
            goals[g.parent].children.append(g.key)


def _branches(goals: dict[str, GoalEntry], ws: Workspace, whole: bool) -> list[Branch]:
    """Each objective's branch (with `whole`, also those no goal serves), then goals serving none."""
    roots: dict[str, list[str]] = defaultdict(list)
    for g in goals.values():
        if g.parent is None:
            roots[g.objective].append(g.key)
    order = [k for k in ws.objectives if whole or k in roots] + sorted(k for k in roots if k not in ws.objectives)
    order = [k for k in order if k != NO_OBJECTIVE] + ([NO_OBJECTIVE] if NO_OBJECTIVE in roots else [])
    return [Branch(k, _objective_title(ws, k), roots[k]) for k in order]


def _objective_title(ws: Workspace, key: str) -> str:
    item = ws.objectives.get(key)
    return (item.model.title or key) if item is not None and item.model is not None else key


def _sorted_rows(rows: dict[str, Row], last: str) -> list[Row]:
    return sorted(rows.values(), key=lambda r: (r.key == last, r.key))

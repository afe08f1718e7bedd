"""A goal as rules see it: the model, where its values sit, what its references resolve to, and
what its prose says. Built by the workspace; read by every rule."""

from __future__ import annotations

from dataclasses import dataclass, field

from cxsmart.diagnostics import Span
from cxsmart.model.facts import Facts
from cxsmart.model.goalfile import Goal, MetricDef, Objective, Owner
from cxsmart.model.quantities import Quantity
from cxsmart.model.timeframes import Timeframe
from cxsmart.read.loader import Item
from cxsmart.common.suggest import closest
from cxsmart.language.spans import locate


def short(text: str) -> str:
    """A title as messages quote it: in quotes, cut after 40 characters."""
    return f"'{text[:40]}…'" if len(text) > 41 else f"'{text}'"


@dataclass
class GoalView:
    """A goal as rules see it: the model, where its values sit, and what it resolves to."""

    item: Item
    goal: Goal
    metric: MetricDef | None = None
    owner: Owner | None = None
    parent: "GoalView | None" = None
    objective: Objective | None = None          # its own, or inherited from the nearest parent
    objective_from: "GoalView | None" = None
    paired: "GoalView | None" = None            # the first goal `paired_with` names that exists
    paired_all: "list[GoalView]" = field(default_factory=list)
    baseline: Quantity | None = None
    baseline_as_of: Timeframe | None = None
    target: Quantity | None = None
    start: Timeframe | None = None
    deadline: Timeframe | None = None           # relative deadlines anchored to `start` when it has one
    facts: Facts = field(default_factory=Facts)
    uncatalogued: str | None = None             # `metric:` names no defined metric: the goal's own (M009)
    unnamed: bool = False                       # the metric is only the share the title moves: no name says
    #                                             which (judged for pace and direction, never matched by name)
    memo: dict = field(default_factory=dict, repr=False, compare=False)   # what several rules derive from the
    #                                             view, kept with the inputs it was derived from

    def remembered(self, name: str, inputs: tuple, make):
        """`make()`, worked out once while `inputs` stay the same (several rules ask the same of a
        goal; an editor's edit replaces the values it was made from). The tuples compare in C,
        each element by identity first."""
        kept = self.memo.get(name)
        if kept is not None and kept[0] == inputs:
            return kept[1]
        found = make()
        self.memo[name] = (inputs, found)
        return found

    @property
    def id(self) -> str | None:
        return self.goal.id

    @property
    def path(self) -> str:
        return self.item.file.path

    @property
    def label(self) -> str:
        return f"'{self.goal.id}'" if self.goal.id else short(self.goal.title)

    def lineage(self):
        """This goal, its parent, its parent's parent ... (stops at a loop)."""
        seen: set[int] = set()
        current: GoalView | None = self
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            yield current
            current = current.parent

    def span(self, *keys) -> Span | None:
        return self.item.value_span(*keys)

    def at(self, name: str) -> Span:
        """Where a value is written: its field, else the words in the title, else the title."""
        span = self.item.value_span(name)
        if span is not None:
            return span
        fact = getattr(self.facts, name, None)
        return fact.span if fact is not None else self.title_span

    def written(self, name: str) -> str:
        """A value as the user wrote it: the field's text, or the words in the title."""
        if self.from_prose(name):
            return getattr(self.facts, name).words
        value = getattr(self, name)
        return getattr(value, "text", str(value)) if value is not None else ""

    def from_prose(self, name: str) -> bool:
        return self.item.entry(name) is None and getattr(self.facts, name, None) is not None

    def present(self, name: str) -> bool:
        """The field is written: readable, or unreadable (already reported), or under a misspelt
        key that stands for it ('deadine:'). Rules that report a missing field ask this."""
        if getattr(self.goal, name, None) is not None or name in self.item.unreadable:
            return True
        return any(closest(key, Goal.model_fields) == name for key in self.item.unreadable if key not in Goal.model_fields)

    def key_span(self, *keys) -> Span | None:
        return self.item.key_span(*keys)

    @property
    def anchor(self) -> Span:
        return self.item.anchor

    @property
    def title_span(self) -> Span:
        return self.span("title") or self.anchor

    def words_span(self, field: str, start: int, end: int) -> Span:
        """Where characters start..end of a field's text ('title', 'description') stand in the file."""
        entry = self.item.entry(field)
        if entry is None:
            return self.anchor
        lines = self.item.file.lines
        line = lines[entry.value.line - 1] if 0 < entry.value.line <= len(lines) else None
        return locate(entry, line, start, end, len(getattr(self.goal, field) or ""))

"""What the language pipeline reads from a goal's prose (title and description).

This is the seam between the structured rules and the language analysis: rules read
`goal.facts` next to the structured fields, and structured fields win. Each fact carries the
span of the words it came from. Until the language pipeline runs, every fact is None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cxsmart.diagnostics import Span
from cxsmart.quantities import Quantity
from cxsmart.timeframes import Timeframe


@dataclass(frozen=True, slots=True)
class Fact:
    value: object
    span: Span
    words: str


@dataclass
class Facts:
    metric: Fact | None = None        # value: metric id, or the measured noun phrase
    baseline: Fact | None = None      # value: Quantity
    target: Fact | None = None        # value: Quantity (absolute, or a change)
    direction: Fact | None = None     # value: "up" | "down"
    deadline: Fact | None = None      # value: Timeframe
    segment: Fact | None = None       # value: str
    extra: dict[str, list[Fact]] = field(default_factory=dict)   # vague terms, hedges, activity verbs ...

    def quantity(self, name: str) -> Quantity | None:
        fact = getattr(self, name)
        return fact.value if fact else None

    def timeframe(self) -> Timeframe | None:
        return self.deadline.value if self.deadline else None


EMPTY = Facts()

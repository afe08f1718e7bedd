"""What the language pipeline reads from a goal's prose (title and description).

This is the seam between the structured rules and the language analysis: rules read
`goal.facts` next to the structured fields, and structured fields win. Each fact carries the
span of the words it came from. Until the language pipeline runs, every fact is None.

A sentence yields several facts and most are never reported, so a fact read from prose finds
its line and column (and its words) only when a rule asks for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cxsmart.diagnostics import Span
from cxsmart.model.quantities import Quantity
from cxsmart.model.timeframes import Timeframe


class Fact:
    """A value read from prose, with the span and the words it came from. Either both are given,
    or `place` computes them on first use: place.span(start, end) and place.words(start, end)."""

    __slots__ = ("value", "_span", "_words", "_place", "_start", "_end")

    def __init__(self, value: object, span: Span | None = None, words: str | None = None,
                 place=None, start: int = 0, end: int = 0) -> None:
        self.value = value
        self._span = span
        self._words = words
        self._place = place
        self._start = start
        self._end = end

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._place.span(self._start, self._end)
        return self._span

    @property
    def words(self) -> str:
        if self._words is None:
            self._words = self._place.words(self._start, self._end)
        return self._words

    @property
    def field(self) -> str | None:
        """The goal's field the words are in ('title', 'description'), when read from a goal's prose."""
        return getattr(self._place, "field", None)

    def stripped(self, chars: str) -> "Fact":
        """The same fact without `chars` at either end of its words ("Urgent (P0) |" -> "Urgent (P0)")."""
        words = self.words
        lead, trail = len(words) - len(words.lstrip(chars)), len(words) - len(words.rstrip(chars))
        if self._place is None or not (lead or trail) or lead == len(words):
            return self
        return Fact(self.value, place=self._place, start=self._start + lead, end=self._end - trail)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fact) and (self.value, self.span, self.words) == (other.value, other.span, other.words)

    def __hash__(self) -> int:
        return hash((self.span, self.words))

    def __repr__(self) -> str:
        return f"Fact({self.value!r}, {self.span!r}, {self.words!r})"


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

    def metric_of_second_outcome(self) -> bool:
        """The metric named is the second of two outcomes and the numbers, or the verb, are the
        first's ("lift net trust from +18 to +30 and cut complaints ..."): S003 asks to split the
        goal; the first's numbers and verb say nothing about the second's metric."""
        seconds = self.extra.get("compound")
        if self.metric is None or not seconds:
            return False
        at = self.metric.span[:2]
        first = [f for f in (self.target, self.direction) if f is not None]
        return bool(first) and any(all(f.span[2:] <= s.span[:2] for f in first) and s.span[:2] <= at
                                   for s in seconds)


EMPTY = Facts()

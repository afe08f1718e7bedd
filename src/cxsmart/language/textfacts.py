"""What one sentence says, as offsets into its text: the facts extract.py reads from its numbers
and wordfacts.py from its words."""

from __future__ import annotations

from dataclasses import dataclass, field

from cxsmart.language.cues import Found


@dataclass
class TextFacts:
    metric: Found | None = None          # value: metric id (catalogue) or the measured phrase
    metric_known: bool = False
    metrics: list[Found] = field(default_factory=list)   # every outcome metric mentioned
    baseline: Found | None = None        # value: Quantity
    target: Found | None = None          # value: Quantity (absolute, signed change or factor)
    direction: Found | None = None       # value: up | down | better | hold
    deadline: Found | None = None        # value: Timeframe
    start: Found | None = None
    segment: Found | None = None
    extra: dict[str, list[Found]] = field(default_factory=dict)

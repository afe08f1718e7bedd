"""The metric catalogue: the built-in pack (rules/metrics.yaml), rule packs, then goal files.

Later sources override earlier ones by id. A reference to a metric may use its id or, more
forgivingly, its name or any alias in any case ("NPS", "net promoter score").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from cxsmart.model.goalfile import MetricDef
from cxsmart.common.suggest import did_you_mean


@dataclass
class Catalogue:
    metrics: dict[str, MetricDef] = field(default_factory=dict)
    _lookup: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_metrics(cls, metrics: list[MetricDef]) -> "Catalogue":
        cat = cls()
        for metric in metrics:
            cat.add(metric)
        return cat

    def add(self, metric: MetricDef) -> None:
        self.metrics[metric.id] = metric
        self._lookup = {}

    def copy(self) -> "Catalogue":
        return Catalogue(dict(self.metrics))

    def resolve(self, ref: str) -> MetricDef | None:
        if ref in self.metrics:
            return self.metrics[ref]
        if not self._lookup:
            for m in self.metrics.values():
                for word in (m.id, m.name or "", *m.aliases):
                    self._lookup.setdefault(normalise(word), m.id)
        hit = self._lookup.get(normalise(ref))
        return self.metrics[hit] if hit else None

    def suggest(self, ref: str) -> str:
        return did_you_mean(ref, self.metrics)


@lru_cache(maxsize=4096)          # owners' controls and metric names, asked for every goal
def normalise(word: str) -> str:
    return " ".join(word.lower().replace("_", " ").replace("-", " ").split())

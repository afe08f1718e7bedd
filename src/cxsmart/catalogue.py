"""The metric catalogue: the built-in pack (rules/metrics.yaml), rule packs, then goal files.

Later sources override earlier ones by id. A reference to a metric may use its id or, more
forgivingly, its name or any alias in any case ("NPS", "net promoter score").

Rule packs are data only. A pack that cannot be read is a configuration error (exit 2) that
names the file, line and column, never a silent skip.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from cxsmart.model import MetricDef
from cxsmart.suggest import did_you_mean

PACK_SECTIONS = ("metrics",)


class PackError(Exception):
    """A rule pack cannot be used; the message starts with file:line:col."""


def builtin_pack_dir() -> Path:
    installed = Path(__file__).parent / "packs"
    if installed.is_dir():
        return installed
    source_tree = Path(__file__).resolve().parents[2] / "rules"   # editable install / checkout
    if source_tree.is_dir():
        return source_tree
    raise PackError(f"{installed}: the built-in rule packs are missing from this installation")


def pack_files(location: Path) -> list[Path]:
    if location.is_dir():
        return sorted(p for p in location.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if location.is_file():
        return [location]
    raise PackError(f"{location}: rule pack not found")


@lru_cache(maxsize=32)
def _load_pack_file(path: str, mtime_ns: int) -> tuple[MetricDef, ...]:
    from cxsmart.source import Unreadable, decode, read_bytes
    from cxsmart.yamlread import parse_yaml

    try:
        text, problem = decode(read_bytes(path))
    except Unreadable as e:
        raise PackError(str(e)) from None
    parsed = parse_yaml(text, list_root=("metrics",)) if text is not None else None
    problem = problem or (parsed.problems[0] if parsed and parsed.problems else None)
    if problem:
        raise PackError(f"{path}:{problem.span.line}:{problem.span.column}: {problem.message}")
    data = parsed.data if isinstance(parsed.data, dict) else {"metrics": parsed.data or []}
    for key in data:
        if key not in PACK_SECTIONS:
            at = parsed.index.get((key,))
            where = f"{at.key.line}:{at.key.column}" if at and at.key else "1:1"
            raise PackError(f"{path}:{where}: unknown rule-pack section '{key}'{did_you_mean(key, PACK_SECTIONS)}")
    metrics = []
    items = data.get("metrics") or []
    if not isinstance(items, list):
        raise PackError(f"{path}:1:1: 'metrics' must be a list")
    for i, item in enumerate(items):
        try:
            metrics.append(MetricDef.model_validate(item))
        except ValidationError as e:
            err = e.errors()[0]
            loc = ("metrics", i, *[p for p in err["loc"] if p not in ("mapping", "scalar")])
            entry = parsed.index.get(loc[:3]) or parsed.index.get(loc[:2])
            span = (entry.key or entry.value) if entry and err["type"] == "extra_forbidden" else \
                (entry.value if entry else None)
            where = f"{span.line}:{span.column}" if span else "1:1"
            field_name = err["loc"][0] if err["loc"] else "metric"
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = f"unknown key '{field_name}'{did_you_mean(str(field_name), MetricDef.model_fields)}"
            raise PackError(f"{path}:{where}: metric {i + 1}: {message}") from None
    return tuple(metrics)


def load_pack(path: Path) -> tuple[MetricDef, ...]:
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError as e:
        raise PackError(f"{path}: {e.strerror}") from None
    return _load_pack_file(str(path), mtime)


@dataclass
class Catalogue:
    metrics: dict[str, MetricDef] = field(default_factory=dict)
    _lookup: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, packs: list[Path] = ()) -> "Catalogue":
        cat = cls()
        for location in [builtin_pack_dir(), *packs]:
            for path in pack_files(location):
                for metric in load_pack(path):
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
                    self._lookup.setdefault(_norm(word), m.id)
        hit = self._lookup.get(_norm(ref))
        return self.metrics[hit] if hit else None

    def suggest(self, ref: str) -> str:
        return did_you_mean(ref, self.metrics)


def _norm(word: str) -> str:
    return " ".join(word.lower().replace("_", " ").replace("-", " ").split())

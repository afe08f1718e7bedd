"""Rule packs: YAML data that extends what cxsmart knows. The built-in packs live in the
top-level rules/ folder; `rule-packs = ["cx-rules/"]` adds a team's own.

A pack file may hold any of these sections:

    metrics:            metric definitions (add or override by id)
    vague-terms:        [words]  or  {add: [...], remove: [...]}
    activity-verbs:     same
    hedges:             same
    vague-deadlines:    same
    abstract-objects:   same
    definitional-words: same
    direction-verbs:    {up: [...], down: [...], better: [...], hold: [...]}
    rules:              pack rules (see packrules.py): existence, substitution, required-field

Packs are data only: nothing in a pack can run code. A pack that cannot be read is a
configuration error (exit 2) naming the file, line and column, with a did-you-mean.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from cxsmart.model.goalfile import MetricDef
from cxsmart.read.entries import KEYS, READ_BY_MODEL
from cxsmart.read.safeopen import inside, repository_of

if TYPE_CHECKING:
    from cxsmart.read.packrules import PackRuleSpec
from cxsmart.common.suggest import did_you_mean

TERM_SECTIONS = ("vague-terms", "activity-verbs", "hedges", "vague-deadlines", "abstract-objects",
                 "definitional-words", "vague-manner")
DIRECTIONS = ("up", "down", "better", "hold")
SECTIONS = ("metrics", *TERM_SECTIONS, "direction-verbs", "rules")


class PackError(Exception):
    """A rule pack cannot be used; the message starts with file:line:col."""


@dataclass
class PackData:
    """Everything the packs of one run say, merged in order (built-in first)."""

    metrics: list[MetricDef] = field(default_factory=list)
    terms: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in TERM_SECTIONS})
    directions: dict[str, list[str]] = field(default_factory=lambda: {d: [] for d in DIRECTIONS})
    rules: list[tuple[PackRuleSpec, str]] = field(default_factory=list)   # pack rules and where they are
    removed: dict[str, list[str]] = field(default_factory=dict)             # built-in terms a pack takes out

    def key(self) -> tuple:
        """What the language pipeline depends on, to build it once per distinct pack set."""
        return (tuple((s, tuple(v)) for s, v in sorted(self.terms.items())),
                tuple((d, tuple(v)) for d, v in sorted(self.directions.items())),
                tuple(spec.model_dump_json() for spec, _ in self.rules),
                tuple(sorted((a.lower(), m.id) for m in self.metrics for a in (m.id, m.name or "", *m.aliases))))


def builtin_pack_dir() -> Path:
    installed = Path(__file__).parent.parent / "packs"
    if installed.is_dir():
        return installed
    source_tree = Path(__file__).resolve().parents[3] / "rules"   # editable install / checkout
    if source_tree.is_dir():
        return source_tree
    raise PackError(f"{installed}: the built-in rule packs are missing from this installation")


def pack_files(location: Path) -> list[Path]:
    try:
        if location.is_dir():
            return sorted(p for p in location.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        if location.is_file():
            return [location]
    except OSError as e:                      # a name too long, a loop of links: a plain error, no traceback
        raise PackError(f"{location}: cannot read the rule pack: {e.strerror or type(e).__name__}") from None
    raise PackError(f"{location}: rule pack not found")


PACK_METRIC_KEYS = frozenset(KEYS["metrics"]) | READ_BY_MODEL["metrics"]


def load_packs(extra: list[Path] = (), within: Path | None = None) -> PackData:
    """The built-in packs, then `extra` in order. With `within` (the configuration's folder),
    an extra pack must lie in its repository, links included: a pull request cannot point
    `rule-packs` at /etc/passwd or ../outside."""
    data = PackData()
    for path in pack_files(builtin_pack_dir()):
        _merge(data, load_pack(path))
    boundary = repository_of(str(within)) if within is not None else None
    for location in extra:
        if boundary is not None and not inside(os.path.realpath(location), os.path.realpath(boundary)):
            raise PackError(f"{location}: rule pack outside the repository ({boundary}): cxsmart reads packs "
                            "only from inside it")
        for path in pack_files(location):
            _merge(data, load_pack(path, boundary))
    return data


def load_pack(path: Path, boundary: str | None = None) -> PackData:
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError as e:
        raise PackError(f"{path}: {e.strerror}") from None
    return _load_pack_file(str(path), mtime, boundary)


def _merge(into: PackData, pack: PackData) -> None:
    by_id = {m.id: i for i, m in enumerate(into.metrics)}
    for metric in pack.metrics:
        if metric.id in by_id:
            into.metrics[by_id[metric.id]] = metric
        else:
            by_id[metric.id] = len(into.metrics)
            into.metrics.append(metric)
    for section, words in pack.terms.items():
        removed = {w.lower() for w in pack.removed.get(section, [])}
        kept = [w for w in into.terms[section] if w.lower() not in removed]
        into.terms[section] = kept + [w for w in words if w.lower() not in {k.lower() for k in kept}]
    for direction, words in pack.directions.items():
        into.directions[direction] += [w for w in words if w not in into.directions[direction]]
    into.rules += pack.rules


@lru_cache(maxsize=64)
def _load_pack_file(path: str, mtime_ns: int, boundary: str | None = None) -> PackData:
    from cxsmart.read.source import Unreadable, decode, read_bytes
    from cxsmart.read.yamlread import parse_yaml

    try:
        text, problem = decode(read_bytes(path, within=[boundary] if boundary else ()))
    except Unreadable as e:
        raise PackError(str(e)) from None
    parsed = parse_yaml(text, list_root=("metrics",)) if text is not None else None
    problem = problem or (parsed.problems[0] if parsed and parsed.problems else None)
    if problem:
        raise PackError(f"{path}:{problem.span.line}:{problem.span.column}: {problem.message}")
    reader = _Reader(path, parsed.index)
    data = parsed.data if isinstance(parsed.data, dict) else {"metrics": parsed.data or []}
    pack = PackData()
    for key, value in data.items():
        if key not in SECTIONS:
            raise reader.error((key,), f"unknown rule-pack section '{key}'{did_you_mean(key, SECTIONS)}", key=True)
        if key == "metrics":
            pack.metrics = reader.metrics(value)
        elif key in TERM_SECTIONS:
            pack.terms[key], pack.removed[key] = reader.terms(key, value)
        elif key == "direction-verbs":
            pack.directions = reader.directions(value)
        else:
            pack.rules = reader.rules(value)
    return pack


class _Reader:
    """Validates one pack file's sections, raising PackError at the exact position."""

    def __init__(self, path: str, index: dict):
        self.path = path
        self.index = index

    def error(self, loc: tuple, message: str, key: bool = False) -> PackError:
        for n in range(len(loc), -1, -1):
            entry = self.index.get(loc[:n])
            if entry is not None:
                span = entry.key if key and n == len(loc) and entry.key else entry.value
                return PackError(f"{self.path}:{span.line}:{span.column}: {message}")
        return PackError(f"{self.path}:1:1: {message}")

    def _words(self, loc: tuple, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise self.error(loc, f"'{loc[-1]}' must be a list of words or phrases")
        return [w.strip() for w in value]

    def terms(self, section: str, value: Any) -> tuple[list[str], list[str]]:
        if isinstance(value, dict):
            for k in value:
                if k not in ("add", "remove"):
                    raise self.error((section, k), f"'{section}' takes 'add' and 'remove'{did_you_mean(k, ['add', 'remove'])}",
                                     key=True)
            return (self._words((section, "add"), value.get("add", [])),
                    self._words((section, "remove"), value.get("remove", [])))
        return self._words((section,), value), []

    def directions(self, value: Any) -> dict[str, list[str]]:
        if not isinstance(value, dict):
            raise self.error(("direction-verbs",), "'direction-verbs' must map up/down/better/hold to lists of verbs")
        out = {d: [] for d in DIRECTIONS}
        for k, words in value.items():
            if k not in DIRECTIONS:
                raise self.error(("direction-verbs", k), f"unknown direction '{k}'{did_you_mean(k, DIRECTIONS)}", key=True)
            out[k] = self._words(("direction-verbs", k), words)
        return out

    def metrics(self, items: Any) -> list[MetricDef]:
        if not isinstance(items, list):
            raise self.error(("metrics",), "'metrics' must be a list")
        out = []
        for i, item in enumerate(items):
            unknown_key = next((k for k in item if k not in PACK_METRIC_KEYS), None) if isinstance(item, dict) else None
            if unknown_key is not None:        # a pack is configuration: closed, unlike a team's goal files
                raise self.error(("metrics", i, unknown_key), f"metric {i + 1}: unknown key '{unknown_key}'"
                                 f"{did_you_mean(str(unknown_key), MetricDef.model_fields)}", key=True)
            try:
                out.append(MetricDef.model_validate(item))
            except ValidationError as e:
                err = e.errors(include_url=False)[0]
                loc = ("metrics", i, *[p for p in err["loc"] if p not in ("mapping", "scalar")])
                message = err["msg"].removeprefix("Value error, ")
                unknown = err["type"] == "extra_forbidden"
                if unknown:
                    name = str(err["loc"][-1])
                    message = f"unknown key '{name}'{did_you_mean(name, MetricDef.model_fields)}"
                raise self.error(loc, f"metric {i + 1}: {message}", key=unknown) from None
        return out

    def rules(self, items: Any) -> list[tuple[PackRuleSpec, str]]:
        from cxsmart.read.packrules import validate_spec

        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise self.error(("rules",), "'rules' must be a list of rule mappings")
        out = []
        for i, item in enumerate(items):
            try:
                spec = validate_spec(item)
            except ValueError as e:
                key = getattr(e, "key", "")
                raise self.error(("rules", i, key) if key else ("rules", i), str(e),
                                 key=getattr(e, "on_key", False)) from None
            entry = self.index.get(("rules", i))
            out.append((spec, f"{Path(self.path).name}:{entry.value.line}" if entry else Path(self.path).name))
        return out

"""An entry of a goal file as the team wrote it -> the keys and shapes the models read.

The format is open where people are free and strict only where a slip hides meaning:
- a key the format does not know is the team's own (`notes`, `definition`, `sponsor`): kept,
  no finding (a warning under `strict-keys`);
- a key one or two edits from a known one (`deadine`, `baseine`, `ownr`) is F009, and its value
  is read under the known key; a key written in another case or with dashes (`Deadline`,
  `paired-with`) and a few common synonyms (`due`, `target_date`) are read as the known key;
- several values where one was expected are read: `paired_with` as a list, `metric` as a list
  or a baseline/target that maps several measures to values (a compound goal, S003), an action
  written as a plain sentence.

Positions follow the renames: an index entry under the written key is also found under the key
it is read as.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cxsmart.model.quantities import QuantityError, parse_quantity
from cxsmart.read.anchors import Anchors
from cxsmart.read.source import Problem
from cxsmart.read.yamlread import THOUSANDS, Entry, Path

# Keys each kind of entry reads. Kept here, not taken from the models, because some are read by a
# model's own validator under another spelling (a metric's `direction:`).
GOAL_KEYS = ("id", "title", "description", "level", "parent", "objective", "owner", "metric", "segment", "baseline",
             "target", "start", "deadline", "paired_with", "priority", "review", "actions")
KEYS: dict[str, tuple[str, ...]] = {
    "goals": GOAL_KEYS,
    "objectives": ("id", "title", "description", "kpi", "owner"),
    "owners": ("id", "name", "kind", "parent", "controls"),
    "metrics": ("id", "name", "description", "aliases", "unit", "range", "better", "better_on_scale", "kind",
                "max_change_per_quarter", "min_change", "conflicts_with"),
    "actions": ("title", "description", "owner", "due", "status"),
    "measured": ("value", "unit", "as_of", "source"),
}
# Other spellings a careful person writes for a known key: read as that key, with no finding.
SYNONYMS: dict[str, dict[str, str]] = {
    "goals": {"due": "deadline", "due_date": "deadline", "target_date": "deadline", "deadline_date": "deadline",
              "end_date": "deadline", "start_date": "start", "paired": "paired_with", "pair": "paired_with",
              "review_cadence": "review", "cadence": "review", "baseline_value": "baseline",
              "target_value": "target", "kpi": "metric", "measure": "metric", "business_objective": "objective",
              "objective_id": "objective", "objectives": "objective", "owner_id": "owner",
              "owners": "owner", "owner_name": "owner", "goal_owner": "owner", "accountable": "owner",
              "kpis": "metric", "parent_goal": "parent", "action_plan": "actions"},
    "objectives": {"name": "title", "metric": "kpi", "owner_id": "owner"},
    "owners": {"title": "name", "reports_to": "parent", "metrics": "controls", "can_move": "controls"},
    "metrics": {"alias": "aliases", "also_known_as": "aliases", "conflicts": "conflicts_with",
                "max_change": "max_change_per_quarter", "units": "unit"},
    "actions": {"action": "title", "due_date": "due", "deadline": "due", "by": "due", "owner_id": "owner"},
    "measured": {"as_at": "as_of", "date": "as_of", "measured": "as_of", "amount": "value"},
}
# Names a team gives today's value, or the value aimed at, read as the baseline or target when what
# they hold is a quantity ('current: 72%'; but 'today: 2026-12-01' or 'current: yes' are the team's own).
BY_VALUE: dict[str, dict[str, str]] = {
    "goals": {"current": "baseline", "current_value": "baseline", "current_level": "baseline",
              "current_performance": "baseline", "current_state": "baseline", "current_position": "baseline",
              "starting_point": "baseline", "starting_value": "baseline", "starting_level": "baseline",
              "start_value": "baseline", "start_level": "baseline", "as_is": "baseline", "today": "baseline",
              "now": "baseline", "from": "baseline", "actual": "baseline", "last_year": "baseline",
              "to": "target", "target_level": "target", "aim": "target", "goal_value": "target"},
}
# 'baseline_fy25', 'baseline (2025)', 'target 2027/28': the value's year is written in the key
_YEAR_IN_KEY = re.compile(r"^(baseline|target)_?\(?(?:fy|cy)?_?\d{2,4}(?:[/_-]\d{2,4})?\)?$")
# Keys a model reads under its own validator (the metric's direction words): known, not the team's.
READ_BY_MODEL: dict[str, frozenset[str]] = {
    "metrics": frozenset({"direction", "lower_is_better", "higher_is_better", "polarity"}),
}


# keys whose value is words, not a quantity: a thousands comma cut in them changes no value
_WORDS_KEYS = frozenset({"unit", "title", "description", "name", "definition", "notes", "source", "label"})


@dataclass
class Shaped:
    """An entry ready for its model, and what reading it found."""

    data: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)       # the team's own keys, as written
    compound: list[str] = field(default_factory=list)          # the measures of a compound goal


class Reader:
    """Shapes entries of one file, with its index (renamed keys are indexed under the key read)."""

    def __init__(self, index: dict[Path, Entry], strict_keys: bool = False, anchors: "Anchors | None" = None):
        self.index = index
        self.strict = strict_keys
        self.anchors = anchors

    # -- keys ---------------------------------------------------------------------------
    def keys(self, kind: str, raw: dict, path: Path, out: Shaped, label: str) -> dict:
        known = KEYS[kind]
        data: dict[str, Any] = {}
        later: list[tuple[str, str]] = []
        raw, before = dict(raw), None
        for key, value in raw.items():
            key_before, before = before, key
            if value is None and key_before is not None and \
                    self._cut_by_comma(key, value, key_before, raw, data, path, out, label):
                continue
            if key in known or key in READ_BY_MODEL.get(kind, ()):
                data[key] = value
                continue
            same = _same_key(key, known) or SYNONYMS.get(kind, {}).get(normal_key(key)) or \
                _by_value(kind, key, value)
            if same is not None:
                later.append((key, same))
                continue
            near = near_key(key, known)
            if near is not None:
                later.append((key, near))
                self._misspelt(out, path, key, near, label, near in raw)
                continue
            out.extra[key] = value
            if self.strict and not key.startswith("x-"):
                out.problems.append(Problem(
                    "F009", f"unknown key '{key}' in {label} (strict-keys is on)", self._key_at(path + (key,)),
                    hint=f"the keys of {label} are: {', '.join(known)}; remove '{key}', or turn strict-keys off",
                    subject=key))
        for key, same in later:
            if same in data:
                continue                                     # the key itself is written: it wins
            data[same] = raw[key]
            self.alias(path + (key,), path + (same,))
        return data

    def _cut_by_comma(self, key: Any, value: Any, prev: str, raw: dict, data: dict, path: Path, out: Shaped,
                      label: str) -> bool:
        """'{unit: per 100,000 accounts}': inside braces the comma ends the value, so YAML reads
        'per 100' and a key '000 accounts' with no value. The two are read as the one value
        written. A number cut so ('{value: 1,250}': every other reader of the file sees 1) is said
        once, at the key; words cut so (a unit's 'per 100,000 accounts', read as the team meant and
        no value of the goal's changed) are said only under strict-keys, like any stray key."""
        written = raw.get(prev)
        if value is not None or not isinstance(key, str) or not THOUSANDS.match(key) or \
                isinstance(written, bool) or not isinstance(written, (str, int)) or not str(written)[-1:].isdigit():
            return False
        joined = f"{written},{key}"
        raw[prev] = joined                                   # a renamed key reads raw after the loop
        for into in (data, out.extra):
            if prev in into:
                into[prev] = joined
        if not self.strict and prev in _WORDS_KEYS:
            return True                                      # words: read as written, nothing to say
        out.problems.append(Problem(
            "F009", f"'{key}' in {label} is not a key: the comma in '{joined}' ends the value inside {{ }}, so "
                    f"YAML reads {prev} '{written}' and a key '{key}'; cxsmart reads '{joined}'",
            self._key_at(path + (key,)), hint=f"quote the value: {prev}: \"{joined}\"", subject=key))
        return True

    def _misspelt(self, out: Shaped, path: Path, key: str, near: str, label: str, both: bool) -> None:
        if both:
            message = f"key '{key}' in {label} looks like a misspelt '{near}', which is also given: it is not read"
            hint = f"remove '{key}:', or rename it if it means something else"
        else:
            message = f"key '{key}' in {label} looks like a misspelt '{near}': its value is read as the {near}"
            hint = f"rename '{key}:' to '{near}:'"
        out.problems.append(Problem("F009", message, self._key_at(path + (key,)), hint=hint, subject=key))

    def _key_at(self, path: Path):
        origin = self.anchors.origin(path, key=True) if self.anchors is not None else None
        if origin is not None:
            return origin                                    # the key is written behind an anchor
        entry = self.index.get(path)
        return (entry.key or entry.value) if entry else self.index[path[:-1]].value

    def alias(self, written: Path, read: Path) -> None:
        n = len(written)
        for sub in [p for p in self.index if p[:n] == written]:
            self.index.setdefault(read + sub[n:], self.index[sub])


def _slug(text: Any) -> str | None:
    """'Broker calls answered within 20 seconds' -> 'broker_calls_answered_within_20_seconds'."""
    if not isinstance(text, str):
        return None
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return ("m_" + slug if slug[:1].isdigit() else slug) or None


def normal_key(key: str) -> str:
    """'Paired-With', 'pairedWith', 'paired with' -> 'paired_with'."""
    key = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key.strip())
    return re.sub(r"[\s\-]+", "_", key.lower())


def _by_value(kind: str, key: Any, value: Any) -> str | None:
    """The known key a team's name for today's value or the aim stands for, when its value is a
    quantity (BY_VALUE, or a year in the key: 'baseline_fy25')."""
    if not isinstance(key, str) or isinstance(value, bool) or not isinstance(value, (str, int, float, dict)):
        return None
    normal = normal_key(key)
    m = _YEAR_IN_KEY.match(normal) if kind == "goals" else None
    same = m.group(1) if m else BY_VALUE.get(kind, {}).get(normal)
    if same is None:
        return None
    if isinstance(value, dict):
        return same if "value" in value else None
    if isinstance(value, str):
        try:
            parse_quantity(value)
        except QuantityError:
            return None
    return same


def _same_key(key: str, known: tuple[str, ...]) -> str | None:
    normal = normal_key(key)
    return normal if normal in known else None


def near_key(key: str, known: tuple[str, ...]) -> str | None:
    """The known key one edit away (two for keys of seven letters or more), else None: 'deadine'
    is 'deadline', but 'lead' is not 'level' and 'status' is not 'start'."""
    word = normal_key(key)
    best = None
    for candidate in known:
        allowed = 2 if len(candidate) >= 7 else 1
        if len(candidate) <= 3 or abs(len(candidate) - len(word)) > allowed:
            continue
        d = _distance(word, candidate, allowed)
        if d <= allowed and (best is None or d < best[0]):
            best = (d, candidate)
    return best[1] if best else None


def _distance(a: str, b: str, bound: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from a to b; bound + 1 once past bound."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > bound:
            return bound + 1
        prev2, prev = prev, row
    return prev[-1]


_MEASURED_KEYS = KEYS["measured"]
# what a team writes for a value it does not have yet: no value, and not a misspelt quantity
NOT_YET = frozenset({"tbc", "tbd", "tba", "to be confirmed", "to be decided", "to be agreed", "to be measured",
                     "to be set", "to be defined", "to be determined", "to be established", "unknown", "not known",
                     "n/a", "na", "none", "pending", "not yet measured", "not measured", "not available", "no data",
                     "new", "new metric", "new measure", "-", "--", "?", "??", "tbc (new measure)", "baseline tbc",
                     "being measured", "measuring", "in development"})
# the goal's values a team may write inside its `metric:` mapping
_GOAL_VALUES = frozenset({"baseline", "target", "start", "deadline", "review", "segment"})
# keys that define a metric, beyond naming it
_DEFINING = frozenset(KEYS["metrics"]) - {"id", "name", "description", "aliases"} | READ_BY_MODEL["metrics"]


class GoalReader(Reader):
    """A goal's nested values: actions, a structured baseline or target, an inline metric."""

    def goal(self, data: dict, path: Path, out: Shaped) -> None:
        actions = data.get("actions")
        if isinstance(actions, (str, dict)):
            actions = [actions]                              # one action, written without a list
            self.alias(path + ("actions",), path + ("actions", 0))
        if isinstance(actions, list):
            data["actions"] = [self._action(a, path + ("actions", i), out) for i, a in enumerate(actions)]
        for key in ("owner", "objective", "parent"):
            self._one_reference(key, data, path)
        metric = data.get("metric")
        if isinstance(metric, list) and metric and all(isinstance(m, str) for m in metric):
            out.compound = list(dict.fromkeys(metric))       # a compound goal: S003 asks to split it
            data["metric"] = metric[0]
            self._point(path + ("metric",), path + ("metric", 0))
        elif isinstance(metric, dict):
            self._inline_metric(metric, data, path, out)
        for key in ("baseline", "target"):
            value = data.get(key)
            if isinstance(value, str) and " ".join(value.lower().strip(" .").split()) in NOT_YET:
                out.extra[key] = data.pop(key)               # 'baseline: TBC': none yet (M002, M003 say so)
            elif isinstance(value, dict):
                data[key] = self._measured(key, value, path + (key,), data, out)

    def _one_reference(self, key: str, data: dict, path: Path) -> None:
        """'owner: {name: Jane Okafor, role: Head of Service}', 'objective: [retain]': the entry it
        names (a list's first: the goal is read against it, the others are the team's record)."""
        value = data.get(key)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            data[key] = value[0]
            self._point(path + (key,), path + (key, 0))
        elif isinstance(value, dict):
            for inner in ("id", "name", "title", "role", "team"):
                if isinstance(value.get(inner), str):
                    data[key] = value[inner]
                    self._point(path + (key,), path + (key, inner))
                    return

    def _inline_metric(self, metric: dict, data: dict, path: Path, out: Shaped) -> None:
        """A mapping under `metric:` (or `measure:`, `kpi:`) as teams write it: the metric's own
        keys (name, unit, direction ...) define it; the goal's values written in it (`baseline`,
        `target`, `current`, `deadline` ...) are the goal's, unless the goal gives them itself; a
        `metric:` or `kpi:` inside names the metric; a name with nothing else to define is a
        reference, like `metric: First contact resolution`."""
        at = path + ("metric",)
        own: dict = {}
        for key, value in metric.items():
            normal = normal_key(key) if isinstance(key, str) else key
            goal_key = normal if normal in _GOAL_VALUES else SYNONYMS["goals"].get(normal) or \
                _by_value("goals", key, value)
            if goal_key in _GOAL_VALUES and goal_key not in data:
                data[goal_key] = value
                self.alias(at + (key,), path + (goal_key,))
            elif normal in ("metric", "kpi", "measure", "ref") and isinstance(value, str) and "id" not in metric:
                own["name" if "name" not in metric else "id"] = value
                self.alias(at + (key,), at + ("name" if "name" not in metric else "id",))
            elif goal_key not in _GOAL_VALUES:
                own[key] = value
        inline = self.keys("metrics", own, at, out, "an inline metric")
        if "id" not in inline and isinstance(inline.get("name"), str) and not set(inline) & _DEFINING:
            data["metric"] = inline["name"]                  # a name alone: the metric it names
            self._point(at, at + ("name",))
            return
        if "id" not in inline:                               # named, not given an id: the name makes one
            inline["id"] = _slug(inline.get("name")) or _slug(data.get("id")) or "own_metric"
        data["metric"] = inline

    def _action(self, action: Any, path: Path, out: Shaped) -> Any:
        if isinstance(action, str):
            self.index.setdefault(path + ("title",), self.index.get(path))
            return {"title": action}                         # '- Send a reminder the day before'
        if isinstance(action, dict):
            return self.keys("actions", action, path, out, "an action")
        return action

    def _measured(self, key: str, value: dict, path: Path, goal: dict, out: Shaped) -> Any:
        """{value: 12, unit: percent, as_of: ...}; or several measures mapped to values
        ({first_response: 58%, resolution: 64%}): a compound goal, read on the goal's metric
        (or the first measure)."""
        if "value" in value or not value or any(near_key(k, _MEASURED_KEYS) or k in _MEASURED_KEYS
                                               for k in map(str, value)):
            return self.keys("measured", value, path, out, f"a {key}")
        if not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value.values()):
            return self.keys("measured", value, path, out, f"a {key}")
        measures = [str(k) for k in value]
        out.compound = list(dict.fromkeys(out.compound + measures))
        metric = goal.get("metric")
        chosen = metric if isinstance(metric, str) and metric in value else measures[0]
        self._point(path, path + (chosen,))
        return value[chosen]

    def _point(self, path: Path, at: Path) -> None:
        """The value read at `path` is the one written at `at`: findings on it point there (its key
        stays the field's key)."""
        inner, outer = self.index.get(at), self.index.get(path)
        if inner is not None and outer is not None:
            self.index[path] = Entry(outer.key, inner.value, inner.style, inner.merged)

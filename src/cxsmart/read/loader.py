"""One goal file -> validated objectives, owners, metrics and goals, each with its position.

Never raises for bad content: what cannot be read becomes F001/F002/F003 problems with the
exact line and column, and every item that validates is still linted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ValidationError

from cxsmart.diagnostics import Span
from cxsmart.model.goalfile import ITEM_NAMES, SECTIONS, SHAPE_TAGS, TOP_LEVEL_KEYS
from cxsmart.model.unplaced import unplaced
from cxsmart.read.anchors import Anchors
from cxsmart.read.entries import GoalReader, Shaped, near_key, normal_key
from cxsmart.read.source import Problem, normalise_breaks
from cxsmart.read.yamlread import REFUSED, Entry, Parsed, Path, parse_yaml
from cxsmart.common.suggest import did_you_mean


@dataclass
class Item:
    """A validated list item and where it sits in its file."""

    model: Any
    path: Path                       # ("goals", 3)
    file: "SourceFile"
    # fields written but unreadable ({key: value as written}): reported once as F002 (or, for a
    # vague word in `deadline:`, T002), left out of the model, and present for "missing" checks
    unreadable: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)      # the team's own keys (notes, sponsor ...)
    compound: list[str] = field(default_factory=list)        # a goal's several measures (metric list, mapping)

    def entry(self, *keys) -> Entry | None:
        return self.file.index.get(self.path + keys)

    def value_span(self, *keys) -> Span | None:
        e = self.entry(*keys)
        return e.value if e else None

    def key_span(self, *keys) -> Span | None:
        e = self.entry(*keys)
        return (e.key or e.value) if e else None

    @property
    def anchor(self) -> Span:
        """Where a finding about the whole item points: its id, else its title, else the item."""
        for key in ("id", "title"):
            e = self.entry(key)
            if e:
                return e.value
        e = self.file.index.get(self.path)
        return e.value if e else Span(1, 1, 1, 2)


@dataclass
class SourceFile:
    path: str
    text: str | None = None
    index: dict[Path, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sections: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k in SECTIONS})
    # ids of items that failed validation, with where: they exist (references to them are not
    # F004) and they claim their id (a valid item reusing it is F003)
    invalid_ids: dict[str, dict[str, Path]] = field(default_factory=lambda: {k: {} for k in SECTIONS})
    _lines: list[str] | None = None
    anchors: Anchors | None = None          # where merged values are written (files with '<<')

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = (self.text or "").split("\n")
        return self._lines


def load_text(path: str, text: str, fiscal_start: int = 1, parsed: Parsed | None = None,
              date_order: str | None = None, strict_keys: bool = False) -> SourceFile:
    """`parsed`: the text's parse_yaml() result when the caller has it already (from the cache).
    `date_order` ("day-first" | "month-first") reads numeric dates such as 03/04/2027;
    `strict_keys`: every key the format does not know is a warning (F009)."""
    text = normalise_breaks(text)          # as decode() does; lint_text() hands text in directly
    parsed = parse_yaml(text) if parsed is None else parsed
    file = SourceFile(path, text, dict(parsed.index), list(parsed.problems))   # renamed keys add entries
    data = parsed.data
    if data is None or data is REFUSED:
        return file
    if isinstance(data, list):
        data = {"goals": data}
    if not isinstance(data, dict):
        file.problems.append(Problem("F002", "a goal file must be a mapping (objectives:, owners:, metrics:, goals:) "
                                     "or a list of goals", _at(file, ()), hint="start the file with 'goals:'"))
        return file
    context = {"fiscal_start": fiscal_start, "date_order": date_order}
    if "<<" in text:
        file.anchors = Anchors(file.index, file.lines)
    reader = GoalReader(file.index, strict_keys, file.anchors)
    for key, value in data.items():
        if key == "version":
            if value != 1:
                file.problems.append(Problem("F002", f"'version: {value}' is not supported: 1 is the only version",
                                             _at(file, ("version",)), hint="write 'version: 1' or leave it out"))
            continue
        if key.startswith("x-"):
            continue                                # extension fields: a place for anchors (`x-defaults: &d`)
        section = key if key in SECTIONS else _section_named(key)
        if section is None or (section != key and section in data):
            file.problems.append(Problem(
                "F009", f"unknown top-level key '{key}': nothing under it is read{did_you_mean(key, TOP_LEVEL_KEYS)}",
                _at(file, (key,), key=True), hint="a goal file holds version, objectives, owners, metrics and goals; keys "
                                                  "starting with 'x-' are free for your own use (e.g. anchors)",
                subject=key))
            continue
        if section != key:
            if normal_key(key) != section:
                file.problems.append(Problem(
                    "F009", f"top-level key '{key}' looks like a misspelt '{section}': it is read as {section}",
                    _at(file, (key,), key=True), hint=f"rename '{key}:' to '{section}:'", subject=key))
            reader.alias((key,), (section,))
        if value is None or value is REFUSED:
            continue
        if isinstance(value, dict):
            entries = _keyed(file, section, value)
        elif isinstance(value, list):
            entries = [((section, i), raw) for i, raw in enumerate(value)]
        else:
            file.problems.append(Problem(
                "F002", f"'{key}' must be a list, with one '- ' entry per {ITEM_NAMES[section]}, or a mapping from "
                        f"each {ITEM_NAMES[section]}'s id to its entry", _at(file, (section,)), subject=key))
            continue
        _load_section(file, section, entries, context, reader)
    if file.anchors is not None:
        file.problems = _once(file.problems)
    return file


def _once(problems: list[Problem]) -> list[Problem]:
    """A slip behind an anchor is one finding at the anchor, not one per goal that merges it."""
    seen: dict[tuple, int] = {}
    out: list[Problem] = []
    for problem in problems:
        key = (problem.code, problem.span, problem.message)
        if key in seen:
            out[seen[key]] = replace(out[seen[key]], goal=None)
            continue
        seen[key] = len(out)
        out.append(problem)
    return out


def _section_named(key: str) -> str | None:
    normal = normal_key(key)
    return normal if normal in SECTIONS else near_key(key, tuple(SECTIONS))


def _keyed(file: SourceFile, section: str, value: dict) -> list[tuple[Path, Any]]:
    """`owners: {contact-centre: {controls: [aht]}}`: each key is the entry's id (and where
    findings about the id point); a plain value is the entry's title (a goal's or objective's)
    or name (an owner's)."""
    entries = []
    for ident, raw in value.items():
        path = (section, ident)
        entry = file.index.get(path)
        if raw is None:
            raw = {}
        elif isinstance(raw, str) and section != "metrics":
            raw = {"name" if section == "owners" else "title": raw}
            if entry is not None:
                file.index[path + (next(iter(raw)),)] = entry
        if isinstance(raw, dict) and entry is not None:
            written = raw.get("id")
            if written is not None and written != ident:
                file.problems.append(Problem(
                    "F002", f"this {ITEM_NAMES[section]} is keyed '{ident}' but says 'id: {written}'",
                    _at(file, path + ("id",)), hint=f"remove the 'id:' line, or make it '{ident}'", subject=str(written)))
            raw = {"id": ident, **{k: v for k, v in raw.items() if k != "id"}}
            key_span = entry.key or entry.value
            file.index[path + ("id",)] = Entry(key_span, key_span, "", entry.merged)
        entries.append((path, raw))
    return entries


def _load_section(file: SourceFile, section: str, entries: list[tuple[Path, Any]], context: dict,
                  reader: GoalReader) -> None:
    model = SECTIONS[section]
    kind = ITEM_NAMES[section]
    for path, raw in entries:
        if raw is REFUSED:
            continue
        if not isinstance(raw, dict):
            if section == "goals" and isinstance(raw, str):
                raw = {"title": raw}                        # '- Answer 90% of calls within 30 seconds'
                file.index[path + ("title",)] = file.index[path]
            else:
                file.problems.append(Problem("F002", f"each entry of '{section}' must be a mapping of keys, "
                                             f"like '- {'title' if section in ('goals', 'objectives') else 'id'}: ...'",
                                             _at(file, path)))
                continue
        ident = raw.get("id")
        shaped = Shaped({})
        raw = reader.keys(section, raw, path, shaped, f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}")
        if section == "goals":
            reader.goal(raw, path, shaped)
        for problem in shaped.problems:
            file.problems.append(replace(problem, goal=ident if section == "goals" and isinstance(ident, str) else None))
        obj, errors, unreadable = _validate(model, raw, context)
        if obj is None and isinstance(ident, str):
            file.invalid_ids[section].setdefault(ident, path)
        for err in errors:
            if err.get("input") is REFUSED:
                continue                            # reported where it was read
            if section == "goals" and _vague_deadline(err):
                continue                            # T002 reports it, on the value
            file.problems.append(_schema_problem(file, kind, model, path, err, ident))
        if obj is not None:
            file.sections[section].append(Item(obj, path, file, unreadable, shaped.extra, shaped.compound))


# Fields whose unreadable value is left out so that the rest of the item is still checked.
_REQUIRED = frozenset({"id", "title"})


def _validate(model: type[BaseModel], raw: dict, context: dict) -> tuple[Any, list[dict], dict[str, Any]]:
    """Validate an item; a field that cannot be read (or an unknown key) is one error and is
    left out, and the rest is validated again. Returns (model or None, errors, unreadable)."""
    errors: list[dict] = []
    unreadable: dict[str, Any] = {}
    data = raw
    for _ in range(len(raw) + 1):
        try:
            return model.model_validate(data, context=context), errors, unreadable
        except ValidationError as e:
            found = e.errors(include_url=False)
        errors += found
        bad = {err["loc"][0] for err in found if err["loc"] and isinstance(err["loc"][0], str)}
        if not bad or bad & _REQUIRED or not bad <= set(data):
            return None, errors, unreadable
        data = dict(data)
        for key in bad:
            rows = {err["loc"][1] for err in found if err["loc"][0] == key and len(err["loc"]) > 1
                    and isinstance(err["loc"][1], int)}
            if key == "actions" and rows and isinstance(data[key], list):
                data[key] = [a for i, a in enumerate(data[key]) if i not in rows]   # only the bad actions
                continue
            unreadable[key] = data.pop(key)
    return None, errors, unreadable


def vague_deadline_word(value: Any) -> bool:
    """'ASAP', 'TBD', 'ongoing' written as a deadline, or an event or a season with no date ('after go-live')."""
    return isinstance(value, str) and (" ".join(value.lower().replace(".", "").split()) in VAGUE_DEADLINE_VALUES
                                       or unplaced(value) is not None)


VAGUE_DEADLINE_VALUES = frozenset({
    "asap", "as soon as possible", "soon", "ongoing", "eventually", "in the future", "going forward", "tbd", "tbc",
    "to be decided", "to be confirmed", "to be agreed", "tba", "later", "when possible", "continuous",
    "continuously", "over time", "someday", "n/a", "na", "none", "open", "open-ended", "rolling", "bau"})


def _vague_deadline(err: dict) -> bool:
    return err["loc"][:1] == ("deadline",) and vague_deadline_word(err.get("input"))


def _schema_problem(file: SourceFile, kind: str, model: type[BaseModel], path: Path, err: dict,
                    ident: Any) -> Problem:
    loc = tuple(p for p in err["loc"] if p not in SHAPE_TAGS)
    field_name = next((p for p in reversed(loc) if isinstance(p, str)), kind)
    kind_here = "action" if "actions" in loc and len(loc) > 2 else kind
    value = err.get("input")
    etype = err["type"]
    goal = ident if isinstance(ident, str) and kind == "goal" else None
    key_first = etype == "extra_forbidden"
    if etype == "missing":
        message = f"this {kind_here} has no '{field_name}'"
        hint = f"add '{field_name}:'" + (": the smallest valid goal is a title" if field_name == "title" else "")
        loc = loc[:-1]
    elif etype == "extra_forbidden":
        fields = _fields_at(model, loc)
        message = f"unknown key '{field_name}' in a {kind_here}{did_you_mean(str(field_name), fields)}"
        hint = f"the keys of a {kind_here} are: {', '.join(fields)}"
    elif etype in ("literal_error", "enum"):
        allowed = err.get("ctx", {}).get("expected", "")
        message = f"'{field_name}' cannot be '{value}': use {allowed}"
        choices = [c.strip(" '") for c in allowed.replace(" or ", ",").split(",") if c.strip(" '")]
        message += did_you_mean(str(value), choices)
        hint = None
    elif etype == "string_too_short":
        message = f"'{field_name}' is empty"
        hint = f"write the {field_name}, or remove the key"
    elif etype == "value_error":
        message = err["msg"].removeprefix("Value error, ")
        hint = None
    else:
        expected = _EXPECTED.get(etype.split("_")[0], "another type")
        message = f"'{field_name}' should be {expected}, not {_describe(value)}"
        hint = None
    subject = f"{'.'.join(map(str, loc))}"
    return Problem("F002", message, _at(file, path + loc, key=key_first), hint=hint, goal=goal, subject=subject)


_EXPECTED = {"string": "text", "list": "a list", "tuple": "a list of two numbers", "model": "a mapping",
             "dict": "a mapping", "float": "a number", "int": "a whole number", "bool": "true or false"}


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The allowed keys of the (possibly nested) model that the unknown key sits in."""
    from cxsmart.model.goalfile import Action, Measured, MetricDef

    nested = {"actions": Action, "baseline": Measured, "target": Measured, "metric": MetricDef}
    current = model
    for part in loc[:-1]:
        if isinstance(part, str) and part in nested:
            current = nested[part]
    return list(current.model_fields)


def _at(file: SourceFile, path: Path, key: bool = False) -> Span:
    """The span of the deepest indexed prefix of `path`: a missing key points at its parent; a
    value merged from an anchor (`<<: *defaults`) points where the anchor writes it."""
    for n in range(len(path), -1, -1):
        entry = file.index.get(path[:n])
        if entry and entry.merged and file.anchors is not None:
            origin = file.anchors.origin(path[:n], key=key and n == len(path))
            if origin is not None:
                return origin
        if entry:
            if key and n == len(path) and entry.key:
                return entry.key
            return entry.value
    return Span(1, 1, 1, 2)

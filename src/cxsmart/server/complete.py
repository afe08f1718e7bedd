"""Completion in a goal file: ids where an id goes (only owners where an owner goes; for a
goal's metric, the metrics its owner controls first), enumerated values (`review`, `better`,
`level` ...) and the keys of the item being written."""

from __future__ import annotations

import re
import typing

from lsprotocol import types as lsp

from cxsmart.model.goalfile import CADENCES, Action, Goal, MetricDef, Objective, Owner

_SECTIONS = {"goals": Goal, "objectives": Objective, "owners": Owner, "metrics": MetricDef}
_VALUE = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[A-Za-z_]+):\s*(?:\[(?:[^\]]*,\s*)?)?(?P<prefix>[^\s,\[\]]*)$")
_KEY = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<prefix>[A-Za-z_]*)$")
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)-\s+(?P<prefix>[^\s:]*)$")
_ID_KEYS = {"owner": "owners", "objective": "objectives", "parent": "goals", "paired_with": "goals",
            "metric": "metrics", "kpi": "metrics", "controls": "metrics"}


def completions(ws, text: str, line: int, before: str, path: str) -> list[lsp.CompletionItem]:
    lines = text.splitlines()
    m = _VALUE.match(before)
    if m:
        return _values(ws, lines, line, m.group("key"), path)
    m = _LIST_ITEM.match(before)
    if m and _owning_key(lines, line, len(m.group("indent"))) == "controls":
        return _ids(ws, "metrics")
    m = _KEY.match(before)
    if m:
        indent = len(m.group("indent")) + (len(m.group("dash")) if m.group("dash") else 0)
        if indent == 0 and not m.group("dash"):
            return [_item(k, lsp.CompletionItemKind.Module, insert=f"{k}:") for k in _SECTIONS]
        model = Action if _owning_key(lines, line, indent) == "actions" else _SECTIONS.get(_section(lines, line))
        if model is not None:
            return [_item(k, lsp.CompletionItemKind.Field, detail=f.description or "", insert=f"{k}: ")
                    for k, f in model.model_fields.items()]
    return []


def _values(ws, lines: list[str], line: int, key: str, path: str) -> list[lsp.CompletionItem]:
    section = _section(lines, line)
    if key in _ID_KEYS and (key != "owner" or section in ("goals", "objectives")):
        items = _ids(ws, _ID_KEYS[key])
        if key == "metric" and ws is not None:
            controls = _owner_controls(ws, lines, line)
            for item in items:
                item.sort_text = ("0" if item.label in controls else "1") + item.label
        return items
    if key == "parent" and section == "owners":
        return _ids(ws, "owners")
    model = Action if _owning_key(lines, line, _indent(lines[line]) if line < len(lines) else 0) == "actions" \
        else _SECTIONS.get(section)
    field = model.model_fields.get(key) if model is not None else None
    values = list(CADENCES) if key == "review" else _literals(field.annotation) if field is not None else []
    return [_item(v, lsp.CompletionItemKind.EnumMember) for v in values]


def _ids(ws, section: str) -> list[lsp.CompletionItem]:
    if ws is None:
        return []
    if section == "goals":
        return [_item(i, lsp.CompletionItemKind.Reference, detail=g.goal.title) for i, g in ws.goals_by_id.items()]
    if section == "objectives":
        return [_item(i, lsp.CompletionItemKind.Reference, detail=o.model.title or "") for i, o in ws.objectives.items()]
    if section == "owners":
        return [_item(i, lsp.CompletionItemKind.Reference, detail=o.model.name or o.model.kind) for i, o in ws.owners.items()]
    return [_item(m.id, lsp.CompletionItemKind.Value, detail=m.name or "") for m in ws.catalogue.metrics.values()]


def _owner_controls(ws, lines: list[str], line: int) -> set[str]:
    """The metrics the owner of the goal being written controls (its `owner:` line above or below)."""
    start = line
    while start > 0 and not re.match(r"^\s*-\s", lines[start]) and _indent(lines[start]) > 0:
        start -= 1
    depth = _indent(lines[start]) if start < len(lines) else 0
    end = line + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > depth):
        end += 1
    for text in lines[start:end]:
        m = re.match(r"^\s*(?:-\s+)?owner:\s*(\S+)", text)
        if m and m.group(1) in ws.owners:
            controls = ws.owners[m.group(1)].model.controls or []
            return {(ws.catalogue.resolve(c).id if ws.catalogue.resolve(c) else c) for c in controls}
    return set()


def _section(lines: list[str], line: int) -> str | None:
    """The top-level key the line is under (goals for a file that is a bare list)."""
    for text in reversed(lines[:line + 1]):
        m = re.match(r"^([A-Za-z_]+):", text)
        if m:
            return m.group(1)
        if text.startswith("-"):
            return "goals"
    return None


def _owning_key(lines: list[str], line: int, indent: int) -> str | None:
    """The key of the nearest line above with less indentation (the list or mapping this is in)."""
    for text in reversed(lines[:line]):
        if text.strip() and _indent(text) < indent:
            m = re.match(r"^\s*(?:-\s+)?([A-Za-z_]+):", text)
            return m.group(1) if m else None
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _literals(annotation) -> list[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return [v for arg in typing.get_args(annotation) for v in _literals(arg)]


def _item(label: str, kind: lsp.CompletionItemKind, detail: str = "", insert: str | None = None) -> lsp.CompletionItem:
    return lsp.CompletionItem(label=label, kind=kind, detail=detail or None, insert_text=insert)

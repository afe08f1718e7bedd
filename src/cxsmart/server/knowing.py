"""Knowing the workspace, from the last lint's workspace: hover (a finding's rule page; a
metric's definition; an owner's, objective's or goal's title and file), go to definition and
find references for every id, completion (ids where an id goes, keys, enumerated values) and
document symbols (objectives and goals, goals under their parent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from cxsmart.server import ids
from cxsmart.server.complete import completions
from cxsmart.server.convert import lsp_range
from cxsmart.server.positions import Lines

if TYPE_CHECKING:
    from cxsmart.server.app import CxServer


class _Here:
    """The request's file, its text and workspace, and the cursor in cxsmart's terms."""

    def __init__(self, ls: "CxServer", uri: str, position: lsp.Position | None = None):
        self.ls = ls
        self.uri = uri
        path = ls.path_of(uri)
        self.real = str(path) if path else ""
        self.text = ls.text_of(self.real) if path else ""
        self.lines = Lines(self.text)
        session = ls.session
        self.shown = session.display(path) if session and path else ""
        result = session.result if session else None
        self.ws = getattr(result, "workspace", None)
        self.found = ls.occurrences(self.ws) if self.ws is not None else []
        self.cursor = self.lines.from_lsp(position.line, position.character) if position else None

    def occurrence(self) -> ids.Occurrence | None:
        return ids.at(self.found, self.shown, *self.cursor) if self.cursor else None

    def location(self, o: ids.Occurrence) -> lsp.Location:
        real = str(self.ls.session.real(o.path))
        return lsp.Location(self.ls.uri_of(real), lsp_range(Lines(self.ls.text_of(real)), o.span))


def register(server: "CxServer") -> None:
    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: "CxServer", params: lsp.HoverParams) -> lsp.Hover | None:
        here = _Here(ls, params.text_document.uri, params.position)
        parts = [_finding_page(ls, here, d) for d in ls.findings.get(here.real, []) if _covers(d.span, here.cursor)]
        o = here.occurrence()
        if o is not None:
            parts.append(describe(here, o))
        parts = [p for p in parts if p]
        if not parts:
            return None
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts)))

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: "CxServer", params: lsp.DefinitionParams) -> list[lsp.Location] | None:
        return _locations(ls, params, lambda o: o.defines) or None

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def references(ls: "CxServer", params: lsp.ReferenceParams) -> list[lsp.Location] | None:
        keep = params.context.include_declaration
        return _locations(ls, params, lambda o: keep or not o.defines)

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[":", " ", "["]))
    def completion(ls: "CxServer", params: lsp.CompletionParams) -> lsp.CompletionList:
        here = _Here(ls, params.text_document.uri, params.position)
        line = here.lines.line_text(params.position.line)
        before = line[:here.cursor[1] - 1]
        items = completions(here.ws, here.text, params.position.line, before, here.shown)
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: "CxServer", params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        here = _Here(ls, params.text_document.uri)
        return document_symbols(here)


def _locations(ls: "CxServer", params, wanted) -> list[lsp.Location] | None:
    """Where the id under the cursor is written, those occurrences `wanted` keeps."""
    here = _Here(ls, params.text_document.uri, params.position)
    o = here.occurrence()
    if o is None:
        return None
    return [here.location(d) for d in ids.same(here.found, o) if wanted(d)]


def _covers(span, cursor) -> bool:
    return cursor is not None and (span.line, span.column) <= cursor <= (span.end_line, span.end_column)


def _finding_page(ls: "CxServer", here: _Here, d) -> str:
    registry = getattr(here.ls.session.result, "registry", None)
    rule = registry.find(d.code) if registry is not None else None
    return f"**{d.code}** {d.message}\n\n{rule.page()}" if rule is not None else ""


def describe(here: _Here, o: ids.Occurrence) -> str:
    defined = [d for d in ids.same(here.found, o) if d.defines]
    where = ", ".join(f"`{d.path}` line {d.span.line}" for d in defined)
    if o.kind == ids.METRIC:
        return _metric(here, o, where)
    if not defined:
        return f"**{o.written}**: no {o.kind} has this id in the workspace"
    model = defined[0].item.model
    if o.kind == ids.GOAL:
        return f"**goal {o.ident}**: {model.title}\n\nin {where}"
    if o.kind == ids.OBJECTIVE:
        kpi = f"\n\nKPI: `{model.kpi}`" if model.kpi else ""
        return f"**objective {o.ident}**: {model.title or ''}{kpi}\n\nin {where}"
    controls = f"\n\ncontrols: {', '.join(model.controls)}" if model.controls else ""
    name = f" ({model.name})" if model.name else ""
    return f"**owner {o.ident}**{name}, a {model.kind}{controls}\n\nin {where}"


def _metric(here: _Here, o: ids.Occurrence, where: str) -> str:
    metric = here.ws.catalogue.resolve(o.written)
    if metric is None:
        return f"**{o.written}**: not in the catalogue, a rule pack or a `metrics:` block (M009)"
    facts = [f"unit: {metric.unit}"]
    if metric.better:
        facts.append(f"better: {metric.better}")
    if metric.range:
        low, high = metric.range
        facts.append(f"range: {_num(low)} to {_num(high)}")
    if metric.max_change_per_quarter is not None:
        facts.append(f"pace: at most {metric.max_change_per_quarter} a quarter")
    owners = [i for i, item in here.ws.owners.items()
              if getattr(item.model, "controls", None) and
              any((here.ws.catalogue.resolve(c) or c) in (metric, metric.id) for c in item.model.controls)]
    lines = [f"**{metric.id}**" + (f": {metric.name}" if metric.name else ""), " · ".join(facts)]
    if metric.description:
        lines.append(metric.description)
    lines.append(f"controlled by: {', '.join(owners)}" if owners else "no owner declares it in `controls`")
    lines.append(f"defined in {where}" if where else "defined in the built-in catalogue or a rule pack")
    return "\n\n".join(lines)


def _num(value) -> str:
    return "any" if value is None else f"{value:g}"


def document_symbols(here: _Here) -> list[lsp.DocumentSymbol]:
    if here.ws is None:
        return []
    file = next((f for f in here.ws.files if f.path == here.shown), None)
    if file is None:
        return []
    out: list[lsp.DocumentSymbol] = []
    goals: dict[str, lsp.DocumentSymbol] = {}
    pending: list[tuple[str | None, lsp.DocumentSymbol]] = []
    for section, kind in (("objectives", lsp.SymbolKind.Module), ("goals", lsp.SymbolKind.Class)):
        for item in file.sections.get(section, []):
            node = file.index.get(item.path)
            if node is None:
                continue
            model = item.model
            name = model.id or model.title or "(untitled)"
            symbol = lsp.DocumentSymbol(name=str(name), kind=kind, detail=(model.title or "") if model.id else section[:-1],
                                        range=lsp_range(here.lines, node.value),
                                        selection_range=lsp_range(here.lines, item.anchor), children=[])
            if section == "goals":
                if model.id:
                    goals[model.id] = symbol
                pending.append((model.parent, symbol))
            else:
                out.append(symbol)
    parents = {symbol.name: parent for parent, symbol in pending}
    for parent, symbol in pending:
        holder = goals.get(parent) if parent else None
        if holder is not None and not _loops(parents, symbol.name, parent):
            holder.children.append(symbol)
        else:                           # no parent in this file, or a cycle (F005): at the top
            out.append(symbol)
    return out


def _loops(parents: dict, ident: str, parent: str) -> bool:
    seen = set()
    while parent is not None and parent not in seen:
        if parent == ident:
            return True
        seen.add(parent)
        parent = parents.get(parent)
    return parent is not None

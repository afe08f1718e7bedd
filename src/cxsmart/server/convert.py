"""A cxsmart finding as an LSP diagnostic: the same code, span, severity, message and hint as
`cxsmart lint --format json`, with the hint as related information and the rule's page as the
code's description (a Markdown file of the page, written once per version)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from lsprotocol import types as lsp

from cxsmart import __version__
from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.server.positions import Lines

SOURCE = "cxsmart"
_SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
             Severity.INFO: lsp.DiagnosticSeverity.Information}
_PAGES = Path(tempfile.gettempdir()) / f"cxsmart-{__version__}-rules"


def lsp_range(lines: Lines, span) -> lsp.Range:
    (sl, sc), (el, ec) = lines.span_to_lsp(span)
    return lsp.Range(lsp.Position(sl, sc), lsp.Position(el, ec))


def diagnostic(d: Diagnostic, lines: Lines, uri: str, registry) -> lsp.Diagnostic:
    where = lsp_range(lines, d.span)
    related = [lsp.DiagnosticRelatedInformation(lsp.Location(uri, where), d.hint)] if d.hint else None
    page = rule_page_uri(d.code, registry)
    return lsp.Diagnostic(
        range=where, message=d.message, severity=_SEVERITY[d.severity], code=d.code, source=SOURCE,
        code_description=lsp.CodeDescription(page) if page else None, related_information=related,
        data={"name": d.name, "fix": d.fix.to_json() if d.fix else None})


_written: dict[type, str] = {}                  # rule class -> its page's URI, written this process


def rule_page_uri(code: str, registry) -> str | None:
    """A file URI of the rule's page (as `cxsmart rule CODE` prints it), written when first
    asked for (again for a rule pack's new rule of that code)."""
    rule = registry.find(code) if registry is not None else None
    if rule is None:
        return None
    if rule in _written:
        return _written[rule]
    page = rule.page() + "\n"
    path = _PAGES / f"{code}.md"
    try:
        _PAGES.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{code}.{id(page)}.tmp")
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        return None
    _written[rule] = path.as_uri()
    return path.as_uri()


class Published:
    """The JSON text of a file's findings as LSP diagnostics, written here rather than by pygls
    (which structures every diagnostic through cattrs and encodes the whole list again on each
    publish). An edited file's findings are mostly the same after a keystroke: each one's JSON is
    kept for its next publish. A finding's form depends on it, the URI, the registry and the text
    of its lines (UTF-16 columns); kept for the few files edited last."""

    FILES = 8

    def __init__(self) -> None:
        self.items: dict[str, dict[tuple, str]] = {}       # path -> its findings' JSON, by key
        self.registry = None

    def json(self, path: str, found: list[Diagnostic], lines: Lines | None, uri: str, registry,
             keep: bool = True) -> str:
        """The JSON text of the list of `found`'s LSP diagnostics (`keep`: for the file's next
        publish), as pygls would encode it."""
        if registry is not self.registry:
            self.items, self.registry = {}, registry
        before = self.items.pop(path, {})
        now: dict[tuple, str] = {}
        out = []
        for d in found:
            key = (d, uri, lines.line_text(d.span.line - 1), lines.line_text(d.span.end_line - 1), lines.bom)
            text = now.get(key) or before.get(key)
            if text is None:
                text = json.dumps(_converter().unstructure(diagnostic(d, lines, uri, registry)))
            now[key] = text
            out.append(text)
        if keep:
            self.items[path] = now
            while len(self.items) > self.FILES:
                del self.items[next(iter(self.items))]
        return "[" + ", ".join(out) + "]"


_CONVERTER: list = []


def _converter():
    """pygls's converter (cattrs, with lsprotocol's hooks), made once."""
    if not _CONVERTER:
        from pygls.protocol import default_converter

        _CONVERTER.append(default_converter())
    return _CONVERTER[0]

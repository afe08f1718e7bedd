"""Code actions: each finding's fix as a quick fix (an unsafe one marked, and offered only
when the configuration's `unsafe_fixes` allows it), the file's safe fixes as
source.fixAll.cxsmart (the bytes `cxsmart lint --fix FILE` writes), and "ignore this finding
here" (the inline suppression comment). Each is one text edit from the buffer to the text the
fix engine makes, so what the editor writes is what --fix would."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from cxsmart.diagnostics import SAFE, Diagnostic
from cxsmart.fix.apply import Unfixable, apply
from cxsmart.server.positions import Lines

if TYPE_CHECKING:
    from cxsmart.server.app import CxServer

_SUPPRESSION = re.compile(r"(?:^|[ \t])#[ \t]*cxsmart:[ \t]*ignore\[(?P<codes>[^\]\n]*)\]")
_NOT_IGNORED = ("F001", "F008")          # unreadable text, a bug: nothing for a comment to say


def register(server: "CxServer", fix_all: str) -> None:
    kinds = [lsp.CodeActionKind.QuickFix, fix_all]

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=kinds, resolve_provider=False))
    async def code_action(ls: "CxServer", params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        path = ls.path_of(params.text_document.uri)
        if path is None or ls.session is None:
            return []
        uri = params.text_document.uri
        text = ls.text_of(str(path))
        only = params.context.only
        out: list[lsp.CodeAction] = []
        found = ls.findings.get(str(path), [])
        current = ls.linted.get(str(path)) == text      # findings of an older text: their fixes would misplace
        if current and (not only or any(str(k).startswith("quickfix") for k in only)):
            lines = Lines(text)
            for d in _at(found, lines, params.range):
                out += quick_fixes(d, text, uri, lines, ls.session.unsafe_fixes)
        asked = bool(only) and any(fix_all.startswith(str(k)) for k in only)
        if asked or (not only and any(d.fix is not None and d.fix.applicability == SAFE for d in found)):
            ls.cancel.set()                         # a background check waits: the request goes first
            after = await ls.in_lint(ls.session.fixed_text, ls.buffers(), path, text)
            if after is not None and after != text:
                out.append(lsp.CodeAction(title="cxsmart: fix all safe fixes", kind=fix_all,
                                          edit=_edit(uri, text, after)))
        return out


def _at(found: list[Diagnostic], lines: Lines, where: lsp.Range) -> list[Diagnostic]:
    """The findings whose range meets the requested one (on its lines)."""
    first, last = where.start.line + 1, where.end.line + 1
    return [d for d in found if d.span.line <= last and d.span.end_line >= first]


def quick_fixes(d: Diagnostic, text: str, uri: str, lines: Lines, unsafe: bool) -> list[lsp.CodeAction]:
    from cxsmart.server.convert import diagnostic

    out = []
    lsp_d = diagnostic(d, lines, uri, None)
    if d.fix is not None and (unsafe or d.fix.applicability == SAFE):
        try:
            after = apply(text, [d.fix])
        except Unfixable:
            after = text
        if after != text:
            marked = "" if d.fix.applicability == SAFE else " (unsafe: check the result)"
            out.append(lsp.CodeAction(title=f"{d.code}: {d.fix.message or 'fix'}{marked}",
                                      kind=lsp.CodeActionKind.QuickFix, diagnostics=[lsp_d],
                                      is_preferred=d.fix.applicability == SAFE, edit=_edit(uri, text, after)))
    if d.code not in _NOT_IGNORED:
        after = with_suppression(text, d.span.line, d.code)
        if after is not None:
            out.append(lsp.CodeAction(title=f"{d.code}: ignore this finding here", kind=lsp.CodeActionKind.QuickFix,
                                      diagnostics=[lsp_d], edit=_edit(uri, text, after)))
    return out


_BREAK = re.compile(r"\r\n|\n|\r")


def with_suppression(text: str, line: int, code: str) -> str | None:
    """The text with `# cxsmart: ignore[CODE]` on the 1-based line (the code added to the
    line's suppression if it has one); None if it already names the code."""
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    if line > len(starts):
        return None
    start = starts[line - 1]
    m = _BREAK.search(text, start)
    end = m.start() if m else len(text)
    body = text[start:end]
    found = _SUPPRESSION.search(body)
    if found:
        codes = [c.strip() for c in found.group("codes").split(",") if c.strip()]
        if code in codes:
            return None
        at = start + found.end("codes")
        return text[:at] + (", " if codes else "") + code + text[at:]
    comment = f"  # cxsmart: ignore[{code}]" if body.strip() else f"# cxsmart: ignore[{code}]"
    at = start + len(body.rstrip(" \t"))
    return text[:at] + comment + text[end:]


def _edit(uri: str, before: str, after: str) -> lsp.WorkspaceEdit:
    """One text edit turning `before` into `after`: the span between their common start and end."""
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    if 0 < head and before[head - 1] == "\r" and before[head:head + 1] == "\n":
        head -= 1                               # never split a CRLF
    end = len(before) - tail
    if 0 < end < len(before) and before[end - 1] == "\r" and before[end] == "\n":
        end += 1
        tail -= 1
    start_pos, end_pos = _position(before, head), _position(before, end)
    new = after[head:len(after) - tail]
    return lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(lsp.Range(start_pos, end_pos), new)]})


def _position(text: str, offset: int) -> lsp.Position:
    """The LSP position (0-based line, UTF-16 column) of an index into the text."""
    breaks = list(_BREAK.finditer(text, 0, offset))
    line_start = breaks[-1].end() if breaks else 0
    segment = text[line_start:offset]
    return lsp.Position(len(breaks), len(segment) + sum(1 for ch in segment if ord(ch) > 0xFFFF))

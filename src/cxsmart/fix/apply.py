"""Applying fixes to a file's text, keeping every byte no edit touches.

Edits carry positions as findings count them (lines split at CRLF, LF or CR; columns in code
points; a UTF-8 BOM is not a column). They are applied to the text as written: each line keeps
its own line ending, and a line break inside an edit's content takes the ending of the line the
edit starts on (or the file's first ending). A fix is applied whole or not at all: one whose
edits overlap an edit already taken waits for the next pass.
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Iterable

from cxsmart.diagnostics import Fix

_LINE = re.compile(r"[^\r\n]*(\r\n|\n|\r|$)")


class Unfixable(ValueError):
    """The file cannot be rewritten: not UTF-8 text, or an edit outside it."""


def decode(data: bytes) -> str:
    """The file's text exactly as written (a BOM stays, as U+FEFF); Unfixable if not UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Unfixable("UTF-16 files are not rewritten")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Unfixable("not UTF-8 text") from None


class _Lines:
    """Where each line starts in the text, and the line ending it has."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[str] = []
        for m in _LINE.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.group(1))
            if not m.group(1):
                break
        self.bom = 1 if text.startswith("\ufeff") else 0
        self.newline = next((e for e in self.ends if e), "\n")

    def offset(self, line: int, column: int) -> int:
        if not 1 <= line <= len(self.starts):
            raise Unfixable(f"line {line} is not in the file")
        start = self.starts[line - 1] + (self.bom if line == 1 else 0)
        length = len(self.text) - start if line == len(self.starts) else \
            self.starts[line] - len(self.ends[line - 1]) - start
        if not 1 <= column <= length + 1:
            raise Unfixable(f"column {column} is not in line {line}")
        return start + column - 1

    def ending(self, line: int) -> str:
        return self.ends[line - 1] or self.newline


def choose(fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes one pass applies: in the order of their first edit, each whole, none
    overlapping another (touching ends are fine; two insertions at one point are not)."""
    taken: list[tuple[tuple, tuple]] = []
    chosen = []
    for fix in sorted(fixes, key=lambda f: (min(e.span for e in f.edits), f.message)):
        ranges = [((e.span.line, e.span.column), (e.span.end_line, e.span.end_column)) for e in fix.edits]
        if any(_overlap(r, t) for r in ranges for t in taken):
            continue
        if any(_overlap(a, b) for i, a in enumerate(ranges) for b in ranges[i + 1:]):
            continue
        taken += ranges
        chosen.append(fix)
    return chosen


def _overlap(a: tuple, b: tuple) -> bool:
    if a[0] == a[1] or b[0] == b[1]:            # an insertion: conflicts at the same point, or inside
        return a[0] == b[0] or (b[0] < a[0] < b[1]) or (a[0] < b[0] < a[1])
    return a[0] < b[1] and b[0] < a[1]


def apply(text: str, fixes: list[Fix]) -> str:
    """The text with the (non-overlapping) fixes applied. Raises Unfixable."""
    lines = _Lines(text)
    edits: list[tuple[int, int, str]] = []
    for edit in (e for f in fixes for e in f.edits):
        start = lines.offset(edit.span.line, edit.span.column)
        end = lines.offset(edit.span.end_line, edit.span.end_column)
        if end < start:
            raise Unfixable("an edit ends before it starts")
        content = edit.content.replace("\n", lines.ending(edit.span.line))
        edits.append((start, end, content))
    out = []
    at = 0
    for start, end, content in sorted(edits):
        out.append(text[at:start])
        out.append(content)
        at = end
    out.append(text[at:])
    return "".join(out)


def unified_diff(path: str, before: str, after: str) -> str:
    """The change as `diff -u` shows it, line endings as written (a CR shows as ^M in a pager)."""
    old, new = _split(before), _split(after)
    lines = list(difflib.unified_diff(old, new, path, path))
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def _split(text: str) -> list[str]:
    """Lines with their endings, split only where positions count lines (CRLF, LF, CR)."""
    return [m.group(0) for m in _LINE.finditer(text) if m.group(0)]


def shared_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
    """Where the values with an anchor that an alias reads elsewhere lie: ((line, column) start,
    end, anchor), counted as edits count them. An edit there would change every place that reads
    the alias too (another goal's title, an `x-` key), so no fix edits them."""
    if "&" not in text or "*" not in text:
        return []
    from ruamel.yaml import YAML

    try:
        root = YAML(typ="safe", pure=True).compose(text.removeprefix("\ufeff"))
    except Exception:  # noqa: BLE001 - a text that does not compose has no fix applied anyway
        return []
    seen: dict[int, int] = {}
    nodes = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        seen[id(node)] = seen.get(id(node), 0) + 1
        if seen[id(node)] > 1:
            continue
        nodes[id(node)] = node
        if node.id == "mapping":
            stack.extend(part for pair in node.value for part in pair)
        elif node.id == "sequence":
            stack.extend(node.value)
    return [((n.start_mark.line + 1, n.start_mark.column + 1), (n.end_mark.line + 1, n.end_mark.column + 1),
             getattr(n, "anchor", None) or "") for i, n in nodes.items() if seen[i] > 1]


def touches_shared(fix: Fix, shared: list) -> str | None:
    """The anchor of a shared value one of the fix's edits lies in, or None."""
    for edit in fix.edits:
        start, end = (edit.span.line, edit.span.column), (edit.span.end_line, edit.span.end_column)
        for s, e, anchor in shared:
            if (start < e and end > s) or (start == end and s < start < e):
                return anchor or "?"
    return None

"""Where words inside a scalar sit in the file.

For a plain or single-quoted one-line scalar the column of a word is the scalar's column plus
its offset (plus one for the quote, and minus one per doubled quote before it); the same for
a double-quoted one, through its escapes ("\\u00a3" is six characters of the file and one of
the value, and so is JSON's surrogate pair "\\ud83c\\udfaf", twelve). Other styles (block,
folded, multi-line) fall back to the scalar's start, as the finding can then only point at the
value.
"""

from __future__ import annotations

import re

from cxsmart.diagnostics import Span
from cxsmart.read.yamlread import Entry


def locate(entry: Entry, source_line: str | None, start: int, end: int, length: int | None = None) -> Span:
    """`length`: the value's length, which a double-quoted scalar's escapes must add up to."""
    v = entry.value
    if entry.merged or v.line != v.end_line or source_line is None:
        return _fallback(v)
    style = entry.style or ""
    raw = source_line[v.column - 1: v.end_column - 1]
    if style == "":
        return Span(v.line, v.column + start, v.line, v.column + end)
    if style == "'":
        return _quoted(v, raw, start, end, "''")
    if style == '"' and "\\" not in raw:
        return Span(v.line, v.column + 1 + start, v.line, v.column + 1 + end)
    if style == '"':
        return _escaped(v, raw, start, end, length)
    return _fallback(v)


# how many characters of the file each YAML escape takes ('\u00a3' is six); every other escape
# ('\"', '\n', '\\', '\t' ...) takes two. Each stands for one character of the value.
_ESCAPE_WIDTH = {"x": 4, "u": 6, "U": 10}
_PAIR = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def _escaped(v: Span, raw: str, start: int, end: int, length: int | None) -> Span:
    """Map value offsets through a double-quoted scalar's escapes ("\\u00a3", "\\"")."""
    columns = []            # value offset -> column in the line
    i = 1                   # skip the opening quote
    while i < len(raw) - 1:
        columns.append(v.column + i)
        if raw[i] == "\\" and i + 1 < len(raw):
            i += 12 if _PAIR.match(raw, i) else _ESCAPE_WIDTH.get(raw[i + 1], 2)   # JSON's "\ud83c\udfaf": one
        else:
            i += 1
    columns.append(v.column + i)
    if end >= len(columns) or i != len(raw) - 1 or (length is not None and len(columns) - 1 != length):
        return _fallback(v)     # not the escapes this reads: the finding points at the value
    return Span(v.line, columns[start], v.line, columns[end])


def _quoted(v: Span, raw: str, start: int, end: int, escape: str) -> Span:
    """Map value offsets through doubled quotes ('it''s' -> it's)."""
    columns = []            # value offset -> column in the line
    i = 1                   # skip the opening quote
    while i < len(raw) - 1:
        columns.append(v.column + i)
        i += 2 if raw.startswith(escape, i) else 1
    columns.append(v.column + i)
    if end >= len(columns):
        return _fallback(v)
    return Span(v.line, columns[start], v.line, columns[end])


def _fallback(v: Span) -> Span:
    return Span(v.line, v.column, v.line, v.column + 1)

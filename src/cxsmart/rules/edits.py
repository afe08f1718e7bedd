"""Text edits that rules attach to findings as fixes, computed from where the loader found each
value (node positions), never by writing the YAML out again: whatever no edit touches stays as
the user wrote it.

An edit is offered only where its effect on the YAML is certain: a one-line plain or quoted
scalar written at that place (not reached through an alias or a merge key, not carrying an
anchor or a tag), and new fields after a one-line neighbour, with the neighbours' indentation.
"""

from __future__ import annotations

import json
import re

from cxsmart.diagnostics import Edit, Span
from cxsmart.model.goalfile import Goal
from cxsmart.read.yamltypes import plain_value

ORDER = list(Goal.model_fields)         # the format's key order
_ANCHOR = re.compile(r"&[^\s,\[\]{}]+[ \t]+")
_PLAIN = re.compile(r"[A-Za-z0-9$€£+.(][^\n:#\[\]{},'\"]*")


def scalar(text: str) -> str:
    """`text` as a YAML value in block or flow context: plain where it reads back as the same
    text (or as the date or number it spells), else double-quoted."""
    if _PLAIN.fullmatch(text) and text == text.strip() and not text.endswith(".") and \
            plain_value(text) not in (None, True, False):
        return text
    return json.dumps(text, ensure_ascii=False)


def source(item, span: Span) -> str | None:
    """The text a one-line span covers, as normalised lines count it (None if it is not one line)."""
    if span.line != span.end_line:
        return None
    lines = item.file.lines
    if not 1 <= span.line <= len(lines):
        return None
    return lines[span.line - 1][span.column - 1:span.end_column - 1]


def replace_value(item, keys: tuple, new: str, shared: bool = True) -> Edit | None:
    """Replace a scalar value with the text `new`, keeping its quoting; None where that is not
    certain to write exactly `new`. An anchored value (`&name value`) is replaced after its
    anchor, which changes every alias of it too: `shared=False` refuses that, for a new value
    that means the same only where this goal uses it."""
    e = item.entry(*keys)
    if e is None or e.merged or e.style not in ("", "'", '"'):
        return None
    written = source(item, e.value)
    s = e.value
    anchor = _ANCHOR.match(written or "")
    if anchor and not shared:
        return None
    if anchor:                                  # `&name value`: the value after the anchor
        written = written[anchor.end():]
        s = Span(s.line, s.column + anchor.end(), s.end_line, s.end_column)
    if not written or written[0] in "&!*":
        return None
    if e.style == "":
        return Edit(s, scalar(new))
    if len(written) < 2 or written[0] != e.style or written[-1] != e.style:
        return None
    inner = new.replace("'", "''") if e.style == "'" else json.dumps(new, ensure_ascii=False)[1:-1]
    return Edit(Span(s.line, s.column + 1, s.end_line, s.end_column - 1), inner)


def append_words(item, span: Span, words: str, addition: str) -> Edit | None:
    """Insert `addition` right after `words` read from the title at `span` ('Q3' -> 'Q3 2027'),
    where the title is a one-line plain or single-quoted scalar (its positions are exact)."""
    e = item.entry("title")
    if e is None or e.merged or e.style not in ("", "'") or source(item, span) != words:
        return None
    if e.style == "'":
        addition = addition.replace("'", "''")
    return Edit(Span(span.end_line, span.end_column, span.end_line, span.end_column), addition)


def add_fields(item, fields: dict[str, str]) -> tuple[Edit, ...] | None:
    """Edits adding goal fields ({key: value as written}), each after the key that precedes it in
    the format's order, block or flow style as the goal is written; None if it cannot be done."""
    mapping = item.file.index.get(item.path)
    if mapping is None or mapping.merged or not fields:
        return None
    head = source(item, Span(mapping.value.line, mapping.value.column, mapping.value.line, mapping.value.column + 1))
    if head in ("&", "!", "*", None):
        return None                             # an anchored goal: merge keys would inherit the new fields
    flow = head == "{"
    edits = []
    for key, value in fields.items():
        if item.entry(key) is not None:
            return None                         # written empty ('metric:'): a second key would be F003
        at = _predecessor(item, key)
        if at is None:
            return None
        entry = item.entry(at)
        if entry.merged or entry.key is None or entry.style not in ("", "'", '"') or \
                entry.value.line != entry.value.end_line:
            return None
        pair = f"{key}: {scalar(value)}"
        if flow:
            end = entry.value
            edits.append(Edit(Span(end.end_line, end.end_column, end.end_line, end.end_column), f", {pair}"))
            continue
        line = item.file.lines[entry.value.line - 1]
        if entry.key.line != entry.value.line or "\t" in line[:entry.key.column - 1]:
            return None                         # a tab before the key: its column is no indentation
        eol = len(line.rstrip("\r"))
        indent = " " * (entry.key.column - 1)
        edits.append(Edit(Span(entry.value.line, eol + 1, entry.value.line, eol + 1), f"\n{indent}{pair}"))
    # several fields after one neighbour: one edit, in the format's order
    merged: dict[Span, str] = {}
    for e in edits:
        merged[e.span] = merged.get(e.span, "") + e.content
    return tuple(Edit(span, content) for span, content in merged.items())


def _predecessor(item, key: str) -> str | None:
    """The last key written in the goal itself (not through a merge key) that comes before `key`
    in the format's order."""
    index = ORDER.index(key)
    present = [k for k in ORDER[:index] if (e := item.entry(k)) is not None and not e.merged]
    return present[-1] if present else None

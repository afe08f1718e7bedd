"""One goal's lines re-read instead of the whole file: when an edit changes only the lines of one
item of a block `goals:` list, that item is parsed and loaded alone (at its own line numbers) and
spliced into the file as last read, the lines after it moved by the lines added or removed. The
result is the SourceFile that load_text gives on the whole new text; whenever that is not sure
the answer is None, and the caller reads the whole file.

Why the item alone reads as it does in its file: the text before it is unchanged, so the parser
comes to its first line in the state it did last time (inside the list, at the dash); every
other line of the item is indented past the dash, and the line after it (unchanged) is not, so
nothing in the item runs on into what follows (an unclosed quote or bracket fails the item's
own parse instead, and the whole file is read). What is not local is refused: a change that
reaches a line at or left of the dash (another item, a top-level key, a document marker; not a
comment, which ends nothing), aliases and anchors (a value written elsewhere), merge keys, numeric dates
(they decide the workspace's date order), a YAML syntax error, a file the YAML 1.2 reader reads
(`yamlread._pure`: deep nesting, NEL/LS/PS), goals keyed by id or under a misspelt `goals:`, an
item that does not validate, a file with a reading error, and, when lines move, a finding below
that names a line ('already given on line 26').
"""

from __future__ import annotations

import dataclasses
import re
from typing import NamedTuple

from cxsmart.diagnostics import Span
from cxsmart.read.dateorder import _dates, _values
from cxsmart.read.loader import Item, SourceFile, load_text
from cxsmart.read.yamlchars import NOT_BREAKS
from cxsmart.read.yamlread import _BRACKETS, _DEEP_INDENT, MAX_NODES, Entry, _looks_deep, _pure, parse_yaml

_DASH = re.compile(r"( *)-(?: +|$)")
_LINE = re.compile(r"\blines? \d")            # a message that names a line: 'already given on line 26'
# an anchor or an alias: '&name' or '*name' where a value starts ('Q&A' and '5*' are text)
_ANCHOR = re.compile(r"(?:^|(?<=[\s\[\]{},]))[&*][^\s,\[\]{}]")


class Spliced(NamedTuple):
    file: SourceFile        # its unchanged items are the old file's: own() before building with it
    item: int               # the index of the goal re-read, in `goals:`
    first: int              # its lines, 0-based: first .. last (exclusive) in the new text
    last: int
    delta: int              # lines added (negative: removed)


def spliced(old: SourceFile, text: str, fiscal_start: int = 1, date_order: str | None = None,
            strict_keys: bool = False) -> Spliced | None:
    """`old` (a file as load_text read it) with `text` (its new text, decoded) read, or None."""
    if old.text is None or old.anchors is not None or "<<" in text:
        return None
    known = _KNOWN.get(old.path)
    if known is not None and known[0] is old.text:
        starts = known[1]                           # the text a splice made: read by the C reader
    else:
        if _pure(old.text) or any(p.code == "F001" for p in old.problems) or any(old.invalid_ids.values()):
            return None
        starts = _item_lines(old)
    if starts is None:
        return None
    lines, new_lines = old.lines, text.split("\n")
    first, end_old, end_new = _changed(lines, new_lines)
    i = max((j for j, (line, _) in enumerate(starts) if line <= first), default=None)
    if i is None:
        return None
    start, indent = starts[i]
    stop = _region_end(lines, start, indent)
    delta = len(new_lines) - len(lines)
    if end_old > stop or (i + 1 < len(starts) and starts[i + 1][0] < stop):
        return None
    if _region_end(new_lines, start, indent) != stop + delta or not _DASH.match(new_lines[start]) \
            or len(_DASH.match(new_lines[start]).group(1)) != indent:
        return None
    if delta and any(_says_a_line(p) for p in old.problems if p.span.line > stop):
        return None                                 # 'already given on line 26': the words would move too
    before, after = "\n".join(lines[start:stop]), "\n".join(new_lines[start:stop + delta])
    if _ANCHOR.search(before) or _ANCHOR.search(after) or _pure_now(text, before, after) or \
            (_UNDATED.get(before) is not True and _dated(parse_yaml(before).data)):
        return None
    tail = "\n" if stop + delta < len(new_lines) else ""
    part = _read_item("\n" * start + after + tail, old.path, fiscal_start, date_order, strict_keys)
    if part is None or len(old.index) + len(part.index) > MAX_NODES // 2:
        return None
    if len(_UNDATED) > 64:
        _UNDATED.clear()
    _UNDATED[after] = True
    _KNOWN[old.path] = (text, starts[:i + 1] + [(line + delta, dash) for line, dash in starts[i + 1:]])
    return Spliced(_joined(old, text, part, i, start, stop, delta), i, start, stop + delta, delta)


# What a splice knows of the text it made, for the next edit of the file (typing goes on in the
# same goal): that it is read by the C reader and holds no parse problem but the goals' own, where
# its goals start, and which items' texts hold no numeric date.
_KNOWN: dict[str, tuple[str, list[tuple[int, int]]]] = {}     # path -> (its text, its goals' first lines)
_UNDATED: dict[str, bool] = {}


def _pure_now(text: str, before: str, after: str) -> bool:
    """Whether the new text goes to the YAML 1.2 reader, the old one not: a NEL, LS, PS or a
    deep indent in the item; or nesting past the scan's depth (only brackets can change it)."""
    if NOT_BREAKS.search(after) or _DEEP_INDENT.search(after):
        return True
    return _BRACKETS.findall(before) != _BRACKETS.findall(after) and _looks_deep(text)


def _item_lines(old: SourceFile) -> list[tuple[int, int]] | None:
    """Each goal's first line (0-based) and its dash's column, if the goals are a block list
    under `goals:` (or the file is one) whose every item starts on its dash's line."""
    top = old.index.get(("goals",))
    if top is None or old.index.get(("goals", 0)) is None:
        return None
    if top.key is not None and _text(old, top.key) != "goals":
        return None                                     # 'Goals:' and the like: read under another key
    out = []
    for j in range(len(old.sections["goals"])):
        entry = old.index.get(("goals", j))
        item = old.sections["goals"][j]
        if entry is None or item.path != ("goals", j):
            return None
        line = old.lines[entry.value.line - 1]
        m = _DASH.match(line)
        if m is None or m.end() != entry.value.column - 1 and m.end() != len(line):
            return None
        if m.end() == len(line) or (out and out[-1][1] != len(m.group(1))):
            return None
        out.append((entry.value.line - 1, len(m.group(1))))
    if ("goals", len(out)) in old.index:
        return None
    return out


def _text(file: SourceFile, span: Span) -> str:
    if span.line != span.end_line:
        return ""
    return file.lines[span.line - 1][span.column - 1:span.end_column - 1]


def _changed(old: list[str], new: list[str]) -> tuple[int, int, int]:
    """The first line that differs, and where the unchanged tail starts in each."""
    n = min(len(old), len(new))
    first = 0
    while first < n and old[first] == new[first]:
        first += 1
    end_old, end_new = len(old), len(new)
    while end_old > first and end_new > first and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return first, end_old, end_new


def _region_end(lines: list[str], start: int, indent: int) -> int:
    """The first line after `start` written at or left of the dash, blank lines and comments aside
    (a comment ends no block: the item's keys may go on below one written at the margin)."""
    for n in range(start + 1, len(lines)):
        line = lines[n]
        stripped = line.lstrip(" ")
        if stripped and len(line) - len(stripped) <= indent and not stripped.startswith("#"):
            return n
    return len(lines)


def _says_a_line(problem) -> bool:
    return _LINE.search(problem.message) is not None or _LINE.search(problem.hint or "") is not None


def _dated(data) -> bool:
    """Whether the item holds a numeric date ('30/06/2027'): such dates decide the workspace's
    date order (read.dateorder), which a change to one is left to the whole read to tell."""
    return data is None or any(next(_dates(v), None) is not None for v in _values(data))


def _read_item(text: str, path: str, fiscal_start: int, date_order: str | None, strict_keys: bool) -> SourceFile | None:
    """The item alone, as a file that is a list of one goal (its lines at their own numbers)."""
    parsed = parse_yaml(text)
    if any(p.code == "F001" for p in parsed.problems) or not isinstance(parsed.data, list) or len(parsed.data) != 1:
        return None
    if _dated(parsed.data):
        return None
    part = load_text(path, text, fiscal_start, parsed, date_order, strict_keys)
    if len(part.sections["goals"]) != 1 or any(part.invalid_ids.values()):
        return None
    if any(p.code == "F001" for p in part.problems):
        return None
    return part


def _joined(old: SourceFile, text: str, part: SourceFile, i: int, start: int, stop: int, delta: int) -> SourceFile:
    new = SourceFile(old.path, text)
    mine = ("goals", i)

    def moved(span: Span | None) -> Span | None:
        if span is None or not delta or span.line <= stop:
            return span
        return Span(span.line + delta, span.column, span.end_line + delta, span.end_column)

    if not delta:                           # most keystrokes: the other entries as they were
        index = {path: entry for path, entry in old.index.items() if path[:2] != mine}
    else:
        index = {}
        for path, entry in old.index.items():
            if path[:2] == mine:
                continue
            if entry.value.line > stop or (entry.key is not None and entry.key.line > stop):
                entry = Entry(moved(entry.key), moved(entry.value), entry.style, entry.merged)
            index[path] = entry
    for path, entry in part.index.items():
        if len(path) >= 2:
            index[mine + path[2:]] = entry
    top = index.get(("goals",))
    if top is not None and top.value.line - 1 == start:     # the list's span is its first line: the item's
        line = text.split("\n", start + 1)[start]
        index[("goals",)] = top._replace(value=Span(top.value.line, top.value.column, top.value.line,
                                                    len(line.rstrip()) + 1))
    new.index = index
    problems = []
    for p in old.problems:
        if start < p.span.line <= stop:
            continue
        problems.append(dataclasses.replace(p, span=moved(p.span)) if delta and p.span.line > stop else p)
    new.problems = problems + part.problems
    new.sections = {section: list(items) for section, items in old.sections.items()}     # shared: see own()
    item = part.sections["goals"][0]
    new.sections["goals"][i] = Item(item.model, mine, new, item.unreadable, item.extra, item.compound)
    return new


def own(file: SourceFile) -> SourceFile:
    """The file with items of its own: a splice shares the unchanged items with the old file (the
    one-goal path moves them over, itempatch); a workspace built from the file needs its own."""
    for section, items in file.sections.items():
        file.sections[section] = [x if x.file is file else
                                  Item(x.model, x.path, file, x.unreadable, x.extra, x.compound) for x in items]
    return file

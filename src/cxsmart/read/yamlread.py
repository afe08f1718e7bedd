"""YAML text -> plain data + an index of spans, safely (see shared/spec/yaml-hazards.md).

Normal files go through ruamel.yaml's C-backed `compose` (fast, marks on every node). Text
that a cheap scan finds suspiciously deep goes to the pure-Python composer with `max_depth`,
because the C composer crashes the process on very deep flow nesting. Nodes are never
*constructed* by ruamel: this module turns them into dicts, lists and scalars itself, so no
YAML tag can build a Python object, and it bounds what aliases can expand to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from cxsmart.diagnostics import Span
from cxsmart.read.source import Problem, text_position
from cxsmart.read.yamlchars import NOT_BREAKS, hide_breaks, hide_pairs, restore_breaks
from cxsmart.read.yamlhints import alias_at, on_a_line, point, syntax_hint
from cxsmart.read.yamltypes import plain_value, text_resolver

MAX_DEPTH = 100           # nesting levels; goal files need under ten
MAX_NODES = 100_000       # values after alias expansion (billion-laughs guard)
_SCAN_DEPTH = 50          # bracket depth above which the safe (pure) composer is used
_DEEP_INDENT = re.compile(r"^[ \t\-?:]{100,}", re.M)
_BRACKETS = re.compile(r"[\[\]{}]")
_DIRECTIVE = re.compile(r"^%YAML[ \t]+(\S+)", re.M)
_ALIAS_END = re.compile(r"[\s,\]}]")
# the rest of a number a comma cut inside braces: "000 accounts" in "{unit: per 100,000 accounts}"
THOUSANDS = re.compile(r"^\d{3}(?:,\d{3})*(?:\.\d+)?(?:\s.*)?$")
_new = tuple.__new__      # a NamedTuple built in C, without its Python-level __new__ (one per value read)


class Entry(NamedTuple):
    """Where one value sits: the span of its key (None for list items) and of the value."""

    key: Span | None
    value: Span
    style: str | None = None      # scalars: '' plain, "'", '"', '|', '>'; None for containers
    merged: bool = False          # came in through a merge key (`<<: *defaults`)


Path = tuple  # ("goals", 3, "target")


class _Refused:
    """Stands for a value refused with a finding already (an explicit tag): later checks skip it."""

    def __repr__(self) -> str:
        return "<refused>"


REFUSED = _Refused()


@dataclass
class Parsed:
    data: Any = None
    index: dict[Path, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _Abort(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def parse_yaml(text: str, list_root: Path = ("goals",)) -> Parsed:
    """Parse one file's text. A bare list at the top is indexed under `list_root`."""
    out = Parsed()
    directive = _DIRECTIVE.search(text)
    if directive and directive.group(1) != "1.2":
        line = text.count("\n", 0, directive.start()) + 1
        out.problems.append(Problem(
            "F001", f"the file declares YAML {directive.group(1)}; goal files are read as YAML 1.2 only",
            Span(line, 1, line, len(directive.group(0)) + 1),
            hint="remove the %YAML line: in YAML 1.1 'no' and 'yes' silently become booleans"))
        return out
    try:
        root = _compose(text, out)
    except Exception as exc:  # noqa: BLE001 - any parser failure is a finding, never a crash
        out.problems.append(_reader_problem(exc, text) or _syntax_problem(exc, text))
        return out
    if root is None:
        return out
    walker = _Walker(text, out)
    if "*" in text:
        try:
            big = _oversized(root, {}, set(), 0)
        except RecursionError:
            big = root
        if big is not None:
            out.problems.append(Problem(
                "F001", f"aliases in this file expand to more than {MAX_NODES:,} values; refusing to read it",
                walker.span(big), hint="a goal file needs no more than a few aliases; is this a 'billion laughs' file?"))
            return out
    prefix: Path = list_root if root.id == "sequence" else ()
    try:
        out.data = walker.convert(root, prefix, 0, None)
    except _Abort as abort:
        out.problems.append(abort.problem)
        out.data = None
    except RecursionError:
        out.problems.append(Problem("F001", f"the YAML nests deeper than {MAX_DEPTH} levels", Span(1, 1, 1, 2)))
        out.data = None
    return out


def _compose(text: str, out: Parsed):
    from ruamel.yaml import YAML

    deep = _pure(text)                          # decided on the text as written (NEL/LS/PS: the pure one)
    text, hidden = hide_breaks(text)
    text, paired = hide_pairs(text)
    yaml = YAML(typ="safe", pure=deep)
    if not deep:                                # the pure composer wants ruamel's own Tag objects
        yaml.Resolver = text_resolver()
    if deep:
        yaml.max_depth = MAX_DEPTH
    root = None
    for number, node in enumerate(yaml.compose_all(text)):
        if number == 0:
            root = node
            continue
        line = node.start_mark.line + 1 if node is not None else 1
        marker = _document_marker(text, line)
        out.problems.append(Problem(
            "F001", "the file holds more than one YAML document; only the first is read",
            Span(marker, 1, marker, 4), hint="split the documents into files of their own, or remove the '---'"))
        break
    if (hidden or paired) and root is not None:
        restore_breaks(root, paired)
    return root


def _oversized(node, sizes: dict[int, int], stack: set[int], depth: int):
    """The first node whose alias-expanded size passes MAX_NODES, or None. Memoised by identity,
    so a billion-laughs file costs as many steps as it has distinct nodes, not expanded ones."""
    if node.id == "scalar":
        return None
    ident = id(node)
    if ident in sizes or ident in stack or depth > MAX_DEPTH:
        return None                  # cycles and depth are reported by the walk, with positions
    stack.add(ident)
    total = 1
    children = node.value if node.id == "sequence" else [n for pair in node.value for n in pair]
    for child in children:
        if child.id == "scalar":
            total += 1
            continue
        found = _oversized(child, sizes, stack, depth + 1)
        if found is not None:
            return found
        total += sizes.get(id(child), 0)
        if total > MAX_NODES:
            return node
    stack.discard(ident)
    sizes[ident] = total
    return None


def _pure(text: str) -> bool:
    """Whether the pure (YAML 1.2) composer reads this text: deep nesting, or NEL/LS/PS, which
    the C reader counts as line breaks (YAML 1.1) and would shift every later line."""
    return _looks_deep(text) or NOT_BREAKS.search(text) is not None


def _looks_deep(text: str) -> bool:
    if _DEEP_INDENT.search(text):
        return True
    depth = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > _SCAN_DEPTH:
                return True
        elif depth:
            depth -= 1
    return False


def _document_marker(text: str, line: int) -> int:
    lines = text.split("\n", line)[:line]
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].startswith("---"):
            return i + 1
    return line


def _reader_problem(exc: Exception, text: str) -> Problem | None:
    """ruamel's ReaderError knows the offending character's offset but not its line."""
    position = getattr(exc, "position", None)
    character = getattr(exc, "character", None)
    if type(exc).__name__ != "ReaderError" or not isinstance(position, int):
        return None
    if not _pure(text):              # the C reader counts UTF-8 bytes, the pure one characters
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
    line, column = text_position(text, min(position, len(text)))
    code = ord(character) if isinstance(character, str) and character else character
    shown = f"U+{code:04X}" if isinstance(code, int) else "a character"
    return Problem("F001", f"the file holds a control character ({shown}) that YAML does not allow",
                   Span(line, column, line, column + 1), hint="delete it; a title should be plain text")


def _syntax_problem(exc: Exception, text: str = "") -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None)
    if type(exc).__name__ == "MaxDepthExceededError":
        line, col = on_a_line(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Problem("F001", f"the YAML nests deeper than {MAX_DEPTH} levels; refusing to read it",
                       point(text, line, col))
    if mark is None or problem is None:
        return Problem("F001", f"the YAML parser could not read this file ({type(exc).__name__}: {exc})".strip(),
                       point(text, 1, 1), hint="check the file for unusual YAML such as tags or complex keys")
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    line, col = on_a_line(text, mark.line + 1, mark.column + 1)
    at = alias_at(text, line, col, problem) if problem.startswith("found undefined alias") else point(text, line, col)
    return Problem("F001", message, at, hint=syntax_hint(text, line, col, problem, context))


class _Walker:
    """One pass over composed nodes: plain values out, spans into the index, problems noted."""

    def __init__(self, text: str, out: Parsed):
        self.text = text
        self.index = out.index
        self.problems = out.problems
        self.count = 0
        self.on_stack: set[int] = set()
        self.tag_checked: set[int] = set()
        self.tagged: set[int] = set()
        self.lines: list[str] | None = None
        self.may_have_tags = "!" in text
        self.typed: dict[str, Any] = {}

    # -- spans ---------------------------------------------------------------
    def span(self, node) -> Span:
        s, e = node.start_mark, node.end_mark
        if node.id != "scalar" and (e.line > s.line):
            # block collections end at the start of the next line: point at their first line
            return Span(s.line + 1, s.column + 1, s.line + 1, self._line_end(s.line) + 1)
        if (e.line, e.column) < (s.line, s.column):          # never a span that ends before it starts
            return Span(s.line + 1, s.column + 1, s.line + 1, s.column + 2)
        return Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1)

    def _line_end(self, line: int) -> int:
        if self.lines is None:
            self.lines = self.text.split("\n")
        if line >= len(self.lines):
            return 0
        return len(self.lines[line].rstrip("\r").rstrip())

    # -- conversion ----------------------------------------------------------
    def _typed(self, text: str) -> Any:
        """plain_value, once per distinct text of the file (keys and most values repeat)."""
        typed = self.typed.get(text, self)
        if typed is self:
            typed = self.typed[text] = plain_value(text)
        return typed

    def convert(self, node, path: Path, depth: int, at: Span | None, key: Span | None = None) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Abort(Problem(
                "F001", f"aliases in this file expand to more than {MAX_NODES:,} values; refusing to read it",
                self.span(node), hint="a goal file needs no more than a few aliases; is this a 'billion laughs' file?"))
        if depth > MAX_DEPTH:
            raise _Abort(Problem("F001", f"the YAML nests deeper than {MAX_DEPTH} levels", self.span(node)))
        here = at or self.span(node)
        refused = self.may_have_tags and self._check_tag(node, here)
        kind = node.id
        if kind == "scalar":
            style = node.style or ""
            self.index[path] = Entry(key, here, style, at is not None)
            if refused:
                return REFUSED
            return self._typed(node.value) if style == "" else node.value
        ident = id(node)
        if ident in self.on_stack:
            raise _Abort(Problem("F001", "an alias refers to the value that contains it, so it never ends",
                                 here, hint="an alias (*name) cannot point at its own parent"))
        self.on_stack.add(ident)
        try:
            self.index[path] = Entry(key, here, None, at is not None)
            if kind == "sequence":
                value = [self.convert(item, path + (i,), depth + 1, at, None) for i, item in enumerate(node.value)]
            else:
                value = self._mapping(node, path, depth, at)
            return REFUSED if refused else value
        finally:
            self.on_stack.discard(ident)

    def _mapping(self, node, path: Path, depth: int, at: Span | None) -> dict:
        result: dict[str, Any] = {}
        first_seen: dict[str, Span] = {}
        merges = []
        fast = at is None and not self.may_have_tags and depth < MAX_DEPTH
        for key_node, value_node in node.value:
            plain = key_node.id == "scalar" and not key_node.style
            if at is None and key_node.id == "scalar":
                s, e = key_node.start_mark, key_node.end_mark
                key_span = _new(Span, (s.line + 1, s.column + 1, e.line + 1, e.column + 1))
            else:
                key_span = at or self.span(key_node)
            if plain and key_node.value == "<<":
                merges.append((key_node, value_node))
                continue
            typed = self._typed(key_node.value) if plain else key_node.value
            if plain and node.flow_style and value_node.id == "scalar" and not value_node.value and \
                    THOUSANDS.match(key_node.value):
                typed = key_node.value                       # '{value: 1,250}': the rest of a number (F009)
            if key_node.id != "scalar" or not isinstance(typed, str):
                what = (f"'{key_node.value}' is read as {_kind_name(typed)}" if key_node.id == "scalar"
                        else f"this one is {'a list' if key_node.id == 'sequence' else 'a mapping'}")
                self.problems.append(Problem(
                    "F002", f"a key must be text, but {what}",
                    key_span, hint="quote the key, or remove it"))
                continue
            if self.may_have_tags:
                self._check_tag(key_node, key_span)
            name = key_node.value
            if name in first_seen:
                self.problems.append(Problem(
                    "F003", f"duplicate key '{name}': it is already given on line {first_seen[name].line}",
                    key_span, hint=f"keep one '{name}'; YAML readers disagree about which one wins", subject=name))
                continue
            first_seen[name] = key_span
            if fast and value_node.id == "scalar" and self.count < MAX_NODES:
                # the common case, inlined: a plain value in the file itself (not merged, no tag)
                self.count += 1
                s, e = value_node.start_mark, value_node.end_mark
                style = value_node.style or ""
                self.index[path + (name,)] = _new(Entry, (key_span, _new(Span, (s.line + 1, s.column + 1,
                                                                                  e.line + 1, e.column + 1)), style, False))
                result[name] = self._typed(value_node.value) if style == "" else value_node.value
                continue
            result[name] = self.convert(value_node, path + (name,), depth + 1, at, key_span)
        for key_node, value_node in merges:
            self._merge(result, key_node, value_node, path, depth, at)
        return result

    def _merge(self, result: dict, key_node, value_node, path: Path, depth: int, at: Span | None) -> None:
        alias_at = at or self._alias_span(key_node, value_node)
        sources = value_node.value if value_node.id == "sequence" else [value_node]
        for source in sources:
            if source.id != "mapping":
                self.problems.append(Problem("F002", "a merge key ('<<') must name a mapping", alias_at))
                continue
            main_index, self.index = self.index, {}
            try:
                merged = self.convert(source, (), depth + 1, alias_at, alias_at)
                scratch = self.index
            finally:
                self.index = main_index
            for name, value in merged.items():
                if name not in result:
                    result[name] = value
                    for sub, entry in scratch.items():
                        if sub and sub[0] == name:
                            main_index[path + sub] = entry

    def _alias_span(self, key_node, value_node) -> Span:
        """The `*name` after `<<:`; merged values have no position of their own."""
        i = key_node.end_mark.index
        text = self.text
        while i < len(text) and text[i] in " \t:":
            i += 1
        line, col = key_node.end_mark.line, key_node.end_mark.column + (i - key_node.end_mark.index)
        if i < len(text) and text[i] == "*":
            m = _ALIAS_END.search(text, i)
            end = m.start() if m else len(text)
            return Span(line + 1, col + 1, line + 1, col + 1 + end - i)
        return self.span(key_node)

    def _check_tag(self, node, at: Span) -> bool:
        """Report an explicit tag (once per node); True if the node has one."""
        ident = id(node)
        if ident in self.tag_checked:
            return ident in self.tagged
        self.tag_checked.add(ident)
        text, i = self.text, node.start_mark.index
        if i < len(text) and text[i] == "&":
            m = _ALIAS_END.search(text, i)
            i = m.start() if m else len(text)
            while i < len(text) and text[i] in " \t":
                i += 1
        if i < len(text) and text[i] == "!":
            m = _ALIAS_END.search(text, i)
            tag = text[i: m.start() if m else len(text)]
            self.problems.append(Problem(
                "F002", f"YAML tags such as '{tag}' are not allowed in goal files", at,
                hint="remove the tag; write the value as plain text or a number", subject=tag))
            self.tagged.add(ident)
            return True
        return False


def _kind_name(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    return "a number" if isinstance(value, (int, float)) else "a value of another type"

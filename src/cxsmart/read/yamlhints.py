"""What most likely caused a YAML syntax error, in words a CX lead can act on: a line indented
differently from the keys it belongs with, a ': ' inside a value, a threshold such as '>= 75%'
that YAML reads as a block of text, a tab; and where to point, when the parser's position is
past the end of a line or of the file, and how far an undefined alias reaches."""

from __future__ import annotations

import re

from cxsmart.diagnostics import Span


def syntax_hint(text: str, line: int, col: int, problem: str, context: str | None) -> str | None:
    hint = _indentation_hint(text, line, col, problem) if text else None
    if hint is None and text and context == "while scanning a block scalar":
        hint = _threshold_hint(text, line)
    if hint is None and text and _char_at(text, line, col) == "\t":
        hint = f"line {line} has a tab at column {col}: YAML indents with spaces only"
    if hint is None:
        hint = next((h for start, h in _SYNTAX_HINTS if problem.startswith(start)), None)
    return hint


_STRUCTURE = re.compile(r"(?P<indent> *)(?P<dash>(?:-[ \t]+)*)(?P<key>(?:[A-Za-z_$<][\w$.<>-]*|\"[^\"\n]*\"|'[^'\n]*')"
                        r"[ \t]*:(?=[ \t]|$))?(?P<rest>.*)")
_BLOCK_SCALAR = re.compile(r":[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")
_INDENT_PROBLEMS = ("mapping values are not allowed", "did not find expected key", "did not find expected '-'",
                    "could not find expected ':'", "while parsing a block")


def _indentation_hint(text: str, line: int, column: int, problem: str) -> str | None:
    """When a syntax error's line is indented differently from every block it could belong to
    (the keys or list items of the mappings and lists open above it), the likely cause is
    that indentation, not the value: say so, with the indentation the line should have."""
    if not problem.startswith(_INDENT_PROBLEMS):
        return None
    lines = text.split("\n")
    if line > len(lines):
        return None
    here = _STRUCTURE.match(lines[line - 1].rstrip("\r"))
    if not (here.group("key") or here.group("dash")):
        return None
    indent = len(here.group("indent"))
    if problem.startswith("mapping values are not allowed"):
        # a mis-indented key runs into the value above it, so the parser stops at its colon;
        # a colon further along the line is a colon inside a value (quotes are the fix)
        if not here.group("key") or column != here.end("key") or here.group("dash"):
            return None
    keys, items = _open_levels(lines[:line - 1])
    if here.group("dash"):
        levels, what = items or keys, "list items ('- ')" if items else "keys"
    else:
        levels, what = keys, "keys"
    if not levels or indent in levels:
        return None
    nearest = min(sorted(levels), key=lambda n: (abs(n - indent), -n))
    spaces = f"{indent} space{'s' if indent != 1 else ''}"
    use = f"use {nearest}" if nearest else "are not indented"
    return (f"line {line} is indented {spaces}; the {what} above it at this level {use}: "
            "line it up with them")


def _open_levels(lines: list[str]) -> tuple[set[int], set[int]]:
    """The indentation of the keys and of the list items that a line after `lines` may line
    up with: those of the mappings and lists still open at its end."""
    structure = []                 # (start indent, key indent or None, dash indent or None)
    scalar_above: int | None = None
    for raw in lines:
        raw = raw.rstrip("\r")
        stripped = raw.strip()
        if not stripped or stripped.startswith("#") or raw.startswith(("---", "...", "%")):
            continue
        m = _STRUCTURE.match(raw)
        indent = len(m.group("indent"))
        if scalar_above is not None:
            if indent > scalar_above:
                continue           # inside a block scalar (| or >): text, not structure
            scalar_above = None
        if not (m.group("key") or m.group("dash")):
            continue               # a continued value
        dash = m.group("dash")
        key_at = indent + len(dash) if m.group("key") else None
        structure.append((indent, key_at, indent if dash else None))
        if m.group("key") and _BLOCK_SCALAR.search(raw):
            scalar_above = indent if not dash else key_at
    keys: set[int] = set()
    items: set[int] = set()
    bound = None
    for start, key_at, dash_at in reversed(structure):
        if bound is not None and start >= bound:
            continue               # inside a block that has closed since
        if key_at is not None:
            keys.add(key_at)
        if dash_at is not None:
            items.add(dash_at)
        bound = start
    return keys, items


_THRESHOLD = re.compile(r"^(?P<head>\s*(?:-\s+)?[\w-]+:\s+)(?P<value>[>|]=?\s*\S.*?)\s*$")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    return row[column - 1] if 0 < column <= len(row) else ""


def _threshold_hint(text: str, line: int) -> str | None:
    """'target: >= 75%': a value that starts with '>' or '|' opens a block of text in YAML."""
    lines = text.split("\n")
    m = _THRESHOLD.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if m is None:
        return None
    return (f"a value starting with '{m.group('value')[0]}' starts a block of text in YAML: put it in quotes, "
            f"{m.group('head').strip()} \"{m.group('value')}\"")


_SYNTAX_HINTS = (
    ("mapping values are not allowed", "a ': ' inside a value needs the whole value in quotes"),
    ("could not find expected ':'", "each key needs a ':' after it, and indentation must line up"),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("found undefined alias", "define the anchor (&name) before using the alias (*name)"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
)


def on_a_line(text: str, line: int, col: int) -> tuple[int, int]:
    """A position the parser gives past the end (an unclosed quote at the end of the file is
    'found' on the line after the last) moved to the end of the last line."""
    lines = text.split("\n")
    if text.endswith("\n") and len(lines) > 1:
        lines.pop()
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return max(line, 1), max(col, 1)


def point(text: str, line: int, col: int) -> Span:
    """The character at (line, col); at the end of a line (or of the file), the empty span
    there: a span never reaches past its line."""
    lines = text.split("\n")
    length = len(lines[line - 1]) if line <= len(lines) else 0
    return Span(line, col, line, col + 1 if col <= length else col)


_ALIAS = re.compile(r"\*[0-9A-Za-z_-]+")           # the characters of an alias name libyaml reads


def alias_at(text: str, line: int, col: int, problem: str) -> Span:
    """The alias `*name` that starts at (line, col). The pure reader names it in `problem`
    ("found undefined alias 'nope'"), libyaml does not: then the name is what libyaml reads as
    one. The character there (as `point`) when no alias starts there."""
    lines = text.split("\n")
    here = lines[line - 1] if line <= len(lines) else ""
    named = re.search(r"'(.+)'", problem)
    if named and here.startswith("*" + named.group(1), col - 1):
        return Span(line, col, line, col + 1 + len(named.group(1)))
    m = _ALIAS.match(here, col - 1)
    return Span(line, col, line, m.end() + 1) if m else point(text, line, col)

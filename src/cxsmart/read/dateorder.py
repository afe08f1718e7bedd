"""How a workspace writes its numeric dates, read from its own unambiguous ones.

`31/12/2027` can only be day-first and `12/31/2027` only month-first; `04/01/2027` reads both
ways. Where every unambiguous numeric date of the workspace (a field or words in a title) is
day-first, its ambiguous ones are read day-first too, and likewise month-first; where the
workspace has both, or none, an ambiguous date stays a finding naming both readings. A
configured `date-order` always decides, and this is not asked at all.

One walk over the already-parsed values of every file, before any goal is built from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cxsmart.diagnostics import Span
from cxsmart.model.timeframes import DAY_FIRST, MONTH_FIRST, describe, numeric_order, parse_date_like
from cxsmart.read.source import Problem
from cxsmart.read.yamlread import Parsed, Path

# what every date NUMERIC_DATE finds holds (a '/' date, or a 4-digit year after '.' or '-'): a
# cheap first look at a whole file, which has no lookbehind to try at every character
_MAYBE = re.compile(r"/\d\d?/\d\d|\.\d\d?\.\d{4}|-\d\d?-\d{4}")
NUMERIC_DATE = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)")
CODE = "T011"


@dataclass
class _Seen:
    """A numeric date as written: in which file, at which YAML path, where in the value."""

    file: str
    path: Path
    text: str
    offset: int


@dataclass
class DateOrder:
    order: str | None = None             # the order the workspace's dates show, if only one
    example: _Seen | None = None         # an unambiguous date that shows it
    first_ambiguous: _Seen | None = None  # the first date that reads both ways (by file, then place)


def infer(files: Iterable[tuple[str, Parsed]], configured: str | None = None) -> DateOrder:
    """The order the workspace's unambiguous numeric dates share, and its first ambiguous date;
    a `configured` order is the order, with nothing to say about it."""
    if configured is not None:
        return DateOrder(configured)
    evidence: dict[str, _Seen] = {}
    ambiguous: list[tuple[str, Parsed]] = []
    for name, parsed in files:
        found = False
        for value in _values(parsed.data):
            for m in _dates(value):
                order = numeric_order(int(m[1]), int(m[3]))
                if order is not None:
                    evidence.setdefault(order, _Seen(name, (), m.group(0), m.start()))
                else:
                    found = True
        if found:
            ambiguous.append((name, parsed))
    if len(evidence) != 1:
        return DateOrder()
    order, example = next(iter(evidence.items()))
    return DateOrder(order, example, _first_ambiguous(min(ambiguous, key=lambda f: f[0])) if ambiguous else None)


def may_hold_dates(text: str) -> bool:
    """Whether a file's text has a numeric date anywhere (one regex over the text, before any walk
    of its values: most workspaces write ISO dates, and their files need no walk at all)."""
    return _MAYBE.search(text) is not None and next(_dates(text), None) is not None


def _dates(value: str):
    """The numeric dates in a value ('30/09/27', '31.12.2027'), not versions ('1.2.10') or codes ('1-2-27')."""
    for m in NUMERIC_DATE.finditer(value):
        if len(m[4]) == 4 or m[2] == "/":
            yield m


def _first_ambiguous(file: tuple[str, Parsed]) -> _Seen:
    """The file's first date that reads both ways, by line and column (a second walk, with paths,
    of the one file that needs it)."""
    name, parsed = file
    found = []
    root = ("goals",) if isinstance(parsed.data, list) else ()       # a bare list is indexed as goals
    for path, value in _paths(parsed.data, root):
        for m in _dates(value):
            if numeric_order(int(m[1]), int(m[3])) is None:
                entry = parsed.index.get(path)
                where = (entry.value.line, entry.value.column + m.start()) if entry else (0, 0)
                found.append((where, _Seen(name, path, m.group(0), m.start())))
    return min(found, key=lambda f: f[0])[1]


def _maybe_date(value: str) -> bool:
    """Cheap: two '/' or '.', or a '-' second or third ('30-06-2027'; not ISO '2027-06-30')."""
    return value.count("/") >= 2 or value.count(".") >= 2 or "-" in value[1:3]


def _values(data) -> list[str]:
    """Every string value that may hold a numeric date: the fast walk, without paths."""
    out, stack = [], [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if _maybe_date(value):
                out.append(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return out


def _paths(data, path: Path):
    """(path, text) for each string value that may hold a numeric date."""
    if isinstance(data, str):
        if _maybe_date(data):
            yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, path + (i,))


def with_notice(sources: list, guess: DateOrder) -> list:
    """The loaded files, the one holding the first date read in an order the workspace showed with
    the run's one finding about it (which order, and how to set it) at that date."""
    seen = guess.first_ambiguous
    if guess.example is None or seen is None:
        return sources
    source = next(s for s in sources if s.path == seen.file)
    entry = source.index.get(seen.path)
    span = entry.value if entry else Span(1, 1, 1, 2)
    if entry and entry.style in ("", "'", '"') and span.line == span.end_line:
        start = span.column + seen.offset + (1 if entry.style else 0)
        span = Span(span.line, start, span.line, start + len(seen.text))
    other = MONTH_FIRST if guess.order == DAY_FIRST else DAY_FIRST
    read = describe(parse_date_like(seen.text, date_order=guess.order).last)
    message = (f"{seen.text} is read as {read} ({guess.order}), as this workspace writes its other dates "
               f"({guess.example.text} in {guess.example.file}); every date that reads both ways is read so")
    hint = (f"say it in the configuration: date-order = \"{guess.order}\" in cxsmart.toml (or \"{other}\" if "
            f"{seen.text} is not meant so)")
    source.problems.append(Problem(CODE, message, span, hint=hint, subject=seen.text))
    return sources

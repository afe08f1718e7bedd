"""Inline suppression comments.

    title: Become the most customer-centric bank   # cxsmart: ignore[S001]
    # cxsmart: ignore-file[T003]

`ignore[...]` suppresses those codes (or prefixes) for findings that start on that line; on
the first line of a goal (its `- id: ...` or `- title: ...` line) it covers the whole goal:
every finding that starts inside the goal's YAML node. `ignore-file[...]` anywhere in the
file suppresses them in the whole file. A suppression without codes, or with a code no rule
has, is F006; one that suppressed nothing is F007.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cxsmart.diagnostics import Diagnostic, Span
from cxsmart.common.suggest import did_you_mean

Index = dict      # yamlread's index: YAML path -> Entry (key span, value span, ...)

_COMMENT = re.compile(r"(?:^|[ \t])#[ \t]*cxsmart:[ \t]*(?P<kind>ignore-file|ignore)\b(?P<codes>\[[^\]\n]*\]?)?")


@dataclass
class Suppression:
    line: int
    span: Span
    file_wide: bool
    codes: list[str]
    used: set[str] = field(default_factory=set)
    last_line: int | None = None      # on a goal's first line: the goal's last line

    def covers(self, code: str) -> str | None:
        for c in self.codes:
            if code.startswith(c):
                return c
        return None


@dataclass
class FileSuppressions:
    by_line: dict[int, list[Suppression]] = field(default_factory=dict)
    file_wide: list[Suppression] = field(default_factory=list)
    malformed: list[tuple[Span, str]] = field(default_factory=list)
    goal_wide: list[Suppression] = field(default_factory=list)      # also in by_line

    @property
    def all(self) -> list[Suppression]:
        return [s for group in self.by_line.values() for s in group] + self.file_wide


def parse(text: str | None, known_codes: set[str], index: Index | None = None) -> FileSuppressions:
    """The file's suppression comments. With the file's YAML index, a line suppression on the
    first line of a goal covers the goal's lines."""
    out = FileSuppressions()
    if not text or "cxsmart:" not in text:
        return out
    for number, line in enumerate(text.split("\n"), start=1):
        if "cxsmart:" not in line:
            continue
        for m in _COMMENT.finditer(line):
            start = m.start() + (1 if m.group(0)[0] in " \t" else 0)
            span = Span(number, start + 1, number, m.end() + 1)
            raw = m.group("codes")
            if not raw or not raw.endswith("]") or not raw.strip("[] \t"):
                kind = m.group("kind")
                out.malformed.append((span, f"'# cxsmart: {kind}' must name the codes it suppresses, "
                                            f"like '# cxsmart: {kind}[S001]'"))
                continue
            codes = [c.strip().upper() for c in raw.strip("[]").split(",") if c.strip()]
            good = []
            for code in codes:
                if any(k.startswith(code) for k in known_codes):
                    good.append(code)
                else:
                    out.malformed.append((span, f"'{code}' in this suppression is not a rule code"
                                                f"{did_you_mean(code, known_codes)}"))
            supp = Suppression(number, span, m.group("kind") == "ignore-file", good)
            if supp.file_wide:
                out.file_wide.append(supp)
            else:
                out.by_line.setdefault(number, []).append(supp)
    if index and out.by_line:
        _widen_to_goals(out, index)
    return out


def goal_lines(index: Index) -> dict[int, int]:
    """First line -> last line of each goal (`goals:` item) in a file's YAML index."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for path, entry in index.items():
        if len(path) < 2 or path[0] != "goals" or type(path[1]) is not int:
            continue
        i = path[1]
        span = entry.value
        if len(path) == 2:
            first[i] = span.line
        end = span.end_line
        if end > span.line and span.end_column == 1:
            end -= 1              # a block scalar ends at the start of the line after it
        if entry.key is not None:
            end = max(end, entry.key.end_line)
        if end > last.get(i, 0):
            last[i] = end
    return {line: max(last.get(i, line), line) for i, line in first.items()}


def _widen_to_goals(out: FileSuppressions, index: Index) -> None:
    goals = goal_lines(index)
    for line, supps in out.by_line.items():
        last = goals.get(line)
        if last is None:
            continue
        for supp in supps:
            supp.last_line = last
            out.goal_wide.append(supp)


def suppressed(diag: Diagnostic, supps: FileSuppressions) -> bool:
    line = diag.span.line
    around = [s for s in supps.goal_wide if s.line < line <= s.last_line] if supps.goal_wide else []
    for supp in supps.by_line.get(line, []) + around + supps.file_wide:
        hit = supp.covers(diag.code)
        if hit:
            supp.used.add(hit)
            return True
    return False

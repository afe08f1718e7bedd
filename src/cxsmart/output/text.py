"""Human output: findings grouped by file, each with its position, code, severity, message,
the source line with the span underlined, and a one-line hint; then a summary."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from cxsmart.api import LintResult
from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.printable import printable

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_WINDOW = 160   # characters of a long source line shown around the span


def render(result: LintResult, console: Console, sources: dict[str, list[str]], quiet: bool = False,
           statistics: bool = False) -> None:
    if statistics:
        _statistics(result, console)
        return
    for path, group in groupby(result.diagnostics, key=lambda d: d.path):
        console.print(Text(printable(path), style="bold underline"))
        for d in group:
            _finding(d, console, sources.get(path, []))
        console.print()
    if not quiet:
        _summary(result, console)


def _finding(d: Diagnostic, console: Console, lines: list[str]) -> None:
    s = d.span
    head = Text("  ")
    head.append(f"{d.path}:{s.line}:{s.column}", style="bold")
    head.append("  ")
    head.append(d.code, style=_STYLE[d.severity])
    head.append(f" {d.severity}", style=_STYLE[d.severity])
    head.append(f"  {printable(d.message)}")
    if d.goal:
        head.append(f"  [{printable(d.goal)}]", style="dim")
    console.print(head, soft_wrap=True)
    if 1 <= s.line <= len(lines):
        _excerpt(d, lines[s.line - 1], console)
    if d.hint:
        console.print(Text("      = hint: ", style="dim").append(printable(d.hint), style="green"), soft_wrap=True)


def _excerpt(d: Diagnostic, line: str, console: Console) -> None:
    s = d.span
    source = line.rstrip("\r\n").replace("\t", " ")
    if printable(source) != source:             # control characters: show the line escaped, no underline
        console.print(Text(f"    {s.line} │ ", style="dim") + Text(printable(source)), soft_wrap=True)
        return
    start = max(s.column - 1, 0)
    end = s.end_column - 1 if s.end_line == s.line else len(source.rstrip())
    end = max(min(end, len(source)), start + 1)
    offset = 0
    if len(source) > _WINDOW:
        offset = max(0, min(start - 20, len(source) - _WINDOW))
        source = ("…" if offset else "") + source[offset:offset + _WINDOW] + ("…" if offset + _WINDOW < len(line) else "")
        shift = 1 if offset else 0
        start, end = start - offset + shift, min(end - offset + shift, len(source))
    number = str(s.line)
    pad = " " * len(number)
    gutter = Text(f"    {number} │ ", style="dim")
    console.print(gutter + Text(source), soft_wrap=True)
    marks = " " * cell_len(source[:start]) + "^" * max(cell_len(source[start:end]), 1)
    console.print(Text(f"    {pad} │ ", style="dim") + Text(marks, style=_STYLE[d.severity]), soft_wrap=True)


def _summary(result: LintResult, console: Console) -> None:
    counts = Counter(d.severity for d in result.diagnostics)
    goals = f"{result.goals} goal{'s' if result.goals != 1 else ''}"
    files = f"{result.files} file{'s' if result.files != 1 else ''}"
    if not result.diagnostics:
        console.print(Text(f"All clear: {goals} in {files}, no findings.", style="green"))
        return
    parts = [f"{counts[sev]} {name}{'s' if counts[sev] != 1 and name != 'info' else ''}"
             for sev, name in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info"))
             if counts[sev]]
    failing = sum(1 for d in result.diagnostics if d.severity >= result.fail_on)
    style = "bold red" if failing else "yellow"
    total = len(result.diagnostics)
    line = Text(f"Checked {goals} in {files}: {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}).",
                style=style)
    console.print(line)
    if not failing:
        console.print(Text(f"None is at or above '--fail-on {result.fail_on}', so the run passes.", style="dim"))
    console.print(Text("Explain a finding: cxsmart rule CODE", style="dim"))


def _statistics(result: LintResult, console: Console) -> None:
    counts = Counter((d.code, d.name, d.severity) for d in result.diagnostics)
    for (code, name, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0])):
        console.print(Text(f"{n:>6}  ").append(code, style=_STYLE[severity]).append(f"  {name}  ({severity})"))

"""Human output: findings grouped by file, each with its position, code, severity, message,
the source line with the span underlined, and a one-line hint; then a summary.

Findings are written as strings, styled through rich's Style for the colour system rich
detects (or none when the output is not a terminal, NO_COLOR, --color never): building rich
Text objects and printing them made 7,000 findings take two seconds.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import COLOR_SYSTEMS, Console
from rich.style import Style
from rich.text import Text

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.common.printable import printable, printable_path

if TYPE_CHECKING:
    from cxsmart.cache.results import LintResult  # the program's result; output only reads it

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_WINDOW = 160   # characters of a long source line shown around the span


class _Paint:
    """paint(text, "bold red"): the text with the escape codes of the console's colour system."""

    def __init__(self, console: Console) -> None:
        self.system = COLOR_SYSTEMS.get(console.color_system or "")
        self.no_color = console.no_color
        self.styles: dict[str, Style] = {}

    def __call__(self, text: str, style: str) -> str:
        if self.system is None or not text:
            return text
        parsed = self.styles.get(style)
        if parsed is None:
            parsed = self.styles[style] = Style.parse(style).without_color if self.no_color else Style.parse(style)
        return parsed.render(text, color_system=self.system)


def render(result: LintResult, console: Console, sources: dict[str, list[str]], quiet: bool = False,
           statistics: bool = False) -> None:
    if statistics:
        _statistics(result, console)
        return
    paint = _Paint(console)
    for path, group in groupby(result.diagnostics, key=lambda d: d.path):
        lines = [paint(printable_path(path), "bold underline")]
        for d in group:
            lines += _finding(d, sources.get(path, []), paint)
        lines.append("\n")
        console.file.write("\n".join(lines))
    if not quiet:
        _summary(result, console)


def _finding(d: Diagnostic, lines: list[str], paint: _Paint) -> list[str]:
    s = d.span
    style = _STYLE[d.severity]
    mark = paint(" [*]", "bold green") if d.fix and d.fix.applicability == "safe" else ""
    head = (f"  {paint(f'{printable_path(d.path)}:{s.line}:{s.column}', 'bold')}  {paint(d.code, style)}{mark}"
            f"{paint(f' {d.severity}', style)}  {printable(d.message)}")
    if d.goal:
        head += paint(f"  [{printable(d.goal)}]", "dim")
    out = [head]
    if 1 <= s.line <= len(lines):
        out += _excerpt(d, lines[s.line - 1], paint)
    if d.hint:
        out.append(paint("      = hint: ", "dim") + paint(printable(d.hint), "green"))
    return out


def _excerpt(d: Diagnostic, line: str, paint: _Paint) -> list[str]:
    s = d.span
    source = line.rstrip("\r\n").replace("\t", " ")
    if printable(source) != source:             # control characters: show the line escaped, no underline
        return [paint(f"    {s.line} │ ", "dim") + printable(source)]
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
    marks = " " * cell_len(source[:start]) + "^" * max(cell_len(source[start:end]), 1)
    return [paint(f"    {number} │ ", "dim") + source,
            paint(f"    {pad} │ ", "dim") + paint(marks, _STYLE[d.severity])]


def _summary(result: LintResult, console: Console) -> None:
    counts = Counter(d.severity for d in result.diagnostics)
    goals = f"{result.goals} goal{'s' if result.goals != 1 else ''}"
    files = f"{result.files} file{'s' if result.files != 1 else ''}"
    if result.fixed:
        console.print(Text(f"Fixed {result.fixed} finding{'s' if result.fixed != 1 else ''}.", style="green"))
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
    fixes = fix_counts(result.diagnostics)
    if fixes:
        console.print(Text(fixes, style="dim"))
    for n, path, why in result.held_back():
        console.print(Text(printable(f"--fix will not apply {n} fix{'es' if n != 1 else ''} in {path}: {why}."),
                           style="dim"))
    console.print(Text("Explain a finding: cxsmart rule CODE", style="dim"))


def fix_counts(diagnostics) -> str:
    """The summary's fix line, e.g. [*] 3 fixable with 'cxsmart lint --fix' (1 more with
    '--unsafe-fixes').; '' when no finding has a fix."""
    safe = sum(1 for d in diagnostics if d.fix and d.fix.applicability == "safe")
    unsafe = sum(1 for d in diagnostics if d.fix and d.fix.applicability != "safe")
    parts = [f"[*] {safe} fixable with 'cxsmart lint --fix'"] if safe else []
    if unsafe:
        parts.append(f"{unsafe} more with '--unsafe-fixes'" if safe else
                     f"{unsafe} fixable with '--fix --unsafe-fixes'")
    return (parts[0] + (f" ({parts[1]})" if len(parts) > 1 else "") + ".") if parts else ""


def _statistics(result: LintResult, console: Console) -> None:
    counts = Counter((d.code, d.name, d.severity) for d in result.diagnostics)
    for (code, name, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0])):
        console.print(Text(f"{n:>6}  ").append(code, style=_STYLE[severity]).append(f"  {name}  ({severity})"))

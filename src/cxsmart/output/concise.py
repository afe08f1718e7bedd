"""One line per finding: `path:line:col: CODE message`, like ruff's concise format."""

from __future__ import annotations

from cxsmart.printable import printable, printable_path


def render(result, registry=None) -> str:
    lines = [printable_path(d.path) + printable(f":{d.span.line}:{d.span.column}: {d.code} {d.message}")
             for d in result.diagnostics]
    n = len(result.diagnostics)
    lines.append(f"Found {n} finding{'s' if n != 1 else ''}." if n else "All clear.")
    return "\n".join(lines) + "\n"

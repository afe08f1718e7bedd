"""One line per finding: `path:line:col: CODE message`, like ruff's concise format."""

from __future__ import annotations

from cxsmart.common.printable import printable, printable_path


def render(result, registry=None) -> str:
    lines = [printable_path(d.path) + printable(f":{d.span.line}:{d.span.column}: {d.code}{_mark(d)} {d.message}")
             for d in result.diagnostics]
    n = len(result.diagnostics)
    fixed = getattr(result, "fixed", 0)
    lines.append((f"Found {n} finding{'s' if n != 1 else ''}" + (f" ({fixed} fixed, {n} remaining)." if fixed else "."))
                 if n else (f"Fixed {fixed} finding{'s' if fixed != 1 else ''}. All clear." if fixed else "All clear."))
    fixable = sum(1 for d in result.diagnostics if d.fix and d.fix.applicability == "safe")
    if fixable:
        lines.append(f"[*] {fixable} fixable with 'cxsmart lint --fix'.")
    return "\n".join(lines) + "\n"


def _mark(d) -> str:
    return " [*]" if d.fix and d.fix.applicability == "safe" else ""

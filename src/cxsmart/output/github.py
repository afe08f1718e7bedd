"""GitHub Actions workflow commands: one annotation per finding, then a plain summary line.

GitHub shows at most 10 error and 10 warning annotations per step, so annotations
complement the summary (and SARIF upload); they do not replace it.
"""

from __future__ import annotations

from cxsmart.common.printable import github_data as _data
from cxsmart.common.printable import github_param as _param

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def render(result, registry=None) -> str:
    lines = []
    for d in result.diagnostics:
        s = d.span
        params = [f"file={_param(d.path)}", f"line={s.line}", f"endLine={s.end_line}"]
        if s.line == s.end_line:
            params += [f"col={s.column}", f"endColumn={s.end_column}"]
        params.append(f"title={_param(f'{d.code} {d.name}')}")
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(f"::{_LEVEL[str(d.severity)]} {','.join(params)}::{_data(message)}")
    n = len(result.diagnostics)
    lines.append(f"cxsmart: {n} finding{'s' if n != 1 else ''} in {result.files} file{'s' if result.files != 1 else ''}")
    return "\n".join(lines) + "\n"

"""JSON output: an object with a `diagnostics` list (stable keys, sorted findings)."""

from __future__ import annotations

import json
from collections import Counter

from cxsmart import __version__
from cxsmart.api import LintResult


def render(result: LintResult, registry=None, statistics: bool = False) -> str:
    counts = Counter(str(d.severity) for d in result.diagnostics)
    doc = {
        "tool": "cxsmart",
        "version": __version__,
        "files": result.files,
        "goals": result.goals,
        "summary": {"error": counts["error"], "warning": counts["warning"], "info": counts["info"]},
        "diagnostics": [d.to_json() for d in result.diagnostics],
    }
    if statistics:
        doc["statistics"] = [{"code": code, "name": name, "severity": sev, "count": n}
                             for (code, name, sev), n in sorted(_by_code(result).items())]
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _by_code(result: LintResult) -> Counter:
    return Counter((d.code, d.name, str(d.severity)) for d in result.diagnostics)

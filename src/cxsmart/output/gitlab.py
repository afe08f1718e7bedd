"""GitLab Code Quality report: one JSON array; fingerprints unique and stable across line moves."""

from __future__ import annotations

import json

from cxsmart.output.fingerprint import fingerprints

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(result, registry=None) -> str:
    out = []
    for d, fp in zip(result.diagnostics, fingerprints(result.diagnostics)):
        out.append({
            "description": f"{d.code} {d.message}",
            "check_name": f"{d.code} {d.name}",
            "fingerprint": fp,
            "severity": _SEVERITY[str(d.severity)],
            "location": {"path": d.path, "lines": {"begin": d.span.line, "end": d.span.end_line}},
        })
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"

"""JSON output: an object with a `diagnostics` list (stable keys, sorted findings).

The output is exactly `json.dumps(doc, indent=2, ensure_ascii=False)`; the findings, flat
objects of text, numbers and nulls, are written by hand with the C string encoder, because
the standard library's indenting encoder is pure Python (a tenth of a 10,000-goal run).
"""

from __future__ import annotations

import json
from collections import Counter
from json.encoder import encode_basestring
from typing import TYPE_CHECKING

from cxsmart import __version__

if TYPE_CHECKING:
    from cxsmart.cache.results import LintResult  # the program's result; output only reads it


def render(result: LintResult, registry=None, statistics: bool = False) -> str:
    counts = Counter(str(d.severity) for d in result.diagnostics)
    doc = {
        "tool": "cxsmart",
        "version": __version__,
        "files": result.files,
        "goals": result.goals,
        "summary": {"error": counts["error"], "warning": counts["warning"], "info": counts["info"],
                    "fixable": sum(1 for d in result.diagnostics if d.fix and d.fix.applicability == "safe"),
                    "fixed": getattr(result, "fixed", 0)},
        "diagnostics": [],
    }
    if statistics:
        doc["statistics"] = [{"code": code, "name": name, "severity": sev, "count": n}
                             for (code, name, sev), n in sorted(_by_code(result).items())]
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if not result.diagnostics:
        return text
    items = ",\n".join(_flat(d.to_json()) for d in result.diagnostics)
    return text.replace('"diagnostics": []', f'"diagnostics": [\n{items}\n  ]', 1)


def _flat(obj: dict) -> str:
    """One finding as json.dumps writes it at depth 2 with indent=2."""
    fields = ",\n".join(f"      {encode_basestring(k)}: {_value(v)}" for k, v in obj.items())
    return f"    {{\n{fields}\n    }}"


def _value(v) -> str:
    if isinstance(v, str):
        return encode_basestring(v)
    if v is None:
        return "null"
    if isinstance(v, dict):                     # a fix: nested, as json.dumps indents it at depth 3
        return json.dumps(v, indent=2, ensure_ascii=False).replace("\n", "\n      ")
    if isinstance(v, bool) or not isinstance(v, int):
        return json.dumps(v)
    return str(v)


def _by_code(result: LintResult) -> Counter:
    return Counter((d.code, d.name, str(d.severity)) for d in result.diagnostics)

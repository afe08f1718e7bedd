"""SARIF 2.1.0, as GitHub code scanning ingests it.

One run; the tool driver lists every rule with its documentation as help text; each result
has a rule id, a level (info -> note), a message whose first sentence is the alert title, a
physical location with a 1-based region (columns in Unicode code points, end one past) and a
tool-specific partial fingerprint that does not depend on line numbers. GitHub computes
primaryLocationLineHash itself, so it is not emitted.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from cxsmart import __version__
from cxsmart.output.fingerprint import fingerprints
from cxsmart.rule import LETTERS

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
MAX_RESULTS = 25_000


def render(result, registry) -> str:
    rules = registry.sorted()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for d, fp in zip(result.diagnostics[:MAX_RESULTS], fingerprints(result.diagnostics)):
        s = d.span
        message = d.message[:1].upper() + d.message[1:]
        item = {
            "ruleId": d.code,
            "level": _LEVEL[str(d.severity)],
            "message": {"text": f"{message}." + (f" {d.hint[:1].upper() + d.hint[1:]}." if d.hint else "")},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": quote(d.path)},
                "region": {"startLine": s.line, "startColumn": s.column, "endLine": s.end_line,
                           "endColumn": max(s.end_column, s.column + 1) if s.end_line == s.line else s.end_column},
            }}],
            "partialFingerprints": {"cxsmart/v1": fp},
        }
        if d.code in index:
            item["ruleIndex"] = index[d.code]
        if d.fix:
            item["fixes"] = [_fix(d)]
        if d.goal:
            item["properties"] = {"goal": d.goal}
        results.append(item)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cxsmart",
                "version": __version__,
                "rules": [_rule(r) for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _fix(d) -> dict:
    """A SARIF fix: the edits as replacements in the finding's file; columns as in regions."""
    return {
        "description": {"text": f"{d.fix.message} ({d.fix.applicability} fix)"},
        "artifactChanges": [{
            "artifactLocation": {"uri": quote(d.path)},
            "replacements": [{"deletedRegion": {"startLine": e.span.line, "startColumn": e.span.column,
                                                "endLine": e.span.end_line, "endColumn": e.span.end_column},
                              "insertedContent": {"text": e.content}} for e in d.fix.edits],
        }],
        "properties": {"applicability": d.fix.applicability},
    }


def _rule(rule) -> dict:
    sections = rule.sections()
    doc = _plain(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": sections.get("", rule.summary()).replace("\n", " ")},
        "help": {"text": doc, "markdown": f"**{rule.code} {rule.name}**\n\n{doc}"},
        "defaultConfiguration": {"level": _LEVEL[str(rule.severity)], "enabled": rule.default_enabled},
        "properties": {"tags": [LETTERS.get(rule.letter(), rule.letter()), "cx-goals"]},
    }


def _plain(rule) -> str:
    sections = rule.sections()
    parts = [sections.get("", "")]
    parts += [f"## {title}\n{body}" for title, body in sections.items() if title]
    return "\n\n".join(p for p in parts if p)

"""Baselines, for adopting cxsmart on a goals repository that already has findings.

`cxsmart lint --write-baseline FILE` records today's findings; with `baseline = "FILE"` in
the configuration only new findings are reported. A finding is recognised by its rule, file,
goal and the words it is about, never its line, so editing around it does not resurface it.
Each entry hides one finding: two identical findings need two entries.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cxsmart.diagnostics import Diagnostic
from cxsmart.output.fingerprint import key

FORMAT_VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read (exit 2)."""


def fingerprint(d: Diagnostic) -> str:
    return hashlib.sha256(key(d).encode("utf-8")).hexdigest()[:32]


@dataclass
class Applied:
    kept: list[Diagnostic]
    matched: int = 0
    stale: list[dict] = field(default_factory=list)


def render(diagnostics: list[Diagnostic]) -> str:
    entries = sorted(({"fingerprint": fingerprint(d), "code": d.code, "path": d.path, "goal": d.goal,
                       "message": d.message} for d in diagnostics),
                     key=lambda e: (e["path"], e["code"], e["goal"] or "", e["message"], e["fingerprint"]))
    doc = {"tool": "cxsmart", "version": FORMAT_VERSION,
           "note": "Findings accepted on the day this file was written; cxsmart reports only new ones.",
           "findings": entries}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


MAX_BASELINE_BYTES = 64 * 1024 * 1024


def load(path: Path) -> list[dict]:
    """The baseline's entries. A regular file of bounded size only (a FIFO or /dev/zero is an
    error, not a hang), and JSON with a nesting limit (never a RecursionError)."""
    from cxsmart.read.safeopen import Unreadable, read_json

    if not os.path.lexists(path):
        raise BaselineError(f"{path}: baseline file not found (write one with --write-baseline {path})")
    try:
        doc = read_json(path, MAX_BASELINE_BYTES)
    except Unreadable as e:
        raise BaselineError(f"{e}: not a cxsmart baseline") from None
    if not isinstance(doc, dict) or doc.get("tool") != "cxsmart" or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"{path}: not a cxsmart baseline (write one with --write-baseline)")
    if doc.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{path}: baseline version {doc.get('version')} is not supported; write it again")
    entries = doc["findings"]
    if not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries):
        raise BaselineError(f"{path}: every baseline entry needs a 'fingerprint'")
    return entries


def apply(diagnostics: list[Diagnostic], entries: list[dict]) -> Applied:
    budget = Counter(e["fingerprint"] for e in entries)
    out = Applied(kept=[])
    for d in diagnostics:
        fp = fingerprint(d)
        if budget[fp] > 0:
            budget[fp] -= 1
            out.matched += 1
        else:
            out.kept.append(d)
    for e in entries:
        if budget[e["fingerprint"]] > 0:
            budget[e["fingerprint"]] -= 1
            out.stale.append(e)
    return out

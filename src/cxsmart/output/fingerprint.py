"""Stable identities for findings: rule, file, goal and the words a finding is about, never
line numbers, so that moving a goal does not make an old finding look new. Used by SARIF,
GitLab Code Quality and baselines."""

from __future__ import annotations

import hashlib
from collections import Counter

from cxsmart.diagnostics import Diagnostic


def key(d: Diagnostic) -> str:
    return "\x1f".join((d.code, d.path, d.goal or "", d.subject or d.message))


def fingerprints(diagnostics: list[Diagnostic]) -> list[str]:
    """One fingerprint per finding, unique within the list: a repeated key gets ':2', ':3'..."""
    seen: Counter[str] = Counter()
    out = []
    for d in diagnostics:
        k = key(d)
        seen[k] += 1
        digest = hashlib.sha256(k.encode("utf-8")).hexdigest()[:32]
        out.append(digest if seen[k] == 1 else f"{digest}:{seen[k]}")
    return out

"""The result of a run, and its form in the cache (JSON; read back only if it is exactly what
cxsmart writes, since the cache sits in the repository)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cxsmart.diagnostics import Diagnostic, Fix, Severity, Span
from cxsmart.registry import Registry


@dataclass
class LintResult:
    diagnostics: list[Diagnostic]
    files: int
    goals: int
    fail_on: Severity
    warnings: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)      # every file linted, as shown
    registry: Registry | None = None                    # the rules of this run (built-in, plugins, packs)
    fixed: int = 0                                      # findings --fix fixed before this result was taken
    workspace: object = field(default=None, repr=False, compare=False)   # what the run read (not cached)

    @property
    def failed(self) -> bool:
        return any(d.severity >= self.fail_on for d in self.diagnostics)


def stored(result: LintResult) -> dict:
    return {"diagnostics": [{**d.to_json(), "subject": d.subject} for d in result.diagnostics],
            "files": result.files, "goals": result.goals, "paths": result.paths, "warnings": result.warnings}


def restored(doc: dict, fail_on: Severity, registry: Registry) -> LintResult | None:
    """A stored result, or None if the entry is not what cxsmart writes (the cache is untrusted)."""
    try:
        diagnostics = [Diagnostic(code=str(d["code"]), name=str(d["name"]), severity=Severity.parse(d["severity"]),
                                  message=str(d["message"]), path=str(d["path"]),
                                  span=Span(int(d["line"]), int(d["column"]), int(d["end_line"]), int(d["end_column"])),
                                  goal=_text(d["goal"]), hint=_text(d["hint"]), subject=_text(d.get("subject")),
                                  fix=Fix.from_json(d["fix"]) if d.get("fix") else None)
                       for d in doc["diagnostics"]]
        return LintResult(diagnostics, int(doc["files"]), int(doc["goals"]), fail_on,
                          [str(w) for w in doc["warnings"]], [str(p) for p in doc["paths"]], registry)
    except (KeyError, TypeError, ValueError):
        return None


def _text(value) -> str | None:
    return None if value is None else str(value)

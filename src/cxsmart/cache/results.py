"""The result of a run, and its form in the cache (JSON; read back only if it is exactly what
cxsmart writes, since the cache sits in the repository)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cxsmart.diagnostics import Diagnostic, Fix, Severity, Span
from cxsmart.settings.registry import Registry


@dataclass
class LintResult:
    diagnostics: list[Diagnostic]
    files: int
    goals: int
    fail_on: Severity
    warnings: list[str] = field(default_factory=list)    # plugins that failed to load
    paths: list[str] = field(default_factory=list)      # every file linted, as shown
    registry: Registry | None = None                    # the rules of this run (built-in, plugins, packs)
    fixed: int = 0                                      # findings --fix fixed before this result was taken
    withheld: dict[str, tuple[str, int, int]] = field(default_factory=dict)   # path -> (why --fix leaves it
                                                        # alone, safe fixes held back, unsafe ones)
    notes: list[str] = field(default_factory=list)      # what the run left out and why (warnings too)
    workspace: object = field(default=None, repr=False, compare=False)   # what the run read (not cached)

    def held_back(self, unsafe: bool = False) -> list[tuple[int, str, str]]:
        """(how many fixes, path, why) for each file whose fixes --fix (with --unsafe-fixes:
        `unsafe`) will not apply, as it does not touch the file."""
        held = [(safe + (more if unsafe else 0), path, why) for path, (why, safe, more) in sorted(self.withheld.items())]
        return [h for h in held if h[0]]

    @property
    def failed(self) -> bool:
        return any(d.severity >= self.fail_on for d in self.diagnostics)


def stored(result: LintResult) -> dict:
    return {"diagnostics": [{**d.to_json(), "subject": d.subject} for d in result.diagnostics],
            "files": result.files, "goals": result.goals, "paths": result.paths, "warnings": result.warnings,
            "withheld": {path: list(held) for path, held in result.withheld.items()}}


def restored(doc: dict, fail_on: Severity, registry: Registry) -> LintResult | None:
    """A stored result, or None if the entry is not what cxsmart writes (the cache is untrusted)."""
    try:
        diagnostics = [Diagnostic(code=str(d["code"]), name=str(d["name"]), severity=Severity.parse(d["severity"]),
                                  message=str(d["message"]), path=str(d["path"]),
                                  span=Span(int(d["line"]), int(d["column"]), int(d["end_line"]), int(d["end_column"])),
                                  goal=_text(d["goal"]), hint=_text(d["hint"]), subject=_text(d.get("subject")),
                                  fix=Fix.from_json(d["fix"]) if d.get("fix") else None)
                       for d in doc["diagnostics"]]
        withheld = {str(path): (str(why), int(safe), int(unsafe))
                    for path, (why, safe, unsafe) in doc.get("withheld", {}).items()}
        return LintResult(diagnostics, int(doc["files"]), int(doc["goals"]), fail_on,
                          [str(w) for w in doc["warnings"]], [str(p) for p in doc["paths"]], registry,
                          withheld=withheld)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _text(value) -> str | None:
    return None if value is None else str(value)

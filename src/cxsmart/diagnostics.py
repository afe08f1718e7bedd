"""What a finding is: severity, the span it points at, and its sorted, serialisable form."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Severity(enum.IntEnum):
    """Ordered so that `severity >= fail_on` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"'{text}' is not a severity: use error, warning or info") from None

    def __str__(self) -> str:
        return self.name.lower()


class Span(NamedTuple):
    """A range in a file: 1-based line and column; the end column is one past the last character.
    (A NamedTuple: the loader makes one for every value of every file, so it must be cheap.)"""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> "Span":
        return cls(line, column, line, column + 1)


UNKNOWN_SPAN = Span(1, 1, 1, 1)

SAFE, UNSAFE = "safe", "unsafe"


class Edit(NamedTuple):
    """Replace the text of `span` (end exclusive; an empty span inserts) with `content`.
    Positions count lines as findings do; a line break in `content` is written as "\n" and
    takes the file's own line ending when applied."""

    span: Span
    content: str

    def to_json(self) -> dict:
        s = self.span
        return {"line": s.line, "column": s.column, "end_line": s.end_line, "end_column": s.end_column,
                "content": self.content}


@dataclass(frozen=True, slots=True)
class Fix:
    """What `--fix` would write for a finding: edits applied together or not at all.
    `safe`: the meaning cannot change; `unsafe`: a reasonable reading a person should check."""

    edits: tuple[Edit, ...]
    applicability: str = SAFE
    message: str = ""

    def to_json(self) -> dict:
        return {"applicability": self.applicability, "message": self.message,
                "edits": [e.to_json() for e in self.edits]}

    @classmethod
    def from_json(cls, doc: dict) -> "Fix":
        """The JSON form read back (the cache); raises KeyError, TypeError or ValueError."""
        applicability = str(doc["applicability"])
        if applicability not in (SAFE, UNSAFE):
            raise ValueError(applicability)
        edits = tuple(Edit(Span(int(e["line"]), int(e["column"]), int(e["end_line"]), int(e["end_column"])),
                           str(e["content"])) for e in doc["edits"])
        return cls(edits, applicability, str(doc["message"]))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    span: Span
    goal: str | None = None
    hint: str | None = None
    # words the finding is about, for stable fingerprints (baselines, SARIF, GitLab)
    subject: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    fix: Fix | None = field(default=None, compare=False, hash=False)

    @property
    def sort_key(self) -> tuple:
        s = self.span
        return (self.path, s.line, s.column, self.code, s.end_line, s.end_column, self.message, self.goal or "")
        # the goal last: one value merged into two goals gives two findings that differ only there

    def to_json(self) -> dict:
        s = self.span
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "path": self.path,
            "line": s.line,
            "column": s.column,
            "end_line": s.end_line,
            "end_column": s.end_column,
            "goal": self.goal,
            "hint": self.hint,
            "fix": self.fix.to_json() if self.fix else None,
        }

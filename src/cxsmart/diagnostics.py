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

    @property
    def sort_key(self) -> tuple:
        s = self.span
        return (self.path, s.line, s.column, self.code, s.end_line, s.end_column, self.message)

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
        }

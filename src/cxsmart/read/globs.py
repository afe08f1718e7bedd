"""Glob matching that cannot hang: `.gitignore` lines, `include`, `exclude` and per-file ignores.

pathspec reads the patterns (git's own rules, tested against git by its authors); the matching
is done by its RE2 backend (google-re2), an automaton that never backtracks, so a name is
matched in time linear in its length whatever the pattern (`a*a*a*a*a*a*a*a*a*b` against a
long name took minutes with Python's `re`). RE2 bounds the memory an automaton may take; a
set of patterns past that bound is an error that names where the patterns came from, never a
slow run. The number of .gitignore patterns and bytes a run reads is bounded too
(`IgnoreBudget`), since each one costs time to read and compile.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import pathspec
from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

BACKEND = "re2"
MAX_IGNORE_BYTES = 256 * 1024           # all the .gitignore files one run reads, together
MAX_IGNORE_PATTERNS = 5_000             # their patterns, together


class GlobError(ValueError):
    """Patterns that cannot be matched within the bounds (the message says which)."""


def spec(lines: Iterable[str], where: str = "the patterns") -> pathspec.PathSpec:
    """A gitignore-style matcher of `lines` (every line must read; see `readable`)."""
    return _compiled([_pattern(line) for line in lines], where)


def _pattern(line: str) -> GitIgnoreSpecPattern:
    """One line's pattern. pathspec also compiles it with Python's `re`, which warns about a set
    inside a set ('a[[b]c': "FutureWarning: Possible nested set"); git reads such a line as it
    is, and the warning, printed with pathspec's own file and line, would only puzzle the user."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return GitIgnoreSpecPattern(line)


def readable(lines: Iterable[str]) -> list[GitIgnoreSpecPattern]:
    """The patterns of the lines git would read: a line it cannot parse (a lone '!', a trailing
    '\\') is skipped, as git skips it. Each line is parsed once."""
    patterns = []
    for line in lines:
        try:
            patterns.append(_pattern(line))
        except Exception:  # noqa: BLE001 - pathspec raises its own error types for unreadable patterns
            continue
    return patterns


def from_patterns(patterns: list[GitIgnoreSpecPattern], where: str) -> pathspec.PathSpec:
    return _compiled(patterns, where)


def _compiled(patterns: list[GitIgnoreSpecPattern], where: str) -> pathspec.PathSpec:
    try:
        return pathspec.GitIgnoreSpec(patterns, backend=BACKEND)
    except GlobError:
        raise
    except Exception:  # noqa: BLE001 - re2 reports a set past its memory bound with its own error
        raise GlobError(f"{where}: too many or too complex patterns for cxsmart to match "
                        f"(it matches without backtracking, within a memory bound)") from None


class IgnoreBudget:
    """What one run may read of .gitignore files: MAX_IGNORE_BYTES and MAX_IGNORE_PATTERNS in
    all. `take` raises GlobError naming the file that goes past either bound."""

    def __init__(self) -> None:
        self.bytes = 0
        self.patterns = 0

    def take(self, where: str, size: int, patterns: int) -> None:
        self.bytes += size
        self.patterns += patterns
        if self.bytes > MAX_IGNORE_BYTES or self.patterns > MAX_IGNORE_PATTERNS:
            raise GlobError(f"{where}: the .gitignore files read so far hold more than {MAX_IGNORE_BYTES // 1024} KiB "
                            f"or {MAX_IGNORE_PATTERNS:,} patterns; cxsmart does not read that many "
                            f"(shorten them, or set respect-gitignore = false)")

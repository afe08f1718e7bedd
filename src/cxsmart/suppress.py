"""Inline suppression comments.

    title: Become the most customer-centric bank   # cxsmart: ignore[S001]
    # cxsmart: ignore-file[T003]

`ignore[...]` suppresses those codes (or prefixes) for findings that start on that line;
`ignore-file[...]` anywhere in the file suppresses them in the whole file. A suppression
without codes, or with a code no rule has, is F006; one that suppressed nothing is F007.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cxsmart.diagnostics import Diagnostic, Span
from cxsmart.suggest import did_you_mean

_COMMENT = re.compile(r"(?:^|[ \t])#[ \t]*cxsmart:[ \t]*(?P<kind>ignore-file|ignore)\b(?P<codes>\[[^\]\n]*\]?)?")


@dataclass
class Suppression:
    line: int
    span: Span
    file_wide: bool
    codes: list[str]
    used: set[str] = field(default_factory=set)

    def covers(self, code: str) -> str | None:
        for c in self.codes:
            if code.startswith(c):
                return c
        return None


@dataclass
class FileSuppressions:
    by_line: dict[int, list[Suppression]] = field(default_factory=dict)
    file_wide: list[Suppression] = field(default_factory=list)
    malformed: list[tuple[Span, str]] = field(default_factory=list)

    @property
    def all(self) -> list[Suppression]:
        return [s for group in self.by_line.values() for s in group] + self.file_wide


def parse(text: str | None, known_codes: set[str]) -> FileSuppressions:
    out = FileSuppressions()
    if not text or "cxsmart:" not in text:
        return out
    for number, line in enumerate(text.splitlines(), start=1):
        if "cxsmart:" not in line:
            continue
        for m in _COMMENT.finditer(line):
            start = m.start() + (1 if m.group(0)[0] in " \t" else 0)
            span = Span(number, start + 1, number, m.end() + 1)
            raw = m.group("codes")
            if not raw or not raw.endswith("]") or not raw.strip("[] \t"):
                kind = m.group("kind")
                out.malformed.append((span, f"'# cxsmart: {kind}' must name the codes it suppresses, "
                                            f"like '# cxsmart: {kind}[S001]'"))
                continue
            codes = [c.strip().upper() for c in raw.strip("[]").split(",") if c.strip()]
            good = []
            for code in codes:
                if any(k.startswith(code) for k in known_codes):
                    good.append(code)
                else:
                    out.malformed.append((span, f"'{code}' in this suppression is not a rule code"
                                                f"{did_you_mean(code, known_codes)}"))
            supp = Suppression(number, span, m.group("kind") == "ignore-file", good)
            if supp.file_wide:
                out.file_wide.append(supp)
            else:
                out.by_line.setdefault(number, []).append(supp)
    return out


def suppressed(diag: Diagnostic, supps: FileSuppressions) -> bool:
    for supp in supps.by_line.get(diag.span.line, []) + supps.file_wide:
        hit = supp.covers(diag.code)
        if hit:
            supp.used.add(hit)
            return True
    return False

"""Positions: cxsmart counts 1-based lines (split at CRLF, LF or CR) and 1-based columns in
code points, a UTF-8 BOM being no column; LSP counts 0-based lines and columns in UTF-16 code
units (the encoding every client supports). A Lines object converts both ways for one text."""

from __future__ import annotations

import re

from cxsmart.diagnostics import Span

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")


def _units(text: str) -> int:
    """UTF-16 code units of `text`."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Lines:
    def __init__(self, text: str) -> None:
        if "\r" not in text:
            self.lines = text.split("\n")          # the same lines, at a tenth of the cost
        else:
            self.lines = [m.group(0).rstrip("\r\n") for m in _LINE.finditer(text)]
            if len(self.lines) > 1 and self.lines[-1] == "" and not text.endswith(("\n", "\r")):
                self.lines.pop()
        self.bom = 1 if text.startswith("\ufeff") else 0

    def line_text(self, line: int) -> str:
        """The 0-based line's text (a BOM left out), or '' past the end."""
        if not 0 <= line < len(self.lines):
            return ""
        return self.lines[line][self.bom:] if line == 0 else self.lines[line]

    def to_lsp(self, line: int, column: int) -> tuple[int, int]:
        """1-based (line, code-point column) -> 0-based (line, UTF-16 character)."""
        text = self.line_text(line - 1)
        chars = max(column - 1, 0)
        shift = self.bom if line == 1 else 0
        return line - 1, _units(text[:chars]) + (chars - len(text) if chars > len(text) else 0) + shift

    def from_lsp(self, line: int, character: int) -> tuple[int, int]:
        """0-based (line, UTF-16 character) -> 1-based (line, code-point column)."""
        text = self.line_text(line)
        shift = self.bom if line == 0 else 0
        units = max(character - shift, 0)
        count = 0
        for i, ch in enumerate(text):
            if count >= units:
                return line + 1, i + 1
            count += 2 if ord(ch) > 0xFFFF else 1
        return line + 1, len(text) + 1 + max(units - count, 0)

    def span_to_lsp(self, span: Span) -> tuple[tuple[int, int], tuple[int, int]]:
        return self.to_lsp(span.line, span.column), self.to_lsp(span.end_line, span.end_column)

"""Text that is safe to print: a goal file can hold control characters ("\\e[31m" in a
double-quoted title) or bidirectional overrides, which would recolour or rewrite the reader's
terminal, or hide text in a CI log. Human-facing output shows them as visible escapes."""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                       text)

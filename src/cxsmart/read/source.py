"""Reading a goal file's bytes into text, refusing what is not text, with positions for why.

Regular files only, read with a size cap (a FIFO or /dev/zero reports size 0 and never ends).
UTF-8 with or without a BOM, and UTF-16 with a BOM, are read; anything else is a finding at
the line and column of the first byte that is not UTF-8.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from cxsmart.diagnostics import Span
from cxsmart.read.safeopen import Unreadable, read_regular

__all__ = ["Problem", "Unreadable", "decode", "read_bytes", "text_position"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding known before rules run (file, schema and reference findings)."""

    code: str
    message: str
    span: Span
    hint: str | None = None
    goal: str | None = None
    subject: str | None = None


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES, within=()) -> bytes:
    """Up to max_bytes + 1 bytes of a regular file; links out of the workspace are refused
    (safeopen.read_regular)."""
    return read_regular(path, max_bytes, within)


# Whatever max-file-size says, no goal file above this is read (a 100 MB file took 3.9 GB to parse),
# and a run reads at most RUN_MAX_BYTES of goal files in all: the memory bound of a run.
HARD_MAX_BYTES = 10 * 1024 * 1024          # the default max-file-size: it can only be lowered
RUN_MAX_BYTES = 20 * 1024 * 1024


def file_limit(max_file_size_mib: int) -> int:
    """The bytes of one goal file a run reads: the configured size, at most HARD_MAX_BYTES."""
    return min(max_file_size_mib * 1024 * 1024, HARD_MAX_BYTES)


def decode(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str | None, Problem | None]:
    """Bytes to text, or a positioned F001 problem saying why not."""
    if len(data) > max_bytes:
        advice = "split it" if max_bytes >= HARD_MAX_BYTES else "set max-file-size in the configuration to read it"
        return None, Problem("F001", f"the file is too large: larger than the {max_bytes // (1024 * 1024)} MiB limit "
                             f"({advice})", Span(1, 1, 1, 2))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            return None, Problem("F001", f"the file starts with a UTF-16 byte-order mark but is not valid UTF-16 ({e.reason})",
                                 Span(1, 1, 1, 2))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            at = e.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)    # e counts after the BOM
            line, col = _position(data, at)
            return None, Problem(
                "F001", f"the file is not UTF-8 text: byte 0x{data[at]:02x} cannot be read",
                Span(line, col, line, col + 1),
                hint="save the file as UTF-8 (most editors offer 'Save with encoding')")
    text = normalise_breaks(text)
    nul = text.find("\x00")
    if nul >= 0:
        line, col = text_position(text, nul)
        return None, Problem("F001", "the file holds a NUL character: it looks like a binary file, not YAML",
                             Span(line, col, line, col + 1))
    return text, None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    start = 3 if data.startswith(codecs.BOM_UTF8) else 0
    head = data[start:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line = head.count(b"\n") + 1
    line_start = head.rfind(b"\n") + 1
    col = len(head[line_start:].decode("utf-8", errors="replace")) + 1
    return line, col


def normalise_breaks(text: str) -> str:
    """One line-counting rule everywhere (loader, positions, suppressions, excerpts): a line
    ends at LF, CRLF or a CR alone (old Mac files), and nowhere else. As in YAML 1.2, NEL,
    LS and PS are not line breaks (they stay in the text, and such a file is composed by the
    YAML 1.2 reader: see yamlread). A form feed is white space, as in source code, not a
    control character. Columns are unchanged: only break characters are rewritten."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x0c" in text:
        text = text.replace("\x0c", " ")
    return text


def source_lines(text: str) -> list[str]:
    """The lines of a decoded (normalised) text, as every position counts them: not
    str.splitlines(), which also breaks at NEL, LS, PS, form feed and FS/GS/RS."""
    return normalise_breaks(text).split("\n")


def text_position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
